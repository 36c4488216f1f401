"""Domain packs: the home region, local publishers and local bodies come from kg/domains/<name>/, not from code."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from kg import domain
from kg.extract import lexicon as lx
from kg.extract.places import divisions, find_divisions

KG = Path(__file__).resolve().parents[2] / "kg"


@pytest.fixture
def generic():
    domain.use("generic")
    yield
    domain.use(domain.DEFAULT)


def test_default_pack_is_the_home_of_the_rail_cluster():
    assert domain.current().name == domain.DEFAULT
    assert {"zhuzhou", "generic"} <= set(domain.available())


def test_unknown_pack_is_refused_with_the_choices():
    with pytest.raises(ValueError, match="generic"):
        domain.use("atlantis")


def test_generic_pack_assumes_no_home(generic):
    assert domain.current().home_division_prefix == ""
    assert lx.publisher_places() == {}
    assert not any("株洲" in name for name, _, _ in lx.known_orgs())
    # county short forms count only at home: with no home, 醴陵 alone is no place, 醴陵市 still is
    assert [("醴陵市", True)] == [("醴陵市"[s:e], full) for s, e, full in find_divisions("醴陵市")]
    assert find_divisions("醴陵瓷器") == []


def test_switching_packs_rebuilds_what_depends_on_them(generic):
    generic_shorts = set(divisions().by_short)
    domain.use("zhuzhou")
    home_shorts = set(divisions().by_short)
    assert home_shorts > generic_shorts  # the home province's county stems (醴陵, 渌口) come back
    assert "醴陵" in home_shorts and "醴陵" not in generic_shorts
    assert lx.publisher_places()  # local papers and their places


def _literals(path: Path) -> list[tuple[int, str]]:
    """String constants of a module that are not docstrings."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docs = {id(node.body[0].value) for node in ast.walk(tree)
            if isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and node.body
            and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)}
    return [(node.lineno, node.value) for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docs]


def test_no_home_names_in_the_code_of_the_stages():
    """Names of the home pack's bodies and places appear in its data files, never as literals in stage code."""
    home = {"株洲", "湖南", "醴陵", "茶陵", "炎陵", "攸县", "渌口", "中车"}
    home |= {name for name in lx.domain_org_names()}
    found = []
    for stage in ("ingest", "nlp", "extract", "resolve", "graph", "query", "eval"):
        for path in sorted((KG / stage).rglob("*.py")):
            if "training" in path.parts:
                continue  # training reads corpora; its smoke sample is data for the trainer, not extraction logic
            for line, value in _literals(path):
                hits = [w for w in home if w in value]
                if hits:
                    found.append(f"{path.relative_to(KG)}:{line}: {hits}")
    assert not found, "\n".join(found)


def test_the_home_regions_fairs_come_from_its_pack(generic):
    def short_forms():
        return {a for _, _, aliases in lx.known_events() for a in aliases}

    assert "港洽周" not in short_forms() and "进博会" in short_forms()
    domain.use(domain.DEFAULT)
    assert "港洽周" in short_forms()
