"""Corpus → networkx.MultiDiGraph (the contract shared with the viewer; also written as graph.graphml).

Nodes are entities (id = Entity.id), edges are entity-to-entity relations. All attribute values are scalars
so GraphML round-trips: `networkx.read_graphml(path, force_multigraph=True)` gives the same graph.
Literal-valued relations become node attributes: alias → `aliases`, position → `posts` (plus a `position`
edge to the organisation when known), event_date → `date`, author_of → `authored`.
"""

from __future__ import annotations

from collections import defaultdict

import networkx as nx

from kg.graph.view import CorpusView, to_json
from kg.records import Corpus
from kg.vocab import relation_types


def to_networkx(corpus: Corpus, view: CorpusView | None = None) -> nx.MultiDiGraph:
    view = view or CorpusView.of(corpus)  # the caller's, when it has one (kg.graph.export)
    vocab = relation_types()
    graph = nx.MultiDiGraph()

    posts: dict[str, list[dict]] = defaultdict(list)
    authored: dict[str, set[str]] = defaultdict(set)
    for relation in view.relations:
        if relation.type == "position" and relation.literal:
            org = view.org_of(relation)
            post = {"title": relation.literal, "org": org, "org_label": view.entities[org].name if org else None}
            if post not in posts[relation.subject]:
                posts[relation.subject].append(post)
        elif relation.type == "author_of" and relation.literal:
            authored[relation.subject].add(relation.literal)

    for entity in view.entities.values():
        attrs = entity.attrs or {}
        parent = attrs.get("parent")
        graph.add_node(
            entity.id,
            type=entity.type,
            subtype=entity.subtype or "",
            label=entity.name,
            aliases=to_json(view.aliases(entity)),
            posts=to_json(sorted(posts.get(entity.id, []), key=lambda p: (p["title"], p["org"] or ""))),
            division_code=str(attrs.get("division_code") or ""),
            parent=parent if isinstance(parent, str) and parent in view.entities else "",
            date=view.event_date(entity) if entity.type == "EVENT" else str(attrs.get("date") or ""),
            amount=str(attrs.get("amount") or ""),
            articles=to_json([view.article_ref(a) for a in view.entity_articles.get(entity.id, [])]),
            mentions=len(entity.mentions),
            authored=to_json(sorted(authored.get(entity.id, ()))),
        )

    counters: dict[tuple[str, str, str], int] = defaultdict(int)
    for relation in view.relations:
        if relation.subject not in view.entities:
            continue
        target = relation.object
        if relation.type == "position":
            target = target if target in view.entities else view.org_of(relation)
        if target not in view.entities:
            continue
        kind = vocab.get(relation.type)
        index = counters[(relation.subject, target, relation.type)]
        counters[(relation.subject, target, relation.type)] += 1
        graph.add_edge(
            relation.subject,
            target,
            key=f"{relation.type}:{index}",
            type=relation.type,
            label_zh=kind.label_zh if kind else relation.type,
            label_en=kind.label_en if kind else relation.type,
            title=(relation.literal or "") if relation.type == "position" else "",
            amount=str((relation.attrs or {}).get("amount") or ""),
            evidence=to_json(view.evidence_dicts(relation)),
        )
    return graph


def write_graphml(corpus_or_graph: Corpus | nx.MultiDiGraph, path) -> None:
    graph = corpus_or_graph if isinstance(corpus_or_graph, nx.Graph) else to_networkx(corpus_or_graph)
    nx.write_graphml(graph, str(path), encoding="utf-8", prettyprint=True)


def read_graphml(path) -> nx.MultiDiGraph:
    """Read graph.graphml back as the MultiDiGraph `to_networkx` made."""
    return nx.read_graphml(str(path), force_multigraph=True)
