"""`kg serve`: a SPARQL 1.1 Protocol endpoint over the build's store, and the viewer.

    GET  /                  graph.html, the viewer
    GET  /query?query=…     SPARQL query (also POST: a form with query=…, or an application/sparql-query body)
    POST /update            SPARQL Update (a form with update=…, or an application/sparql-update body); --write only

pyoxigraph behind a small ASGI app (Starlette on uvicorn) rather than Oxigraph's own server: queries need a time
and a result-size limit and SERVICE needs to be refused, which `oxigraph serve` does not offer; the app also
serves the viewer and keeps kg's prefixes and union default graph, as `kg query` does.

Each query runs in a worker process (kg.query.worker); one over the time limit is stopped by killing its worker.
"""

from __future__ import annotations

import asyncio
import contextlib
import multiprocessing
import signal
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import FileResponse, PlainTextResponse, Response
from starlette.routing import Route

from kg.query.guard import ServiceRefused, check_network
from kg.query.worker import WorkerConfig
from kg.query.worker import main as worker_main

LOOPBACK = {"127.0.0.1", "localhost", "::1"}


@dataclass(frozen=True)
class ServeOptions:
    store: Path
    viewer: Path | None = None
    write: bool = False
    allow_service: bool = False
    timeout: float = 30.0  # seconds per query or update
    max_rows: int = 100_000  # solutions of a SELECT, triples of a CONSTRUCT/DESCRIBE
    max_request_bytes: int = 1_000_000  # the query or update text
    workers: int = 2  # read-only; a --write server has one (RocksDB allows one writer)
    memory_mb: int = 4096  # heap per worker; 0: no limit
    host: str = "127.0.0.1"

    def worker_config(self) -> WorkerConfig:
        return WorkerConfig(self.store, self.write, self.allow_service, self.max_rows, self.memory_mb)


class Worker:
    """One worker process and the pipe to it. Blocking calls: the app runs them in threads."""

    def __init__(self, config: WorkerConfig):
        context = multiprocessing.get_context("spawn")  # no fork of a threaded server
        self.conn, child = context.Pipe()
        self.process = context.Process(target=worker_main, args=(child, config), daemon=True)
        self.process.start()
        child.close()
        try:
            reply = self.conn.recv() if self.conn.poll(60) else ("timeout", "no answer in 60 s")
        except EOFError:
            reply = ("died", "see its error above")
        if reply[0] != "ready":
            self.stop()
            raise RuntimeError(f"a query worker did not start: {reply[1]}")

    def call(self, request: dict, timeout: float) -> tuple | None:
        """The worker's reply, or None when it took longer than `timeout` (the worker is then killed)."""
        self.conn.send(request)
        if self.conn.poll(timeout):
            return self.conn.recv()
        self.stop()
        return None

    def stop(self) -> None:
        self.process.kill()
        self.process.join(5)
        self.conn.close()


