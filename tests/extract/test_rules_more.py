"""More entity/relation rules, on sentences written for the tests."""

import pytest
import spacy

from kg.extract import add_components, extract_articles
from kg.extract.entities import (
    company_short_forms,
    find_events,
    find_places,
    find_rule_candidates,
    merge_candidates,
    model_candidates,
)
from kg.records import Article, Byline


def spans(text, cands, label=None):
    return [text[c.start : c.end] for c in cands if label is None or c.label == label]


def test_company_short_forms():
    assert company_short_forms("湖南星火机电有限公司") == ["星火机电", "星火"]
    assert company_short_forms("长沙市政府") == []


def test_admin_chain_is_split_from_a_venue():
    text = "论坛在长沙市岳麓区梅溪湖国际会议中心举行。"
    merged = merge_candidates(text, find_rule_candidates(text), [])
    names = spans(text, merged)
    assert "长沙市" in names and "岳麓区" in names
    assert not any(n.startswith("长沙市岳麓区") for n in names)


def test_model_entities_are_validated():
    text = "建设幸福株洲，李四说，拟上市企业，常德发布"
    assert spans(text, model_candidates(text, 0, 6, "LOC", 2)) == ["株洲"]
    assert model_candidates(text, 12, 15, "LOC", 2) == []  # 拟上市 is not a place
    assert model_candidates(text, 17, 19, "PER", 2) == []  # 常德 is a city
    assert spans(text, model_candidates(text, 7, 9, "PER", 2)) == ["李四"]


def test_model_place_chain_down_to_a_village_base_is_split():
    # a model span joining town, village and a base named after the village: three places, as the gold
    # guidelines nest them (located_in), although 示范 alone would mark a base name as generic
    text = "省领导来到湘潭县花石镇龙凤村蔬菜示范基地考察。"
    start, end = text.index("花石镇"), text.index("考察")
    assert spans(text, model_candidates(text, start, end, "LOC", 2)) == ["花石镇", "龙凤村"]
    start = text.index("湘潭县")
    assert spans(text, model_candidates(text, start, end, "LOC", 2)) == ["湘潭县", "花石镇", "龙凤村"]
    names = spans(text, merge_candidates(text, find_rule_candidates(text), model_candidates(text, start, end, "LOC", 2)))
    assert {"湘潭县", "花石镇", "龙凤村", "龙凤村蔬菜示范基地"} <= set(names)
    text = "建设株洲党史教育基地"  # without its city the rest is no name: no split, no place
    assert model_candidates(text, 2, len(text), "LOC", 2) == []


def test_county_short_form_needs_the_county_in_full():
    assert spans("投资兴业看渌口", find_places("投资兴业看渌口")) == []
    text = "醴陵市举办瓷博会，醴陵瓷器闻名。"
    assert spans(text, find_places(text)).count("醴陵") == 1


def test_bare_trigger_refers_to_the_named_event():
    text = "第五届醴陵国际陶瓷博览会开幕。市长出席博览会。"
    assert spans(text, find_events(text)) == ["第五届醴陵国际陶瓷博览会", "博览会"]


@pytest.fixture(scope="module")
def nlp():
    return add_components(spacy.blank("zh"))


def rels(ex, type_):
    by_id = {m.id: m for m in ex.mentions}
    return [(by_id[r.subject].normalized, by_id[r.object].normalized if r.object else r.literal)
            for r in ex.relations if r.type == type_]


def test_byline_position_and_affiliation(nlp):
    text = "醴陵日报讯（全媒体记者/孙小梅）6月2日，醴陵经开区新增企业3家。"
    article = Article(id="a", document_id="d", index=0, headline="新增企业", text=text, publisher="醴陵日报",
                      bylines=[Byline(name="孙小梅", role="全媒体记者", organization="醴陵日报", start=12, end=15)])
    ex = extract_articles(nlp, [article])[0]
    assert ("孙小梅", "全媒体记者") in rels(ex, "position")
    assert ("孙小梅", "醴陵日报") in rels(ex, "affiliated_with")
    assert ("孙小梅", "新增企业") in rels(ex, "author_of")


