"""Cut a large graph down to what a page can show: ego view around named nodes, degree and size limits.

Works on the networkx graph of the shared contract (node attrs `label`, `aliases` as a JSON list).
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterable

import networkx as nx


class FocusNotFound(ValueError):
    """`focus` matched no node, or too many to pick from; the message lists candidates."""


def _aliases(attrs: dict) -> list[str]:
    raw = attrs.get("aliases") or "[]"
    if isinstance(raw, list):
        return [str(a) for a in raw]
    try:
        value = json.loads(raw)
    except (TypeError, ValueError):
        return []
    return [str(a) for a in value] if isinstance(value, list) else []


def find_nodes(G: nx.MultiDiGraph, name: str) -> list[str]:
    """Nodes called `name`: by id, then exact label/alias, then a unique substring of a label/alias.

    Raises FocusNotFound when nothing (or an ambiguous set of substrings) matches.
    """
    query = name.strip()
    if not query:
        raise FocusNotFound("empty focus name")
    if query in G:
        return [query]
    folded = query.casefold()
    exact, partial = [], []
    for node, attrs in G.nodes(data=True):
        names = [str(attrs.get("label") or node), *_aliases(attrs)]
        lowered = [n.casefold() for n in names]
        if folded in lowered:
            exact.append(node)
        elif any(folded in n for n in lowered):
            partial.append(node)
    if exact:
        return sorted(exact)
    if len(partial) == 1:
        return partial
    if not partial:
        raise FocusNotFound(f"no entity named {query!r}" + _nearest(G, query))
    shown = ", ".join(sorted(str(G.nodes[n].get("label") or n) for n in partial)[:10])
    more = f" (and {len(partial) - 10} more)" if len(partial) > 10 else ""
    raise FocusNotFound(f"{query!r} is ambiguous: {shown}{more}; give the full name")


def _nearest(G: nx.MultiDiGraph, query: str, n: int = 5) -> str:
    """"; nearest names: …" — the labels and aliases that look most like `query` (difflib), or ""."""
    names = {name for node, attrs in G.nodes(data=True) for name in [str(attrs.get("label") or node), *_aliases(attrs)]}
    close = difflib.get_close_matches(query, sorted(names), n=n, cutoff=0.4)
    return f"; nearest names: {', '.join(close)}" if close else ""


def _hop_distances(G: nx.MultiDiGraph, centres: Iterable[str], hops: int) -> dict[str, int]:
    """Breadth-first distance (ignoring edge direction) from the nearest centre, up to `hops`."""
    distance = {c: 0 for c in centres}
    frontier = list(distance)
    for depth in range(1, hops + 1):
        nxt = []
        for node in frontier:
            for other in (*G.successors(node), *G.predecessors(node)):
                if other not in distance:
                    distance[other] = depth
                    nxt.append(other)
        frontier = nxt
    return distance


def select_subgraph(
    G: nx.MultiDiGraph,
    *,
    focus: str | Iterable[str] | None = None,
    hops: int = 1,
    max_nodes: int | None = None,
    min_degree: int = 0,
    degree: dict | None = None,
) -> tuple[nx.MultiDiGraph, dict]:
    """The part of `G` to draw, and a summary of what was cut (shown on the page).

    Order: ego view (`focus`, `hops`) → drop nodes with degree < `min_degree` (focus nodes are kept)
    → keep the `max_nodes` nearest/best connected nodes. Degrees are those of the full graph, so a
    hub stays big in an ego view (`degree` may pass them in when already computed).
    """
    if hops < 0:
        raise ValueError("hops must be >= 0")
    if max_nodes is not None and max_nodes < 1:
        raise ValueError("max_nodes must be >= 1")
    degree = degree if degree is not None else dict(G.degree())
    centres: list[str] = []
    if focus:
        names = [focus] if isinstance(focus, str) else list(focus)
        for name in names:
            centres.extend(n for n in find_nodes(G, name) if n not in centres)
        distance = _hop_distances(G, centres, hops)
    else:
        distance = {n: 0 for n in G}
    keep = [n for n in distance if n in centres or degree[n] >= min_degree]
    # Nearest first, then best connected; the id makes the cut deterministic.
    keep.sort(key=lambda n: (distance[n], -degree[n], str(n)))
    if max_nodes is not None:
        keep = keep[:max_nodes]
    sub = G.subgraph(keep).copy() if len(keep) != len(G) else G
    summary = {
        "focus": [str(G.nodes[c].get("label") or c) for c in centres],
        "focus_ids": centres,
        "hops": hops if centres else None,
        "min_degree": min_degree,
        "max_nodes": max_nodes,
        "total_nodes": G.number_of_nodes(),
        "total_edges": sum(degree.values()) // 2,  # cheaper than MultiDiGraph.number_of_edges()
        "shown_nodes": sub.number_of_nodes(),
        "shown_edges": sub.number_of_edges() if sub is not G else sum(degree.values()) // 2,
    }
    return sub, summary
