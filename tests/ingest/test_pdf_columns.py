"""PDF-extracted page text: column lines glued back, a credit cut by the columns, kicker vs main headline.
All text composed for the tests."""

from __future__ import annotations

from pathlib import Path

from kg.ingest import ingest_text
from kg.ingest.blocks import Block, repair
from kg.ingest.segment import _kicker_over_main

PAGE = """癸卯年三月初八 第23280期

湘江之畔再添新景

浏阳市全面推进文旅 融合发展,一批新项目 相继落地见效,游客 数量同比增长三成。

株洲日报讯(全媒体记者/陈一鸣 通讯员/刘晓

今年以来,全市新认定了一批研学实践基地

芳) 4月2日,我市举行研学实践基地授牌仪式。 各基地负责人参加 仪式并作交流发言。

为:浏阳市烈士陵园、醴陵市革命纪念馆、平江

县兵工厂、韶山冲毛氏宗祠、湘潭县乌石峰纪

念园、宁乡市花明楼纪念馆以及攸县革命历史陈

列馆。

今年将继续 开展基地遴选,推动 研学旅行 高质量发展。
"""


def test_column_lines_are_glued_into_the_words_they_cut():
    doc = ingest_text(PAGE, Path("page.txt"))
    assert doc.format == "pdf_text"
    text = doc.text
    assert "平江县兵工厂" in text and "湘潭县乌石峰纪念园" in text and "攸县革命历史陈列馆。" in text
    assert "为:浏阳市烈士陵园、醴陵市革命纪念馆、平江县兵工厂" in text  # one paragraph now
    # a title and a short paragraph are no column run: they stay as they were
    assert "湘江之畔再添新景\n" in text


def test_credit_name_cut_by_the_columns_is_restored():
    doc = ingest_text(PAGE, Path("page.txt"))
    names = [(b.role, b.name) for a in doc.articles for b in a.bylines]
    assert ("通讯员", "刘晓芳") in names
    assert "\n芳)" not in doc.text and "刘晓芳)" in doc.text


def test_real_paragraphs_are_not_merged():
    blocks = [Block(text="第一段讲的是招商引资工作取得明显成效。", gap=1),
              Block(text="第二段讲的是项目建设工作取得明显成效。", gap=1),
              Block(text="第三段讲的是人才引进工作取得明显成效。", gap=1)]
    assert len(repair(blocks, pdf_wraps=True)) == 3


def test_lines_of_different_width_are_no_column():
    blocks = [Block(text="一行很短的标题文字没有标点", gap=1),
              Block(text="这一行明显更长一些并且同样没有任何句末的标点符号所以不会", gap=1),
              Block(text="第三行又是短的一行", gap=1)]
    assert len(repair(blocks, pdf_wraps=True)) == 3


def test_kicker_over_main_headline():
    # a plain statement of context above a headline styled as the main claim (two clauses, a quoted key word)
    assert _kicker_over_main("镇村联动助推特色农产品出山", "茶油“香”飘大湾区")
    assert _kicker_over_main("30位企业家代表齐聚一堂", "共话发展 同谋未来")
    # the first line is the headline: a short series label, a deck with commas, a credit, a repeat
    assert not _kicker_over_main("醴陵瓷谷项目建设提速", "项目攻坚在行动")
    assert not _kicker_over_main("醴陵瓷谷项目建设提速", "3个项目开工，5个项目竣工")
    assert not _kicker_over_main("醴陵召开项目推进会", "醴陵日报记者 王小明")
    assert not _kicker_over_main("共话发展 同谋未来", "共话发展 同谋未来")
    assert not _kicker_over_main("让“链长”真正“链”起来", "共话发展 同谋未来")


def test_a_line_that_ends_with_a_reporters_credit_is_not_glued_to_the_next():
    blocks = repair([Block(text="会议由市长主持并讲话。湘江日报记者 王明", gap=0), Block(text="市委书记出席会议。", gap=0)])
    assert [b.text for b in blocks] == ["会议由市长主持并讲话。湘江日报记者 王明", "市委书记出席会议。"]


def test_a_live_stock_quote_inside_a_company_name_is_removed():
    from kg.ingest.normalize import clean_line

    assert clean_line("远航重工(7.720, 0.14, 1.85%)股份有限公司副总裁王明") == "远航重工股份有限公司副总裁王明"
    assert clean_line("同比增长(3.5%)，总额(12, 3)") == "同比增长(3.5%)，总额(12, 3)"
