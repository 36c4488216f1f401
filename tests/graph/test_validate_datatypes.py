"""Validation with RDFS inference must not change how later validations read datatypes (owlrl swaps rdflib's table)."""

from __future__ import annotations

import rdflib

from kg.graph.validate import validate_graph


def test_month_day_literal_stays_well_typed_after_rdfs_validation():
    graph = rdflib.Graph()
    graph.add((rdflib.URIRef("urn:x"), rdflib.RDFS.label, rdflib.Literal("--05-09", datatype=rdflib.XSD.gMonthDay)))
    validate_graph(graph, rdfs=True)
    again = rdflib.Literal("--05-09", datatype=rdflib.XSD.gMonthDay)
    assert not getattr(again, "ill_typed", False)
    assert validate_graph(graph).conforms
