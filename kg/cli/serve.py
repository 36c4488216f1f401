"""`kg serve`: a SPARQL 1.1 Protocol endpoint over a build's store, plus the viewer (kg.query.server)."""

from __future__ import annotations

from pathlib import Path

from kg.cli._util import Arg, Opt, app, console, fail


@app.command("serve")
def serve_cli(
    out_dir: Path = Arg(Path("output"), help="Build folder (with store/ or graph.ttl; default: output/)."),
    host: str = Opt("127.0.0.1", "--host", help="Address to listen on; anything but loopback exposes the endpoint."),
    port: int = Opt(7878, "--port", min=0, max=65535, help="Port to listen on (0: any free port)."),
    write: bool = Opt(False, "--write", help="Accept SPARQL Update at /update (changes the store, not the exports)."),
    allow_service: bool = Opt(False, "--allow-service", help="Allow federated SERVICE calls (and LOAD): requests to any URL a query names."),
    timeout: float = Opt(30.0, "--timeout", min=0.1, help="Seconds a query or update may run; then it is stopped (HTTP 503)."),
    max_rows: int = Opt(100_000, "--max-rows", min=1, help="Most rows (SELECT) or triples (CONSTRUCT/DESCRIBE) a result may have (HTTP 422)."),
    max_request_bytes: int = Opt(1_000_000, "--max-request-bytes", min=1, help="Longest query or update text accepted (HTTP 413)."),
    workers: int = Opt(2, "--workers", min=1, help="Query worker processes (a --write server has one)."),
    memory_limit: int = Opt(4096, "--memory-limit", min=0, metavar="MB", help="Heap per worker; a query that needs more is stopped (HTTP 503). 0: no limit."),
) -> None:
    """Serve the graph: SPARQL at http://HOST:PORT/query (and /update with --write), the viewer at /."""
    from kg.query.server import ServeOptions, serve

    store = _ready_store(out_dir)
    options = ServeOptions(store=store, viewer=out_dir / "graph.html", write=write, allow_service=allow_service,
                           timeout=timeout, max_rows=max_rows, max_request_bytes=max_request_bytes,
                           workers=workers, memory_mb=memory_limit, host=host)
    if host not in ("127.0.0.1", "localhost", "::1"):
        console.print(f"warning: listening on {host}: anyone who can reach this machine can query"
                      f"{' and change' if write else ''} the graph (there is no authentication)", markup=False)
    try:
        serve(options, port, ready=lambda server: _banner(server, options))
    except OSError as error:
        raise fail(f"cannot listen on {host}:{port}: {error}") from None


def _banner(server, options) -> None:
    """Once listening: where, and in which mode (the port is the real one, also with --port 0)."""
    port = server.servers[0].sockets[0].getsockname()[1]
    host = f"[{options.host}]" if ":" in options.host else options.host
    console.print(f"SPARQL endpoint: http://{host}:{port}/query ({'read-write' if options.write else 'read-only'}, "
                  f"SERVICE {'allowed' if options.allow_service else 'refused'}, {options.timeout:g} s, "
                  f"{options.max_rows:,} rows and {options.memory_mb:,} MB per query); viewer: http://{host}:{port}/",
                  markup=False)


def _ready_store(out_dir: Path) -> Path:
    """OUT_DIR/store, filled from the build's graph file first when it is missing or out of date."""
    from kg.query.engine import QueryError, resolve_graph_path
    from kg.query.store import STORE_DIR, StoreError, fill_store, store_status

    if not out_dir.is_dir():
        raise fail(f"{out_dir}: no such build folder (run `kg build --out {out_dir}` first)", code=2)
    status = store_status(out_dir / STORE_DIR)
    if status.current:
        return status.path
    try:
        graph = resolve_graph_path(out_dir)
        console.print(f"{status.reason}; filling it from {graph} …", markup=False)
        count = fill_store(out_dir / STORE_DIR, [graph])
    except (QueryError, StoreError) as error:
        raise fail(str(error), code=2) from None
    console.print(f"{count:,} quads in {out_dir / STORE_DIR}", markup=False)
    return out_dir / STORE_DIR
