"""Write the graph exports: graph.ttl (and .jsonld / .nt on request), graph.graphml, entities/relations.jsonl.

Every file is written to a temporary file in the same folder and moved into place with os.replace, so a
crash never leaves a half-written export behind.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

from pyoxigraph import RdfFormat, serialize

from kg.graph.flat import entities_jsonl, relations_jsonl
from kg.graph.mapping import to_triples
from kg.graph.namespace import PREFIXES
from kg.graph.view import CorpusView
from kg.records import Corpus

RDF_FORMATS: dict[str, tuple[RdfFormat, str]] = {
    "ttl": (RdfFormat.TURTLE, "graph.ttl"),
    "turtle": (RdfFormat.TURTLE, "graph.ttl"),
    "jsonld": (RdfFormat.JSON_LD, "graph.jsonld"),
    "json-ld": (RdfFormat.JSON_LD, "graph.jsonld"),
    "nt": (RdfFormat.N_TRIPLES, "graph.nt"),
    "ntriples": (RdfFormat.N_TRIPLES, "graph.nt"),
}


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def atomic_write(path: Path, write: Callable[[Path], None]) -> Path:
    """Run `write(tmp_path)` then move the temporary file onto `path`."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(handle)
    try:
        write(Path(tmp))
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; exports are ordinary files
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def atomic_write_text(path: Path, text: str) -> Path:
    return atomic_write(path, lambda tmp: tmp.write_text(text, encoding="utf-8", newline="\n"))


def serialize_rdf(triples, fmt: str = "ttl") -> bytes:
    rdf_format = RDF_FORMATS[fmt][0]
    prefixes = None if rdf_format == RdfFormat.N_TRIPLES else PREFIXES
    return serialize(triples, format=rdf_format, prefixes=prefixes)


def write_exports(
    corpus: Corpus,
    out_dir: str | Path,
    base_iri: str | None = None,
    formats: Iterable[str] = ("ttl",),
) -> tuple[dict[str, Path], int]:
    """Write all exports of `corpus` into `out_dir`; returns ({name: path}, number of RDF triples).

    Mapping problems (dangling ids, bad dates) are appended to `corpus.problems` as warnings.
    Raises ValueError for an unknown format or an invalid base IRI, before anything is written.
    """
    wanted = []
    for fmt in formats:
        key = fmt.lower().lstrip(".")
        if key not in RDF_FORMATS:
            raise ValueError(f"unknown RDF format {fmt!r}; choose from ttl, jsonld, nt")
        if RDF_FORMATS[key][1] not in {RDF_FORMATS[w][1] for w in wanted}:
            wanted.append(key)
    out = Path(out_dir)
    triples = to_triples(corpus, base_iri, problems=corpus.problems)

    outputs: dict[str, Path] = {}
    for key in wanted:
        rdf_format, name = RDF_FORMATS[key]
        label = {"graph.ttl": "ttl", "graph.jsonld": "jsonld", "graph.nt": "nt"}[name]
        outputs[label] = atomic_write(out / name, lambda tmp, f=key: tmp.write_bytes(serialize_rdf(triples, f)))

    from kg.graph.nx import to_networkx, write_graphml

    graph = to_networkx(corpus)
    outputs["graphml"] = atomic_write(out / "graph.graphml", lambda tmp: write_graphml(graph, tmp))
    view = CorpusView.of(corpus)
    outputs["entities"] = atomic_write_text(out / "entities.jsonl", entities_jsonl(corpus, view))
    outputs["relations"] = atomic_write_text(out / "relations.jsonl", relations_jsonl(corpus, view))
    return outputs, len(triples)
