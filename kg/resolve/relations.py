"""Resolution's last stages: relation mentions → relations between entities (merged by type, subject, object and
literal, their evidence in corpus order), then the relations resolution adds itself: an alias per written short form,
located_in from nested place names and from a body's name, attended from chaired and spoke_at, and the titles of a
person from their posts.

Each piece is kept in a form an update can reuse: an article's relation mentions by the cluster keys of their ends
(`contributions`), an entity's alias choices and an article's located_in derivations by the spans of their evidence.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable

from kg.records import ArticleExtraction, Entity, Evidence, Relation
from kg.resolve.keys import Key
from kg.vocab import oriented

NO_ORG = 0  # a relation mention without attrs["org"] (None: one whose org has no cluster)
# an article's relation mention by the keys of its ends: (its index, subject key, object key or None, org)
Contribution = tuple[int, Key, Key | None, object]


def contributions(ex: ArticleExtraction, keys: Iterable[tuple[int, Key]]) -> list[Contribution]:
    """The relation mentions of an article whose ends have clusters (`keys`: the article's mentions' keys), by
    those keys: the others never become relations."""
    key_of = {ex.mentions[index].id: key for index, key in keys}
    found = []
    for n, rm in enumerate(ex.relations):
        subject = key_of.get(rm.subject)
        obj = key_of.get(rm.object) if rm.object is not None else None
        if subject is None or (rm.object is not None and obj is None):
            continue
        org = NO_ORG
        if "org" in rm.attrs:
            org = key_of.get(rm.attrs["org"]) if rm.attrs["org"] is not None else None
        found.append((n, subject, obj, org))
    return found


def read_relations(extractions: list[ArticleExtraction], contributions_of: Callable[[str], list[Contribution]],
                   entity_for: Callable[[Key, str], str | None]) -> dict[tuple, Relation]:
    """The relations the articles read, in the order first read; `entity_for(key, document)`: the entity id of a
    mention of cluster `key` in `document`."""
    relations: dict[tuple, Relation] = {}
    for ex in extractions:
        document = ex.article.document_id
        for n, sk, ok, org in contributions_of(ex.article.id):
            rm = ex.relations[n]
            subject = entity_for(sk, document)
            obj = entity_for(ok, document) if ok is not None else None
            if subject is None or (rm.object is not None and obj is None) or subject == obj:
                continue
            attrs = dict(rm.attrs)
            if org is not NO_ORG:
                attrs["org"] = entity_for(org, document) if org is not None else None
            subject, obj = oriented(rm.type, subject, obj)
            key = (rm.type, subject, obj, rm.literal)
            rel = relations.get(key)
            if rel is None:
                rel = relations[key] = Relation(type=rm.type, subject=subject, object=obj, literal=rm.literal,
                                                attrs=attrs)
            else:
                for k2, v in attrs.items():
                    rel.attrs.setdefault(k2, v)
            rel.evidence.append(rm.evidence)
    return relations


# --------------------------------------------------------------------------- aliases


def alias_choices(entity: Entity) -> list[tuple]:
    """Per alias the text writes, where it is first written: (alias, article id, start, end) of the mention (for
    forms the text writes: not a body a title implies (市长 → 市政府), which is our reading, not the text's)."""
    from kg.resolve.resolver import _surface, _written_short_name

    if not entity.aliases:
        return []
    forms = [(m, form) for m in entity.mentions if not m.attrs.get("implied_by_title")
             for form in (m.normalized or m.text, _surface(m), _written_short_name(m)) if form]
    written = {form for _, form in forms}
    choices = []
    for alias in entity.aliases:
        if alias not in written:
            continue  # 湖南省药监局 is our qualification of 省药监局, not a form the text uses
        m = next((m for m, form in forms if form == alias and m.end > m.start), None)
        if m is not None:
            choices.append((alias, m.article_id, m.start, m.end))
    return choices


def add_aliases(relations: dict, entity_id: str, choices: list[tuple], extraction_of: dict) -> None:
    for alias, article_id, start, end in choices:
        key = ("alias", entity_id, None, alias)
        if key not in relations:
            evidence = evidence_at(extraction_of.get(article_id), start, end, "resolve:alias")
            if evidence is not None:  # every relation shows where it was read
                relations[key] = Relation(type="alias", subject=entity_id, object=None, literal=alias,
                                          evidence=[evidence])


def evidence_at(ex: ArticleExtraction | None, start: int, end: int, rule: str) -> Evidence | None:
    """The sentence(s) around the span start–end of an article (resolver._sentence_evidence), or None."""
    if ex is None:
        return None
    covering = [(s, e) for s, e in ex.sentences if s < end and start < e]
    if not covering:
        return None
    s, e = covering[0][0], max(covering[-1][1], end)
    return Evidence(article_id=ex.article.id, sentence=ex.article.text[s:e], sentence_start=s, sentence_end=e,
                    start=start, end=end, rule=rule)


# --------------------------------------------------------------------------- places


def place_pairs(entities: Iterable[Entity], articles: set[str] | None = None) -> dict[str, list]:
    """Per article (of `articles`, or all), its (mention, entity) pairs of written mentions, in entity order."""
    pairs_of: dict[str, list] = defaultdict(list)
    for e in entities:
        for m in e.mentions:
            if m.end > m.start and (articles is None or m.article_id in articles):
                pairs_of[m.article_id].append((m, e))
    return pairs_of


def world() -> tuple:
    """What place_derivations reads of the world: the division table, the gazetteer's places and their parents."""
    from kg.extract import lexicon as lx
    from kg.extract.places import divisions

    return divisions(), lx.world_place_names(), {name: parent for name, _, _, parent in lx.world_places() if parent}


def place_derivations(pairs: list, ex: ArticleExtraction, known: tuple) -> list[tuple]:
    """What one article says of where its places and bodies are, as a reader takes it: a place written right after
    a place that encloses it (四川省绵阳市游仙区: 游仙区 → 绵阳市, by the division table or the gazetteer), and a body
    whose written name opens with a place the article names (株洲市商务局 → 株洲市, 绵阳日报 → 绵阳市; not 市委 read as
    株洲市委). Each (type, subject id, object id, rule, start, end of the subject's first mention in the article);
    `known`: world()."""
    from kg.extract import lexicon as lx
    from kg.resolve.resolver import _encloses, _leading_place

    table, world_names, parents = known
    ending_at = defaultdict(list)
    for m, e in pairs:
        if e.type == "LOC":
            ending_at[m.end].append(e)
    found: list[tuple] = []
    forms = None
    for m, e in pairs:
        if e.type == "LOC":
            before = [p for p in ending_at.get(m.start, []) if _encloses(p, e, table, world_names, parents)]
            if before:
                _derive(found, e, before[0], ex, "resolve:nested_place")
        elif e.type == "ORG" and (e.subtype not in ("company", "finance", "media")
                                  or e.name.endswith(lx.place_institution_suffixes())):
            # a firm's name opens with the region it was registered in (行政区划 + 字号 + 行业 + 组织形式), which says
            # nothing of where it is: 湖南中伟新能源科技有限公司 works in 宁乡, not "in 湖南"; an outlet's name (株洲日报,
            # 合肥发布) is its audience, not a statement of where it sits — but a county's media centre (炎陵县融媒体中心)
            # is an institution of that county (data/place_institution_suffixes.txt)
            if forms is None:  # the article's place names, longest first, by their first character
                forms = _place_forms(pairs)
            home = _leading_place(m.text.replace(" ", ""), forms)
            if home is not None and home.subtype != "country":  # 中国足球协会 is named for its country, not in it
                _derive(found, e, home, ex, "resolve:named_after_place")
    return found


def _place_forms(pairs: list) -> dict:
    forms = defaultdict(list)
    for (form, _), p in sorted({(form, p.id): p for _, p in pairs if p.type == "LOC"
                                for form in {p.name, *p.aliases} if len(form) >= 2}.items(),
                               key=lambda kv: (-len(kv[0][0]), kv[0])):
        forms[form[0]].append((form, p))
    return forms


def _derive(found: list, subject: Entity, obj: Entity, ex: ArticleExtraction, rule: str) -> None:
    """A relation the text implies through world knowledge (the division table, a body's name), to be shown with the
    sentence where the subject is named."""
    if subject.id == obj.id:
        return
    m = next((m for m in subject.mentions if m.article_id == ex.article.id and m.end > m.start), None)
    if m is not None:
        found.append(("located_in", subject.id, obj.id, rule, m.start, m.end))


def add_places(relations: dict, derivations: dict[str, list[tuple]], extraction_of: dict) -> None:
    """The located_in relations of the derivations, each shown by the first article (by id) that supports it with a
    sentence, unless the articles read it themselves."""
    for article_id in sorted(derivations):
        for type_, subject, obj, rule, start, end in derivations[article_id]:
            key = (type_, subject, obj, None)
            if key not in relations:
                evidence = evidence_at(extraction_of.get(article_id), start, end, rule)
                if evidence is not None:
                    relations[key] = Relation(type=type_, subject=subject, object=obj, evidence=[evidence])


# --------------------------------------------------------------------------- the rest


def add_presence(relations: dict) -> None:
    """Whoever chaired or spoke at an event attended it (the gold guidelines' reading): attended, with the same
    evidence."""
    for (type_, subject, obj, _), rel in list(relations.items()):
        if type_ in ("chaired", "spoke_at") and obj is not None and ("attended", subject, obj, None) not in relations:
            evidence = [Evidence(**{**vars(ev), "rule": f"resolve:attended_by_{type_}"}) for ev in rel.evidence[:1]]
            relations[("attended", subject, obj, None)] = Relation(type="attended", subject=subject, object=obj,
                                                                 evidence=evidence)


def add_titles(relations: dict, by_entity: dict[str, Entity]) -> None:
    """A person's titles from their posts (for viewers and queries), in the order first read."""
    for rel in relations.values():
        if rel.type == "position" and rel.subject in by_entity:
            titles = by_entity[rel.subject].attrs.setdefault("titles", [])
            if rel.literal not in titles:
                titles.append(rel.literal)


def ordered(relations: dict) -> list[Relation]:
    return sorted(relations.values(), key=lambda r: (r.type, r.subject, r.object or "", r.literal or ""))
