"""The named queries of queries/ on the real seed build, against rows checked by hand in the seed text.

Each expected row is a fact a reader finds in a seed (the sentence is quoted in the comment); the tests
check that the query returns it, not the exact full result, so better extraction does not break them.
"""

from __future__ import annotations

import pytest

from kg.graph.validate import validate_graph
from kg.query.engine import load_store, named_queries, result_rows, run_query


@pytest.fixture(scope="module")
def store(seed_build):
    _, out = seed_build
    return load_store(out / "graph.ttl")


def rows_of(store, query: str, **params) -> list[dict[str, str]]:
    named = named_queries()[query]
    columns, rows = result_rows(run_query(store, named.text, params, named=named))
    return [dict(zip(columns, row)) for row in rows]


def test_people_posts(store):
    rows = rows_of(store, "people_posts")
    found = {(r["name"], r["title"], r["organization"]) for r in rows}
    # 004: "市委书记曹慧泉致贺词" in a 株洲日报 issue → 株洲市委
    assert ("曹慧泉", "市委书记", "株洲市委") in found
    # 002: "湖南工业大学党委书记刘望"
    assert any(n == "刘望" and o == "湖南工业大学" for n, _, o in found)
    # 000: "中车株洲所董事长李东林"
    assert any(n == "李东林" and o == "中车株洲电力机车研究所有限公司" for n, _, o in found)


def test_events_with_roles_and_dates(store):
    rows = {r["event"]: r for r in rows_of(store, "events")}
    # 004: "3月28日,…中车株洲所第三届科技节开幕,中国中车集团党委书记…王军讲话,市委书记曹慧泉致贺词"
    festival = rows["中车株洲所第三届科技节"]
    assert festival["date"] == "2023-03-28"
    assert {"王军", "曹慧泉"} <= set(festival["speakers"].split("、"))
    # 002: "4月9日,市委书记…曹慧泉主持召开株洲市先进轨道交通装备产业链2023年第一次会议" ;
    # "湖南工业大学党委书记刘望,市领导王卫安、刘剑飞…参加会议"
    meeting = rows["株洲市先进轨道交通装备产业链2023年第一次会议"]
    assert meeting["date"] == "2023-04-09"  # the issue of 2023-04-10 (癸卯年闰二月二十) reports it
    assert "曹慧泉" in meeting["chairs"]
    assert {"刘望", "王卫安", "刘剑飞"} <= set(meeting["attendees"].split("、"))


def test_cooperation_pairs(store):
    pairs = {frozenset((r["party"], r["partner"])) for r in rows_of(store, "cooperation")}
    # 000: "中车株洲电力机车研究所有限公司（以下简称“中车株洲所”）与茶陵县签署一揽子合作框架协议"
    assert frozenset(("中车株洲电力机车研究所有限公司", "茶陵县")) in pairs


def test_by_district_places_projects_with_division_codes(store):
    rows = rows_of(store, "by_district")
    # 001: "意法时尚中心项目位于芦淞区建设南路"; 芦淞区 is 430203 under 株洲市
    assert any(r["district"] == "芦淞区" and r["code"] == "430203" and "意法时尚中心" in r["name"] for r in rows)


def test_entity_query_by_alias_gives_evidence(store):
    rows = rows_of(store, "entity", name="曹慧泉")
    assert rows and all(r["sentence"] for r in rows)
    assert any(r["relation"] == "主持" for r in rows)


def test_articles_mentioning_by_short_name(store):
    rows = rows_of(store, "articles_mentioning", name="中车株洲所")
    headlines = {r["headline"] for r in rows}
    # 004 and 000 both mention the institute (004 by short name, 000 by full name + 以下简称)
    assert "中车株洲所第三届科技节开幕" in headlines
    assert "振兴湘赣边，茶陵携手中车探索协同发展之路" in headlines


def test_seed_build_conforms_to_shapes(seed_build):
    _, out = seed_build
    report = validate_graph(out / "graph.ttl")
    assert report.conforms and report.violations == 0, report.text
