"""The graph stage: Corpus → RDF (ontology-aligned, with provenance), GraphML, flat JSONL.

    from kg.graph.export import write_exports
    paths, n_triples = write_exports(corpus, "output", formats=("ttl", "jsonld"))
"""
