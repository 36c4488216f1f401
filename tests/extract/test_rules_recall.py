"""Recall rules added for site lists, parcels, visits told stop by stop and places related by proximity; on
sentences written for the tests."""

import pytest
import spacy

from kg.extract import add_components, extract_articles
from kg.extract.entities import find_rule_candidates, find_suffix_places, merge_candidates
from kg.records import Article


def spans(text, cands, label=None):
    return [text[c.start : c.end] for c in cands if label is None or c.label == label]


@pytest.fixture(scope="module")
def nlp():
    return add_components(spacy.blank("zh"))


def extract(nlp, text, **kw):
    return extract_articles(nlp, [Article(id="a", document_id="d", index=0, headline="", text=text, **kw)])[0]


def rels(ex, type_):
    by_id = {m.id: m for m in ex.mentions}
    return [(by_id[r.subject].normalized, by_id[r.object].normalized if r.object else r.literal)
            for r in ex.relations if r.type == type_]


def test_items_of_a_list_of_sites_are_sites():
    text = ("新命名的教育基地为：醴陵市革命纪念馆、浏阳市烈士陵园、韶山冲毛氏宗祠、湘潭县兵工厂、平江县苏维埃政府、"
            "宁乡市花明楼纪念园、攸县革命历史陈列馆。")
    merged = merge_candidates(text, find_rule_candidates(text), [])
    locs = spans(text, merged, "LOC")
    for site in ("韶山冲毛氏宗祠", "湘潭县兵工厂", "平江县苏维埃政府", "醴陵市革命纪念馆"):
        assert site in locs
    assert "平江县苏维埃政府" not in spans(text, merged, "ORG")


def test_an_ordinary_list_is_left_alone():
    text = "会议要求抓项目、抓招商、抓人才，推动醴陵市人民政府、湘潭大学、星火机电合作。"
    merged = merge_candidates(text, find_rule_candidates(text), [])
    assert not any(c.rule == "loc:suffix:list" for c in merged)


def test_appositive_dash_names_the_site():
    text = "基地包括秋收起义会师旧址——里仁学校、浏阳市烈士陵园、醴陵市革命纪念馆、韶山市毛泽东纪念馆、平江县兵工厂。"
    merged = merge_candidates(text, find_rule_candidates(text), [])
    locs = spans(text, merged, "LOC")
    assert "里仁学校" in locs
    assert not any(n.endswith("会师旧址") for n in locs)


def test_new_building_and_former_parcels():
    text = "代表团参观了长沙博物馆新馆，又察看了原湘江钢厂地块。"
    assert spans(text, find_suffix_places(text)) == ["长沙博物馆新馆", "原湘江钢厂地块"]


def test_visit_told_stop_by_stop(nlp):
    text = ("5月6日，江西省政协调研组来醴陵考察。在醴陵市陶瓷博物馆新馆，调研组了解了陶瓷历史。"
            "在青泉排渍站，王大海听取了防汛汇报。")
    ex = extract(nlp, text)
    visited = rels(ex, "visited")
    assert ("江西省政协调研组", "醴陵市陶瓷博物馆新馆") in visited
    assert ("王大海", "青泉排渍站") in visited


def test_unit_toured_inside_the_framing_company(nlp):
    text = "5月6日，萍乡市政协调研组来株考察。在湖南星火机电有限公司，调研组实地考察了电机事业部、星火研究院。"
    ex = extract(nlp, text)
    part_of = rels(ex, "part_of")
    assert ("电机事业部", "湖南星火机电有限公司") in part_of


def test_planned_visit_is_no_visit(nlp):
    text = "5月6日，萍乡市政协调研组来醴陵考察。调研组还将实地考察醴陵市陶瓷博物馆、醴陵经开区。"
    ex = extract(nlp, text)
    assert not any(o in ("醴陵市陶瓷博物馆", "醴陵经开区") for _, o in rels(ex, "visited"))


def test_division_parent_only_when_named_close_by(nlp):
    near = extract(nlp, "长沙市企业家在开福区举办招商会。")
    assert ("开福区", "长沙市") in rels(near, "located_in")
    far = extract(nlp, "长沙市的企业家纷纷赶来，在开福区举办招商会。")
    assert ("开福区", "长沙市") not in rels(far, "located_in")


def test_parties_listed_before_a_count_word_cooperate(nlp):
    ex = extract(nlp, "会上，岳阳、常德两市签署了文旅合作框架协议。")
    coop = rels(ex, "cooperates_with")
    assert ("岳阳", "常德") in coop or ("常德", "岳阳") in coop
    listed = extract(nlp, "岳阳、常德两市的企业家参加了论坛。")
    assert rels(listed, "cooperates_with") == []  # no cooperation word: just two places


