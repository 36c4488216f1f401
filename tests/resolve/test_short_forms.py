"""Customary short forms merged with the full name of the same document: a development zone's (合肥高新区 ~
合肥高新技术产业开发区, kg/resolve/data/short_suffixes.csv) and a committee's written with 委 for 委员会 (市卫健委 ~
市卫生健康委员会). Character tokenizer, no trained model needed."""

import pytest
import spacy

from kg.extract import add_components, extract_articles
from kg.records import Article
from kg.resolve import resolve
from kg.resolve.merges import _same_kind, _zone_full_names


@pytest.fixture(scope="module")
def nlp():
    return add_components(spacy.blank("zh"))


def entities(nlp, *texts):
    articles = [Article(id=f"a{i}", document_id=f"d{i}", index=0, headline="", text=t, publisher=None)
                for i, t in enumerate(texts)]
    found, _ = resolve(extract_articles(nlp, articles))
    return {e.name: e for e in found if e.type in ("LOC", "ORG")}


def test_zone_short_form_names_its_full_name():
    assert "湘潭综合保税区" in _zone_full_names("湘潭综保区")
    assert "衡阳经济技术开发区" in _zone_full_names("衡阳经开区")
    assert "衡阳经济开发区" in _zone_full_names("衡阳经开区")
    assert "衡阳高新技术产业开发区" not in _zone_full_names("衡阳经开区")
    assert _zone_full_names("高新区") == frozenset()  # no place before the zone word: nothing to agree


def test_zone_short_form_merges_with_its_full_name(nlp):
    found = entities(nlp, "岳阳高新技术产业开发区今年新签约项目十二个。据介绍，岳阳高新区将继续优化营商环境。")
    assert found["岳阳高新技术产业开发区"].aliases == ["岳阳高新区"]
    assert "岳阳高新区" not in found


def test_two_zones_of_one_city_stay_apart(nlp):
    found = entities(nlp, "常德经济技术开发区和常德高新技术产业开发区联合招商。常德经开区负责物流，常德高新区负责研发。")
    assert found["常德经济技术开发区"].aliases == ["常德经开区"]
    assert found["常德高新技术产业开发区"].aliases == ["常德高新区"]


def test_zone_of_another_place_stays_apart(nlp):
    found = entities(nlp, "益阳高新技术产业开发区代表团来到郴州高新区考察。")
    assert "郴州高新区" in found and found["益阳高新技术产业开发区"].aliases == []


def test_wei_stands_for_weiyuanhui():
    assert _same_kind("市卫健委", "市卫生健康委员会")
    assert not _same_kind("市卫健委", "市卫生健康局")


def test_committee_short_form_merges_with_its_full_name(nlp):
    found = entities(nlp, "天津市人民政府国有资产监督管理委员会近日召开专题会。会上，天津市国资委有关负责人介绍了改革进展。")
    assert found["天津市人民政府国有资产监督管理委员会"].aliases == ["天津市国资委"]
    found = entities(nlp, "县卫生健康委员会组织义诊活动，县卫健委工作人员为群众测量血压。")
    assert found["县卫生健康委员会"].aliases == ["县卫健委"]


def test_different_committees_stay_apart(nlp):
    found = entities(nlp, "市委召开会议，市纪委通报了三起案件。市发改委和市经信委联合发文。")
    assert {"市委", "市纪委", "市发改委", "市经信委"} <= set(found)
    # 市委 reads in order in 市纪律检查委员会 too, but a bare 市委 is a complete name of another body
    found = entities(nlp, "市纪律检查委员会和市委联合发文，市纪委、市监委将跟踪落实。")
    assert found["市纪律检查委员会"].aliases == ["市纪委"] and found["市委"].aliases == []


def test_a_districts_committee_in_full_is_not_a_zones_committee_written_short():
    from kg.extract import extract_articles, load_pipeline
    from kg.records import Article
    from kg.resolve import resolve

    text = "王刚任峰峰矿区委书记、峰峰矿区经济开发区党工委书记。"
    ex = extract_articles(load_pipeline(), [Article(id="t#0", document_id="t", index=0, headline="", text=text,
                                                          date="2024-05-20")])
    names = {e.name for e in resolve(ex)[0] if e.type == "ORG"}
    assert {"峰峰矿区委", "峰峰矿区经济开发区党工委"} <= names
