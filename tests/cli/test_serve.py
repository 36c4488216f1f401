"""`kg serve` as a user starts it: a real process on a free port, asked with rdflib's SPARQLStore and raw HTTP."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from rdflib import Graph, Literal
from rdflib.plugins.stores.sparqlstore import SPARQLStore

GRAPH = """@prefix schema: <https://schema.org/> .
<https://kg.example.org/id/per/1> a schema:Person ; schema:name "曹慧泉"@zh .
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def raw_http(port: int, request: bytes) -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=30) as conn:
        conn.sendall(request)
        chunks = []
        while chunk := conn.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks)


def raw_post(port: int, path: str, content_type: str, body: bytes) -> bytes:
    """An HTTP/1.1 POST written by hand, as the protocol spells it; the whole reply, head and body."""
    return raw_http(port, b"POST %s HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/csv\r\nConnection: close\r\n"
                          b"Content-Type: %s\r\nContent-Length: %d\r\n\r\n%s"
                          % (path.encode(), content_type.encode(), len(body), body))


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """`kg serve OUT_DIR --port N` on a build folder with graph.ttl only: it fills OUT_DIR/store first."""
    out = tmp_path_factory.mktemp("serve") / "output"
    out.mkdir()
    (out / "graph.ttl").write_text(GRAPH, encoding="utf-8")
    port = free_port()
    log = open(out.parent / "serve.log", "wb")  # noqa: SIM115 (closed below)
    process = subprocess.Popen([sys.executable, "-m", "kg", "serve", str(out), "--port", str(port), "--workers", "1"],
                               stdout=log, stderr=subprocess.STDOUT, env=os.environ | {"NO_COLOR": "1"})
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline and process.poll() is None:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            time.sleep(0.2)
    try:
        yield out, port, process
    finally:
        process.terminate()
        process.wait(20)
        log.close()


def test_starts_on_loopback_after_filling_the_store(served):
    out, port, process = served
    assert process.poll() is None, (out.parent / "serve.log").read_text()
    assert (out / "store" / "kg-store.json").is_file()
    tcp = Path("/proc/net/tcp")
    if tcp.is_file():  # Linux: the listening socket's local address is 127.0.0.1 (0100007F), not 0.0.0.0
        listening = [line.split()[1] for line in tcp.read_text().splitlines()[1:] if line.split()[3] == "0A"]
        assert f"0100007F:{port:04X}" in listening


def test_rdflib_sparqlstore_queries_it(served):
    _, port, _ = served
    graph = Graph(SPARQLStore(query_endpoint=f"http://127.0.0.1:{port}/query"))
    rows = list(graph.query("SELECT ?n WHERE { ?p a <https://schema.org/Person> ; <https://schema.org/name> ?n }"))
    assert [row.n for row in rows] == [Literal("曹慧泉", lang="zh")]


def test_a_raw_http_request_gets_sparql_results(served):
    _, port, _ = served
    reply = raw_post(port, "/query", "application/sparql-query", b"SELECT (COUNT(*) AS ?n) { ?p a schema:Person }")
    head, _, payload = reply.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 200") and b"content-type: text/csv" in head.lower()
    assert payload.replace(b"\r\n", b"\n") == b"n\n1\n"


def test_updates_are_refused_without_write(served):
    _, port, _ = served
    reply = raw_post(port, "/update", "application/x-www-form-urlencoded", b"update=CLEAR+ALL")
    assert reply.startswith(b"HTTP/1.1 403") and b"--write" in reply
    reply = raw_http(port, b"GET /query?query=SELECT%20(COUNT(*)%20AS%20%3Fn)%20%7B%3Fs%20a%20schema%3APerson%7D "
                           b"HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/csv\r\nConnection: close\r\n\r\n")
    assert reply.replace(b"\r\n", b"\n").endswith(b"\n1\n")  # still there


def test_a_folder_without_a_graph_is_a_clear_error(tmp_path):
    result = subprocess.run([sys.executable, "-m", "kg", "serve", str(tmp_path), "--port", str(free_port())],
                            capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 2 and "no graph.ttl" in result.stderr
    assert not (tmp_path / "store").exists()
