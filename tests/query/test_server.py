"""The SPARQL 1.1 Protocol endpoint of `kg serve` (kg.query.server), run on a free port and asked over HTTP."""

from __future__ import annotations

import csv
import io
import json
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET

import pytest
from rdflib import Graph, Literal
from rdflib.plugins.stores.sparqlstore import SPARQLStore, SPARQLUpdateStore
from sparql_helpers import running_server, write_build

from kg.query.server import ServeOptions
from kg.query.store import fill_store

NAMES = "SELECT ?name WHERE { ?e a schema:Person ; schema:name ?name }"
HEAVY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"  # ~10^11 rows to count


@pytest.fixture(scope="module")
def build(tmp_path_factory):
    folder = write_build(tmp_path_factory.mktemp("served") / "output")
    fill_store(folder / "store", [folder / "graph.ttl"])
    return folder


@pytest.fixture(scope="module")
def endpoint(build):
    options = ServeOptions(store=build / "store", viewer=build / "graph.html", timeout=2, max_rows=100, workers=2)
    with running_server(options) as base:
        yield base


def call(url, data: bytes | None = None, headers: dict | None = None, method: str | None = None):
    request = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.headers.get("content-type", ""), response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("content-type", ""), error.read()


def get(base, query, accept=None, **params):
    url = f"{base}/query?" + urllib.parse.urlencode({"query": query, **params}, doseq=True)
    return call(url, headers={"Accept": accept} if accept else {})


def test_rdflib_sparqlstore_reads_the_endpoint(endpoint):
    graph = Graph(SPARQLStore(query_endpoint=f"{endpoint}/query"))
    rows = list(graph.query("PREFIX schema: <https://schema.org/> " + NAMES))
    assert [row.name for row in rows] == [Literal("曹慧泉", lang="zh")]
    asked = graph.query("ASK { ?o <http://www.w3.org/2004/02/skos/core#altLabel> \"株洲所\"@zh }")
    assert asked.askAnswer is True


def test_get_and_both_kinds_of_post_give_the_same_answer(endpoint):
    by_get = get(endpoint, NAMES)
    form = urllib.parse.urlencode({"query": NAMES}).encode()
    by_form = call(f"{endpoint}/query", form, {"Content-Type": "application/x-www-form-urlencoded"})
    direct = call(f"{endpoint}/query", NAMES.encode(), {"Content-Type": "application/sparql-query"})
    assert by_get == by_form == direct
    status, media, body = by_get
    assert status == 200 and media == "application/sparql-results+json"  # kg's prefixes are declared
    assert json.loads(body)["results"]["bindings"][0]["name"] == {"type": "literal", "value": "曹慧泉",
                                                                    "xml:lang": "zh"}


@pytest.mark.parametrize("accept, media", [
    ("text/csv", "text/csv"),
    ("text/tab-separated-values", "text/tab-separated-values"),
    ("application/sparql-results+xml", "application/sparql-results+xml"),
    ("text/html;q=0.9, application/sparql-results+xml;q=0.8, text/csv;q=0.5", "application/sparql-results+xml"),
    ("*/*", "application/sparql-results+json"),
])
def test_results_in_the_asked_media_type(endpoint, accept, media):
    status, got, body = get(endpoint, NAMES, accept)
    assert status == 200 and got.split(";")[0] == media
    if media == "text/csv":
        assert list(csv.reader(io.StringIO(body.decode()))) == [["name"], ["曹慧泉"]]
    if media.endswith("xml"):
        ET.fromstring(body)


def test_construct_gives_rdf_and_unacceptable_types_get_406(endpoint):
    query = "CONSTRUCT { ?e schema:name ?n } WHERE { ?e a schema:Person ; schema:name ?n }"
    status, media, body = get(endpoint, query, "application/n-triples")
    assert status == 200 and media.startswith("application/n-triples")
    assert len(Graph().parse(data=body.decode(), format="nt")) == 1
    status, media, body = get(endpoint, query)
    assert status == 200 and media.startswith("text/turtle")
    status, _, body = get(endpoint, NAMES, "image/png")
    assert status == 406 and b"application/sparql-results+json" in body


def test_bad_requests_get_clear_4xx_errors(endpoint):
    assert get(endpoint, "SELEC ?x")[0] == 400
    assert call(f"{endpoint}/query")[0] == 400  # no query
    assert call(f"{endpoint}/query", b"query=ASK{}", {"Content-Type": "text/plain"})[0] == 415
    status, _, body = call(f"{endpoint}/query", b"x" * 1_000_001, {"Content-Type": "application/sparql-query"})
    assert status == 413 and b"--max-request-bytes" in body
    status, _, body = get(endpoint, NAMES, **{"default-graph-uri": "not an iri"})
    assert status == 400 and b"bad graph IRI" in body
    assert call(f"{endpoint}/nothing")[0] == 404


