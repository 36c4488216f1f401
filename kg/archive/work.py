"""Phase 1 of the archive build, per file: ingest + NLP → plain records. Runs in worker processes (--jobs),
on Dask workers (--engine dask) or in the main process (--jobs 1); the model is loaded once per process."""

from __future__ import annotations

from dataclasses import dataclass, field
from types import SimpleNamespace

from kg.records import Document, Problem


@dataclass
class FileTask:
    path: str  # the path to open (as the inputs named it)
    doc_id: str
    key: str  # content key: file bytes + name + id + code fingerprint (kg/archive/cache.py)
    size: int


@dataclass
class ArticleNlp:
    """What extraction needs of an article's spaCy Doc: the entity candidates and vetoes (plain dicts and lists),
    and the reliable names it defines for the rest of the corpus (surface → (label, subtype), first seen first)."""

    entities: list[dict]
    vetoes: list[list]
    names: list[tuple[str, tuple[str, str | None]]]


@dataclass
class FileRecord:
    key: str
    document: Document | None  # None: the file was skipped (`error` says why)
    error: Problem | None = None
    nlp: list[ArticleNlp | None] = field(default_factory=list)  # one per article; None where the NLP failed
    nlp_problems: list[Problem] = field(default_factory=list)


_state: dict[str, object] = {}


def _pipeline(domain: str | None):
    """The NLP pipeline of this process, loaded on first use (and again only if the domain pack changes)."""
    from kg import domain as domains

    if domain is not None and domains.current().name != domain:
        domains.use(domain)
        _state.clear()
    if "nlp" not in _state:
        from kg.extract import add_components
        from kg.nlp import load

        _state["nlp"] = add_components(load())
    return _state["nlp"]


def read_batch(domain: str | None, tasks: list[FileTask]) -> list[FileRecord]:
    """Ingest each file and run the NLP over all their articles together (batched by kg.extract)."""
    from kg.extract import _read_docs, corpus_names
    from kg.ingest import IngestError, ingest_file
    from kg.ingest.sources import display_path

    nlp = _pipeline(domain)
    records = []
    for task in tasks:
        try:
            records.append(FileRecord(task.key, ingest_file(task.path, doc_id=task.doc_id)))
        except IngestError as error:
            records.append(FileRecord(task.key, None, Problem(display_path(task.path), str(error), "error")))
    articles = [a for r in records if r.document for a in r.document.articles]
    problems: list[Problem] = []
    docs = iter(_read_docs(nlp, articles, problems, None))
    failures = iter(problems)  # one problem per article whose NLP failed, in article order
    for record in records:
        for article in record.document.articles if record.document else ():
            doc = next(docs)
            record.nlp.append(None if doc is None else _plain(article, doc, corpus_names))
            if doc is None:
                record.nlp_problems.append(next(failures))
    return records


def _plain(article, doc, corpus_names) -> ArticleNlp:
    data = {key: doc.user_data.get(key, []) for key in ("kg_entities", "kg_vetoes")}
    # doc.text rebuilds the text from the tokens (slow); it is the article's text, so read names from that
    names = corpus_names([SimpleNamespace(text=article.text, user_data=data)])
    return ArticleNlp(data["kg_entities"], [list(v) for v in data["kg_vetoes"]], list(names.items()))
