import dataclasses
from collections import Counter

import pytest
from pyoxigraph import DefaultGraph, NamedNode, Quad, Store

from kg.graph.mapping import to_rdflib, to_triples
from kg.graph.namespace import PREFIXES
from kg.records import Corpus, Relation

BASE = "https://kg.example.org/"
CAO = NamedNode(BASE + "person/曹慧泉")
EVENT = NamedNode(BASE + "event/株洲市轨道交通产业推进大会")


def _store(triples) -> Store:
    store = Store()
    store.extend(Quad(t.subject, t.predicate, t.object, DefaultGraph()) for t in triples)
    return store


def _ask(store, query) -> bool:
    return bool(store.query("ASK { " + query + " }", prefixes=PREFIXES))


def _select(store, query):
    return [[t.value if t is not None else None for t in row] for row in store.query(query, prefixes=PREFIXES)]


@pytest.fixture
def store(corpus):
    return _store(to_triples(corpus))


def test_entities(store):
    assert _ask(store, f'{CAO} a kgo:Person, kgo:Official ; skos:prefLabel "曹慧泉"@zh ; kgo:mentionCount 1')
    # schema.org types and names too: a schema.org query needs no entailment
    assert _ask(store, f'{CAO} a schema:Person ; schema:name "曹慧泉"@zh')
    assert _ask(store, '?o a schema:Organization ; schema:name "中车株洲电力机车研究所有限公司"@zh')
    assert _ask(store, '?p a schema:Place ; schema:name "石峰区"@zh')
    assert _ask(store, '?a a kgo:NewsArticle, schema:NewsArticle ; schema:headline ?h')
    assert _ask(store, '?o skos:prefLabel "中车株洲电力机车研究所有限公司"@zh ; skos:altLabel "中车株洲所"@zh ; '
                       'a kgo:Company')
    assert _ask(store, '?p skos:prefLabel "石峰区"@zh ; kgo:divisionCode "430204" ; '
                       'schema:containedInPlace/skos:prefLabel "株洲市"@zh ; a kgo:AdministrativeArea')
    assert _ask(store, f'{EVENT} kgo:eventDate "2023-05-09"^^xsd:date')
    assert _ask(store, '?p a kgo:Project ; kgo:amount "10亿元"@zh')


def test_articles_and_documents(store):
    assert _ask(store, '?a a kgo:NewsArticle ; schema:headline "株洲市轨道交通产业推进大会召开"@zh ; '
                       'schema:datePublished "2023-05-09"^^xsd:date ; dc:publisher "株洲日报"@zh ; '
                       'schema:isPartOf/kgo:sourceFile "doc1.txt" ; schema:mentions ' + str(CAO))
    assert _ask(store, '?a schema:url <https://www.zhuzhou.gov.cn/news/1.html> ; schema:keywords "要闻"@zh')
    assert len(_select(store, "SELECT ?u WHERE { ?a schema:url ?u }")) == 1  # the hostile url is left out
    # author_of links the journalist to the article itself
    assert _ask(store, '?p skos:prefLabel "胡文洁"@zh ; kgo:authorOf ?a . ?a schema:author ?p ; '
                       'schema:headline "株洲市轨道交通产业推进大会召开"@zh')


def test_direct_triples_and_facts(store):
    assert _ask(store, f"{CAO} kgo:spokeAt {EVENT} ; kgo:attended {EVENT}")
    assert _ask(store, f'?f a kgo:Fact, kgo:Participation ; rdf:subject {CAO} ; rdf:predicate kgo:spokeAt ; '
                       f'rdf:object {EVENT} ; kgo:participantRole kgo:Speaker')
    assert _ask(store, f'?f kgo:participantRole kgo:Chair ; rdf:object {EVENT}')
    # symmetric: both directions as direct triples, one fact
    assert _ask(store, '?a kgo:cooperatesWith ?b . ?b kgo:cooperatesWith ?a')
    assert len(_select(store, "SELECT ?f WHERE { ?f rdf:predicate kgo:cooperatesWith }")) == 1


