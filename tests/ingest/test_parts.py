"""The pieces: credits and datelines, dates, text repair, HTML, and segmentation on new (non-seed) text."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from kg.ingest import ingest, ingest_text
from kg.ingest.bylines import parse_author_line, parse_credit, parse_dateline, split_trailing_credit, strip_jump_marker
from kg.ingest.dates import lunar_candidates, parse_front_matter_date, parse_lunar, parse_solar
from kg.ingest.html import html_to_text
from kg.ingest.normalize import curly_quotes, dewrap, remove_pangu_spaces


@pytest.mark.parametrize(
    "text, expected, photo",
    [
        ("株洲日报记者 廖喜张", [("廖喜张", "记者", "株洲日报")], False),
        ("通讯员/蒋卫东 梁媛媛", [("蒋卫东", "通讯员", None), ("梁媛媛", "通讯员", None)], False),
        ("潇湘晨报记者周诗浩 实习生蒯安琦", [("周诗浩", "记者", "潇湘晨报"), ("蒯安琦", "实习生", None)], False),
        # A photo credit keeps the post it names next to the photo role.
        ("株洲日报全媒体记者/杨如摄", [("杨如", "全媒体记者", "株洲日报"), ("杨如", "摄", "株洲日报")], True),
        ("株洲日报通讯员/陈英 供图", [("陈英", "通讯员", "株洲日报"), ("陈英", "供图", "株洲日报")], True),
        ("记者/方晓红 摄", [("方晓红", "记者", None), ("方晓红", "摄", None)], True),
        ("图/周立新 摄", [("周立新", "摄", None)], True),
        ("执行:株洲日报全媒体记者/易蓉", [("易蓉", "执行", "株洲日报")], False),
        ("策划：董介、罗佳", [("董介", "策划", None), ("罗佳", "策划", None)], False),
        ("(记者 文樱 通讯员 陈罕)", [("文樱", "记者", None), ("陈罕", "通讯员", None)], False),
        ("图/新华社记者 苏晓洲", [("苏晓洲", "图", "新华社")], False),  # the outer role wins
        ("湖南日报全媒体记者 阿依古丽·买买提", [("阿依古丽·买买提", "全媒体记者", "湖南日报")], False),
    ],
)
def test_credit_forms(text, expected, photo):
    credit = parse_credit(text)
    assert [(b.name, b.role, b.organization) for b in credit.bylines] == expected
    assert credit.photo is photo


@pytest.mark.parametrize(
    "text",
    ["记者从建行株洲市分行获悉", "毛腾飞出席并讲话", "市委书记曹慧泉致贺词", "记者 今天上午在现场看到了很多情况", "通讯员", ""],
)
def test_sentences_are_not_credits(text):
    assert parse_credit(text) is None


def test_datelines():
    d = parse_dateline("湖南日报8月24日讯(全媒体记者 王铭俊)记者从今天上午召开的发布会上获悉")
    assert (d.text, d.publisher) == ("湖南日报8月24日讯", "湖南日报")
    assert [b.name for b in d.credit.bylines] == ["王铭俊"]
    d = parse_dateline("新华社长沙4月9日电（记者 苏晓洲）湖南关键核心技术攻坚鼓点正急")
    assert (d.text, d.publisher, d.credit.bylines[0].name) == ("新华社长沙4月9日电", "新华社", "苏晓洲")
    assert parse_dateline("本报讯 近日，株洲召开大会。").publisher is None
    assert parse_dateline("株洲日报社论：坚定信心") is None


def test_captions_jump_markers_and_authors():
    caption, credit = split_trailing_credit("白关镇阳雀湖丝瓜种植基地。 株洲日报全媒体记者/杨凌凌 摄")
    assert caption == "白关镇阳雀湖丝瓜种植基地。" and credit.bylines[0].name == "杨凌凌"
    assert split_trailing_credit("他说这是摄") is None
    assert strip_jump_marker("舒适的交流环境,▶下转02版") == ("舒适的交流环境,", "▶下转02版")
    assert strip_jump_marker("（上接第3版）")[1] is None  # a marker alone is not stripped to nothing
    assert parse_author_line("朱理平").bylines[0].role == "作者"
    assert parse_author_line("迈出第一步") is None and parse_author_line("品质是重中之重") is None


def test_lunar_issue_dates():
    leap = parse_lunar("癸卯年闰二月二十 第23271期")
    assert (leap.leap, leap.month, leap.day, leap.issue) == (True, 2, 20, 23271)
    assert lunar_candidates(leap) == [dt.date(2023, 4, 10)]  # only 2023 has a leap 2nd month among 癸卯 years
    plain = parse_lunar("甲辰年腊月廿三")
    assert (plain.month, plain.day) == (12, 23)
    assert len(lunar_candidates(plain)) == 2  # 1964 and 2024: not certain
    assert parse_lunar("癸卯年冬月初一").month == 11


def test_solar_and_front_matter_dates():
    assert parse_solar("2023年3月29日 星期三") == dt.date(2023, 3, 29)
    assert parse_solar("2023年3月29日 星期五") is None  # contradicts itself
    assert parse_solar("2023年2月30日") is None
    assert parse_front_matter_date("Sat, 09 Jul 2022 20:01:00 GMT") == dt.date(2022, 7, 10)  # Beijing time
    assert parse_front_matter_date("2022-07-09T08:00:00+08:00") == dt.date(2022, 7, 9)
    assert parse_front_matter_date("not a date") is None


def test_text_repair():
    assert dewrap("株洲市 先进轨道交通装 备产业链 2023年第一 次会议 CN 43-0005") == "株洲市先进轨道交通装备产业链2023年第一次会议CN 43-0005"
    assert remove_pangu_spaces("去年 12 月 7 日，IGBT 电源 and GPU") == "去年12月7日，IGBT电源 and GPU"
    assert curly_quotes('打造 " 三个高地 "，助力') == "打造“三个高地”，助力"
    assert curly_quotes('he said "hi" and "bye"') == 'he said "hi" and "bye"'  # no Chinese: left alone
    assert curly_quotes('一个"引号') == '一个"引号'  # unpaired: left alone


def test_html_tail_text_and_headings():
    parsed = html_to_text("<div><h2>小标题</h2><p>甲</p><div class='img_box'><img src=x></div>乙<br>丙</div>")
    assert parsed.paragraphs == ["小标题", "甲", "乙", "丙"]
    assert parsed.headings == {0: 2}


PAGE = """\
西部新城项目全面开工

