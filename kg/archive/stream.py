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
from kg.archive.engines import Forked, can_fork, mapper, serial
from kg.archive.work import FileRecord, FileTask, read_batch
from kg.records import ArticleExtraction, Corpus, Document, Problem

log = logging.getLogger(__name__)
BATCH_FILES = 16
RESOLUTION = "resolve.pkl"  # the resolver's state, kept in the cache for the next build
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
    resolution: str = ""  # what resolution redid (kg/resolve/incremental.py)

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


@dataclass
class Summary:
    """What the build needs of a file's record besides its articles: kept for every file in the cache's index, so
    that an update reads one small file instead of unpickling every record to collect the corpus names."""

    error: Problem | None  # the file was skipped
    problems: list[Problem]  # the document's
    nlp_problems: list[Problem]
    names: list[tuple[str, tuple[str, str | None]]]  # the names its articles define, first seen first
    stub: Document | None  # lunar-dated and dated issues: the metadata kg.ingest.issues settles dates with
    held: list[list[str]] | None = None  # per article, the corpus names its text holds (set in phase 2)


def summarize(record: FileRecord) -> Summary:
    document = record.document
    if document is None:
        return Summary(record.error, [], [], [], None)
    names = [item for nlp in record.nlp if nlp is not None for item in nlp.names]
    meta, stub = document.metadata, None
    if meta.get("issue") is not None and (meta.get("date") or meta.get("lunar_candidates")):
        stub = Document(id=document.id, path=document.path, format=document.format, encoding=document.encoding,
                        text="", metadata=dict(meta))
    return Summary(None, list(document.problems), list(record.nlp_problems), names, stub)


def read_files(tasks: list[FileTask], cache: RecordCache, run: Callable, domain: str, counts: BuildCounts,
               known: dict[str, Summary], *, small_here: bool = True,
               beside: Callable[[list[FileTask]], None] | None = None,
               ahead: Callable[[list[FileRecord]], list[str]] | None = None
               ) -> Iterator[tuple[FileRecord | None, Summary]]:
    """Phase 1: every file's (record, summary) in input order, computed by `run` (an engine's map) or from the
    cache; a cached file whose summary is `known` (the previous build's index) is not unpickled here (None).
    `beside(cached tasks)`: work for this process while another one reads the new files (see _computed);
    `ahead(records)`: work for that other one once it has read them (extractions made ahead: _extract_ahead)."""
    todo = [t for t in tasks if not t.key or not cache.has("nlp", t.key)]
    waiting = {id(t) for t in todo}
    computed = _computed(run, domain, list(_batches(todo)), small_here, beside,
                         [t for t in tasks if id(t) not in waiting], ahead, cache)
    for task in tasks:
        if id(task) in waiting:
            record = next(computed)
            if task.key:
                cache.put("nlp", task.key, record.stored())
            yield record, summarize(record)
            continue
        counts.reused += 1
        if task.key in known:
            yield None, known[task.key]
        else:
            record = cache.get("nlp", task.key)
            yield record, summarize(record)


# An update with fewer earlier files than this reads them in less time than a fork and a model load take
READ_AHEAD_FILES = 200


def _computed(run: Callable, domain: str, batches: list[list[FileTask]], small_here: bool,
              beside: Callable[[list[FileTask]], None] | None, cached: list[FileTask],
              ahead: Callable[[list[FileRecord]], list[str]] | None, cache: RecordCache) -> Iterator[FileRecord]:
    """The new files' records, in order. One batch of them beside many cached files (an update): the batch goes to
    a forked process (it loads the model, and extracts `ahead`) and `beside(cached)` runs here meanwhile;
    otherwise `run` maps the batches, here in this process when there is only one (not worth starting workers that
    each load the model)."""
    work = partial(read_batch, domain)
    if len(batches) == 1 and small_here and beside is not None and len(cached) >= READ_AHEAD_FILES and can_fork():
        child = Forked(partial(_read_and_extract, work, ahead), batches[0])
        try:
            beside(cached)
        except BaseException:
            child.close()
            raise
        records, made = child.result()
        cache.made_ahead.update(("extract", key) for key in made)
        return iter(records)
    if len(batches) <= 1 and small_here:
        run = serial
    return (r for records in run(work, batches) for r in records)


def _read_and_extract(read: Callable, extract_ahead: Callable | None, tasks: list[FileTask]
                      ) -> tuple[list[FileRecord], list[str]]:
    """In the forked child of an update: the new files' records, and their extractions written into the cache
    ahead (the main process then finds them there instead of importing spaCy and running the rules itself), with
    the keys they are under."""
    records, made = read(tasks), []
    if extract_ahead is not None:
        try:
            made = extract_ahead(records)
        except Exception:  # the main process extracts them itself
            log.debug("extracting ahead failed", exc_info=True)
    return records, made


