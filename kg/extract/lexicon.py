"""The data files behind the extraction rules (kg/extract/data/), loaded once and cached.

Rules read their vocabularies from here, never from literals in code, so a reader can inspect and extend them.
"""

from __future__ import annotations

import csv
import re
import tomllib
from functools import cache
from pathlib import Path

from kg import domain

DATA_DIR = Path(__file__).resolve().parent / "data"

CJK = r"\u3400-\u4dbf\u4e00-\u9fff"
CJK_RE = re.compile(f"[{CJK}]")


def _lines(name: str) -> list[str]:
    """Whitespace-separated entries of a TXT data file, '#' comments skipped."""
    words: list[str] = []
    for line in (DATA_DIR / name).read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            words.extend(line.split())
    return words


def _rows(name: str | Path) -> list[dict[str, str]]:
    with (DATA_DIR / name).open(encoding="utf-8", newline="") as handle:
        lines = [line for line in handle if line.strip() and not line.startswith("#")]
    return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(lines)]


@cache
def event_verbs() -> frozenset[str]:
    """The verbs of taking part in an event (出席, 主持, 讲话 …: relation_triggers.csv), which no title is."""
    kinds = ("attended", "chaired", "spoke_at", "organized", "visited")
    return frozenset(row["trigger"] for row in _rows("relation_triggers.csv") if row["relation"] in kinds)


def alternation(words) -> str:
    """A regex alternation that prefers the longest word."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


@cache
def surnames() -> tuple[frozenset[str], frozenset[str]]:
    """(single-character surnames, compound surnames)."""
    words = _lines("surnames.txt")
    return frozenset(w for w in words if len(w) == 1), frozenset(w for w in words if len(w) > 1)


@cache
def person_stops() -> tuple[str, ...]:
    return tuple(sorted(set(_lines("person_stops.txt")), key=len, reverse=True))


@cache
def boundary_stops() -> frozenset[str]:
    # the verbs that give a post (履任, 调任 …) end a name grown leftwards too: 调任|江西省委
    return frozenset(_lines("boundary_stops.txt")) | frozenset(post_verbs()) | frozenset(former_posts()["verbs"])


@cache
def place_modifier_heads() -> tuple[str, ...]:
    return tuple(sorted(set(_lines("place_modifier_heads.txt")), key=len, reverse=True))


@cache
def irrealis_cues() -> tuple[str, ...]:
    return tuple(_lines("irrealis_cues.txt"))


@cache
def event_stops() -> frozenset[str]:
    return frozenset(_lines("event_stops.txt"))


@cache
def place_abbreviations() -> dict[str, str]:
    """京 → 北京市, 汴 → 开封市: one-character names of provinces and cities (gazetteers/place_abbreviations.csv)."""
    return {r["abbreviation"]: r["place"] for r in _rows("gazetteers/place_abbreviations.csv")}


def _words_longest_first(name: str) -> tuple[str, ...]:
    """A word list's entries, longest first (so an alternation or a startswith tries 学习考察 before 考察)."""
    return tuple(sorted(set(_lines(name)), key=lambda w: (-len(w), w)))


@cache
def name_followers() -> frozenset[str]:
    """Verbs and prepositions written right after a name (data/name_followers.txt)."""
    return frozenset(word for line in _lines("name_followers.txt") for word in line.split())


@cache
def visit_verbs() -> tuple[str, ...]:
    return _words_longest_first("visit_verbs.txt")


@cache
def post_verbs() -> tuple[str, ...]:
    return _words_longest_first("post_verbs.txt")


@cache
def post_adverbs() -> tuple[str, ...]:
    return _words_longest_first("post_adverbs.txt")


@cache
def former_posts() -> dict[str, tuple[str, ...]]:
    """data/former_posts.txt: "verbs" (曾任, 历任 …) and "marks" (原, 时任 …), each longest first."""
    text = (DATA_DIR / "former_posts.txt").read_text(encoding="utf-8")
    rows = (line.split("#", 1)[0].split() for line in text.splitlines())
    return {row[0]: tuple(sorted(row[1:], key=len, reverse=True)) for row in rows if row}


@cache
def theme_verbs() -> tuple[str, ...]:
    return _words_longest_first("theme_verbs.txt")


