import json

import networkx as nx

from kg.graph.nx import read_graphml, to_networkx, write_graphml
from kg.records import Corpus
from kg.vocab import relation_types

from graph_corpus import HOSTILE


def test_nodes_follow_the_contract(corpus):
    g = to_networkx(corpus)
    assert isinstance(g, nx.MultiDiGraph)
    assert set(g.nodes) == {e.id for e in corpus.entities}
    crrc = g.nodes["org/中车株洲电力机车研究所有限公司"]
    assert crrc["type"] == "ORG" and crrc["subtype"] == "company"
    assert json.loads(crrc["aliases"]) == ["中车株洲所"]
    assert [a["id"] for a in json.loads(crrc["articles"])] == ["doc1-a0", "doc1-a1"]
    assert crrc["mentions"] == 2
    cao = g.nodes["per/曹慧泉"]
    assert json.loads(cao["posts"]) == [{"title": "市委书记", "org": "org/株洲市委", "org_label": "株洲市委"}]
    assert json.loads(g.nodes["per/阳卫国"]["posts"]) == [{"title": "市长", "org": None, "org_label": None}]
    assert g.nodes["event/株洲市轨道交通产业推进大会"]["date"] == "2023-05-09"
    assert g.nodes["loc/石峰区"]["parent"] == "loc/株洲市"
    assert g.nodes["loc/石峰区"]["division_code"] == "430204"
    assert json.loads(g.nodes["per/胡文洁"]["authored"]) == ["株洲市轨道交通产业推进大会召开"]
    for _, attrs in g.nodes(data=True):
        assert all(isinstance(v, (str, int, float)) for v in attrs.values())


def test_edges_one_per_entity_relation(corpus):
    g = to_networkx(corpus)
    literal_only = {"alias", "event_date", "author_of"}
    expected = sum(1 for r in corpus.relations if r.type not in literal_only and (r.object or r.attrs.get("org")))
    assert g.number_of_edges() == expected
    types = {d["type"] for _, _, d in g.edges(data=True)}
    assert types == set(relation_types()) - literal_only
    data = g.get_edge_data("per/曹慧泉", "org/株洲市委")["position:0"]
    assert data["title"] == "市委书记" and data["label_zh"] == "任职" and data["label_en"] == "holds position"
    evidence = json.loads(g.get_edge_data("per/阳卫国", "event/株洲市轨道交通产业推进大会")["chaired:0"]["evidence"])
    assert evidence[0]["sentence"] == "市长阳卫国主持会议。"
    assert evidence[0]["headline"] == "株洲市轨道交通产业推进大会召开" and evidence[0]["date"] == "2023-05-09"
    invest = g.get_edge_data("org/中车株洲电力机车研究所有限公司", "project/新型轨道交通装备总部基地项目")
    assert invest["invests_in:0"]["amount"] == "10亿元"


def test_graphml_round_trip(corpus, tmp_path):
    g = to_networkx(corpus)
    path = tmp_path / "g.graphml"
    write_graphml(g, path)
    back = read_graphml(path)
    assert set(back.nodes) == set(g.nodes)
    assert dict(back.nodes(data=True)) == dict(g.nodes(data=True))
    assert sorted(back.edges(keys=True, data=True)) == sorted(g.edges(keys=True, data=True))
    assert back.nodes[f"per/{HOSTILE}"]["label"] == HOSTILE


def test_dangling_relations_are_skipped(corpus):
    corpus.relations.append(corpus.relations[5].__class__("visited", "per/曹慧泉", "org/不存在"))
    g = to_networkx(corpus)
    assert "org/不存在" not in g


def test_empty_corpus():
    g = to_networkx(Corpus())
    assert g.number_of_nodes() == 0 and g.number_of_edges() == 0