def _extract_ahead(cache_dir: Path, previous: list, records: list[FileRecord]) -> list[str]:
    """Extract the new files' articles with the corpus names the main process will have when the earlier files are
    the previous build's, unchanged and in order (its names, then the new files'), and cache them under the key
    phase 2 computes. Anything else gives phase 2 another key: it misses and extracts (content-addressed, so a
    speculation never stands in for a different extraction)."""
    from kg.extract import lexicon as lx

    names = dict(previous)
    for record in records:
        for surface, value in summarize(record).names:
            names.setdefault(surface, value)
    finder, cache, made = NameFinder(names), RecordCache(cache_dir), []
    for record in records:
        if record.key and record.document is not None:
            held = [finder.find(lx.fix_artefacts(a.text)) if present else {}
                    for a, present in zip(record.document.articles, record.nlp_present())]
            made.append(_extract_key(record, held))
            cache.put("extract", made[-1], _extractions(record, held, []))
    return made


@dataclass
class _Entry:
    key: str
    record: FileRecord | None  # kept only for files without a key (those that could not be read)
    summary: Summary


def build_corpus(inputs: Sequence[str | Path], cache: RecordCache, *, jobs: int = 1, engine: str = "local",
                 address: str | None = None, problems: list[Problem] | None = None,
                 progress: Callable[[str, int, int], None] | None = None) -> tuple[Corpus, BuildCounts]:
    """Ingest → NLP (phase 1, on `jobs` workers) → names, dates, extraction rules → resolution: the Corpus."""
    from kg.resolve.incremental import resolve_kept

    started = time.perf_counter()
    tasks, planned, counts = plan(inputs)
    corpus = Corpus(problems=[*(problems or []), *planned])
    index = cache.old_index() or {"names": None, "files": {}}
    entries, names, stubs, nlp_problems = _phase_one(tasks, cache, index, corpus, counts, progress,
                                                     engine=engine, jobs=jobs, address=address)
    started = counts.timed("read + NLP", started)
    from kg.ingest.issues import date_issues_from_siblings

    corpus.problems += date_issues_from_siblings(list(stubs.values()))
    extraction_problems: list[Problem] = []
    held = HeldNames(names, index["names"])
    digests: dict[str, str | None] = {}  # document → the key of its extractions (what resolution compares)
    for n, entry in enumerate(entries, 1):
        record = entry.record or cache.get("nlp", entry.key)
        if record.document is not None:
            _settle_dates(record.document, stubs.get(record.document.id))
            corpus.documents.append(record.document)
            corpus.extractions += _extract(record, entry.summary, held, cache, extraction_problems, counts, digests)
        if progress is not None:
            progress("extract", n, len(entries))
    cache.forget_ahead()
    cache.put_index({"names": list(names.items()), "files": {e.key: e.summary for e in entries if e.key}})
    corpus.problems += nlp_problems + extraction_problems
    for problem in nlp_problems + extraction_problems:
        log.warning("%s: %s", problem.path, problem.reason)
    started = counts.timed("rules", started)
    if corpus.extractions:
        # resolution redoes only what the changed documents touch when the previous build kept its state
        corpus.entities, corpus.relations, counts.resolution = resolve_kept(
            corpus.extractions, digests, cache.old_path(RESOLUTION), cache.new_path(RESOLUTION))
    counts.timed("resolve", started)
    return corpus, counts


def _phase_one(tasks, cache, index, corpus, counts, progress, *, engine, jobs, address):
    """Phase 1 over every file: (entries, corpus names, issue stubs, NLP problems)."""
    from kg import domain

    names: dict[str, tuple[str, str | None]] = {}
    stubs: dict[str, Document] = {}  # lunar-dated issues and the dated issues that settle them
    entries: list[_Entry] = []
    nlp_problems: list[Problem] = []
    run = mapper(engine, jobs, address)
    known = index["files"]
    beside = ahead = None
    if engine == "local" and jobs > 1:  # a second process may read the new files while this one reads the cache
        beside = partial(_read_ahead, cache, known, dict(index["names"] or []))
        ahead = partial(_extract_ahead, cache.new, list(index["names"] or []))
    files = read_files(tasks, cache, run, domain.current().name, counts, known, small_here=engine == "local",
                       beside=beside, ahead=ahead)
    for n, (task, (record, summary)) in enumerate(zip(tasks, files), 1):
        _take(summary, corpus.problems, names, stubs, nlp_problems, counts)
        entries.append(_Entry(task.key, None if task.key else record, summary))
        if progress is not None:
            progress("nlp", n, len(tasks))
    counts.files = [{"path": t.path, "abs": os.path.abspath(t.path), "key": t.key} for t in tasks]
    return entries, names, stubs, nlp_problems


