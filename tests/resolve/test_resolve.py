"""Resolution on composed articles (character tokenizer, no trained model needed)."""

import pytest
import spacy

from kg.extract import add_components, extract_articles
from kg.records import Article
from kg.resolve import resolve
from kg.resolve.resolver import ArticlePlace, is_abbreviation, qualify_local_name
from kg.extract.places import divisions


def article(aid, doc, text, publisher=None, headline=""):
    return Article(id=aid, document_id=doc, index=0, headline=headline, text=text, publisher=publisher)


@pytest.fixture(scope="module")
def nlp():
    return add_components(spacy.blank("zh"))


def test_abbreviation_by_ordered_characters():
    assert is_abbreviation("中车株机", "中车株洲电力机车有限公司")
    assert is_abbreviation("星火机电", "湖南星火机电有限公司")  # after the leading place name
    assert not is_abbreviation("机电星火", "湖南星火机电有限公司")
    assert not is_abbreviation("株洲日报", "株洲日报社有限公司x"[:4])


def test_local_short_forms_are_qualified():
    table = divisions()
    place = ArticlePlace(city=table.lookup("醴陵市")[0], county=table.lookup("茶陵县")[0])
    assert qualify_local_name("市委", place) == "醴陵市委"
    assert qualify_local_name("县政府", place) == "茶陵县人民政府"
    assert qualify_local_name("市场", place) is None


def test_entities_merge_within_and_across_articles(nlp):
    a1 = article("a1", "d1", "湖南星火机电有限公司（以下简称“星火机电”）落户醴陵经开区。星火机电董事长周明亮表示，将扩大生产。",
                 publisher="株洲日报")
    a2 = article("a2", "d2", "市委书记李正国来到星火机电调研。周明亮陪同。", publisher="株洲日报")
    entities, relations = resolve(extract_articles(nlp, [a1, a2]))
    by_name = {e.name: e for e in entities}
    org = by_name["湖南星火机电有限公司"]
    assert "星火机电" in org.aliases
    assert {m.article_id for m in org.mentions} == {"a1", "a2"}
    assert by_name["株洲市委"].aliases == ["市委"]
    person = by_name["周明亮"]
    assert {m.article_id for m in person.mentions} == {"a1", "a2"}
    assert any(r.type == "alias" and r.subject == org.id and r.literal == "星火机电" for r in relations)
    position = next(r for r in relations if r.type == "position" and r.subject == person.id)
    assert position.attrs["org"] == org.id and position.evidence


def test_places_get_division_code_and_parent(nlp):
    a = article("a1", "d1", "在芦淞区白关镇，丝瓜丰收。", publisher="株洲日报")
    entities, relations = resolve(extract_articles(nlp, [a]))
    town = next(e for e in entities if e.name == "白关镇")
    assert town.attrs["division_code"] == "430203100"
    assert town.attrs["parent"] == "loc/芦淞区"
    district = next(e for e in entities if e.name == "芦淞区")
    city = next(e for e in entities if e.id == district.attrs["parent"])
    assert city.name == "株洲市" and city.attrs["source"] == "division_table" and not city.mentions
    assert next(e for e in entities if e.id == city.attrs["parent"]).name == "湖南省"
    assert any(r.type == "located_in" and r.subject == town.id and r.object == district.id for r in relations)


def test_entity_ids_are_stable_and_readable(nlp):
    a = article("a1", "d1", "湖南星火机电有限公司与醴陵市人民政府签约合作。")
    first = [e.id for e in resolve(extract_articles(nlp, [a]))[0]]
    second = [e.id for e in resolve(extract_articles(nlp, [a]))[0]]
    assert first == second
    assert "org/湖南星火机电有限公司" in first


def test_empty_inputs(nlp):
    assert resolve([]) == ([], [])
    empty = article("a1", "d1", "")
    entities, relations = resolve(extract_articles(nlp, [empty]))
    assert entities == [] and relations == []


def test_reporter_and_official_of_one_name_are_two_people(nlp):
    from kg.records import Byline

    a1 = article("a1", "d1", "本报讯（记者/王建国）近日，醴陵经开区新增企业3家。", publisher="株洲日报")
    a1.bylines = [Byline(name="王建国", role="记者")]
    a2 = article("a2", "d2", "副市长王建国出席会议。", publisher="株洲日报")
    a3 = article("a3", "d2", "王建国强调，要抓项目。", publisher="株洲日报")
    entities, _ = resolve(extract_articles(nlp, [a1, a2, a3]))
    people = [e for e in entities if e.type == "PER" and e.name == "王建国"]
    assert len(people) == 2
    assert sorted({m.article_id for m in p.mentions} == {"a1"} for p in people) == [False, True]


