"""Scraped web pages (kg/ingest/webpage.py): furniture, meta lines, headline, date, publisher and authors.

Every page here is written for the tests (invented outlets, places and people); none is copied from real pages.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from kg.ingest import ingest_text
from kg.ingest.webpage import (
    furniture_rules,
    is_outlet,
    month_day,
    parse_meta,
    parse_web_dateline,
    read_credit,
    split_glued_names,
)


def one(text: str, name: str = "page.txt"):
    document = ingest_text(text, Path(name))
    assert len(document.articles) == 1, [a.headline for a in document.articles]
    return document, document.articles[0]


def names(article) -> list[str]:
    return sorted(b.name for b in article.bylines)


PORTAL = """会员登录 立即注册

搜索

[切换城市]

当前位置: 首页 > 新闻中心 > 园区动态

青禾县图书馆新馆开放

发布时间:2021年04月12日  来源:青禾县融媒体中心  作者:罗晓春 谭一鸣  阅读:1024次

4月11日,青禾县图书馆新馆向读者开放,馆内藏书二十八万册,设有少儿阅览区和古籍修复室。县长周远航为新馆揭牌。

新馆每周开放六天,读者凭身份证即可免费办理借书证。

一审:林小雨 二审:何大海 三审:邓青山

责任编辑:黄一帆

相关新闻

青禾县举办读书月活动

青禾县春季招聘会举行
"""


def test_portal_page_reads_like_a_reader():
    document, article = one(PORTAL)
    assert document.format == "webpage"
    assert article.headline == "青禾县图书馆新馆开放"
    assert article.date == "2021-04-12" and article.date_source == "page_date"
    assert article.publisher == "青禾县融媒体中心"
    assert names(article) == ["罗晓春", "谭一鸣"]
    # furniture never reaches extraction: menus, breadcrumb, counters, editors' sign-offs, teaser list
    for word in ("会员登录", "切换城市", "当前位置", "阅读:", "一审", "林小雨", "黄一帆", "相关新闻", "春季招聘会"):
        assert word not in article.text, word
    # the outlet and the authors stay in the text as a closing credit line, so extraction reads them
    assert article.text.splitlines()[-1] == "来源:青禾县融媒体中心 作者:罗晓春 谭一鸣"
    assert "发布时间:2021年04月12日" in document.metadata["page_meta_lines"][0]
    assert "一审:林小雨 二审:何大海 三审:邓青山" in document.metadata["page_furniture_removed"]
    assert not any("date undeterminable" in p.reason for p in document.problems)


APP = """新江南客户端 2024-05-06 09:10:11
王立春在白石区检查防汛工作时强调
守住堤防不松劲 确保群众安全度汛
△5月5日,王立春在白石区察看堤防。
江南日报·新江南客户端5月6日讯(通讯员 孙明远 钱小川)5月5日,市长王立春到白石区检查防汛工作时强调,要守住堤防,确保群众安全度汛。
市领导赵东平一同检查。
"""


def test_app_stamp_kicker_and_dateline():
    document, article = one(APP)
    # a kicker saying who spoke and the message under it read as one headline
    assert article.headline == "王立春在白石区检查防汛工作时强调 守住堤防不松劲 确保群众安全度汛"
    # the dateline names the outlet; the stamp's outlet is only a fallback
    assert article.publisher == "江南日报·新江南客户端"
    assert article.date == "2024-05-06"
    assert names(article) == ["孙明远", "钱小川"]
    assert "新江南客户端 2024-05-06" not in article.text


def test_dateline_wins_over_an_unlabelled_stamp_and_a_lost_month():
    page = """长河新闻网
东湖区公园绿道全线贯通
新资讯 2023-3-30 11:55 长河新闻网 1 0
长河新闻网328日讯(记者 冯一凡 通讯员 朱小满)东湖区环湖绿道最后一段完工,全长三十二公里的公园绿道全线贯通。
绿道沿线设置了九处驿站,供市民休憩。
"""
    _, article = one(page)
    assert article.headline == "东湖区公园绿道全线贯通"
    assert article.date == "2023-03-28" and article.date_source == "dateline"
    assert article.publisher == "长河新闻网"
    assert names(article) == ["冯一凡", "朱小满"]


def test_labelled_page_date_wins_over_the_dateline():
    page = """滚动新闻:
南岭市举行龙舟邀请赛
发布时间:2020-06-09   来源:南岭日报  作者:叶知秋
南岭日报6月8日讯 6月8日,南岭市龙舟邀请赛在城南江段举行,十二支队伍参赛。
比赛吸引了数万名市民观看。
"""
    _, article = one(page)
    assert article.date == "2020-06-09"
    assert article.publisher == "南岭日报"
    assert names(article) == ["叶知秋"]


def test_deck_between_headline_and_meta_line():
    page = """南岭市第一座跨江索道开通
