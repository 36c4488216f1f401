"""The viewer in headless Chromium: first paint of the real seed build, offline load, counts, search, filters,
panels, hostile text, screenshots."""

from __future__ import annotations

from pathlib import Path

import pytest

from typer.testing import CliRunner

from kg.cli import app
from kg.viz import render_graph
from kg.viz.synthetic import synthetic_graph

from .conftest import FIRST_PAINT_JS
from .graphs import HOSTILE, HOSTILE_ALIAS, sample_graph

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def sample_page(tmp_path_factory):
    G = sample_graph()
    return G, render_graph(G, tmp_path_factory.mktemp("viz") / "graph.html")


def counts(page):
    return page.evaluate("window.kgViewer.drawnCounts()")


def panel_text(page) -> str:
    return page.inner_text("#kg-details")


def node_point(page, node_id):
    box = page.locator("#kg-network canvas").bounding_box()
    point = page.evaluate(
        f"(() => {{ const n = window.kgViewer.network; return n.canvasToDOM(n.getPosition({node_id!r})); }})()"
    )
    return box["x"] + point["x"], box["y"] + point["y"]


def test_loads_offline_and_draws_every_node_and_edge(open_page, sample_page):
    G, path = sample_page
    opened = open_page(path)
    assert opened.blocked == []  # nothing but the file itself was requested
    assert opened.errors == []
    assert counts(opened.page) == {"nodes": G.number_of_nodes(), "edges": G.number_of_edges()}
    status = opened.page.inner_text("#kg-status")
    assert f"{G.number_of_nodes()} / {G.number_of_nodes()}" in status
    # Positions are precomputed: no physics moves the nodes after the first paint.
    assert opened.page.evaluate("window.kgViewer.network.physics.options.enabled") is False
    # The guard is real: a request to the network would have been caught and refused.
    assert opened.page.evaluate("fetch('https://cdn.example.org/vis.js').then(() => 0, () => 1)") == 1
    assert opened.blocked == ["https://cdn.example.org/vis.js"]


def test_neighbours_only_button(open_page, sample_page):
    G, path = sample_page
    page = open_page(path).page
    page.evaluate("window.kgViewer.selectNode('per/李东林')")
    page.click("#kg-details button.kg-button")
    ego = {"per/李东林"} | set(G.successors("per/李东林")) | set(G.predecessors("per/李东林"))
    inside = sum(1 for u, v in G.edges() if u in ego and v in ego)
    assert counts(page) == {"nodes": len(ego), "edges": inside}
    page.click("#kg-details button.kg-button")  # show all again
    assert counts(page) == {"nodes": G.number_of_nodes(), "edges": G.number_of_edges()}


def test_search_finds_name_and_alias_and_selects(open_page, sample_page):
    _, path = sample_page
    page = open_page(path).page
    page.fill("#kg-search", "曹慧泉")
    assert "曹慧泉" in page.inner_text("#kg-search-results")
    page.press("#kg-search", "Enter")
    assert page.evaluate("window.kgViewer.network.getSelectedNodes()") == ["per/曹慧泉"]
    text = panel_text(page)
    assert "市委书记" in text and "株洲市委" in text and "株洲召开轨道交通产业发展大会" in text
    # An alias finds the full name.
    page.fill("#kg-search", "株洲所")
    assert "中车株洲电力机车研究所有限公司" in page.inner_text("#kg-search-results")
    page.fill("#kg-search", "没有这个名字")
    assert "no match" in page.inner_text("#kg-search-results")


def test_type_and_relation_filters_hide_and_restore(open_page, sample_page):
    G, path = sample_page
    page = open_page(path).page
    people = {n for n, t in G.nodes(data="type") if t == "PER"}
    page.uncheck('input[data-type="PER"]')
    expected_edges = sum(1 for u, v in G.edges() if u not in people and v not in people)
    assert counts(page) == {"nodes": G.number_of_nodes() - len(people), "edges": expected_edges}
    page.check('input[data-type="PER"]')
    assert counts(page) == {"nodes": G.number_of_nodes(), "edges": G.number_of_edges()}
    page.uncheck('input[data-relation="position"]')
    positions = sum(1 for *_, t in G.edges(data="type") if t == "position")
    assert counts(page) == {"nodes": G.number_of_nodes(), "edges": G.number_of_edges() - positions}


def test_clicking_a_node_and_an_edge_shows_details_and_evidence(open_page, sample_page):
    _, path = sample_page
    page = open_page(path).page
    # A real mouse click on the node's position on the canvas.
    page.mouse.click(*node_point(page, "loc/芦淞区"))
    text = panel_text(page)
    assert "芦淞区" in text and "430203" in text and "株洲市" in text  # division code and parent
    # A real click on the middle of the 芦淞区 → 株洲市 edge.
    (x1, y1), (x2, y2) = node_point(page, "loc/芦淞区"), node_point(page, "loc/株洲市")
    page.mouse.click((x1 + x2) / 2, (y1 + y2) / 2)
    text = panel_text(page)
    assert "位于" in text and "located in" in text and "株洲市芦淞区" in text
    # The spoke_at edge: evidence sentence with headline and date.
    edge_id = page.evaluate(
        "window.kgViewer.data.edges.find(e => e.kgType === 'spoke_at' && e.from === 'per/曹慧泉').id"
    )
    page.evaluate(f"window.kgViewer.selectEdge({edge_id!r})")
    text = panel_text(page)
    assert "讲话" in text and "spoke at" in text
    assert "市委书记曹慧泉出席大会并讲话。" in text
    assert "株洲召开轨道交通产业发展大会" in text and "2020-05-09" in text