def test_nested_places_and_zone_in_its_county(nlp):
    text = "茶陵县出台新政。茶陵经开区位于茶陵县城东，芦淞区白关镇姚家坝村丝瓜丰收。"
    ex = extract_articles(nlp, [Article(id="a", document_id="d", index=0, headline="", text=text)])[0]
    located = rels(ex, "located_in")
    assert ("白关镇", "芦淞区") in located and ("姚家坝村", "白关镇") in located
    assert ("茶陵经开区", "茶陵县") in located


def test_speaker_and_chair_with_anaphor(nlp):
    text = "6月2日，醴陵市陶瓷产业推进大会召开。副市长陈东主持大会。市长刘华强在大会上强调，要抓项目。"
    ex = extract_articles(nlp, [Article(id="a", document_id="d", index=0, headline="", text=text)])[0]
    assert ("陈东", "醴陵市陶瓷产业推进大会") in rels(ex, "chaired")
    assert ("刘华强", "醴陵市陶瓷产业推进大会") in rels(ex, "spoke_at")


def test_visit_as_one_event(nlp):
    text = "3月2日，副省长王海在醴陵督导安全生产等工作。市长刘华强陪同督导。"
    ex = extract_articles(nlp, [Article(id="a", document_id="d", index=0, headline="", text=text,
                                        date="2024-03-03")])[0]
    event = "王海在醴陵督导安全生产等工作"  # the independent gold names a visit with its visitor
    assert ("王海", event) in rels(ex, "attended")
    assert ("刘华强", event) in rels(ex, "attended")
    assert (event, "醴陵") in rels(ex, "event_location")
    assert (event, "2024-03-02") in rels(ex, "event_date")


def test_delegation_visit_is_named_with_the_delegation():
    from kg.extract.entities import find_visits

    text = "11月7日，广西壮族自治区桂林市代表团来株考察。"
    assert spans(text, find_visits(text)) == ["广西壮族自治区桂林市代表团来株考察"]


def test_implied_body_and_companions_of_a_tour(nlp):
    text = ("6月12日，醴陵陶瓷博览会开幕，市长刘华强主持。博览会由醴陵市人民政府主办。"
            "当天下午，王海一行来到醴陵经开区考察。市人大常委会主任李军陪同。")
    ex = extract_articles(nlp, [Article(id="a", document_id="d", index=0, headline="", text=text)])[0]
    assert ("刘华强", "醴陵市人民政府") in rels(ex, "affiliated_with")  # 市长 → the article's 市人民政府
    assert ("李军", "醴陵陶瓷博览会") not in rels(ex, "attended")  # he went along on the tour, not to the fair
    assert ("刘华强", "醴陵陶瓷博览会") in rels(ex, "chaired")


def test_project_anaphor_and_investor_named_in_the_project(nlp):
    text = "星火机电新能源电机项目签约。总投资12亿元，项目位于醴陵经开区。"
    ex = extract_articles(nlp, [Article(id="a", document_id="d", index=0, headline="", text=text)])[0]
    assert ("星火机电新能源电机项目", "醴陵经开区") in rels(ex, "located_in")


def test_organisations_acting_at_the_meeting(nlp):
    text = ("6月2日，醴陵市陶瓷产业推进大会召开。会上，湖南星火机电有限公司、醴陵华美瓷业有限公司负责人作交流发言；"
            "湘潭大学发布了成果。")
    ex = extract_articles(nlp, [Article(id="a", document_id="d", index=0, headline="", text=text)])[0]
    attended = rels(ex, "attended")
    for org in ("湖南星火机电有限公司", "醴陵华美瓷业有限公司", "湘潭大学"):
        assert (org, "醴陵市陶瓷产业推进大会") in attended


def test_items_of_closed_lists():
    from kg.extract.entities import find_listed_names

    text = "签约了星火电机、醴陵陶瓷谷等12个合作项目。茶园分布于东冲、牛角岭、白石等地。"
    assert [(text[c.start : c.end], c.label) for c in find_listed_names(text)] == [
        ("星火电机", "PROJECT"), ("醴陵陶瓷谷", "PROJECT"), ("东冲", "LOC"), ("牛角岭", "LOC"), ("白石", "LOC")]


def test_second_name_of_a_body_is_an_alias():
    text = "今年，市委党史研究室（市地方志编纂室）开展了遴选工作。"
    merged = merge_candidates(text, find_rule_candidates(text), [])
    assert ("市地方志编纂室", "alias:abbreviation") in [(text[c.start : c.end], c.rule) for c in merged]
