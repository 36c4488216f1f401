"""`kg query`: SPARQL 1.1 (read-only) over an exported graph, with named queries from queries/*.rq."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from rich.cells import cell_len
from rich.console import Console
from rich.table import Table
from rich.text import Text

from kg.cli._util import Arg, Opt, app, console, fail, out


@app.command("query")
def query_cli(
    graph: Path = Arg(None, help="Graph file (.ttl/.nt/.jsonld) or build folder (default: output/)."),
    query: str = Arg(None, help="SPARQL text, a .rq file, or the name of a named query (see --list)."),
    fmt: str = Opt("table", "--format", "-f", help="table, csv, tsv, json or xml (SPARQL 1.1 result formats)."),
    param: list[str] = Opt(None, "--param", "-p", metavar="NAME=VALUE", help="A parameter of the query (repeatable)."),
    list_queries: bool = Opt(False, "--list", "-l", help="List the named queries and exit."),
    timing: bool = Opt(False, "--time", help="Report load and query time on stderr."),
    cache: bool = Opt(False, "--cache", help="Keep the loaded store on disk next to the graph: reopens in ms, queries run slower than in memory."),
    no_store: bool = Opt(False, "--no-store", help="Parse the graph file even when the build's store (OUT_DIR/store/) is current."),
    allow_service: bool = Opt(False, "--allow-service", help="Allow federated SERVICE calls (they send requests to the URLs a query names)."),
) -> None:
    """Run a SPARQL query against a graph written by `kg build`."""
    from kg.query import QueryError, format_result, run_query
    from kg.query.engine import RESULT_FORMATS, open_graph, query_text, query_warnings

    if list_queries:
        _list_named()
        return
    graph, query = _graph_and_query(graph, query)
    if fmt.lower() not in RESULT_FORMATS:
        raise fail(f"unknown format {fmt!r}; choose from {', '.join(RESULT_FORMATS)}", code=2)
    params = _params(param)
    try:
        started = time.perf_counter()
        store, source, stale = open_graph(graph, cache=cache, use_store=not no_store)
        loaded = time.perf_counter()
        if stale:  # say why the (slower) file was read instead of the build's store
            console.print(f"note: {stale}; read {source.removeprefix('parsed ')} instead", markup=False)
        text, named = query_text(query)
        result = run_query(store, text, params, named, allow_service=allow_service)
        if fmt.lower() == "table":
            rows = _print_table(result)
        else:
            data = format_result(result, fmt)
            sys.stdout.buffer.write(data if data.endswith(b"\n") else data + b"\n")
            sys.stdout.flush()
            rows = None
        finished = time.perf_counter()
    except QueryError as error:
        raise fail(str(error), code=2) from None
    except (OSError, RuntimeError) as error:  # while reading the results: a failed SERVICE call, a store error
        raise fail(f"query failed: {error}") from None
    for warning in query_warnings(store, text):
        console.print(f"warning: {warning}", markup=False, highlight=False)
    summary = "" if rows is None else f"{rows} row(s)"
    if rows == 0 and named is not None and named.empty:
        summary = f"{named.empty_message(params)} (0 rows)"
    if timing:
        console.print(f"load {loaded - started:.3f}s ({source}), query {finished - loaded:.3f}s {summary}", markup=False)
    elif summary:
        console.print(summary, markup=False)  # stderr: an empty table is visibly "0 row(s)", stdout stays data only


def _list_named() -> None:
    from kg.query import named_queries

    table = Table("name", "parameters", "description", box=None)
    for name, named in named_queries().items():
        params = ", ".join(f"{p.name}={p.default}" if p.default else f"{p.name}=… (required)" for p in named.params)
        table.add_row(Text(name), Text(params), Text(named.description))
    out.print(table)


def _graph_and_query(graph: Path | None, query: str | None) -> tuple[Path, str]:
    """`kg query GRAPH QUERY`, or `kg query QUERY` on output/; a lone argument that is neither a graph nor a
    query is a mistyped path, not SPARQL text."""
    from kg.query.engine import is_query

    if query is not None:
        return graph or Path("output"), query
    if graph is None:
        raise fail("give a query (SPARQL text, FILE.rq or a name from `kg query --list`)", code=2)
    if Path(graph).exists():
        raise fail(f"give a query after {graph} (SPARQL text, FILE.rq or a name from `kg query --list`)", code=2)
    if not is_query(str(graph)):
        raise fail(f"{graph}: no such graph file or build folder, and not a query (SPARQL text, FILE.rq or a "
                   "name from `kg query --list`)", code=2)
    return Path("output"), str(graph)


def _params(items: list[str] | None) -> dict[str, str]:
    params = {}
    for item in items or []:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise fail(f"--param wants NAME=VALUE, got {item!r}", code=2)
        params[name.strip()] = value
    return params


def _print_table(result) -> int:
    """The result as a table on stdout; returns the number of rows."""
    from kg.query import result_rows

    columns, rows = result_rows(result)
    table = Table(box=None)
    for column in columns:
        table.add_column(column, overflow="fold")  # wrap long values, never cut them
    for row in rows:
        table.add_row(*(Text(value) for value in row))  # Text: no rich markup from data
    target = out
    if not out.is_terminal:  # piped: lay the table out at its natural width instead of 80 columns
        width = sum(max([cell_len(c)] + [cell_len(line) for r in rows for line in r[i].splitlines() or [""]])
                    for i, c in enumerate(columns)) + 2 * len(columns)
        target = Console(file=sys.stdout, width=max(width, 20), highlight=False)
    target.print(table)
    return len(rows)
