"""Page generation without a browser: payload, escaping, pyvis/direct parity, selection, layout, write_html."""

from __future__ import annotations

import json
import re

import networkx as nx
import pytest

from kg.viz import build_payload, find_nodes, render_graph, script_json, select_subgraph
from kg.viz.layout import FIRST_PAINT, SPACING, _scaled, layout
from kg.viz.select import FocusNotFound
from kg.viz.synthetic import synthetic_graph

from .graphs import HOSTILE, HOSTILE_ALIAS, sample_graph

DATA = re.compile(r'<script type="application/json" id="kg-data">(.*?)</script>', re.S)


def embedded(html: str) -> dict:
    match = DATA.search(html)
    assert match, "no data block"
    return json.loads(match.group(1))


def test_script_json_escapes_everything_that_could_end_a_script():
    value = {"a": "</script><script>alert(1)</script>", "b": "<!-- & -->", "c": "x\u2028y\u2029z"}
    text = script_json(value)
    for bad in ("<", ">", "&", "\u2028", "\u2029"):
        assert bad not in text
    assert json.loads(text) == value


def test_page_is_self_contained_and_escaped(tmp_path):
    html = render_graph(sample_graph(), tmp_path / "g.html").read_text(encoding="utf-8")
    # No remote resources of any kind: vis-network and our code are inline.
    assert not re.search(r'(src|href)\s*=\s*["\']?(https?:)?//', html)
    assert "vis-network" in html and "kgViewer" in html
    # The hostile strings never appear raw, only inside the escaped JSON.
    assert HOSTILE not in html and HOSTILE_ALIAS not in html and "<script>alert" not in html
    # Exactly our three script elements end, and no "<!--" could put the parser in a double-escaped state.
    assert html.count("</script") == 3 and "<!--" not in html
    data = embedded(html)
    labels = {n["label"] for n in data["nodes"]}
    assert HOSTILE in labels
    assert HOSTILE_ALIAS in data["info"]["org/hostile"]["aliases"]


def test_payload_carries_the_contract_attributes():
    G = sample_graph()
    data = build_payload(G)
    assert len(data["nodes"]) == G.number_of_nodes() and len(data["edges"]) == G.number_of_edges()
    person = data["info"]["per/曹慧泉"]
    assert person["aliases"] == ["曹书记"]
    assert person["posts"] == [{"org": "org/株洲市委", "org_label": "株洲市委", "title": "市委书记"}]
    assert [data["articles"][i][1] for i in person["articles"]] == ["株洲召开轨道交通产业发展大会",
                                                                     "中车株洲所新型轨道交通装备总部基地开工"]
    district = data["info"]["loc/芦淞区"]
    assert district["division_code"] == "430203" and district["parent_label"] == "株洲市"
    assert data["info"]["per/马文章"]["authored"] == ["株洲召开轨道交通产业发展大会"]
    # Edge labels and relation names come from kg/vocab.py.
    spoke = next(e for e in data["edges"] if e["kgType"] == "spoke_at")
    assert spoke["label"] == "讲话" and data["relations"]["spoke_at"] == {"label_zh": "讲话", "label_en": "spoke at"}
    position = next(e for e in data["edges"] if e["kgType"] == "position" and e["from"] == "per/曹慧泉")
    assert position["label"] == "任职·市委书记"
    evidence = data["edgeInfo"][spoke["id"]]["evidence"]
    assert evidence[0]["sentence"] == "市委书记曹慧泉出席大会并讲话。"
    assert data["articles"][evidence[0]["article"]][1:] == ["株洲召开轨道交通产业发展大会", "2020-05-09"]
    # attended and spoke_at join the same pair: the second one is curved so both stay visible.
    pair = [e for e in data["edges"] if e["from"] == "per/曹慧泉" and e["to"] == "event/发展大会"]
    assert len(pair) == 2 and sum("smooth" in e for e in pair) == 1
    # Size by degree; type legend in the canonical order.
    assert next(n for n in data["nodes"] if n["id"] == "event/发展大会")["value"] == 5
    assert list(data["styles"]) == ["PER", "ORG", "LOC", "EVENT", "PROJECT"]


def test_direct_records_equal_pyvis_records():
    G = synthetic_graph(120, 240, seed=5)
    via_pyvis = build_payload(G, use_pyvis=True)
    direct = build_payload(G, use_pyvis=False)
    assert via_pyvis["nodes"] == direct["nodes"]
    assert via_pyvis["edges"] == direct["edges"]


def test_output_is_deterministic(tmp_path):
    first = render_graph(sample_graph(), tmp_path / "a.html").read_bytes()
    second = render_graph(sample_graph(), tmp_path / "b.html").read_bytes()
    assert first == second