def test_generic_events_are_scoped_to_their_article(nlp):
    a1 = article("a1", "d1", "6月2日，市政府召开座谈会。")
    a2 = article("a2", "d1", "6月3日，县政府召开座谈会。")
    entities, _ = resolve(extract_articles(nlp, [a1, a2]))
    ids = sorted(e.id for e in entities if e.type == "EVENT")
    assert ids == ["event/座谈会@a1", "event/座谈会@a2"]


def test_zone_named_by_the_tail_of_its_full_name(nlp):
    a = article("a1", "d1", "位于益阳龙岭临港新区的项目开工。临港新区今年新增企业12家。", publisher="益阳日报")
    entities, _ = resolve(extract_articles(nlp, [a]))
    zone = next(e for e in entities if e.name == "龙岭临港新区")
    assert "临港新区" in zone.aliases
    assert not any(e.name == "临港新区" for e in entities)
    # a bare kind of place (会展中心) is no short form of a named one
    b = article("b1", "d2", "醴陵会展中心今天开放。会展中心共三层。", publisher="株洲日报")
    entities, _ = resolve(extract_articles(nlp, [b]))
    assert not any("会展中心" in e.aliases for e in entities if e.name == "醴陵会展中心")


def test_provincial_short_form_beside_its_delegation(nlp):
    a = article("a1", "d1", "江西省政协调研组来株考察。省政协副主席王明率队，市政协主席李华陪同。", publisher="株洲日报")
    entities, relations = resolve(extract_articles(nlp, [a]))
    body = next(e for e in entities if e.name == "江西省政协")
    assert "省政协" in body.aliases
    assert any(e.name == "株洲市政协" for e in entities)  # the paper's own city is still 市
    b = article("b1", "d2", "醴陵市司法局送法下乡。市司法局局长张强介绍经验。", publisher="株洲日报")
    entities, _ = resolve(extract_articles(nlp, [b]))
    assert not any("市司法局" in e.aliases for e in entities if e.name == "醴陵市司法局")


def test_bare_area_name_joins_the_area_named_two_ways(nlp):
    from kg.records import Mention

    text = "湄江景区游人如织。湄江片区风光秀丽，湄江成为网红打卡地。"
    [ex] = extract_articles(nlp, [article("a1", "d1", text, publisher="娄底日报")])
    k = text.rindex("湄江")
    ex.mentions.append(Mention(id="m99", text="湄江", label="LOC", start=k, end=k + 2, article_id="a1",
                               normalized="湄江", source="ner:model"))
    entities, _ = resolve([ex])
    areas = [e for e in entities if e.type == "LOC" and e.name.startswith("湄江")]
    assert len(areas) == 1 and {"湄江", "湄江景区", "湄江片区"} <= {areas[0].name, *areas[0].aliases}


def test_a_company_named_with_and_without_its_legal_form_is_one(nlp):
    text = "远航重工集团有限公司与市政府签约。远航重工集团董事长周明亮表示，将扩大投资。"
    extractions = extract_articles(nlp, [article("a1", "d1", text)])
    entities, relations = resolve(extractions)
    companies = [e for e in entities if e.type == "ORG" and "远航重工" in e.name]
    assert [(e.name, "远航重工集团" in e.aliases) for e in companies] == [("远航重工集团有限公司", True)]


def test_local_short_forms_of_an_autonomous_region_and_a_province_the_article_names():
    table = divisions()
    region = ArticlePlace(province=table.lookup("内蒙古自治区")[0])
    assert qualify_local_name("自治区统计局", region) == "内蒙古自治区统计局"
    prefecture = ArticlePlace(city=table.lookup("湘西土家族苗族自治州")[0])
    assert qualify_local_name("州委", prefecture) == "湘西土家族苗族自治州委"
    assert qualify_local_name("州委", ArticlePlace(city=table.lookup("株洲市")[0])) is None


def test_the_article_place_takes_a_province_it_names(nlp):
    from kg.resolve.resolver import article_place

    [ex] = extract_articles(nlp, [article("a1", "d1", "甘肃省委决定，任命李刚为省委组织部部长。")])
    assert article_place(ex).province.name == "甘肃省"