@dataclass
class WorkerPool:
    options: ServeOptions
    idle: asyncio.Queue = field(default_factory=asyncio.Queue)
    workers: list[Worker] = field(default_factory=list)

    async def start(self) -> None:
        count = 1 if self.options.write else max(1, self.options.workers)
        for _ in range(count):
            worker = await asyncio.to_thread(Worker, self.options.worker_config())
            self.workers.append(worker)
            self.idle.put_nowait(worker)

    def close(self) -> None:
        for worker in self.workers:
            with contextlib.suppress(OSError, ValueError):
                worker.conn.send(None)
            worker.process.join(2)
            worker.stop()

    async def run(self, request: dict) -> tuple:
        """The worker's reply to `request`, or an error reply when it ran over a limit."""
        # shielded: a cancelled request still waits for its worker's answer before the worker is reused
        return await asyncio.shield(self._run(request))

    async def _run(self, request: dict) -> tuple:
        started = time.monotonic()
        try:  # waiting for a free worker counts against the query's time
            worker = await asyncio.wait_for(self.idle.get(), self.options.timeout)
        except TimeoutError:
            return ("error", 503, f"all query workers are busy (waited {self.options.timeout:g} s); try again")
        try:
            left = max(self.options.timeout - (time.monotonic() - started), 0.1)
            reply = await asyncio.to_thread(_call, worker, request, left)
            if reply is None or reply[0] == "died":
                worker = await self._replace(worker)
            if reply is None:
                return ("error", 503, (f"the query ran over the time limit of {self.options.timeout:g} s (the "
                                       "server's --timeout) and was stopped: narrow it or add a LIMIT"))
            if reply[0] == "died":
                return self._died(reply[1])
            return reply
        finally:
            self.idle.put_nowait(worker)

    def _died(self, exitcode: int | None) -> tuple:
        if exitcode == -signal.SIGABRT and self.options.memory_mb:  # an allocation failed: the heap limit
            return ("error", 503, (f"the query ran over the memory limit of {self.options.memory_mb:,} MB (the "
                                   "server's --memory-limit) and was stopped: narrow it or add a LIMIT"))
        return ("error", 500, f"the query's worker process died (exit status {exitcode}); a new one has started")

    async def _replace(self, worker: Worker) -> Worker:
        worker.stop()
        try:
            fresh = await asyncio.to_thread(Worker, self.options.worker_config())
        except RuntimeError:
            return worker  # dead: the next request through it tries again
        self.workers[self.workers.index(worker)] = fresh
        return fresh


def _call(worker: Worker, request: dict, timeout: float) -> tuple | None:
    try:
        return worker.call(request, timeout)
    except (EOFError, OSError):
        worker.process.join(5)
        return ("died", worker.process.exitcode)


class BadRequest(Exception):
    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status


def create_app(options: ServeOptions) -> Starlette:
    pool = WorkerPool(options)

    @contextlib.asynccontextmanager
    async def lifespan(app):
        await pool.start()
        try:
            yield
        finally:
            pool.close()

    async def query(request: Request) -> Response:
        return await _endpoint(request, pool, options, "query")

    async def update(request: Request) -> Response:
        return await _endpoint(request, pool, options, "update")

    async def viewer(request: Request) -> Response:
        if _foreign_host(request, options):
            return _text(421, "unexpected Host header (start kg serve with --host to serve other names)")
        if options.viewer is None or not options.viewer.is_file():
            return _text(404, "no graph.html in this build folder (build without --no-html to get the viewer); "
                              "the SPARQL endpoint is at /query")
        return FileResponse(options.viewer, media_type="text/html; charset=utf-8")

    routes = [Route("/", viewer, methods=["GET", "HEAD"]), Route("/graph.html", viewer, methods=["GET", "HEAD"]),
              Route("/query", query, methods=["GET", "POST"]), Route("/update", update, methods=["GET", "POST"])]
    return Starlette(routes=routes, lifespan=lifespan)


async def _endpoint(request: Request, pool: WorkerPool, options: ServeOptions, kind: str) -> Response:
    try:
        _check_origin(request, options)
        if kind == "update" and not options.write:
            raise BadRequest(403, "this server is read-only: start `kg serve` with --write to accept updates")
        fields = await _protocol_fields(request, options, kind)
        text = _single(fields, kind)
        check_network(text, allow_service=options.allow_service, update=kind == "update")
    except BadRequest as error:
        return _text(error.status, str(error))
    except ServiceRefused as error:
        return _text(403, str(error))
    reply = await pool.run({
        "kind": kind, "text": text, "accept": request.headers.get("accept"),
        "default_graphs": [v for k, v in fields if k == "default-graph-uri"],
        "named_graphs": [v for k, v in fields if k == "named-graph-uri"],
    })
    if reply[0] == "error":
        return _text(reply[1], reply[2])
    if reply[1] is None:  # an update: nothing to return
        return Response(status_code=204)
    return Response(reply[2], media_type=reply[1], headers={"Vary": "Accept"})