@cache
def event_kind_verbs() -> tuple[str, ...]:
    return _words_longest_first("event_kind_verbs.txt")


@cache
def project_generic() -> tuple[str, ...]:
    return tuple(_lines("project_generic.txt"))


@cache
def org_suffix_words() -> frozenset[str]:
    return frozenset(_lines("org_suffix_words.txt"))


@cache
def loc_generic() -> tuple[str, ...]:
    return tuple(_lines("loc_generic.txt"))


@cache
def historic_bodies() -> tuple[str, ...]:
    return tuple(_lines("historic_bodies.txt"))


@cache
def industry_words() -> tuple[str, ...]:
    return tuple(sorted(set(_lines("industry_words.txt")), key=len, reverse=True))


@cache
def title_heads() -> tuple[str, ...]:
    return tuple(sorted(set(_lines("titles.txt")), key=len, reverse=True))


@cache
def title_implied_orgs() -> dict[str, str]:
    return {row["title"]: row["org"] for row in _rows("title_orgs.csv")}


@cache
def artefacts() -> list[tuple[str, str, str]]:
    """(wrong, right, before): `wrong` is replaced only where the text after it starts with one of the characters
    in `before` (empty: everywhere). 蕞 → 最 before 高/大/优 … leaves the real word 蕞尔 alone."""
    table = [(row["wrong"], row["right"], row.get("before") or "") for row in _rows("artefacts.csv")]
    for wrong, right, _ in table:
        if len(wrong) != len(right):  # offsets into Article.text must survive the replacement
            raise ValueError(f"artefacts.csv: {wrong!r} → {right!r} changes the length")
    return table


@cache
def _artefact_re() -> re.Pattern[str] | None:
    table = artefacts()
    if not table:
        return None
    parts = [re.escape(w) + (f"(?=[{re.escape(b)}])" if b else "")
             for w, _, b in sorted(table, key=lambda r: (-len(r[0]), r[0]))]
    return re.compile("|".join(f"(?:{p})" for p in parts))


_HALF_WIDTH = str.maketrans({",": "，", ";": "；", ":": "：", "!": "！", "?": "？"})
# ASCII punctuation that touches a Chinese character is Chinese punctuation typed half-width (scraped pages);
# brackets stay as written (they are part of names: 星辰精密(岳阳)有限公司) and rules read both shapes
_HALF_WIDTH_RE = re.compile(f"(?<=[{CJK}])[,;:!?]|[,;:!?](?=[{CJK}])")


def fix_artefacts(text: str) -> str:
    """Replace known OCR/censor artefacts (蕞高 → 最高) and write half-width punctuation beside Chinese text in full
    width (株洲,湖南 → 株洲，湖南), so that rules see one punctuation; the result has the same length."""
    text = _HALF_WIDTH_RE.sub(lambda m: m.group(0).translate(_HALF_WIDTH), text)
    pattern = _artefact_re()
    if pattern is None:
        return text
    right = {w: r for w, r, _ in artefacts()}
    return pattern.sub(lambda m: right[m.group(0)], text)


@cache
def org_suffixes() -> list[tuple[str, str, str]]:
    rows = [(r["suffix"], r["subtype"], r["strength"]) for r in _rows("org_suffixes.csv")]
    return sorted(rows, key=lambda r: -len(r[0]))


@cache
def gov_prefixes() -> tuple[str, ...]:
    return tuple(sorted(set(_lines("gov_prefixes.txt")), key=len, reverse=True))


@cache
def facility_heads() -> frozenset[str]:
    """Place suffixes built from facility_heads.csv (排洪站, 污水处理厂, 别墅区); they need a proper-name left context."""
    return frozenset(kind + head for r in _rows("facility_heads.csv") for kind in [r["kind"]]
                     for head in r["heads"].split("|") if head)


@cache
def loc_suffixes() -> list[tuple[str, str]]:
    rows = [(r["suffix"], r["subtype"]) for r in _rows("loc_suffixes.csv")]
    known = {suffix for suffix, _ in rows}
    rows += [(suffix, "facility") for suffix in sorted(facility_heads()) if suffix not in known]
    return sorted(rows, key=lambda r: -len(r[0]))


