"""Write the graph exports: graph.ttl (and .jsonld / .nt on request), graph.graphml, entities/relations.jsonl.

Every file is written to a temporary file in the same folder and moved into place with os.replace, so a
crash never leaves a half-written export behind. A build writes its whole set into a staging folder that
replaces the output folder in one step (`OutputFolder`), under a lock, so a killed build leaves the previous
set intact and two builds into one folder never mix their files.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import gc
import os
import shutil
import signal
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from pyoxigraph import RdfFormat, serialize

from kg.archive.engines import can_fork
from kg.graph.flat import entities_jsonl, relations_jsonl
from kg.graph.mapping import parse_ntriples, to_ntriples
from kg.graph.splice import (ENTITIES, GRAPHML, RELATIONS, TTL, Splice, Units, full_footprints, layout, new_state,
                             read_state, report, write_pieces, write_state)
from kg.graph.namespace import PREFIXES
from kg.graph.view import CorpusView
from kg.records import Corpus

# sub-folders a build writes beside its files: the cache of per-document records (kg/archive/cache.py) and the
# RocksDB store (kg/query/store.py)
BUILD_FOLDERS = (".kg-cache", "store")

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


def write_rdf(triples, path: Path, fmt: str = "ttl") -> None:
    """Serialize straight into the file (no copy of the whole document in memory first)."""
    rdf_format = RDF_FORMATS[fmt][0]
    prefixes = None if rdf_format == RdfFormat.N_TRIPLES else PREFIXES
    serialize(triples, output=str(path), format=rdf_format, prefixes=prefixes)


def serialize_rdf(triples, fmt: str = "ttl") -> bytes:
    rdf_format = RDF_FORMATS[fmt][0]
    prefixes = None if rdf_format == RdfFormat.N_TRIPLES else PREFIXES
    return serialize(triples, format=rdf_format, prefixes=prefixes)


def write_exports(
    corpus: Corpus,
    out_dir: str | Path,
    base_iri: str | None = None,
    formats: Iterable[str] = ("ttl",),
    *,
    previous: str | Path | None = None,
    keep_state: bool = False,
) -> tuple[dict[str, Path], int]:
    """Write all exports of `corpus` into `out_dir`; returns ({name: path}, number of RDF triples).

    `keep_state`: keep in `out_dir` what the next build needs to splice its exports from these (kg.graph.splice;
    Turtle only); `previous`: the previous build's output folder, whose exports are spliced when its state matches.
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
    view = CorpusView.of(corpus)  # once for every export: seconds on a large corpus
    units = Units(corpus, view, base_iri) if keep_state and wanted == ["ttl"] else None
    if units is not None and not units.unique:  # a corpus not made by the resolver may repeat a relation
        units = None
    if units is not None and previous is not None:
        state = read_state(Path(previous) / SPLICE_STATE, Path(previous), units.mapper.iris.base)
        spliced = _spliced(units, state, Path(previous), out) if state is not None else None
        if spliced is not None:
            return spliced
    with long_lived(), _Beside(_write_graph_and_flat, corpus, view, out,
                               in_child=len(view.entities) >= PARALLEL_ENTITIES) as beside:
        if units is not None:  # mapped unit by unit, to keep each one's subjects
            mapper = units.fresh_mapper()
            footprints, problems = full_footprints(units, mapper)
            report(units, problems, corpus.problems)
            lines = mapper.buffer.ntriples()
            del mapper
        else:
            lines = to_ntriples(corpus, base_iri, problems=corpus.problems, view=view)
        count = len(lines)
        outputs: dict[str, Path] = {}
        for key in wanted:
            rdf_format, name = RDF_FORMATS[key]
            label = {"graph.ttl": "ttl", "graph.jsonld": "jsonld", "graph.nt": "nt"}[name]
            # pyoxigraph parses the lines as it writes (Rust, ~1 M triples/s): the bytes it has always written
            outputs[label] = atomic_write(out / name, lambda tmp, f=key: write_rdf(parse_ntriples(lines), tmp, f))
        del lines  # the lines of a large graph weigh hundreds of MB: gone before the GraphML is built here
        fingerprints = units.fingerprints() if units is not None else None
        beside.wait()
    outputs.update({label: out / name for label, name in _BESIDE_RDF.items()})
    if fingerprints is not None:
        write_state(out / SPLICE_STATE, new_state(units, fingerprints, footprints, problems, layout(out, view), count,
                                                  out))
    return outputs, count


# Where a build keeps the state the next one splices its exports with: in the cache, swapped in with the exports
SPLICE_STATE = Path(".kg-cache") / "exports.pkl"