def test_participant_names_are_shortcuts_on_the_event(store, hostile):
    assert _ask(store, f'{EVENT} kgo:chairName "阳卫国"@zh ; kgo:speakerName "曹慧泉"@zh ; '
                       'kgo:organizerName "株洲市人民政府"@zh')
    attendees = {r[0] for r in _select(store, f"SELECT ?n WHERE {{ {EVENT} kgo:attendeeName ?n }}")}
    assert attendees == {"曹慧泉", "李东林", hostile}
    # each shortcut repeats exactly one participation triple and the participant's label
    for role, name in [("attended", "attendeeName"), ("chaired", "chairName"), ("spokeAt", "speakerName"),
                       ("organized", "organizerName")]:
        joined = _select(store, f"SELECT DISTINCT ?e ?n WHERE {{ ?x kgo:{role} ?e ; skos:prefLabel ?n }} "
                                "ORDER BY ?e ?n")
        short = _select(store, f"SELECT ?e ?n WHERE {{ ?e kgo:{name} ?n }} ORDER BY ?e ?n")
        assert joined == short, role


def test_positions_become_memberships_when_the_org_is_known(store):
    assert _ask(store, f'{CAO} kgo:holdsPosition "市委书记"@zh ; org:memberOf/skos:prefLabel "株洲市委"@zh')
    assert _ask(store, f'?m a org:Membership, kgo:Fact ; org:member {CAO} ; '
                       'org:organization/skos:prefLabel "株洲市委"@zh ; org:role/skos:prefLabel "市委书记"@zh')
    rows = _select(store, "SELECT ?m WHERE { ?m a org:Membership }")
    assert len(rows) == 2  # 市长 阳卫国 has no organisation: a fact, but no membership
    assert _ask(store, '?f rdf:predicate kgo:holdsPosition ; rdf:object "市长"@zh')


def test_provenance_is_two_triples_per_source_and_shared(corpus, store):
    facts = _select(store, "SELECT ?f WHERE { ?f a kgo:Fact }")
    assert len(facts) == len(corpus.relations)
    per_fact = _select(store, """SELECT ?f (COUNT(*) AS ?n) WHERE {
        ?f a kgo:Fact . { ?f kgo:evidence ?x } UNION { ?f prov:wasDerivedFrom ?x } } GROUP BY ?f""")
    assert all(int(n) == 2 for _, n in per_fact)
    # 曹慧泉 attended + spoke_at + position are read from one sentence: one shared evidence node
    shared = _select(store, """SELECT ?ev (COUNT(?f) AS ?n) WHERE { ?f kgo:evidence ?ev ;
        rdf:subject <https://kg.example.org/person/曹慧泉> } GROUP BY ?ev""")
    assert shared and int(shared[0][1]) == 3
    assert _ask(store, '?ev a kgo:Evidence ; prov:value "市长阳卫国主持会议。"@zh ; kgo:sentenceStart 43 ; '
                       'kgo:sentenceEnd 53 ; prov:wasQuotedFrom/dcterms:identifier "doc1-a0"')


def test_problems_are_reported_and_the_rest_still_maps(corpus):
    ev = corpus.relations[0].evidence
    corpus.relations += [
        Relation("visited", "per/曹慧泉", "org/nowhere", evidence=ev),
        Relation("visited", "per/nobody", "org/株洲市委", evidence=ev),
        Relation("no_such_type", "per/曹慧泉", "org/株洲市委", evidence=ev),
        Relation("event_date", "event/株洲市轨道交通产业推进大会", None, literal="五月九日", evidence=ev),
        Relation("alias", "per/曹慧泉", None, literal=None, evidence=ev),
        Relation("position", "per/曹慧泉", None, literal="组长", attrs={"org": "org/ghost", "x": {1, 2}}, evidence=ev),
    ]
    corpus.entity("event/株洲市轨道交通产业推进大会").attrs["date"] = "2023-02-30"
    problems = []
    triples = to_triples(corpus, problems=problems)
    reasons = " | ".join(p.reason for p in problems)
    for needle in ["org/nowhere", "per/nobody", "no_such_type", "五月九日", "neither object nor literal",
                   "2023-02-30", "unknown org 'org/ghost'"]:
        assert needle in reasons
    # only the event's own date is lost (the event_date relation still gives it); 组长 is kept, without org
    store = _store(triples)
    assert _ask(store, f'{CAO} kgo:holdsPosition "组长"@zh')
    assert not _ask(store, '?m a org:Membership ; org:role/skos:prefLabel "组长"@zh')


