"""Corpus → RDF triples following ontology/kg.ttl, as sorted, duplicate-free N-Triples lines (or pyoxigraph Triples).

Entities and articles carry both vocabularies: kgo:Person and schema:Person (kgo:NewsArticle and
schema:NewsArticle), skos:prefLabel and schema:name: a triple or two more each, so that schema.org queries need
no entailment. Per resolved relation: one direct triple (e.g. `person kgo:chaired event`) for simple queries, and one
kgo:Fact node (rdf:subject/predicate/object) with exactly two provenance links per source: kgo:evidence
(a sentence node shared by every fact read in that sentence) and prov:wasDerivedFrom (the article).
Positions with a known organisation are also org:Membership nodes (org:member, org:organization, org:role).
Event participations also put the participant's name on the event (kgo:attendeeName, kgo:chairName, ...):
denormalised shortcuts that let `queries/events.rq` list names without joining every participant. Position facts
likewise carry the holder's and the organisation's names (kgo:holderName, kgo:organizationName) for
`queries/people_posts.rq`: each join costs a few microseconds a row in Oxigraph, and that query returns every post.
Output order is fixed (sorted by subject, predicate, object), so the Turtle is byte-identical run to run.
"""

from __future__ import annotations

import dataclasses
import os
from collections import defaultdict
from collections.abc import Iterable, Iterator

from pyoxigraph import NamedNode, RdfFormat, Triple, parse
from rdflib.namespace import DC, DCTERMS, OWL, PROV, RDF, SKOS, XSD

from kg.graph.iris import IriMinter
from kg.graph.namespace import (
    ENTITY_CLASSES,
    KGO,
    ONTOLOGY_IRI,
    ORG,
    PARTICIPANT_NAMES,
    PARTICIPATION_ROLES,
    SCHEMA_CLASSES,
    SDO,
    SUBTYPE_CLASSES,
    relation_predicate,
)
from kg.graph.view import CorpusView, date_kind, split_date
from kg.records import Corpus, Problem, Relation
from kg.vocab import oriented, relation_types

# Terms are plain tuples, (0, iri, "", "") for an IRI and (1, value, datatype, language) for a literal: they hash,
# compare and sort natively in the order the Turtle has always had (IRIs before literals, then by value, datatype,
# language), and a million of them cost a fraction of as many pyoxigraph objects. The graph leaves the mapper as
# sorted N-Triples, which pyoxigraph parses and serializes (to_triples, kg/graph/export.py).
Term = tuple
_NODES: dict[str, Term] = {}
XSD_STRING, LANG_STRING = str(XSD.string), str(RDF.langString)


def N(iri: str) -> Term:
    """The term of an IRI, cached (vocabulary terms repeat in every fact)."""
    node = _NODES.get(iri)
    if node is None:
        node = _NODES[iri] = (0, str(iri), "", "")
    return node


def iri_term(iri: str) -> Term:
    return (0, iri, "", "")


def literal(value: str, datatype: Term | None = None, language: str = "") -> Term:
    if language:
        return (1, value, LANG_STRING, language)
    return (1, value, datatype[1] if datatype is not None else XSD_STRING, "")


A = N(RDF.type)
# Terms of the hot path (one use per fact or evidence), resolved once.
FACT, PARTICIPATION, EVIDENCE = N(KGO.Fact), N(KGO.Participation), N(KGO.Evidence)
SUBJECT, PREDICATE, OBJECT = N(RDF.subject), N(RDF.predicate), N(RDF.object)
HAS_EVIDENCE, DERIVED_FROM, QUOTED_FROM, VALUE = (
    N(KGO.evidence), N(PROV.wasDerivedFrom), N(PROV.wasQuotedFrom), N(PROV.value))
SENTENCE_START, SENTENCE_END, PARTICIPANT_ROLE = N(KGO.sentenceStart), N(KGO.sentenceEnd), N(KGO.participantRole)
XSD_DATE, XSD_GMONTHDAY, XSD_INTEGER, XSD_BOOLEAN = N(XSD.date), N(XSD.gMonthDay), N(XSD.integer), N(XSD.boolean)

