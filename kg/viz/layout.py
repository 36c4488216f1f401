"""Precomputed node positions, cheap enough for 20k nodes (the browser's physics is not).

Each connected component is laid out on its own and scaled so that neighbours are SPACING apart and its labels
have room. Its area is measured as if it were at most 4:1: a component laid out on a line has none, and dividing
by it once blew a 3-node component up to 12 million units, which left the whole page blank at first paint. The
components, each boxed with room for its labels, are then packed on shelves (tallest first) into a rectangle of
the viewer canvas's shape, drawn closer together as far as needed for the whole graph to fit the canvas of a
1600×1000 window at a zoom where labels are drawn. Deterministic (fixed seed).

Engine: igraph when the `igraph` package is installed: Kamada-Kawai for components up to KK_MAX_NODES
(it spaces nodes evenly, where Fruchterman-Reingold crowds a hub's neighbours), Fruchterman-Reingold
above (C, grid-accelerated: ~0.5 s for 20k nodes / 40k edges). Without it, networkx: spring_layout (quadratic
per iteration, and it needs scipy above 500 nodes) runs on small components and on the best connected nodes of a big one;
the rest of a big component hangs on rings around its best placed neighbour. That fallback is fast but
crowded; install igraph for large graphs.
"""

from __future__ import annotations

import math
import random
import unicodedata
from collections import defaultdict

import networkx as nx
import numpy as np

SPACING = 70.0  # canvas units between neighbouring nodes, at least
SPREAD = 2.0  # a force layout leaves holes: give a component this many times the side its labels fill
LABEL_FONT = 14.0  # canvas units per full-width character of a node label (the viewer's node font)
NODE_ROOM = 12.0  # canvas units above and below a node's centre (a vis "dot" is 16-64 units wide)
# The viewer's canvas in a 1600×1000 window is about 1010×950 px; fitted with vis's 10 % margin at zoom 0.55,
# where 14 px labels are drawn at 7.7 px, it shows this many canvas units.
FIRST_PAINT = (1010 / 0.55 / 1.1, 950 / 0.55 / 1.1)
MIN_SCALE = 0.2  # graphs too big for the first-paint box are drawn at most this much closer together
KK_MAX_NODES = 500  # igraph: Kamada-Kawai up to this many nodes in a component (0.3 s at 500), FR above
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


def label_width(label: str) -> float:
    """Approximate drawn width of a label in canvas units: CJK characters are one em, others ~0.6 em."""
    return LABEL_FONT * sum(1.0 if unicodedata.east_asian_width(ch) in "WF" else 0.6 for ch in label)


def _cell(width: float) -> float:
    """Area a node and its label need side by side with others (one character's gap around)."""
    return (width + LABEL_FONT) * (2 * NODE_ROOM + 2.3 * LABEL_FONT)


def _scaled(xy: np.ndarray, edges: np.ndarray, room: float) -> np.ndarray:
    """`xy` (n×2) scaled so that neighbours are at least SPACING apart (median edge, `edges` as index pairs) and
    the layout's box holds SPREAD² times the `room` its labels take. The box is measured as at most 4:1 (a layout
    on a line has no area). A layout that collapsed to a point becomes a circle."""
    width, height = np.ptp(xy, axis=0)
    side = max(width, height)
    if side < 1e-9:
        angles = 2 * np.pi * np.arange(len(xy)) / len(xy)
        return SPACING * len(xy) / (2 * np.pi) * np.column_stack([np.cos(angles), np.sin(angles)])
    edges = edges[edges[:, 0] != edges[:, 1]] if len(edges) else edges
    lengths = np.hypot(*(xy[edges[:, 0]] - xy[edges[:, 1]]).T) if len(edges) else np.array([side])
    area = max(width * height, side * side / 16)
    factor = max(SPACING / max(float(np.median(lengths)), 1e-9), SPREAD * math.sqrt(room / area))
    return xy * factor


def _line(members: list) -> dict:
    """One or two nodes side by side."""
    return {node: (SPACING * 1.5 * i, 0.0) for i, node in enumerate(members)}


def _igraph_coords(sub) -> list:
    if sub.vcount() <= KK_MAX_NODES:  # stress layout: even spacing, so labels overlap less than with FR
        return sub.layout_kamada_kawai().coords
    # Fewer (grid) iterations for big components: at 20k nodes 100 spread nodes as well as 250 (measured).
    niter = 500 if sub.vcount() <= 3000 else 100
    return sub.layout_fruchterman_reingold(niter=niter, grid="auto").coords


def _igraph_components(G: nx.Graph, widths: dict, seed: int) -> list[dict]:
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
                placed.append(_line([nodes[m] for m in members]))
                continue
            sub = graph.induced_subgraph(members)  # keeps the order of `members`
            coords = _igraph_coords(sub)
            room = sum(_cell(widths[nodes[m]]) for m in members)
            scaled = _scaled(np.array(coords, dtype=float), np.array(sub.get_edgelist(), dtype=int), room)
            placed.append(dict(zip((nodes[m] for m in members), map(tuple, scaled.tolist()))))
    finally:
        igraph.set_random_number_generator(random)
    return placed