def test_quoted_campaign_name_is_an_alias_when_used_alone(nlp):
    text = "3月4日，醴陵启动“百企联百村”行动。借着“百企联百村”这一契机，企业纷纷下乡。"
    assert ("“百企联百村”行动", "百企联百村") in rels(extract(nlp, text), "alias")
    once = "3月4日，醴陵启动“百企联百村”行动，企业纷纷下乡。"
    assert rels(extract(nlp, once), "alias") == []


def test_village_inside_a_base_and_town(nlp):
    ex = extract(nlp, "调研组来到平江县安定镇桃花村茶叶示范基地考察。")
    located = rels(ex, "located_in")
    assert ("桃花村", "安定镇") in located
    assert ("桃花村茶叶示范基地", "桃花村") in located
    assert ("桃花村茶叶示范基地", "安定镇") not in located


def test_located_project_bearing_and_city_qualifier(nlp):
    text = "位于益阳高新区的湖南星火机电有限公司年产10万台电机项目开工。该项目位于龙岭工业园迎宾路以南。"
    located = rels(extract(nlp, text), "located_in")
    assert ("年产10万台电机项目", "益阳高新区") in located
    assert ("湖南星火机电有限公司", "益阳高新区") in located
    assert not any(o == "迎宾路" for _, o in located)  # a bearing, not where it lies
    assert ("迎宾路", "龙岭工业园") not in located


def test_park_in_a_project_name_is_no_place_of_its_own():
    text = "签约项目包括益阳电子信息产业园项目。"
    merged = merge_candidates(text, find_rule_candidates(text), [])
    assert "电子信息产业园" not in spans(text, merged, "LOC")


def test_revolutionary_era_body_is_a_site():
    text = "游客参观了平江县苏维埃政府旧居和浏阳工农兵政府。"
    merged = merge_candidates(text, find_rule_candidates(text), [])
    assert not any(c.label == "ORG" and "苏维埃" in text[c.start : c.end] for c in merged)


def test_a_parcel_needs_a_name():
    text = "组织专家检查地块修复情况，再到原湘江钢厂地块、株洲冶炼厂地块。"
    assert spans(text, find_suffix_places(text)) == ["原湘江钢厂地块", "株洲冶炼厂地块"]


def test_group_is_part_of_the_body_that_sent_it(nlp):
    ex = extract(nlp, "5月6日，江西省政协调研组来株考察。省政协副主席王明率队。")
    assert ("江西省政协调研组", "江西省政协") in rels(ex, "part_of")


def test_joint_lab_named_after_both_parties():
    from kg.extract.entities import find_suffix_orgs

    text = "长沙理工大学—湖南星火机电有限公司新能源联合实验室揭牌。"
    assert "长沙理工大学—湖南星火机电有限公司新能源联合实验室" in spans(text, find_suffix_orgs(text))


def test_joint_lab_is_part_of_neither_party(nlp):
    ex = extract(nlp, "长沙理工大学—湖南星火机电有限公司新能源联合实验室揭牌。")
    assert rels(ex, "part_of") == []


def test_visit_names_the_base_not_the_divisions_in_front(nlp):
    ex = extract(nlp, "王海一行来到平江县安定镇桃花村茶叶示范基地考察。")
    visited = rels(ex, "visited")
    assert ("王海", "桃花村茶叶示范基地") in visited
    assert not any(o in ("平江县", "安定镇", "桃花村") for _, o in visited)


def test_correspondent_affiliated_only_when_the_credit_names_the_outlet(nlp):
    from kg.records import Byline

    text = "百合花开\n6月2日，醴陵经开区百合花盛开。"
    bylines = [Byline(name="孙小梅", role="通讯员", organization="醴陵日报"),
               Byline(name="李冬", role="通讯员", organization=None),
               Byline(name="王芳", role="实习生", organization=None)]
    article = Article(id="a", document_id="d", index=0, headline="百合花开", text=text, publisher="醴陵日报",
                      bylines=bylines,
                      meta={"credit_lines": ["醴陵日报通讯员/孙小梅 供图", "醴陵日报记者张三 通讯员/李冬 实习生王芳"]})
    ex = extract_articles(nlp, [article])[0]
    affiliated = rels(ex, "affiliated_with")
    assert ("孙小梅", "醴陵日报") in affiliated  # 醴陵日报通讯员
    assert ("王芳", "醴陵日报") in affiliated  # an intern of the outlet on the credit line
    assert not any(p == "李冬" for p, _ in affiliated)  # a plain correspondent