# The vocabulary terms GraphMapper writes, resolved once (an rdflib namespace's attribute costs microseconds)
_DCTERMS_format = N(DCTERMS["format"])
_DCTERMS_identifier = N(DCTERMS.identifier)
_DCTERMS_title = N(DCTERMS.title)
_DC_creator = N(DC.creator)
_DC_publisher = N(DC.publisher)
_KGO_Document = N(KGO.Document)
_KGO_Entity = N(KGO.Entity)
_KGO_NewsArticle = N(KGO.NewsArticle)
_KGO_amount = N(KGO.amount)
_KGO_articleKind = N(KGO.articleKind)
_KGO_convertedFromTraditional = N(KGO.convertedFromTraditional)
_KGO_divisionCode = N(KGO.divisionCode)
_KGO_endDate = N(KGO.endDate)
_KGO_eventDate = N(KGO.eventDate)
_KGO_holderName = N(KGO.holderName)
_KGO_mentionCount = N(KGO.mentionCount)
_KGO_organizationName = N(KGO.organizationName)
_KGO_sourceFile = N(KGO.sourceFile)
_ORG_Membership = N(ORG.Membership)
_ORG_Role = N(ORG.Role)
_ORG_member = N(ORG.member)
_ORG_memberOf = N(ORG.memberOf)
_ORG_organization = N(ORG.organization)
_ORG_role = N(ORG.role)
_OWL_Ontology = N(OWL.Ontology)
_OWL_imports = N(OWL.imports)
_SDO_NewsArticle = N(SDO.NewsArticle)
_SDO_alternativeHeadline = N(SDO.alternativeHeadline)
_SDO_author = N(SDO.author)
_SDO_containedInPlace = N(SDO.containedInPlace)
_SDO_datePublished = N(SDO.datePublished)
_SDO_headline = N(SDO.headline)
_SDO_isPartOf = N(SDO.isPartOf)
_SDO_keywords = N(SDO.keywords)
_SDO_mentions = N(SDO.mentions)
_SDO_name = N(SDO.name)
_SDO_position = N(SDO.position)
_SDO_publisher = N(SDO.publisher)
_SDO_url = N(SDO.url)
_SKOS_altLabel = N(SKOS.altLabel)
_SKOS_prefLabel = N(SKOS.prefLabel)


def zh(text: str) -> Term:
    return (1, text, LANG_STRING, "zh")


def integer(value: int) -> Term:
    return (1, str(int(value)), XSD_INTEGER[1], "")


def date_literal(text: str) -> Term | None:
    kind = date_kind(text)
    if kind == "date":
        return literal(text.strip(), XSD_DATE)
    if kind == "gMonthDay":
        return literal(text.strip(), XSD_GMONTHDAY)
    return None


# N-Triples needs only these escaped inside a string; everything else is written as it is (UTF-8)
_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})


def nt_term(term: Term) -> str:
    if term[0] == 0:
        return f"<{term[1]}>"
    text = '"' + term[1].translate(_ESCAPES) + '"'
    if term[3]:
        return f"{text}@{term[3]}"
    return text if term[2] == XSD_STRING else f"{text}^^<{term[2]}>"


def _ignore(_) -> None:
    pass


class TripleBuffer:
    """Collects triples grouped by subject, drops duplicates, returns them in a fixed order: subjects by IRI, then
    (predicate, object) pairs as their terms sort."""

    def __init__(self) -> None:
        self._by_subject: defaultdict[str, dict] = defaultdict(dict)

    def add(self, subject: Term, predicate: Term, obj: Term) -> None:
        self._by_subject[subject[1]][(predicate, obj)] = None  # a million calls: one subscript, no branch

    def __len__(self) -> int:
        return sum(map(len, self._by_subject.values()))

    def ntriples(self) -> list[str]:
        """One N-Triples line per triple, in the graph's order."""
        out: list[str] = []
        for key in sorted(self._by_subject):
            subject = f"<{key}> <"
            # an IRI object (half of them) written inline, not by a call
            out.extend(f"{subject}{p[1]}> <{o[1]}> .\n" if o[0] == 0 else f"{subject}{p[1]}> {nt_term(o)} .\n"
                       for p, o in sorted(self._by_subject[key]))
        return out


