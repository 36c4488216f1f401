"""Helpers of the store and server tests: a small build folder, a local listener, a server on a free port."""

from __future__ import annotations

import contextlib
import socket
import threading
from pathlib import Path

ID = "https://kg.example.org/id/"
TINY = f"""@prefix schema: <https://schema.org/> .
@prefix kgo: <https://kg.example.org/ontology#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
<{ID}per/1> a schema:Person, kgo:Person ; schema:name "曹慧泉"@zh ; skos:prefLabel "曹慧泉"@zh ;
    kgo:affiliatedWith <{ID}org/1> .
<{ID}org/1> a schema:Organization, kgo:Organization ; schema:name "中车株洲所"@zh ; skos:prefLabel "中车株洲所"@zh ;
    skos:altLabel "株洲所"@zh .
""" + "".join(f"<{ID}n/{i}> kgo:rank {i} .\n" for i in range(200))  # rows for the limits to bite on


def write_build(folder: Path) -> Path:
    """A build folder as `kg build` leaves it: graph.ttl and the viewer."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "graph.ttl").write_text(TINY, encoding="utf-8")
    (folder / "graph.html").write_text("<!doctype html><title>kg viewer</title>", encoding="utf-8")
    return folder


class Listener:
    """A TCP server on a free local port that records every connection made to it (and answers nothing)."""

    def __init__(self):
        self.socket = socket.create_server(("127.0.0.1", 0))
        self.socket.settimeout(0.2)
        self.url = f"http://127.0.0.1:{self.socket.getsockname()[1]}/sparql"
        self.connections: list[bytes] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.socket.accept()
            except OSError:
                continue
            with conn:
                conn.settimeout(1)
                with contextlib.suppress(OSError):
                    self.connections.append(conn.recv(4096))

    def close(self) -> None:
        self._stop.set()
        self._thread.join(2)
        self.socket.close()


@contextlib.contextmanager
def running_server(options):
    """Serve `options` on a free port in a thread; yields the base URL."""
    from kg.query.server import serve

    started = threading.Event()
    holder = {}

    def ready(server):
        holder["server"] = server
        started.set()

    thread = threading.Thread(target=serve, args=(options, 0), kwargs={"log_level": "warning", "ready": ready},
                              daemon=True)
    thread.start()
    assert started.wait(60), "the server did not start"
    server = holder["server"]
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(20)
