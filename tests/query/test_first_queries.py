"""What a SPARQL user tries first on the seed build: schema.org terms, a typo'd prefix, an unknown name, a wrong path."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.query.engine import is_query, load_store, named_queries, query_warnings

SCHEMA_PEOPLE = "PREFIX schema: <https://schema.org/> SELECT ?n WHERE { ?p a schema:Person ; schema:name ?n }"


def run(*args: str):
    return CliRunner().invoke(app, ["query", *args])


def lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def test_schema_org_query_lists_the_people(seed_output):
    result = run(str(seed_output / "graph.ttl"), SCHEMA_PEOPLE, "--format", "csv")
    assert result.exit_code == 0, result.output
    names = lines(result.stdout)[1:]
    assert len(names) > 50 and "曹慧泉" in names
    assert "warning" not in result.stderr


def test_a_typo_in_a_prefix_is_reported(seed_output):
    result = run(str(seed_output), SCHEMA_PEOPLE.replace("https://schema.org/", "http://schema.org/"))
    assert result.exit_code == 0
    assert "warning: <http://schema.org/Person> occurs nowhere in the graph" in result.stderr
    assert "<http://schema.org/name> occurs nowhere in the graph" in result.stderr
    assert "0 row(s)" in result.stderr


def test_entity_query_says_when_no_entity_has_the_name(seed_output):
    result = run(str(seed_output), "entity", "--param", "name=不存在的人")
    assert result.exit_code == 0
    assert "no entity named 不存在的人" in result.stderr
    found = run(str(seed_output), "entity", "--param", "name=曹慧泉")
    assert "no entity named" not in found.stderr and "曹慧泉" in found.stdout


def test_a_mistyped_graph_path_is_not_taken_for_sparql(seed_output, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # no output/ here
    for typo in (str(seed_output / "graph.tl"), "outptu/graph.ttl", "outptu"):
        result = run(typo)
        assert result.exit_code == 2
        assert "no such graph file or build folder" in result.stderr and "syntax" not in result.stderr
    # a lone query still runs on output/ (here: missing, and said so)
    result = run("SELECT * WHERE { ?s ?p ?o } LIMIT 1")
    assert result.exit_code == 2 and "output: no such graph file or build folder" in result.stderr


@pytest.mark.parametrize("text, expected", [
    ("output/graph.ttl", False), ("graph.tl", False), ("people_posts", True), ("my.rq", True),
    ("SELECT ?s WHERE { ?s ?p ?o }", True), ("# a comment\nprefix x: <a:> ASK {}", True), ("ASKING", False),
])
def test_is_query(text, expected):
    assert is_query(text) is expected


def test_query_warnings(seed_output):
    store = load_store(seed_output)
    for name, query in named_queries().items():
        assert query_warnings(store, query.text) == [], name
    assert query_warnings(store, SCHEMA_PEOPLE) == []
    typo = query_warnings(store, "SELECT * WHERE { ?s kgo:holdsPositon ?o }")
    assert typo == ["<https://kg.example.org/ontology#holdsPositon> occurs nowhere in the graph (a typo in a prefix or name?)"]
    # the other first-hour traps: a name without its language tag, a class only the ontology mentions
    untagged = query_warnings(store, 'SELECT ?p WHERE { ?p schema:name "曹慧泉" }')
    assert len(untagged) == 1 and '"曹慧泉"' in untagged[0] and "@zh" in untagged[0]
    assert query_warnings(store, 'SELECT ?p WHERE { ?p schema:name "曹慧泉"@zh }') == []
    only_ontology = query_warnings(store, "SELECT ?x WHERE { ?x a foaf:Person }")
    assert len(only_ontology) == 1 and "foaf/0.1/Person>" in only_ontology[0]
    assert query_warnings(store, "not SPARQL at all") == []