class RecordingBuffer(TripleBuffer):
    """A TripleBuffer that also lists the subject of every triple added (kg/graph/splice.py: the subjects a unit
    writes), `touched`, which its user empties."""

    def __init__(self) -> None:
        super().__init__()
        self.touched: list[str] = []

    def add(self, subject: Term, predicate: Term, obj: Term) -> None:
        self._by_subject[subject[1]][(predicate, obj)] = None
        self.touched.append(subject[1])

    def subjects(self) -> set[str]:
        return set(self._by_subject)

    def ntriples_of(self, subjects: Iterable[str]) -> list[str]:
        """The N-Triples lines of these subjects only, in the graph's order."""
        kept = TripleBuffer()
        kept._by_subject.update((s, self._by_subject[s]) for s in subjects if s in self._by_subject)
        return kept.ntriples()


class GraphMapper:
    def __init__(self, corpus: Corpus, base_iri: str | None = None, view: CorpusView | None = None, *,
                 record: bool = False) -> None:
        self.corpus = corpus
        self.view = view or CorpusView.of(corpus)
        self.iris = IriMinter(base_iri)
        self.buffer = RecordingBuffer() if record else TripleBuffer()
        self.add = self.buffer.add  # a million calls: the buffer's own method, not one that calls it
        # a sentence is described by the first fact read in it; a recording mapper counts it as written by every fact
        # that points to it, as each would write it alone
        self.described = self.buffer.touched.append if record else _ignore
        self.problems: list[Problem] = []
        self._articles: dict[str, Term] = {}
        self._entities: dict[str, Term] = {}
        self._org_names: dict[str, str] | None = None
        self._evidence: dict[tuple[str, int, int], Term] = {}

    # ------------------------------------------------------------------ helpers
    def add(self, s, p, o) -> None:
        self.buffer.add(s, p, o)

    def problem(self, reason: str) -> None:
        self.problems.append(Problem(path="graph", reason=reason, severity="warning"))

    def entity_node(self, entity_id: str | None) -> Term | None:
        """The node of a known entity (None for an id not in the corpus)."""
        if not entity_id:
            return None
        node = self._entities.get(entity_id)
        if node is None:
            iri = self.iris.known_entity(entity_id)
            if iri is None:
                return None
            node = self._entities[entity_id] = iri_term(iri)
        return node

    def article_node(self, article_id: str) -> Term:
        node = self._articles.get(article_id)
        if node is None:
            node = self._articles[article_id] = iri_term(self.iris.article(article_id))
        return node

    # ------------------------------------------------------------------ mapping
    def map(self) -> list[str]:
        self.mint_entities()
        for _, kind, item in self.units():
            self.map_unit(kind, item)
        return self.buffer.ntriples()

    def mint_entities(self) -> None:
        for entity in self.view.entities.values():  # mint all entity IRIs first (sorted by id)
            self.iris.entity(entity.id, entity.type)

    def units(self) -> Iterator[tuple[tuple, str, object]]:
        """The graph as units, in mapping order: (unit id, kind, item). Each triple is written by the units that
        state it (an article's block by its document, by the entities it mentions and by the facts it authors), and
        a unit writes the same triples whenever its inputs are the same (kg/graph/splice.py compares them)."""
        yield ("graph",), "graph", None
        for document in sorted(self.corpus.documents, key=lambda d: d.id):
            yield ("doc", document.id), "doc", document
        for entity in self.view.entities.values():
            yield ("entity", entity.id), "entity", entity
        for article_id, nodes in sorted(self._mentioned().items()):
            yield ("mentions", article_id), "mentions", (article_id, nodes)
        for key, relation in zip(self.view.relation_keys, self.view.relations):
            yield ("relation", key), "relation", relation

    def _mentioned(self) -> dict[str, list[Term]]:
        """Per article, the nodes of the entities it mentions (CorpusView.entity_articles turned around): a unit of
        its own, so that an entity named in thousands of articles is not one unit writing into all their blocks."""
        mentioned: dict[str, list[Term]] = defaultdict(list)
        for entity_id, article_ids in self.view.entity_articles.items():
            node = self.entity_node(entity_id)
            for article_id in article_ids:
                mentioned[article_id].append(node)
        return mentioned

    def map_unit(self, kind: str, item) -> None:
        if kind == "relation":
            if item.type not in relation_types():
                self.problem(f"relation type {item.type!r} is not in the vocabulary; skipped")
            else:
                self.map_relation(item)
        elif kind == "entity":
            self.map_entity(item)
        elif kind == "mentions":
            article = self.article_node(item[0])
            for node in item[1]:
                self.add(article, _SDO_mentions, node)
        elif kind == "doc":
            self.map_document(item)
        else:
            self.map_dataset()

    def map_dataset(self) -> None:
        dataset = iri_term(self.iris.dataset())
        self.add(dataset, A, _OWL_Ontology)
        self.add(dataset, _OWL_imports, N(ONTOLOGY_IRI))
        self.add(dataset, _DCTERMS_title, literal("kg knowledge graph", language="en"))

    def map_document(self, document) -> None:
        doc = iri_term(self.iris.document(document.id))
        self.add(doc, A, _KGO_Document)
        self.add(doc, _DCTERMS_identifier, literal(document.id))
        self.add(doc, _DCTERMS_format, literal(document.format))
        if document.path:
            self.add(doc, _KGO_sourceFile, literal(os.path.basename(document.path)))
        if document.converted_from_traditional:
            self.add(doc, _KGO_convertedFromTraditional, literal("true", XSD_BOOLEAN))
        for article in document.articles:
            self.map_article(article, doc)

    def map_article(self, article, doc: Term) -> None:
        art = self.article_node(article.id)
        self.add(art, A, _KGO_NewsArticle)
        self.add(art, A, _SDO_NewsArticle)
        self.add(art, _DCTERMS_identifier, literal(article.id))
        self.add(art, _SDO_headline, zh(article.headline))
        self.add(art, _SDO_isPartOf, doc)
        self.add(art, _SDO_position, integer(article.index))
        self.add(art, _KGO_articleKind, literal(article.kind))
        for extra in (article.kicker, article.deck):
            if extra:
                self.add(art, _SDO_alternativeHeadline, zh(extra))
        if article.date and date_kind(article.date) == "date":
            self.add(art, _SDO_datePublished, literal(article.date, XSD_DATE))
        elif article.date:
            self.problem(f"article {article.id}: date {article.date!r} is not YYYY-MM-DD; left out")
        if article.publisher:
            self.add(art, _DC_publisher, zh(article.publisher))
            publisher = self.org_named(article.publisher)
            if publisher is not None:
                self.add(art, _SDO_publisher, publisher)
        for byline in article.bylines:
            if byline.name:
                self.add(art, _DC_creator, zh(byline.name))
        meta = article.meta or {}
        url = meta.get("url")
        if isinstance(url, str) and url.startswith(("http://", "https://")):
            try:
                self.add(art, _SDO_url, iri_term(NamedNode(url.strip()).value))  # pyoxigraph checks the IRI
            except ValueError:
                self.problem(f"article {article.id}: url {url!r} is not a valid IRI; left out")
        for key in ("categories", "tags"):
            values = meta.get(key)
            for value in [values] if isinstance(values, str) else values or []:
                if isinstance(value, str) and value.strip():
                    self.add(art, _SDO_keywords, zh(value.strip()))

    def org_named(self, name: str) -> Term | None:
        """The node of the organisation a publisher's name names (the first ORG with that name or alias), or None."""
        if self._org_names is None:
            self._org_names = {}
            for entity in self.view.entities.values():
                if entity.type == "ORG":
                    for label in [entity.name, *entity.aliases]:
                        self._org_names.setdefault(label, entity.id)
        return self.entity_node(self._org_names.get(name))

    def map_entity(self, entity) -> None:
        node = self.entity_node(entity.id)
        main = ENTITY_CLASSES.get(entity.type)
        if main is None:
            self.problem(f"entity {entity.id!r}: unknown type {entity.type!r}; typed kgo:Entity only")
            self.add(node, A, _KGO_Entity)
        else:
            self.add(node, A, N(main[0]))
            self.add(node, A, N(SCHEMA_CLASSES[entity.type]))
        subclass = SUBTYPE_CLASSES.get((entity.type, entity.subtype or ""))
        if subclass is not None:
            self.add(node, A, N(subclass))
        self.add(node, _SKOS_prefLabel, zh(entity.name))
        self.add(node, _SDO_name, zh(entity.name))
        for alias in self.view.aliases(entity):
            self.add(node, _SKOS_altLabel, zh(alias))
        self.add(node, _KGO_mentionCount, integer(len(entity.mentions)))
        attrs = entity.attrs or {}
        if attrs.get("division_code"):
            self.add(node, _KGO_divisionCode, literal(str(attrs["division_code"])))
        parent = self.entity_node(attrs.get("parent")) if isinstance(attrs.get("parent"), str) else None
        if parent is not None:
            self.add(node, _SDO_containedInPlace, parent)
        if attrs.get("amount"):
            self.add(node, _KGO_amount, zh(str(attrs["amount"])))
        if attrs.get("date") and entity.type == "EVENT":
            self.map_date(node, str(attrs["date"]), f"entity {entity.id!r}")

    def map_date(self, node: Term, text: str, where: str) -> Term | None:
        start, end = split_date(text)
        if start is None:
            self.problem(f"{where}: date {text!r} is neither YYYY-MM-DD nor --MM-DD; left out")
            return None
        literal = date_literal(start)
        self.add(node, _KGO_eventDate, literal)
        if end:
            self.add(node, _KGO_endDate, date_literal(end))
        return literal

    def map_relation(self, relation: Relation) -> None:
        # A–B and B–A relations (a corpus not built by the resolver) merge into one fact node: queries need not pair them
        subject_id, object_id = oriented(relation.type, relation.subject, relation.object)
        if (subject_id, object_id) != (relation.subject, relation.object):
            relation = dataclasses.replace(relation, subject=subject_id, object=object_id)
        kind = relation_types()[relation.type]  # unknown types were reported and skipped by the caller
        subject = self.entity_node(relation.subject)
        if subject is None:
            self.problem(f"{relation.type} relation: unknown subject {relation.subject!r}; skipped")
            return
        predicate = N(relation_predicate(relation.type))
        attrs = relation.attrs or {}
        org = None
        obj = None
        if relation.object is not None and not kind.literal:
            obj = self.entity_node(relation.object)
            if obj is None:
                self.problem(f"{relation.type} relation: unknown object {relation.object!r}; skipped")
                return
            self.add(subject, predicate, obj)
            if kind.symmetric:
                self.add(obj, predicate, subject)
            if relation.type in PARTICIPANT_NAMES:  # shortcut: the participant's name on the event
                self.add(obj, N(PARTICIPANT_NAMES[relation.type]), zh(self.view.entities[relation.subject].name))
        elif relation.literal is None or not relation.literal.strip():
            self.problem(f"{relation.type} relation of {relation.subject!r} has neither object nor literal; skipped")
            return
        elif relation.type == "event_date":
            obj = self.map_date(subject, relation.literal, f"event_date of {relation.subject!r}")
            if obj is None:
                return
        elif relation.type == "author_of":
            obj = self._authored_article(relation)
            if obj is not None:
                self.add(subject, predicate, obj)
                self.add(obj, _SDO_author, subject)
            else:
                obj = zh(relation.literal)
        else:  # alias, position
            obj = zh(relation.literal)
            self.add(subject, predicate, obj)
            if relation.type == "position":
                # the organisation normally sits in attrs["org"]; accept it as the object too
                org = self.view.org_of(relation) or (relation.object if relation.object in self.view.entities else None)
                wanted = attrs.get("org") or relation.object
                if wanted and org is None:
                    self.problem(f"position of {relation.subject!r}: unknown org {wanted!r}; title kept without it")

        org_node = self.entity_node(org) if org is not None else None
        fact = iri_term(self.iris.fact(
            relation.type,
            subject[1],
            obj[1] if obj[0] == 0 else None,
            obj[1] if obj[0] == 1 else None,
            org_node[1] if org_node is not None else None,
        ))
        self.add(fact, A, FACT)
        self.add(fact, SUBJECT, subject)
        self.add(fact, PREDICATE, predicate)
        self.add(fact, OBJECT, obj)
        if relation.type in PARTICIPATION_ROLES:
            self.add(fact, A, PARTICIPATION)
            self.add(fact, PARTICIPANT_ROLE, N(PARTICIPATION_ROLES[relation.type]))
        if relation.type == "position":
            self.add(fact, _KGO_holderName, zh(self.view.entities[relation.subject].name))
        if org_node is not None:
            self.add(fact, _KGO_organizationName, zh(self.view.entities[org].name))
            role = iri_term(self.iris.role(relation.literal))
            self.add(fact, A, _ORG_Membership)
            self.add(fact, _ORG_member, subject)
            self.add(fact, _ORG_organization, org_node)
            self.add(fact, _ORG_role, role)
            self.add(role, A, _ORG_Role)
            self.add(role, _SKOS_prefLabel, zh(relation.literal))
            self.add(subject, _ORG_memberOf, org_node)
        if attrs.get("amount"):
            self.add(fact, _KGO_amount, zh(str(attrs["amount"])))
        for evidence in relation.evidence:
            self.map_evidence(fact, evidence)

    def _authored_article(self, relation: Relation) -> Term | None:
        article_ids = sorted({ev.article_id for ev in relation.evidence if ev.article_id in self.view.articles})
        for article_id in article_ids:
            if self.view.articles[article_id].headline == relation.literal:
                return self.article_node(article_id)
        return self.article_node(article_ids[0]) if article_ids else None

    def map_evidence(self, fact: Term, evidence) -> None:
        article = self.article_node(evidence.article_id)
        key = (evidence.article_id, evidence.sentence_start, evidence.sentence_end)
        node = self._evidence.get(key)
        if node is None:  # first fact read in this sentence: describe the sentence once
            if evidence.article_id not in self.view.articles:
                self.problem(f"evidence points to unknown article {evidence.article_id!r}")
            node = self._evidence[key] = iri_term(self.iris.evidence(*key))
            self.add(node, A, EVIDENCE)
            self.add(node, VALUE, zh(evidence.sentence or ""))
            self.add(node, SENTENCE_START, integer(evidence.sentence_start))
            self.add(node, SENTENCE_END, integer(evidence.sentence_end))
            self.add(node, QUOTED_FROM, article)
        else:  # described by an earlier fact
            self.described(node[1])
        self.add(fact, HAS_EVIDENCE, node)
        self.add(fact, DERIVED_FROM, article)


