"""Segmentation of the five seeds, against expectations written by reading them."""

from __future__ import annotations

import pytest

from kg.ingest import ingest


@pytest.fixture(scope="module")
def docs(seeds_dir):
    result = ingest([seeds_dir])
    assert result.files_seen == result.files_read == 5 and result.files_skipped == 0
    return {d.id[:3]: d for d in result.documents}


def credits(article):
    return [(b.role, b.name) for b in article.bylines]


def test_every_offset_points_at_its_text(docs):
    for doc in docs.values():
        for article in doc.articles:
            assert article.text == "\n".join(p.text for p in article.paragraphs)
            for p in article.paragraphs:
                assert article.text[p.start : p.end] == p.text
                assert doc.text[p.source_start : p.source_end] == p.text
            for b in article.bylines:
                if b.start is not None:
                    assert article.text[b.start : b.end] == b.name


def test_ids_are_stable_and_unique(docs, seeds_dir):
    again = ingest([seeds_dir / "004_9a49a8d8c7c6a212.txt"]).documents[0]
    assert [a.id for a in again.articles] == [a.id for a in docs["004"].articles]
    ids = [a.id for d in docs.values() for a in d.articles]
    assert len(ids) == len(set(ids))


def test_000_zaker_front_matter_page(docs):
    doc = docs["000"]
    assert doc.format == "front_matter_html"
    assert doc.metadata["front_matter"]["author"] == "ZAKER"
    [article] = doc.articles
    assert article.headline == "振兴湘赣边，茶陵携手中车探索协同发展之路"
    assert (article.date, article.date_source) == ("2022-07-09", "front_matter")
    assert article.publisher == "潇湘晨报"  # from the closing credit, not the aggregator ZAKER
    assert credits(article) == [("记者", "周诗浩"), ("实习生", "蒯安琦")]
    assert article.bylines[0].organization == "潇湘晨报"
    assert article.meta["categories"] == ["新媒体", "ZAKER", "source"]
    text = article.text
    for furniture in ("客户端", "报料热线", "img", "zkres", "潇湘晨报记者周诗浩"):
        assert furniture not in text
    assert "打造“三个高地”，助力" in text  # ZAKER's padded ASCII quotes → Chinese quotes
    assert "去年12月7日，以“振兴湘赣边" in text  # text that trailed an image box is kept
    assert text.splitlines()[0] == article.headline


EXPECTED_001 = [
    ("news", "充分发挥链长制产业协会企业联合党委作用 加快打造世界级轨道交通装备产业集群", [("记者", "胡文洁")]),
    ("news", "老工业基地调整改造、推进质量工作成效突出 我市两项工作获国务院表扬激励",
     [("记者", "廖喜张"), ("通讯员", "蒋卫东"), ("通讯员", "梁媛媛")]),
    ("photo", "油桐花开 酒仙湖", [("记者", "温琳"), ("摄", "温琳"), ("通讯员", "刘凯"), ("摄", "刘凯")]),
    ("photo", "百合盛开 迎丰收", [("通讯员", "陈英"), ("供图", "陈英")]),
    ("news", "意法项目为芦淞服饰注入“链动力”", [("记者", "廖喜张"), ("通讯员", "钟兴")]),
    ("commentary", "合力打造产业链发展的“株洲模式”", [("作者", "朱理平")]),
    ("news", "茶陵产智能遥控器卖向全球", [("记者", "廖喜张")]),
    ("news", "司法行政系统获得8个国家级奖项", [("记者", "沈全华"), ("通讯员", "唐敏娜")]),
]


