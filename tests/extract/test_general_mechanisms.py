"""The general mechanisms of issue 18, each on sentences written for this test (not taken from the seeds or the
realnews-dev pages): the model gate and its reasons, name statistics, names before titles, bodies implied by titles,
visits named after their visitor, declarative relation patterns with lists, located_in from nested names, events
written with and without their place."""

from __future__ import annotations

from functools import partial

import pytest

from kg.extract import extract_articles, load_pipeline
from kg.extract.entities import (Vetoes, find_events, find_name_title_persons, find_person_visits, find_suffix_orgs,
                                 find_suffix_places, find_rule_candidates, model_candidates,
                                 person_end)
from kg.extract.namestats import name_stats
from kg.extract.patterns import SYMBOL, abstract, load_patterns, match_sentence
from kg.records import Article, Mention
from kg.resolve import resolve


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


def _extract(nlp, text: str, headline: str = "", date: str | None = "2024-05-20"):
    return extract_articles(nlp, [Article(id="t#0", document_id="t", index=0, headline=headline, text=text,
                                          date=date)])[0]


def _resolved_relations(nlp, text: str, type_: str) -> set[tuple[str, str | None]]:
    """(subject, object) names of one relation type after resolution of the one article."""
    entities, relations = resolve([_extract(nlp, text)])
    names = {e.id: e.name for e in entities}
    return {(names[r.subject], names.get(r.object)) for r in relations if r.type == type_}


def _spans(finder, text: str) -> list[str]:
    return [text[c.start : c.end] for c in finder(text)]


def _relations(ex, type_: str) -> set[tuple[str, str]]:
    by_id = {m.id: m for m in ex.mentions}
    return {(by_id[r.subject].normalized, by_id[r.object].normalized if r.object else r.literal)
            for r in ex.relations if r.type == type_}


# --------------------------------------------------------------------------- the gate


@pytest.mark.parametrize("word", ["强调", "计划", "和一些", "关于", "认为"])
def test_words_are_vetoed_as_persons_by_the_name_statistics(word):
    text = f"他{word}了"
    vetoes = Vetoes()
    assert model_candidates(text, 1, 1 + len(word), "PER", 2, vetoes) == []
    assert vetoes and vetoes[0][2] in ("per:unlikely_name", "per:length")


@pytest.mark.parametrize("name", ["王晓明", "李秀英", "欧阳振华", "赵敏", "周建明"])
def test_names_pass_the_name_statistics(name):
    assert name_stats().is_person_like(name)
    assert person_end(name + "说", 0, len(name)) == len(name)


def test_a_trailing_function_word_is_cut_from_a_name():
    text = "张建国的讲话"
    assert person_end(text, 0, 4) == 3


def test_gate_retypes_and_vetoes_with_reasons():
    vetoes = Vetoes()
    # a company tagged as a place is an organisation
    text = "参观了湖南星辰精密制造有限公司"
    [c] = model_candidates(text, 3, len(text), "LOC", 2, vetoes)
    assert c.label == "ORG"
    # a country tagged as an organisation is a place
    text = "来自法国的客商"
    [c] = model_candidates(text, 2, 4, "ORG", 2, vetoes)
    assert c.label == "LOC"
    # a span with a comma inside is two things, not one name
    text = "产业规划，产业协会"
    assert model_candidates(text, 0, len(text), "ORG", 2, vetoes) == []
    assert ("ORG", text, "punctuation_inside") in vetoes


def test_a_name_cut_one_character_into_a_word_takes_the_whole_word():
    text = "中船阳光投资有限公司"
    # the model started at 船; the segmenter's word 中船 starts one character earlier
    [c] = model_candidates(text, 1, len(text), "ORG", 2, Vetoes(), words=[(0, 2)])
    assert text[c.start:c.end] == text


# --------------------------------------------------------------------------- persons and posts


def test_names_before_their_titles():
    text = "会上，刘振东书记、陈丽副市长分别讲话。"
    found = [(text[c.start:c.end], c.label) for c in find_name_title_persons(text)]
    assert ("刘振东", "PER") in found and ("陈丽", "PER") in found and ("副市长", "TITLE") in found


def test_title_after_a_place_implies_that_places_body(nlp):
    ex = _extract(nlp, "岳阳市副市长周志刚出席开幕式。")
    assert ("周志刚", "岳阳市人民政府") in _relations(ex, "affiliated_with")


def test_rank_titles_are_positions_without_a_body(nlp):
    ex = _extract(nlp, "县领导彭立、吴涛参加调研。")
    assert {("彭立", "县领导"), ("吴涛", "县领导")} <= _relations(ex, "position")


# --------------------------------------------------------------------------- events


def test_a_visit_is_named_with_its_visitor():
    text = "3月8日，省委副书记郑伟在邵阳市调研乡村振兴工作时强调，要抓好落实。"
    [visit] = find_person_visits(text)
    assert text[visit.start:visit.end] == "郑伟在邵阳市调研乡村振兴工作"
    assert visit.attrs["short_name"] == "在邵阳市调研乡村振兴工作"  # the name a reader uses without the visitor
    assert find_person_visits("王刚在李明的陪同下考察") == []  # no place: not a named visit


def test_headline_visit_is_an_event_of_the_article(nlp):
    ex = _extract(nlp, "4月2日，郑伟来到湘乡经开区，察看项目建设进展。", headline="郑伟在湘潭调研")
    events = [m for m in ex.mentions if m.label == "EVENT"]
    assert any(m.normalized == "郑伟在湘潭调研" and m.attrs.get("date") == "2024-04-02" for m in events)


def test_event_written_with_and_without_its_place_is_one(nlp):
    text = ("5月9日，益阳市智能装备产业发展大会召开。市智能装备产业发展大会由市工信局承办。")
    entities, _ = resolve([_extract(nlp, text)])
    events = [e for e in entities if e.type == "EVENT"]
    assert len(events) == 1 and "市智能装备产业发展大会" in events[0].aliases


# --------------------------------------------------------------------------- relation patterns


def _mention(k: int, label: str, start: int, end: int, text: str) -> Mention:
    return Mention(id=f"m{k}", text=text[start:end], label=label, start=start, end=end, article_id="a",
                   normalized=text[start:end])


def test_abstract_writes_each_outermost_mention_as_one_symbol():
    text = "市长张三、李四出席大会。"
    mentions = [_mention(0, "TITLE", 0, 2, text), _mention(1, "PER", 2, 4, text), _mention(2, "PER", 5, 7, text),
                _mention(3, "EVENT", 9, 11, text)]
    shape, offsets, symbols = abstract(text, 0, len(text), mentions)
    assert shape == SYMBOL["TITLE"] + SYMBOL["PER"] + "、" + SYMBOL["PER"] + "出席" + SYMBOL["EVENT"] + "。"
    assert [symbols[i].id for i in sorted(symbols)] == ["m0", "m1", "m2", "m3"]


def test_a_roster_attends_and_a_list_of_speakers_speaks():
    text = "县长王一，县政协主席赵二、钱三等参加活动。孙四、李五先后发言。"
    mentions = [_mention(0, "TITLE", 0, 2, text), _mention(1, "PER", 2, 4, text), _mention(2, "TITLE", 5, 10, text),
                _mention(3, "PER", 10, 12, text), _mention(4, "PER", 13, 15, text),
                _mention(5, "PER", 21, 23, text), _mention(6, "PER", 24, 26, text)]
    assert text[21:23] == "孙四" and text[24:26] == "李五"
    hits = match_sentence(load_patterns(), text, 0, 21, mentions)
    attended = {m.text for h in hits if h.pattern.relation == "attended" for m in h.subjects}
    assert attended == {"王一", "赵二", "钱三"}
    hits = match_sentence(load_patterns(), text, 21, len(text), mentions)
    assert {m.text for h in hits if h.pattern.relation == "spoke_at" for m in h.subjects} == {"孙四", "李五"}


def test_visited_places_and_signing_parties(nlp):
    ex = _extract(nlp, "王建军一行先后来到湖南星辰精密制造有限公司、岳阳经开区考察。"
                       "湘潭市人民政府与中国中车股份有限公司签署战略合作协议。")
    visited = {o for _, o in _relations(ex, "visited")}
    assert {"湖南星辰精密制造有限公司", "岳阳经开区"} <= visited
    pairs = {frozenset(p) for p in _relations(ex, "cooperates_with")}
    assert frozenset({"湘潭市人民政府", "中国中车股份有限公司"}) in pairs


# --------------------------------------------------------------------------- located_in


def test_located_in_from_nested_names_only(nlp):
    text = "四川省绵阳市游仙区举行招商会。绵阳市商务局负责人介绍，游仙区位于绵阳市东部。"
    entities, relations = resolve([_extract(nlp, text)])
    name = {e.id: e.name for e in entities}
    located = {(name[r.subject], name[r.object]) for r in relations if r.type == "located_in"}
    assert ("绵阳市", "四川省") in located  # written one after the other
    assert ("绵阳市商务局", "绵阳市") in located  # a body named after a place the text names


def test_quoted_campaigns_and_national_congresses():

    text = "全区以“招商引资突破年”“营商环境提升年”活动为抓手，深入学习贯彻党的二十大精神。"
    assert [text[c.start:c.end] for c in find_events(text)] == ["招商引资突破年", "营商环境提升年", "党的二十大"]
    text = "“推动中部崛起、建设美丽乡村研讨会”系列活动在武汉启动。"
    assert [text[c.start:c.end] for c in find_events(text)] == ["推动中部崛起、建设美丽乡村研讨会"]


def test_a_national_congress_is_named_not_attended(nlp):
    ex = _extract(nlp, "4月3日，市委书记王海峰主持召开常委会议，强调要深入学习贯彻党的二十大精神。")
    assert not any(o == "党的二十大" for _, o in _relations(ex, "spoke_at") | _relations(ex, "attended"))


def test_model_titles_feed_positions():
    from kg.extract.relations import extract_relations

    text = "星辰公司运营总监张立新介绍。"
    article = Article(id="a", document_id="a", index=0, headline="", text=text)
    mentions = [_mention(0, "ORG", 0, 4, text), _mention(1, "TITLE", 4, 8, text), _mention(2, "PER", 8, 11, text)]
    mentions[1].source = "ner:model"
    relations = extract_relations(article, text, [(0, len(text))], mentions)
    found = {(r.type, r.literal or r.object) for r in relations if r.subject == "m2"}
    assert ("position", "运营总监") in found and ("affiliated_with", "m0") in found


# --------------------------------------------------------------------------- word statistics at the gate


def _gate(text: str, label: str, end: int | None = None, words=()):
    vetoes = Vetoes()
    found = model_candidates(text, 0, len(text) if end is None else end, label, 1, vetoes, words=list(words))
    return [(text[c.start : c.end], c.label) for c in found], [reason for _, _, reason in vetoes]


@pytest.mark.parametrize("text, start, label, name", [
    ("会议听取山西省委", 2, "ORG", "山西省委"),        # a verb the model ran into before the body
    ("目前厦门大学", 0, "ORG", "厦门大学"),
    ("要围绕北京大学", 1, "ORG", "北京大学"),
])
def test_ordinary_words_before_a_place_or_known_body_are_cut_off(text, start, label, name):
    vetoes = Vetoes()
    found = model_candidates(text, start, len(text), label, 1, vetoes)
    assert [text[c.start : c.end] for c in found] == [name]


def test_a_body_of_ordinary_words_is_a_kind_but_an_unknown_word_is_a_name():
    assert _gate("专家委员会", "ORG") == ([], ["org:kind_not_name"])
    assert _gate("学术委员会", "ORG")[0] == [] and _gate("考核委员会", "ORG")[0] == []
    assert _gate("福耀集团", "ORG")[0] == [("福耀集团", "ORG")]    # 福耀 is no ordinary word
    assert _gate("恒瑞集团", "ORG")[0] == [("恒瑞集团", "ORG")]


def test_a_committee_of_a_known_body_and_a_city_ending_in_its_suffix():
    assert _gate("全国政协外事委", "ORG")[0] == [("全国政协外事委", "ORG")]   # a committee of a gazetteer body
    assert _gate("枣阳市委", "ORG")[0] == [("枣阳市委", "ORG")]               # 枣阳市 + 市委, not 枣阳 + 市委


def test_a_name_one_character_short_of_a_name_word_takes_it():
    assert _gate("前海新城建设", "LOC", end=3, words=[(2, 4)])[0] == [("前海新城", "LOC")]   # 城 ends places often
    assert _gate("桃源抽水", "ORG", end=3, words=[(2, 4)])[1] == ["cuts_a_word"]     # 水 ends no ORG


def test_a_zone_ending_in_qu_is_no_unknown_division():
    assert _gate("西咸新区", "LOC")[0] == [("西咸新区", "LOC")]
    assert _gate("拟上市", "LOC")[1] == ["loc:unknown_division"]