def to_ntriples(corpus: Corpus, base_iri: str | None = None, problems: list[Problem] | None = None,
                view: CorpusView | None = None) -> list[str]:
    """The RDF graph of a corpus as sorted N-Triples lines. Mapping problems are appended to `problems`; `view`:
    the corpus's CorpusView when the caller has it already (seconds on a large corpus)."""
    mapper = GraphMapper(corpus, base_iri, view)
    lines = mapper.map()
    if problems is not None:
        seen = {(p.path, p.reason) for p in problems}
        for problem in mapper.problems:
            if (problem.path, problem.reason) not in seen:
                seen.add((problem.path, problem.reason))
                problems.append(problem)
    return lines


def parse_ntriples(lines: list[str]):
    """The triples of `to_ntriples`'s lines, in their order (pyoxigraph Quads of the default graph)."""
    return parse("".join(lines).encode("utf-8"), format=RdfFormat.N_TRIPLES)


def to_triples(corpus: Corpus, base_iri: str | None = None, problems: list[Problem] | None = None) -> list[Triple]:
    """The RDF graph of a corpus as sorted pyoxigraph Triples. Mapping problems are appended to `problems`."""
    return [quad.triple for quad in parse_ntriples(to_ntriples(corpus, base_iri, problems))]


def to_rdflib(triples: Iterable[Triple]):
    """The same triples as an rdflib Graph (for pyshacl and rdflib users)."""
    import rdflib

    from kg.graph.namespace import PREFIXES

    graph = rdflib.Graph()
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    graph.parse(data=_nt(triples), format="nt")
    return graph


def _nt(triples: Iterable[Triple]) -> str:
    from pyoxigraph import RdfFormat, serialize

    return serialize(triples, format=RdfFormat.N_TRIPLES).decode("utf-8")