def test_hostile_strings_round_trip_through_rdflib(corpus, hostile):
    triples = to_triples(corpus)
    graph = to_rdflib(triples)
    assert len(graph) == len(triples)
    labels = {str(o) for o in graph.objects() if hasattr(o, "language") and o.language == "zh"}
    assert hostile in labels


def test_dates(corpus):
    corpus.entity("event/株洲市轨道交通产业推进大会").attrs["date"] = "--05-09"
    store = _store(to_triples(corpus))
    assert _ask(store, f'{EVENT} kgo:eventDate "--05-09"^^xsd:gMonthDay')
    corpus.entity("event/株洲市轨道交通产业推进大会").attrs["date"] = "2023-05-09/2023-05-11"
    corpus.relations = [r for r in corpus.relations if r.type != "event_date"]
    store = _store(to_triples(corpus))
    assert _ask(store, f'{EVENT} kgo:eventDate "2023-05-09"^^xsd:date ; kgo:endDate "2023-05-11"^^xsd:date')


def test_empty_corpus_has_only_the_dataset_header():
    triples = to_triples(Corpus())
    assert Counter(t.subject.value for t in triples) == {BASE + "graph": 3}


def test_custom_base(corpus):
    triples = to_triples(corpus, "http://example.com/kg/")
    subjects = {t.subject.value for t in triples}
    assert all(s.startswith("http://example.com/kg/") for s in subjects)


def test_position_with_the_org_as_object(corpus):
    for relation in corpus.relations:
        if relation.type == "position" and relation.subject == "per/曹慧泉":
            relation.object, relation.attrs = "org/株洲市委", {}
    store = _store(to_triples(corpus))
    assert _ask(store, f'{CAO} kgo:holdsPosition "市委书记"@zh ; org:memberOf/skos:prefLabel "株洲市委"@zh')
    assert not _ask(store, f"{CAO} kgo:holdsPosition ?org FILTER(isIRI(?org))")
    from kg.graph.flat import relation_records

    post = next(r for r in relation_records(corpus) if r["type"] == "position" and r["subject"] == "per/曹慧泉")
    assert post["object"] == "市委书记" and post["org"] == "org/株洲市委"


def test_symmetric_relations_give_one_fact_per_pair_either_way(corpus):
    """A–B and B–A (a corpus not oriented by the resolver) map to one fact, subject the lesser id, both sources."""
    forward = next(r for r in corpus.relations if r.type == "cooperates_with")
    evidence = dataclasses.replace(forward.evidence[0], sentence_start=forward.evidence[0].sentence_start + 100,
                                   sentence_end=forward.evidence[0].sentence_end + 100)
    backward = Relation("cooperates_with", forward.object, forward.subject, evidence=[evidence])
    corpus.relations.append(backward)
    store = _store(to_triples(corpus))
    rows = _select(store, "SELECT ?s ?o (COUNT(?e) AS ?n) WHERE { ?f rdf:predicate kgo:cooperatesWith ; "
                          "rdf:subject/skos:prefLabel ?s ; rdf:object/skos:prefLabel ?o ; kgo:evidence ?e } "
                          "GROUP BY ?s ?o")
    lesser, greater = (corpus.entity(i).name for i in sorted((forward.subject, forward.object)))
    assert rows == [[lesser, greater, "2"]]