def _spliced(units: Units, state: dict, previous: Path, out: Path) -> tuple[dict[str, Path], int] | None:
    """The exports spliced from those in `previous` (kg.graph.splice), or None when they must be written whole."""
    splice = Splice(units, state, previous)
    if not splice.worth_it():
        return None
    with long_lived():
        try:
            made = splice.files()
        except (ValueError, KeyError, OSError):  # the previous files are not laid out as their state says
            return None
        if made is None:
            return None
        files, lengths, count = made
        for name, parts in files.items():
            atomic_write(out / name, lambda tmp, p=parts: write_pieces(tmp, p))
        if GRAPHML not in files:  # a value only networkx's writer renders, or no edge: written whole
            from kg.graph.nx import write_corpus_graphml

            atomic_write(out / GRAPHML, lambda tmp: write_corpus_graphml(units.corpus, tmp, units.view))
            lengths.update(layout(out, units.view, [GRAPHML]))
    report(units, splice.problems, units.corpus.problems)
    write_state(out / SPLICE_STATE, new_state(units, splice.digests, splice.footprints, splice.problems, lengths,
                                              count, out), (previous / SPLICE_STATE, state), splice.changed | splice.gone)
    return {"ttl": out / TTL, **{label: out / name for label, name in _BESIDE_RDF.items()}}, count


# A graph of this many entities has its GraphML and JSONL written by a forked process while this one maps and
# writes the RDF (seconds each on an archive); a small one is not worth the fork
PARALLEL_ENTITIES = 5000
_BESIDE_RDF = {"graphml": "graph.graphml", "entities": "entities.jsonl", "relations": "relations.jsonl"}


def _write_graph_and_flat(corpus: Corpus, view: CorpusView, out: Path) -> None:
    from kg.graph.nx import write_corpus_graphml

    # networkx's bytes, written without its graph (kg.graph.nx)
    atomic_write(out / _BESIDE_RDF["graphml"], lambda tmp: write_corpus_graphml(corpus, tmp, view))
    atomic_write_text(out / _BESIDE_RDF["entities"], entities_jsonl(corpus, view))
    atomic_write_text(out / _BESIDE_RDF["relations"], relations_jsonl(corpus, view))


