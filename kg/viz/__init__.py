"""The interactive HTML viewer: one offline page (vis-network via pyvis) per graph.

    from kg.viz import write_html, render_graph
    write_html(corpus, "output/graph.html")                      # what `kg build` writes
    render_graph(nx.read_graphml("output/graph.graphml"), "ego.html", focus="曹慧泉", hops=2)
"""

from __future__ import annotations

from pathlib import Path

from kg.records import Corpus
from kg.viz.render import build_payload, render_graph, script_json
from kg.viz.select import FocusNotFound, find_nodes, select_subgraph


def write_html(
    corpus: Corpus,
    path: str | Path,
    *,
    focus: str | list[str] | None = None,
    hops: int = 1,
    max_nodes: int | None = None,
    min_degree: int = 0,
    title: str | None = None,
) -> Path:
    """Write the viewer for a built corpus (converted with `kg.graph.nx.to_networkx`)."""
    from kg.graph.nx import to_networkx

    return render_graph(
        to_networkx(corpus), path, focus=focus, hops=hops, max_nodes=max_nodes, min_degree=min_degree, title=title
    )


__all__ = [
    "FocusNotFound",
    "build_payload",
    "find_nodes",
    "render_graph",
    "script_json",
    "select_subgraph",
    "write_html",
]
