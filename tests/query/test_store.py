"""The persistent store (kg.query.store) and `kg query` reading it instead of the Turtle."""

from __future__ import annotations

import os
import shutil

import pytest
from pyoxigraph import RdfFormat, parse
from typer.testing import CliRunner

from kg.cli import app
from kg.query.engine import format_result, named_queries, open_graph, run_query
from kg.query.store import StoreError, fill_store, ontology_file, open_store, store_for, store_status

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


def triples(path) -> int:
    return sum(1 for _ in parse(path=str(path), format=RdfFormat.TURTLE))


def test_fill_store_loads_the_graph_and_the_ontology_and_counts_them(tiny_build):
    count = fill_store(tiny_build / "store", [tiny_build / "graph.ttl"])
    assert count == triples(tiny_build / "graph.ttl") + triples(ontology_file())
    store = open_store(tiny_build / "store")
    assert len(store) == count
    assert store_status(tiny_build / "store").current
    assert sorted(os.listdir(tiny_build)) == ["graph.html", "graph.ttl", "store"]  # no temporary folder left


def test_fill_store_is_deterministic_and_replaces_the_old_store(tiny_build):
    fill_store(tiny_build / "store", [tiny_build / "graph.ttl"])
    first = sorted(open_store(tiny_build).dump(format=RdfFormat.N_QUADS).decode().splitlines())
    assert fill_store(tiny_build / "store", [tiny_build / "graph.ttl"]) == len(first)
    assert sorted(open_store(tiny_build).dump(format=RdfFormat.N_QUADS).decode().splitlines()) == first


def test_bad_input_is_a_store_error_and_leaves_the_previous_store(tiny_build):
    fill_store(tiny_build / "store", [tiny_build / "graph.ttl"])
    (tiny_build / "bad.ttl").write_text("<a> <b> .", encoding="utf-8")
    with pytest.raises(StoreError, match="bad.ttl: not valid RDF"):
        fill_store(tiny_build / "store", [tiny_build / "bad.ttl"])
    with pytest.raises(StoreError, match="no such RDF file"):
        fill_store(tiny_build / "store", [tiny_build / "missing.ttl"])
    with pytest.raises(StoreError, match="unknown RDF file type"):
        fill_store(tiny_build / "store", [tiny_build / "graph.html"])
    assert store_status(tiny_build / "store").current
    assert sorted(os.listdir(tiny_build)) == ["bad.ttl", "graph.html", "graph.ttl", "store"]


def test_fill_store_does_not_replace_a_folder_that_is_not_a_store(tiny_build):
    (tiny_build / "store").mkdir()
    (tiny_build / "store" / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(StoreError, match="is not a graph store"):
        fill_store(tiny_build / "store", [tiny_build / "graph.ttl"])
    assert (tiny_build / "store" / "notes.txt").read_text(encoding="utf-8") == "mine"


def test_open_store_refuses_a_folder_without_a_store_and_creates_nothing(tmp_path):
    with pytest.raises(StoreError, match="no graph store here"):
        open_store(tmp_path / "nothing")
    assert not (tmp_path / "nothing").exists()


def test_readers_share_the_store(tiny_build):
    fill_store(tiny_build / "store", [tiny_build / "graph.ttl"])
    one, two = open_store(tiny_build), open_store(tiny_build / "store")
    assert len(one) == len(two)


def test_store_goes_stale_when_the_graph_changes_but_not_when_the_folder_moves(tiny_build):
    fill_store(tiny_build / "store", [tiny_build / "graph.ttl"])
    moved = tiny_build.with_name("moved")
    os.rename(tiny_build, moved)  # the build's swap of the output folder
    assert store_for(moved / "graph.ttl").current
    with open(moved / "graph.ttl", "a", encoding="utf-8") as graph:
        graph.write('<https://kg.example.org/id/n/x> <https://kg.example.org/ontology#rank> 1000 .\n')
    status = store_for(moved)
    assert not status.current and "graph.ttl changed after" in status.reason
    assert store_for(moved / "other.ttl") is None  # not filled from it


def test_kg_query_reads_the_current_store_and_falls_back_to_the_turtle(tiny_build):
    fill_store(tiny_build / "store", [tiny_build / "graph.ttl"])
    runner = CliRunner()
    result = runner.invoke(app, ["query", str(tiny_build), COUNT, "--format", "csv", "--time"])
    assert result.exit_code == 0, result.output
    assert f"(store {tiny_build / 'store'})" in result.stderr
    from_store = result.stdout
    parsed = runner.invoke(app, ["query", str(tiny_build / "graph.ttl"), COUNT, "--format", "csv", "--no-store",
                                 "--time"])
    assert parsed.stdout == from_store and "(parsed " in parsed.stderr
    os.utime(tiny_build / "graph.ttl", ns=(1, 1))  # rewritten after the fill, as far as anyone can tell
    stale = runner.invoke(app, ["query", str(tiny_build), COUNT, "--format", "csv"])
    assert stale.exit_code == 0 and stale.stdout == from_store
    assert "note: " in stale.stderr and "changed after" in stale.stderr


def test_named_queries_give_the_same_rows_from_the_store_as_from_the_turtle(seed_output, tmp_path):
    build = tmp_path / "build"
    build.mkdir()
    shutil.copy(seed_output / "graph.ttl", build / "graph.ttl")
    parsed, _, _ = open_graph(build)
    fill_store(build / "store", [build / "graph.ttl"])
    stored, source, _ = open_graph(build)
    assert source.startswith("store ")
    params = {"entity": {"name": "曹慧泉"}, "articles_mentioning": {"name": "曹慧泉"}}
    for name, query in named_queries().items():
        rows = [format_result(run_query(s, query.text, params.get(name), query), "csv").splitlines()
                for s in (parsed, stored)]
        assert rows[0][0] == rows[1][0] and len(rows[0]) > 1, name
        assert sorted(rows[0]) == sorted(rows[1]), name  # rows that tie in ORDER BY may come in another order
