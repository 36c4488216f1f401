"""Flat JSONL exports in the gold-format vocabulary (../shared/gold-format.md): entities.jsonl, relations.jsonl.

One JSON object per line, keys sorted, lines sorted by id/type: easy to diff, grep and score with `kg eval`.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from kg.graph.view import CorpusView, evidence_quote
from kg.records import Corpus
from kg.vocab import relation_types


_LINE = json.JSONEncoder(ensure_ascii=False, sort_keys=True).encode  # one encoder, not one per json.dumps call


def _line(record: dict) -> str:
    return _LINE(record)


def entity_records(corpus: Corpus, view: CorpusView | None = None) -> Iterator[dict]:
    view = view or CorpusView.of(corpus)
    for entity in view.entities.values():
        yield entity_record(view, entity)


def entity_record(view: CorpusView, entity) -> dict:
    attrs = entity.attrs or {}
    date = view.event_date(entity) if entity.type == "EVENT" else ""
    record = {
        "id": entity.id,
        "type": entity.type,
        "subtype": entity.subtype,
        "name": entity.name,
        "aliases": view.aliases(entity),
        "date": date or None,
        "mentions": len(entity.mentions),
        "articles": view.entity_articles.get(entity.id, []),
    }
    for key in ("division_code", "parent", "amount"):
        if attrs.get(key):
            record[key] = attrs[key]
    return record


def relation_records(corpus: Corpus, view: CorpusView | None = None) -> Iterator[dict]:
    view = view or CorpusView.of(corpus)
    vocab = relation_types()
    for relation in view.relations:
        yield relation_record(view, vocab, relation)


def relation_record(view: CorpusView, vocab: dict, relation) -> dict:
    attrs = dict(relation.attrs or {})
    literal = relation.literal is not None and (relation.object is None or (
        relation.type in vocab and vocab[relation.type].literal))
    record = {
        "type": relation.type,
        "subject": relation.subject,
        "object": relation.literal if literal else relation.object,
        "object_is_literal": literal,
        "evidence": evidence_quote(relation.evidence[0]) if relation.evidence else "",
        "sources": view.evidence_dicts(relation),
    }
    if relation.type == "position":
        record["org"] = attrs.pop("org", None) or (relation.object if literal else None)
    for key, value in sorted(attrs.items()):
        record.setdefault(key, value)
    return record


def entity_line(view: CorpusView, entity) -> str:
    return _line(entity_record(view, entity)) + "\n"


def relation_line(view: CorpusView, vocab: dict, relation) -> str:
    return _line(relation_record(view, vocab, relation)) + "\n"


def entities_jsonl(corpus: Corpus, view: CorpusView | None = None) -> str:
    return "".join(_line(r) + "\n" for r in entity_records(corpus, view))


def relations_jsonl(corpus: Corpus, view: CorpusView | None = None) -> str:
    return "".join(_line(r) + "\n" for r in relation_records(corpus, view))