def test_party_committee_and_government_written_together_are_two_bodies(nlp):
    ex = _extract(nlp, "徐州市委市政府高度重视项目建设，县委县政府主要负责人参加。")
    orgs = {m.text for m in ex.mentions if m.label == "ORG"}
    assert "徐州市委" in orgs and "市政府" in orgs and "县政府" in orgs
    assert not any("委市政府" in o or "委县政府" in o for o in orgs)


def test_visits_told_by_topic_are_named_with_their_visitor():
    text = "3月5日，县委书记黄志明就全县农村供水工程建设进行调研。市长吴立新深入部分中小企业调研生产经营情况。"
    names = {text[c.start : c.end] for c in find_person_visits(text)}
    assert "黄志明就全县农村供水工程建设进行调研" in names
    assert "吴立新深入部分中小企业调研生产经营情况" in names


def test_a_meeting_named_by_its_trigger_alone_and_the_speech_in_its_paragraph(nlp):
    ex = _extract(nlp, "5月8日，市长吴立新来到开发区调研。\n在随后召开的座谈会上，各部门负责人作了发言。吴立新指出，要优化服务。")
    events = {m.text for m in ex.mentions if m.label == "EVENT"}
    assert "座谈会" in events
    assert ("吴立新", "座谈会") in _relations(ex, "spoke_at")


def test_a_delegation_without_a_name_is_its_visit_leader_and_framed_lists_are_stops(nlp):
    text = ("1月9日，县委书记张立强深入全县部分重点企业调研民营经济发展工作。\n"
            "调研组一行先后深入到华盛电子有限公司、鑫源塑业有限公司等企业，了解企业运营情况。\n"
            "在青山化工有限公司、绿源农业科技有限公司等地，张立强详细了解生产情况。")
    visited = _relations(_extract(nlp, text), "visited")
    assert {("张立强", "华盛电子有限公司"), ("张立强", "鑫源塑业有限公司"),
            ("张立强", "青山化工有限公司"), ("张立强", "绿源农业科技有限公司")} <= visited


def test_former_divisions_are_places_and_open_body_names():
    assert _gate("襄樊市", "LOC")[0] == [("襄樊市", "LOC")]        # 襄阳市 since 2010
    assert _gate("思茅市委", "ORG")[0] == [("思茅市委", "ORG")]     # 普洱市 since 2007


def test_meeting_and_ceremony_nouns_and_the_verbs_that_govern_them():

    names = partial(_spans, find_events)

    assert names("3月2日，全市春季重点项目集中开工活动在高新区举行。") == ["全市春季重点项目集中开工活动"]
    assert names("县长出席全县重点项目评审会。") == ["全县重点项目评审会"]
    assert names("要加快推进竣工仪式筹备。") == ["竣工仪式"]
    assert names("他详细了解揭牌仪式准备情况。") == ["揭牌仪式"]


def test_the_meeting_after_a_dated_visit_takes_its_day(nlp):
    ex = _extract(nlp, "6月3日，市长吴立新来到开发区调研。\n座谈会上，吴立新指出，要优化服务。")
    meeting = next(m for m in ex.mentions if m.label == "EVENT" and m.text == "座谈会")
    assert meeting.attrs.get("date", "").endswith("06-03")


def test_a_visit_to_a_list_of_places_is_at_each(nlp):
    ex = _extract(nlp, "5月6日，市长吴立新赴雨湖区和湘潭经开区调研工业项目建设。")
    assert {("吴立新", "雨湖区"), ("吴立新", "湘潭经开区")} <= _relations(ex, "visited")
    located = {o for _, o in _relations(ex, "event_location")}
    assert {"雨湖区", "湘潭经开区"} <= located


def test_suffix_names_lose_ordinary_words_before_them_and_counted_bodies_are_no_names():

    names = partial(_spans, find_suffix_orgs)

    assert names("常委会听取山西省委工作汇报") == ["山西省委"]
    assert names("市县两级政府高度重视") == []
    assert names("三家公司作了发言") == []
    assert _gate("县乡两级政府", "ORG")[1] == ["org:counted"]


def test_place_names_start_after_a_body_or_a_conjunction_they_were_grown_over():

    names = partial(_spans, find_suffix_places)

    assert names("引进温州商会雨湖经开区服装生产基地") == ["雨湖经开区"]
    assert names("当前长春新区发展势头良好") == ["长春新区"]


def test_announcing_and_reading_out_are_speaking_and_signing_through_an_adverb(nlp):
    ex = _extract(nlp, "5月6日，全市重点项目集中开工仪式在高新区举行。市长吴立新宣布项目开工。")
    assert ("吴立新", "全市重点项目集中开工仪式") in _relations(ex, "spoke_at")
    ex = _extract(nlp, "会上，衡阳市通过与华远电气有限公司、中南建设集团等企业的签约，引进项目12个。")
    pairs = _relations(ex, "cooperates_with")
    assert {("衡阳市", "华远电气有限公司"), ("衡阳市", "中南建设集团")} <= pairs | {(b, a) for a, b in pairs}


def test_the_head_of_a_title_is_no_person_and_a_city_short_form_is_the_citys(nlp):
    assert _gate("常务副市长", "PER", end=2)[1] == ["per:part_of_title"]
    text = "6月3日，2024邵阳先进制造业推介会在邵阳举行。邵阳市委书记王明出席。"
    entities, _ = resolve([_extract(nlp, text)])
    codes = {e.name: e.attrs.get("division_code") for e in entities if e.type == "LOC"}
    assert codes.get("邵阳") == "430500"          # the city, not 邵阳县 inside it


def test_a_companys_short_name_read_as_a_place_and_the_article_place_from_bodies(nlp):
    text = "近日，株洲高新区与远航重工股份有限公司签订战略合作协议，远航重工将投资20亿元。邵阳市委副书记、市长王明出席。"
    ex = _extract(nlp, text)
    labels = {m.text: m.label for m in ex.mentions}
    assert labels.get("远航重工") in ("ORG", None)
    entities, relations = resolve([ex])
    names = {e.id: e.name for e in entities}
    assert ("王明", "邵阳市人民政府") in {(names[r.subject], names.get(r.object)) for r in relations
                                          if r.type == "affiliated_with"}


def test_a_hall_named_like_a_congress_and_a_verb_before_a_country_are_no_entities(nlp):
    ex = _extract(nlp, "国家主席习近平在人民大会堂同来华访问的巴西总统举行会谈。")
    assert not any(m.label == "EVENT" for m in ex.mentions)
    assert "来华" not in {m.text for m in ex.mentions}


def test_bodies_whose_people_attend_and_a_projects_size_is_no_investor(nlp):
    text = ("湘江日报讯（记者 张三）6月6日，总投资20亿元的远航重工装备产业园项目正式开工。"
            "市长刘小明宣布开工。天元区、市发改委、市工信局相关负责人参加开工仪式。")
    ex = _extract(nlp, text)
    assert {"市发改委", "市工信局"} <= {s for s, _ in _relations(ex, "attended")}
    assert not any(s == "湘江日报" for s, _ in _relations(ex, "invests_in"))


def test_the_year_in_an_events_name_beats_the_year_guessed_from_the_article_date(nlp):
    ex = _extract(nlp, "9月10日，2024中国（长沙）国际工程机械展览会开幕。市长王明出席开幕式并致辞。", date="2024-05-20")
    expo = next(m for m in ex.mentions if m.label == "EVENT" and m.text.startswith("2024"))
    assert expo.attrs["date"] == "2024-09-10"
    assert ("王明", expo.text) in _relations(ex, "spoke_at")


def test_a_person_named_like_a_city_after_a_title_is_that_person_throughout(nlp):
    ex = _extract(nlp, "全市工作会议召开。市委书记宁波出席会议并讲话。\n宁波指出，要抓好项目建设。")
    assert all(m.label == "PER" for m in ex.mentions if m.text == "宁波")
    assert ("宁波", "市委书记") in _relations(ex, "position")


def test_an_event_named_with_its_year_and_with_its_scope_is_one(nlp):
    ex = _extract(nlp, "3月14日，全市招商引资工作推进会召开。", headline="芜湖市召开2024年招商引资工作推进会")
    entities, _ = resolve([ex])
    assert [e.name for e in entities if e.type == "EVENT"] == ["2024年招商引资工作推进会"]


def test_posts_told_by_a_verb_of_appointment(nlp):
    text = "张立新，男，汉族，1970年生，现任衡阳市副市长。李东明担任远航重工集团董事长。王国华被任命为市发展和改革委员会主任。"
    positions = _relations(_extract(nlp, text), "position")
    assert {("张立新", "衡阳市副市长"), ("李东明", "远航重工集团董事长"), ("王国华", "市发展和改革委员会主任")} <= positions


def test_a_profile_lists_every_post_of_its_subject(nlp):
    text = ("周建华，男，汉族，1965年3月出生。2012年5月，周建华出任江西省副省长、党组成员，期间兼任南昌市委副书记、市长。"
            "会议决定，任命吴志刚为省体育局局长。")
    positions = _relations(_extract(nlp, text), "position")
    assert {("周建华", "江西省副省长"), ("周建华", "党组成员"), ("周建华", "南昌市委副书记"), ("周建华", "市长"),
            ("吴志刚", "省体育局局长")} <= positions


def test_the_party_group_of_a_title_and_verbs_of_appointment_are_no_part_of_a_body():

    names = partial(_spans, find_suffix_orgs)

    assert names("王强已任江西省体育局党组书记。") == ["江西省体育局"]
    assert names("他曾任南昌市委副书记。") == ["南昌市委"]
    assert names("据新华社12日报道") == []
    assert _gate("九江市水利局党组书记", "ORG", end=8)[0] == [("九江市水利局", "ORG")]


def test_a_career_list_runs_over_commas_up_to_the_next_verb(nlp):
    text = "钱立新出生于1960年，曾任南昌市委常委、副市长，江西省委副书记、省长等职，2021年起担任国家某某局局长。"
    positions = {t for p, t in _relations(_extract(nlp, text), "position") if p == "钱立新"}
    assert {"南昌市委常委", "副市长", "江西省委副书记", "省长", "国家某某局局长"} <= positions


@pytest.mark.parametrize("word", ["班子", "董事"])
def test_a_word_never_seen_inside_a_name_is_no_name_after_a_title(word):
    assert person_end(f"领导{word}成员", 2, 4) == 0
    assert _gate(f"{word}成员", "PER", end=2)[1] in (["per:unlikely_name"], ["per:part_of_title"])


def test_a_stop_character_that_opens_a_word_does_not_cut_an_event_name(nlp):
    ex = _extract(nlp, "5月8日，全省高校毕业生就业创业工作推进会在长沙召开。全市全面从严治党工作会议同日举行。")
    events = {m.text for m in ex.mentions if m.label == "EVENT"}
    assert "全省高校毕业生就业创业工作推进会" in events
    assert any(e.endswith("从严治党工作会议") and e.startswith("全市") for e in events)


def test_a_title_in_book_quotes_opens_the_event_it_names():

    text = "3月5日，《数字经济促进条例》专家论证会在长沙召开。"
    assert [text[c.start : c.end] for c in find_events(text)] == ["《数字经济促进条例》专家论证会"]


def test_the_one_meeting_an_article_reports_without_a_name(nlp):
    ex = _extract(nlp, "7月11日上午，省发展改革委召开会议。主任王明主持会议并讲话。副主任李强、赵刚出席会议。")
    assert [m.text for m in ex.mentions if m.label == "EVENT"] == ["会议"]
    # named after the body that convened it
    assert {("李强", "省发展改革委会议"), ("赵刚", "省发展改革委会议")} <= _relations(ex, "attended")


def test_a_body_lies_in_the_most_specific_place_its_name_opens_with(nlp):
    ex = _extract(nlp, "江西省九江市委书记王明出席会议。中国足球协会主席李强参加。")
    entities, relations = resolve([ex])
    names = {e.id: e.name for e in entities}
    located = {(names[r.subject], names.get(r.object)) for r in relations if r.type == "located_in"}
    assert not any(s == "九江市委" and o == "江西省" for s, o in located)
    assert not any(o == "中国" for _, o in located)


def test_a_roster_after_a_colon_and_those_present_also(nlp):
    text = ("6月1日，2024衡阳市招商推介会在北京举行。出席活动的领导有：市委书记王明，市长李强，市人大常委会主任赵刚。"
            "出席推介会的还有省商务厅副厅长周平。")
    ex = _extract(nlp, text)
    assert {"王明", "李强", "赵刚", "周平"} <= {p for p, _ in _relations(ex, "attended")}
    assert ("周平", "省商务厅副厅长") in _relations(ex, "position")