def test_positions_are_precomputed_and_physics_stays_off():
    small = build_payload(sample_graph())
    big = build_payload(synthetic_graph(3000, 3000, seed=2))
    for data in (small, big):
        assert data["options"]["physics"] == {"enabled": False}
        assert all("x" in n and "y" in n for n in data["nodes"])
    # Every label is drawn at first paint in a small graph; in a big one only the hubs' (fonts 14-22 px by degree).
    assert small["options"]["nodes"]["scaling"]["label"]["drawThreshold"] == 7
    assert big["options"]["nodes"]["scaling"]["label"]["drawThreshold"] > 7
    assert small["options"]["edges"]["scaling"]["label"]["drawThreshold"] >= 10  # edge labels wait for a zoom-in


def test_a_component_laid_out_on_a_line_keeps_a_sane_size():
    import numpy as np

    # A near-collinear layout has almost no area: scaling by area once made this 12 million units long.
    line = _scaled(np.array([[0.0, 0.0], [1.0, 1e-9], [2.0, 0.0]]), np.array([[0, 1], [1, 2]]), room=3 * 5000.0)
    assert SPACING <= np.ptp(line[:, 0]) < 2000
    # Collapsed to one point: spread on a circle.
    point = _scaled(np.ones((3, 2)), np.array([[0, 1]]), room=1.0)
    assert len({tuple(p) for p in point.round(3).tolist()}) == 3


def test_many_small_components_fit_the_first_paint_box():
    G = synthetic_graph(120, 110, seed=8)  # a forest of small trees
    for i in range(150):  # and islands: entities without relations
        G.add_node(f"lonely/{i}", type="ORG", label=f"株洲市第{i}号孤立机构有限公司")
    pos = layout(G)
    xs, ys = [x for x, _ in pos.values()], [y for _, y in pos.values()]
    assert max(xs) - min(xs) <= FIRST_PAINT[0] and max(ys) - min(ys) <= FIRST_PAINT[1]
    # Labels of neighbouring islands don't overlap: the same row never holds two nodes closer than a label.
    islands = sorted(pos[f"lonely/{i}"] for i in range(150))
    rows: dict[float, list[float]] = {}
    for x, y in islands:
        rows.setdefault(y, []).append(x)
    assert min(b - a for xs in rows.values() for a, b in zip(xs, xs[1:])) >= 0.9 * 15 * 14


def _nearest_gaps(pos):
    import numpy as np

    xy = np.array(list(pos.values()))
    gaps = np.sqrt(((xy[:, None, :] - xy[None, :, :]) ** 2).sum(-1))
    np.fill_diagonal(gaps, np.inf)
    area = np.ptp(xy[:, 0]) * np.ptp(xy[:, 1])
    return gaps.min(axis=1) / np.sqrt(area / len(xy))  # in units of the room each node would get


def test_layout_spreads_nodes_out():
    pytest.importorskip("igraph", reason="the networkx fallback layout is crowded by design")
    import numpy as np

    G = synthetic_graph(3000, 6000, seed=4)
    G.add_node("lonely", type="PER", label="孤立")
    pos = layout(G)
    assert set(pos) == set(G)
    assert layout(G) == pos  # deterministic
    nearest = _nearest_gaps(pos)
    assert np.median(nearest) > 0.3
    assert (nearest < 0.05).mean() < 0.02


def test_networkx_fallback_layout_places_every_node(monkeypatch):
    from kg.viz import layout as layout_module

    monkeypatch.setattr(layout_module, "igraph", None)
    G = synthetic_graph(800, 1600, seed=6)
    G.add_edge("a", "b")
    pos = layout_module.layout(G)
    assert set(pos) == set(G) and layout_module.layout(G) == pos
    assert len(set(pos.values())) > 0.95 * len(pos)


def test_find_nodes_by_id_label_alias_and_substring():
    G = sample_graph()
    assert find_nodes(G, "per/曹慧泉") == ["per/曹慧泉"]
    assert find_nodes(G, "曹慧泉") == ["per/曹慧泉"]
    assert find_nodes(G, "株洲所") == ["org/中车株洲所"]  # alias
    assert find_nodes(G, "发展大会") == ["event/发展大会"]  # unique substring
    with pytest.raises(FocusNotFound, match="no entity"):
        find_nodes(G, "不存在的人")
    with pytest.raises(FocusNotFound, match="ambiguous"):
        find_nodes(G, "株洲")