def test_001_plain_newspaper_dump(docs):
    doc = docs["001"]
    got = [(a.kind, a.headline, credits(a)) for a in doc.articles]
    assert got == EXPECTED_001
    first = doc.articles[0]
    # three title lines: the event (kicker), the message (headline), the speaker (deck)
    assert first.kicker == "株洲市先进轨道交通装备产业链推进大会暨企业联合党委成立大会召开"
    assert first.deck == "毛腾飞出席并讲话"
    assert first.text.splitlines()[:3] == [first.kicker, first.headline, first.deck]
    assert first.dateline == "株洲日报讯"
    assert doc.articles[1].deck == "连续5年，共有8项工作获表彰"
    # No masthead, no issue header: the date is undeterminable, not guessed from 5月9日.
    assert all(a.date is None for a in doc.articles)
    assert "undeterminable" in doc.metadata["date_note"]
    assert {a.publisher for a in doc.articles} == {"株洲日报"}
    assert doc.articles[5].meta["publisher_source"] == "document"
    # Lines broken mid-sentence are joined; paragraph boundaries are not.
    assert "三个世界级产业集群之一，更是代表" in first.text
    assert "钻头从地底钻出来，来自" in doc.articles[4].text
    assert "相关链接" in doc.articles[1].text  # the side box stays with its article
    assert "2016年，我市作为全国20个稳增长先进地之一获得国务院表彰。" in doc.articles[1].paragraphs[-1].text
    # credit lines are bylines, not text; the subheads stay in the body
    assert "株洲日报记者" not in doc.articles[4].text
    assert "打造一站式服饰产业综合体" in doc.articles[4].text


def test_002_pdf_page_with_lunar_issue_header(docs):
    doc = docs["002"]
    assert doc.format == "pdf_text"
    assert doc.metadata["issue"] == 23271
    assert {(a.date, a.date_source) for a in doc.articles} == {("2023-04-10", "lunar_issue")}
    heads = [a.headline for a in doc.articles]
    assert heads[0] == "西藏自治区政协调研组来株考察交流"
    assert heads[1] == "保持定力汇聚合力 坚定不移打造世界级轨道交通装备产业集群"
    assert doc.articles[1].kicker == "曹慧泉在株洲市先进轨道交通装备产业链2023年第一次会议上强调"
    assert heads[2] == "白关丝瓜“飞”向英国"  # the styled main line under a plain kicker
    assert doc.articles[2].kicker == '政府搭台商会牵线助推农产品"走出去'
    assert heads[4:] == ["喝杯清茶 共话和谐小区建设", "走出去 天地宽", "政银企对接 破解“融资难”",
                         "建行株洲市分行一季度信贷 新增54亿元 居全市第一"]
    assert doc.articles[6].kicker == "株洲高新区:"
    commentary = doc.articles[5]
    assert (commentary.kind, credits(commentary)) == ("commentary", [("作者", "卜周")])
    assert commentary.paragraphs[1].text.startswith("拔节生长的株洲不断行走。")
    assert "layout_warning" in doc.articles[3].meta  # the shredded 党史 story is flagged, not trusted
    assert not any("layout_warning" in a.meta for a in doc.articles if a.index != 3)
    assert len(doc.articles) == 8
    assert heads[3] == ""  # 党史教育基地 story: its headline was shredded by the column layout
    assert credits(doc.articles[3]) == [("全媒体记者", "周蒿"), ("通讯员", "杨双艳")]  # name cut by columns
    assert "茶陵县红军寨、" in doc.articles[3].text and "攸县革命历史陈列馆" in doc.articles[3].text
    assert credits(doc.articles[2])[0] == ("全媒体记者", "杨凌凌")  # "杨凌 凌" de-wrapped
    assert ("摄", "杨凌凌") in credits(doc.articles[2])  # photo caption credit
    assert credits(doc.articles[6]) == [("全媒体记者", "杨如"), ("通讯员", "苏艺")]
    assert {a.publisher for a in doc.articles} == {"株洲日报"}
    body = doc.text
    assert "传承和保护" in body and "传 承" not in body
    assert "产业链2023年第一次会议" in body
    for furniture in ("掌上株洲", "中共株洲市委主管", "CN 43-0005", "扫一扫", "下转02版"):
        assert furniture not in body
    # the paragraph continued after the page furniture stays with its article
    assert "曹慧泉对广大企业、金融机构积极支持" in doc.articles[1].text
    # text cut off by the photo box goes back to the 白关丝瓜 story, not the 党史 one
    assert "品质是重中之重" in doc.articles[2].text and "品质是重中之重" not in doc.articles[3].text
    assert any("fragment" in p.reason for p in doc.problems)


