"""The persistent graph store: a build's RDF and the kg ontology in pyoxigraph on RocksDB (`OUT_DIR/store/`).

`kg build` fills it beside its exports and `kg update` fills it again; `kg query` and `kg serve` open it instead
of parsing the Turtle each time. A stamp inside the store (`kg-store.json`) records what it was filled from, so a
reader can tell whether it still matches the exports (`store_status`).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from pyoxigraph import NamedNode, RdfFormat, Store, parse

from kg.graph.namespace import ONTOLOGY_IRI
from kg.paths import ontology_dir

STORE_DIR = "store"  # the store's folder inside a build's output folder
STAMP = "kg-store.json"
STAMP_VERSION = 1

RDF_SUFFIXES = {
    ".ttl": RdfFormat.TURTLE, ".turtle": RdfFormat.TURTLE, ".nt": RdfFormat.N_TRIPLES, ".nq": RdfFormat.N_QUADS,
    ".trig": RdfFormat.TRIG, ".jsonld": RdfFormat.JSON_LD, ".json": RdfFormat.JSON_LD,
}


class StoreError(ValueError):
    """A store that can't be filled or opened: a missing or invalid RDF file, a folder that holds no store."""


def fill_store(store_dir: Path, rdf_files: Sequence[Path], *, ontology: bool = True) -> int:
    """Bulk-load a build's RDF files and the kg ontology into a new pyoxigraph RocksDB store at `store_dir`.

    Returns the number of quads in the store (the graph's triples plus the ontology's).

    The contract, for `kg build`'s write step and `kg update` (`fill_store(stage / "store", [stage / "graph.ttl"])`):

    - `rdf_files` are the exported graph files that stay beside the store (normally `graph.ttl`), read by suffix:
      .ttl, .nt, .nq, .trig, .jsonld. Triples go to the default graph, quads to their own graph. With `ontology`
      (the default) ontology/kg.ttl goes to the named graph <https://kg.example.org/ontology>, as `kg query` has
      always loaded it; queries see the union of all graphs.
    - `store_dir` is replaced as a whole: the store is filled in a hidden sibling folder and renamed into place,
      so a reader never opens half a store, and a failed fill leaves the previous store (if any) as it was.
      Its parent folder must exist. Call it before the output folder is swapped in, or after; both work.
    - Deterministic: the same files give the same quads and the same count (RocksDB's own files differ).
    - The stamp records each file by its path relative to `store_dir`'s parent, its size and its mtime. The store
      stays current when the whole output folder is renamed (the build's swap) and goes stale when one of the
      files is rewritten: fill it again after changing them (`kg update`). Readers then fall back to the files.
    - Raises StoreError for a missing file, an unknown suffix or invalid RDF.
    """
    store_dir = Path(store_dir)
    files = [Path(f) for f in rdf_files]
    for path in files:
        _rdf_format(path)
        if not path.is_file():
            raise StoreError(f"{path}: no such RDF file")
    if not store_dir.parent.is_dir():
        raise StoreError(f"{store_dir.parent}: no such folder for the store")
    if _foreign(store_dir):
        raise StoreError(f"{store_dir} exists and is not a graph store: not replacing it")
    building = Path(tempfile.mkdtemp(prefix=f".{store_dir.name}.filling.", dir=store_dir.parent))
    try:
        count = _load(building, files, ontology)
        stamp = {"version": STAMP_VERSION, "quads": count, **_fingerprint(store_dir, files, ontology)}
        (building / STAMP).write_text(json.dumps(stamp, ensure_ascii=False, indent=1), encoding="utf-8")
        _replace(building, store_dir)
    except BaseException:
        shutil.rmtree(building, ignore_errors=True)
        raise
    return count


def update_store(store_dir: Path, rdf_files: Sequence[Path], previous: Path,
                 subjects: Sequence[bytes] | None = None) -> int:
    """fill_store's result, made from the store `previous` (an earlier build's, current) instead of from scratch
    when both were filled from one Turtle file: a copy of it (RocksDB's backup: hard links, milliseconds) gets the
    triples of the subjects whose Turtle block changed removed and the new blocks added, seconds less than a
    reload of a million triples. `subjects`: the subjects whose blocks may differ (sorted; kg.graph.splice knows
    them), checked against the files: everything else must be the same bytes in both. Same contract and stamp as
    fill_store, which it falls back to."""
    store_dir, files = Path(store_dir), [Path(f) for f in rdf_files]
    old = _diffable(Path(previous), files)
    if old is None or _foreign(store_dir) or not store_dir.parent.is_dir():
        return fill_store(store_dir, files)
    building = Path(tempfile.mkdtemp(prefix=f".{store_dir.name}.filling.", dir=store_dir.parent))
    try:
        count = _apply_diff(Path(previous), building / "store", old, files[0], subjects)
        if count is None:
            shutil.rmtree(building, ignore_errors=True)
            return fill_store(store_dir, files)
        stamp = {"version": STAMP_VERSION, "quads": count, **_fingerprint(store_dir, files, True)}
        (building / "store" / STAMP).write_text(json.dumps(stamp, ensure_ascii=False, indent=1), encoding="utf-8")
        _replace(building / "store", store_dir)
    finally:
        shutil.rmtree(building, ignore_errors=True)
    return count


