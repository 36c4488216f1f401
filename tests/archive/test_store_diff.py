"""The store of an update is the earlier store changed by a diff of the Turtle (kg.query.store.update_store): it
must hold exactly the quads a fresh fill would."""

from __future__ import annotations

from pyoxigraph import Literal, NamedNode, RdfFormat, Triple, serialize

from kg.graph.namespace import PREFIXES
from kg.query.store import fill_store, open_store, store_status, update_store

EX = "https://kg.example.org/"


def _write(path, facts):
    triples = [Triple(NamedNode(EX + s), NamedNode(EX + p), Literal(o, language="zh")) for s, p, o in facts]
    path.write_bytes(serialize(sorted(triples, key=str), format=RdfFormat.TURTLE, prefixes=PREFIXES))


def _quads(store_dir):
    return sorted(map(str, open_store(store_dir)))


def test_a_diffed_store_holds_what_a_fresh_fill_holds(tmp_path):
    old, new, fresh = tmp_path / "old", tmp_path / "new", tmp_path / "fresh"
    for folder in (old, new, fresh):
        folder.mkdir()
    _write(old / "graph.ttl", [("a", "name", "甲"), ("b", "name", "乙 .\n"), ("c", "name", "丙")])
    fill_store(old / "store", [old / "graph.ttl"])
    facts = [("a", "name", "甲"), ("b", "name", "乙乙"), ("d", "name", "丁")]  # b changed, c gone, d new
    _write(new / "graph.ttl", facts)
    _write(fresh / "graph.ttl", facts)
    count = update_store(new / "store", [new / "graph.ttl"], old / "store")
    assert count == fill_store(fresh / "store", [fresh / "graph.ttl"])
    assert _quads(new / "store") == _quads(fresh / "store")
    assert store_status(new / "store").current and store_status(old / "store").current


def test_a_stale_earlier_store_is_not_diffed_but_filled(tmp_path):
    old, new = tmp_path / "old", tmp_path / "new"
    old.mkdir(), new.mkdir()
    _write(old / "graph.ttl", [("a", "name", "甲")])
    fill_store(old / "store", [old / "graph.ttl"])
    _write(old / "graph.ttl", [("a", "name", "甲"), ("z", "name", "不在库里")])  # the store no longer matches it
    _write(new / "graph.ttl", [("b", "name", "乙")])
    update_store(new / "store", [new / "graph.ttl"], old / "store")
    graph = [q for q in _quads(new / "store") if "/ontology>" not in q]
    assert len(graph) == 1 and "kg.example.org/b" in graph[0]


def test_the_subjects_a_splice_names_diff_the_store_without_comparing_every_block(tmp_path):
    """With the subjects whose blocks changed (kg.graph.splice knows them) the store changes by those blocks; subjects
    that leave a difference out (wrong, or stale) are caught by the check of the rest and every block is compared."""
    old = tmp_path / "old"
    old.mkdir()
    _write(old / "graph.ttl", [("a", "name", "甲"), ("b", "name", "乙 .\n"), ("c", "name", "丙"), ("e", "name", "戊")])
    fill_store(old / "store", [old / "graph.ttl"])
    facts = [("a", "name", "甲"), ("b", "name", "乙乙"), ("d", "name", "丁"), ("e", "name", "戊")]
    fresh = tmp_path / "fresh"
    fresh.mkdir()
    _write(fresh / "graph.ttl", facts)
    fill_store(fresh / "store", [fresh / "graph.ttl"])
    changed = sorted((EX + s).encode() for s in ("b", "c", "d"))
    for name, subjects in [("right", changed), ("more", changed + [(EX + "a").encode()]), ("wrong", changed[:1]),
                           ("none", [])]:
        new = tmp_path / name
        new.mkdir()
        _write(new / "graph.ttl", facts)
        update_store(new / "store", [new / "graph.ttl"], old / "store", sorted(subjects))
        assert _quads(new / "store") == _quads(fresh / "store"), name


def test_changed_blocks_refuses_subjects_that_leave_a_difference_out(tmp_path):
    from kg.query.store import _changed_blocks

    a, b = tmp_path / "a.ttl", tmp_path / "b.ttl"
    _write(a, [("a", "name", "甲"), ("b", "name", "乙")])
    _write(b, [("a", "name", "甲甲"), ("b", "name", "乙")])
    assert _changed_blocks(a, b, [(EX + "b").encode()]) is None
    head, gone, added = _changed_blocks(a, b, [(EX + "a").encode()])
    assert len(gone) == len(added) == 1 and "甲甲".encode() in next(iter(added))
