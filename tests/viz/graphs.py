"""Test graphs built directly per the networkx contract (what kg.graph.nx.to_networkx produces)."""

from __future__ import annotations

import json

import networkx as nx

from kg.vocab import relation_types

HOSTILE = "<img src=x onerror=alert(1)>"
HOSTILE_ALIAS = "</script><script>alert(2)</script>"


def _j(value) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def add_entity(G, node_id, etype, label, *, subtype="", aliases=(), posts=(), division_code="", parent="",
               date="", amount="", articles=(), mentions=1, authored=None):
    attrs = dict(type=etype, subtype=subtype, label=label, aliases=_j(sorted(aliases)), posts=_j(list(posts)),
                 division_code=division_code, parent=parent, date=date, amount=amount,
                 articles=_j(sorted(articles, key=lambda a: a["id"])), mentions=mentions)
    if authored is not None:
        attrs["authored"] = _j(authored)
    G.add_node(node_id, **attrs)


def add_relation(G, u, v, rtype, sentence, article, *, title="", amount="", rule="rel:test"):
    vocab = relation_types()[rtype]
    n = sum(1 for key in (G.get_edge_data(u, v, default={}) or {}) if key.startswith(f"{rtype}:"))
    evidence = [{"article_id": article["id"], "headline": article["headline"], "date": article["date"],
                 "sentence": sentence, "start": 0, "end": len(sentence), "rule": rule}]
    G.add_edge(u, v, key=f"{rtype}:{n}", type=rtype, label_zh=vocab.label_zh, label_en=vocab.label_en,
               title=title, amount=amount, evidence=_j(evidence))


A1 = {"id": "doc1-0", "headline": "株洲召开轨道交通产业发展大会", "date": "2020-05-09"}
A2 = {"id": "doc2-0", "headline": "中车株洲所新型轨道交通装备总部基地开工", "date": "2021-03-18"}
A3 = {"id": "doc3-1", "headline": "恶意标题 <script>alert(3)</script>", "date": ""}


def sample_graph() -> nx.MultiDiGraph:
    """A small news graph with every node/edge attribute of the contract, parallel edges and hostile text."""
    G = nx.MultiDiGraph()
    add_entity(G, "per/曹慧泉", "PER", "曹慧泉", subtype="official", aliases=["曹书记"],
               posts=[{"title": "市委书记", "org": "org/株洲市委", "org_label": "株洲市委"}], articles=[A1, A2],
               mentions=4)
    add_entity(G, "per/李东林", "PER", "李东林", subtype="executive",
               posts=[{"title": "董事长", "org": "org/中车株洲所", "org_label": "中车株洲电力机车研究所有限公司"}],
               articles=[A2], mentions=2)
    add_entity(G, "per/马文章", "PER", "马文章", subtype="journalist", articles=[A1], authored=[A1["headline"]])
    add_entity(G, "org/株洲市委", "ORG", "中共株洲市委员会", subtype="party", aliases=["市委", "株洲市委"],
               articles=[A1])
    add_entity(G, "org/中车株洲所", "ORG", "中车株洲电力机车研究所有限公司", subtype="company",
               aliases=["中车株洲所", "株洲所"], articles=[A2], mentions=3)
    add_entity(G, "loc/株洲市", "LOC", "株洲市", subtype="admin", division_code="430200", articles=[A1, A2])
    add_entity(G, "loc/芦淞区", "LOC", "芦淞区", subtype="admin", division_code="430203", parent="loc/株洲市",
               articles=[A2])
    add_entity(G, "event/发展大会", "EVENT", "株洲市轨道交通产业发展大会", date="2020-05-09", articles=[A1])
    add_entity(G, "project/总部基地", "PROJECT", "新型轨道交通装备总部基地", amount="50亿元", articles=[A2])
    add_entity(G, "org/hostile", "ORG", HOSTILE, aliases=[HOSTILE_ALIAS, "恶意\u2028机构"], articles=[A3])

    s1 = "市委书记曹慧泉出席大会并讲话。"
    add_relation(G, "per/曹慧泉", "org/株洲市委", "position", s1, A1, title="市委书记")
    add_relation(G, "per/曹慧泉", "event/发展大会", "attended", s1, A1)
    add_relation(G, "per/曹慧泉", "event/发展大会", "spoke_at", s1, A1)  # parallel edge
    add_relation(G, "per/李东林", "event/发展大会", "chaired", "大会由李东林主持。", A1)
    add_relation(G, "per/李东林", "org/中车株洲所", "position", "中车株洲所董事长李东林表示。", A2, title="董事长")
    add_relation(G, "org/株洲市委", "event/发展大会", "organized", "大会由株洲市委主办。", A1)
    add_relation(G, "event/发展大会", "loc/株洲市", "event_location", "大会在株洲市举行。", A1)
    add_relation(G, "loc/芦淞区", "loc/株洲市", "located_in", "株洲市芦淞区", A2)
    add_relation(G, "org/中车株洲所", "project/总部基地", "invests_in", "中车株洲所投资50亿元建设总部基地。", A2,
                 amount="50亿元")
    add_relation(G, "org/中车株洲所", "loc/株洲市", "cooperates_with", "中车株洲所与株洲市签约合作。", A2)
    add_relation(G, "org/hostile", "org/中车株洲所", "cooperates_with",
                 "恶意句子 <script>alert(4)</script> & \u2028 结束", A3, rule="<b>rule</b>")
    return G