@cache
def regions() -> dict[str, str]:
    table: dict[str, str] = {}
    for line in (DATA_DIR / "regions.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, subtype = line.split("\t")
            table[name.strip()] = subtype.strip()
    return table


@cache
def national_meeting_patterns() -> tuple[str, ...]:
    """Regular expressions of the country's recurring congresses and plenums (national_meetings.txt)."""
    return tuple(line.strip() for line in (DATA_DIR / "national_meetings.txt").read_text(encoding="utf-8").splitlines()
                 if line.strip() and not line.startswith("#"))


@cache
def event_triggers() -> dict[str, str]:
    return {r["trigger"]: r["kind"] for r in _rows("event_triggers.csv")}


@domain.on_change
@cache
def publisher_places() -> dict[str, str]:
    """Outlet → the place its local short forms refer to (the domain pack's publishers.csv)."""
    return {r["publisher"]: r["place"] for r in _rows(domain.path("publishers.csv"))}


@domain.on_change
@cache
def known_orgs() -> list[tuple[str, str, tuple[str, ...]]]:
    """(name, subtype, aliases): the domain pack's organisations, then the national and international bodies."""
    rows = _rows(domain.path("known_orgs.csv")) + _rows("gazetteers/national_bodies.csv")
    seen: set[str] = set()
    out = []
    for r in rows:
        if r["name"] not in seen:
            seen.add(r["name"])
            out.append((r["name"], r["subtype"], tuple(a for a in r["aliases"].split("|") if a)))
    return out


@domain.on_change
@cache
def known_org_names() -> frozenset[str]:
    return frozenset(n for name, _, aliases in known_orgs() for n in (name, *aliases))


@domain.on_change
@cache
def domain_org_names() -> frozenset[str]:
    """Names and short forms of the domain pack's own organisations (they outrank any other reading)."""
    return frozenset(n for r in _rows(domain.path("known_orgs.csv"))
                     for n in (r["name"], *(a for a in r["aliases"].split("|") if a)))


@cache
def world_place_names() -> dict[str, tuple[str, str]]:
    """Every name and alias of world_places() → (canonical name, subtype)."""
    table: dict[str, tuple[str, str]] = {}
    for name, subtype, aliases, _ in world_places():
        for form in (name, *aliases):
            table.setdefault(form, (name, subtype))
    return table


@cache
def world_places() -> list[tuple[str, str, tuple[str, ...], str]]:
    """(name, subtype, aliases, parent) of countries, world cities, continents and macro-regions."""
    return [(r["name"], r["subtype"], tuple(a for a in r["aliases"].split("|") if a), r.get("parent") or "")
            for r in _rows("gazetteers/world_places.csv")]


@cache
def former_divisions() -> dict[str, str]:
    """Former division name → the code of the current division covering it (株洲县 → 渌口区's code), for names no
    current division bears (gazetteers/former_divisions.csv): older news names places the official table dropped."""
    return {r["former_name"]: r["successor_code"] for r in _rows("gazetteers/former_divisions.csv") if not r["clash"]}


@domain.on_change
@cache
def known_events() -> list[tuple[str, str, tuple[str, ...]]]:
    """(name, kind, aliases) of well-known recurring events (known_events.csv), then the domain pack's own."""
    local = domain.path("known_events.csv")
    rows = _rows("known_events.csv") + (_rows(local) if local.is_file() else [])
    return [(r["name"], r["kind"], tuple(a for a in r["aliases"].split("|") if a)) for r in rows]


@cache
def clause_words() -> dict[str, tuple[str, ...]]:
    """data/clause_words.toml: small word classes read around triggers (hosting verbs, ceremony acts, pronouns …)."""
    with (DATA_DIR / "clause_words.toml").open("rb") as handle:
        return {key: tuple(words) for key, words in tomllib.load(handle).items()}


def clause_alternation(key: str) -> str:
    """One word class of data/clause_words.toml as a regex alternation, longest word first."""
    return alternation(clause_words()[key])


@cache
def place_institution_suffixes() -> tuple[str, ...]:
    """data/place_institution_suffixes.txt: media bodies that are institutions of the place they are named after."""
    return tuple(_lines("place_institution_suffixes.txt"))
