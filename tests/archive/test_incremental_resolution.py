"""kg update resolves only what its changed files touch (kg/resolve/incremental.py) and writes the bytes a full build
of the same files writes: every export, the manifest and the store's quads."""

from __future__ import annotations

import pytest

from kg.resolve import incremental

EXPORTS = ("graph.ttl", "entities.jsonl", "relations.jsonl", "graph.graphml")


def same_build(a, b) -> None:
    from kg.query.store import open_store

    for name in EXPORTS:
        assert (a / name).read_bytes() == (b / name).read_bytes(), name
    assert sorted(map(str, open_store(a / "store"))) == sorted(map(str, open_store(b / "store")))


@pytest.mark.parametrize("limit", [1.0, 0.0])
def test_updates_with_an_edit_and_a_deletion_resolve_as_a_full_build(built_but_last, tmp_path, monkeypatch, limit):
    """Through the update's resolution (limit 1: any share of the files may change), or refused by its guard
    (limit 0: every change is too large) and resolved whole: the same files either way."""
    from kg.archive.update import update
    from kg.pipeline import build

    monkeypatch.setattr(incremental, "LIMIT", limit)
    files, out = built_but_last
    expected = "the changed documents' keys" if limit else "all keys (1 documents changed)"
    assert update(files[-1:], out).counts.resolution == expected
    full = build(files, tmp_path / "full", html=False)
    assert full.counts.resolution.startswith("all keys")
    same_build(out, tmp_path / "full")

    edited = files[1]
    edited.write_text(edited.read_text(encoding="utf-8") + "\n\n星火机电公司董事长王立新出席了签约仪式。\n", encoding="utf-8")
    files[0].unlink()
    again = update([], out)  # (the edit's new names change the extractions of other files that hold them too)
    assert again.counts.resolution.startswith("the changed documents' keys" if limit else "all keys (")
    build(files[1:], tmp_path / "full2", html=False)
    same_build(out, tmp_path / "full2")


def test_an_update_with_nothing_new_resolves_nothing_again(built_but_last, monkeypatch):
    from kg.archive.update import update

    files, out = built_but_last
    report = update([], out)
    assert report.counts.resolution == "the changed documents' keys"
