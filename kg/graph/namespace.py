"""The project's own vocabulary (ontology/kg.ttl) as an rdflib DefinedNamespace, plus the reused ones.

Every term used in data must be declared here, so a typo fails at import time, not in a query.
"""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DC, DCTERMS, FOAF, OWL, PROV, RDF, RDFS, SKOS, XSD, DefinedNamespace

ONTOLOGY_IRI = "https://kg.example.org/ontology"
DEFAULT_BASE_IRI = "https://kg.example.org/"

SDO = Namespace("https://schema.org/")
ORG = Namespace("http://www.w3.org/ns/org#")
SH = Namespace("http://www.w3.org/ns/shacl#")


class KGO(DefinedNamespace):
    """kg ontology: https://kg.example.org/ontology#"""

    _NS = Namespace(ONTOLOGY_IRI + "#")
    _fail = True

    # classes: entities
    Entity: URIRef
    Person: URIRef
    Organization: URIRef
    Place: URIRef
    Event: URIRef
    Project: URIRef
    # entity subtypes (gold-format subtypes, see kg/vocab.py)
    Official: URIRef
    Executive: URIRef
    Academic: URIRef
    Journalist: URIRef
    Company: URIRef
    GovernmentOrganization: URIRef
    PartyOrganization: URIRef
    EducationalOrganization: URIRef
    ResearchOrganization: URIRef
    Association: URIRef
    MediaOrganization: URIRef
    FinancialOrganization: URIRef
    Country: URIRef
    AdministrativeArea: URIRef
    Zone: URIRef
    Facility: URIRef
    Region: URIRef
    Road: URIRef
    # classes: sources and provenance
    NewsArticle: URIRef
    Document: URIRef
    Evidence: URIRef
    Fact: URIRef
    Participation: URIRef
    ParticipantRole: URIRef
    # participant roles (named individuals)
    Attendee: URIRef
    Chair: URIRef
    Speaker: URIRef
    Organizer: URIRef
    # relation properties (kg/data/relation_types.csv `property` column)
    altLabel: URIRef
    holdsPosition: URIRef
    affiliatedWith: URIRef
    participatedIn: URIRef
    attended: URIRef
    chaired: URIRef
    spokeAt: URIRef
    organized: URIRef
    eventDate: URIRef
    eventLocation: URIRef
    cooperatesWith: URIRef
    locatedIn: URIRef
    visited: URIRef
    partOf: URIRef
    investsIn: URIRef
    authorOf: URIRef
    # other properties
    participantRole: URIRef
    evidence: URIRef
    sentenceStart: URIRef
    sentenceEnd: URIRef
    divisionCode: URIRef
    endDate: URIRef
    amount: URIRef
    mentionCount: URIRef
    articleKind: URIRef
    sourceFile: URIRef
    convertedFromTraditional: URIRef
    # query shortcuts (denormalised, written by the mapping next to the triples they repeat)
    attendeeName: URIRef
    chairName: URIRef
    speakerName: URIRef
    organizerName: URIRef
    holderName: URIRef
    organizationName: URIRef


PREFIXES: dict[str, str] = {
    "kgo": str(KGO._NS),
    "schema": str(SDO),
    "org": str(ORG),
    "skos": str(SKOS),
    "prov": str(PROV),
    "dcterms": str(DCTERMS),
    "dc": str(DC),
    "foaf": str(FOAF),
    "owl": str(OWL),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "xsd": str(XSD),
}

# Entity type → (main class, IRI path segment).
ENTITY_CLASSES: dict[str, tuple[URIRef, str]] = {
    "PER": (KGO.Person, "person"),
    "ORG": (KGO.Organization, "org"),
    "LOC": (KGO.Place, "place"),
    "EVENT": (KGO.Event, "event"),
    "PROJECT": (KGO.Project, "project"),
}

# Entity type → the schema.org class also written on each entity (with schema:name next to skos:prefLabel), so
# that a query in schema.org terms (`?p a schema:Person ; schema:name ?n`) answers without RDFS entailment.
SCHEMA_CLASSES: dict[str, URIRef] = {
    "PER": SDO.Person,
    "ORG": SDO.Organization,
    "LOC": SDO.Place,
    "EVENT": SDO.Event,
    "PROJECT": SDO.Project,
}

# (type, gold-format subtype) → subclass; "other" subtypes get the main class only.
SUBTYPE_CLASSES: dict[tuple[str, str], URIRef] = {
    ("PER", "official"): KGO.Official,
    ("PER", "executive"): KGO.Executive,
    ("PER", "academic"): KGO.Academic,
    ("PER", "journalist"): KGO.Journalist,
    ("ORG", "company"): KGO.Company,
    ("ORG", "government"): KGO.GovernmentOrganization,
    ("ORG", "party"): KGO.PartyOrganization,
    ("ORG", "education"): KGO.EducationalOrganization,
    ("ORG", "research"): KGO.ResearchOrganization,
    ("ORG", "association"): KGO.Association,
    ("ORG", "media"): KGO.MediaOrganization,
    ("ORG", "finance"): KGO.FinancialOrganization,
    ("LOC", "country"): KGO.Country,
    ("LOC", "admin"): KGO.AdministrativeArea,
    ("LOC", "zone"): KGO.Zone,
    ("LOC", "facility"): KGO.Facility,
    ("LOC", "region"): KGO.Region,
    ("LOC", "road"): KGO.Road,
}

# Event participation relation types → the role the participant played.
PARTICIPATION_ROLES: dict[str, URIRef] = {
    "attended": KGO.Attendee,
    "chaired": KGO.Chair,
    "spoke_at": KGO.Speaker,
    "organized": KGO.Organizer,
}

# Event participation relation types → the shortcut property that puts the participant's preferred label on
# the event itself (so that listing an event's participants by name needs no join with the participants).
PARTICIPANT_NAMES: dict[str, URIRef] = {
    "attended": KGO.attendeeName,
    "chaired": KGO.chairName,
    "spoke_at": KGO.speakerName,
    "organized": KGO.organizerName,
}

# Relation types whose data predicate is a standard term the ontology declares equivalent to its own.
_STANDARD_PREDICATES: dict[str, URIRef] = {"alias": SKOS.altLabel}


def relation_property(relation_type: str) -> URIRef:
    """The ontology property declared for a gold-format relation type (kg/data/relation_types.csv)."""
    from kg.vocab import relation_types

    return KGO[relation_types()[relation_type].property]


def relation_predicate(relation_type: str) -> URIRef:
    """The predicate written in data for a relation type: the standard term where the ontology aligns to one."""
    return _STANDARD_PREDICATES.get(relation_type) or relation_property(relation_type)
