import json
import os
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pyoxigraph
import pytest
import rdflib

from kg.graph.export import write_exports
from kg.graph.validate import validate_graph
from kg.records import Corpus

HERE = Path(__file__).resolve().parent


def test_write_all_formats_and_round_trip_counts(corpus, tmp_path):
    outputs, n = write_exports(corpus, tmp_path, formats=("ttl", "jsonld", "nt"))
    assert set(outputs) == {"ttl", "jsonld", "nt", "graphml", "entities", "relations"}
    assert n > 300
    for key, fmt in (("ttl", "turtle"), ("nt", "nt"), ("jsonld", "json-ld")):
        assert len(rdflib.Graph().parse(outputs[key], format=fmt)) == n, key
        oxi = pyoxigraph.RdfFormat.from_extension(outputs[key].suffix[1:])
        assert len(list(pyoxigraph.parse(path=str(outputs[key]), format=oxi))) == n, key
    text = outputs["ttl"].read_text(encoding="utf-8")
    assert "@prefix kgo: <https://kg.example.org/ontology#>" in text
    assert "owl:imports <https://kg.example.org/ontology>" in text
    assert not list(tmp_path.glob(".*.tmp"))  # atomic writes leave nothing behind
    assert oct(outputs["ttl"].stat().st_mode & 0o044) != "0o0"  # readable, not mkstemp's 0600


def test_graphml_is_the_networkx_graph(corpus, tmp_path):
    from kg.graph.nx import to_networkx

    outputs, _ = write_exports(corpus, tmp_path)
    back = nx.read_graphml(outputs["graphml"], force_multigraph=True)
    graph = to_networkx(corpus)
    assert dict(back.nodes(data=True)) == dict(graph.nodes(data=True))
    assert sorted(back.edges(keys=True, data=True)) == sorted(graph.edges(keys=True, data=True))


def test_flat_jsonl(corpus, tmp_path):
    outputs, _ = write_exports(corpus, tmp_path)
    entities = [json.loads(line) for line in outputs["entities"].read_text(encoding="utf-8").splitlines()]
    relations = [json.loads(line) for line in outputs["relations"].read_text(encoding="utf-8").splitlines()]
    assert len(entities) == len(corpus.entities) and len(relations) == len(corpus.relations)
    assert [e["id"] for e in entities] == sorted(e["id"] for e in entities)
    crrc = next(e for e in entities if e["name"] == "中车株洲电力机车研究所有限公司")
    assert {k: crrc[k] for k in ("type", "subtype", "aliases", "date")} == \
        {"type": "ORG", "subtype": "company", "aliases": ["中车株洲所"], "date": None}
    event = next(e for e in entities if e["type"] == "EVENT")
    assert event["date"] == "2023-05-09"
    post = next(r for r in relations if r["type"] == "position" and r["subject"] == "per/曹慧泉")
    assert post["object"] == "市委书记" and post["org"] == "org/株洲市委" and post["object_is_literal"]
    assert post["evidence"] == "市委书记曹慧泉"
    assert post["sources"][0]["sentence"] == "市委书记曹慧泉出席并讲话。"
    invest = next(r for r in relations if r["type"] == "invests_in")
    assert invest["amount"] == "10亿元" and invest["object"] == "project/新型轨道交通装备总部基地项目"


def test_empty_corpus(tmp_path):
    outputs, n = write_exports(Corpus(), tmp_path, formats=("ttl", "jsonld", "nt"))
    assert n == 3
    assert outputs["entities"].read_text() == "" and outputs["relations"].read_text() == ""
    assert nx.read_graphml(outputs["graphml"]).number_of_nodes() == 0
    assert validate_graph(outputs["ttl"]).conforms


def test_bad_arguments_fail_before_writing(corpus, tmp_path):
    with pytest.raises(ValueError, match="unknown RDF format"):
        write_exports(corpus, tmp_path / "a", formats=("xml",))
    with pytest.raises(ValueError, match="invalid base IRI"):
        write_exports(corpus, tmp_path / "b", base_iri="not an iri")
    assert not (tmp_path / "a").exists() and not (tmp_path / "b").exists()


def test_mapping_problems_reach_the_corpus(corpus, tmp_path):
    corpus.relations.append(corpus.relations[0].__class__("visited", "per/曹慧泉", "org/missing"))
    write_exports(corpus, tmp_path)
    assert any("org/missing" in p.reason and p.severity == "warning" for p in corpus.problems)