本报讯 (记者/张三) 3月1日，西部新城项目举行开工仪式，总投资120亿元。

项目建设分三期推进

一期工程预计明年建成，将带动就业3000人。

湘江风光带 迎来赏花季

近日，湘江风光带樱花盛开，市民纷纷前来观赏。

株洲日报记者 李四 摄


醴陵瓷器亮相广交会

株洲日报记者 王五
通讯员/赵六

株洲日报讯 4月15日，醴陵多家陶瓷企业亮相第133届广交会，现场签订订单超过2000万美元。
企业负责人表示，今年的订单比去年增长三成以
上，其中欧洲客户占比最高。
"""


def test_segmentation_of_an_unseen_page():
    doc = ingest_text(PAGE, Path("page.txt"))
    got = [(a.kind, a.headline, [(b.role, b.name) for b in a.bylines]) for a in doc.articles]
    assert got == [
        ("brief", "西部新城项目全面开工", [("记者", "张三")]),
        ("photo", "湘江风光带 迎来赏花季", [("记者", "李四"), ("摄", "李四")]),
        ("brief", "醴陵瓷器亮相广交会", [("记者", "王五"), ("通讯员", "赵六")]),
    ]
    first = doc.articles[0]
    assert "项目建设分三期推进" in first.text  # a subhead, not a new article
    assert first.dateline == "本报讯"
    assert (first.publisher, first.meta["publisher_source"]) == ("株洲日报", "document")  # the one paper named
    assert doc.articles[2].publisher == "株洲日报"
    assert "增长三成以上，其中" in doc.articles[2].text  # line broken mid-sentence joined
    assert all(a.date is None for a in doc.articles)


def test_lunar_date_settled_by_a_sibling_issue(tmp_path):
    (tmp_path / "a.md").write_text("# 株洲日报\n\n2024年2月2日 星期五\n癸卯年腊月廿三 第23560期\n\n## 标题甲\n\n株洲日报讯 正文甲，今天召开会议。\n", encoding="utf-8")
    (tmp_path / "b.md").write_text("# 株洲日报\n\n癸卯年腊月廿四 第23561期\n\n## 标题乙\n\n株洲日报讯 正文乙，今天召开会议。\n", encoding="utf-8")
    result = ingest([tmp_path])
    a, b = result.documents
    assert a.articles[0].date == "2024-02-02" and a.articles[0].date_source == "masthead"
    assert lunar_candidates(parse_lunar("癸卯年腊月廿四")) == [dt.date(1964, 2, 7), dt.date(2024, 2, 3)]
    assert (b.articles[0].date, b.articles[0].date_source) == ("2024-02-03", "lunar_issue")


def test_contradictory_masthead_is_not_used(tmp_path):
    (tmp_path / "a.md").write_text("# 株洲日报\n\n2023年3月29日 星期五\n\n## 标题\n\n株洲日报讯 正文，今天召开会议。\n", encoding="utf-8")
    [doc] = ingest([tmp_path]).documents
    assert doc.articles[0].date is None
    assert any("contradicts" in p.reason for p in doc.problems)