——单程只需六分钟
发布时间:2022-09-30 10:00  来源:南岭新闻网
9月29日,南岭市第一座跨江索道开通运营,市民单程只需六分钟即可往返两岸。
索道共有客厢四十个。
"""
    _, article = one(page)
    assert article.headline == "南岭市第一座跨江索道开通"
    assert article.deck == "——单程只需六分钟"
    assert (article.date, article.publisher) == ("2022-09-30", "南岭新闻网")


def test_glued_meta_line_and_closing_credits():
    page = """当前位置:首页 > 政务 > 部门动态

东岭县完成春耕备耕

来源:东岭县作者:杜明川2019-03-04 14:33:53

连日来,东岭县组织农技人员下乡,指导农户选种育秧,全县早稻育秧面积达到八万亩。

县农业部门还储备了化肥和农药,保障春耕用量。(图文:李明辉赵冉孙志强)责编:钟小明
转载请注明地址:http://www.example.com/news/1.html
"""
    document, article = one(page)
    assert article.headline == "东岭县完成春耕备耕"
    assert article.publisher == "东岭县"
    assert article.date == "2019-03-04"
    assert names(article) == ["孙志强", "李明辉", "杜明川", "赵冉"]
    assert "责编" not in article.text and "转载请注明" not in article.text


def test_page_without_headline_takes_its_lead_sentence():
    page = """西江研究所所长吴海在论坛上发言。 西江研究所供图
云网长沙9月21日电(陶知远)9月20-21日,2018云溪水稻育种论坛在湖南云溪召开。吴海在论坛上介绍了耐旱稻种的选育进展。
论坛期间,十余家种业企业展示了新品种。
"""
    _, article = one(page)
    assert article.headline == "2018云溪水稻育种论坛在湖南云溪召开"
    assert article.publisher == "云网"
    assert article.date == "2018-09-21"  # the dateline's day in the year its lead names
    assert names(article) == ["陶知远"]
    assert article.meta["page"]["headline"].startswith("no headline")
    # the photo caption credited to a body stays a paragraph of its own
    assert article.text.splitlines()[0] == "西江研究所所长吴海在论坛上发言。 西江研究所供图"


def test_lead_credit_and_image_notice():
    page = """(资料图片仅供参考)
记者林一 周青 通讯员张远报道:4月9日,北山市第五届樱花文化节在宜水公园开幕。市民和游客在花下赏花拍照。
文化节将持续到本月底。
"""
    _, article = one(page)
    assert names(article) == ["周青", "张远", "林一"]
    assert article.headline == "北山市第五届樱花文化节在宜水公园开幕"
    assert "资料图片" not in article.text


def test_epaper_navigation_and_issue_date():
    page = """第01版:头版 4下一版
版面导航
第01版
头版
第02版
综合新闻
标题导航
首页 | 版面导航 | 标题导航 |
2022年07月02日 星期六
3 上一篇  下一篇 4 放大 缩小 默认
陈青山到南岭察看水库建设
抢抓晴好天气 加快大坝浇筑
南岭日报7月1日讯(全媒体记者 范小宁)近日,副省长陈青山到南岭市察看白鹭水库建设,要求抢抓晴好天气加快大坝浇筑。
白鹭水库建成后可灌溉农田六万亩。
3 上一篇
"""
    _, article = one(page)
    assert article.headline == "陈青山到南岭察看水库建设"
    assert article.deck == "抢抓晴好天气 加快大坝浇筑"
    assert article.date == "2022-07-02"  # the issue date of the e-paper, not the dateline's day before
    assert article.publisher == "南岭日报"
    assert names(article) == ["范小宁"]
    for word in ("版面导航", "综合新闻", "上一篇", "放大"):
        assert word not in article.text


def test_company_site_breadcrumb_and_outlet_beside_the_stamp():
    page = """公司简介产品中心新闻动态联系我们
服务热线400-0000-000
首页>媒体报道>青湾机械公司新厂房投入使用
青湾机械公司新厂房投入使用
2023.04.12
青湾卫视新闻联播
4月12日,青湾机械公司新建的装配厂房投入使用,新增两条自动化装配线。
"""
    _, article = one(page)
    assert article.headline == "青湾机械公司新厂房投入使用"
    assert article.date == "2023-04-12"
    assert article.publisher == "青湾卫视新闻联播"
    assert "服务热线" not in article.text


def test_newspaper_page_of_several_articles_is_not_a_web_page():
    page = """南岭市开通第三条公交快线

株洲日报讯(记者 冯一凡) 5月9日,南岭市第三条公交快线开通,连接火车站和高新区。

青禾县油菜花节开幕

株洲日报讯(通讯员 朱小满) 5月8日,青禾县油菜花节开幕,吸引游客两万人次。

(资料图片仅供参考)
"""
    document = ingest_text(page, Path("issue.txt"))
    assert len(document.articles) == 2  # two datelines: a newspaper page, whatever furniture it carries
    assert document.format == "txt"


def test_newspaper_sign_off_is_no_sign_of_a_web_page():
    page = """南岭市开通第三条公交快线

株洲日报记者 冯一凡

5月9日,南岭市第三条公交快线开通,连接火车站和高新区。

青禾县油菜花节开幕

株洲日报记者 朱小满

