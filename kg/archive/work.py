"""Phase 1 of the archive build, per file: ingest + NLP → plain records. Runs in worker processes (--jobs),
on Dask workers (--engine dask) or in the main process (--jobs 1); the model is loaded once per process."""

from __future__ import annotations

import dataclasses
import pickle
from collections.abc import Iterator, Sequence
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


class StoredNlp(Sequence):
    """A file's per-article NLP records as the cache keeps them: pickled on their own inside the file's record and
    unpickled on first use. An update whose extractions come from the cache never uses them: unpickling a file's
    record then builds its document only (the entity candidates are ~80 % of a record's unpickling time).
    `present[k]`: whether article k has a record (False where its NLP failed), known without unpickling."""

    __slots__ = ("data", "present", "_items")

    def __init__(self, data: bytes, present: Sequence[bool]):
        self.data, self.present, self._items = data, tuple(present), None

    @classmethod
    def of(cls, items: Sequence[ArticleNlp | None]) -> StoredNlp:
        return cls(pickle.dumps(list(items), protocol=pickle.HIGHEST_PROTOCOL), [item is not None for item in items])

    def _loaded(self) -> list[ArticleNlp | None]:
        if self._items is None:
            self._items = pickle.loads(self.data)
        return self._items

    def __len__(self) -> int:
        return len(self.present)

    def __getitem__(self, index):
        return self._loaded()[index]

    def __iter__(self) -> Iterator[ArticleNlp | None]:
        return iter(self._loaded())

    def __eq__(self, other) -> bool:
        return isinstance(other, (list, StoredNlp)) and list(self) == list(other)

    def __reduce__(self):
        return StoredNlp, (self.data, self.present)


@dataclass
class FileRecord:
    key: str
    document: Document | None  # None: the file was skipped (`error` says why)
    error: Problem | None = None
    # one per article; None where the NLP failed. A list as computed, a StoredNlp as read from the cache
    nlp: list[ArticleNlp | None] | StoredNlp = field(default_factory=list)
    nlp_problems: list[Problem] = field(default_factory=list)

    def stored(self) -> FileRecord:
        """The record as the cache keeps it (its NLP records pickled apart: StoredNlp)."""
        return self if isinstance(self.nlp, StoredNlp) else dataclasses.replace(self, nlp=StoredNlp.of(self.nlp))

    def nlp_present(self) -> Sequence[bool]:
        """Per article, whether its NLP record exists (without unpickling a stored one)."""
        return self.nlp.present if isinstance(self.nlp, StoredNlp) else [item is not None for item in self.nlp]


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