async def _protocol_fields(request: Request, options: ServeOptions, kind: str) -> list[tuple[str, str]]:
    """The protocol's fields (query/update, default-graph-uri, named-graph-uri, …) from the URL and the body."""
    fields = parse_qsl(request.url.query, keep_blank_values=True)
    if request.method == "GET":
        if kind == "update":
            raise BadRequest(405, "send updates with POST (SPARQL 1.1 Protocol)")
        return fields
    body = await _body(request, options.max_request_bytes)
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media == "application/x-www-form-urlencoded":
        return fields + parse_qsl(_utf8(body), keep_blank_values=True)
    if media == f"application/sparql-{kind}":
        return [(k, v) for k, v in fields if k != kind] + [(kind, _utf8(body))]
    raise BadRequest(415, f"POST a form (application/x-www-form-urlencoded) or an application/sparql-{kind} body, "
                          f"not {media or 'no content type'}")


def _single(fields: list[tuple[str, str]], kind: str) -> str:
    values = [v for k, v in fields if k == kind]
    if len(values) != 1 or not values[0].strip():
        raise BadRequest(400, f"give exactly one non-empty '{kind}' parameter (SPARQL 1.1 Protocol)")
    if kind == "query" and any(k == "update" for k, _ in fields):
        raise BadRequest(400, "a query request cannot carry an update; send it to /update")
    if kind == "update" and any(k.startswith("using-") for k, _ in fields):
        raise BadRequest(400, "using-graph-uri / using-named-graph-uri are not supported: write USING in the update")
    return values[0]


async def _body(request: Request, limit: int) -> bytes:
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise BadRequest(413, f"the request is over {limit:,} bytes (the server's --max-request-bytes)")
        chunks.append(chunk)
    return b"".join(chunks)


def _utf8(body: bytes) -> str:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        raise BadRequest(400, "the request body is not UTF-8") from None


def _foreign_host(request: Request, options: ServeOptions) -> bool:
    """On a loopback address, a Host header naming another host is a DNS-rebinding attempt (a web page whose
    name now points at 127.0.0.1); refused. Bound elsewhere (--host 0.0.0.0) every name is allowed."""
    if options.host not in LOOPBACK:
        return False
    host = urlsplit(f"//{request.headers.get('host', '')}").hostname or ""
    return host not in LOOPBACK


def _check_origin(request: Request, options: ServeOptions) -> None:
    """A browser names the page that sent a request in Origin: a POST from another site's page (a form that
    posts `update=DROP ALL`) is refused, as are requests with a foreign Host header."""
    if _foreign_host(request, options):
        raise BadRequest(421, "unexpected Host header (start kg serve with --host to serve other names)")
    origin = request.headers.get("origin")
    if request.method != "POST" or origin is None:  # not from a browser, or a GET whose answer it cannot read
        return
    if origin == "null" or urlsplit(origin).netloc.lower() != request.headers.get("host", "").lower():
        raise BadRequest(403, f"cross-site request from {origin} refused")


def _text(status: int, message: str) -> Response:
    return PlainTextResponse(message + "\n", status_code=status)


def serve(options: ServeOptions, port: int, *, log_level: str = "info", ready=None) -> None:
    """Run the server until interrupted. `ready(server)` is called once it listens (tests use it)."""
    import uvicorn

    config = uvicorn.Config(create_app(options), host=options.host, port=port, log_level=log_level,
                            limit_concurrency=64, timeout_keep_alive=5, server_header=False)
    server = uvicorn.Server(config)
    if ready is None:
        server.run()
        return
    asyncio.run(_serve_then_notify(server, ready))


async def _serve_then_notify(server, ready) -> None:
    task = asyncio.create_task(server.serve())
    while not server.started and not task.done():
        await asyncio.sleep(0.05)
    if server.started:
        ready(server)
    await task