def test_ego_view_and_limits():
    G = sample_graph()
    one, summary = select_subgraph(G, focus="曹慧泉", hops=1)
    assert set(one) == {"per/曹慧泉", "org/株洲市委", "event/发展大会"}
    assert summary["focus"] == ["曹慧泉"] and summary["shown_nodes"] == 3
    two, _ = select_subgraph(G, focus="曹慧泉", hops=2)
    assert {"per/李东林", "loc/株洲市"} <= set(two) and "project/总部基地" not in two
    capped, _ = select_subgraph(G, focus="曹慧泉", hops=2, max_nodes=2)
    assert set(capped) == {"per/曹慧泉", "event/发展大会"}  # the centre, then the best connected neighbour
    dense, _ = select_subgraph(G, min_degree=3)
    assert all(G.degree(n) >= 3 for n in dense) and "per/马文章" not in dense
    kept, _ = select_subgraph(G, focus="马文章", min_degree=3)
    assert set(kept) == {"per/马文章"}  # the focus survives the degree cut
    with pytest.raises(ValueError):
        select_subgraph(G, max_nodes=0)


def test_focus_page_keeps_full_degrees(tmp_path):
    html = render_graph(sample_graph(), tmp_path / "ego.html", focus="李东林", hops=1).read_text(encoding="utf-8")
    data = embedded(html)
    assert {n["id"] for n in data["nodes"]} == {"per/李东林", "event/发展大会", "org/中车株洲所"}
    assert next(n for n in data["nodes"] if n["id"] == "event/发展大会")["value"] == 5
    assert data["meta"]["summary"]["focus"] == ["李东林"]
    assert "<title>kg 知识图谱 · 李东林</title>" in html


def test_empty_graph_still_renders(tmp_path):
    data = embedded(render_graph(nx.MultiDiGraph(), tmp_path / "empty.html").read_text(encoding="utf-8"))
    assert data["nodes"] == [] and data["edges"] == []


def test_graphml_round_trip_gives_the_same_page(tmp_path):
    G = sample_graph()
    nx.write_graphml(G, tmp_path / "graph.graphml", encoding="utf-8")
    back = nx.read_graphml(tmp_path / "graph.graphml", force_multigraph=True)
    assert build_payload(back) == build_payload(G)


def test_write_html_from_a_corpus(tmp_path):
    pytest.importorskip("kg.graph.nx")
    from kg.records import Article, Corpus, Document, Entity, Evidence, Relation
    from kg.viz import write_html

    text = "市委书记曹慧泉出席大会并讲话。"
    article = Article(id="d1-0", document_id="d1", index=0, headline="株洲召开大会", text=text, date="2020-05-09")
    corpus = Corpus(documents=[Document(id="d1", path="d1.txt", format="txt", encoding="utf-8", text=text,
                                        articles=[article])])
    corpus.entities = [Entity(id="per/曹慧泉", type="PER", name="曹慧泉", subtype="official"),
                       Entity(id="event/大会", type="EVENT", name="大会")]
    corpus.relations = [Relation(type="spoke_at", subject="per/曹慧泉", object="event/大会",
                                 evidence=[Evidence(article_id="d1-0", sentence=text, sentence_start=0,
                                                    sentence_end=len(text), start=0, end=len(text),
                                                    rule="rel:test")])]
    data = embedded(write_html(corpus, tmp_path / "graph.html").read_text(encoding="utf-8"))
    assert {n["label"] for n in data["nodes"]} == {"曹慧泉", "大会"}
    edge = data["edges"][0]
    assert (edge["from"], edge["to"], edge["kgType"]) == ("per/曹慧泉", "event/大会", "spoke_at")
    assert data["edgeInfo"][edge["id"]]["evidence"][0]["sentence"] == text


def test_title_is_escaped(tmp_path):
    html = render_graph(sample_graph(), tmp_path / "t.html", title="<script>alert(5)</script>").read_text(
        encoding="utf-8")
    assert "<script>alert(5)" not in html
    assert "&lt;script&gt;alert(5)&lt;/script&gt;" in html


def test_page_script_never_parses_html():
    """Panels are built with textContent: no HTML sinks in our own JS."""
    from kg.viz.render import STATIC

    code = (STATIC / "viewer.js").read_text(encoding="utf-8")
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"):
        assert sink not in code


def test_screenshots_never_go_to_the_users_output(artifacts):
    # they once went to output/test-artifacts, next to the user's own build
    import os
    from pathlib import Path

    repo_output = Path(__file__).resolve().parents[2] / "output"
    if not os.environ.get("KG_TEST_ARTIFACTS"):
        assert not artifacts.resolve().is_relative_to(repo_output.resolve())