def test_ceremonial_acts_are_attendance_and_two_titled_persons_joined_by_and(nlp):
    text = ("5月9日，衡阳市智能制造研究院揭牌仪式举行。副市长王明与中国工程院院士李强共同为研究院揭牌。"
            "远航项目签约仪式同日举行，市长赵刚、远航集团副总裁周平见证签约。")
    ex = _extract(nlp, text)
    assert {"王明", "李强", "赵刚", "周平"} <= {p for p, _ in _relations(ex, "attended")}
    assert {("王明", "副市长"), ("李强", "中国工程院院士")} <= _relations(ex, "position")


def test_a_name_cut_short_takes_the_whole_name_the_article_writes(nlp):
    from kg.extract.entities import Candidate, persons_named_whole

    text = "原副局长李兆才涉嫌受贿。李兆才被公诉。"
    cands = [Candidate(4, 7, "PER", "per:title_name"), Candidate(12, 14, "PER", "ner:model")]
    persons_named_whole(text, cands)
    assert [text[c.start : c.end] for c in cands] == ["李兆才", "李兆才"]


def test_a_fragment_of_a_link_is_no_name():
    assert _gate("CdlHrQAQiwO", "ORG")[1] == ["latin_noise"]
    assert _gate("YouTube", "ORG")[0] == [("YouTube", "ORG")]


def test_a_verb_right_before_a_trigger_names_the_kind_of_occurrence():

    names = partial(_spans, find_events)

    assert names("“春风送岗”专项行动启动仪式在学院举行。") == ["“春风送岗”专项行动启动仪式"]
    assert names("全县防汛工作动员大会召开。") == ["全县防汛工作动员大会"]
    assert names("县长宣布大会开幕。") == ["大会"]


def test_bodies_whose_speakers_took_the_floor_attended(nlp):
    text = "4月10日，全市优化营商环境大会召开。市长王明主持。远航重工集团、华星电子有限公司等企业代表作了交流发言。"
    attendees = {s for s, _ in _relations(_extract(nlp, text), "attended")}
    assert {"远航重工集团", "华星电子有限公司"} <= attendees


def test_an_invited_or_planned_visit_is_no_occurrence_but_one_at_an_invitation_is():
    from kg.extract.entities import find_visits

    visits = partial(_spans, lambda t: find_visits(t) + find_person_visits(t))
    assert visits("市长诚邀客商来衡考察，寻找合作机会。") == []
    assert visits("刘建华表示欢迎投资者一行到岳阳考察。") == []
    assert visits("赵立新拟于下月来邵调研。") == []
    assert visits("赵立新应邀来邵调研，走访了三家企业。") != []


def test_a_visit_to_several_places_is_one_visit():
    from kg.extract.entities import find_visits

    assert _spans(find_visits, "副市长孙卫东，赴雨湖区、岳塘区调研重点企业，并召开座谈会。") == ["赴雨湖区、岳塘区调研重点企业"]


def test_an_inspection_verb_is_no_part_of_the_event_it_inspects():
    assert _spans(find_events, "县长来到工地，督查指导湘江大桥通车仪式筹备工作。") == ["湘江大桥通车仪式"]


def test_a_speech_quoted_as_a_noun_is_not_given_at_the_event(nlp):
    text = "5月8日，全市民营经济发展大会召开。会议传达学习了省委书记陈光明的重要讲话精神。市长王明出席并讲话。"
    speakers = {s for s, _ in _relations(_extract(nlp, text), "spoke_at")}
    assert "王明" in speakers and "陈光明" not in speakers


def test_who_stresses_a_point_on_a_visit_spoke_at_the_visit(nlp):
    text = "6月2日，省委书记陈光明在衡阳县调研油茶产业发展。陈光明强调，要做强特色产业。"
    ex = _extract(nlp, text)
    assert any(s == "陈光明" and "调研" in o for s, o in _relations(ex, "spoke_at"))


def test_the_short_form_a_text_writes_for_an_event_is_its_alias(nlp):
    text = "4月2日，2024年衡阳市重大项目集中签约仪式在衡阳举行。签约仪式上，市长王明致辞。"
    entities, relations = resolve([_extract(nlp, text)])
    ceremony = next(e for e in entities if e.type == "EVENT")
    assert ceremony.name == "2024年衡阳市重大项目集中签约仪式" and "签约仪式" in ceremony.aliases
    assert any(r.type == "alias" and r.subject == ceremony.id and r.literal == "签约仪式" for r in relations)


def test_a_delegation_arriving_is_a_visit_named_with_a_leader_written_bare():
    from kg.extract.entities import find_visits

    assert _spans(find_visits, "周正华率市人大调研组来湘 就产业发展开展调研") == ["周正华率市人大调研组来湘"]
    assert _spans(find_visits, "市政协副主席周正华率市政协考察团来湘考察。") == ["市政协考察团来湘考察"]
    assert _spans(find_visits, "周正华来湘。") == []


def test_a_short_place_name_beside_its_own_body_stays_a_place(nlp):
    ex = _extract(nlp, "4月1日，全市工业现场推进会在枣阳举行。枣阳市委书记王明出席并讲话。枣阳将全力推进项目建设。")
    labels = {m.text: m.label for m in ex.mentions}
    assert labels.get("枣阳") == "LOC"


def test_a_bare_title_in_a_chain_takes_the_place_of_the_title_before_it(nlp):
    ex = _extract(nlp, "活动现场，平阳县县委副书记、县长张立新致辞。")
    assert ("张立新", "平阳县人民政府") in _relations(ex, "affiliated_with")


def test_a_quoted_campaign_year_is_a_campaign_but_a_bare_one_is_not():
    assert _spans(find_events, "全县深入开展“营商环境优化年”“招商引资攻坚年”活动。") == ["营商环境优化年", "招商引资攻坚年"]
    assert _spans(find_events, "今年是项目建设年。") == []


def test_the_items_of_a_list_of_companies_are_companies():
    from kg.extract.entities import find_listed_names

    firms = partial(_spans, find_listed_names)
    assert firms("考察组先后走访了远鹏精工、华鑫新材3家公司，") == ["远鹏精工", "华鑫新材"]
    assert firms("要加快推进瑞丰化工等企业入园。") == ["瑞丰化工"]
    assert firms("全县有10家企业入选。") == []
    assert firms("走访了重点企业、骨干企业等企业。") == []


def test_a_campaigns_activity_is_named_with_it_and_keeps_it_as_its_short_name():
    events = find_events("全县深入开展“干部作风提升年”活动。")
    assert [c.attrs.get("short_name") for c in events] == ["干部作风提升年"]


def test_a_firm_is_not_located_in_the_region_its_name_opens_with_but_a_body_is(nlp):
    text = "5月6日，平阳县商务局与平阳瑞丰电子科技有限公司签约。平阳县县长张立新出席。"
    entities, relations = resolve([_extract(nlp, text)])
    name = {e.id: e.name for e in entities}
    located = {(name[r.subject], name.get(r.object)) for r in relations if r.type == "located_in"}
    assert ("平阳县商务局", "平阳县") in located
    assert not any(s == "平阳瑞丰电子科技有限公司" for s, _ in located)


def test_a_host_who_welcomes_visitors_does_not_visit_his_own_city(nlp):
    ex = _extract(nlp, "6月3日，市委书记王明会见了客商代表。王明欢迎各位企业家一行到衡阳投资兴业。")
    assert not any(s == "王明" for s, _ in _relations(ex, "visited"))


@pytest.mark.parametrize("text, names", [
    ("周正华在衡阳调研并主持召开民营经济座谈会。", ["民营经济座谈会", "周正华在衡阳调研"]),
    ("代表团一行赴江苏学习考察，", ["赴江苏学习考察"]),
    ("县里召开全县“防汛保安”工作推进会议。", ["全县“防汛保安”工作推进会议"]),
    ("传达学习全省经济工作会议精神和全市宣传工作会议精神。", ["全省经济工作会议", "全市宣传工作会议"]),
    ("湖南省·江西省产业合作座谈会在萍乡举行。", ["湖南省·江西省产业合作座谈会"]),
])
def test_event_names_across_dots_and_dashes_and_up_to_their_own_end(text, names):
    from kg.extract.entities import find_visits

    assert _spans(lambda t: find_events(t) + find_visits(t) + find_person_visits(t), text) == names


def test_a_stop_word_that_opens_a_longer_word_does_not_cut_a_name(nlp):
    ex = _extract(nlp, "4月8日，第三届湘江论坛开幕式暨产业合作主题论坛在长沙举行。")
    assert "第三届湘江论坛开幕式暨产业合作主题论坛" in {m.text for m in ex.mentions if m.label == "EVENT"}


def test_a_chief_executive_is_no_byline_and_the_second_of_two_titles_is_held_at_the_same_firm(nlp):
    ex = _extract(nlp, "远航集团董事长兼首席执行官王建国出席签约仪式。")
    assert "王建国" in {m.text for m in ex.mentions if m.label == "PER"}
    assert not any(m.text.startswith("官") for m in ex.mentions if m.label == "PER")
    assert not any(m.text.endswith("兼") for m in ex.mentions if m.label == "ORG")


@pytest.mark.parametrize("text, name", [
    ("李明希望远航集团加大投资。", "远航集团"),
    ("王强感谢华星集团长期以来的支持。", "华星集团"),
    ("代表团拜会香江商会会长陈明。", "香江商会"),
    ("在与远航航空集团董事长马立新交流时，双方表示。", "远航航空集团"),
])
def test_verbs_and_prepositions_before_a_body_are_no_part_of_its_name(nlp, text, name):
    ex = _extract(nlp, text)
    assert name in {m.text for m in ex.mentions if m.label == "ORG"}


def test_bodies_listed_after_one_written_with_its_level_share_it(nlp):
    text = "4月3日，江西省召开优化营商环境大会。省发展改革委、财政厅、商务厅等部门负责同志参加。"
    entities, _ = resolve([_extract(nlp, text)])
    names = {e.name for e in entities if e.type == "ORG"}
    assert {"江西省财政厅", "江西省商务厅"} <= names


def test_the_day_is_no_part_of_an_events_name_but_the_year_is():
    assert _spans(find_events, "2023年1月28日全省高质量发展大会召开。") == ["全省高质量发展大会"]
    assert _spans(find_events, "2024全省高质量发展大会召开。") == ["2024全省高质量发展大会"]


def test_a_known_events_short_name_ending_a_longer_name_is_that_years_edition():
    names = _spans(find_events, "12月8日，2023中国国际轨道交通博览会在株洲开幕。")
    assert names == ["2023中国国际轨道交通博览会"]


def test_visits_by_arriving_and_hurrying_to_a_place():
    from kg.extract.entities import find_visits

    assert _spans(find_visits, "代表团又赶往江西学习考察。") == ["赶往江西学习考察"]


@pytest.mark.parametrize("text", ["三省的省委书记先后带队赴香港考察。", "学习贯彻总书记重要讲话精神。",
                                  "由副省长一同主持。"])
def test_ordinary_words_after_a_title_are_no_names(text):
    from kg.extract.entities import find_titled_persons

    assert [c for c in find_titled_persons(text) if c.label == "PER"] == []


def test_a_visits_name_ends_before_while_and_during():
    assert _spans(find_person_visits, "10月9日，周正华在常德调研期间，到鼎城区察看。") == ["周正华在常德调研"]


def test_a_visits_name_ends_before_the_next_date_of_a_run_on_line():
    text = "4月12日，周正华在岳阳调研4月24日至26日，周正华在常德调研"
    assert _spans(find_person_visits, text) == ["周正华在岳阳调研", "周正华在常德调研"]


@pytest.mark.parametrize("text", ["推进中国式现代化。", "加快中国制造向中国创造转变。", "走访了西门子（中国）有限公司。"])
def test_a_country_as_a_modifier_or_inside_a_firms_name_is_no_place(text):
    from kg.extract.entities import find_world_places

    assert find_world_places(text) == []


# --------------------------------------------------------------------------- signing parties at the event


def test_the_bodies_that_sign_attended_the_event_where_they_signed(nlp):
    text = ("6月3日，2024湘潭市智能制造产业对接会在湘潭举行。对接会上，湘潭经开区管委会与长沙华菱智能科技有限公司"
            "签署战略合作协议。")
    ex = _extract(nlp, text)
    attended = _relations(ex, "attended")
    event = "2024湘潭市智能制造产业对接会"
    assert ("湘潭经开区管委会", event) in attended
    assert ("长沙华菱智能科技有限公司", event) in attended


def test_a_bare_trigger_names_the_event_whose_short_form_also_occurs():
    # the event is written in full once and by a shorter form once: the bare 推介会 still stands for it
    text = ("益阳市与长三角企业产业对接专场推介会在上海举行。专场推介会由益阳市商务局承办。"
            "在当天的推介会上，益阳市与多家企业签约。")
    events = find_events(text)
    bare = [c for c in events if text[c.start : c.end] == "推介会"]
    assert bare and bare[0].rule == "event:anaphor"


