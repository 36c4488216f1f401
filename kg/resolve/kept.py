"""The resolver's state on disk (`.kg-cache/resolve.pkl`): its per-key and per-article maps in a base file that
builds share (hard links), with a patch of the entries changed since the base was written; its small fields whole.
An update changes a few hundred of the maps' ~400k entries: writing them all again would cost more than resolving
them did (0.4 s on 10 M chars)."""

from __future__ import annotations

import dataclasses
import os
import pickle
from dataclasses import dataclass
from pathlib import Path

from kg.resolve.engine import State

MAPS = ("changes", "contributions", "contexts", "doc_keys", "refs", "first", "splits", "fullest", "merged",
        "reporters", "skeletons", "ids", "aliases", "places")
PATCH_MOST = 0.05  # past this share of the maps' entries changed since the base, a build writes a new base
_MISSING = object()


@dataclass
class Kept:
    """A state as read, with where its maps came from (for the next write's patch)."""

    state: State
    folder: Path
    maps: str  # the base file's name
    patch: dict[str, dict]  # map → {key: value, or None where the entry went}


def read(path: Path) -> Kept | None:
    """The state kept at `path`, or None (missing, damaged, or another shape)."""
    try:
        header = _load(path)
        base = _load(path.parent / header["maps"])
        if base.get("name") != header["maps"]:
            return None
        maps = {name: base[name] for name in MAPS}
        for name in MAPS:
            for key, value in header["patch"][name].items():
                if value is None:
                    maps[name].pop(key, None)
                else:
                    maps[name][key] = value
        state = State(**header["fields"], **maps)
    except Exception:  # the full resolution
        return None
    return Kept(state, path.parent, header["maps"], header["patch"])


def write(path: Path, state: State, previous: Kept | None = None) -> None:
    """Keep `state` at `path`: its maps as the previous state's base (linked) and a patch when they differ from it in
    few entries (entries are compared by identity: an update hands the unchanged ones on), else in a new base."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fields = {f.name: getattr(state, f.name) for f in dataclasses.fields(State) if f.name not in MAPS}
    if previous is not None:
        patch = _patch(previous, state)
        size = sum(len(getattr(state, name)) for name in MAPS)
        if sum(map(len, patch.values())) <= PATCH_MOST * size and _linked(previous.folder / previous.maps,
                                                                          path.parent / previous.maps):
            _dump(path, {"fields": fields, "maps": previous.maps, "patch": patch})
            return
    name = f"resolve-{os.urandom(8).hex()}.pkl"
    _dump(path.parent / name, {"name": name, **{m: getattr(state, m) for m in MAPS}})
    _dump(path, {"fields": fields, "maps": name, "patch": {m: {} for m in MAPS}})


def _patch(previous: Kept, state: State) -> dict[str, dict]:
    """The previous patch, and every entry of `state`'s maps that differs from the previous state's (an update hands
    the unchanged ones on: the same object, no comparison)."""
    patch = {name: dict(previous.patch[name]) for name in MAPS}
    for name in MAPS:
        old, new, changed = getattr(previous.state, name), getattr(state, name), patch[name]
        for key, value in new.items():
            before = old.get(key, _MISSING)
            if before is not value and before != value:
                changed[key] = value
        for key in old.keys() - new.keys():
            changed[key] = None
    return patch


def _linked(source: Path, target: Path) -> bool:
    try:
        if not target.exists():
            os.link(source, target)
    except OSError:
        return False
    return True


def _load(path: Path):
    with open(path, "rb") as fh:
        return pickle.load(fh)


def _dump(path: Path, data) -> None:
    tmp = path.with_suffix(".tmp")
    with open(tmp, "wb") as fh:
        pickle.dump(data, fh, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(tmp, path)
