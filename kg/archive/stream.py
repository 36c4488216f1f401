"""The two phases of the archive build (see kg/archive/__init__.py). Memory: phase 1 keeps per file only its key,
its names and (for lunar-dated issues) its metadata; records go to the cache as they come."""

from __future__ import annotations

import logging
import os
import stat
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from kg.archive.cache import RecordCache, file_key, key_of
from kg.archive.engines import mapper, serial
from kg.archive.work import FileRecord, FileTask, read_batch
from kg.records import ArticleExtraction, Corpus, Document, Problem

log = logging.getLogger(__name__)
BATCH_FILES = 16
BATCH_BYTES = 96_000  # ~32k characters of UTF-8 Chinese: one NLP batch (kg.extract.BATCH_CHARS) per task


@dataclass
class BuildCounts:
    files_seen: int = 0
    files_read: int = 0
    files_skipped: int = 0
    reused: int = 0  # files whose NLP record came from the previous build's cache
    reextracted: int = 0  # files whose extraction rules ran (the others' came from the cache)
    files: list[dict] = field(default_factory=list)  # the manifest's file list
    seconds: dict[str, float] = field(default_factory=dict)  # wall seconds by stage

    def timed(self, stage: str, since: float) -> float:
        now = time.perf_counter()
        self.seconds[stage] = self.seconds.get(stage, 0.0) + now - since
        return now


def plan(paths: Sequence[str | Path]) -> tuple[list[FileTask], list[Problem], BuildCounts]:
    """The files to read, named and numbered as kg.ingest.ingest does, each with its content key."""
    from kg.ingest.document import document_id
    from kg.ingest.sources import discover, display_path

    files, problems, ignored = discover(paths)
    counts = BuildCounts(files_seen=len(files) + len(problems) + len(ignored),
                         files_skipped=len(problems) + len(ignored))
    problems = list(problems)
    if ignored:
        shown = ", ".join(ignored[:5]) + (" …" if len(ignored) > 5 else "")
        problems.append(Problem(shown, f"{len(ignored)} hidden or system file(s) in folders ignored", "warning"))
    shown = {path: Path(display_path(path)) for path in files}
    stems: dict[str, int] = {}
    for path in files:
        stems[shown[path].stem] = stems.get(shown[path].stem, 0) + 1
    tasks = []
    for path in files:
        doc_id = document_id(shown[path])
        if stems[shown[path].stem] > 1:
            import hashlib

            doc_id = f"{doc_id}-{hashlib.sha1(str(shown[path]).encode()).hexdigest()[:6]}"
        key, size = _key(path, shown[path], doc_id)
        tasks.append(FileTask(str(path), doc_id, key, size))
    return tasks, problems, counts


def _key(path: Path, shown: Path, doc_id: str) -> tuple[str, int]:
    """Only regular files are hashed (a FIFO would block); others get no key and are read (and refused) by ingest."""
    try:
        if stat.S_ISREG(os.stat(path).st_mode):
            return file_key(str(path), str(shown), doc_id)
    except OSError:
        pass
    return "", 0


def _batches(tasks: list[FileTask]) -> Iterator[list[FileTask]]:
    batch: list[FileTask] = []
    size = 0
    for task in tasks:
        if batch and (len(batch) == BATCH_FILES or size + task.size > BATCH_BYTES):
            yield batch
            batch, size = [], 0
        batch.append(task)
        size += task.size
    if batch:
        yield batch


def read_files(tasks: list[FileTask], cache: RecordCache, run: Callable, domain: str, counts: BuildCounts,
               *, small_here: bool = True) -> Iterator[FileRecord]:
    """Phase 1: every file's record in input order, from the cache or computed by `run` (an engine's map)."""
    todo = [t for t in tasks if not t.key or not cache.has("nlp", t.key)]
    batches = list(_batches(todo))
    if len(batches) <= 1 and small_here:  # one batch: not worth starting workers that each load the model
        run = serial
    computed = (r for records in run(partial(read_batch, domain), batches) for r in records)
    waiting = {id(t) for t in todo}
    for task in tasks:
        if id(task) in waiting:
            record = next(computed)
            if task.key:
                cache.put("nlp", task.key, record)
        else:
            record = cache.get("nlp", task.key)
            counts.reused += 1
        yield record


@dataclass
class _Entry:
    key: str
    record: FileRecord | None  # kept only for files without a key (those that could not be read)