# --------------------------------------------------------------------------- company names and their short forms


def _org_entities(nlp, text: str) -> dict[str, list[str]]:
    entities, _ = resolve([_extract(nlp, text)])
    return {e.name: e.aliases for e in entities if e.type == "ORG"}


def test_a_province_before_a_company_opens_its_registered_name_and_the_rest_is_its_short_form(nlp):
    text = ("5月8日，岳阳市人民政府与江苏省恒瑞新材料科技有限公司签署投资协议。恒瑞新材料科技有限公司董事长"
            "周立新表示，恒瑞公司将在岳阳建设研发中心。")
    orgs = _org_entities(nlp, text)
    assert "江苏省恒瑞新材料科技有限公司" in orgs
    assert "恒瑞新材料科技有限公司" in orgs["江苏省恒瑞新材料科技有限公司"]
    assert not any(name in ("江苏省",) for name in orgs)


def test_a_district_before_a_company_stays_a_place():
    text = "芦淞区金盛服饰有限公司承建该项目。"
    from kg.extract.entities import Candidate, companies_registered_with_place
    chosen = [Candidate(0, 3, "LOC", "loc:division", 2), Candidate(3, 11, "ORG", "ner:model", 2)]
    out = companies_registered_with_place(text, chosen)
    assert [text[c.start : c.end] for c in out] == ["芦淞区", "金盛服饰有限公司"]


def test_a_name_cut_short_where_the_text_spells_the_full_name_regrows():
    from kg.extract.entities import Candidate, regrow_cut_names
    text = "宏达精密机械有限公司落户园区。园区与宏达精密机械有限公司总经理座谈。"
    chosen = [Candidate(0, 10, "ORG", "org:suffix:strong", 2), Candidate(20, 28, "ORG", "ner:model", 2)]
    out = regrow_cut_names(text, chosen)
    assert text[out[1].start : out[1].end] == "宏达精密机械有限公司"


def test_those_who_join_a_visit_attended_it(nlp):
    text = ("3月2日，省工信厅厅长周海波到益阳高新区调研。副市长陈立、园区党工委书记吴昊一同调研。"
            "市工信局局长郭伟参加有关调研。")
    ex = _extract(nlp, text)
    attended = {person for person, _ in _relations(ex, "attended")}
    assert {"陈立", "吴昊", "郭伟"} <= attended


# --------------------------------------------------------------------------- career histories


def _titles_of(nlp, text: str) -> set[tuple[str, str]]:
    return _relations(_extract(nlp, text), "position")


def test_a_career_history_gives_each_post_to_the_person_the_paragraph_is_about(nlp):
    text = ("简历显示，王建华出生于1968年，江西南昌人。1992年起在江西财经大学工作，2001年起历任该校副校长、"
            "校长。2015年，王建华调任江西省教育厅厅长，2019年任九江市委书记。")
    posts = {title for person, title in _titles_of(nlp, text) if person == "王建华"}
    assert any(t.endswith("厅长") for t in posts) and any(t.endswith("市委书记") for t in posts)
    assert any(t.endswith("副校长") for t in posts)
    assert not any(person.startswith("江西") for person, _ in _titles_of(nlp, text))


def test_posts_told_in_someone_s_speech_are_not_the_speaker_s(nlp):
    text = "会上，李明说，2009年，时任国务院副总理同志曾到这里考察。"
    assert not any(person == "李明" and "副总理" in title for person, title in _titles_of(nlp, text))


def test_verbs_around_a_body_are_no_part_of_its_name():
    from kg.extract.entities import _without_outer_verbs, find_titled_persons
    assert _without_outer_verbs("据长江日报") == (1, 5) or _without_outer_verbs("据长江日报")[1] == 5
    assert _without_outer_verbs("华菱集团披露") == (0, 4)
    text = "华菱集团披露：董事长李明、总经理王强。"
    orgs = [text[c.start : c.end] for c in find_titled_persons(text) if c.label == "ORG"]
    assert "华菱集团披露" not in orgs


def test_a_body_s_own_sitting_is_named_after_the_body(nlp):
    text = "3月5日，甘肃省委常委会召开扩大会议，传达学习全国两会精神。省委书记王刚主持会议并讲话。"
    ex = _extract(nlp, text)
    events = {m.normalized for m in ex.mentions if m.label == "EVENT"}
    assert "甘肃省委常委会扩大会议" in events
    assert ("王刚", "甘肃省委常委会扩大会议") in _relations(ex, "chaired")


def test_a_meeting_whose_spirit_is_studied_is_not_attended(nlp):
    text = "12月20日，市委常委会召开扩大会议，传达学习中央经济工作会议精神。市委书记李强主持会议并讲话。"
    ex = _extract(nlp, text)
    assert not any(event == "中央经济工作会议" for _, event in _relations(ex, "chaired") | _relations(ex, "spoke_at"))


def test_titles_before_a_name_and_posts_after_its_verb_both_count(nlp):
    text = "江西省人大常委会副主任、党组副书记陈建国任湖北省政协党组书记。"
    posts = {title for person, title in _titles_of(nlp, text) if person == "陈建国"}
    assert any(t.endswith("副主任") for t in posts)
    assert any(t.endswith("政协党组书记") for t in posts)


@pytest.mark.parametrize("text", ["醴陵被誉为“中国陶瓷之都”。", "他研读了《2020年中国城市发展报告》。",
                                  "为建设美丽中国贡献力量。", "新中国成立以来，这里变化巨大。"])
def test_a_country_that_only_qualifies_a_title_or_epithet_is_no_place(nlp, text):
    ex = _extract(nlp, text)
    assert not any(m.label == "LOC" and m.normalized == "中国" for m in ex.mentions)


def test_the_country_named_on_its_own_is_still_a_place(nlp):
    ex = _extract(nlp, "中国与巴西签署了合作协议。")
    assert any(m.label == "LOC" and m.normalized == "中国" for m in ex.mentions)


def test_a_second_clause_signs_for_the_subject_of_the_first(nlp):
    text = "岳阳市与多家央企对接项目12个，并与中国交通建设集团签订战略合作协议。"
    pairs = _relations(_extract(nlp, text), "cooperates_with")
    assert ("岳阳市", "中国交通建设集团") in pairs or ("中国交通建设集团", "岳阳市") in pairs


@pytest.mark.parametrize("text", ["北京市破产管理人协会监事李强律师向澎湃新闻表示，事情已有进展。",
                                  "公司向包括银行在内的债权人发出通知。"])
def test_a_preposition_is_no_surname(nlp, text):
    ex = _extract(nlp, text)
    assert not any(m.label == "PER" and m.text.startswith("向") for m in ex.mentions)


def test_the_surname_xiang_still_names_people(nlp):
    ex = _extract(nlp, "副县长向东升主持会议。")
    assert any(m.label == "PER" and m.text == "向东升" for m in ex.mentions)


def test_the_second_officer_of_a_roster_is_the_same_firm_s(nlp):
    ex = _extract(nlp, "华菱湘钢公司董事长王建军、总经理刘志明陪同考察。")
    by_id = {m.id: m for m in ex.mentions}
    orgs = {by_id[r.subject].text: by_id[r.attrs["org"]].normalized for r in ex.relations
            if r.type == "position" and r.attrs.get("org") in by_id}
    assert orgs.get("刘志明") == orgs.get("王建军") and orgs.get("王建军")


def test_a_democratic_party_chair_is_a_title(nlp):
    ex = _extract(nlp, "省政协副主席、民盟湖南省委主委李明出席。")
    assert any(title.endswith("主委") for person, title in _relations(ex, "position") if person == "李明")


# --------------------------------------------------------------------------- meetings (会见)


def test_a_meeting_with_a_guest_is_an_event_both_attended(nlp):
    text = "5月8日，市委书记王立军会见了华为技术有限公司副总裁张明一行。副市长李平参加会见。"
    ex = _extract(nlp, text)
    events = {m.normalized for m in ex.mentions if m.label == "EVENT"}
    assert "王立军会见华为技术有限公司副总裁张明一行" in events
    attended = {person for person, _ in _relations(ex, "attended")}
    assert {"王立军", "张明"} <= attended


def test_a_time_between_host_and_verb_is_no_part_of_the_meeting_s_name():
    text = "上海市市长李华今天（29日）会见了台北市代表团团长王明。"
    from kg.extract.entities import find_meetings
    names = [c.attrs["name"] for c in find_meetings(text)
             if c.attrs.get("kind") == "meeting"]
    assert names == ["李华会见台北市代表团团长王明"]


def test_a_day_in_brackets_after_today_names_the_day():
    from kg.extract.dates import find_dates
    assert [d.value for d in find_dates("市长今天（29日）会见了客人。", "2023-08-30")] == ["2023-08-29"]


def test_the_outlets_a_page_credits_are_media_bodies():
    from kg.extract.entities import find_source_outlets
    text = "正文。\n潇湘新闻综合湘江日报、长沙晚报\n【来源：湘楚客户端】\n据长江财经，会议已结束。"
    found = {text[c.start : c.end] for c in find_source_outlets(text)}
    assert {"潇湘新闻", "湘江日报", "长沙晚报", "湘楚客户端", "长江财经"} <= found


def test_an_outlet_named_after_a_city_is_not_located_in_it(nlp):
    entities, relations = resolve([_extract(nlp, "岳阳市召开会议。\n来源：岳阳日报")])
    names = {e.id: e.name for e in entities}
    assert not any(r.type == "located_in" and names.get(r.subject) == "岳阳日报" for r in relations)


def test_a_person_before_a_body_is_cut_from_it():
    from kg.extract.entities import Vetoes, _gate_org, _gate_person
    text = "李华代表岳阳市人民政府致辞。"
    assert [text[c.start : c.end] for c in _gate_org(text, 0, 11, 2, Vetoes())] == ["岳阳市人民政府"]
    text = "比亚迪王传福陪同参观。"
    assert [text[c.start : c.end] for c in _gate_person(text, 0, 6, 2, Vetoes())] == ["王传福"]


def test_a_place_s_party_secretary_belongs_to_its_party_committee(nlp):
    ex = _extract(nlp, "宁夏回族自治区党委书记李明到银川调研。")
    orgs = {m.normalized for m in ex.mentions if m.label == "ORG"}
    assert "宁夏回族自治区党委" in orgs and "宁夏回族自治区" not in orgs


def test_deng_inside_an_event_name_does_not_cut_it(nlp):
    ex = _extract(nlp, "6月14日，全省高校毕业生等青年就业创业工作推进会在成都召开。")
    assert "全省高校毕业生等青年就业创业工作推进会" in {m.normalized for m in ex.mentions if m.label == "EVENT"}
    ex = _extract(nlp, "会议要求，开好座谈会、推进会等会议。")
    assert not any("等" in (m.normalized or "") for m in ex.mentions if m.label == "EVENT")


def test_the_paragraph_s_lead_dates_the_event_named_after_it(nlp):
    ex = _extract(nlp, "4月18日，岳阳经开区管委会与长沙华菱智能科技有限公司签署合作协议。副市长李明出席签约仪式。",
                  date="2023-04-20")
    assert [m.attrs.get("date") for m in ex.mentions if m.label == "EVENT"] == ["2023-04-18"]


def test_a_relative_day_is_no_part_of_an_event_s_name(nlp):
    ex = _extract(nlp, "今日签约仪式上，双方签署了协议。", date="2024-03-30")
    assert {m.normalized for m in ex.mentions if m.label == "EVENT"} <= {"签约仪式"}


def test_who_convened_the_meeting_just_named_speaks_at_it(nlp):
    text = "8月7日，省委书记李明在岳阳调研，并主持召开座谈会，强调要抓好产业发展。"
    assert ("李明", "座谈会") in _relations(_extract(nlp, text), "spoke_at")


def test_the_first_character_of_a_verb_is_no_part_of_a_name():
    from kg.extract.entities import Vetoes, _gate_person
    text = "王群代表市政府签约。"
    assert [text[c.start : c.end] for c in _gate_person(text, 0, 3, 2, Vetoes())] == ["王群"]
    text = "袁美和表示"
    assert [text[c.start : c.end] for c in _gate_person(text, 0, 3, 2, Vetoes())] == ["袁美和"]


def test_a_listed_firm_loses_the_deng_that_closes_the_list():
    from kg.extract.entities import find_listed_names
    text = "华联瓷业、恒达烟花等5家企业作了发言。"
    assert {text[c.start : c.end] for c in find_listed_names(text)} == {"华联瓷业", "恒达烟花"}