def _take(summary: Summary, problems: list[Problem], names: dict, stubs: dict, nlp_problems: list,
          counts: BuildCounts) -> None:
    """What the rest of the build needs of one file, taken while it streams past."""
    if summary.error is not None:
        problems.append(summary.error)
        counts.files_skipped += 1
        return
    counts.files_read += 1
    problems.extend(summary.problems)
    nlp_problems.extend(summary.nlp_problems)
    for surface, value in summary.names:
        names.setdefault(surface, value)
    if summary.stub is not None:
        stubs[summary.stub.id] = summary.stub


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


class HeldNames:
    """The corpus names each article's text holds. When the previous build's names are still where they were (the
    first ones of this build's, with the same values: files were only added), an article of that build holds what
    it held then (its file's summary) and those of the names new since that its text contains: a few substring
    tests instead of a scan of every text. Otherwise, and for new files, the NameFinder's scan."""

    def __init__(self, names: dict[str, tuple[str, str | None]], previous: list | None):
        self.names, self.finder = names, NameFinder(names)
        items = list(names.items())
        self.new = None
        if previous is not None and items[: len(previous)] == previous:
            self.new = [name for name, _ in items[len(previous):] if len(name) >= 2]  # the finder's 2-char heads

    def of(self, text: str, before: list[str] | None) -> dict[str, tuple[str, str | None]]:
        if before is None or self.new is None:
            return self.finder.find(text)
        return {name: self.names[name] for name in [*before, *(n for n in self.new if n in text)]}


def _extract(record: FileRecord, summary: Summary, held_names: HeldNames, cache: RecordCache,
             problems: list[Problem], counts: BuildCounts, digests: dict) -> list[ArticleExtraction]:
    """Phase 2 for one file: the extraction rules per article, or their cached result for the same record, dates
    and names. `digests[document id]`: the key they are cached under (None for a file without a key)."""
    from kg.extract import lexicon as lx

    articles = record.document.articles
    before = summary.held if summary.held is not None and len(summary.held) == len(articles) else None
    # whether each article has an NLP record, not the records: with the extractions cached they are not unpickled
    held = [held_names.of(lx.fix_artefacts(a.text), before[k] if before else None) if present else {}
            for k, (a, present) in enumerate(zip(articles, record.nlp_present()))]
    summary.held = [list(h) for h in held]
    key = _extract_key(record, held)
    digests[record.document.id] = key if record.key else None
    cached = cache.get("extract", key) if record.key else None
    if cached is None:
        counts.reextracted += 1
        cached = _extractions(record, held, problems)
        if record.key:
            cache.put("extract", key, cached)
    else:
        counts.reextracted += ("extract", key) in cache.made_ahead  # by the update's forked child
        problems.extend(p for _, p in cached if p is not None)
    out = []
    for article, (extraction, _) in zip(articles, cached):
        extraction = extraction or ArticleExtraction(article=article)
        extraction.article = article  # stored without it: the document holds the one copy of the text
        out.append(extraction)
    return out


def _extractions(record: FileRecord, held: list[dict], problems: list[Problem]) -> list:
    """The extraction rules over a file's articles: per article (extraction or None, problem or None)."""
    return [_extract_one(a, nlp, h, problems) for a, nlp, h in zip(record.document.articles, record.nlp, held)]


def _extract_key(record: FileRecord, held: list[dict[str, tuple[str, str | None]]]) -> str:
    """The cache key of a file's extractions: its record, and per article its date and the corpus names it holds."""
    articles = record.document.articles
    return key_of(record.key, [(a.date, a.date_source, list(h.items())) for a, h in zip(articles, held)])


def _read_ahead(cache: RecordCache, known: dict[str, Summary], previous: dict, tasks: list[FileTask]) -> None:
    """Phase 2's reads of the cached files, done ahead while another process reads the new ones: each file's NLP
    record, and its extractions under the key they had (the corpus names each article held then, as when files are
    only added). Where phase 2 finds another key (new names in the text, a date settled), it reads that one."""
    for task in tasks:
        summary = known.get(task.key)
        record = cache.read_ahead("nlp", task.key) if task.key else None
        if record is None or record.document is None or summary is None or summary.held is None:
            continue
        held = summary.held
        if len(held) != len(record.document.articles) or any(n not in previous for h in held for n in h):
            continue
        cache.read_ahead("extract", _extract_key(record, [{n: previous[n] for n in h} for h in held]))


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
