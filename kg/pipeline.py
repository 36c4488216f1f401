"""The end-to-end build: ingest → nlp → extract → resolve → graph → export.

Library entry point behind `kg build`; usable from Python:

    from kg.pipeline import build
    report = build(["seeds/"], out_dir="output")
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from kg.records import Corpus, Problem



@dataclass
class BuildReport:
    corpus: Corpus
    outputs: dict[str, Path] = field(default_factory=dict)
    files_seen: int = 0
    files_read: int = 0
    files_skipped: int = 0
    triples: int = 0
    seconds: float = 0.0

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
) -> BuildReport:
    """Run the whole pipeline over files/folders/globs and write the exports into `out_dir`.

    `progress(stage, done, total)` is called as articles are processed (the CLI draws a bar with it).
    """
    from kg.extract import extract_articles
    from kg.graph.export import write_exports
    from kg.ingest import ingest
    from kg.nlp import load as load_nlp
    from kg.resolve import resolve

    formats = tuple(formats)
    check_options(base_iri, formats)
    started = time.perf_counter()
    paths = [Path(p) for p in inputs] if inputs else default_inputs()
    ingested = ingest(paths)
    corpus = Corpus(documents=ingested.documents, problems=list(ingested.problems))
    articles = corpus.articles
    if not articles:
        # Nothing usable: leave any previous build in out_dir untouched rather than overwrite it with an empty graph.
        return BuildReport(
            corpus=corpus,
            files_seen=ingested.files_seen,
            files_read=ingested.files_read,
            files_skipped=ingested.files_skipped,
            seconds=time.perf_counter() - started,
        )
    nlp = load_nlp()
    corpus.extractions = extract_articles(nlp, articles, progress=progress, problems=corpus.problems)
    corpus.entities, corpus.relations = resolve(corpus.extractions)

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    outputs, triples = write_exports(corpus, out, base_iri=base_iri, formats=formats)
    if html:
        from kg.viz import write_html

        outputs["html"] = write_html(corpus, out / "graph.html")
    return BuildReport(
        corpus=corpus,
        outputs=outputs,
        files_seen=ingested.files_seen,
        files_read=ingested.files_read,
        files_skipped=ingested.files_skipped,
        triples=triples,
        seconds=time.perf_counter() - started,
    )
