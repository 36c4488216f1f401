"""Entity rules on sentences written for the tests (not taken from the seeds)."""

from kg.extract.entities import (
    find_byline_persons,
    find_events,
    find_places,
    find_projects,
    find_rule_candidates,
    find_suffix_orgs,
    find_titled_persons,
    merge_candidates,
    name_at,
)
from kg.extract.lexicon import fix_artefacts


def spans(text, cands, label=None):
    return [text[c.start : c.end] for c in cands if label is None or c.label == label]


def test_name_stops_before_verbs():
    assert name_at("张建国主持会议", 0) == 3
    assert name_at("王军讲话", 0) == 2
    assert name_at("该公司说", 0) == 0  # 该 is not a surname


def test_title_chain_gives_person_and_titles():
    text = "4月3日，市委副书记、常务副市长李明华出席并讲话。"
    cands = find_titled_persons(text)
    persons = [c for c in cands if c.label == "PER"]
    assert spans(text, persons) == ["李明华"]
    titles = [t["text"] for t in persons[0].attrs["titles"]]
    assert titles == ["市委副书记", "常务副市长"]


def test_title_with_list_of_names():
    text = "市领导赵立新、钱小红，湖南科技大学校长孙志远参加会议。"
    cands = find_titled_persons(text)
    assert spans(text, cands, "PER") == ["赵立新", "钱小红", "孙志远"]


def test_company_and_bureau_names_by_suffix():
    text = "记者从醴陵市商务局获悉，湖南星火机电有限公司与长沙智造研究院签约。"
    assert set(spans(text, find_suffix_orgs(text))) >= {"醴陵市商务局", "湖南星火机电有限公司", "长沙智造研究院"}


def test_word_tails_are_not_bureaus():
    text = "优化产业格局，并举办了展会。"
    assert find_suffix_orgs(text) == []


def test_places_from_the_division_table():
    text = "在醴陵市浦口镇和长沙县，以及湖南"
    found = spans(text, find_places(text))
    assert "醴陵市" in found and "浦口镇" in found and "长沙县" in found and "湖南" in found


def test_event_name_grown_from_trigger():
    text = "6月2日，醴陵市陶瓷产业发展推进大会暨招商引资签约仪式召开。"
    assert spans(text, find_events(text)) == ["醴陵市陶瓷产业发展推进大会暨招商引资签约仪式"]


def test_generic_event_words_are_not_events():
    text = "他参加会议并指出，要开展活动。"
    assert find_events(text) == []


def test_quoted_campaign_is_an_event():
    text = "全县开展“青春助力乡村行”活动。"
    assert spans(text, find_events(text)) == ["“青春助力乡村行”活动"]


def test_project_needs_a_proper_name():
    text = "位于醴陵经开区的星火电机项目开工，多个重点项目推进。"
    assert spans(text, find_projects(text)) == ["星火电机项目"]


def test_byline_credits():
    text = "本报讯(全媒体记者/孙小梅 通讯员/周大伟) 近日"
    assert spans(text, find_byline_persons(text)) == ["孙小梅", "周大伟"]


def test_author_credit_of_a_web_page_but_not_inside_a_word():
    text = "发布时间：2023-09-12  来源：益阳新闻网  作者：石晓峰  阅读：356"
    assert spans(text, find_byline_persons(text)) == ["石晓峰"]
    # 工作者 ends in 作者 but credits nobody
    text = "希望广大科技工作者尤其是青年人才多来益阳。"
    assert spans(text, find_byline_persons(text)) == []


def test_artefacts_keep_length():
    assert fix_artefacts("全省蕞大的项目，蕞高标准") == "全省最大的项目，最高标准"


def test_artefacts_are_contextual():
    # 蕞尔 is a real word, 绿口罩 is a green face mask: no global swaps
    assert fix_artefacts("医护人员戴着绿口罩，蕞尔小国。") == "医护人员戴着绿口罩，蕞尔小国。"


def test_abbreviation_definition_and_propagation():
    text = "湖南星火机电有限公司（以下简称“星火机电”）成立于2001年。星火机电是龙头企业。"
    merged = merge_candidates(text, find_rule_candidates(text), [])
    orgs = spans(text, merged, "ORG")
    assert orgs == ["湖南星火机电有限公司", "星火机电", "星火机电"]


def test_model_entities_lose_to_definitions_but_fill_gaps():
    from kg.extract.entities import Candidate

    text = "市长王大为会见了李四光。"
    model = [Candidate(8, 11, "PER", "ner:model", 2), Candidate(2, 4, "PER", "ner:model", 2)]
    merged = merge_candidates(text, find_rule_candidates(text), model)
    assert spans(text, merged, "PER") == ["王大为", "李四光"]
