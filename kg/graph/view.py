"""Read-only helpers over a Corpus shared by the RDF mapping, the networkx graph and the flat JSONL.

They fix the order of everything (sorted by stable keys), so every export is deterministic.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date as _date

from kg.records import Article, Corpus, Entity, Evidence, Relation

_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_MONTH_DAY = re.compile(r"^--(\d{2})-(\d{2})$")
_RANGE = re.compile(r"^\s*(\S+?)\s*(?:/|至|~|—|--(?=\d{4}))\s*(\S+)\s*$")


# json.dumps with options builds a JSONEncoder per call; the exports call it ~400k times on 10 M chars of news
_TO_JSON = json.JSONEncoder(ensure_ascii=False, sort_keys=True, default=str).encode


def to_json(value) -> str:
    """The contract's JSON for list/dict attribute values (json.dumps(value, ensure_ascii=False, sort_keys=True,
    default=str))."""
    return _TO_JSON(value)


def date_kind(text: str | None) -> str | None:
    """"date" (YYYY-MM-DD), "gMonthDay" (--MM-DD) or None when the text is not a valid date."""
    if not text:
        return None
    text = text.strip()
    if match := _DATE.match(text):
        try:
            _date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            return None
        return "date"
    if match := _MONTH_DAY.match(text):
        try:
            _date(2000, int(match[1]), int(match[2]))  # a leap year, so --02-29 is valid
        except ValueError:
            return None
        return "gMonthDay"
    return None


def split_date(text: str | None) -> tuple[str | None, str | None]:
    """(start, end) of a date or a date range ("2020-05-09/2020-05-11"); invalid parts are None."""
    if not text:
        return None, None
    text = text.strip()
    if date_kind(text):
        return text, None
    if match := _RANGE.match(text):
        start, end = match[1], match[2]
        return (start if date_kind(start) else None), (end if date_kind(end) else None)
    return None, None


def relation_key(relation: Relation) -> tuple:
    return (
        relation.type,
        relation.subject,
        relation.object or "",
        relation.literal or "",
        to_json(relation.attrs or {}),
    )


def evidence_quote(evidence: Evidence, limit: int = 60) -> str:
    """The text of the evidence span (a short quote as in the gold files), else the sentence start."""
    offset = evidence.sentence_start
    sentence = evidence.sentence or ""
    if offset <= evidence.start < evidence.end <= offset + len(sentence):
        quote = sentence[evidence.start - offset : evidence.end - offset]
    else:
        quote = sentence
    return quote[:limit]


@dataclass
class CorpusView:
    corpus: Corpus
    articles: dict[str, Article] = field(default_factory=dict)
    entities: dict[str, Entity] = field(default_factory=dict)
    relations: list[Relation] = field(default_factory=list)  # sorted
    relation_keys: list[tuple] = field(default_factory=list)  # relation_key of each, in the same order
    entity_articles: dict[str, list[str]] = field(default_factory=dict)  # entity id → sorted article ids
    by_subject: dict[str, list[Relation]] = field(default_factory=dict)  # sorted relations per subject id
    _evidence_dicts: dict[int, tuple[Relation, list[dict]]] = field(default_factory=dict, repr=False, compare=False)
    _aliases: dict[int, tuple[Entity, list[str]]] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def of(cls, corpus: Corpus) -> "CorpusView":
        view = cls(corpus)
        view.articles = {a.id: a for a in corpus.articles}
        view.entities = {e.id: e for e in sorted(corpus.entities, key=lambda e: e.id)}
        keyed = sorted((relation_key(r), n, r) for n, r in enumerate(corpus.relations))  # n: stable for equal keys
        view.relations = [r for _, _, r in keyed]
        view.relation_keys = [k for k, _, _ in keyed]
        by_subject: dict[str, list[Relation]] = defaultdict(list)
        for relation in view.relations:
            by_subject[relation.subject].append(relation)
        view.by_subject = dict(by_subject)
        seen: dict[str, set[str]] = {}
        for entity in view.entities.values():
            seen[entity.id] = articles = {m.article_id for m in entity.mentions}  # a set display: a third of update()
            articles.discard("")
            articles.discard(None)
        for relation in view.relations:
            for evidence in relation.evidence:
                for end in (relation.subject, relation.object, (relation.attrs or {}).get("org")):
                    if end in seen and evidence.article_id:
                        seen[end].add(evidence.article_id)
        view.entity_articles = {eid: sorted(seen.get(eid, ())) for eid in view.entities}
        return view

    def article_ref(self, article_id: str) -> dict:
        article = self.articles.get(article_id)
        return {
            "id": article_id,
            "headline": article.headline if article else "",
            "date": (article.date or "") if article else "",
        }

    def evidence_dict(self, evidence: Evidence) -> dict:
        article = self.articles.get(evidence.article_id)
        return {
            "article_id": evidence.article_id,
            "headline": article.headline if article else "",
            "date": (article.date or "") if article else "",
            "sentence": evidence.sentence,
            "start": evidence.start,
            "end": evidence.end,
            "rule": evidence.rule,
        }

    def evidence_dicts(self, relation: Relation) -> list[dict]:
        """The relation's sources, sorted; made once per relation of the view (the GraphML and the JSONL both
        write them), so callers must not change them."""
        memo = self._evidence_dicts.get(id(relation))
        if memo is not None and memo[0] is relation:
            return memo[1]
        dicts = [self.evidence_dict(ev) for ev in relation.evidence]
        dicts.sort(key=lambda d: (d["article_id"], d["start"], d["end"], d["rule"], d["sentence"]))
        self._evidence_dicts[id(relation)] = (relation, dicts)
        return dicts

    def org_of(self, relation: Relation) -> str | None:
        org = (relation.attrs or {}).get("org")
        return org if isinstance(org, str) and org in self.entities else None

    def aliases(self, entity: Entity) -> list[str]:
        """The entity's other names, sorted; made once per entity of the view (three exports write them), so callers
        must not change them."""
        memo = self._aliases.get(id(entity))
        if memo is not None and memo[0] is entity:
            return memo[1]
        names = set(entity.aliases or [])
        names.update(r.literal for r in self.by_subject.get(entity.id, ()) if r.type == "alias" and r.literal)
        names.discard(entity.name)
        found = sorted(n for n in names if n)
        self._aliases[id(entity)] = (entity, found)
        return found

    def event_date(self, entity: Entity) -> str:
        date = (entity.attrs or {}).get("date")
        if date:
            return str(date)
        for relation in self.by_subject.get(entity.id, ()):
            if relation.type == "event_date" and relation.literal:
                return relation.literal
        return ""
