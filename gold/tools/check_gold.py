#!/usr/bin/env python3
"""Validate gold annotation files (see ../../../shared/gold-format.md).

Usage: python gold/tools/check_gold.py [FILE_OR_DIR ...]   (default: gold/)
Checks: JSON shape, unique ids, types/subtypes, references resolve, relation subject/object types,
evidence (<= 60 chars) occurs verbatim in the document text after removing whitespace,
entity names/aliases occur in the text (warning only: constructed qualified names are allowed),
alias relations match the aliases lists, date formats. Exit status 1 on errors.
"""
import json, re, sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TYPES = {"PER", "ORG", "LOC", "EVENT", "PROJECT"}
SUBTYPES = {
    "PER": {"official", "executive", "academic", "journalist", "other"},
    "ORG": {"company", "government", "party", "education", "research", "association", "media", "finance", "other"},
    "LOC": {"country", "admin", "zone", "facility", "region", "road"},
}
REL = {  # type: (subject types, object types or 'literal')
    "alias": (TYPES, "literal"), "position": ({"PER"}, "literal"), "affiliated_with": ({"PER"}, {"ORG"}),
    "attended": ({"PER", "ORG"}, {"EVENT"}), "chaired": ({"PER"}, {"EVENT"}), "spoke_at": ({"PER"}, {"EVENT"}),
    "organized": ({"ORG", "PER"}, {"EVENT"}), "event_date": ({"EVENT"}, "literal"),
    "event_location": ({"EVENT"}, {"LOC", "ORG"}), "cooperates_with": ({"ORG", "LOC"}, {"ORG", "LOC"}),
    "located_in": ({"ORG", "LOC", "PROJECT"}, {"LOC"}), "visited": ({"PER", "ORG"}, {"ORG", "LOC"}),
    "part_of": ({"ORG"}, {"ORG"}), "invests_in": ({"ORG"}, {"PROJECT"}), "author_of": ({"PER"}, "literal"),
}
DATE = re.compile(r"^(\d{4}-\d{2}-\d{2}|--\d{2}-\d{2})$")
WS = re.compile(r"\s+")


def norm(s):
    return WS.sub("", s)


def find_doc(path, name):
    for cand in (path.parent / name, ROOT / "seeds" / name, ROOT / "gold" / "fresh" / name):
        if cand.exists():
            return cand
    return None