def test_a_one_character_stop_that_ends_a_place_name_does_not_cut_a_name():
    text = "2019年重大项目集中开工暨成都天府软件园项目开工活动举行。"
    assert [text[c.start : c.end] for c in find_events(text)] == ["2019年重大项目集中开工暨成都天府软件园项目开工活动"]


def test_two_themes_joined_inside_a_meeting_s_name_belong_to_it():
    text = "省政府举行深化改革创新、扩大对外开放推进大会。"
    assert [text[c.start : c.end] for c in find_events(text)] == ["深化改革创新、扩大对外开放推进大会"]
    text = "先后召开座谈会、推进大会。"
    assert "、" not in "".join(text[c.start : c.end] for c in find_events(text))


def test_each_correspondent_takes_the_outlet_written_before_its_role(tmp_path, nlp):
    from kg.ingest import ingest
    page = tmp_path / "credit.txt"
    page.write_text("两地企业签约\n\n岳阳日报通讯员 张小三 常德日报通讯员 李小四\n\n5月3日，岳阳华锐精密工具有限公司"
                    "与常德电机有限公司签署合作协议。\n", encoding="utf-8")
    article = ingest([page]).documents[0].articles[0]
    assert [(b.name, b.organization) for b in article.bylines] == [("张小三", "岳阳日报"), ("李小四", "常德日报")]
    ex = extract_articles(nlp, [article])[0]
    by_id = {m.id: m for m in ex.mentions}
    assert {(by_id[r.subject].text, by_id[r.object].normalized) for r in ex.relations if r.type == "affiliated_with"} \
        == {("张小三", "岳阳日报"), ("李小四", "常德日报")}
    # credited persons outside the text are no visitors of the article's visit
    assert not any(r.type in ("attended", "visited") and by_id[r.subject].end == by_id[r.subject].start
                   for r in ex.relations)


def test_a_one_character_place_name_stands_for_the_place(nlp):
    ex = _extract(nlp, "3月5日，全国文旅产业推进会在京召开。")
    places = {m.attrs.get("short_of") for m in ex.mentions if m.label == "LOC"}
    assert "北京市" in places
    assert any(obj == "京" or obj == "北京市" for _, obj in _relations(ex, "event_location"))


@pytest.mark.parametrize("text, place", [("记者走访了深圳、长沙市场。", "长沙"), ("株洲市民踊跃参加。", "株洲")])
def test_shi_that_opens_the_next_word_is_no_part_of_a_city(nlp, text, place):
    places = {m.text for m in _extract(nlp, text).mentions if m.label == "LOC"}
    assert place in places and place + "市" not in places


def test_the_city_s_government_keeps_its_full_name(nlp):
    mentions = _extract(nlp, "长沙市政府召开会议。").mentions
    assert any(m.label == "ORG" and m.text.startswith("长沙市") for m in mentions)
    assert not any(m.label == "LOC" and m.text == "长沙" for m in mentions)


def test_a_model_person_whose_both_edges_cut_words_is_vetoed():
    from kg.extract.entities import Vetoes, model_candidates
    text = "新增普惠托位1万个"
    vetoes = Vetoes()
    assert model_candidates(text, 3, 5, "PER", 2, vetoes, words=[(2, 4), (4, 6)]) == []
    assert vetoes and vetoes[0][2] == "cuts_a_word"


# --------------------------------------------------------------------------- review fixes


def test_every_host_and_guest_of_a_meeting_is_a_party():
    from kg.extract.entities import find_meetings
    text = "王立军刘华会见了张勇、王强一行。"
    meeting = find_meetings(text)[0]
    assert [text[a:b] for a, b in meeting.attrs["parties"]] == ["王立军", "刘华", "张勇", "王强"]
    assert meeting.attrs["name"] == "王立军刘华会见张勇、王强一行"


@pytest.mark.parametrize("text, name", [("青海省委常委会召开扩大会议，传达学习精神。", "青海省委常委会扩大会议"),
                                        ("3月1日，国务院召开常务会议。", "国务院常务会议")])
def test_a_body_s_sitting_is_named_without_the_segmenter_too(text, name):
    assert name in [c.attrs.get("name") for c in find_events(text)]


@pytest.mark.parametrize("text", ["据通报，事故已处置。", "来源：网络", "据中国气象局发布，明天有雨。", "来源：受访者供图"])
def test_notices_and_anonymous_sources_are_no_media(text):
    from kg.extract.entities import find_source_outlets
    assert find_source_outlets(text) == []


def test_a_later_post_with_ren_inside_its_title_stays_in_the_list():
    from kg.extract.entities import _titles_after
    text = "曾任市政协副主席、民盟市委副主任委员"
    assert [t["text"] for t in _titles_after(text, 2)] == ["市政协副主席", "民盟市委副主任委员"]


def test_an_unlisted_outlet_needs_a_boundary_before_it():
    from kg.ingest.bylines import parse_credit
    credit = parse_credit("株洲日报记者张三湘潭日报通讯员李四")
    assert credit is None or "张三湘潭日报" not in {b.organization for b in credit.bylines}


def test_a_city_officer_passes_no_firm_to_the_next_name(nlp):
    ex = _extract(nlp, "株洲市市长王建军、总经理刘志明出席。")
    by_id = {m.id: m for m in ex.mentions}
    orgs = {by_id[r.subject].text: r.attrs.get("org") for r in ex.relations if r.type == "position"}
    assert orgs.get("刘志明") is None


def test_an_arrival_then_the_visit_s_own_verb_is_one_visit(nlp):
    text = "6月2日，副市长李明来到攸县网岭镇，调研油茶产业发展工作。他强调，要抓好产业。"
    ex = _extract(nlp, text)
    visits = [m for m in ex.mentions if m.label == "EVENT" and m.attrs.get("kind") == "visit"]
    assert [m.normalized for m in visits] == ["调研油茶产业发展工作"]
    assert ("李明", "调研油茶产业发展工作") in _relations(ex, "attended")


def test_a_member_of_a_named_group_holds_that_post(nlp):
    text = "省人大调研组来岳阳调研。调研组成员刘明、张强等参加。"
    posts = _titles_of(nlp, text)
    assert ("刘明", "调研组成员") in posts and ("张强", "调研组成员") in posts


# --------------------------------------------------------------------------- clause words before a body


@pytest.mark.parametrize("text, body", [
    ("据了解，周立民一直分管远星集团的审计工作。", "远星集团"),
    ("事发后，两名华润集团员工被带走调查。", "华润集团"),
    ("他多次违规插手中信银行的贷款审批。", "中信银行"),
    ("二人被立案调查据江西省纪委通报，二人严重违纪。", "江西省纪委"),
])
def test_clause_words_a_suffix_rule_grew_over_leave_the_body(nlp, text, body):
    orgs = {m.normalized for m in _extract(nlp, text).mentions if m.label == "ORG"}
    assert body in orgs
    assert not any(o.endswith(body) and o != body for o in orgs)


def test_name_words_the_corpora_rarely_see_in_names_stay_inside_a_body(nlp):
    # 测评/集成 are never inside a name of the NER corpora, but here they are part of one the model does not cut
    text = "国家智能集成技术创新中心今天在长沙揭牌。"
    orgs = {m.normalized for m in _extract(nlp, text).mentions if m.label == "ORG"}
    assert not any(o in ("技术创新中心", "创新中心") for o in orgs)


# --------------------------------------------------------------------------- former posts


def test_posts_of_a_career_told_before_the_last_are_former(nlp):
    text = "周建华，男，1966年生，曾任长沙县委书记。2015年，周建华调任湘潭市委副书记，2020年升任岳阳市委书记。"
    ex = _extract(nlp, text)
    posts = {literal for _, literal in _relations(ex, "position")}
    assert {"长沙县委书记", "湘潭市委副书记", "岳阳市委书记"} <= posts
    assert _relations(ex, "affiliated_with") == {("周建华", "岳阳市委")}


def test_a_post_marked_former_gives_no_affiliation(nlp):
    ex = _extract(nlp, "原常德市委书记王建设出席了会议，时任副市长李卫东主持会议。")
    assert {p for p, _ in _relations(ex, "position")} == {"王建设", "李卫东"}
    assert not {p for p, _ in _relations(ex, "affiliated_with")} & {"王建设", "李卫东"}


def test_a_career_paragraph_opened_by_a_pronoun_is_the_life_told_above(nlp):
    text = "刘晓东1970年5月出生，湖南浏阳人。\n他长期在湘潭工作，历任岳塘区区长、区委书记。\n2022年3月，刘晓东履新衡阳市委常委。"
    posts = {(p, literal) for p, literal in _relations(_extract(nlp, text), "position")}
    assert {("刘晓东", "岳塘区区长"), ("刘晓东", "区委书记"), ("刘晓东", "衡阳市委常委")} <= posts


def test_an_election_names_the_post_holder(nlp):
    ex = _extract(nlp, "湖南省十四届人大一次会议选举王立群为省长。")
    assert ("王立群", "省长") in _relations(ex, "position")


def test_a_body_written_without_its_owner_is_its_short_form(nlp):
    text = "近日，桃江县住建局召开安全生产会议。会上，住建局负责人通报了检查情况。"
    ex = _extract(nlp, text)
    short = [m for m in ex.mentions if m.label == "ORG" and m.normalized == "住建局"]
    assert short and short[0].attrs.get("short_of") == "桃江县住建局"


def test_a_bare_kind_of_body_is_no_short_form(nlp):
    text = "桃江县人民政府与湘北学院签约。政府和学院将共建实训基地。"
    ex = _extract(nlp, text)
    assert not [m for m in ex.mentions if m.normalized in ("政府", "学院")]


@pytest.mark.parametrize("text, body", [
    ("2019年，王志刚改任山东潍坊市委副书记。", "潍坊市委"),
    ("会后，江苏徐州市委召开常委会议。", "徐州市委"),
])
def test_a_province_written_short_before_a_city_body_only_qualifies_it(nlp, text, body):
    orgs = {m.normalized for m in _extract(nlp, text).mentions if m.label == "ORG"}
    assert body in orgs and not any(o.endswith(body) and o != body for o in orgs)


@pytest.mark.parametrize("text, outlet", [
    ("当天下午，潇湘晨报记者拨打了该公司电话。", "潇湘晨报"),
    ("**华声在线讯** 近日，长沙市召开会议。据新湖南客户端5月3日消息，会议部署了防汛工作。", "新湖南客户端"),
    ("本文著作权归湘江新媒体独家所有，未经授权，不得转载。", "湘江新媒体"),
])
def test_outlets_named_where_their_staff_act_or_their_rights_are_stated(nlp, text, outlet):
    media = {m.normalized for m in _extract(nlp, text).mentions if m.label == "ORG" and m.subtype == "media"}
    assert outlet in media


@pytest.mark.parametrize("text, name", [
    ("市政协党组成员、副主席张德涉嫌严重违纪违法，目前正接受审查调查。", "张德"),
])
def test_a_verb_after_a_name_stays_out_of_it(nlp, text, name):
    persons = {m.normalized for m in _extract(nlp, text).mentions if m.label == "PER"}
    assert name in persons and not any(p.startswith(name) and p != name for p in persons)


# --------------------------------------------------------------------------- résumés


def test_dated_lines_of_a_resume_are_posts_of_the_person_it_is_of(nlp):
    text = ("据官方通报，赵立民，男，汉族，1965年3月出生，山西太原人。\n"
            "2008.06任大同市发展和改革委员会副主任；\n2012.03任大同市商务局局长、党组书记；\n"
            "2019.11任朔州市副市长。")
    posts = {(p, literal) for p, literal in _relations(_extract(nlp, text), "position")}
    assert {("赵立民", "商务局局长"), ("赵立民", "党组书记"), ("赵立民", "朔州市副市长")} <= {
        (p, lit[-5:] if lit.endswith("商务局局长") else lit) for p, lit in posts}


def test_a_pronoun_stands_for_the_person_named_last(nlp):
    text = ("此前，吉林省发改委原主任孙建军被查；今年3月，省能源局原局长刘海涛被查，他曾任长春市副市长。\n"
            "2016年，他调任延边州委副书记，2020年任省能源局局长。")
    posts = _relations(_extract(nlp, text), "position")
    assert ("刘海涛", "长春市副市长") in posts and ("刘海涛", "延边州委副书记") in posts
    assert not {p for p, literal in posts if literal in ("长春市副市长", "延边州委副书记")} - {"刘海涛"}


def test_a_list_of_posts_may_follow_a_colon(nlp):
    text = "公开简历显示，钱卫国，男，1962年生。他曾任：泰州市副市长，扬州市委常委、秘书长等职。"
    posts = {literal for _, literal in _relations(_extract(nlp, text), "position")}
    assert {"泰州市副市长", "扬州市委常委", "秘书长"} <= posts


# --------------------------------------------------------------------------- which event a verb refers to


