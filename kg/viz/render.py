"""networkx graph (shared contract) → one self-contained, offline HTML page drawn by vis-network.

pyvis supplies vis-network (its bundled copy is inlined: no CDN, works from file://) and builds the
node/edge records of small graphs. Large graphs skip pyvis's `add_node`/`add_edge` (linear scans per
call, quadratic overall) and build the same records directly. Everything taken from the text travels
as JSON inside `<script type="application/json">`, with `<`, `>`, `&`, U+2028/9 escaped; the page's
own JS builds panels with textContent only.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import networkx as nx

from kg.viz.layout import layout
from kg.viz.select import select_subgraph

HERE = Path(__file__).resolve().parent
STATIC = HERE / "static"

PYVIS_MAX_NODES = 1000  # above this, records are built directly (pyvis's add_edge is quadratic)
PYVIS_MAX_EDGES = 3000
FAST_DRAW_ABOVE = 2500  # above this many nodes: straight edges, hidden while dragging or zooming
LABELLED_MAX_NODES = 500  # up to this many nodes every label is drawn at first paint; above, only the hubs'


@cache
def entity_styles() -> dict[str, dict[str, str]]:
    """Colour, vis shape and legend glyph per entity type (kg/viz/styles.json), with zh/en names."""
    from kg.vocab import ENTITY_LABELS

    styles = json.loads((HERE / "styles.json").read_text(encoding="utf-8"))
    for etype, style in styles.items():
        zh, en = ENTITY_LABELS.get(etype, ("其他", "Other"))
        style.update(label_zh=zh, label_en=en)
    return styles


@cache
def vis_assets() -> tuple[str, str]:
    """vis-network's JS and CSS as shipped inside the pyvis package."""
    import pyvis

    lib = Path(pyvis.__file__).resolve().parent / "templates" / "lib" / "vis-9.1.2"
    js = (lib / "vis-network.min.js").read_text(encoding="utf-8")
    css = (lib / "vis-network.css").read_text(encoding="utf-8")
    return js, css


_SCRIPT_ESCAPES = (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029"))


def script_json(value: Any) -> str:
    """JSON that is safe inside a <script> element: no `</script>`, `<!--`, or JS line separators.

    These characters can only occur inside JSON strings, where the \\u escapes mean the same thing.
    (Chained str.replace: several times faster than str.translate on a 10 MB page.)
    """
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for raw, escaped in _SCRIPT_ESCAPES:
        text = text.replace(raw, escaped)
    return text


def _inline(code: str, tag: str) -> str:
    if f"</{tag}" in code.lower():
        raise ValueError(f"inline {tag} contains '</{tag}'")
    return code


def _json_value(raw: Any, default: Any) -> Any:
    """A contract attribute that holds JSON (GraphML can't store lists); tolerate hand-made graphs."""
    if raw is None or raw == "" or raw == "[]" or raw == "{}":
        return default
    if isinstance(raw, (list, dict)):
        return raw
    try:
        value = json.loads(raw)
    except (TypeError, ValueError):
        return default
    return value if isinstance(value, type(default)) else default


def _json_values(raws: list[Any], default: Any) -> list[Any]:
    """`_json_value` over many attributes: one json.loads of a joined array is several times faster
    than one call each; any malformed item sends the batch back to item by item."""
    simple = all(isinstance(r, str) for r in raws)
    if simple and raws:
        try:
            values = json.loads("[" + ",".join(r if r else "null" for r in raws) + "]")
        except ValueError:
            values = None
        if values is not None and len(values) == len(raws):
            return [v if isinstance(v, type(default)) else default for v in values]
    return [_json_value(r, default) for r in raws]


def _text(raw: Any) -> str:
    return "" if raw is None else str(raw)


class _Articles:
    """One table of articles for the page; nodes and evidence refer to rows by index."""

    def __init__(self) -> None:
        self.rows: dict[str, dict[str, str]] = {}

    def add(self, item: dict) -> str | None:
        article_id = item.get("id") or item.get("article_id")
        if not article_id:
            return None
        article_id = str(article_id)
        row = self.rows.get(article_id)
        if row is None:
            self.rows[article_id] = {"id": article_id, "headline": _text(item.get("headline")),
                                     "date": _text(item.get("date"))}
        elif not (row["headline"] and row["date"]):  # fill what an earlier mention lacked
            row["headline"] = row["headline"] or _text(item.get("headline"))
            row["date"] = row["date"] or _text(item.get("date"))
        return article_id

    def table(self) -> tuple[list[list[str]], dict[str, int]]:
        ordered = sorted(self.rows.values(), key=lambda r: (r["date"], r["headline"], r["id"]))
        return [[r["id"], r["headline"], r["date"]] for r in ordered], {r["id"]: i for i, r in enumerate(ordered)}


def _vis_options(n_nodes: int, styles: dict) -> dict:
    """vis-network options. Positions are precomputed (kg/viz/layout.py) and physics stays off, so the first
    paint is the layout, fitted to the canvas; label draw thresholds keep dense graphs readable."""
    large = n_nodes > FAST_DRAW_ABOVE
    # vis draws a label when font size × zoom ≥ drawThreshold - 1. Node fonts run 14-22 px by degree: at the
    # first-paint zoom (≥ 0.5 in a 1600×1000 window, kg/viz/layout.py) a small graph shows every label, a large
    # one its hubs' only.
    node_threshold = 7 if n_nodes <= LABELLED_MAX_NODES else 9
    return {
        "autoResize": True,
        "layout": {"improvedLayout": False, "randomSeed": 7},
        "physics": {"enabled": False},
        "nodes": {
            "borderWidth": 1,
            "font": {"size": 14, "color": "#1f2328", "strokeWidth": 3, "strokeColor": "#ffffff"},
            "scaling": {"min": 8, "max": 32,
                        "label": {"enabled": True, "min": 14, "max": 22, "drawThreshold": node_threshold}},
        },
        "edges": {
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.45}},
            "color": {"color": "#aab1bc", "highlight": "#1f2328", "hover": "#1f2328", "inherit": False},
            # Edge labels (10 px) appear from zoom 0.9 on: at first paint they would only cover the node labels.
            "font": {"size": 10, "color": "#57606a", "strokeWidth": 3, "align": "middle"},
            "scaling": {"label": {"drawThreshold": 10}},
            "selectionWidth": 2,
            "smooth": {"enabled": True, "type": "continuous", "roundness": 0.2} if not large else False,
            "width": 1,
        },
        "groups": {
            etype: {"color": {"background": style["color"], "border": style["color"],
                              "highlight": {"background": style["color"], "border": "#1f2328"},
                              "hover": {"background": style["color"], "border": "#1f2328"}},
                    "shape": style["shape"]}
            for etype, style in styles.items()
        },
        "interaction": {
            "hover": True,
            "tooltipDelay": 250,
            "hideEdgesOnDrag": large,
            "hideEdgesOnZoom": large,
            "keyboard": False,
            "multiselect": False,
        },
    }