@contextlib.contextmanager
def long_lived() -> Iterator[None]:
    """The corpus and the resolved graph live until the exports are written: frozen out of the collector's reach
    (gc.freeze), a full collection would walk their millions of objects for nothing (a second on 10 M chars), and
    a forked child does not copy the pages the collector would touch."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


class _Beside:
    """`write(*args)` in a forked child when `in_child` and the platform forks (Linux, two cores or more), else in
    this process when `wait` is called. If the child fails (killed, out of memory), this process writes the files
    itself, so that a failure surfaces with its own traceback.

    os.fork, not multiprocessing: its child flushes the standard streams on the way out, and the progress bar's
    thread may have held their lock at the fork (the child would hang); this child writes its files and leaves."""

    def __init__(self, write: Callable, *args, in_child: bool):
        self.write, self.args, self.pid = write, args, None
        if in_child and can_fork():
            self.pid = os.fork()
            if self.pid == 0:
                code = 1
                try:
                    write(*args)
                    code = 0
                finally:
                    os._exit(code)  # no atexit handlers, no stream flush (see above)

    def wait(self) -> None:
        if self.pid is not None:
            _, status = os.waitpid(self.pid, 0)
            self.pid = None
            if os.waitstatus_to_exitcode(status) == 0:
                return
        self.write(*self.args)  # atomic writes: whatever a failed child left is replaced

    def __enter__(self) -> "_Beside":
        return self

    def __exit__(self, *exc) -> None:
        if self.pid is not None:  # this process failed first: no orphan left writing
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
            self.pid = None


# --------------------------------------------------------------------------- the output folder as a whole

# Old output folders a swap set aside, when the caller removes them itself (defer_removals); else None
_deferred: list[str] | None = None


def defer_removals() -> list[str]:
    """From now on the old output folder a build swaps out is listed here instead of removed: kg's command line
    removes it in a child process once the report is printed and the command has returned (unlinking the previous
    build's ~11k files takes 0.7 s on an archive). A folder left by a killed process is cleared by the next build
    into the same output folder, as any leftover is."""
    global _deferred
    if _deferred is None:
        _deferred = []
    return _deferred


def remove_folder(folder: Path) -> None:
    if _deferred is not None:
        _deferred.append(str(folder))
    else:
        shutil.rmtree(folder, ignore_errors=True)



class OutputFolder:
    """The output folder of one build: `lock()` it, write into `stage`, then `commit()`.

    The stage is a hidden folder beside the output folder; commit swaps the two in one atomic step (Linux
    renameat2 RENAME_EXCHANGE; elsewhere two renames, the second undone on failure, a leftover restored by
    the next build) after carrying over the files of the old folder that this build does not write (a page
    `kg view --focus` drew, an export in another format). A folder that cannot be swapped whole — it holds
    sub-folders or links (`--out .`), or is a mount point — gets the staged files moved in one by one.
    """

    def __init__(self, out: str | Path):
        self.out = Path(os.path.realpath(out))  # a link to the folder: the folder it names is replaced
        self.prefix = f".{self.out.name}.kg-"
        self.stage: Path | None = None
        self.whole = True  # swapped as a whole, or files moved in one by one
        self.note: str | None = None  # why not swapped whole, for the build's problems

    @contextlib.contextmanager
    def lock(self, waiting: Callable[[], None] | None = None) -> Iterator[None]:
        """Hold an exclusive lock on the output folder; a second build waits (after calling `waiting`)."""
        try:
            import fcntl
        except ImportError:  # Windows: no flock; builds into one folder are not serialised there
            yield
            return
        self._restore_old()
        created = not self.out.exists()
        told = False
        while True:
            self.out.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.out, os.O_RDONLY)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                if waiting is not None and not told:
                    waiting()
                    told = True
                fcntl.flock(fd, fcntl.LOCK_EX)
            # The folder locked may have been swapped out by the build that held it: lock the current one.
            with contextlib.suppress(FileNotFoundError):
                if os.path.samestat(os.fstat(fd), os.stat(self.out)):
                    break
            os.close(fd)
        try:
            self._clean_leftovers()
            yield
        finally:
            self.discard()
            if created:  # a build that wrote nothing leaves no empty folder behind
                with contextlib.suppress(OSError):
                    os.rmdir(self.out)
            os.close(fd)  # closing releases the lock

    def open_stage(self) -> Path:
        self.whole = self._swappable()
        where = self.out.parent if self.whole else self.out
        self.stage = Path(tempfile.mkdtemp(prefix=f"{self.prefix}new-", dir=where))
        return self.stage

    def commit(self) -> None:
        """Make the staged set the output folder's content, in one step where the folder allows it."""
        assert self.stage is not None
        if self.whole:
            self._carry_over()
            shutil.copymode(self.out, self.stage)  # mkdtemp made it 0700
            if _exchange(self.stage, self.out):
                remove_folder(self.stage)  # the old folder, now at the stage's name
            else:
                old = self.out.parent / f"{self.prefix}old-{os.getpid()}"
                os.rename(self.out, old)
                try:
                    os.rename(self.stage, self.out)
                except BaseException:
                    os.rename(old, self.out)
                    raise
                remove_folder(old)
        else:
            for entry in sorted(os.listdir(self.stage)):
                _replace(self.stage / entry, self.out / entry)
            os.rmdir(self.stage)
        self.stage = None

    def discard(self) -> None:
        if self.stage is not None:
            shutil.rmtree(self.stage, ignore_errors=True)
            self.stage = None

    def _swappable(self) -> bool:
        if self.out.stat().st_dev != self.out.parent.stat().st_dev:
            self.note = "the output folder is a mount point: exports moved in one by one, not swapped as a set"
            return False
        for entry in os.scandir(self.out):
            if entry.name in BUILD_FOLDERS and entry.is_dir(follow_symlinks=False):
                continue  # the build's own sub-folders: part of the set, swapped with it
            if entry.is_symlink() or not entry.is_file(follow_symlinks=False):
                self.note = (f"the output folder holds other things ({entry.name!r} is a folder or link): "
                             "exports moved in one by one, not swapped as a set")
                return False
        return True

    def _carry_over(self) -> None:
        """Files of the old folder that this build does not write stay (hard links: no copy of the bytes)."""
        for entry in os.scandir(self.out):
            target = self.stage / entry.name
            if entry.name.startswith(".") and entry.name.endswith(".tmp") or target.exists():
                continue  # a killed write's temporary file, or a file this build replaces
            if entry.name in BUILD_FOLDERS:
                continue  # a store or cache this build did not write belongs to an older graph: not carried
            try:
                os.link(entry.path, target)
            except OSError:
                shutil.copy2(entry.path, target)

    def _leftovers(self, folder: Path, kind: str = "") -> list[Path]:
        with contextlib.suppress(FileNotFoundError):
            return sorted(Path(e.path) for e in os.scandir(folder)
                          if e.name.startswith(self.prefix + kind) and e.is_dir(follow_symlinks=False))
        return []

    def _restore_old(self) -> None:
        """A build killed between the two renames of the fallback swap left the old folder aside: put it back."""
        if not self.out.exists():
            for old in self._leftovers(self.out.parent, "old-"):
                with contextlib.suppress(OSError):
                    os.rename(old, self.out)
                    return

    def _clean_leftovers(self) -> None:
        """The stages (and old folders) of killed builds; only a build holding the lock makes them."""
        for leftover in [*self._leftovers(self.out.parent), *self._leftovers(self.out)]:
            shutil.rmtree(leftover, ignore_errors=True)


def _replace(source: Path, target: Path) -> None:
    """os.replace, also for a folder onto a folder (the store, the cache): the old one is set aside, then removed."""
    if source.is_dir() and target.is_dir() and not target.is_symlink():
        aside = target.with_name(f".{target.name}.kg-old-{os.getpid()}")
        os.rename(target, aside)
        os.rename(source, target)
        shutil.rmtree(aside, ignore_errors=True)
    else:
        os.replace(source, target)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically (Linux renameat2 with RENAME_EXCHANGE, which Python does not wrap).
    False where the call or the file system does not offer it."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError, TypeError):  # not glibc ≥ 2.28 (macOS, musl), or Windows
        return False
    at_fdcwd, rename_exchange = -100, 2
    if renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP, errno.EPERM):
        return False
    raise OSError(code, os.strerror(code), str(b))
