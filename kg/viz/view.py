"""Which page `kg view` opens: an existing graph.html, or a page drawn afresh from graph.graphml."""

from __future__ import annotations

import re
from pathlib import Path

DEFAULT_PAGE = Path("output") / "graph.html"
GRAPHML_SUFFIXES = (".graphml", ".xml")


class ViewError(Exception):
    """A page cannot be found or drawn; the message says what to do."""


def _slug(parts: list[str]) -> str:
    return re.sub(r"[^\w.-]+", "_", "-".join(parts)).strip("_")[:80] or "view"


def _page_name(G, source: Path, focus: list[str], hops: int, max_nodes: int | None, min_degree: int) -> str:
    """graph-view-{entities}-{n}hops-max{n}-deg{n}.html, named after the entities found (`--focus 株洲所` draws
    中车株洲电力机车研究所有限公司), not the words typed."""
    from kg.viz import find_nodes

    parts = list(dict.fromkeys(str(G.nodes[n].get("label") or n) for name in focus for n in find_nodes(G, name)))
    if focus:
        parts.append(f"{hops}hops")
    if max_nodes:
        parts.append(f"max{max_nodes}")
    if min_degree:
        parts.append(f"deg{min_degree}")
    return f"graph-view-{_slug(parts)}.html" if parts else f"{source.stem}.html"


def view_page(
    graph: str | Path | None = None,
    *,
    focus: list[str] | None = None,
    hops: int = 1,
    max_nodes: int | None = None,
    min_degree: int = 0,
    out: str | Path | None = None,
    title: str | None = None,
) -> Path:
    """The HTML page to show for `graph` (a page, a GraphML file or an output folder; default output/graph.html).

    With a focus or a size limit (or a GraphML input) a new page is drawn from the GraphML export
    (`graph.graphml` next to the page) and written next to it, or to `out`.
    """
    import networkx as nx

    from kg.viz import render_graph

    graph = Path(graph) if graph else DEFAULT_PAGE
    if graph.is_dir():  # an output folder
        graph = graph / "graph.html"
    focus = [f for f in (focus or []) if f.strip()]
    limited = bool(focus or max_nodes or min_degree)
    from_graphml = graph.suffix.lower() in GRAPHML_SUFFIXES
    if not limited and not from_graphml and out is None and title is None:
        if not graph.is_file():
            raise ViewError(f"{graph} does not exist; run `kg build` first or pass a graph.html / graph.graphml")
        return graph
    source = graph if from_graphml else graph.with_name("graph.graphml")
    if not source.is_file():
        raise ViewError(f"{source} does not exist; `kg build` writes it next to graph.html")
    try:
        G = nx.read_graphml(source, force_multigraph=True)
    except Exception as error:  # lxml/ElementTree/networkx raise many kinds for a broken file
        raise ViewError(f"cannot read {source}: {error}") from error
    if not G.is_directed():
        G = G.to_directed()
    if out is None:
        out = source.with_name(_page_name(G, source, focus, hops, max_nodes, min_degree))
    return render_graph(G, out, focus=focus or None, hops=hops, max_nodes=max_nodes, min_degree=min_degree,
                        title=title)