def check(path):
    errs, warns = [], []
    g = json.loads(path.read_text(encoding="utf-8"))
    doc = find_doc(path, g.get("document", ""))
    if not doc:
        return [f"document {g.get('document')!r} not found"], warns
    text = norm(doc.read_text(encoding="utf-8"))
    ents = {}
    for a in g.get("articles", []):
        if a.get("date") is not None and not DATE.match(a["date"]):
            errs.append(f"article date {a['date']}")
        if a.get("kind") not in {"news", "commentary", "photo", "brief"}:
            errs.append(f"article kind {a.get('kind')}")
        if a.get("headline") is None:
            warns.append("article without headline: " + ",".join(a.get("authors", [])))
        elif norm(a["headline"]) not in text:
            warns.append(f"headline not verbatim: {a['headline']}")
    headlines = {a["headline"] for a in g.get("articles", [])}
    for e in g.get("entities", []):
        if e["id"] in ents:
            errs.append(f"duplicate id {e['id']}")
        ents[e["id"]] = e
        if e["type"] not in TYPES:
            errs.append(f"{e['id']} type {e['type']}")
        if e["type"] in SUBTYPES and e.get("subtype") not in SUBTYPES[e["type"]]:
            errs.append(f"{e['id']} subtype {e.get('subtype')}")
        if e.get("date") is not None and (e["type"] != "EVENT" or not DATE.match(e["date"])):
            errs.append(f"{e['id']} date {e.get('date')}")
        for s in [e["name"]] + e.get("aliases", []):
            if norm(s) not in text:
                warns.append(f"{e['id']} form not in text: {s}")
        if len(set(e.get("aliases", []))) != len(e.get("aliases", [])) or e["name"] in e.get("aliases", []):
            errs.append(f"{e['id']} duplicate alias")
    names = {}
    for e in ents.values():
        for s in [e["name"]] + e.get("aliases", []):
            key = (e["type"], s)
            if key in names:
                errs.append(f"form {s} used by {names[key]} and {e['id']}")
            names[key] = e["id"]
    seen = set()
    for i, r in enumerate(g.get("relations", [])):
        t = r.get("type")
        where = f"rel#{i} {t} {r.get('subject')}->{r.get('object')}"
        if t not in REL:
            errs.append(f"{where}: unknown type"); continue
        subj = ents.get(r["subject"])
        if not subj:
            errs.append(f"{where}: subject unresolved"); continue
        st, ot = REL[t]
        if subj["type"] not in st:
            errs.append(f"{where}: subject type {subj['type']}")
        if ot == "literal":
            if r["object"] in ents:
                errs.append(f"{where}: object should be literal")
            if t == "event_date" and not DATE.match(r["object"]):
                errs.append(f"{where}: bad date")
            if t == "alias" and r["object"] not in subj.get("aliases", []):
                errs.append(f"{where}: alias not in entity aliases")
            if t == "author_of" and r["object"] not in headlines:
                errs.append(f"{where}: headline not in articles")
        else:
            obj = ents.get(r["object"])
            if not obj:
                errs.append(f"{where}: object unresolved"); continue
            if obj["type"] not in ot:
                errs.append(f"{where}: object type {obj['type']}")
        if t == "position" and r.get("org") is not None and (r["org"] not in ents or ents[r["org"]]["type"] != "ORG"):
            errs.append(f"{where}: org {r.get('org')}")
        if t == "position" and "org" not in r:
            errs.append(f"{where}: position without org field")
        ev = r.get("evidence", "")
        if not ev or len(ev) > 60:
            errs.append(f"{where}: evidence length {len(ev)}")
        elif norm(ev) not in text:
            errs.append(f"{where}: evidence not in text: {ev}")
        key = (t, r["subject"], r["object"], r.get("org"))
        if t == "cooperates_with":
            key = (t,) + tuple(sorted([r["subject"], r["object"]]))
        if key in seen:
            errs.append(f"{where}: duplicate relation")
        seen.add(key)
    # every event with a date should have an event_date relation and vice versa
    for e in ents.values():
        if e["type"] == "EVENT" and e.get("date"):
            ds = [r["object"] for r in g["relations"] if r["type"] == "event_date" and r["subject"] == e["id"]]
            if e["date"] not in ds:
                warns.append(f"{e['id']} date {e['date']} has no event_date relation")
    for r in g["relations"]:
        if r["type"] == "event_date" and ents.get(r["subject"], {}).get("date") != r["object"]:
            warns.append(f"event_date {r['subject']} {r['object']} differs from entity date")
    for e in ents.values():
        for a in e.get("aliases", []):
            if not any(r["type"] == "alias" and r["subject"] == e["id"] and r["object"] == a for r in g["relations"]):
                warns.append(f"{e['id']} alias {a} has no alias relation")
    stats = {k: len(g.get(k, [])) for k in ("articles", "entities", "relations")}
    return errs, warns, stats


def main(args):
    paths = []
    for a in args or [str(ROOT / "gold")]:
        p = Path(a)
        paths += sorted(p.rglob("*.json")) if p.is_dir() else [p]
    bad = 0
    for p in paths:
        res = check(p)
        errs, warns = res[0], res[1]
        stats = res[2] if len(res) > 2 else {}
        print(f"{p.relative_to(ROOT) if p.is_absolute() else p}: {stats} errors={len(errs)} warnings={len(warns)}")
        for e in errs:
            print("  ERROR", e)
        for w in warns:
            print("  warn ", w)
        bad += bool(errs)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
