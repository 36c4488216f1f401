"""Federated SERVICE (and LOAD) refused unless --allow-service: no request leaves, shown with a local listener."""

from __future__ import annotations

import gc
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest
from sparql_helpers import running_server
from typer.testing import CliRunner

from kg.cli import app
from kg.query.guard import ServiceRefused, check_network, uses_load, uses_service
from kg.query.server import ServeOptions
from kg.query.store import fill_store


@pytest.mark.parametrize("query", [
    "SELECT * WHERE { SERVICE <http://x/> { ?s ?p ?o } }",
    "select * { service silent <http://x/> { ?s ?p ?o } }",
    "SELECT * { ?a ?b ?c .SERVICE<http://x/>{?s ?p ?o} }",
    "SELECT * { \\u0053ERVICE <http://x/> { ?s ?p ?o } }",  # codepoint escapes are read before the grammar
    "SELECT * { # a comment\nSERVICE ?endpoint { ?s ?p ?o } }",
    'SELECT * { ?s ?p "x" SERVICE <http://x/> { } }',
])
def test_service_calls_are_found(query):
    assert uses_service(query)


@pytest.mark.parametrize("query", [
    'SELECT * WHERE { ?s ?p "SERVICE" }',
    "SELECT * WHERE { ?s ?p <http://e/SERVICE> }",
    "SELECT ?service WHERE { ?service ?p ?o }  # SERVICE in a comment",
    "PREFIX ex: <http://e/> PREFIX service: <http://s/> SELECT * { ?s ex:SERVICE ?o ; service:x ?y }",
    "SELECT * { ?s ?p '''a\nSERVICE <http://x/> {}''' }",
])
def test_service_in_names_strings_and_comments_is_not_a_call(query):
    assert not uses_service(query)


def test_load_is_refused_in_updates():
    assert uses_load("LOAD <http://x/data.ttl> INTO GRAPH <http://g/>")
    assert not uses_load('INSERT DATA { <http://e/a> <http://e/p> "LOAD" }')
    with pytest.raises(ServiceRefused, match="LOAD is refused"):
        check_network("load <http://x/>", allow_service=False, update=True)
    check_network("LOAD <http://x/>", allow_service=True, update=True)


def _service_query(listener) -> str:
    return f"SELECT * WHERE {{ SERVICE <{listener.url}> {{ ?s ?p ?o }} }}"


def _settle(listener) -> None:
    time.sleep(0.3)  # a connection, had one been made, is recorded by now


def test_kg_query_sends_no_request_for_service_by_default(tiny_build, listener):
    result = CliRunner().invoke(app, ["query", str(tiny_build), _service_query(listener)])
    _settle(listener)
    assert result.exit_code == 2 and "SERVICE calls are refused" in result.stderr
    assert listener.connections == []
    # the control: with the flag the same query does reach the listener
    CliRunner().invoke(app, ["query", str(tiny_build), _service_query(listener), "--allow-service"])
    _settle(listener)
    assert len(listener.connections) == 1 and listener.connections[0].startswith(b"POST /sparql")
    gc.collect()  # the failed query's traceback holds pyoxigraph results, which must be freed on this thread


def _get(base: str, query: str) -> tuple[int, str]:
    url = f"{base}/query?" + urllib.parse.urlencode({"query": query})
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def test_kg_serve_sends_no_request_for_service_by_default(tiny_build, listener):
    fill_store(tiny_build / "store", [tiny_build / "graph.ttl"])
    with running_server(ServeOptions(store=tiny_build / "store", workers=1, timeout=10)) as base:
        status, body = _get(base, _service_query(listener))
        assert status == 403 and "SERVICE calls are refused" in body
        # hidden from a naive check: still refused
        status, _ = _get(base, _service_query(listener).replace("SERVICE", "\\u0053ERVICE"))
        assert status in (400, 403)
    _settle(listener)
    assert listener.connections == []
    with running_server(ServeOptions(store=tiny_build / "store", workers=1, timeout=10,
                                     allow_service=True)) as base:
        status, body = _get(base, _service_query(listener))
    _settle(listener)
    assert status == 500 and len(listener.connections) == 1  # reached the listener, which answered nothing


def test_load_is_refused_by_a_writable_server(tiny_build, listener):
    fill_store(tiny_build / "store", [tiny_build / "graph.ttl"])
    with running_server(ServeOptions(store=tiny_build / "store", write=True, timeout=10)) as base:
        data = urllib.parse.urlencode({"update": f"LOAD <{listener.url}>"}).encode()
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(f"{base}/update", data=data, timeout=30)
    _settle(listener)
    assert refused.value.code == 403 and listener.connections == []


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="network namespaces are Linux's")
def test_a_worker_without_service_has_no_network(listener):
    """The second wall: even a request that got past the text check reaches nothing from a worker process."""
    port = listener.socket.getsockname()[1]
    code = ("import socket, sys; from kg.query.worker import _cut_network; _cut_network()\n"
            f"try: socket.create_connection(('127.0.0.1', {port}), timeout=2)\n"
            "except OSError as error: sys.exit(f'no network: {error}')\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False)
    if "worker keeps the network" in result.stderr:
        pytest.skip("this system allows no unprivileged network namespace")
    _settle(listener)
    assert "no network" in result.stderr and listener.connections == []
