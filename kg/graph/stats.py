"""Counts over an exported graph: triples, instances per class, triples per property, entities by degree."""

from __future__ import annotations

from dataclasses import dataclass, field

from collections import Counter

from pyoxigraph import DefaultGraph, NamedNode, Store

from kg.graph.namespace import PREFIXES

_ENTITY_CLASSES = "kgo:Person kgo:Organization kgo:Place kgo:Event kgo:Project"


@dataclass
class GraphStats:
    triples: int
    classes: list[tuple[str, int]] = field(default_factory=list)  # (class IRI, instances), most first
    properties: list[tuple[str, int]] = field(default_factory=list)  # (property IRI, triples), most first
    top_entities: list[tuple[str, str, str, int]] = field(default_factory=list)  # (IRI, label, class, degree)


def _rows(store: Store, query: str):
    return store.query(query, prefixes=PREFIXES)


def graph_stats(store: Store, top: int = 10) -> GraphStats:
    """Statistics of a store holding one graph (load it with `load_store(path, imports=False)`)."""
    triples = len(store)
    classes = [
        (row["c"].value, int(row["n"].value))
        for row in _rows(store, "SELECT ?c (COUNT(?s) AS ?n) WHERE { ?s a ?c } GROUP BY ?c ORDER BY DESC(?n) ?c")
    ]
    properties = [
        (row["p"].value, int(row["n"].value))
        for row in _rows(store, "SELECT ?p (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?p ORDER BY DESC(?n) ?p")
    ]
    # Degree = direct entity-to-entity triples in either direction. One pass over the triples in Python:
    # a SPARQL join of every triple with both ends' types is far slower on large graphs.
    labels: dict[str, tuple[str, str]] = {}
    for row in _rows(store, f"""SELECT ?e ?class ?label WHERE {{
            VALUES ?class {{ {_ENTITY_CLASSES} }} ?e a ?class ; skos:prefLabel ?label }}"""):
        labels[row["e"].value] = (row["label"].value, row["class"].value)
    degree: Counter[str] = Counter()
    for quad in store.quads_for_pattern(None, None, None, DefaultGraph()):
        subject, obj = quad.subject.value, quad.object.value
        if subject in labels and obj in labels and isinstance(quad.object, NamedNode):
            degree[subject] += 1
            degree[obj] += 1
    ranked = sorted(degree.items(), key=lambda item: (-item[1], labels[item[0]][0], item[0]))[: max(0, int(top))]
    top_entities = [(iri, labels[iri][0], labels[iri][1], count) for iri, count in ranked]
    return GraphStats(triples, classes, properties, top_entities)
