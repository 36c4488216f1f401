"""SHACL validation of a graph against ontology/shapes.ttl (pyshacl), with the ontology as background."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kg.paths import ontology_dir


@dataclass
class ValidationReport:
    conforms: bool
    violations: int
    text: str  # pyshacl's human-readable report


def load_graph(path: str | Path):
    """An rdflib Graph from a Turtle/N-Triples/JSON-LD file (or a build folder holding graph.ttl)."""
    import rdflib

    from kg.query.engine import resolve_graph_path, rdf_format_of

    path = resolve_graph_path(path)
    graph = rdflib.Graph()
    fmt = {"ttl": "turtle", "nt": "nt", "jsonld": "json-ld"}[rdf_format_of(path)]
    graph.parse(str(path), format=fmt)
    return graph


def validate_graph(data_graph, shapes_path: str | Path | None = None, *, rdfs: bool = False) -> ValidationReport:
    """Validate an rdflib Graph (or a file path) with the project's shapes.

    The data states its types explicitly, so no inference is needed; with `rdfs`, the ontology (kg.ttl) is
    mixed in and RDFS entailment applied first, as a user of a reasoning store would see the graph.
    """
    import rdflib
    from pyshacl import validate

    if not isinstance(data_graph, rdflib.Graph):
        data_graph = load_graph(data_graph)
    shapes = rdflib.Graph().parse(str(shapes_path or ontology_dir() / "shapes.ttl"), format="turtle")
    ontology = rdflib.Graph().parse(str(ontology_dir() / "kg.ttl"), format="turtle") if rdfs else None
    conforms, results, text = _validate_keeping_datatypes(validate, data_graph, shapes, ontology, rdfs)
    sh = rdflib.Namespace("http://www.w3.org/ns/shacl#")
    violations = len(set(results.subjects(rdflib.RDF.type, sh.ValidationResult)))
    return ValidationReport(bool(conforms), violations, text)


def _validate_keeping_datatypes(validate, data_graph, shapes, ontology, rdfs: bool):
    """pyshacl's RDFS inference (owlrl) swaps rdflib's lexical datatype table for one without xsd:gMonthDay and
    leaves it swapped: every later validation in the process would then find --05-09 ill-typed. The table is put
    back afterwards."""
    import rdflib.term

    saved = dict(rdflib.term._toPythonMapping)
    try:
        return validate(data_graph, shacl_graph=shapes, ont_graph=ontology, inference="rdfs" if rdfs else "none",
                        abort_on_first=False)
    finally:
        rdflib.term._toPythonMapping.clear()
        rdflib.term._toPythonMapping.update(saved)
