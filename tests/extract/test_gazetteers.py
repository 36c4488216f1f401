"""The general gazetteers (kg/extract/data/gazetteers/): well-formed, consistent, and holding the obvious entries."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

GAZ = Path(__file__).resolve().parents[2] / "kg" / "extract" / "data" / "gazetteers"
PLACE_SUBTYPES = {"country", "admin", "region"}
BODY_SUBTYPES = {"company", "government", "party", "education", "research", "association", "media", "finance", "other"}


def _read(name: str) -> tuple[list[str], list[dict[str, str]]]:
    text = (GAZ / name).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    header = lines[0].split(",")
    rows = []
    for n, line in enumerate(lines[1:], 2):
        fields = next(csv.reader([line]))
        assert len(fields) == len(header), f"{name} data line {n}: {line!r}"
        assert all(f == f.strip() for f in fields) and '"' not in line, f"{name}: stray space or quote in {line!r}"
        rows.append(dict(zip(header, fields)))
    return header, rows


def _aliases(row: dict[str, str]) -> list[str]:
    return [a for a in row["aliases"].split("|") if a] if row["aliases"] else []


@pytest.fixture(scope="module")
def places():
    header, rows = _read("world_places.csv")
    assert header == ["name", "subtype", "aliases", "parent"]
    return rows


@pytest.fixture(scope="module")
def bodies():
    header, rows = _read("national_bodies.csv")
    assert header == ["name", "subtype", "aliases"]
    return rows


def _check_names(rows):
    names = [r["name"] for r in rows]
    assert all(names), "empty name"
    dup = {n for n in names if names.count(n) > 1}
    assert not dup, f"duplicate names: {dup}"
    seen: dict[str, str] = {}
    for r in rows:
        al = _aliases(r)
        assert "" not in r["aliases"].split("|") or not r["aliases"], f"empty alias in {r}"
        assert len(al) == len(set(al)) and r["name"] not in al, f"repeated alias in {r}"
        for a in al:
            assert a not in names, f"alias {a} of {r['name']} is another row's name"
            assert a not in seen, f"alias {a} of both {seen[a]} and {r['name']}"
            seen[a] = r["name"]


def test_places_well_formed(places):
    assert {r["subtype"] for r in places} <= PLACE_SUBTYPES
    _check_names(places)
    countries = {r["name"] for r in places if r["subtype"] == "country"}
    for r in places:
        if r["subtype"] == "country":
            assert not r["parent"], r
        elif r["subtype"] == "admin":
            assert r["parent"] in countries, f"{r['name']}: parent {r['parent']!r} is not a country of the file"
        else:
            assert not r["parent"] or r["parent"] in countries, r


def test_places_cover_the_world(places):
    by = {r["name"]: r for r in places}
    countries = [r for r in places if r["subtype"] == "country"]
    assert len(countries) >= 193
    assert len([r for r in places if r["subtype"] == "admin"]) >= 300
    assert by["纽约"]["parent"] == "美国" and by["纽约"]["subtype"] == "admin"
    assert by["东京"]["parent"] == "日本"
    assert by["香港"]["parent"] == "中国" and "香港特别行政区" in _aliases(by["香港"])
    assert "美利坚合众国" in _aliases(by["美国"])
    assert "大不列颠及北爱尔兰联合王国" in _aliases(by["英国"])
    assert "中华人民共和国" in _aliases(by["中国"])
    for region in ("亚洲", "东南亚", "中东", "长三角", "粤港澳大湾区", "华北"):
        assert by[region]["subtype"] == "region"
    assert "欧盟" not in by  # an organisation, not a place


def test_bodies_well_formed(bodies):
    assert {r["subtype"] for r in bodies} <= BODY_SUBTYPES
    _check_names(bodies)
    assert len(bodies) >= 300


def test_bodies_spot_checks(bodies):
    by = {r["name"]: r for r in bodies}
    assert by["联合国"]
    assert by["新华社"]["subtype"] == "media"
    assert by["国务院"]["subtype"] == "government"
    assert by["中共中央"]["subtype"] == "party" and "党中央" in _aliases(by["中共中央"])
    assert "国家发改委" in _aliases(by["国家发展和改革委员会"])
    assert by["中国工商银行"]["subtype"] == "finance"
    assert by["清华大学"]["subtype"] == "education"
    assert by["欧盟"]["subtype"] == "other"
    all_forms = {f for r in bodies for f in (r["name"], *_aliases(r))}
    # bare short forms that local bodies also use must not stand for the national one
    assert not all_forms & {"发改委", "国资委", "统战部", "港澳办", "中共"}


def test_no_form_is_both_place_and_body(places, bodies):
    place_forms = {f for r in places for f in (r["name"], *_aliases(r))}
    body_forms = {f for r in bodies for f in (r["name"], *_aliases(r))}
    assert not place_forms & body_forms