5月8日,青禾县油菜花节开幕,吸引游客两万人次。

责任编辑:李小四
"""
    document = ingest_text(page, Path("issue.txt"))
    assert [a.headline for a in document.articles] == ["南岭市开通第三条公交快线", "青禾县油菜花节开幕"]


def test_plain_one_article_text_keeps_its_headline():
    page = """东湖区老旧小区加装电梯

东湖日报记者 冯一凡 通讯员 朱小满

4月18日,东湖区首批二十台老旧小区加装电梯投入使用,住在高层的老人出行方便了。
"""
    document, article = one(page)
    assert document.format == "txt"
    assert article.headline == "东湖区老旧小区加装电梯"
    # an outlet kg has never seen, read by the ending of its name, opens the credit line
    assert article.publisher == "东湖日报"
    assert names(article) == ["冯一凡", "朱小满"]
    assert article.deck is None


# --------------------------------------------------------------------------- the pieces


@pytest.mark.parametrize(
    "line, date, source, authors",
    [
        ("发布时间:2020年06月09日       来源:青禾区委宣传部      阅读:456次", dt.date(2020, 6, 9), "青禾区委宣传部", []),
        ("2016-05-30  来源:中国农机网  人气: 512", dt.date(2016, 5, 30), "中国农机网", []),
        ("来源:东岭县作者:杜明川2019-03-04 14:33:53", dt.date(2019, 3, 4), "东岭县", ["杜明川"]),
        ("时间:2024-04-07 16:14:23 来源 : 中国网西湖 作者 : 杨一 温二", dt.date(2024, 4, 7), "中国网西湖", ["杨一", "温二"]),
        ("- 發佈時間:2015-11-06 01:33:36 來源:西岭晚报 責任編輯:罗伯",  # the line as it comes from a traditional page
         dt.date(2015, 11, 6), "西岭晚报", []),
        ("2022-06-16 09:01:58 字号:", dt.date(2022, 6, 16), None, []),
        ("发表时间:2023-02-01浏览次数:", dt.date(2023, 2, 1), None, []),
        ("来源:网络", None, None, []),
        ("作者:本报记者 张一山", None, None, ["张一山"]),
    ],
)
def test_meta_lines(line, date, source, authors):
    from kg.ingest.decode import simplify

    meta = parse_meta(simplify(line))
    assert meta is not None
    assert meta.date == date
    assert meta.source == source
    assert [b.name for b in meta.bylines] == authors


@pytest.mark.parametrize(
    "line",
    [
        "记者:请问这个项目什么时候投产?",  # an interview line
        "时间:上午九时,地点:县政府三楼会议室。",  # a notice in the text
        "2023年,全市新增绿地面积达到120公顷。",  # a sentence with a year
        "青禾县图书馆新馆开放",
    ],
)
def test_not_meta_lines(line):
    assert parse_meta(line) is None


def test_outlet_datelines():
    cases = {
        "红岭网青湾站6月28日讯(实习生 曹一 记者 刘二 通讯员 舒三 欧阳四海)近日": ("红岭网青湾站", (6, 28), 4),
        "云网长沙9月21日电(陶知远)9月20日": ("云网", (9, 21), 1),
        "北溪融媒3月29日讯(记者 麻一 武二)3月29日上午": ("北溪融媒", (3, 29), 2),
        "西岭晚报讯(首席记者甄三)中国": ("西岭晚报", None, 1),
        "本报讯(记者 张一山)近日": (None, None, 1),
    }
    for text, (publisher, md, count) in cases.items():
        dateline = parse_web_dateline(text)
        assert dateline is not None, text
        assert (dateline.publisher, dateline.month_day, len(dateline.bylines)) == (publisher, md, count), text
    assert parse_web_dateline("南岭广播电视台电视新闻中心主任出席") is None
    assert parse_web_dateline("近日,南岭日报讯息中心成立") is None


def test_names_and_outlets():
    assert split_glued_names("李明辉赵冉孙志强") == ["李明辉", "赵冉", "孙志强"]
    assert split_glued_names("张文王华林") is None  # 张文 王华林 or 张文王 华林: not certain
    assert [b.name for b in read_credit("图文:李明辉赵冉孙志强")] == ["李明辉", "赵冉", "孙志强"]
    assert [b.name for b in read_credit("记者 杨光")] == ["杨光"]
    assert [b.name for b in read_credit("本报记者 杨光")] == ["杨光"]
    assert is_outlet("东湖日报") and is_outlet("北溪融媒") and is_outlet("新江南客户端")
    assert not is_outlet("本报") and not is_outlet("日报") and not is_outlet("网络")


def test_month_day():
    assert month_day("3月28日") == (3, 28)
    assert month_day("328日") == (3, 28)  # 32/8 is no date
    assert month_day("121日") is None  # 1月21日 or 12月1日
    assert month_day("2月30日") is None


def test_furniture_vocabulary_loads():
    rules = furniture_rules()
    assert {r.kind for r in rules} == {"drop", "note", "stop", "span"}
    assert all(r.end is not None for r in rules if r.kind == "span")