def test_model_places_checked_like_rule_places():
    from kg.extract.entities import model_candidates

    text = "公司在平江县安定镇建设新基地，又在桃花社区纺织二院举办活动。"
    base = text.index("平江县")
    got = spans(text, model_candidates(text, base, text.index("，"), "LOC", 2))
    assert "建设新基地" not in got and "安定镇" in got  # a base with no name; the town stays
    compound = text.index("桃花社区")
    cands = model_candidates(text, compound, compound + 8, "LOC", 2)
    assert spans(text, cands) == ["桃花社区", "纺织二院"]
    assert cands[0].subtype == "admin"  # so the compound is read as lying in it (nested names)


def test_district_short_form_right_after_its_city():
    from kg.extract.entities import find_places

    text = "论坛在长沙开福举行。"
    assert "开福" in spans(text, find_places(text))
    assert spans("投资兴业看渌口", find_places("投资兴业看渌口")) == []


def test_place_that_hosts_an_event_is_its_location(nlp):
    text = "日前，平江县石牛寨景区游人如织，景区举办了“2024年石牛寨杜鹃花旅游节”。"
    ex = extract(nlp, text)
    located = [(ev.strip("“”"), place) for ev, place in rels(ex, "event_location")]
    assert ("2024年石牛寨杜鹃花旅游节", "石牛寨景区") in located


def test_keynote_is_a_speech(nlp):
    text = "5月8日，2024岳阳新材料产业发展论坛举行。中国工程院院士王一鸣作主旨报告。"
    assert ("王一鸣", "2024岳阳新材料产业发展论坛") in rels(extract(nlp, text), "spoke_at")


def test_signing_ceremony_named_after_the_project(nlp):
    text = ("5月6日上午，岳阳经开区与湖南星火机电有限公司年产20万台电机项目签约仪式举行。副市长王海主持签约仪式。"
            "岳阳经开区党工委书记李军与星火机电总经理周明代表双方签约。")
    ex = extract(nlp, text)
    names = {m.normalized for m in ex.mentions}
    assert "年产20万台电机项目签约仪式" in names and "年产20万台电机项目" in names
    attended = rels(ex, "attended")
    assert ("李军", "年产20万台电机项目签约仪式") in attended and ("周明", "年产20万台电机项目签约仪式") in attended


def test_ceremony_act_must_be_the_ceremonys_own(nlp):
    text = ("6月2日，醴陵陶瓷项目签约仪式举行。市长刘华强为醴陵市陶瓷协会授牌，"
            "并对新项目的签约表示祝贺。")
    attended = rels(extract(nlp, text), "attended")
    assert ("刘华强", "醴陵陶瓷项目签约仪式") not in attended


def test_city_district_is_split_from_a_facility_a_county_is_kept():
    text = "走访了雨花区圭塘河湿地公园别墅区，又到浏阳市革命纪念馆。"
    names = spans(text, find_suffix_places(text))
    assert "圭塘河湿地公园别墅区" in names and "浏阳市革命纪念馆" in names


def test_district_in_front_of_a_listed_site(nlp):
    text = ("基地为：醴陵市革命纪念馆、浏阳市烈士陵园、雨花区圭塘红色教育(李四故居)、平江县兵工厂、宁乡市花明楼纪念馆、"
            "攸县革命历史陈列馆。")
    ex = extract(nlp, text)
    assert ("圭塘红色教育(李四故居)", "雨花区") in rels(ex, "located_in")


def test_visit_place_between_motion_verb_and_trigger(nlp):
    ex = extract(nlp, "醴陵市市长刘华强来平江县考察时，参观了石牛寨景区。")
    assert ("刘华强", "平江县") in rels(ex, "visited")


def test_leader_of_the_delegation_attends_the_visit(nlp):
    text = "江西省政协调研组来醴陵考察交流。省政协副主席王明率调研组在醴调研。"
    ex = extract(nlp, text)
    assert any(p == "王明" for p, _ in rels(ex, "attended"))


def test_model_name_cut_inside_brackets_is_dropped():
    from kg.extract.entities import model_candidates

    text = "第八届中国（醴陵）国际陶瓷博览会开幕。"
    assert model_candidates(text, 3, 8, "LOC", 2) == []


def test_unveiled_body_does_not_organise_its_unveiling(nlp):
    text = "3月2日，湖南星火机电有限公司电机联合实验室揭牌仪式在醴陵举行。"
    organized = rels(extract(nlp, text), "organized")
    assert not any(e.endswith("揭牌仪式") for _, e in organized)
    text = "6月2日，湖南星火机电有限公司第三届科技节开幕。"
    assert ("湖南星火机电有限公司", "湖南星火机电有限公司第三届科技节") in rels(extract(nlp, text), "organized")


def test_institute_short_form_variant(nlp):
    text = "着力加快湖南亿润新材料科技有限公司与中车株所合作。"
    coop = rels(extract(nlp, text), "cooperates_with")
    assert ("湖南亿润新材料科技有限公司", "中车株所") in coop or ("中车株所", "湖南亿润新材料科技有限公司") in coop
