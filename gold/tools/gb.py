"""Tiny authoring helper for gold files: compact Python in, gold-format JSON out.

The JSON files are the deliverable; the gold/tools/author_*.py scripts that use this helper are
just the annotator's working notes. Conventions applied automatically:
- alias relations: one per alias, with the evidence given in the aliases dict;
- position with an org also yields affiliated_with (PER -> ORG), same evidence;
- author_of: one per (author, article) from art(..., bylines={name: evidence}).
"""
import json
from pathlib import Path


class Doc:
    def __init__(self, document):
        self.document = document
        self.articles, self.entities, self.relations = [], [], []
        self.byname = {}
        self.n = 0

    def art(self, headline, date, publisher, bylines, kind="news"):
        self.articles.append({"headline": headline, "date": date, "publisher": publisher,
                              "authors": list(bylines), "kind": kind})
        self._pending = getattr(self, "_pending", []) + [(headline, bylines)]

    def ent(self, type_, subtype, name, aliases=None, date=None, note=None):
        self.n += 1
        eid = f"E{self.n}"
        e = {"id": eid, "type": type_}
        if subtype:
            e["subtype"] = subtype
        e["name"] = name
        e["aliases"] = list((aliases or {}).keys())
        if type_ == "EVENT":
            e["date"] = date
        if note:
            e["note"] = note
        self.entities.append(e)
        assert name not in self.byname, name
        self.byname[name] = eid
        for a, ev in (aliases or {}).items():
            if ev is not None:
                self.rel("alias", eid, a, ev)
        if type_ == "EVENT" and date and isinstance(date, str):
            pass
        return eid

    def rel(self, type_, subj, obj, ev, **kw):
        r = {"type": type_, "subject": subj, "object": obj}
        r.update(kw)
        r["evidence"] = ev
        self.relations.append(r)
        return r

    def pos(self, per, title, org, ev, affiliated=True):
        self.rel("position", per, title, ev, org=org)
        if org and affiliated and not any(r["type"] == "affiliated_with" and r["subject"] == per and r["object"] == org
                                          for r in self.relations):
            self.rel("affiliated_with", per, org, ev)

    def date(self, ev_id, date, ev):
        self.rel("event_date", ev_id, date, ev)

    def save(self, path):
        for headline, bylines in getattr(self, "_pending", []):
            for name, ev in bylines.items():
                self.rel("author_of", self.byname[name], headline, ev)
        self._pending = []
        out = {"document": self.document, "articles": self.articles, "entities": self.entities,
               "relations": self.relations}
        Path(path).write_text(json.dumps(out, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