def test_a_meeting_whose_speech_is_studied_is_not_attended_here(nlp):
    text = ("6月3日，省林业局党组召开会议，传达学习总书记在全国生态环境保护大会上的重要讲话精神。"
            "局党组书记、局长陈国强主持会议，党组成员何立、孙敏出席会议。")
    events = {e for _, e in _relations(_extract(nlp, text), "attended")}
    assert "全国生态环境保护大会" not in events


def test_a_bare_meeting_verb_does_not_refer_to_an_event_told_only_later(nlp):
    text = ("4月9日，市水利局召开会议，局长杨帆主持会议，副局长彭涛、姜琳出席会议。\n"
            "另据报道，4月12日，市人大常委会第十次会议决定任命杨帆为市水利局局长。")
    attended = _relations(_extract(nlp, text), "attended")
    assert not {e for p, e in attended if p in ("彭涛", "姜琳") and "常委会" in e}


def test_a_body_convening_a_meeting_names_it(nlp):
    text = ("3月2日，省统计局党组召开会议，传达学习全国两会精神。党组书记、局长王立新主持会议，"
            "副局长方红、许亮出席会议。此前，国务院召开常务会议。")
    ex = _extract(nlp, text)
    events = {m.normalized for m in ex.mentions if m.label == "EVENT"}
    assert "省统计局党组会议" in events
    assert {("方红", "省统计局党组会议"), ("许亮", "省统计局党组会议")} <= _relations(ex, "attended")


def test_posts_told_of_a_name_after_a_comma_or_an_adverb(nlp):
    text = ("湖北省委常委、襄阳市委书记周明远，转任湖北省委秘书长。宁夏回族自治区副主席马文清已调任自治区党委常委。"
            "此前任安徽省政协主席、党组书记的邓少华，已调任江西省人大常委会党组书记。")
    posts = _relations(_extract(nlp, text), "position")
    assert {("周明远", "湖北省委秘书长"), ("马文清", "自治区党委常委"), ("邓少华", "安徽省政协主席"),
            ("邓少华", "江西省人大常委会党组书记")} <= posts


def test_a_post_told_after_a_dated_clause_is_the_paragraph_subjects(nlp):
    text = "许卫东出生于1965年，长期在广东工作，曾任汕头市副市长等职，2019年5月，任佛山市委副书记、市长。"
    posts = _relations(_extract(nlp, text), "position")
    assert {("许卫东", "汕头市副市长"), ("许卫东", "佛山市委副书记"), ("许卫东", "市长")} <= posts


def test_a_post_verb_ends_a_body_name_grown_leftwards(nlp):
    text = "2019年，刘建明履任广西壮族自治区商务厅厅长，次年调任南宁市委常委。此前担任福建省军区政委的张卫东已退休。"
    orgs = {m.normalized for m in _extract(nlp, text).mentions if m.label == "ORG"}
    assert {"广西壮族自治区商务厅", "福建省军区"} <= orgs
    assert not {o for o in orgs if o.startswith(("履任", "调任")) or o.endswith("政委")}


def test_a_verb_character_inside_another_word_gives_no_post(nlp):
    text = "知情人士确认，吴德海被免职至今，市政府尚未任命新的卫健委主任。"
    posts = _relations(_extract(nlp, text), "position")
    assert not {literal for _, literal in posts if "新的" in literal or literal.startswith("命")}


def test_a_description_after_a_post_is_no_post_of_the_list(nlp):
    text = "2021年6月，周丽娟出任江西省副省长，是当时江西省最年轻的副省长。"
    posts = _relations(_extract(nlp, text), "position")
    assert ("周丽娟", "江西省副省长") in posts
    assert not {literal for _, literal in posts if "的" in literal or literal.startswith("是")}


def test_a_verb_before_a_title_is_not_written_into_it(nlp):
    text = "会议由时任南平市委副书记林建华主持。现任宁德市委常委、副市长陈志刚出席。"
    literals = {literal for _, literal in _relations(_extract(nlp, text), "position")}
    assert {"南平市委副书记", "宁德市委常委"} <= literals
    assert not {lit for lit in literals if lit.startswith(("时任", "现任"))}


def test_a_clause_opening_with_a_body_is_not_opened_by_a_person(nlp):
    text = ("通报指出，金华医疗集团原党委书记、总院长刘志强被指在担任东阳市人民医院党委副书记、院长等职务期间，"
            "违规收受财物。")
    posts = _relations(_extract(nlp, text), "position")
    assert ("刘志强", "东阳市人民医院党委副书记") in posts
    assert not {p for p, _ in posts if p.startswith("金华")}


def test_a_party_committee_lies_in_the_place_it_is_named_after(nlp):
    text = "2015年，孙立军任汉中市委书记。汉中市委召开常委会议，研究汉中市经济工作。"
    located = _resolved_relations(nlp, text, "located_in")
    assert ("汉中市委", "汉中市") in located


@pytest.mark.parametrize("text, name", [
    ("现任丽水市委副书记的吴国平拟任省总工会主席。", "吴国平"),
    ("2019年，林晓东进入国家发展改革委工作。", "林晓东"),
    ("“创新要落到产业上。”李文斌如是说。", "李文斌"),
])
def test_a_verb_or_preposition_after_a_name_stays_out_of_it(text, name):
    s = text.index(name)
    kept = model_candidates(text, s, s + len(name) + 1, "PER", 2, Vetoes())
    assert [text[c.start : c.end] for c in kept] == [name]


def test_a_pronoun_stands_for_the_name_heading_its_lines():
    text = ("全国人大会议选举韩志强为副主任。\n**沈佩兰**\n"
            "她出生于1963年，历任温州市市长，台州市委书记。")
    model_persons = frozenset({(text.index("韩志强"), text.index("韩志强") + 3)})  # the NER missed the heading
    found = find_rule_candidates(text, model_persons=model_persons)
    posts = {(text[c.start : c.end], t["text"]) for c in found if c.label == "PER" for t in c.attrs.get("titles", [])}
    assert ("沈佩兰", "温州市市长") in posts and ("韩志强", "温州市市长") not in posts


def test_one_person_one_name_when_the_model_reads_a_word_into_it():
    from kg.extract.entities import Candidate, persons_named_short

    text = "省人大会议选举郑立平为省长。郑立平曾任市长。钱云宣出席。钱云宣说。"
    cut = Candidate(7, 11, "PER", "ner:model", 2)  # 郑立平为
    alone = Candidate(14, 17, "PER", "ner:model", 2)
    whole = Candidate(22, 25, "PER", "ner:model", 2)  # 钱云宣: written whole wherever it is written
    short = Candidate(28, 30, "PER", "ner:model", 2)  # 钱云
    persons_named_short(text, [cut, alone, whole, short])
    assert text[cut.start : cut.end] == "郑立平" and text[whole.start : whole.end] == "钱云宣"


@pytest.mark.parametrize("text, event", [
    ("5月8日，第十二届全市职工运动会在市体育中心举行。", "第十二届全市职工运动会"),
    ("省应急管理厅在安宁市开展“铁肩-2024”地震救援演习。", "“铁肩-2024”地震救援演习"),
    ("调研组在临港新区开展“科技成果转化”专题调研。", "“科技成果转化”专题调研"),
])
def test_sports_exercises_and_inspection_tours_are_events(nlp, text, event):
    events = {m.normalized for m in _extract(nlp, text).mentions if m.label == "EVENT"}
    assert event in events


def test_an_opening_ceremony_is_not_an_event_apart_from_what_it_opens(nlp):
    text = "9月3日，第六届中国（南昌）家具博览会开幕式在南昌国际展览中心举行，副省长刘明轩出席开幕式。"
    ex = _extract(nlp, text)
    assert "开幕式" not in {m.normalized for m in ex.mentions if m.label == "EVENT"}


def test_a_zone_named_after_its_city_lies_in_it(nlp):
    text = "当天，衢州市领导来到衢州经开区调研，参观了园区企业。"
    ex = _extract(nlp, text)
    assert ("衢州经开区", "衢州") in {(s, o[:2]) for s, o in _relations(ex, "located_in")}


def test_a_project_named_after_its_county_is_built_there(nlp):
    text = "桃源县有关负责人介绍，桃源抽水蓄能电站项目总投资80亿元。"
    located = _relations(_extract(nlp, text), "located_in")
    assert any(s.startswith("桃源抽水蓄能电站") and o.startswith("桃源") for s, o in located)


def test_a_county_media_centre_lies_in_its_county_a_newspaper_not(nlp):
    text = "宁远县融媒体中心记者报道，宁远县举行招商推介会。永州日报、宁远县融媒体中心等媒体参加。"
    located = _resolved_relations(nlp, text, "located_in")
    assert ("宁远县融媒体中心", "宁远县") in located
    assert not {s for s, _ in located if s == "永州日报"}


def test_names_listed_before_an_election_share_the_post(nlp):
    text = "此外，张明远、李华强、王芳均在今年初当选湖北省副省长。去年，刘建国当选荆州市市长。"
    posts = _relations(_extract(nlp, text), "position")
    assert {("张明远", "湖北省副省长"), ("李华强", "湖北省副省长"), ("王芳", "湖北省副省长"),
            ("刘建国", "荆州市市长")} <= posts


def test_a_post_verb_and_place_open_a_body_not_a_name(nlp):
    text = ("李建国长期在山东工作，曾任济南市委书记等职，2021年转任河北，任河北省委常委。2023年1月，"
            "任河北省政协主席、党组书记。会议宣布，孙海涛任江西省政协党组书记。")
    ex = _extract(nlp, text)
    persons = {m.normalized for m in ex.mentions if m.label == "PER"}
    orgs = {m.normalized for m in ex.mentions if m.label == "ORG"}
    assert persons == {"李建国", "孙海涛"}
    assert {"河北省委", "河北省政协", "江西省政协"} <= orgs
    assert not {o for o in orgs if o.startswith(("任", "孙海涛"))}
    assert ("李建国", "河北省政协主席") in _relations(ex, "position")


def test_a_military_rank_after_a_name_is_no_part_of_it(nlp):
    persons = {m.normalized for m in _extract(nlp, "福建省军区新任司令员王海军少将亮相。").mentions if m.label == "PER"}
    assert "王海军" in persons and "王海军少" not in persons
    persons = {m.normalized for m in _extract(nlp, "王建中将出席会议。").mentions if m.label == "PER"}
    assert persons == {"王建中"}  # 将 is "will" here, 中将 no rank


def test_jian_joins_two_posts_and_two_bodies(nlp):
    text = "1998年，刘德华又任临湘市政府办副主任兼机关事务管理局局长，后调任岳阳市委。"
    ex = _extract(nlp, text)
    posts = {t for p, t in _relations(ex, "position") if p == "刘德华"}
    assert posts == {"临湘市政府办副主任", "机关事务管理局局长"}
    assert not {m.normalized for m in ex.mentions if m.label == "ORG" and "兼" in m.normalized}


def test_a_word_never_seen_in_names_does_not_open_one(nlp):
    text = "据介绍，刘海峰在市政府领导班子中分管交通工作。"
    persons = {m.normalized for m in _extract(nlp, text).mentions if m.label == "PER"}
    assert persons == {"刘海峰"}


def test_a_body_named_after_a_verb_starts_at_its_place(nlp):
    text = "经浙江省委批准，浙江省纪委监委决定给予浙江省人民政府国有资产监督管理委员会原副主任王立新开除党籍处分。"
    orgs = {m.normalized for m in _extract(nlp, text).mentions if m.label == "ORG"}
    assert "浙江省人民政府国有资产监督管理委员会" in orgs
    assert not {o for o in orgs if "给予" in o}


def test_the_bodies_of_a_zone_are_bodies_that_lie_in_it(nlp):
    text = "兰州新区党工委书记王强讲话。江北新区管委会与南京云海科技有限公司签约，江北新区管委会副主任张华出席。"
    ex = _extract(nlp, text)
    orgs = {m.normalized for m in ex.mentions if m.label == "ORG"}
    places = {m.normalized for m in ex.mentions if m.label == "LOC"}
    assert {"兰州新区党工委", "江北新区管委会"} <= orgs
    assert {"兰州新区", "江北新区"} <= places and not {"兰州新区", "江北新区"} & orgs
    assert {("兰州新区党工委", "兰州新区"), ("江北新区管委会", "江北新区")} <= _relations(ex, "located_in")


def test_divisions_written_in_a_row_lie_one_in_the_other(nlp):
    text = ("记者注意到，湖北省襄阳市谷城县县委书记刘强回应记者。葫芦岛市绥中县委副书记项继飞出席。"
            "广东佛山陶瓷产业联盟、江西省赣州市南康区家具有限公司参加。")
    located = _relations(_extract(nlp, text), "located_in")
    assert {("襄阳市", "湖北省"), ("谷城县", "襄阳市"), ("绥中县", "葫芦岛市"), ("绥中县委", "绥中县"),
            ("南康区", "赣州市")} <= located
    assert ("佛山", "广东") not in located  # a brand's places, written short inside its name