def test_output_conforms_to_the_shapes(corpus, tmp_path):
    outputs, _ = write_exports(corpus, tmp_path)
    report = validate_graph(outputs["ttl"])
    assert report.conforms, report.text


def test_shapes_catch_missing_provenance_and_bad_dates(corpus, tmp_path):
    corpus.relations[1].evidence = []  # a position fact without evidence
    outputs, _ = write_exports(corpus, tmp_path)
    graph = rdflib.Graph().parse(outputs["ttl"])
    event = rdflib.URIRef("https://kg.example.org/event/株洲市轨道交通产业推进大会")
    graph.add((event, rdflib.URIRef("https://kg.example.org/ontology#eventDate"), rdflib.Literal("5月9日")))
    graph.add((event, rdflib.URIRef("http://www.w3.org/2004/02/skos/core#prefLabel"), rdflib.Literal("大会", lang="zh")))
    report = validate_graph(graph)
    assert not report.conforms
    # no kgo:evidence, no prov:wasDerivedFrom, untyped date, two prefLabels and so a schema:name unequal to them
    assert report.violations == 5
    assert "kgo:evidence" in report.text or "evidence" in report.text


def test_shapes_keep_the_name_shortcuts_on_position_facts(corpus, tmp_path):
    outputs, _ = write_exports(corpus, tmp_path)
    graph = rdflib.Graph().parse(outputs["ttl"])
    kgo = rdflib.Namespace("https://kg.example.org/ontology#")
    visit = next(f for f in graph.subjects(rdflib.RDF.predicate, kgo.visited))
    graph.add((visit, kgo.holderName, rdflib.Literal("曹慧泉", lang="zh")))
    report = validate_graph(graph)
    assert not report.conforms and report.violations == 1
    assert "holdsPosition" in report.text


_DUMP = """
import sys
sys.path.insert(0, {here!r})
from graph_corpus import make_corpus
from kg.graph.export import write_exports
write_exports(make_corpus(), sys.argv[1], formats=("ttl", "jsonld", "nt"))
"""


def test_byte_identical_across_runs_and_hash_seeds(tmp_path):
    runs = []
    for seed in ("1", "4242"):
        out = tmp_path / f"run{seed}"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run([sys.executable, "-c", _DUMP.format(here=str(HERE)), str(out)], check=True, env=env)
        runs.append({p.name: p.read_bytes() for p in sorted(out.iterdir())})
    assert runs[0].keys() == {"graph.ttl", "graph.jsonld", "graph.nt", "graph.graphml", "entities.jsonl",
                              "relations.jsonl"}
    for name in runs[0]:
        assert runs[0][name] == runs[1][name], name


def test_shuffled_input_gives_the_same_turtle(corpus, tmp_path):
    from graph_corpus import make_corpus

    first, _ = write_exports(corpus, tmp_path / "a")
    shuffled = make_corpus()
    shuffled.entities.reverse()
    shuffled.relations.reverse()
    second, _ = write_exports(shuffled, tmp_path / "b")
    assert first["ttl"].read_bytes() == second["ttl"].read_bytes()
    assert first["graphml"].read_bytes() == second["graphml"].read_bytes()


def test_graphml_and_jsonl_written_by_a_forked_child_are_the_same_bytes(corpus, tmp_path, monkeypatch):
    """A large graph's GraphML and JSONL are written by a forked process beside the RDF (kg.graph.export._Beside):
    the same files as written here; a child that fails leaves the writing to this process."""
    from kg.graph import export

    monkeypatch.setattr(export, "PARALLEL_ENTITIES", 10**9)
    here, _ = write_exports(corpus, tmp_path / "here")
    monkeypatch.setattr(export, "PARALLEL_ENTITIES", 0)
    forked, _ = write_exports(corpus, tmp_path / "forked")
    assert list(forked) == list(here)
    for name in here:
        assert forked[name].read_bytes() == here[name].read_bytes(), name
    parent = os.getpid()
    writer = export._write_graph_and_flat

    def dies_in_the_child(*args):
        if os.getpid() != parent:
            os._exit(3)
        writer(*args)

    monkeypatch.setattr(export, "_write_graph_and_flat", dies_in_the_child)
    again, _ = write_exports(corpus, tmp_path / "again")
    for name in here:
        assert again[name].read_bytes() == here[name].read_bytes(), name
