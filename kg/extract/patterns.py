"""A small declarative matcher for relations: patterns over a sentence in which every mention is one symbol.

    patterns = load_patterns()                   # kg/extract/data/relation_patterns.toml
    for hit in match_sentence(patterns, sentence_text, sentence_start, mentions): ...

Each sentence is rewritten with its outermost mentions as single private-use characters, one per label (an event or
project name hides the places inside it, a title the body inside it), so a pattern reads like the sentence's shape:
`{AGENTS}(?:等[^，。；]{0,8})?(?:出席|参加)` is "a list of persons or bodies, then 出席/参加". Named groups `subj` and
`obj` give the mentions each side of the relation; the pattern's `object` says where the object is when no group
holds it (`event`: the event the verb refers to). A new trigger or verb is one line of the TOML file.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache

from kg.extract.lexicon import DATA_DIR
from kg.records import Mention

SYMBOL = {"PER": "\ue001", "ORG": "\ue002", "LOC": "\ue003", "EVENT": "\ue004", "PROJECT": "\ue005", "TITLE": "\ue006"}
LABEL_OF = {v: k for k, v in SYMBOL.items()}


@dataclass(frozen=True)
class Pattern:
    id: str
    relation: str
    regex: re.Pattern[str]
    subject_labels: tuple[str, ...]
    object_labels: tuple[str, ...]
    object: str  # "group" (the obj group), "event" (the event the verb refers to), "pairs" (subj × obj, symmetric)
    subject: str = "group"  # "event": the subject is the event the verb refers to (event_location)
    needs_event: bool = False  # the verb must end its clause when no event is named in the sentence
    event_kind: str = ""  # "visit": the event is the visit told around the verb (陪同 on a tour), if there is one
    paragraph_event: bool = False  # without an event in the sentence, the meeting named earlier in the paragraph
    later_event: bool = False  # the main event even when the article names it only after the verb (签署… then 签约仪式)


@dataclass
class Hit:
    pattern: Pattern
    subjects: list[Mention]
    objects: list[Mention]
    start: int  # offsets of the whole match in the article text
    end: int
    trigger_end: int  # end of the match: where an event named after the verb would start


def _expand(template: str, macros: dict[str, str]) -> str:
    """{PER} → its symbol; {NAME} → the macro NAME (macros may use symbols and other macros)."""
    def sub(m: re.Match) -> str:
        key = m.group(1)
        if key in SYMBOL:
            return SYMBOL[key]
        if key in macros:
            return _expand(macros[key], macros)
        return m.group(0)  # a regex quantifier such as {0,8}
    return re.sub(r"\{([A-Z_]+)\}", sub, template)


@cache
def load_patterns() -> tuple[Pattern, ...]:
    data = tomllib.loads((DATA_DIR / "relation_patterns.toml").read_text(encoding="utf-8"))
    macros = data.get("macros", {})
    out = []
    for row in data["pattern"]:
        out.append(Pattern(id=row["id"], relation=row["relation"], regex=re.compile(_expand(row["pattern"], macros)),
                           subject_labels=tuple(row.get("subject_labels", ("PER", "ORG"))),
                           object_labels=tuple(row.get("object_labels", ("ORG", "LOC"))),
                           object=row.get("object", "group"), subject=row.get("subject", "group"),
                           needs_event=bool(row.get("needs_event", False)), event_kind=row.get("event_kind", ""),
                           paragraph_event=bool(row.get("paragraph_event", False)),
                           later_event=bool(row.get("later_event", False))))
    return tuple(out)


def abstract(text: str, start: int, end: int, mentions: list[Mention]) -> tuple[str, list[int], dict[int, Mention]]:
    """The sentence text[start:end] with each outermost mention as one symbol; per character of the result, its
    offset in `text`; and symbol position → mention."""
    inside = sorted((m for m in mentions if start <= m.start and m.end <= end and m.end > m.start
                     and m.label in SYMBOL), key=lambda m: (m.start, -(m.end - m.start), m.label))
    chars: list[str] = []
    offsets: list[int] = []
    symbols: dict[int, Mention] = {}
    pos = start
    for m in inside:
        if m.start < pos:
            continue  # inside an outer mention already written
        chars += text[pos : m.start]
        offsets += range(pos, m.start)
        symbols[len(chars)] = m
        chars.append(SYMBOL[m.label])
        offsets.append(m.start)
        pos = m.end
    chars += text[pos:end]
    offsets += range(pos, end)
    return "".join(chars), offsets, symbols


def _mentions_in(match: re.Match, group: str, symbols: dict[int, Mention], labels: tuple[str, ...],
                 last_of_runs: bool = False) -> list[Mention]:
    """The mentions of a group; `last_of_runs`: of places written one after another (平江县安定镇桃花村…基地), only
    the last, which the others qualify."""
    if group not in match.re.groupindex or match.start(group) < 0:
        return []
    positions = [i for i in range(match.start(group), match.end(group)) if i in symbols and symbols[i].label in labels]
    if last_of_runs:
        positions = [i for i in positions if i + 1 not in symbols or i + 1 >= match.end(group)]
    return [symbols[i] for i in positions]


def _end_offset(offsets: list[int], symbols: dict[int, Mention], index: int, fallback: int) -> int:
    """The article offset just after abstract position index-1 (a symbol ends where its mention ends)."""
    if index <= 0:
        return offsets[0] if offsets else fallback
    last = index - 1
    return symbols[last].end if last in symbols else offsets[last] + 1


def match_sentence(patterns: tuple[Pattern, ...], text: str, start: int, end: int,
                   mentions: list[Mention]) -> list[Hit]:
    shape, offsets, symbols = abstract(text, start, end, mentions)
    hits = []
    for pattern in patterns:
        for match in pattern.regex.finditer(shape):
            subjects = _mentions_in(match, "subj", symbols, pattern.subject_labels)
            objects = _mentions_in(match, "obj", symbols, pattern.object_labels, last_of_runs=True)
            if (not subjects and pattern.subject != "event") or (pattern.object in ("group", "pairs") and not objects):
                continue
            m_start = offsets[match.start()] if match.start() < len(offsets) else end
            m_end = _end_offset(offsets, symbols, match.end(), end)
            hits.append(Hit(pattern, subjects, objects, m_start, m_end, m_end))
    return hits