def test_places_that_are_not_parent_and_child_are_no_chain(nlp):
    located = _relations(_extract(nlp, "会议在长沙株洲湘潭三市轮流举办。"), "located_in")
    assert not located


def test_a_company_registered_with_a_bracketed_place_is_one_name_everywhere(nlp):
    text = ("中标单位为华耘电子（杭州）有限公司，中标金额为520万元。记者致电中标单位华耘电子（杭州）有限公司，"
            "但无人接听。华耘电子成立于2019年。")
    ex = _extract(nlp, text)
    names = [(m.label, m.normalized) for m in ex.mentions if m.label in ("PER", "ORG", "LOC")]
    assert names.count(("ORG", "华耘电子（杭州）有限公司")) == 2
    assert not [n for _, n in names if "）" in n and "（" not in n]  # no half of a bracket
    assert not {n for label, n in names if label in ("PER", "LOC") and n in "华耘电子（杭州）有限公司"}
    assert not _relations(ex, "part_of")  # 华耘电子 is the company's short name, not its parent
    orgs = {m.normalized for m in _extract(nlp, "中标单位为明远建设（杭州）有限公司。").mentions if m.label == "ORG"}
    assert not {o for o in orgs if o.startswith("（")}


# --------------------------------------------------------------------------- session 19: rosters and title chains


def test_people_listed_for_firms_are_persons_who_attended(nlp):
    ex = _extract(nlp, "昨日，全省先进制造业座谈会在衡阳召开。参加座谈会的有郑志明、何建新、冯雪梅等企业代表。")
    orgs = {m.text for m in ex.mentions if m.label == "ORG"}
    assert not any("郑志明" in o for o in orgs)  # 等企业代表 lists people, not firms
    assert {p for p, _ in _relations(ex, "attended")} >= {"郑志明", "何建新", "冯雪梅"}


def test_those_seated_on_the_rostrum_attended(nlp):
    ex = _extract(nlp, "3月2日，邵阳市政协十一届三次会议开幕。市领导杨胜跃、何朝晖在主席台前排就座。")
    assert {p for p, _ in _relations(ex, "attended")} == {"杨胜跃", "何朝晖"}


def test_a_modifier_of_titles_before_a_title_is_no_name(nlp):
    ex = _extract(nlp, "大会主席团常务主席、执行主席在主席台前排就座。")
    assert not [m for m in ex.mentions if m.label == "PER"]  # 常务|主席: no person 常务


def test_bodies_a_plaque_is_unveiled_for_did_not_unveil_it(nlp):
    ex = _extract(nlp, "5月3日，岳阳市新材料产业链推进大会召开。刘明分别为岳阳市新材料产业协会、"
                       "中共岳阳市新材料产业链企业联合委员会揭牌。")
    assert {p for p, _ in _relations(ex, "attended")} <= {"刘明"}


def test_posts_joined_by_jian_after_a_list_of_titles_are_all_the_persons(nlp):
    ex = _extract(nlp, "日前，市委副书记、市长赵明分别与大华集团创始人、董事长兼首席执行官孙立座谈。")
    posts = {t for p, t in _relations(ex, "position") if p == "孙立"}
    assert {"大华集团创始人", "董事长", "首席执行官"} <= posts
    assert ("孙立", "大华集团") in _relations(ex, "affiliated_with")
    assert not any("市委" in t or "市长" in t for t in posts)  # the host's titles stay the host's


def test_board_chairs_are_titles(nlp):
    ex = _extract(nlp, "远景集团董事局主席陈思远出席。")
    assert any(t.endswith("董事局主席") for p, t in _relations(ex, "position") if p == "陈思远")
    assert ("陈思远", "远景集团") in _relations(ex, "affiliated_with")


@pytest.mark.parametrize("text, name", [("新任司令员高树合少将亮相。", "高树合"), ("记者获悉，王志合表示将扩大投资。", "王志合"),
                                        ("在市长王群的陪同下考察。", "王群")])
def test_a_word_that_follows_names_marks_where_a_name_ends(nlp, text, name):
    # a rare last character (合) stays before 少将/表示; a function word (的) is still cut
    assert name in {m.text for m in _extract(nlp, text).mentions if m.label == "PER"}


def test_a_list_of_posts_names_the_departments_of_the_committee_it_opens_with(nlp):
    ex = _extract(nlp, "会上宣布，王立新任陕西省委常委、统战部部长，省纪委副书记，不再担任原职。")
    full = {m.text: m.attrs.get("short_of") for m in ex.mentions if m.label == "ORG"}
    assert full.get("统战部") == "陕西省委统战部"
    assert full.get("省纪委") == "陕西省纪委"
    # a department with no committee before it in the sentence stays as written
    ex = _extract(nlp, "宣传部部长李明出席。")
    assert not any(m.attrs.get("short_of") for m in ex.mentions)


@pytest.mark.parametrize("text, name", [("会上，市人力资源和社会保障局负责人作了发言。", "市人力资源和社会保障局"),
                                        ("江西省工业和信息化厅党组书记出席。", "江西省工业和信息化厅")])
def test_he_inside_a_department_name_joins_its_words(text, name):
    assert name in _spans(find_suffix_orgs, text)


@pytest.mark.parametrize("text, name", [("株洲和湘潭市交通局联合发文。", "湘潭市交通局"),
                                        ("服务企业和市场监管局的工作人员。", "市场监管局")])
def test_he_between_a_place_or_a_word_and_a_body_joins_nothing(text, name):
    assert name in _spans(find_suffix_orgs, text)


def test_the_short_zone_suffix_zongbaoqu_names_a_zone():
    text = "衡阳综保区管委会主任出席。"
    assert "衡阳综保区" in _spans(find_suffix_places, text)


@pytest.mark.parametrize("text, event", [("9日，第二届湖南（衡阳）职业教育活动周在衡阳启动。", "第二届湖南（衡阳）职业教育活动周"),
                                         ("第五届湘潭读书节今日开幕。", "第五届湘潭读书节")])
def test_themed_weeks_and_festivals_are_events(nlp, text, event):
    assert event in {m.text for m in _extract(nlp, text).mentions if m.label == "EVENT"}


def test_a_holiday_is_no_event(nlp):
    assert not [m for m in _extract(nlp, "春节期间，市民欢度春节。").mentions if m.label == "EVENT"]


def test_a_given_name_read_without_its_surname_is_the_person_named_elsewhere(nlp):
    ex = _extract(nlp, "史文斌任吉林省委常委。此次履新前，史文斌为江西省委常委、省委秘书长。")
    assert {m.text for m in ex.mentions if m.label == "PER"} == {"史文斌"}


def test_a_roster_before_the_round_ups_main_event_attends_the_event_told_last(nlp):
    # a round-up of several seminars: the headline's event is told in a later paragraph, so 参加会议 is the one
    # just told, not dropped
    text = ("近期多地举行了纪念活动。\n"
            "11月3日，由西北大学文学院主办的“丝路文明与当代中国学术研讨会”在西安召开。\n"
            "西北大学党委副书记赵文华、历史学院院长钱立军，以及多所高校师生参加会议。\n"
            "11月9日，由陕西省社科联主办的“丝路精神与中华文明——纪念张骞出使西域两千一百周年学术研讨会”在汉中举行。")
    ex = _extract(nlp, text, headline="纪念张骞出使西域，相关学术研讨会陆续举行")
    attended = _relations(ex, "attended")
    assert ("赵文华", "丝路文明与当代中国学术研讨会") in attended
    assert ("钱立军", "丝路文明与当代中国学术研讨会") in attended
    assert not any(event.startswith("丝路精神") for _, event in attended)


@pytest.mark.parametrize("text, event", [("多地学术研讨会陆续举行。", "学术研讨会"),
                                         ("全省各地招商推介会陆续举办。", "招商推介会"),
                                         ("多场专题培训会近日举行。", "专题培训会")])
def test_a_round_ups_count_of_events_is_no_part_of_their_name(nlp, text, event):
    assert [m.normalized for m in _extract(nlp, text).mentions if m.label == "EVENT"] == [event]


def test_a_quoted_theme_before_a_double_dash_is_part_of_the_events_name(nlp):
    text = "3月2日，“乡村振兴与共同富裕——湘赣边区域合作发展研讨会”在浏阳举行。"
    assert [m.normalized for m in _extract(nlp, text).mentions if m.label == "EVENT"] == \
        ["乡村振兴与共同富裕——湘赣边区域合作发展研讨会"]


def test_a_theme_that_is_an_event_itself_stays_its_own_event(nlp):
    text = "3月2日，“岳麓峰会——湘赣边区域合作发展研讨会”在浏阳举行。"
    events = [m.normalized for m in _extract(nlp, text).mentions if m.label == "EVENT"]
    assert "湘赣边区域合作发展研讨会" in events


def test_a_one_character_place_before_an_adverb_and_a_verb_of_meeting_is_the_place(nlp):
    ex = _extract(nlp, "6月3日，全国职业教育工作交流会在京隆重召开。")
    assert ("全国职业教育工作交流会", "京") in _relations(ex, "event_location")
    place = next(m for m in ex.mentions if m.label == "LOC")
    assert place.attrs.get("short_of") == "北京市"


def test_two_meetings_one_named_inside_the_others_name_on_other_days_stay_two(nlp):
    text = ("6月3日，由湖南大学主办的“丝路文明与当代中国——张骞出使西域学术研讨会”在长沙举行。\n"
            "6月10日，由西北大学主办的“张骞出使西域学术研讨会”在西安举行。")
    events = {m.normalized: m.attrs.get("date") for m in _extract(nlp, text).mentions if m.label == "EVENT"}
    assert events == {"丝路文明与当代中国——张骞出使西域学术研讨会": "2024-06-03",
                      "张骞出使西域学术研讨会": "2024-06-10"}


def test_a_bodys_own_cadre_meeting_is_named_after_the_body(nlp):
    ex = _extract(nlp, "近日，长沙市商务局召开干部大会，宣布任职决定。")
    assert [m.normalized for m in ex.mentions if m.label == "EVENT"] == ["长沙市商务局干部大会"]


def test_the_aspect_particle_wan_after_a_verb_is_no_part_of_an_event(nlp):
    ex = _extract(nlp, "他主持完干部大会后离开。")
    assert [m.normalized for m in ex.mentions if m.label == "EVENT"] == ["干部大会"]


def test_a_procedure_before_the_approving_body_is_no_part_of_its_name(nlp):
    ex = _extract(nlp, "经江西省纪委常委会会议研究并报江西省委批准，决定给予李某开除党籍处分。")
    orgs = [m.normalized for m in ex.mentions if m.label == "ORG"]
    assert "江西省委" in orgs and not any("并报" in o for o in orgs)


def test_a_zones_other_body_in_a_list_of_posts_is_the_zones(nlp):
    pairs = _resolved_relations(nlp, "赵宁任岳阳经济技术开发区党工委书记、管委会主任。", "affiliated_with")
    assert pairs == {("赵宁", "岳阳经济技术开发区党工委"), ("赵宁", "岳阳经济技术开发区管委会")}


def test_a_department_read_in_a_list_of_posts_is_named_in_full(nlp):
    pairs = _resolved_relations(nlp, "钱峰任江西省委常委、宣传部部长。", "affiliated_with")
    assert ("钱峰", "江西省委宣传部") in pairs


def test_bing_jian_joins_a_post_and_is_no_part_of_it(nlp):
    ex = _extract(nlp, "一年后，孙涛升任邯郸市委常委、秘书长，并兼丛台区委书记。")
    posts = {title for _, title in _relations(ex, "position")}
    assert "丛台区委书记" in posts and not any(p.startswith("并") for p in posts)


@pytest.mark.parametrize("text, zone", [("他任中关村科技园区管委会副主任。", "中关村科技园区"),
                                        ("他任曹妃甸工业区党工委副书记。", "曹妃甸工业区")])
def test_science_parks_and_industrial_zones_are_zones_with_bodies(nlp, text, zone):
    ex = _extract(nlp, text)
    assert zone in {m.normalized for m in ex.mentions if m.label == "LOC"}
    assert any(m.normalized.startswith(zone) for m in ex.mentions if m.label == "ORG")


def test_officials_of_a_bureaus_rank_are_no_body(nlp):
    ex = _extract(nlp, "山东又一厅官被查。")
    assert not [m for m in ex.mentions if m.label == "ORG"]
    ex = _extract(nlp, "湖南省商务厅官网发布消息。")
    assert [m.normalized for m in ex.mentions if m.label == "ORG"] == ["湖南省商务厅"]


