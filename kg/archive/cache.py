"""The build cache (`OUT/.kg-cache/`): per-document records under content keys, and the manifest of the build.

Phase 1 records (`nlp/<key>.pkl`, one per input file) and phase 2 extractions (`extract/<key>.pkl`, one per
file and set of corpus names its articles hold) are pickles written as they come. A build writes its cache into
the staging folder: records it could reuse are hard-linked from the previous cache, so the cache always holds
exactly the records of the build beside it and never grows with old versions. Pickles are the build's own files
(read back by the build that wrote them or the next one); never point --out at a folder others can write.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import shutil
from functools import cache
from pathlib import Path

CACHE = ".kg-cache"
VERSION = 1  # bump when the records change shape
_SKIP = {"__pycache__", "models"}


# what the cached records are made by: reading, the NLP, the extraction rules, their data (not resolution, the
# graph or the exports, which every build runs again)
_MAKERS = ("ingest", "nlp", "extract", "domains", "data", "archive", "records.py", "vocab.py", "domain.py", "paths.py")


@cache
def fingerprint() -> str:
    """What the records depend on besides the input: the code and data files that make them and the model's
    identity (its config and meta; the weights' sizes). A change to any rule invalidates every cached record."""
    import kg
    from kg import domain

    root = Path(kg.__file__).parent
    digest = hashlib.sha1(f"v{VERSION}".encode())
    files = [f for name in _MAKERS for f in (_files(root / name) if (root / name).is_dir() else [root / name])]
    for path in sorted(files):
        digest.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes())
    model = model_path()
    for path in sorted(p for p in model.rglob("*") if p.is_file()):
        small = path.name in ("config.cfg", "meta.json")
        digest.update(str(path.relative_to(model)).encode() + (path.read_bytes() if small else
                                                               str(path.stat().st_size).encode()))
    digest.update(domain.current().name.encode())
    return digest.hexdigest()


def model_path() -> Path:
    """kg.nlp.model_path() without importing kg.nlp (spaCy, 0.8 s): an update's main process needs no model."""
    import kg

    return Path(kg.__file__).parent / "nlp" / "models" / "zh_kg"


def _files(folder: Path):
    for entry in os.scandir(folder):
        if entry.is_dir(follow_symlinks=False):
            if entry.name not in _SKIP:
                yield from _files(Path(entry.path))
        elif not entry.name.endswith((".pyc", ".so")):
            yield Path(entry.path)


def file_key(path: str, shown: str, doc_id: str) -> tuple[str, int]:
    """(content key, size): the file's bytes, the name it is shown and exported by, its document id, the code."""
    digest = hashlib.sha1(fingerprint().encode())
    size = 0
    with open(path, "rb") as fh:
        while block := fh.read(1 << 20):
            digest.update(block)
            size += len(block)
    digest.update(b"\0" + shown.encode("utf-8", "surrogateescape") + b"\0" + doc_id.encode("utf-8", "surrogateescape"))
    return digest.hexdigest(), size


def key_of(*parts: object) -> str:
    return hashlib.sha1(repr(parts).encode("utf-8", "surrogateescape")).hexdigest()


class RecordCache:
    """Reads records from the previous build's cache (`old`), writes this build's into `new`."""

    def __init__(self, new: Path, old: Path | None = None):
        self._made: set[str] = set()
        self._ahead: dict[tuple[str, str], object] = {}  # records read ahead, by (kind, key)
        self.made_ahead: set[tuple[str, str]] = set()  # records another process of this build made (kind, key)
        self.new = Path(new)
        self.old = Path(old) if old is not None and Path(old).is_dir() else None

    def _path(self, root: Path, kind: str, key: str) -> Path:
        return Path(self._file(root, kind, key))

    @staticmethod
    def _file(root: Path | str, kind: str, key: str) -> str:
        # plain strings: pathlib's objects cost ~1 s per 10⁵ records (an update looks up two per file)
        return os.path.join(root, kind, key[:2], key + ".pkl")

    def read_ahead(self, kind: str, key: str):
        """Load the record under `key` now (while another process works) for the `get` that will ask for it; returns
        it (not to be changed: that `get` hands it out as loaded)."""
        if (kind, key) not in self._ahead:
            self._ahead[(kind, key)] = self.get(kind, key)
        return self._ahead[(kind, key)]

    def forget_ahead(self) -> None:
        """Records read ahead that no `get` asked for (a speculative key that missed) are dropped."""
        self._ahead.clear()

    def get(self, kind: str, key: str):
        """The record under `key` (from this build or the previous one, then kept in this build's cache), or None."""
        ahead = self._ahead.pop((kind, key), None)  # each object is handed out once, as a fresh load would be
        if ahead is not None:
            return ahead
        mine = self._file(self.new, kind, key)
        if self.old is not None and not os.path.exists(mine):
            theirs = self._file(self.old, kind, key)
            self._folder(os.path.dirname(mine))
            try:
                os.link(theirs, mine)
            except FileNotFoundError:
                return None
            except OSError:
                try:
                    shutil.copyfile(theirs, mine)
                except FileNotFoundError:
                    return None
        try:
            with open(mine, "rb") as fh:
                return pickle.load(fh)
        except FileNotFoundError:
            return None
        except Exception:  # a damaged record is recomputed, never fatal
            Path(mine).unlink(missing_ok=True)
            return None

    def _folder(self, folder: str) -> None:
        if folder not in self._made:  # one mkdir per folder, not per record
            os.makedirs(folder, exist_ok=True)
            self._made.add(folder)

    def has(self, kind: str, key: str) -> bool:
        return any(root is not None and os.path.exists(self._file(root, kind, key)) for root in (self.new, self.old))

    def put(self, kind: str, key: str, record) -> None:
        path = self._file(self.new, kind, key)
        self._folder(os.path.dirname(path))
        tmp = path[: -len(".pkl")] + ".tmp"
        with open(tmp, "wb") as fh:
            pickle.dump(record, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)

    def new_path(self, name: str) -> Path:
        """Where this build keeps a file of its own beside the records."""
        return self.new / name

    def old_path(self, name: str) -> Path | None:
        """That file of the previous build, or None."""
        return self.old / name if self.old is not None else None

    def put_index(self, index) -> None:
        """The build's index (kg/archive/stream.py: what an update needs of every record, in one file)."""
        self.put("index", "build", index)

    def old_index(self):
        """The previous build's index, or None."""
        if self.old is None or not self._path(self.old, "index", "build").exists():
            return None
        try:
            with open(self._path(self.old, "index", "build"), "rb") as fh:
                return pickle.load(fh)
        except Exception:  # a damaged index only costs the time it saves
            return None

    def write_manifest(self, manifest: dict) -> None:
        (self.new / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")


def read_manifest(out_dir: Path) -> dict | None:
    path = Path(out_dir) / CACHE / "manifest.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