def build_payload(
    G: nx.MultiDiGraph,
    *,
    degree: dict | None = None,
    summary: dict | None = None,
    use_pyvis: bool | None = None,
) -> dict:
    """Everything the page needs, as plain JSON-able data: vis nodes/edges + panel details.

    `degree` sizes the nodes (default: degree in `G`).
    """
    from kg.vocab import relation_types

    degree = degree if degree is not None else dict(G.degree())
    styles = entity_styles()
    rel_types = relation_types()
    edges = sorted(G.edges(keys=True, data=True), key=lambda e: (str(e[0]), str(e[1]), str(e[2])))
    n_nodes, n_edges = G.number_of_nodes(), len(edges)  # (MultiDiGraph.number_of_edges sums all degrees)
    if use_pyvis is None:
        use_pyvis = n_nodes <= PYVIS_MAX_NODES and n_edges <= PYVIS_MAX_EDGES
    positions = layout(G) if n_nodes else {}
    articles = _Articles()

    node_records: list[tuple[str, str, str, str, dict]] = []
    info: dict[str, dict] = {}
    node_attrs = dict(G.nodes(data=True))
    nodes = sorted(node_attrs, key=str)
    decoded = {name: _json_values([node_attrs[n].get(name) for n in nodes], [])
               for name in ("aliases", "posts", "authored", "articles")}
    for position, node in enumerate(nodes):
        attrs = node_attrs[node]
        node_id = str(node)
        etype = _text(attrs.get("type")) or "OTHER"
        style = styles.get(etype, styles["OTHER"])
        label = _text(attrs.get("label")) or node_id
        x, y = positions.get(node, (0.0, 0.0))
        # `group` carries the type: colours come from the vis `groups` option, one entry per type.
        options = {"group": etype, "value": int(degree.get(node, 0)), "x": round(x), "y": round(y)}
        node_records.append((node_id, label, style["shape"], options))
        parent = _text(attrs.get("parent"))
        details = {
            "subtype": _text(attrs.get("subtype")),
            "aliases": [_text(a) for a in decoded["aliases"][position]],
            "posts": [p for p in decoded["posts"][position] if isinstance(p, dict)],
            "division_code": _text(attrs.get("division_code")),
            "parent": parent,
            "parent_label": _text(node_attrs[parent].get("label")) if parent and parent in node_attrs else "",
            "date": _text(attrs.get("date")),
            "amount": _text(attrs.get("amount")),
            "authored": [_text(a) for a in decoded["authored"][position]],
            "mentions": attrs.get("mentions") or 0,
            "degree": int(degree.get(node, 0)),
            "articles": [a for a in (articles.add(item) for item in decoded["articles"][position]
                                     if isinstance(item, dict)) if a],
        }
        info[node_id] = {k: v for k, v in details.items() if v not in ("", [], None)}

    edge_records: list[tuple[str, str, dict]] = []
    edge_info: dict[str, dict] = {}
    pair_count: dict[tuple[str, str], int] = {}
    rel_labels: dict[str, dict[str, str]] = {}
    evidence_lists = _json_values([e[3].get("evidence") for e in edges], [])
    for index, (u, v, key, attrs) in enumerate(edges):
        rtype = _text(attrs.get("type")) or "related"
        vocab = rel_types.get(rtype)
        label_zh = _text(attrs.get("label_zh")) or (vocab.label_zh if vocab else rtype)
        label_en = _text(attrs.get("label_en")) or (vocab.label_en if vocab else rtype)
        edge_id = f"e{index}"
        rel_labels.setdefault(rtype, {"label_zh": label_zh, "label_en": label_en})
        title = _text(attrs.get("title"))
        # A position edge reads better with its title: 任职·市委书记.
        label = f"{label_zh}·{title}" if title else label_zh
        options: dict[str, Any] = {"id": edge_id, "label": label, "kgType": rtype}
        # Parallel edges (either direction) would be drawn on top of each other: curve the extra ones.
        source, target = str(u), str(v)
        pair = (source, target) if source <= target else (target, source)
        nth = pair_count.get(pair, 0)
        pair_count[pair] = nth + 1
        if nth:
            options["smooth"] = {"enabled": True, "type": "curvedCW" if nth % 2 else "curvedCCW",
                                 "roundness": 0.15 * ((nth + 1) // 2)}
        edge_records.append((source, target, options))
        evidence = []
        for item in evidence_lists[index]:
            if not isinstance(item, dict):
                continue
            article_id = articles.add(item)
            # Offsets stay in the exports; the panel shows the sentence, its article and the rule.
            evidence.append({"article": article_id, "sentence": _text(item.get("sentence")),
                             "rule": _text(item.get("rule"))})
        details = {"title": title, "amount": _text(attrs.get("amount")), "evidence": evidence}
        edge_info[edge_id] = {k: val for k, val in details.items() if val not in ("", [], None)}

    if use_pyvis:
        from pyvis.network import Network

        net = Network(directed=True, cdn_resources="in_line")
        for node_id, label, shape, options in node_records:
            net.add_node(node_id, label=label, shape=shape, **options)
        for source, target, options in edge_records:
            net.add_edge(source, target, **options)
        vis_nodes, vis_edges = net.nodes, net.edges
    else:
        # The records pyvis would build (pyvis.node.Node / pyvis.edge.Edge), without its linear scans.
        vis_nodes = [{**options, "id": node_id, "label": label, "shape": shape}
                     for node_id, label, shape, options in node_records]
        vis_edges = [{**options, "from": source, "to": target, "arrows": "to"}
                     for source, target, options in edge_records]

    table, article_index = articles.table()
    for details in info.values():
        if "articles" in details:
            details["articles"] = sorted({article_index[a] for a in details["articles"]})
    for details in edge_info.values():
        for item in details.get("evidence", []):
            item["article"] = article_index.get(item["article"]) if item["article"] else None

    order = list(styles)  # the legend follows styles.json: PER, ORG, LOC, EVENT, PROJECT, then unknown types
    used_types = sorted({n[3]["group"] for n in node_records},
                        key=lambda t: (order.index(t) if t in order else len(order), t))
    return {
        "meta": {"nodes": n_nodes, "edges": n_edges, "summary": summary or {}},
        "styles": {t: styles.get(t, styles["OTHER"]) for t in used_types},
        "relations": {r: rel_labels[r] for r in sorted(rel_labels)},
        "articles": table,
        "nodes": vis_nodes,
        "edges": vis_edges,
        "info": info,
        "edgeInfo": edge_info,
        "options": _vis_options(n_nodes, {t: styles.get(t, styles["OTHER"]) for t in used_types}),
    }


def page_html(payload: dict, title: str) -> str:
    from jinja2 import Environment, FileSystemLoader

    env = Environment(loader=FileSystemLoader(str(STATIC)), autoescape=True)
    vis_js, vis_css = vis_assets()
    return env.get_template("viewer.html").render(
        title=title,
        vis_js=_inline(vis_js, "script"),
        vis_css=_inline(vis_css, "style"),
        viewer_js=_inline((STATIC / "viewer.js").read_text(encoding="utf-8"), "script"),
        viewer_css=_inline((STATIC / "viewer.css").read_text(encoding="utf-8"), "style"),
        data_json=script_json(payload),
    )


def default_title(summary: dict) -> str:
    focus = "、".join(summary.get("focus") or [])
    base = "kg 知识图谱"
    return f"{base} · {focus}" if focus else base


def render_graph(
    G: nx.MultiDiGraph,
    path: str | Path,
    *,
    focus: str | list[str] | None = None,
    hops: int = 1,
    max_nodes: int | None = None,
    min_degree: int = 0,
    title: str | None = None,
) -> Path:
    """Write the interactive viewer for `G` (after the ego view / size limits) to `path`."""
    degree = dict(G.degree())
    shown, summary = select_subgraph(
        G, focus=focus, hops=hops, max_nodes=max_nodes, min_degree=min_degree, degree=degree
    )
    payload = build_payload(shown, degree=degree, summary=summary)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(page_html(payload, title or default_title(summary)), encoding="utf-8")
    return path


__all__ = ["build_payload", "page_html", "render_graph", "script_json", "entity_styles"]
