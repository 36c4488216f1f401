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
    param: list[str] = Opt(None, "--param", "-p", help="NAME=VALUE for a parameterised query (repeatable)."),
    list_queries: bool = Opt(False, "--list", "-l", help="List the named queries and exit."),
    timing: bool = Opt(False, "--time", help="Report load and query time on stderr."),
    cache: bool = Opt(False, "--cache", help="Keep the loaded store on disk next to the graph: reopens in ms, queries run slower than in memory."),
) -> None:
    """Run a SPARQL query against a graph written by `kg build`."""
    from kg.query import QueryError, format_result, load_store, named_queries, result_rows, run_query
    from kg.query.engine import RESULT_FORMATS, query_text

    if list_queries:
        table = Table("name", "parameters", "description", box=None)
        for name, named in named_queries().items():
            params = ", ".join(f"{p.name}={p.default}" if p.default else f"{p.name}=… (required)" for p in named.params)
            table.add_row(Text(name), Text(params), Text(named.description))
        out.print(table)
        return
    if query is None:
        if graph is not None and not Path(graph).exists():  # `kg query "SELECT ..."` with the default graph
            graph, query = Path("output"), str(graph)
        else:
            raise fail("give a query (SPARQL text, FILE.rq or a name from `kg query --list`)", code=2)
    if fmt.lower() not in RESULT_FORMATS:
        raise fail(f"unknown format {fmt!r}; choose from {', '.join(RESULT_FORMATS)}", code=2)
    params = {}
    for item in param or []:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise fail(f"--param wants NAME=VALUE, got {item!r}", code=2)
        params[name.strip()] = value
    try:
        started = time.perf_counter()
        store = load_store(graph or Path("output"), cache=cache)
        loaded = time.perf_counter()
        text, named = query_text(query)
        result = run_query(store, text, params, named)
        if fmt.lower() == "table":
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
            summary = f"{len(rows)} row(s)"
        else:
            data = format_result(result, fmt)
            sys.stdout.buffer.write(data if data.endswith(b"\n") else data + b"\n")
            sys.stdout.flush()
            summary = ""
        finished = time.perf_counter()
    except QueryError as error:
        raise fail(str(error), code=2) from None
    if timing:
        console.print(f"load {loaded - started:.3f}s, query {finished - loaded:.3f}s {summary}")
    elif summary:
        console.print(summary)  # stderr: an empty table is visibly "0 row(s)", and stdout stays data only
