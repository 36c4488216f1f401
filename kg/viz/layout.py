"""Precomputed node positions, cheap enough for 20k nodes (the browser's physics is not).

Each connected component is laid out on its own, then the components are packed on shelves, biggest
first, so that small islands don't drift to the far corners. Deterministic (fixed seed).

Engine: igraph's Fruchterman-Reingold (C, grid-accelerated: ~0.5 s for 20k nodes / 40k edges) when the
`igraph` package is installed. Without it, networkx: spring_layout (quadratic per iteration, and it
needs scipy above 500 nodes) runs on small components and on the best connected nodes of a big one;
the rest of a big component hangs on rings around its best placed neighbour. That fallback is fast but
crowded; install igraph for large graphs.
"""

from __future__ import annotations

import math
import random
from collections import defaultdict

import networkx as nx

SPACING = 70.0  # canvas units between neighbouring nodes (a vis "dot" is ~20 units wide)
SKELETON_MAX = 300  # fallback: nodes laid out by spring_layout in one component (dense numpy path < 500)

try:  # optional: much better large layouts
    import igraph
except ImportError:  # pragma: no cover - depends on the environment
    igraph = None


def hash_str(text: str) -> int:
    """A stable (not per-process salted) small hash."""
    value = 0
    for ch in text:
        value = (value * 131 + ord(ch)) % 1_000_003
    return value


def _normalise(pos: dict) -> dict:
    """Scale so that each node gets about SPACING² of room, whatever units the engine used."""
    if len(pos) < 2:
        return {n: (0.0, 0.0) for n in pos}
    xs = [x for x, _ in pos.values()]
    ys = [y for _, y in pos.values()]
    width, height = max(xs) - min(xs), max(ys) - min(ys)
    area = max(width, 1e-9) * max(height, 1e-9)
    scale = SPACING * 1.4 / math.sqrt(area / len(pos)) if width > 0 and height > 0 else SPACING
    if len(pos) == 2:
        scale = SPACING * 1.5 / max(width, height, 1e-9)
    return {n: (x * scale, y * scale) for n, (x, y) in pos.items()}


def _igraph_components(G: nx.Graph, seed: int) -> list[dict]:
    """Lay out each component with igraph (built straight from the edge list: no networkx copy)."""
    nodes = sorted(G, key=str)
    index = {v: i for i, v in enumerate(nodes)}
    edges = sorted({(min(index[u], index[v]), max(index[u], index[v])) for u, v in G.edges() if u != v})
    graph = igraph.Graph(n=len(nodes), edges=edges)
    components = sorted((sorted(c) for c in graph.connected_components()), key=lambda c: (-len(c), c[0]))
    placed = []
    # igraph draws its random numbers from a Python RNG: a private seeded one keeps runs identical.
    igraph.set_random_number_generator(random.Random(seed))
    try:
        for members in components:
            if len(members) <= 2:
                placed.append({nodes[m]: (SPACING * 1.5 * i, 0.0) for i, m in enumerate(members)})
                continue
            sub = graph.induced_subgraph(members)  # keeps the order of `members`
            # Fewer (grid) iterations for big components: at 20k nodes 100 spread nodes as well as 250 (measured).
            niter = 500 if len(members) <= 3000 else 100
            coords = sub.layout_fruchterman_reingold(niter=niter, grid="auto").coords
            placed.append(_normalise({nodes[m]: (float(x), float(y)) for m, (x, y) in zip(members, coords)}))
    finally:
        igraph.set_random_number_generator(random)
    return placed


def _spring(U: nx.Graph, nodes: list, seed: int) -> dict:
    pos = nx.spring_layout(U.subgraph(nodes), seed=seed, iterations=60)
    return {n: (float(x), float(y)) for n, (x, y) in pos.items()}


