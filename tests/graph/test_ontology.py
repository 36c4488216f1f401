import rdflib
from rdflib.namespace import OWL, RDF, RDFS

from kg.graph.mapping import to_triples
from kg.graph.namespace import KGO, PARTICIPATION_ROLES, SDO, SUBTYPE_CLASSES, relation_predicate, relation_property
from kg.paths import ontology_dir
from kg.vocab import ENTITY_SUBTYPES, relation_types


def _ontology() -> rdflib.Graph:
    return rdflib.Graph().parse(ontology_dir() / "kg.ttl", format="turtle")


def _declared(g):
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.NamedIndividual)
    return {s for k in kinds for s in g.subjects(RDF.type, k)}


def test_every_relation_type_has_a_declared_property():
    g = _ontology()
    properties = set(g.subjects(RDF.type, OWL.ObjectProperty)) | set(g.subjects(RDF.type, OWL.DatatypeProperty))
    for name in relation_types():
        assert relation_property(name) in properties, name
    # the data predicate is the ontology property or a standard one it is declared equivalent to
    assert (relation_property("alias"), OWL.equivalentProperty, relation_predicate("alias")) in g


def test_every_term_has_zh_en_labels_and_a_comment():
    g = _ontology()
    for term in _declared(g):
        if not str(term).startswith(str(KGO._NS)):
            continue
        langs = {label.language for label in g.objects(term, RDFS.label)}
        assert {"zh", "en"} <= langs, term
        assert len(list(g.objects(term, RDFS.comment))) == 1, term


def test_namespace_and_ontology_agree():
    declared = {t for t in _declared(_ontology()) if str(t).startswith(str(KGO._NS))}
    in_python = {KGO[name] for name in KGO.__annotations__}
    assert declared == in_python


def test_classes_align_with_schema_org():
    g = _ontology()
    for cls, parent in [(KGO.Person, SDO.Person), (KGO.Organization, SDO.Organization), (KGO.Place, SDO.Place),
                        (KGO.Event, SDO.Event), (KGO.NewsArticle, SDO.NewsArticle),
                        (KGO.GovernmentOrganization, SDO.GovernmentOrganization), (KGO.Company, SDO.Corporation),
                        (KGO.AdministrativeArea, SDO.AdministrativeArea)]:
        assert (cls, RDFS.subClassOf, parent) in g, cls


def test_every_subtype_has_a_class():
    for entity_type, subtypes in ENTITY_SUBTYPES.items():
        for subtype in subtypes:
            if subtype != "other":
                assert (entity_type, subtype) in SUBTYPE_CLASSES
    assert set(PARTICIPATION_ROLES) == {"attended", "chaired", "spoke_at", "organized"}


def test_data_uses_only_declared_or_standard_terms(corpus):
    declared = _declared(_ontology())
    for triple in to_triples(corpus):
        predicate = rdflib.URIRef(triple.predicate.value)
        if str(predicate).startswith(str(KGO._NS)):
            assert predicate in declared, predicate
        if predicate == RDF.type and triple.object.value.startswith(str(KGO._NS)):
            assert rdflib.URIRef(triple.object.value) in declared
