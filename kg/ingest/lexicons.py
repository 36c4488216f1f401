"""The ingest lexicons (kg/ingest/data/*): publishers, byline roles, section labels, boilerplate, surnames."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"


def _lines(name: str) -> list[str]:
    text = (DATA_DIR / name).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]


@lru_cache(maxsize=1)
def publishers() -> list[str]:
    """Publisher names, longest first (regex alternation order)."""
    return sorted(set(_lines("publishers.txt")), key=len, reverse=True)


@lru_cache(maxsize=1)
def publisher_aliases() -> dict[str, str]:
    with open(DATA_DIR / "publisher_aliases.csv", encoding="utf-8", newline="") as handle:
        return {row["alias"]: row["publisher"] for row in csv.DictReader(handle)}


def canonical_publisher(name: str | None) -> str | None:
    if not name:
        return None
    return publisher_aliases().get(name, name)


@lru_cache(maxsize=1)
def media_words() -> tuple[str, ...]:
    """The words that end an outlet's name (data/media_words.txt), longest first."""
    return tuple(sorted(set(_lines("media_words.txt")), key=lambda w: (-len(w), w)))


@lru_cache(maxsize=1)
def byline_roles() -> dict[str, str]:
    """role → kind (staff | contributor | editor | author | photo)."""
    with open(DATA_DIR / "byline_roles.csv", encoding="utf-8", newline="") as handle:
        return {row["role"]: row["kind"] for row in csv.DictReader(handle)}


@lru_cache(maxsize=1)
def section_labels() -> frozenset[str]:
    return frozenset(_lines("section_labels.txt"))


@lru_cache(maxsize=1)
def surnames() -> tuple[frozenset[str], frozenset[str]]:
    """(single-character surnames, compound surnames)."""
    names = [n for line in _lines("surnames.txt") for n in line.split()]
    return frozenset(n for n in names if len(n) == 1), frozenset(n for n in names if len(n) > 1)


@dataclass(frozen=True)
class BoilerplateRule:
    kind: str  # drop | stop | block
    pattern: re.Pattern[str]


@lru_cache(maxsize=1)
def boilerplate_rules() -> list[BoilerplateRule]:
    """Rules of boilerplate/common.txt, then of each publisher/site profile (boilerplate/*.txt, by name)."""
    rules = []
    folder = DATA_DIR / "boilerplate"
    files = [folder / "common.txt"] + sorted(p for p in folder.glob("*.txt") if p.name != "common.txt")
    for path in files:
        for line in _lines(f"boilerplate/{path.name}"):
            kind, _, pattern = line.partition("\t")
            if kind not in {"drop", "stop", "block"} or not pattern:
                raise ValueError(f"bad boilerplate rule in kg/ingest/data/boilerplate/{path.name}: {line!r}")
            rules.append(BoilerplateRule(kind, re.compile(pattern)))
    return rules


@lru_cache(maxsize=1)
def boilerplate_matcher():
    """A fast matcher over all rules: line-anchored rules in one alternation (re.match), the few floating
    ones searched. Returns a function line → the first BoilerplateRule that applies, or None."""
    rules = boilerplate_rules()
    anchored = [(i, r) for i, r in enumerate(rules) if r.pattern.pattern.startswith("^")]
    floating = [(i, r) for i, r in enumerate(rules) if not r.pattern.pattern.startswith("^")]
    combined = re.compile("|".join(f"(?P<r{i}>{r.pattern.pattern[1:]})" for i, r in anchored))

    def first_rule(line: str) -> BoilerplateRule | None:
        hits = []
        hit = combined.match(line)
        if hit:
            hits.append(int(hit.lastgroup[1:]))
        hits.extend(i for i, r in floating if r.pattern.search(line))
        return rules[min(hits)] if hits else None

    return first_rule


@lru_cache(maxsize=1)
def kicker_endings() -> dict[str, tuple[str, ...]]:
    """kind (speech | event) → line endings that mark a kicker (引题) above the main headline."""
    out: dict[str, list[str]] = {}
    with open(DATA_DIR / "kicker_endings.csv", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            out.setdefault(row["kind"], []).append(row["ending"])
    return {kind: tuple(endings) for kind, endings in out.items()}
