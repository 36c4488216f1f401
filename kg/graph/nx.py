"""Corpus → networkx.MultiDiGraph (the contract shared with the viewer; also written as graph.graphml).

Nodes are entities (id = Entity.id), edges are entity-to-entity relations. All attribute values are scalars
so GraphML round-trips: `networkx.read_graphml(path, force_multigraph=True)` gives the same graph.
Literal-valued relations become node attributes: alias → `aliases`, position → `posts` (plus a `position`
edge to the organisation when known), event_date → `date`, author_of → `authored`.

`write_corpus_graphml` writes graph.graphml straight from the corpus, without building the networkx graph: the
same bytes as `write_graphml(to_networkx(corpus))` (networkx's lxml writer), several times faster on a large graph.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator

import networkx as nx

from kg.graph.view import CorpusView, to_json
from kg.records import Corpus
from kg.vocab import relation_types


def _node_rows(view: CorpusView) -> Iterator[tuple[str, dict]]:
    """(entity id, node attributes) per entity, in the graph's node order."""
    for entity in view.entities.values():
        yield entity.id, node_row(view, entity)


def node_row(view: CorpusView, entity) -> dict:
    """One entity's node attributes; the posts and works come from its relations (view.by_subject)."""
    posts: list[dict] = []
    authored: set[str] = set()
    for relation in view.by_subject.get(entity.id, ()):
        if relation.type == "position" and relation.literal:
            org = view.org_of(relation)
            post = {"title": relation.literal, "org": org, "org_label": view.entities[org].name if org else None}
            if post not in posts:
                posts.append(post)
        elif relation.type == "author_of" and relation.literal:
            authored.add(relation.literal)
    attrs = entity.attrs or {}
    parent = attrs.get("parent")
    return dict(
        type=entity.type,
        subtype=entity.subtype or "",
        label=entity.name,
        aliases=to_json(view.aliases(entity)),
        posts=to_json(sorted(posts, key=lambda p: (p["title"], p["org"] or ""))),
        division_code=str(attrs.get("division_code") or ""),
        parent=parent if isinstance(parent, str) and parent in view.entities else "",
        date=view.event_date(entity) if entity.type == "EVENT" else str(attrs.get("date") or ""),
        amount=str(attrs.get("amount") or ""),
        articles=to_json([view.article_ref(a) for a in view.entity_articles.get(entity.id, [])]),
        mentions=len(entity.mentions),
        authored=to_json(sorted(authored)),
    )


def _edge_rows(view: CorpusView, relations=None) -> Iterator[tuple[str, str, str, dict]]:
    """(source, target, key, edge attributes) per entity-to-entity relation of `relations` (all of the view's by
    default), in their order; keys number the edges of one (source, target, type) in that order."""
    vocab = relation_types()
    counters: dict[tuple[str, str, str], int] = defaultdict(int)
    for relation in view.relations if relations is None else relations:
        if relation.subject not in view.entities:
            continue
        target = edge_target(view, relation)
        if target is None:
            continue
        kind = vocab.get(relation.type)
        index = counters[(relation.subject, target, relation.type)]
        counters[(relation.subject, target, relation.type)] += 1
        yield relation.subject, target, f"{relation.type}:{index}", dict(
            type=relation.type,
            label_zh=kind.label_zh if kind else relation.type,
            label_en=kind.label_en if kind else relation.type,
            title=(relation.literal or "") if relation.type == "position" else "",
            amount=str((relation.attrs or {}).get("amount") or ""),
            evidence=to_json(view.evidence_dicts(relation)),
        )


def edge_target(view: CorpusView, relation) -> str | None:
    """The entity a relation's edge points to (a position's organisation when its object is a title), or None."""
    target = relation.object
    if relation.type == "position":
        target = target if target in view.entities else view.org_of(relation)
    return target if target in view.entities else None


def to_networkx(corpus: Corpus, view: CorpusView | None = None) -> nx.MultiDiGraph:
    view = view or CorpusView.of(corpus)  # the caller's, when it has one (kg.graph.export)
    graph = nx.MultiDiGraph()
    for node, attrs in _node_rows(view):
        graph.add_node(node, **attrs)
    for source, target, key, attrs in _edge_rows(view):
        graph.add_edge(source, target, key=key, **attrs)
    return graph


def write_graphml(corpus_or_graph: Corpus | nx.MultiDiGraph, path) -> None:
    graph = corpus_or_graph if isinstance(corpus_or_graph, nx.Graph) else to_networkx(corpus_or_graph)
    nx.write_graphml(graph, str(path), encoding="utf-8", prettyprint=True)