def test_003_scraped_web_page(docs):
    doc = docs["003"]
    assert doc.format == "webpage"
    [article] = doc.articles
    assert article.headline == "株洲市先进轨道交通装备产业链建设推进大会召开"
    assert article.deck.startswith("曹慧泉在株洲市先进轨道交通装备产业链建设推进大会上强调")
    assert article.date is None and article.publisher is None
    text = article.text
    for boilerplate in ("当前位置", "admin", "葛毅明", "400", "版权声明", "分享给朋友", "相关文章",
                        "北斗", "湖南日报", "divdata"):
        assert boilerplate not in text
    assert text.rstrip().endswith("全面提升集群影响力。")
    assert "湖南日报8月24日讯" in " ".join(doc.metadata["dropped_tail"])  # teasers accounted for


EXPECTED_004 = [
    ("2022—2023数字城市创新成果与实践案例发布", "“市应急指挥管理系统”上榜", [("全媒体记者", "马文章")]),
    ("新时代 新征程 新伟业", "追“高”逐“新”的创业热土",
     [("全媒体记者", "邹怡敏"), ("通讯员", "刘晓欢"), ("通讯员", "刘艺锋")]),
    ("副省长李建中在株洲督导环保等工作", "以坚决态度全力抓好生态环境问题整改", [("全媒体记者", "陈正明")]),
    ("3个国家重点实验室揭牌、一批重大新产品新技术发布", "中车株洲所第三届科技节开幕", [("全媒体记者", "胡文洁")]),
    ("胡长春在有关会议上强调", "深入推进市域社会治理现代化", [("全媒体记者", "周圆")]),
    (None, "长株潭先进硬质材料产业园交易会会展中心封顶", [("全媒体记者", "俞强年"), ("通讯员", "漆小丽")]),
    (None, "种下香椿树 走上致富路", [("全媒体记者", "杨如"), ("摄", "杨如")]),
    (None, "校企携手,让“精”专利变身“金”专利 一家民企的“回春术”", [("策划", "董介"), ("策划", "罗佳"), ("执行", "易蓉")]),
]


def test_004_markdown_issue(docs):
    doc = docs["004"]
    assert doc.format == "markdown"
    assert doc.metadata["issue"] == 23259
    assert [(a.kicker, a.headline, credits(a)) for a in doc.articles] == EXPECTED_004
    assert {(a.date, a.date_source, a.publisher) for a in doc.articles} == {("2023-03-29", "masthead", "株洲日报")}
    assert [a.kind for a in doc.articles][5:7] == ["news", "photo"]
    first = doc.articles[0]
    assert first.dateline == "株洲日报讯"
    name = first.bylines[0]
    assert first.text[name.start : name.end] == "马文章" and name.organization == "株洲日报"
    assert "中国信息协会主办,来自" in first.text  # broken line joined
    assert doc.articles[1].deck == "——“投资兴业看绿口”系列报道之一"
    assert doc.articles[3].deck == "王军讲话 曹慧泉致贺词"
    assert doc.articles[3].text.count("本届中车株洲所科技节活动包括") == 1  # scraper repeat removed
    assert doc.articles[7].bylines[2].organization == "株洲日报"
    # the column intro printed above the headline opens that article, after its title
    lines = doc.articles[7].text.splitlines()
    assert lines[0] == doc.articles[7].headline and lines[1] == "开栏语"
    assert "泥企业日子越发艰难" in doc.articles[7].text
    for masthead in ("星期三", "癸卯年", "第23259期", "国内统一连续出版物号"):
        assert masthead not in doc.text
