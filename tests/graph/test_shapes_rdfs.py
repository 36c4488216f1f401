"""The seed build against the shapes, as stored and under RDFS entailment with the ontology (what a reasoning
store shows a user): kgo:evidence ⊑ prov:wasDerivedFrom once made every evidence sentence a 'non-article source'."""

from __future__ import annotations

import pytest

from kg.graph.validate import load_graph, validate_graph


@pytest.fixture(scope="module")
def seed_graph(seed_output):
    return load_graph(seed_output / "graph.ttl")


@pytest.mark.parametrize("rdfs", [False, True], ids=["as-stored", "rdfs-entailment"])
def test_seed_build_conforms(seed_graph, rdfs):
    report = validate_graph(seed_graph, rdfs=rdfs)
    assert report.conforms, report.text[:2000]
