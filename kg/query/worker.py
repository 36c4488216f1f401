"""The query worker of `kg serve`: a child process that owns an open store and answers one request at a time.

Queries run in worker processes because pyoxigraph cannot interrupt a running query: a query over its time limit
is stopped by killing its process (the server then starts a fresh one). The worker also cuts itself off the
network when SERVICE calls are not allowed, a second wall behind the lexical check of kg.query.guard.

A request is a dict: {"kind": "query" | "update", "text", "accept", "default_graphs", "named_graphs"}.
A reply is ("ok", media type or None, body bytes) or ("error", HTTP status, message).
"""

from __future__ import annotations

import contextlib
import ctypes
import io
import itertools
import os
import resource
import sys
from dataclasses import dataclass
from pathlib import Path

from pyoxigraph import (
    NamedNode,
    QueryBoolean,
    QueryResultsFormat,
    QuerySolutions,
    RdfFormat,
    Store,
    parse_query_results,
    serialize,
)

from kg.graph.namespace import PREFIXES
from kg.query.guard import ServiceRefused, check_network
from kg.query.protocol import GRAPH_TYPES, RESULT_TYPES, NotAcceptable, negotiate
from kg.query.store import STAMP, StoreError, open_store


@dataclass(frozen=True)
class WorkerConfig:
    store: Path
    write: bool = False
    allow_service: bool = False
    max_rows: int = 100_000
    memory_mb: int = 0  # the worker's data segment (heap) limit; 0: none


class TooManyRows(Exception):
    pass


def main(conn, config: WorkerConfig) -> None:
    """The worker's loop: open the store, say "ready", then answer requests until None (or the pipe closes)."""
    if not config.allow_service:
        _cut_network()
    _limit_memory(config.memory_mb)
    try:
        store, seen = _open(config)
    except StoreError as error:
        conn.send(("failed", str(error), None))
        return
    conn.send(("ready", None, None))
    while True:
        try:
            request = conn.recv()
        except EOFError:
            return
        if request is None:
            return
        if not config.write and _stamp_id(config.store) != seen:  # a new build swapped the store in
            with contextlib.suppress(StoreError):  # mid-swap: keep answering from the old one
                store, seen = _open(config)
        conn.send(handle(store, request, config))


def _open(config: WorkerConfig) -> tuple[Store, tuple]:
    return open_store(config.store, read_only=not config.write), _stamp_id(config.store)


def _stamp_id(store_dir: Path) -> tuple:
    try:
        stat = (store_dir / STAMP).stat()
        return stat.st_ino, stat.st_mtime_ns
    except OSError:
        return ()


def _cut_network() -> None:
    """Move this process into new user and network namespaces, where no interface is up: even a SERVICE call that
    got past the query check can reach nothing. Linux only; where not permitted the query check stands alone."""
    if not sys.platform.startswith("linux"):
        return
    clone_newuser, clone_newnet = 0x10000000, 0x40000000
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.unshare(clone_newuser | clone_newnet) != 0:
            print(f"kg serve: worker keeps the network ({os.strerror(ctypes.get_errno())}); SERVICE stays refused "
                  "by the query check", file=sys.stderr)
    except (OSError, AttributeError):
        pass


def _limit_memory(megabytes: int) -> None:
    """Cap the heap: a query that would take more makes an allocation fail, and the process aborts (the server
    reports it and starts a fresh worker) instead of the machine running out of memory."""
    if megabytes > 0 and hasattr(resource, "RLIMIT_DATA"):
        limit = megabytes * 2**20
        resource.setrlimit(resource.RLIMIT_DATA, (limit, limit))


