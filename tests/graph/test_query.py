import csv
import io
import json
import xml.etree.ElementTree as ET

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.graph.export import write_exports
from kg.query import QueryError, format_result, load_store, named_queries, result_rows, run_query

runner = CliRunner()


def _err(result) -> str:
    return " ".join(result.stderr.split())  # rich wraps long messages


@pytest.fixture
def graph_dir(corpus, tmp_path):
    write_exports(corpus, tmp_path, formats=("ttl", "nt"))
    return tmp_path


@pytest.fixture
def store(graph_dir):
    return load_store(graph_dir)


def _named(store, query_name, **params):
    query = named_queries()[query_name]
    return result_rows(run_query(store, query.text, params, named=query))


def test_named_queries_are_documented():
    queries = named_queries()
    assert set(queries) >= {"people_posts", "events", "cooperation", "by_district", "entity", "articles_mentioning"}
    for query in queries.values():
        assert query.description and query.description.endswith(".")
    assert [p.name for p in queries["entity"].params] == ["name"]
    assert queries["entity"].params[0].language == "zh"


def test_people_posts(store):
    columns, rows = _named(store, "people_posts")
    assert columns[:3] == ["name", "title", "organization"]
    assert [r[:3] for r in rows] == [["曹慧泉", "市委书记", "株洲市委"],
                                     ["李东林", "董事长", "中车株洲电力机车研究所有限公司"],
                                     ["阳卫国", "市长", ""]]


def test_people_posts_shortcuts_repeat_the_labels(store):
    """The name shortcuts on position facts give exactly the rows of joining the labels themselves."""
    joined = """SELECT ?name ?title ?organization ?person WHERE {
      ?fact rdf:predicate kgo:holdsPosition ; rdf:subject ?person ; rdf:object ?title .
      ?person skos:prefLabel ?name .
      OPTIONAL { ?fact org:organization ?org . ?org skos:prefLabel ?organization } }
    ORDER BY ?name ?title ?organization"""
    assert result_rows(run_query(store, joined)) == _named(store, "people_posts")


def test_events(store, hostile):
    columns, rows = _named(store, "events")
    assert len(rows) == 1
    row = dict(zip(columns, rows[0]))
    assert row["date"] == "2023-05-09" and row["event"] == "株洲市轨道交通产业推进大会"
    assert row["chairs"] == "阳卫国" and row["speakers"] == "曹慧泉"
    assert set(row["attendees"].split("、")) == {"曹慧泉", "李东林", hostile}
    assert row["organizers"] == "株洲市人民政府" and row["location"] == "株洲国际会展中心"


def test_cooperation(store):
    columns, rows = _named(store, "cooperation")
    assert columns[:3] == ["party", "partner", "sentences"]
    assert [r[:3] for r in rows] == [["茶陵县", "中车株洲电力机车研究所有限公司", "1"]]  # party: the lesser entity id
    assert rows[0][3] == "茶陵县与中车株洲所签署合作协议。"


def test_by_district(store):
    _, rows = _named(store, "by_district")
    assert [r[:5] for r in rows] == [["石峰区", "株洲市", "430204", "ORG", "中车株洲电力机车研究所有限公司"]]


def test_entity_by_name_and_alias(store):
    columns, rows = _named(store, "entity", name="李东林")
    relations = {(r[2], r[3]) for r in rows}
    assert relations == {("任职", "董事长"), ("出席", "株洲市轨道交通产业推进大会"), ("考察", "茶陵县"),
                         ("隶属", "中车株洲电力机车研究所有限公司")}
    assert all(r[columns.index("sentence")] for r in rows)
    _, rows = _named(store, "entity", name="中车株洲所")  # by alias
    assert ("object", "合作", "茶陵县") in {tuple(r[1:4]) for r in rows}
    assert ("subject", "投资", "新型轨道交通装备总部基地项目") in {tuple(r[1:4]) for r in rows}
    assert _named(store, "entity", name="不存在的人")[1] == []


def test_articles_mentioning(store):
    _, rows = _named(store, "articles_mentioning", name="中车株洲所")
    assert [r[2] for r in rows] == ["株洲市轨道交通产业推进大会召开", "茶陵携手中车探索协同发展"]