def _spring(U: nx.Graph, nodes: list, widths: dict, seed: int) -> dict:
    sub = U.subgraph(nodes)
    pos = nx.spring_layout(sub, seed=seed, iterations=60)
    index = {n: i for i, n in enumerate(nodes)}
    edges = np.array([(index[u], index[v]) for u, v in sub.edges()], dtype=int).reshape(-1, 2)
    room = sum(_cell(widths[n]) for n in nodes)
    scaled = _scaled(np.array([pos[n] for n in nodes], dtype=float), edges, room)
    return dict(zip(nodes, map(tuple, scaled.tolist())))


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


def _networkx_layout(U: nx.Graph, nodes: list, degree: dict, widths: dict, seed: int) -> dict:
    if len(nodes) <= SKELETON_MAX:
        return _spring(U, nodes, widths, seed)
    skeleton = sorted(nodes, key=lambda v: (-degree[v], str(v)))[:SKELETON_MAX]
    core = _spring(U, skeleton, widths, seed)
    spread = math.sqrt(len(nodes) / len(skeleton))  # room for the rings hung on the hubs
    pos = {v: (x * spread, y * spread) for v, (x, y) in core.items()}
    _rings(U, pos, degree)
    return pos


def _networkx_components(G: nx.Graph, widths: dict, seed: int) -> list[dict]:
    U = nx.Graph()
    U.add_nodes_from(G)
    U.add_edges_from((u, v) for u, v in G.edges() if u != v)
    degree = dict(U.degree())
    components = sorted((sorted(c, key=str) for c in nx.connected_components(U)), key=lambda c: (-len(c), str(c[0])))
    return [_line(nodes) if len(nodes) <= 2 else _networkx_layout(U, nodes, degree, widths, seed) for nodes in components]


class _Placed:
    """A laid-out component as arrays: positions and half label widths, for boxes at any scale."""

    def __init__(self, pos: dict, widths: dict) -> None:
        self.nodes = list(pos)
        self.xy = np.array([pos[n] for n in self.nodes], dtype=float)
        self.half = np.array([widths[n] / 2 for n in self.nodes])

    def box(self, k: float) -> tuple[float, float, float, float]:
        """(left, top, width, height) drawn at `k` times its size: the nodes, the labels under them (which keep
        their size) and a gap of half a character around."""
        x, y = self.xy[:, 0] * k, self.xy[:, 1] * k
        left, right = float((x - self.half).min()), float((x + self.half).max())
        top, bottom = float(y.min()) - NODE_ROOM, float(y.max()) + NODE_ROOM + LABEL_FONT * 1.3
        gap = LABEL_FONT / 2
        return left - gap, top - gap, right - left + 2 * gap, bottom - top + 2 * gap


def _shelves(boxes: list[tuple], row_width: float) -> tuple[list[tuple[float, float]], float, float]:
    """Next-fit shelf packing, tallest first: each box's corner, and the total width and height."""
    corners: list[tuple[float, float]] = [(0.0, 0.0)] * len(boxes)
    x = y = row_height = width = 0.0
    for i in sorted(range(len(boxes)), key=lambda i: -boxes[i][3]):  # stable: ties keep the size order
        _, _, w, h = boxes[i]
        if x > 0 and x + w > row_width:
            x, y, row_height = 0.0, y + row_height, 0.0
        corners[i] = (x, y)
        x += w
        width, row_height = max(width, x), max(row_height, h)
    return corners, width, y + row_height


def _pack(placed: list[_Placed], k: float) -> tuple[list[tuple], list[tuple[float, float]], float]:
    """Components at `k` times their size packed in rows as wide as the first-paint box: their boxes, corners,
    and how many times the packing exceeds that box (≤ 1: it fits)."""
    boxes = [component.box(k) for component in placed]
    corners, width, height = _shelves(boxes, max(FIRST_PAINT[0], max(w for *_, w, _ in boxes)))
    return boxes, corners, max(width / FIRST_PAINT[0], height / FIRST_PAINT[1])


def _fitting_scale(placed: list[_Placed]) -> float:
    """1, or the largest scale (down to MIN_SCALE) at which the packed components fit the first-paint box."""
    if _pack(placed, 1.0)[2] <= 1:
        return 1.0
    low, high = MIN_SCALE, 1.0  # bisection: fits at `low` (or nothing does), not at `high`
    for _ in range(10):
        middle = (low + high) / 2
        low, high = (middle, high) if _pack(placed, middle)[2] <= 1 else (low, middle)
    return low


def layout(G: nx.Graph, seed: int = 7) -> dict[str, tuple[float, float]]:
    """Positions for every node of `G` (direction and parallel edges ignored), labels (`label` attr) given room.

    The components are drawn closer together (down to MIN_SCALE) until the whole fits the first-paint box.
    """
    if not len(G):
        return {}
    widths = {n: label_width(str(G.nodes[n].get("label") or n)) for n in G}
    engine = _igraph_components if igraph is not None else _networkx_components
    placed = [_Placed(pos, widths) for pos in engine(G, widths, seed)]
    k = _fitting_scale(placed)
    boxes, corners, _ = _pack(placed, k)
    result: dict[str, tuple[float, float]] = {}
    for component, (left, top, _, _), (cx, cy) in zip(placed, boxes, corners):
        xy = np.round(component.xy * k - (left, top) + (cx, cy), 1).tolist()
        result.update(zip(component.nodes, map(tuple, xy)))
    return result
