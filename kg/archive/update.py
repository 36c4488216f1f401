"""`kg update`: add new and changed files to a built graph, drop deleted ones, reusing the per-document records the
previous build cached. The result is byte-identical to a full build of the final files, in the order: the previous
build's files (a changed one keeps its place), then the new ones; only new and changed files go through the NLP,
and only articles whose text or corpus names changed go through the extraction rules again.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from kg.archive.cache import read_manifest
from kg.records import Problem


def final_inputs(manifest: dict, files: Sequence[str | Path], remove: Sequence[str | Path] = ()) -> tuple[list[str], list[str]]:
    """(inputs of the updated build, files of the previous build left out: removed or no longer there)."""
    dropped = {os.path.realpath(p) for p in remove}
    kept, gone = [], []
    for entry in manifest["files"]:
        path = _reachable(entry)
        if path is None or dropped and os.path.realpath(path) in dropped:  # realpath: ~20 µs a file
            gone.append(entry["path"])
        else:
            kept.append(path)
    return kept + [str(f) for f in files if os.path.realpath(f) not in dropped], gone


def _reachable(entry: dict) -> str | None:
    """The file as the previous build named it when that still reaches it from here (same names, same cache
    keys), else its absolute path; None when it is gone."""
    path, absolute = entry["path"], entry.get("abs") or entry["path"]
    if not os.path.lexists(absolute):
        return None
    if path == absolute:  # named by its absolute path (an archive's usual case): no two stat calls to compare
        return path
    try:
        return path if os.path.samefile(path, absolute) else absolute
    except OSError:
        return absolute


def update(files: Sequence[str | Path], out_dir: str | Path, *, remove: Sequence[str | Path] = (), **build_options):
    """Update the graph in `out_dir` (see the module's doc); `build_options` go to kg.pipeline.build (jobs, engine,
    progress, ...); the export options (formats, base IRI, viewer) are the previous build's. Raises ValueError when
    `out_dir` holds no build to update."""
    from kg import domain
    from kg.pipeline import build

    manifest = read_manifest(Path(out_dir))
    if manifest is None:
        raise ValueError(f"{out_dir}: no earlier build to update (no .kg-cache/manifest.json); run kg build first")
    inputs, gone = final_inputs(manifest, files, remove)
    if manifest.get("domain") and manifest["domain"] != domain.current().name:
        domain.use(manifest["domain"])
    options = manifest.get("options", {})
    report = build(inputs, out_dir, base_iri=options.get("base_iri"), formats=options.get("formats", ["ttl"]),
                   html=options.get("html", True), **build_options)
    report.corpus.problems[:0] = [Problem(path, "removed from the graph (deleted, or named by --remove)", "warning")
                                  for path in gone]
    return report
