"""The resolver's state on disk (kg/resolve/kept.py): read back as written, its maps kept in a base file shared by
the builds of a chain with a patch of what changed since."""

from __future__ import annotations

import dataclasses

import pytest

from kg.resolve import kept
from kg.resolve.engine import State


def _state(**maps) -> State:
    fields = {f.name: {} for f in dataclasses.fields(State)}
    fields.update(version="v", unsafe=None, order=[], docs={"d1": "x"}, articles={"d1": ["d1#0"]})
    fields.update(maps)
    return State(**fields)


def test_a_chain_of_states_shares_one_base(tmp_path):
    first = _state(ids={("PER", str(n)): f"per/{n}" for n in range(100)})
    kept.write(tmp_path / "0" / "resolve.pkl", first)
    before = kept.read(tmp_path / "0" / "resolve.pkl")
    assert before.state == first
    ids = dict(before.state.ids)
    ids[("PER", "5")] = "per/五"
    del ids[("PER", "6")]
    ids[("PER", "new")] = "per/new"
    second = dataclasses.replace(before.state, ids=ids)
    kept.write(tmp_path / "1" / "resolve.pkl", second, before)
    again = kept.read(tmp_path / "1" / "resolve.pkl")
    assert again.state == second and again.maps == before.maps
    assert again.patch["ids"] == {("PER", "5"): "per/五", ("PER", "6"): None, ("PER", "new"): "per/new"}
    assert (tmp_path / "1" / before.maps).samefile(tmp_path / "0" / before.maps)


def test_past_the_patch_limit_a_new_base_is_written(tmp_path, monkeypatch):
    monkeypatch.setattr(kept, "PATCH_MOST", 0.0)
    kept.write(tmp_path / "0" / "resolve.pkl", _state(ids={("PER", "a"): "per/a"}))
    before = kept.read(tmp_path / "0" / "resolve.pkl")
    kept.write(tmp_path / "1" / "resolve.pkl", _state(ids={("PER", "a"): "per/b"}), before)
    again = kept.read(tmp_path / "1" / "resolve.pkl")
    assert again.maps != before.maps and again.state.ids == {("PER", "a"): "per/b"}


@pytest.mark.parametrize("damage", ["header", "base", "missing base"])
def test_a_damaged_state_reads_as_none(tmp_path, damage):
    path = tmp_path / "resolve.pkl"
    kept.write(path, _state())
    base = next(p for p in tmp_path.iterdir() if p.name.startswith("resolve-"))
    if damage == "header":
        path.write_bytes(b"not a pickle")
    elif damage == "base":
        base.write_bytes(b"\x80\x05N.")
    else:
        base.unlink()
    assert kept.read(path) is None
