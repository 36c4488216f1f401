"""`kg view`: open an existing page, or draw a focused / limited page from graph.graphml."""

from __future__ import annotations

import json
import re

import networkx as nx
import pytest
from typer.testing import CliRunner

from kg.cli import app

from .graphs import sample_graph

runner = CliRunner()
DATA = re.compile(r'<script type="application/json" id="kg-data">(.*?)</script>', re.S)


@pytest.fixture
def built(tmp_path):
    """An output folder as `kg build` leaves it: graph.graphml next to graph.html."""
    from kg.viz import render_graph

    G = sample_graph()
    nx.write_graphml(G, tmp_path / "graph.graphml", encoding="utf-8")
    render_graph(G, tmp_path / "graph.html")
    return tmp_path


def nodes_of(path) -> set[str]:
    data = json.loads(DATA.search(path.read_text(encoding="utf-8")).group(1))
    return {n["id"] for n in data["nodes"]}


def test_prints_the_existing_page_as_an_absolute_url(built, monkeypatch):
    url = (built / "graph.html").resolve().as_uri()
    result = runner.invoke(app, ["view", str(built / "graph.html"), "--no-open"])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == url and url.startswith("file:///")
    monkeypatch.chdir(built)  # a relative path still prints the absolute URL
    folder = runner.invoke(app, ["view", ".", "--no-open"])
    assert folder.exit_code == 0 and folder.stdout.strip() == url


def test_focus_regenerates_from_graphml_next_to_the_graph(built):
    result = runner.invoke(app, ["view", str(built / "graph.html"), "--focus", "曹慧泉", "--hops", "1", "--no-open"])
    assert result.exit_code == 0, result.output
    page = built / "graph-view-曹慧泉-1hops.html"
    assert result.stdout.strip() == page.resolve().as_uri()
    assert nodes_of(page) == {"per/曹慧泉", "org/株洲市委", "event/发展大会"}


def test_focus_page_is_named_after_the_entity_found(built):
    # an alias and a unique part of the name both draw the page of 中车株洲电力机车研究所有限公司
    for typed in ("株洲所", "电力机车研究所"):
        result = runner.invoke(app, ["view", str(built), "--focus", typed, "--no-open"])
        assert result.exit_code == 0, result.output
        page = built / "graph-view-中车株洲电力机车研究所有限公司-1hops.html"
        assert result.stdout.strip() == page.resolve().as_uri() and page.is_file()


def test_limits_and_graphml_input(built):
    result = runner.invoke(app, ["view", str(built / "graph.graphml"), "--max-nodes", "4", "--min-degree", "2",
                                 "--no-open", "--out", str(built / "small.html")])
    assert result.exit_code == 0, result.output
    shown = nodes_of(built / "small.html")
    assert len(shown) == 4 and "per/马文章" not in shown


def text(result) -> str:
    return " ".join(result.output.split())  # rich wraps long messages


def test_clear_errors(built, tmp_path_factory):
    missing = runner.invoke(app, ["view", str(tmp_path_factory.mktemp("empty") / "graph.html"), "--no-open"])
    assert missing.exit_code == 2 and "kg build" in text(missing)
    unknown = runner.invoke(app, ["view", str(built / "graph.html"), "--focus", "不存在的人", "--no-open"])
    assert unknown.exit_code == 2 and "no entity named" in text(unknown)
    typo = runner.invoke(app, ["view", str(built / "graph.html"), "--focus", "曹惠泉", "--no-open"])  # 慧 → 惠
    assert typo.exit_code == 2 and "no entity named '曹惠泉'; nearest names: 曹慧泉" in text(typo)
    ambiguous = runner.invoke(app, ["view", str(built / "graph.html"), "--focus", "株洲", "--no-open"])
    assert ambiguous.exit_code == 2 and "ambiguous" in text(ambiguous)
    (built / "broken.graphml").write_text("<graphml><oops", encoding="utf-8")
    broken = runner.invoke(app, ["view", str(built / "broken.graphml"), "--no-open"])
    assert broken.exit_code == 2 and "cannot read" in text(broken)
