"""Synthetic contract graphs of any size, for the viewer's benchmark and scale tests.

Hub-and-spoke like real news graphs (preferential attachment), every contract attribute filled,
Chinese labels, one evidence sentence per edge. Deterministic for a given seed.
"""

from __future__ import annotations

import json
import random

import networkx as nx

from kg.vocab import relation_types

_SURNAMES = "王李张刘陈杨黄赵周吴徐孙马胡朱郭何罗高林曹谭彭邓"
_GIVEN = "文华建国明伟芳军平志红东海林强磊洋勇艳杰涛超慧泉腾飞雪峰"
_PLACES = "株洲长沙湘潭衡阳岳阳常德益阳郴州永州怀化娄底邵阳醴陵攸县茶陵炎陵渌口芦淞荷塘石峰天元"
_ORG_SUFFIX = ("有限公司", "研究所", "管理局", "委员会", "协会", "大学", "银行", "集团")
_EVENT_SUFFIX = ("大会", "座谈会", "论坛", "签约仪式", "推介会", "博览会")

# (subject type, object type) → plausible relation types
_RELATIONS = {
    ("PER", "ORG"): ("position", "affiliated_with", "visited"),
    ("PER", "EVENT"): ("attended", "chaired", "spoke_at"),
    ("ORG", "EVENT"): ("organized", "attended"),
    ("EVENT", "LOC"): ("event_location",),
    ("ORG", "LOC"): ("located_in", "cooperates_with"),
    ("ORG", "ORG"): ("cooperates_with", "part_of"),
    ("ORG", "PROJECT"): ("invests_in",),
    ("PROJECT", "LOC"): ("located_in",),
    ("LOC", "LOC"): ("located_in",),
}
_TYPES = ("PER", "ORG", "LOC", "EVENT", "PROJECT")
_TYPE_WEIGHTS = (0.38, 0.30, 0.12, 0.14, 0.06)


def _name(rng: random.Random, etype: str, index: int) -> str:
    if etype == "PER":
        return rng.choice(_SURNAMES) + "".join(rng.choices(_GIVEN, k=rng.choice((1, 2))))
    place = "".join(rng.choices(_PLACES, k=2))
    if etype == "ORG":
        return f"{place}{rng.choice(_GIVEN)}{rng.choice(_ORG_SUFFIX)}{index}"
    if etype == "LOC":
        return f"{place}{rng.choice('区县镇村')}{index}"
    if etype == "EVENT":
        return f"{place}第{index}届{rng.choice(_EVENT_SUFFIX)}"
    return f"{place}{rng.choice(_GIVEN)}产业园项目{index}"


def synthetic_graph(n_nodes: int, n_edges: int, seed: int = 1) -> nx.MultiDiGraph:
    rng = random.Random(seed)
    vocab = relation_types()
    articles = [
        {"id": f"art{i:05d}", "headline": f"{''.join(rng.choices(_PLACES, k=2))}新闻第{i}篇", "date": f"2021-{1 + i % 12:02d}-{1 + i % 28:02d}"}
        for i in range(max(1, n_nodes // 8))
    ]
    G = nx.MultiDiGraph()
    types = rng.choices(_TYPES, weights=_TYPE_WEIGHTS, k=n_nodes)
    ids = []
    for i, etype in enumerate(types):
        label = _name(rng, etype, i)
        node_id = f"{etype.lower()}/{i}"
        ids.append(node_id)
        seen = rng.sample(articles, k=min(len(articles), rng.randint(1, 3)))
        G.add_node(
            node_id, type=etype, subtype="", label=label, aliases=json.dumps([label[:2] + str(i)], ensure_ascii=False),
            posts="[]", division_code="", parent="", date="", amount="",
            articles=json.dumps(sorted(seen, key=lambda a: a["id"]), ensure_ascii=False, sort_keys=True),
            mentions=len(seen),
        )
    # Preferential attachment: each new node links to earlier nodes picked in proportion to degree.
    per_node = max(1, round(n_edges / max(1, n_nodes - 1)))
    endpoints: list[int] = [0]
    count = 0
    for i in range(1, n_nodes):
        for _ in range(per_node):
            if count >= n_edges:
                break
            j = rng.choice(endpoints)
            u, v = (i, j) if rng.random() < 0.5 else (j, i)
            choices = _RELATIONS.get((types[u], types[v])) or ("cooperates_with",)
            rtype = rng.choice(choices)
            article = rng.choice(articles)
            sentence = f"{G.nodes[ids[u]]['label']}与{G.nodes[ids[v]]['label']}{vocab[rtype].label_zh}。"
            evidence = [{"article_id": article["id"], "headline": article["headline"], "date": article["date"],
                         "sentence": sentence, "start": 0, "end": len(sentence), "rule": "synthetic"}]
            G.add_edge(ids[u], ids[v], key=f"{rtype}:{count}", type=rtype, label_zh=vocab[rtype].label_zh,
                       label_en=vocab[rtype].label_en, title="", amount="",
                       evidence=json.dumps(evidence, ensure_ascii=False, sort_keys=True))
            endpoints.extend((i, j))
            count += 1
        endpoints.append(i)
    return G