def read_graphml(path) -> nx.MultiDiGraph:
    """Read graph.graphml back as the MultiDiGraph `to_networkx` made."""
    return nx.read_graphml(str(path), force_multigraph=True)


# --------------------------------------------------------------------------- GraphML without networkx

_NODE_KEYS = ("type", "subtype", "label", "aliases", "posts", "division_code", "parent", "date", "amount",
              "articles", "mentions", "authored")
_EDGE_KEYS = ("type", "label_zh", "label_en", "title", "amount", "evidence")
_HEAD = ("<?xml version='1.0' encoding='utf-8'?>\n<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" "
         "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:schemaLocation=\"http://graphml.graphdrawing."
         "org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">")
# what libxml2 writes as it is: no control character (it escapes \r and refuses most others), no lone surrogate,
# no U+FFFE/U+FFFF; \n is kept in text and escaped in attributes
_ODD_TEXT = re.compile("[\x00-\x09\x0b-\x1f\ud800-\udfff\ufffe\uffff]")
_ODD_ATTR = re.compile("[\x00-\x1f\ud800-\udfff\ufffe\uffff]")


class _Unusual(Exception):
    """A value the plain writer does not render as libxml2 would: networkx writes the file instead."""


def _text(value: str) -> str:
    if _ODD_TEXT.search(value):
        raise _Unusual
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _attr(value: str) -> str:
    if _ODD_ATTR.search(value):
        raise _Unusual
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def _element(tag: str, head: str, attrs: dict, keys: tuple[str, ...], first: int) -> str:
    values = [attrs[name] for name in keys]
    if attrs.keys() != set(keys) or any(type(v) is not (int if name == "mentions" else str)
                                        for name, v in zip(keys, values)):
        raise _Unusual
    values = [str(v) if type(v) is int else v for v in values]
    if _ODD_TEXT.search("".join(values)):
        raise _Unusual
    parts = [f"<{tag} {head}>\n"]
    for n, value in enumerate(values, first):
        if "&" in value or "<" in value or ">" in value:
            value = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        parts.append(f'  <data key="d{n}">{value}</data>\n')
    parts.append(f"</{tag}>\n")
    return "".join(parts)


def write_corpus_graphml(corpus: Corpus, path, view: CorpusView | None = None) -> None:
    """graph.graphml of `corpus`: the bytes `write_graphml(to_networkx(corpus, view), path)` writes, without the
    networkx graph and lxml's elements (networkx writes it when the graph is empty or a value is unusual)."""
    view = view or CorpusView.of(corpus)
    try:
        text = _plain_graphml(view)
    except _Unusual:
        text = None
    if text is None:
        write_graphml(to_networkx(corpus, view), path)
        return
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(text)


def _plain_graphml(view: CorpusView) -> str | None:
    nodes = [node_element(view, entity) for entity in view.entities.values()]
    groups = [edge_group(view, node) for node in view.entities]
    if not nodes or not any(groups):
        return None
    return "".join([graphml_head(), *nodes, *groups, GRAPHML_TAIL])


GRAPHML_TAIL = "</graph></graphml>"


def graphml_head() -> str:
    """Everything before the first node: the declaration, the keys, the graph's opening tag."""
    keys = [(f"d{n}", "node", name, "long" if name == "mentions" else "string") for n, name in enumerate(_NODE_KEYS)]
    keys += [(f"d{len(_NODE_KEYS) + n}", "edge", name, "string") for n, name in enumerate(_EDGE_KEYS)]
    parts = [_HEAD]
    parts += [f'<key id="{k}" for="{scope}" attr.name="{name}" attr.type="{kind}"/>\n'
              for k, scope, name, kind in reversed(keys)]
    parts.append('<graph edgedefault="directed">')
    return "".join(parts)


def node_element(view: CorpusView, entity) -> str:
    """One entity's <node> element as networkx writes it (raises _Unusual where it would not be the same)."""
    return _element("node", f'id="{_attr(entity.id)}"', node_row(view, entity), _NODE_KEYS, 0)


def edge_group(view: CorpusView, source: str) -> str:
    """The <edge> elements of one source node, in networkx's order: by target in the order its first edge came,
    then in the order they came (its relations are view.by_subject[source], in the view's order)."""
    grouped: dict[str, list[str]] = {}
    for _, target, key, attrs in _edge_rows(view, view.by_subject.get(source, ())):
        grouped.setdefault(target, []).append(_element(
            "edge", f'source="{_attr(source)}" target="{_attr(target)}" id="{_attr(key)}"', attrs, _EDGE_KEYS,
            len(_NODE_KEYS)))
    return "".join(element for elements in grouped.values() for element in elements)