def _diffable(previous: Path, files: list[Path]) -> tuple[Path, int] | None:
    """(the Turtle file `previous` was filled from, its quad count) when a diff can update it, else None."""
    if len(files) != 1 or _rdf_format(files[0]) != RdfFormat.TURTLE or not files[0].is_file():
        return None
    status = store_status(previous)
    if not status.current or len(status.sources) != 1 or _rdf_format(status.sources[0]) != RdfFormat.TURTLE:
        return None
    stamp = json.loads((previous / STAMP).read_text(encoding="utf-8"))
    return (status.sources[0], stamp["quads"]) if stamp.get("ontology_sha256") else None


def _blocks(path: Path) -> tuple[bytes, set[bytes]]:
    """(the prefix lines, the subject blocks) of a Turtle file as pyoxigraph writes it: strings are escaped onto
    one line, so every block, and nothing else, ends in " .\\n"."""
    text = path.read_bytes()
    body = text.find(b"\n", text.rfind(b"\n@prefix ") + 1) + 1 if text.startswith(b"@prefix ") else 0
    return text[:body], set(text[body:].split(b" .\n"))


def _changed_blocks(old_file: Path, new_file: Path, subjects: Sequence[bytes]) -> tuple[bytes, set, set] | None:
    """(the prefix lines, the blocks gone, the blocks added) when the two files differ only in the blocks of
    `subjects`, found by a binary search for each; None when anything else differs."""
    from kg.graph.splice import _find_block, _turtle_head

    old, new = old_file.read_bytes(), new_file.read_bytes()
    try:
        (head, old_body), (new_head, new_body) = _turtle_head(old), _turtle_head(new)
    except ValueError:
        return None
    if head != new_head:
        return None
    gone, added, at_old, at_new = set(), set(), old_body, new_body
    for subject in subjects:
        (old_start, old_end), (new_start, new_end) = _find_block(old, old_body, subject), _find_block(new, new_body,
                                                                                                          subject)
        if old_start < at_old or new_start < at_new or old[at_old:old_start] != new[at_new:new_start]:
            return None  # not sorted as said, or something else changed between the blocks
        if old[old_start:old_end] != new[new_start:new_end]:
            gone.add(old[old_start:old_end - 3])  # without the " .\n" that ends each block
            added.add(new[new_start:new_end - 3])
        at_old, at_new = old_end, new_end
    if old[at_old:] != new[at_new:]:
        return None
    return head, gone - {b""}, added - {b""}


def _apply_diff(previous: Path, target: Path, old: tuple[Path, int], new_file: Path,
                subjects: Sequence[bytes] | None = None) -> int | None:
    """Copy `previous` to `target` and change it into the store of `new_file`; its quad count, or None when the
    files differ in their prefixes (then a full fill)."""
    known = _changed_blocks(old[0], new_file, subjects) if subjects is not None else None
    if known is not None:
        new_head, gone, added = known
    else:
        (old_head, old_blocks), (new_head, new_blocks) = _blocks(old[0]), _blocks(new_file)
        if old_head != new_head:
            return None
        gone, added = old_blocks - new_blocks, new_blocks - old_blocks
    reader = Store.read_only(str(previous))
    reader.backup(str(target))
    del reader
    store = Store(str(target))
    try:
        count = old[1]
        for quad in _parse_blocks(new_head, gone):  # a changed subject's old block goes, then its new one comes
            if quad in store:
                store.remove(quad)
                count -= 1
        for quad in _parse_blocks(new_head, added):
            if quad not in store:
                store.add(quad)
                count += 1
        store.flush()
        return count
    finally:
        del store  # closes RocksDB before the folder is renamed


def _parse_blocks(head: bytes, blocks: set[bytes]) -> list:
    blocks = sorted(b for b in blocks if b.strip())
    if not blocks:
        return []
    try:
        return list(parse(head + b"".join(b + b" .\n" for b in blocks), format=RdfFormat.TURTLE))
    except SyntaxError as error:
        raise StoreError(f"not valid RDF: {error}") from None


def _load(folder: Path, files: list[Path], ontology: bool) -> int:
    store = Store(str(folder))
    try:
        for path in files:
            _bulk_load(store, path, _rdf_format(path))
        if ontology:
            _bulk_load(store, ontology_file(), RdfFormat.TURTLE, NamedNode(ONTOLOGY_IRI))
        store.flush()
        store.optimize()  # compacts the bulk-loaded files: faster cold reads
        return len(store)
    finally:
        del store  # closes RocksDB before the folder is renamed


def _bulk_load(store: Store, path: Path, fmt: RdfFormat, graph: NamedNode | None = None) -> None:
    try:
        if graph is None:
            store.bulk_load(path=str(path), format=fmt)
        else:
            store.bulk_load(path=str(path), format=fmt, to_graph=graph)
    except SyntaxError as error:
        raise StoreError(f"{path}: not valid RDF: {error}") from None


