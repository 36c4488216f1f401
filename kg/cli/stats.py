"""`kg stats`: counts by class and property, and the best-connected entities."""

from __future__ import annotations

import json
from pathlib import Path

from rich.table import Table
from rich.text import Text

from kg.cli._util import Arg, Opt, app, fail, out


@app.command("stats")
def stats_cli(
    graph: Path = Arg(Path("output"), help="Graph file (.ttl/.nt/.jsonld) or build folder."),
    top: int = Opt(10, "--top", "-n", help="How many entities to list by degree."),
    as_json: bool = Opt(False, "--json", help="Print JSON instead of tables."),
    cache: bool = Opt(False, "--cache", help="Keep the loaded store on disk next to the graph: reopens in ms, queries run slower than in memory."),
) -> None:
    """Triples, instances per class, triples per property, top entities by degree."""
    from kg.graph.stats import graph_stats
    from kg.query import QueryError, load_store, term_text
    from pyoxigraph import NamedNode

    try:
        stats = graph_stats(load_store(graph, imports=False, cache=cache), top=top)
    except QueryError as error:
        raise fail(str(error), code=2) from None
    if as_json:
        out.print_json(json.dumps({
            "triples": stats.triples,
            "classes": dict(stats.classes),
            "properties": dict(stats.properties),
            "top_entities": [{"iri": i, "label": l, "class": c, "degree": d} for i, l, c, d in stats.top_entities],
        }, ensure_ascii=False))
        return
    short = lambda iri: term_text(NamedNode(iri))  # noqa: E731
    out.print(f"triples: {stats.triples}")
    for title, rows in (("class", stats.classes), ("property", stats.properties)):
        table = Table(title, "count", box=None)
        for iri, count in rows:
            table.add_row(Text(short(iri)), str(count))
        out.print(table)
    table = Table("entity", "class", "degree", box=None)
    for iri, label, cls, degree in stats.top_entities:
        table.add_row(Text(label), Text(short(cls)), str(degree))
    out.print(table)