def test_result_formats(store):
    query = "SELECT ?name WHERE { ?p a kgo:Person ; skos:prefLabel ?name } ORDER BY ?name"
    data = format_result(run_query(store, query), "csv").decode()
    assert list(csv.reader(io.StringIO(data)))[1] == ["<img src=x onerror=alert(1)>\"\n'&"]
    data = json.loads(format_result(run_query(store, query), "json"))
    assert data["head"]["vars"] == ["name"] and len(data["results"]["bindings"]) == 5
    assert format_result(run_query(store, query), "tsv").decode().startswith("?name\n")
    ET.fromstring(format_result(run_query(store, query), "xml"))
    assert json.loads(format_result(run_query(store, "ASK { ?e a kgo:Event }"), "json"))["boolean"] is True
    turtle = format_result(run_query(store, "CONSTRUCT { ?e a kgo:Event } WHERE { ?e a kgo:Event }"), "csv")
    assert b"kgo:Event" in turtle


def test_errors(store):
    for update in ["INSERT DATA { <a:b> <a:c> <a:d> }", "PREFIX x: <a:>\n# c\n delete where { ?s ?p ?o }",
                   "DROP ALL", "LOAD <http://example.org/x>"]:
        with pytest.raises(QueryError, match="read-only"):
            run_query(store, update)
    with pytest.raises(QueryError, match="syntax"):
        run_query(store, "SELECT ?x WHERE { ?x }")
    query = named_queries()["entity"]
    query.params[0].default = None
    with pytest.raises(QueryError, match="--param name"):
        run_query(store, query.text, named=query)
    with pytest.raises(QueryError, match="no such graph"):
        load_store("/nonexistent/graph.ttl")


def test_parameters_are_escaped_and_checked(store):
    hostile = 'x"@zh } } DROP ALL { { "'
    assert _named(store, "entity", name=hostile)[1] == []
    query = named_queries()["people_posts"]
    with pytest.raises(QueryError, match="has no parameter"):
        run_query(store, query.text, {"name": "x"}, named=query)
    # ad-hoc queries take plain-literal parameters; a WHERE inside a comment is not the binding point
    text = "# WHERE { nothing }\nSELECT ?n ?e WHERE { ?e skos:prefLabel ?l FILTER(STR(?l) = ?n) }"
    rows = result_rows(run_query(store, text, {"n": "株洲市委"}))[1]
    assert rows == [["株洲市委", "https://kg.example.org/org/株洲市委"]]


def test_ontology_is_loaded_as_import(store):
    rows = result_rows(run_query(store, 'SELECT ?l WHERE { kgo:spokeAt rdfs:label ?l FILTER(LANG(?l) = "en") }'))[1]
    assert rows == [["spoke at"]]


# ------------------------------------------------------------------ CLI

def test_cli_list():
    result = runner.invoke(app, ["query", "--list"])
    assert result.exit_code == 0 and "people_posts" in result.stdout and "name=… (required)" in result.stdout