def _foreign(store_dir: Path) -> bool:
    """Whether `store_dir` holds something other than a store (which fill_store must not delete)."""
    if store_dir.is_symlink() or store_dir.is_file():
        return True
    if not store_dir.is_dir():
        return False
    return any(store_dir.iterdir()) and not ((store_dir / STAMP).is_file() or (store_dir / "CURRENT").is_file())


def _replace(building: Path, store_dir: Path) -> None:
    """Move the filled store into place; an old store is renamed away first, then removed."""
    old = None
    if store_dir.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{store_dir.name}.old.", dir=store_dir.parent))
        os.replace(store_dir, old / "store")
    os.replace(building, store_dir)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def ontology_file() -> Path:
    return ontology_dir() / "kg.ttl"


def _rdf_format(path: Path) -> RdfFormat:
    fmt = RDF_SUFFIXES.get(Path(path).suffix.lower())
    if fmt is None:
        raise StoreError(f"{path}: unknown RDF file type (expected {', '.join(sorted(RDF_SUFFIXES))})")
    return fmt


def _file_key(store_dir: Path, path: Path) -> str:
    """A source's name in the stamp: relative to the output folder, so the folder can be renamed as a whole."""
    try:
        return str(path.resolve().relative_to(store_dir.resolve().parent))
    except ValueError:
        return str(path.resolve())


def _fingerprint(store_dir: Path, files: list[Path], ontology: bool) -> dict:
    import pyoxigraph

    sources = [{"path": _file_key(store_dir, p), "size": p.stat().st_size, "mtime_ns": p.stat().st_mtime_ns}
               for p in files]
    digest = hashlib.sha256(ontology_file().read_bytes()).hexdigest() if ontology else None
    return {"sources": sources, "ontology_sha256": digest, "pyoxigraph": pyoxigraph.__version__}


@dataclass(frozen=True)
class StoreStatus:
    path: Path
    current: bool
    reason: str  # why it is not current ("" when it is)
    sources: tuple[Path, ...] = ()


def store_status(store_dir: Path) -> StoreStatus:
    """Whether the store at `store_dir` still matches the files it was filled from, the ontology and pyoxigraph."""
    import pyoxigraph

    store_dir = Path(store_dir)
    try:
        stamp = json.loads((store_dir / STAMP).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return StoreStatus(store_dir, False, f"no store in {store_dir} yet")
    base = store_dir.parent
    sources = tuple(base / s["path"] for s in stamp.get("sources", []))
    if stamp.get("version") != STAMP_VERSION or _minor(stamp.get("pyoxigraph")) != _minor(pyoxigraph.__version__):
        return StoreStatus(store_dir, False, f"{store_dir} was written by another version", sources)
    for source, path in zip(stamp["sources"], sources):
        try:
            stat = path.stat()
        except OSError:
            return StoreStatus(store_dir, False, f"{path}, which {store_dir} was filled from, is gone", sources)
        if (stat.st_size, stat.st_mtime_ns) != (source["size"], source["mtime_ns"]):
            return StoreStatus(store_dir, False, f"{path} changed after {store_dir} was filled", sources)
    digest = stamp.get("ontology_sha256")
    if digest and digest != hashlib.sha256(ontology_file().read_bytes()).hexdigest():
        return StoreStatus(store_dir, False, f"the ontology changed after {store_dir} was filled", sources)
    return StoreStatus(store_dir, True, "", sources)


def _minor(version: str | None) -> tuple[str, ...]:
    return tuple((version or "").split(".")[:2])  # RocksDB layouts change between pyoxigraph minor versions


def store_for(graph: Path) -> StoreStatus | None:
    """The store that answers for `graph` (a build folder, or a graph file that the store was filled from), current
    or not; None when there is none."""
    graph = Path(graph)
    folder = graph if graph.is_dir() else graph.parent
    if not (folder / STORE_DIR / STAMP).is_file():
        return None
    status = store_status(folder / STORE_DIR)
    if graph.is_dir() or graph.resolve() in {s.resolve() for s in status.sources}:
        return status
    return None


def open_store(path: Path, read_only: bool = True) -> Store:
    """Open a filled store: its folder, or a build folder holding `store/`. Read-only by default (several processes
    can then open it at once); read-write takes RocksDB's lock, one process at a time."""
    path = Path(path)
    if not (path / STAMP).is_file() and (path / STORE_DIR / STAMP).is_file():
        path = path / STORE_DIR
    if not (path / "CURRENT").is_file():  # RocksDB's marker: refuse to create a new, empty store by mistake
        raise StoreError(f"{path}: no graph store here (`kg build` writes one to OUT_DIR/{STORE_DIR}/)")
    try:
        return Store.read_only(str(path)) if read_only else Store(str(path))
    except OSError as error:
        raise StoreError(f"{path}: cannot open the store: {error}") from None