def handle(store: Store, request: dict, config: WorkerConfig) -> tuple:
    try:
        check_network(request["text"], allow_service=config.allow_service, update=request["kind"] == "update")
        if request["kind"] == "update":
            return _update(store, request, config)
        return _query(store, request, config)
    except ServiceRefused as error:
        return ("error", 403, str(error))
    except NotAcceptable as error:
        return ("error", 406, str(error))
    except TooManyRows:
        return ("error", 422, (f"the result has more than {config.max_rows:,} rows (the server's --max-rows): "
                               "narrow the query or add a LIMIT"))
    except SyntaxError as error:
        return ("error", 400, f"SPARQL syntax error: {error}")
    except ValueError as error:  # a bad graph IRI, a bad term
        return ("error", 400, str(error))
    except (OSError, RuntimeError) as error:  # a failed SERVICE call, a store error
        return ("error", 500, f"query failed: {error}")


def _graphs(iris: list[str]) -> list[NamedNode]:
    try:
        return [NamedNode(iri) for iri in iris]
    except ValueError as error:
        raise ValueError(f"bad graph IRI: {error}") from None


def _query(store: Store, request: dict, config: WorkerConfig) -> tuple:
    default, named = _graphs(request.get("default_graphs") or []), _graphs(request.get("named_graphs") or [])
    # The default graph is the union of all graphs (the data and the ontology), as in `kg query`, unless the
    # request names its default graphs (SPARQL protocol's default-graph-uri).
    result = store.query(request["text"], prefixes=PREFIXES, use_default_graph_as_union=not default,
                         default_graph=default or None, named_graphs=named or None)
    if isinstance(result, QueryBoolean):
        media, fmt = negotiate(request.get("accept"), RESULT_TYPES)
        return ("ok", media, result.serialize(format=fmt))
    if isinstance(result, QuerySolutions):
        media, fmt = negotiate(request.get("accept"), RESULT_TYPES)
        return ("ok", media, _solutions(result, fmt, config.max_rows))
    media, fmt = negotiate(request.get("accept"), GRAPH_TYPES)
    triples = list(itertools.islice(result, config.max_rows + 1))
    if len(triples) > config.max_rows:
        raise TooManyRows
    prefixes = PREFIXES if fmt in (RdfFormat.TURTLE, RdfFormat.TRIG) else None
    return ("ok", media, serialize(triples, format=fmt, prefixes=prefixes))


def _update(store: Store, request: dict, config: WorkerConfig) -> tuple:
    if not config.write:
        return ("error", 403, "this server is read-only: start `kg serve` with --write to accept updates")
    store.update(request["text"], prefixes=PREFIXES)
    store.flush()
    return ("ok", None, b"")


class _RowLimitedTsv(io.RawIOBase):
    """SELECT solutions as SPARQL TSV, produced on demand and cut after `limit` rows.

    pyoxigraph serialises solutions only as a whole, so a row limit is applied by streaming them through TSV
    (terms in N-Triples syntax, lossless) and letting pyoxigraph parse and re-serialise in the asked format."""

    def __init__(self, solutions: QuerySolutions, limit: int):
        self._columns = [v.value for v in solutions.variables]
        self._rows = iter(solutions)
        self._limit, self._count, self.over = limit, 0, False
        self._buffer = ("\t".join(f"?{c}" for c in self._columns) + "\n").encode()

    def readable(self) -> bool:
        return True

    def readinto(self, target) -> int:
        while len(self._buffer) < len(target) and self._rows is not None:
            self._fill()
        size = min(len(target), len(self._buffer))
        target[:size], self._buffer = self._buffer[:size], self._buffer[size:]
        return size

    def _fill(self) -> None:
        chunk = []
        for solution in itertools.islice(self._rows, 1000):
            if self._count == self._limit:
                self.over, self._rows = True, None
                break
            self._count += 1
            chunk.append("\t".join("" if t is None else str(t) for t in solution))
        else:
            if not chunk:
                self._rows = None
        self._buffer += "".join(line + "\n" for line in chunk).encode()


def _solutions(solutions: QuerySolutions, fmt: QueryResultsFormat, max_rows: int) -> bytes:
    tsv = _RowLimitedTsv(solutions, max_rows)
    data = parse_query_results(io.BufferedReader(tsv), QueryResultsFormat.TSV).serialize(format=fmt)
    if tsv.over:
        raise TooManyRows
    return data