def test_cli_formats(graph_dir):
    result = runner.invoke(app, ["query", str(graph_dir), "people_posts", "--format", "csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[0][:3] == ["name", "title", "organization"] and len(rows) == 4
    result = runner.invoke(app, ["query", str(graph_dir / "graph.nt"), "entity", "-p", "name=阳卫国", "-f", "json"])
    assert result.exit_code == 0, result.output
    bindings = json.loads(result.stdout)["results"]["bindings"]
    assert {b["relation"]["value"] for b in bindings} == {"任职", "主持"}
    result = runner.invoke(app, ["query", str(graph_dir), "SELECT (COUNT(*) AS ?n) WHERE { ?f a kgo:Fact }"])
    assert result.exit_code == 0 and "20" in result.stdout


def test_cli_query_file_and_table_escaping(graph_dir, tmp_path, hostile):
    rq = tmp_path / "q.rq"
    rq.write_text("# Persons.\nSELECT ?n WHERE { ?p a kgo:Person ; skos:prefLabel ?n }", encoding="utf-8")
    result = runner.invoke(app, ["query", str(graph_dir), str(rq)])
    assert result.exit_code == 0, result.output
    assert "<img src=x onerror=alert(1)>" in result.stdout  # printed as text, not eaten as markup


def test_cli_errors(graph_dir):
    result = runner.invoke(app, ["query", str(graph_dir), "DELETE WHERE { ?s ?p ?o }"])
    assert result.exit_code == 2 and "read-only" in _err(result)
    result = runner.invoke(app, ["query", str(graph_dir), "SELECT ?x WHERE { ?x }"])
    assert result.exit_code == 2 and "syntax error" in _err(result)
    result = runner.invoke(app, ["query", str(graph_dir), "no_such_query"])
    assert result.exit_code == 2 and "unknown named query" in _err(result)
    result = runner.invoke(app, ["query", str(graph_dir), "events", "-f", "yaml"])
    assert result.exit_code == 2 and "unknown format" in _err(result)
    result = runner.invoke(app, ["query", str(graph_dir / "missing.ttl"), "events"])
    assert result.exit_code == 2
    result = runner.invoke(app, ["query", str(graph_dir), "entity", "-p", "name"])
    assert result.exit_code == 2 and "NAME=VALUE" in _err(result)
    broken = graph_dir / "broken.ttl"
    broken.write_text("<a> <b> .", encoding="utf-8")
    result = runner.invoke(app, ["query", str(broken), "events"])
    assert result.exit_code == 2 and "not valid RDF" in _err(result)


def test_cli_stats(graph_dir):
    result = runner.invoke(app, ["stats", str(graph_dir), "--json", "-n", "2"])
    assert result.exit_code == 0, result.output
    stats = json.loads(result.stdout)
    assert stats["classes"]["https://kg.example.org/ontology#Fact"] == 20
    assert stats["classes"]["https://kg.example.org/ontology#Person"] == 5
    assert stats["properties"]["https://kg.example.org/ontology#spokeAt"] == 1
    assert [e["label"] for e in stats["top_entities"]] == ["中车株洲电力机车研究所有限公司", "株洲市轨道交通产业推进大会"]
    result = runner.invoke(app, ["stats", str(graph_dir)])
    assert result.exit_code == 0 and "kgo:Person" in result.stdout


def test_cli_validate(graph_dir, tmp_path):
    result = runner.invoke(app, ["validate", str(graph_dir)])
    assert result.exit_code == 0 and "conforms" in _err(result)
    bad = tmp_path / "bad.ttl"
    text = (graph_dir / "graph.ttl").read_text(encoding="utf-8")
    bad.write_text(text.replace('"2023-05-09"^^xsd:date', '"2023-05-09"'), encoding="utf-8")
    result = runner.invoke(app, ["validate", str(bad)])
    assert result.exit_code == 1 and "violation" in _err(result)
    result = runner.invoke(app, ["validate", str(tmp_path / "nope.ttl")])
    assert result.exit_code == 2


def test_cached_store_is_reused_and_refreshed(graph_dir):
    import os
    import time

    first = load_store(graph_dir, cache=True)
    assert len(first) > 300
    cache_dir = graph_dir / ".graph.ttl.oxigraph"
    assert cache_dir.is_dir() and (graph_dir / ".graph.ttl.oxigraph.stamp").is_file()
    del first
    stamp_before = (graph_dir / ".graph.ttl.oxigraph.stamp").stat().st_mtime_ns
    again = load_store(graph_dir, cache=True)  # reopened, not rebuilt
    assert (graph_dir / ".graph.ttl.oxigraph.stamp").stat().st_mtime_ns == stamp_before
    _, rows = _named(again, "people_posts")
    assert len(rows) == 3
    del again
    # a changed graph file invalidates the cache
    ttl = graph_dir / "graph.ttl"
    ttl.write_text(ttl.read_text(encoding="utf-8") + '\n<https://x.org/a> <https://x.org/b> "c" .\n', encoding="utf-8")
    os.utime(ttl, ns=(time.time_ns(), time.time_ns() + 10**9))
    fresh = load_store(graph_dir, cache=True)
    assert bool(fresh.query('ASK { <https://x.org/a> ?p ?o }'))
    result = runner.invoke(app, ["query", str(graph_dir), "events", "--cache", "-f", "csv"])
    assert result.exit_code == 0, result.output
    assert not [p for p in graph_dir.iterdir() if p.name.startswith(".graph.ttl.oxigraph.") and p.is_dir()]


def test_parameters_bind_into_where_group_despite_hash_iris_and_no_where_keyword():
    from pyoxigraph import Literal

    from kg.query.engine import bind_parameters

    bound = bind_parameters('SELECT ?s FROM <http://a.example/g#x> WHERE { ?s ?p ?name }', {"name": Literal("x")})
    assert 'WHERE { VALUES ?name { "x" }' in bound
    bound = bind_parameters('SELECT ?s { ?s ?p "{#}" . ?s ?q ?name } # { comment', {"name": Literal("x")})
    assert bound.startswith('SELECT ?s { VALUES ?name { "x" }')
    bound = bind_parameters("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?name }", {"name": Literal("x")})
    assert 'WHERE { VALUES ?name { "x" }' in bound