def test_default_graph_uri_narrows_the_dataset(endpoint):
    ontology_only = {"default-graph-uri": "https://kg.example.org/ontology"}
    status, _, body = get(endpoint, NAMES, **ontology_only)
    assert status == 200 and json.loads(body)["results"]["bindings"] == []


def test_a_runaway_query_is_stopped_and_the_server_stays_up(endpoint):
    status, _, body = get(endpoint, HEAVY)
    assert status == 503 and b"time limit of 2 s" in body
    assert get(endpoint, NAMES)[0] == 200  # and the next query is answered
    status, _, body = get(endpoint, HEAVY)  # the replaced worker stops the next runaway too
    assert status == 503


def test_a_result_over_the_row_limit_is_refused(endpoint):
    status, _, body = get(endpoint, "SELECT ?s ?o WHERE { ?s kgo:rank ?o }")
    assert status == 422 and b"more than 100 rows" in body
    status, _, body = get(endpoint, "CONSTRUCT WHERE { ?s kgo:rank ?o }")
    assert status == 422
    assert get(endpoint, "SELECT ?s ?o WHERE { ?s kgo:rank ?o } LIMIT 100")[0] == 200


def test_updates_are_refused_without_write(endpoint):
    update = "INSERT DATA { <http://e/a> <http://e/b> <http://e/c> }"
    form = urllib.parse.urlencode({"update": update}).encode()
    status, _, body = call(f"{endpoint}/update", form, {"Content-Type": "application/x-www-form-urlencoded"})
    assert status == 403 and b"--write" in body
    status, _, _ = call(f"{endpoint}/query", update.encode(), {"Content-Type": "application/sparql-query"})
    assert status == 400  # an update is not a query either
    assert get(endpoint, "ASK { <http://e/a> ?p ?o }", "text/csv")[2].strip() == b"false"


def test_cross_site_posts_and_foreign_hosts_are_refused(endpoint):
    form = urllib.parse.urlencode({"query": NAMES}).encode()
    status, _, body = call(f"{endpoint}/query", form, {"Content-Type": "application/x-www-form-urlencoded",
                                                       "Origin": "https://evil.example"})
    assert status == 403 and b"cross-site" in body
    url = f"{endpoint}/query?" + urllib.parse.urlencode({"query": NAMES})
    assert call(url, headers={"Host": "evil.example"})[0] == 421  # DNS rebinding
    assert call(url, headers={"Host": "localhost"})[0] == 200


def test_the_viewer_is_served_at_the_root(endpoint):
    status, media, body = call(f"{endpoint}/")
    assert status == 200 and media.startswith("text/html") and b"kg viewer" in body


def test_a_writable_server_takes_updates_through_rdflib(tmp_path):
    folder = write_build(tmp_path / "output")
    fill_store(folder / "store", [folder / "graph.ttl"])
    with running_server(ServeOptions(store=folder / "store", write=True, timeout=10)) as base:
        store = SPARQLUpdateStore(query_endpoint=f"{base}/query", update_endpoint=f"{base}/update")
        store.update('INSERT DATA { <http://e/a> <http://e/b> "新"@zh }')
        assert bool(Graph(store).query("ASK { <http://e/a> <http://e/b> \"新\"@zh }"))
        status = call(f"{base}/update?" + urllib.parse.urlencode({"update": "CLEAR ALL"}))[0]
        assert status == 405  # updates only by POST


def test_a_new_build_is_served_from_the_next_query_on(tmp_path):
    folder = write_build(tmp_path / "output")
    fill_store(folder / "store", [folder / "graph.ttl"])
    with running_server(ServeOptions(store=folder / "store", workers=1, timeout=10)) as base:
        assert get(base, "ASK { ?e schema:name \"新人\"@zh }", "text/csv")[2].strip() == b"false"
        with open(folder / "graph.ttl", "a", encoding="utf-8") as graph:
            graph.write('<https://kg.example.org/id/per/2> <https://schema.org/name> "新人"@zh .\n')
        fill_store(folder / "store", [folder / "graph.ttl"])  # as `kg build` / `kg update` do
        assert get(base, "ASK { ?e schema:name \"新人\"@zh }", "text/csv")[2].strip() == b"true"


def test_a_query_over_the_memory_limit_is_stopped_and_the_server_stays_up(build):
    options = ServeOptions(store=build / "store", workers=1, timeout=60, memory_mb=400)
    hungry = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?a ?d ?g"  # sorts ~10^8 rows
    with running_server(options) as base:
        status, _, body = get(base, hungry)
        assert status == 503 and b"memory limit of 400 MB" in body
        assert get(base, NAMES)[0] == 200
