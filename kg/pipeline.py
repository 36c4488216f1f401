"""The end-to-end build: ingest → nlp → extract → resolve → graph → export.

Library entry point behind `kg build`; usable from Python:

    from kg.pipeline import build
    report = build(["seeds/"], out_dir="output")
"""

from __future__ import annotations

import gc
import logging
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from kg.archive.cache import CACHE, RecordCache
from kg.archive.stream import BuildCounts
from kg.records import Corpus, Problem

if TYPE_CHECKING:
    from kg.graph.export import OutputFolder

log = logging.getLogger(__name__)


@dataclass
class BuildReport:
    corpus: Corpus
    outputs: dict[str, Path] = field(default_factory=dict)
    files_seen: int = 0
    files_read: int = 0
    files_skipped: int = 0
    triples: int = 0
    seconds: float = 0.0
    counts: BuildCounts | None = None  # files reused from the previous build's cache, re-extracted, ...

    @property
    def problems(self) -> list[Problem]:
        return self.corpus.problems

    @property
    def ok(self) -> bool:
        """A build is usable when at least one article was read."""
        return bool(self.corpus.articles)


def default_inputs() -> list[Path]:
    """The seed documents shipped with the project: the default input of `kg build`."""
    from kg.paths import seeds_dir

    return [seeds_dir()]


def check_options(base_iri: str | None, formats: Iterable[str]) -> None:
    """Raise ValueError for a bad base IRI or RDF format, so mistakes fail before the slow pipeline runs."""
    from kg.graph.export import RDF_FORMATS
    from kg.graph.iris import normalize_base

    if base_iri is not None:
        normalize_base(base_iri)
    unknown = [f for f in formats if f.lower().lstrip(".") not in RDF_FORMATS]
    if unknown:
        raise ValueError(f"unknown RDF format {unknown[0]!r}; choose from ttl, jsonld, nt")


def build(
    inputs: Sequence[str | Path] | None = None,
    out_dir: str | Path = "output",
    *,
    base_iri: str | None = None,
    formats: Iterable[str] = ("ttl",),
    html: bool = True,
    progress: Callable[[str, int, int], None] | None = None,
    jobs: int = 1,
    engine: str = "local",
    address: str | None = None,
) -> BuildReport:
    """Run the whole pipeline over files/folders/globs and write the exports into `out_dir`.

    `progress(stage, done, total)` is called as files are processed (the CLI draws a bar with it).
    `jobs`: worker processes for ingest + NLP (each loads the model once); `engine="dask"` runs them on the Dask
    scheduler at `address` (a local cluster of `jobs` workers without one). The output is the same whatever runs it.
    The output folder is locked for the whole build (a second build into it waits) and replaced as a whole at
    the end, so it always holds one build's complete set, with the cache (`.kg-cache/`) that `kg update` reuses.
    """
    from kg.graph.export import OutputFolder

    formats = tuple(formats)
    check_options(base_iri, formats)
    started = time.perf_counter()
    folder = OutputFolder(out_dir)
    waited_from: list[float] = []

    def waiting() -> None:
        waited_from.append(time.perf_counter())
        log.warning("%s: another kg build is writing into this folder; waiting for it to finish", out_dir)
        if progress is not None:
            progress(f"waiting for another build into {out_dir}", 0, 1)

    with folder.lock(waiting), few_full_collections():
        problems = []
        if waited_from:
            problems.append(Problem(str(out_dir), f"waited {time.perf_counter() - waited_from[0]:.1f} s for another "
                                    "kg build writing into this folder", "warning"))
        stage = folder.open_stage()
        cache = RecordCache(stage / CACHE, folder.out / CACHE)
        report = _run(inputs, problems, progress, cache, jobs=jobs, engine=engine, address=address)
        if report.ok:
            cache.write_manifest(manifest(report.counts, base_iri=base_iri, formats=formats, html=html))
            writing = time.perf_counter()
            report.outputs, report.triples = write_outputs(report.corpus, folder, Path(out_dir), base_iri=base_iri,
                                                           formats=formats, html=html)
            report.counts.timed("exports + store", writing)
        # Nothing usable: the previous build in out_dir is left untouched rather than replaced by an empty graph.
    report.seconds = time.perf_counter() - started
    return report


@contextmanager
def few_full_collections() -> Iterator[None]:
    """The main process of a build holds millions of long-lived objects (the records, then the graph), and Python's
    full collections walk all of them again and again: 2–3× the time of unpickling them, a fifth of resolution's.
    Young collections stay as they are: they free the cyclic garbage of the NLP and the rules."""
    old = gc.get_threshold()
    gc.set_threshold(old[0], old[1], max(old[2], 1000))  # a threshold, not gc.disable(): srsly re-enables gc
    try:
        yield
    finally:
        gc.set_threshold(*old)


def _run(inputs, problems: list[Problem], progress, cache: RecordCache, **engine) -> BuildReport:
    """Ingest → nlp → extract → resolve (kg/archive: streamed through the cache, on `engine`'s workers)."""
    from kg.archive import build_corpus

    paths = [Path(p) for p in inputs] if inputs else default_inputs()
    corpus, counts = build_corpus(paths, cache, problems=problems, progress=progress, **engine)
    return BuildReport(corpus=corpus, files_seen=counts.files_seen, files_read=counts.files_read,
                       files_skipped=counts.files_skipped, counts=counts)


def manifest(counts: BuildCounts, **options) -> dict:
    """What `kg update` needs of this build: its files in order and its options."""
    from kg import domain

    return {"version": 1, "domain": domain.current().name, "options": {k: v if not isinstance(v, tuple) else list(v)
            for k, v in options.items()}, "files": counts.files}


def write_outputs(corpus: Corpus, folder: OutputFolder, shown: Path, *, base_iri: str | None = None,
                  formats: Iterable[str] = ("ttl",), html: bool = True) -> tuple[dict[str, Path], int]:
    """Write every export into a staging folder, then put the set in place as a whole (OutputFolder.commit).
    Returns ({name: path under `shown`, the output folder as the caller named it}, number of RDF triples)."""
    from kg.graph.export import write_exports

    stage = folder.stage or folder.open_stage()
    # the previous build's exports are spliced where this one changes few of their pieces (kg/graph/splice.py); a
    # build keeps what the next one needs for it in its record cache
    outputs, triples = write_exports(corpus, stage, base_iri=base_iri, formats=formats, previous=folder.out,
                                     keep_state=(stage / CACHE).is_dir())
    if html:
        from kg.viz import write_html

        outputs["html"] = write_html(corpus, stage / "graph.html")
    rdf = [outputs[k] for k in ("ttl", "nt", "jsonld") if k in outputs][:1]
    if rdf:  # the store kg query and kg serve read (kg/query/store.py), filled from the graph it sits beside
        from kg.query.store import STORE_DIR, fill_store, update_store

        from kg.graph.splice import changed_subjects

        previous = folder.out / STORE_DIR
        # the subjects whose Turtle blocks the splice made again: the store's diff need not compare every block
        subjects = changed_subjects(folder.out / "graph.ttl")
        if previous.is_dir() and previous != stage / STORE_DIR:  # the earlier build's store, changed by a diff
            update_store(stage / STORE_DIR, rdf, previous, subjects)
        else:
            fill_store(stage / STORE_DIR, rdf)
    folder.commit()
    if folder.note:
        corpus.problems.append(Problem(str(shown), folder.note, "warning"))
    return {name: shown / path.name for name, path in outputs.items()}, triples
