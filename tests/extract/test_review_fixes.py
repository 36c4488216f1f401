"""Generality checks from the review: titled minority names, hostile model output, delegation visits.

Sentences are composed for the tests (not seed text)."""

from kg.extract.entities import find_rule_candidates, find_visits, merge_candidates, model_candidates


def names(text, label):
    merged = merge_candidates(text, find_rule_candidates(text), [])
    return [text[c.start : c.end] for c in merged if c.label == label]


def test_minority_names_after_a_title_chain():
    assert "洛桑" in names("自治区政协副主席洛桑率调研组来株考察。", "PER")
    assert "阿布都·热合曼" in names("州长阿布都·热合曼出席会议并讲话。", "PER")
    assert "买买提江" in names("县委书记买买提江主持召开常委会。", "PER")
    # no verb after it: a title followed by ordinary words is no name
    assert names("自治区政协副主席表示欢迎。", "PER") == []


def test_surname_list_has_no_given_names():
    from kg.extract import lexicon as lx
    from kg.ingest import lexicons as ilx

    assert "扎" not in lx.surnames()[0]
    assert "扎" not in ilx.surnames()[0]


def test_model_persons_are_han_names():
    text = "市委书记王<img src=x onerror=alert(2)>出席。"
    assert model_candidates(text, 4, 7, "PER", 2) == []
    text = "省人大常委会副主任张三率调研组来株考察。"
    assert [text[c.start : c.end] for c in model_candidates(text, 9, 12, "PER", 2)] == ["张三"]


def test_model_orgs_with_markup_are_rejected():
    text = "<script>alert(1)</script>有限公司与星火机电有限公司签约。"
    assert model_candidates(text, 1, 29, "ORG", 2) == []
    text = "A&B科技有限公司成立。"
    assert model_candidates(text, 0, 9, "ORG", 2) == []


def test_delegation_visit_stops_at_the_leader():
    for text in ("自治区政协副主席洛桑率调研组来株考察。", "省人大常委会副主任张三带领考察团到株洲考察。"):
        visits = [text[c.start : c.end] for c in find_visits(text)]
        assert visits and not any("副主" in v or "率" in v or "带领" in v for v in visits), visits
    text = "广西壮族自治区政协调研组来株考察交流。"
    assert [text[c.start : c.end] for c in find_visits(text)] == ["广西壮族自治区政协调研组来株考察交流"]


def test_facility_heads_need_a_named_place():
    assert "龙头铺排洪站" in names("在石峰区龙头铺排洪站，张三听取了汇报。", "LOC")
    assert "霞湾污水处理厂" in names("霞湾污水处理厂完成提标改造。", "LOC")
    assert names("市里将新建排洪站。", "LOC") == []
    assert names("该污水处理厂已投产。", "LOC") == []


def test_a_name_ends_at_the_segmenters_token_boundary():
    from kg.extract.entities import find_rule_candidates

    def per(text, starts):
        return [text[c.start : c.end] for c in find_rule_candidates(text, frozenset(starts)) if c.label == "PER"]

    text = "新任区长李强履新后首次调研。"  # tokens 新任|区长|李强|履新|后 …
    assert per(text, {0, 2, 4, 6, 8, 9, 10, 12, 13}) == ["李强"]
    text = "公司负责人陈小明领走了执照。"  # 陈|小明|领|走
    assert per(text, {0, 2, 5, 6, 8, 9, 10, 11, 13}) == ["陈小明"]


def test_known_events_and_abbreviated_fairs():
    from kg.extract.entities import find_events

    def events(text):
        return [text[c.start : c.end] for c in find_events(text)]

    assert events("多家企业抱团参加广交会。") == ["广交会"]  # known_events.csv alias
    assert events("公司组团参加进博会和中国国际服务贸易交易会。") == ["进博会", "中国国际服务贸易交易会"]
    assert events("第三届农交会开幕。") == ["第三届农交会"]
    assert events("县里举办茶博会，吸引客商。") == ["茶博会"]
    assert events("两条河流在此交会处形成湿地。") == []
    assert events("这是一次交会。") == []


def test_model_transliterated_person_is_kept_whole():
    text = "州长阿布都·热合曼出席会议。"
    assert [text[c.start : c.end] for c in model_candidates(text, 2, 9, "PER", 2)] == ["阿布都·热合曼"]
