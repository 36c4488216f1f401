import pytest

from kg.graph.stats import graph_stats
from kg.graph.view import date_kind, evidence_quote, split_date, to_json
from kg.records import Evidence


@pytest.mark.parametrize("text,kind", [
    ("2023-05-09", "date"), ("--05-09", "gMonthDay"), ("--02-29", "gMonthDay"), ("2023-02-29", None),
    ("2023-13-01", None), ("5月9日", None), ("", None), (None, None), ("2023-5-9", None),
])
def test_date_kind(text, kind):
    assert date_kind(text) == kind


def test_split_date():
    assert split_date("2023-05-09") == ("2023-05-09", None)
    assert split_date("2023-05-09/2023-05-11") == ("2023-05-09", "2023-05-11")
    assert split_date("--05-09至--05-11") == ("--05-09", "--05-11")
    assert split_date("上周") == (None, None)


def test_evidence_quote():
    ev = Evidence("a", "市长阳卫国主持会议。", 43, 53, 45, 48, "r")
    assert evidence_quote(ev) == "阳卫国"
    bad = Evidence("a", "市长阳卫国主持会议。", 43, 53, 0, 200, "r")  # span outside the sentence
    assert evidence_quote(bad) == "市长阳卫国主持会议。"


def test_to_json_is_stable():
    assert to_json({"b": 1, "a": ["中"]}) == '{"a": ["中"], "b": 1}'


def test_graph_stats(corpus, tmp_path):
    from kg.graph.export import write_exports
    from kg.query import load_store

    outputs, n = write_exports(corpus, tmp_path)
    stats = graph_stats(load_store(outputs["ttl"], imports=False), top=3)
    assert stats.triples == n
    classes = dict(stats.classes)
    assert classes["https://kg.example.org/ontology#Participation"] == 6
    assert classes["http://www.w3.org/ns/org#Membership"] == 2
    assert stats.top_entities[0][1] in {"中车株洲电力机车研究所有限公司", "株洲市轨道交通产业推进大会"}
    assert [d for *_, d in stats.top_entities] == sorted((d for *_, d in stats.top_entities), reverse=True)