def test_hovering_a_node_shows_type_posts_and_articles(open_page, sample_page):
    _, path = sample_page
    page = open_page(path).page
    page.mouse.move(*node_point(page, "per/曹慧泉"))
    page.mouse.move(*node_point(page, "per/曹慧泉"))  # vis shows its tooltip on a move over the node
    tooltip = page.locator("div.vis-tooltip")
    tooltip.wait_for(state="visible", timeout=5000)
    text = tooltip.inner_text()
    assert "人物" in text and "市委书记" in text and "曹书记" in text and "株洲召开轨道交通产业发展大会" in text


def test_hostile_text_is_shown_not_run(open_page, sample_page):
    _, path = sample_page
    opened = open_page(path)
    page = opened.page
    x, y = node_point(page, "org/hostile")
    page.mouse.move(x, y)
    page.mouse.move(x + 1, y)
    page.locator("div.vis-tooltip").wait_for(state="visible", timeout=5000)
    assert HOSTILE in page.inner_text("div.vis-tooltip")
    page.evaluate("window.kgViewer.selectNode('org/hostile')")
    text = panel_text(page)
    assert HOSTILE in text and HOSTILE_ALIAS in text
    edge_id = page.evaluate("window.kgViewer.data.edges.find(e => e.from === 'org/hostile').id")
    page.evaluate(f"window.kgViewer.selectEdge({edge_id!r})")
    text = panel_text(page)
    assert "<script>alert(4)</script>" in text and "<b>rule</b>" in text
    assert "恶意标题 <script>alert(3)</script>" in text
    page.fill("#kg-search", "onerror")
    assert HOSTILE in page.inner_text("#kg-search-results")
    assert page.evaluate("document.querySelectorAll('img, #kg-details script, #kg-details b').length") == 0
    assert opened.dialogs == [] and opened.errors == []


def test_screenshot_artifact(open_page, sample_page, artifacts):
    _, path = sample_page
    page = open_page(path).page
    page.evaluate("window.kgViewer.selectNode('per/曹慧泉')")
    page.wait_for_timeout(400)  # the focus animation
    page.evaluate("window.kgViewer.network.fit({animation: false})")
    shot = artifacts / "viewer.png"
    page.screenshot(path=str(shot))
    assert shot.stat().st_size > 10_000
    edge_id = page.evaluate(
        "window.kgViewer.data.edges.find(e => e.kgType === 'spoke_at' && e.from === 'per/曹慧泉').id"
    )
    page.evaluate(f"window.kgViewer.selectEdge({edge_id!r})")
    page.screenshot(path=str(artifacts / "viewer-edge.png"))


def first_paint(open_page, path: Path, shot: Path) -> dict:
    """Open `path` in a 1600×1000 window, screenshot it as it first shows, and measure what is seen."""
    opened = open_page(path)
    assert opened.errors == [] and opened.blocked == []
    opened.page.screenshot(path=str(shot))
    return opened.page.evaluate(FIRST_PAINT_JS)


def test_seed_build_is_legible_at_first_paint(open_page, seed_output, artifacts):
    seen = first_paint(open_page, seed_output / "graph.html", artifacts / "seeds-first-paint.png")
    assert seen["nodes"] > 100
    assert seen["scale"] >= 0.5, seen  # 14 px labels are drawn at ≥ 7 px
    assert seen["inside"] >= 0.95 and seen["labelled"] >= 0.95, seen


def test_seed_build_min_degree_view_is_legible_at_first_paint(open_page, seed_output, artifacts):
    result = CliRunner().invoke(app, ["view", str(seed_output), "--min-degree", "3", "--no-open"])
    assert result.exit_code == 0, result.output
    page = seed_output / "graph-view-deg3.html"
    seen = first_paint(open_page, page, artifacts / "seeds-min-degree-3.png")
    assert 10 < seen["nodes"] < 306
    assert seen["scale"] >= 0.5 and seen["inside"] >= 0.95 and seen["labelled"] >= 0.95, seen


def test_2k_node_graph_fills_the_canvas_at_first_paint(open_page, tmp_path, artifacts):
    G = synthetic_graph(2000, 4000, seed=3)
    seen = first_paint(open_page, render_graph(G, tmp_path / "2k.html"), artifacts / "synthetic-2k.png")
    assert seen["nodes"] == 2000
    assert seen["scale"] >= 0.5 and seen["inside"] >= 0.95, seen
    # Dense: only the hubs' labels are drawn at this zoom, so they don't bury each other.
    assert 0 < seen["labelled"] < 0.2, seen


def test_large_graph_draws_every_node_and_edge(open_page, tmp_path, artifacts):
    G = synthetic_graph(2700, 5400, seed=3)
    opened = open_page(render_graph(G, tmp_path / "large.html"))
    assert counts(opened.page) == {"nodes": G.number_of_nodes(), "edges": G.number_of_edges()}
    assert opened.errors == [] and opened.blocked == []
    opened.page.screenshot(path=str(artifacts / "viewer-large.png"))