def _rings(U: nx.Graph, pos: dict, degree: dict) -> None:
    """Place every node connected to `pos` on a ring around its best placed neighbour (breadth first)."""
    frontier = sorted(pos, key=lambda n: (-degree[n], str(n)))
    while frontier:
        children: dict = defaultdict(list)
        for parent in frontier:
            for child in U[parent]:
                if child not in pos:
                    children[parent].append(child)
        claimed: set = set()
        placed_now = []
        for parent in frontier:
            kids = [c for c in sorted(children.get(parent, ()), key=str) if c not in claimed]
            if not kids:
                continue
            claimed.update(kids)
            px, py = pos[parent]
            ring, index, radius = 0, 0, SPACING
            per_ring = max(6, int(2 * math.pi * radius / SPACING))
            offset = (hash_str(str(parent)) % 360) * math.pi / 180  # sibling rings don't all line up
            for kid in kids:
                if index >= per_ring:
                    ring, index = ring + 1, 0
                    radius = SPACING * (1 + ring * 0.8)
                    per_ring = max(6, int(2 * math.pi * radius / SPACING))
                angle = offset + 2 * math.pi * index / per_ring + ring * 0.3
                pos[kid] = (px + radius * math.cos(angle), py + radius * math.sin(angle))
                index += 1
                placed_now.append(kid)
        frontier = sorted(placed_now, key=lambda n: (-degree[n], str(n)))


def _networkx_layout(U: nx.Graph, nodes: list, degree: dict, seed: int) -> dict:
    if len(nodes) <= SKELETON_MAX:
        return _normalise(_spring(U, nodes, seed))
    skeleton = sorted(nodes, key=lambda v: (-degree[v], str(v)))[:SKELETON_MAX]
    core = _normalise(_spring(U, skeleton, seed))
    spread = math.sqrt(len(nodes) / len(skeleton))  # room for the rings hung on the hubs
    pos = {v: (x * spread, y * spread) for v, (x, y) in core.items()}
    _rings(U, pos, degree)
    return pos


def _networkx_components(G: nx.Graph, seed: int) -> list[dict]:
    U = nx.Graph()
    U.add_nodes_from(G)
    U.add_edges_from((u, v) for u, v in G.edges() if u != v)
    degree = dict(U.degree())
    components = sorted((sorted(c, key=str) for c in nx.connected_components(U)), key=lambda c: (-len(c), str(c[0])))
    placed = []
    for nodes in components:
        if len(nodes) <= 2:
            placed.append({v: (SPACING * 1.5 * i, 0.0) for i, v in enumerate(nodes)})
        else:
            placed.append(_networkx_layout(U, nodes, degree, seed))
    return placed


def layout(G: nx.Graph, seed: int = 7) -> dict[str, tuple[float, float]]:
    """Positions for every node of `G` (direction and parallel edges ignored)."""
    if not len(G):
        return {}
    placed = _igraph_components(G, seed) if igraph is not None else _networkx_components(G, seed)
    # Shelf packing: boxes left to right, wrapping at a width that makes the whole roughly square.
    boxes = []
    for pos in placed:
        xs = [x for x, _ in pos.values()]
        ys = [y for _, y in pos.values()]
        boxes.append((min(xs), min(ys), max(xs) - min(xs) + SPACING, max(ys) - min(ys) + SPACING))
    total_area = sum(w * h for *_, w, h in boxes)
    row_width = max(math.sqrt(total_area) * 1.2, boxes[0][2] if boxes else 0)
    result: dict[str, tuple[float, float]] = {}
    x_cursor = y_cursor = row_height = 0.0
    for pos, (min_x, min_y, width, height) in zip(placed, boxes):
        if x_cursor > 0 and x_cursor + width > row_width:
            x_cursor, y_cursor, row_height = 0.0, y_cursor + row_height, 0.0
        for node, (x, y) in pos.items():
            result[node] = (round(x - min_x + x_cursor, 1), round(y - min_y + y_cursor, 1))
        x_cursor += width
        row_height = max(row_height, height)
    return result