@pytest.mark.parametrize("text, body", [("团省委书记徐永胜出席。", "共青团陕西省委"),
                                        ("共青团市委书记王敏出席。", "共青团宝鸡市委")])
def test_the_youth_leagues_local_committee_is_not_the_partys(nlp, text, body):
    pairs = _resolved_relations(nlp, "陕西省宝鸡市召开青年工作会议。" + text, "affiliated_with")
    assert {org for _, org in pairs} == {body}


def test_the_persons_a_clause_during_an_event_opens_with_were_at_it(nlp):
    text = ("6月2日，2024湖南（深圳）产业招商推介会在深圳举行。"
            "推介会期间，岳阳市委书记吴强、市长周明与多家企业负责人座谈交流。")
    attended = _relations(_extract(nlp, text), "attended")
    assert {person for person, _ in attended} >= {"吴强", "周明"}


@pytest.mark.parametrize("text, name", [("市长周明多次深入社区。", "周明"), ("市长周明多次强调。", "周明"),
                                        ("县长李建专程赶来。", "李建"), ("区长赵文亲自调度。", "赵文")])
def test_an_adverb_after_a_titled_name_is_no_part_of_it(nlp, text, name):
    assert [m.normalized for m in _extract(nlp, text).mentions if m.label == "PER"] == [name]


@pytest.mark.parametrize("text, person, event", [
    ("10月9日，全省职业技能大赛在长沙开幕。省人社厅厅长王刚观摩比赛。", "王刚", "全省职业技能大赛"),
    ("3月2日，湖北省应急管理厅在宜昌举行“金盾2024”危险化学品应急救援演习。副省长李明在主会场观摩。",
     "李明", "“金盾2024”危险化学品应急救援演习"),
])
def test_those_who_watch_an_event_were_at_it(nlp, text, person, event):
    # 观摩 (to watch a drill, a contest) is attending it, and governs the event it watches: no part of its name
    assert (person, event) in _resolved_relations(nlp, text, "attended")
    assert not any("观摩" in name for _, name in _resolved_relations(nlp, text, "attended"))


def test_a_paragraph_opening_with_another_dated_event_tells_of_that_one(nlp):
    text = ("5月8日，省委召开全省安全生产工作电视电话会议。省委书记张伟主持会议。\n"
            "5月9日，省消防救援总队在江城举行“烈火2024”高层建筑灭火实战演习。副省长陈明在现场观摩，省军区司令员赵强参加。")
    attended = _resolved_relations(nlp, text, "attended")
    drill = "“烈火2024”高层建筑灭火实战演习"
    assert {("陈明", drill), ("赵强", drill)} <= attended
    assert ("赵强", "全省安全生产工作电视电话会议") not in attended


def test_a_side_meeting_told_inside_the_main_ones_paragraph_leaves_it_the_main_one(nlp):
    text = ("6月3日，全市文旅产业发展大会召开。市长周林出席并讲话。\n"
            "副市长吴斌主持大会。会前召开了市旅游协会理事会议。会上，市文旅局局长孙浩作报告。")
    assert ("孙浩", "全市文旅产业发展大会") in _resolved_relations(nlp, text, "attended")


@pytest.mark.parametrize("text, event", [
    ("1月20日，2024年江西省两会在南昌开幕。", "2024年江西省两会"),
    ("在今年的地方两会上，多位代表建言数字经济。", "地方两会"),
])
def test_a_provinces_two_sessions_are_an_event(text, event):
    assert event in _spans(find_events, text)


@pytest.mark.parametrize("text, first, second", [
    ("会议传达学习了党的二十大和二十届二中全会精神。", "党的二十大", "二十届二中全会"),
    ("深入学习贯彻十九届六中全会和中央经济工作会议精神。", "十九届六中全会", "中央经济工作会议"),
    ("9日，全市项目推进会和招商引资签约仪式在株洲举行。", "全市项目推进会", "招商引资签约仪式"),
])
def test_two_events_joined_by_and_are_two(text, first, second):
    assert {first, second} <= set(_spans(find_events, text))


def test_and_inside_an_events_name_stays(nlp):
    assert "2024中国（湖南）国际轨道交通和城市发展博览会" in _spans(find_events, "2024中国（湖南）国际轨道交通和城市发展博览会开幕。")


def test_a_list_closed_by_deng_zhi_goes_on_past_a_post_without_a_known_head(nlp):
    # 等职 closes a list of posts: 干部 (no title head) is passed over, the posts after it are still read
    text = "王建国早年历任衡阳县农委干部，县政府办综合组副组长、信息科科长，县政府办副主任等职。"
    titles = {r.literal for r in _extract(nlp, text).relations if r.type == "position"}
    assert {"县政府办综合组副组长", "信息科科长", "县政府办副主任"} <= titles


def test_a_list_without_deng_zhi_still_ends_at_a_segment_that_is_no_post(nlp):
    text = "李红梅历任衡阳县农委干部，负责招商工作，后任县商务局局长。"
    titles = {r.literal for r in _extract(nlp, text).relations if r.type == "position"}
    assert "负责招商工作" not in titles


def test_an_indictments_list_of_posts_is_the_defendants(nlp):
    # 被告人X利用担任…等职务上的便利: the posts listed are X's, the last one before 等职务上的便利 included
    text = "法院审理查明，被告人赵德明利用担任江西省永新县副县长，吉安县县长、县委书记，吉安市市长等职务上的便利，收受他人财物。"
    titles = {r.literal for r in _extract(nlp, text).relations if r.type == "position"}
    assert {"江西省永新县副县长", "吉安县县长", "县委书记", "吉安市市长"} <= titles


def test_a_clause_naming_another_person_ends_a_list_of_posts(nlp):
    # 甲曾任X行长，乙曾任Y副主任: each clause's post is its own person's, not the first person's too
    text = "比如，陈志远曾任中国农业银行副行长，林海涛曾任国家发展改革委办公厅副主任，周明曾任商务部副部长。"
    ex = _extract(nlp, text)
    names = {m.id: m.text for m in ex.mentions}
    pairs = {(names[r.subject], r.literal) for r in ex.relations if r.type == "position"}
    assert pairs == {("陈志远", "中国农业银行副行长"), ("林海涛", "国家发展改革委办公厅副主任"), ("周明", "商务部副部长")}


def test_a_title_segment_starts_after_a_listed_name_and_its_conjunction(nlp):
    text = "省政协委员张立新、陈卫东和专家王晓梅等先后发言。"
    titles = {r.literal for r in _extract(nlp, text).relations if r.type == "position"}
    assert not any("陈卫东" in t for t in titles)


@pytest.mark.parametrize("text, events", [
    ("根据《全国工商联执委会议事规则》，委员每年述职一次。", set()),
    ("会议审议了《关于召开2024年全省经济工作会议的通知》。", set()),
    ("5月9日，《政府工作报告》专家座谈会在长沙召开。", {"《政府工作报告》专家座谈会"}),
])
def test_an_event_named_inside_a_documents_title_is_no_event(text, events):
    assert set(_spans(find_events, text)) == events


@pytest.mark.parametrize("text, name", [
    ("省发改委主任张立群、副主任刘星海均出席了会议。", "刘星海"),
    ("市委副书记、市长周国平也出席了签约仪式。", "周国平"),
])
def test_an_adverb_of_scope_after_the_last_listed_name_is_no_part_of_it(nlp, text, name):
    persons = {m.text for m in _extract(nlp, text).mentions if m.label == "PER"}
    assert name in persons and not any(p.startswith(name) and p != name for p in persons)


def test_the_aforesaid_meeting_is_no_events_name():
    assert "上述会议" not in _spans(find_events, "易建国、方海均出席了上述会议。")


@pytest.mark.parametrize("text", [
    "多年来他一直参与公司的日常经营。",
    "省长王海听取公司负责人的汇报。",
    "必须下力气解决协会会员反映的问题。",
])
def test_a_firm_or_association_word_after_a_verb_is_no_name(text):
    assert not [t for t in _spans(find_suffix_orgs, text) if t.endswith(("公司", "协会"))]


@pytest.mark.parametrize("text, name", [
    ("双方将共建创新药物临床转化中心。", "创新药物临床转化中心"),
    ("湖南快乐阳光互动娱乐传媒有限公司成立于2005年。", "湖南快乐阳光互动娱乐传媒有限公司"),
])
def test_names_that_hold_a_verb_stay_names(text, name):
    assert name in _spans(find_suffix_orgs, text)


@pytest.mark.parametrize("text, events", [
    ("省商务厅每年召开一次会议，研究外贸形势。", set()),
    ("这两场座谈会都以视频形式召开。", set()),
    ("十四届全国人大一次会议在京开幕。", {"十四届全国人大一次会议"}),
    ("第二场招聘会在株洲举行。", {"第二场招聘会"}),
])
def test_meetings_counted_are_no_named_event(text, events):
    assert set(_spans(find_events, text)) == events


def test_a_datelines_reporter_in_brackets_ends_an_events_name():
    text = "新华网长沙3月2日电(王晓红)湖南省第十二次妇女代表大会2日在长沙开幕。"
    assert "湖南省第十二次妇女代表大会" in _spans(find_events, text)


@pytest.mark.parametrize("text, speaker", [
    ("8月9日，全区项目建设调度会召开。区委书记陈立新主持会议并讲话。", "陈立新"),
    ("10月12日，全省林业工作会议在长沙召开。副省长周文海主持会议并作工作报告。", "周文海"),
])
def test_the_chair_who_also_speaks_spoke_at_the_meeting(nlp, text, speaker):
    ex = _extract(nlp, text)
    chaired, spoke = _relations(ex, "chaired"), _relations(ex, "spoke_at")
    assert {s for s, _ in chaired} == {speaker}
    assert {s for s, _ in spoke} == {speaker}


def test_a_body_after_zai_is_where_the_meeting_is_held_not_its_host(nlp):
    ex = _extract(nlp, "4月2日，全县乡村振兴推进会在县政务服务中心召开。")
    assert not _relations(ex, "organized")


def test_a_welcome_speech_is_a_speech_not_an_invitation(nlp):
    ex = _extract(nlp, "11月8日，首届洞庭湖生态论坛在岳阳开幕。岳阳市委书记曹立军致欢迎辞。")
    assert {s for s, _ in _relations(ex, "spoke_at")} == {"曹立军"}


def test_a_visit_the_speaker_wishes_for_others_is_not_his_visit(nlp):
    ex = _extract(nlp, "县委书记周正文致辞，欢迎广大客商来桂东考察。")
    assert not _relations(ex, "visited")


@pytest.mark.parametrize("text", [
    "10月16日，2024中部农业博览会开幕。隆平高科、大北农、正邦科技等800余家企业参展。",
    "第三届湖湘建筑论坛召开，远大住工、五矿二十三冶等上百家企业参会。",
])
def test_exhibitors_in_a_counted_list_of_firms_attended(nlp, text):
    ex = _extract(nlp, text)
    attendees = {s for s, _ in _relations(ex, "attended")}
    assert len(attendees) >= 2 and all(len(a) >= 3 for a in attendees)


@pytest.mark.parametrize("text", ["他听取了浙江省长江三角洲一体化发展情况汇报。", "会议研究了安徽省长江岸线整治工作。"])
def test_a_title_head_whose_last_character_opens_a_place_is_no_title(nlp, text):
    ex = _extract(nlp, text)
    assert not [m for m in ex.mentions if m.label == "PER"]
    assert not _relations(ex, "position")


def test_the_models_longer_reading_of_a_listed_name_wins(nlp):
    ex = _extract(nlp, "全国人大常委会委员长赵乐际、副委员长李鸿忠出席座谈会。")
    assert {m.text for m in ex.mentions if m.label == "PER"} == {"赵乐际", "李鸿忠"}


def test_an_event_that_dates_a_clause_is_not_where_its_verbs_happen(nlp):
    text = ("8月30日，省生态环境厅召开半年工作总结会。会上通报，自3月9日全省生态环境保护大会以来，共整改问题86个。"
            "厅长王志平出席会议并讲话。")
    ex = _extract(nlp, text)
    assert "全省生态环境保护大会" in {m.normalized for m in ex.mentions if m.label == "EVENT"}
    assert {o for _, o in _relations(ex, "spoke_at")} == {"半年工作总结会"}


def test_an_appointee_named_after_pinren_is_the_person(nlp):
    ex = _extract(nlp, "董事会同意聘任周立新为公司财务总监。")
    assert {m.text for m in ex.mentions if m.label == "PER"} == {"周立新"}
    assert {s for s, _ in _relations(ex, "position")} == {"周立新"}


def test_a_hope_told_with_a_modal_is_still_no_visit(nlp):
    ex = _extract(nlp, "县长刘海涛在推介会上致辞，希望会有更多客商来炎陵考察。")
    assert not _relations(ex, "visited")