def build_corpus(inputs: Sequence[str | Path], cache: RecordCache, *, jobs: int = 1, engine: str = "local",
                 address: str | None = None, problems: list[Problem] | None = None,
                 progress: Callable[[str, int, int], None] | None = None) -> tuple[Corpus, BuildCounts]:
    """Ingest → NLP (phase 1, on `jobs` workers) → names, dates, extraction rules → resolution: the Corpus."""
    from kg import domain
    from kg.ingest.issues import date_issues_from_siblings
    from kg.resolve import resolve

    started = time.perf_counter()
    tasks, planned, counts = plan(inputs)
    corpus = Corpus(problems=[*(problems or []), *planned])
    names: dict[str, tuple[str, str | None]] = {}
    stubs: dict[str, Document] = {}  # lunar-dated issues and the dated issues that settle them
    entries: list[_Entry] = []
    nlp_problems: list[Problem] = []
    run = mapper(engine, jobs, address)
    records = read_files(tasks, cache, run, domain.current().name, counts, small_here=engine == "local")
    for n, record in enumerate(records, 1):
        _take(record, corpus.problems, names, stubs, nlp_problems, counts)
        entries.append(_Entry(record.key, None if record.key else record))
        if progress is not None:
            progress("nlp", n, len(tasks))
    counts.files = [{"path": t.path, "abs": os.path.abspath(t.path), "key": t.key} for t in tasks]
    started = counts.timed("read + NLP", started)
    corpus.problems += date_issues_from_siblings(list(stubs.values()))
    extraction_problems: list[Problem] = []
    finder = NameFinder(names)
    for n, entry in enumerate(entries, 1):
        record = entry.record or cache.get("nlp", entry.key)
        if record.document is not None:
            _settle_dates(record.document, stubs.get(record.document.id))
            corpus.documents.append(record.document)
            corpus.extractions += _extract(record, finder, cache, extraction_problems, counts)
        if progress is not None:
            progress("extract", n, len(entries))
    corpus.problems += nlp_problems + extraction_problems
    for problem in nlp_problems + extraction_problems:
        log.warning("%s: %s", problem.path, problem.reason)
    started = counts.timed("rules", started)
    if corpus.extractions:
        corpus.entities, corpus.relations = resolve(corpus.extractions)
    counts.timed("resolve", started)
    return corpus, counts


def _take(record: FileRecord, problems: list[Problem], names: dict, stubs: dict, nlp_problems: list,
          counts: BuildCounts) -> None:
    """What the rest of the build needs of one file's record, taken while it streams past."""
    if record.document is None:
        problems.append(record.error)
        counts.files_skipped += 1
        return
    counts.files_read += 1
    document = record.document
    problems.extend(document.problems)
    nlp_problems.extend(record.nlp_problems)
    for article_nlp in record.nlp:
        for surface, value in article_nlp.names if article_nlp is not None else ():
            names.setdefault(surface, value)
    meta = document.metadata
    if meta.get("issue") is not None and (meta.get("date") or meta.get("lunar_candidates")):
        stubs[document.id] = Document(id=document.id, path=document.path, format=document.format,
                                      encoding=document.encoding, text="", metadata=dict(meta))


def _settle_dates(document: Document, stub: Document | None) -> None:
    """Carry a date settled by kg.ingest.issues on the stub over to the document and its articles."""
    if stub is None or stub.metadata.get("date_source") != "lunar_issue" or document.metadata.get("date"):
        return
    document.metadata.update({k: stub.metadata[k] for k in ("date", "date_source", "date_note")})
    for article in document.articles:
        article.date, article.date_source = stub.metadata["date"], "lunar_issue"


class NameFinder:
    """The corpus names an article's text holds, in corpus order (what kg.extract.propagate_corpus_names looks
    for): indexed by their first two characters, so a text is scanned once instead of once per name."""

    def __init__(self, names: dict[str, tuple[str, str | None]]):
        self.names = names
        self.rank = {name: k for k, name in enumerate(names)}
        self.heads: dict[str, list[str]] = {}
        for name in names:
            self.heads.setdefault(name[:2], []).append(name)

    def find(self, text: str) -> dict[str, tuple[str, str | None]]:
        heads, found = self.heads, set()
        for i in range(len(text) - 1):
            for name in heads.get(text[i : i + 2], ()):
                if text.startswith(name, i):
                    found.add(name)
        return {name: self.names[name] for name in sorted(found, key=self.rank.__getitem__)}


def _extract(record: FileRecord, finder: NameFinder, cache: RecordCache, problems: list[Problem],
             counts: BuildCounts) -> list[ArticleExtraction]:
    """Phase 2 for one file: the extraction rules per article, or their cached result for the same record, dates
    and names."""
    from kg.extract import lexicon as lx

    articles = record.document.articles
    held = [finder.find(lx.fix_artefacts(a.text)) if nlp is not None else {} for a, nlp in zip(articles, record.nlp)]
    key = key_of(record.key, [(a.date, a.date_source, list(h.items())) for a, h in zip(articles, held)])
    cached = cache.get("extract", key) if record.key else None
    if cached is None:
        counts.reextracted += 1
        cached = [_extract_one(a, nlp, h, problems) for a, nlp, h in zip(articles, record.nlp, held)]
        if record.key:
            cache.put("extract", key, cached)
    else:
        problems.extend(p for _, p in cached if p is not None)
    out = []
    for article, (extraction, _) in zip(articles, cached):
        extraction = extraction or ArticleExtraction(article=article)
        extraction.article = article  # stored without it: the document holds the one copy of the text
        out.append(extraction)
    return out


def _extract_one(article, nlp, names, problems: list[Problem]) -> tuple[ArticleExtraction | None, Problem | None]:
    from types import SimpleNamespace

    from kg.extract import _problem, extract_article

    if nlp is None:  # the NLP failed: an empty extraction (its problem was reported in phase 1)
        return None, None
    doc = SimpleNamespace(user_data={"kg_entities": nlp.entities, "kg_vetoes": nlp.vetoes})
    try:
        extraction = extract_article(None, article, doc, corpus_names=names)
    except Exception as error:  # one odd article must not stop a corpus build
        problem = _problem(article, "extraction", error)
        problems.append(problem)
        return None, problem
    extraction.article = None
    return extraction, None
