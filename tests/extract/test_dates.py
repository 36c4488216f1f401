import subprocess
import sys

import pytest

from kg.extract.dates import find_dates, same_date, with_year, year_in_name

ISSUE = "2023-05-10"  # the article date of most cases below


def values(text, date=ISSUE):
    return [d.value for d in find_dates(text, date)]


def spans(text, date=ISSUE):
    return [d.text for d in find_dates(text, date)]


def test_dates_resolved_against_issue_date():
    assert values("5月9日，", "2020-05-10") == ["2020-05-09"]
    assert values("5月9日，", None) == ["--05-09"]
    assert values("去年12月7日", "2022-07-09") == ["2021-12-07"]
    assert values("12月28日", "2023-01-05") == ["2022-12-28"]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("大会于二〇二三年三月五日开幕。", "2023-03-05"),
        ("二零二三年十二月八日，签约仪式举行。", "2023-12-08"),
        ("一九九八年十月一日建成通车。", "1998-10-01"),
        ("三月五日上午，市长来到车间。", "2023-03-05"),
        ("十二月三十一日前完成验收。", "2022-12-31"),
        ("廿一日，工地复工。", None),  # a Chinese-numeral bare day is too easily something else
        ("2023年3月5日，论坛在株洲召开。", "2023-03-05"),
        ("2023 年 3 月 5 日，论坛召开。", "2023-03-05"),
        ("2023年03月05日发布。", "2023-03-05"),
        ("3月5日，论坛召开。", "2023-03-05"),
        ("3月5号，论坛召开。", "2023-03-05"),
        ("３月５日，论坛召开。", "2023-03-05"),
        ("２０２３年１２月８日", "2023-12-08"),
        ("二〇二三年三月五日", "2023-03-05"),
        ("二○二三年三月五日", "2023-03-05"),  # the white circle that print uses for 〇
        ("会议定于2023-03-05召开。", "2023-03-05"),
        ("发布时间：2023.3.5", "2023-03-05"),
        ("发布时间：2023/3/5 10:30", "2023-03-05"),
        ("发布时间：２０２３／３／５", "2023-03-05"),
    ],
)
def test_date_shapes(text, expected):
    assert values(text) == ([expected] if expected else [])


@pytest.mark.parametrize(
    "text",
    [
        "软件升级到v2023.3.5.1版本。",
        "服务器地址为10.2023.3.5。",
        "规划期为2023-2025年。",
        "2023年3月，项目启动。",  # a month is no day
        "13月5日",
        "2月30日",
        "电话0731-2023-3-5",
        "编号2023-03-051",
        "2023-3/5",  # two separators: not a date
    ],
)
def test_no_date(text):
    assert values(text) == []


def test_offsets_cover_the_original_text():
    text = "据悉，３月５日至７日，２０２３年博览会在株洲举行。"
    (d,) = find_dates(text, ISSUE)
    assert text[d.start : d.end] == d.text == "３月５日至７日"
    assert (d.value, d.until) == ("2023-03-05", "2023-03-07")


def test_invalid_days_and_leap_years():
    assert values("2024年2月29日") == ["2024-02-29"]
    assert values("2023年2月29日") == []
    assert values("2月29日", None) == ["--02-29"]


# ---- relative days


@pytest.mark.parametrize(
    "word, expected",
    [("今天", "2023-05-10"), ("今日", "2023-05-10"), ("今晚", "2023-05-10"), ("昨天", "2023-05-09"),
     ("昨日", "2023-05-09"), ("前天", "2023-05-08"), ("明天", "2023-05-11"), ("明日", "2023-05-11")],
)
def test_relative_days(word, expected):
    assert values(f"{word}，全市产业推进大会召开。") == [expected]


def test_relative_days_cross_month_and_year():
    assert values("昨天，工厂复产。", "2023-03-01") == ["2023-02-28"]
    assert values("前天，工厂复产。", "2024-01-01") == ["2023-12-30"]


def test_relative_days_in_quotes_are_the_speakers():
    assert values("“今天的对接会让我们受益匪浅。”企业代表说。") == []
    assert values('"我们昨天刚签了合同，"他说。') == []
    assert values("“项目进展顺利。”他说。今天，项目正式投产。") == ["2023-05-10"]


def test_relative_days_need_the_article_date():
    assert values("昨天，工厂复产。", None) == []
    assert values("今天上午，项目开工。", None) == []


def test_time_of_day_alone_is_no_date():
    assert values("上午，市委召开常委会。下午，与会人员参观了展厅。晚上，举行了文艺演出。") == []
    assert values("今天上午，项目开工。") == ["2023-05-10"]
    assert values("昨天下午，签约仪式举行。") == ["2023-05-09"]


def test_vague_words_are_no_date():
    assert values("日前，市政府出台了新规。近日，有关部门开展了检查。") == []


def test_names_that_hold_day_words():
    assert values("他在今日头条发布了视频。") == []
    assert values("提前天数由企业自定。") == []


def test_that_day_is_the_day_last_named():
    assert values("5月6日，考察团抵达株洲。当天下午，双方举行了座谈。") == ["2023-05-06", "2023-05-06"]
    assert values("当天，双方签署了合作协议。") == ["2023-05-10"]
    assert values("当日，双方签署了合作协议。", None) == []
    assert values("5月6日，考察团抵达。当晚，举行了欢迎晚宴。", None) == ["--05-06", "--05-06"]


def test_that_day_is_not_the_end_of_a_span():
    text = "博览会9月26日在醴陵开幕，展期持续至30日。开幕当天，12个项目集中签约。"
    assert values(text, None) == ["--09-26", "--09-30", "--09-26"]


def test_same_day_as_a_manner_is_no_date():
    assert values("窗口推行当天受理、当天办结，企业少跑腿。") == []
    assert values("5月6日起，窗口推行当日受理当日办结。") == ["2023-05-06"]


# ---- bare days and 本月 / 上月


def test_bare_day_is_in_the_article_month():
    assert values("8日，市长主持召开专题会议。") == ["2023-05-08"]
    assert values("记者12日从市发改委获悉，项目已经开工。") == ["2023-05-12"]  # a few days ahead: still this month


def test_bare_day_far_ahead_is_last_month():
    assert values("28日，市长主持召开专题会议。") == ["2023-04-28"]
    assert values("30日，项目竣工。", "2023-03-02") == []  # February has no 30th
    assert values("31日，项目竣工。", "2023-01-03") == ["2022-12-31"]


def test_month_words():
    assert values("本月20日，展会将开幕。") == ["2023-05-20"]
    assert values("本月二十日，展会将开幕。") == ["2023-05-20"]
    assert values("上月15日，展会开幕。") == ["2023-04-15"]
    assert values("上月15日，展会开幕。", "2023-01-09") == ["2022-12-15"]
    assert values("本月20日，展会将开幕。", None) == []


def test_bare_day_without_article_date_is_nothing():
    assert values("8日，市长主持召开专题会议。", None) == []


def test_bare_day_follows_a_dated_day_in_its_paragraph():
    assert values("4月20日上午，论坛开幕；21日下午，论坛闭幕。") == ["2023-04-20", "2023-04-21"]
    assert values("4月20日，论坛开幕。21日，论坛闭幕。", None) == ["--04-20", "--04-21"]
    # a new paragraph, or a day before the dated one, goes back to the article's month
    assert values("4月20日，论坛开幕。\n21日，与会代表参观企业。", "2023-05-25") == ["2023-04-20", "2023-05-21"]
    assert values("4月20日，论坛开幕。3日，代表返程。", "2023-05-25") == ["2023-04-20", "2023-05-03"]
    assert values("4月20日，论坛开幕。3日，代表返程。", None) == ["--04-20"]


@pytest.mark.parametrize(
    "text",
    ["项目须在30日内完成整改。", "3日后再行复查。", "活动第3日，嘉宾参观了基地。", "每月15日为党员活动日。",
     "游客可参加一日游。", "地铁15号线开通。", "售价为20日元。", "此前3日，工作组已进驻。", "连续5日降雨。", "为期3日的培训结束。", "历时3日完成。",
     "五日内完成。"],
)
def test_durations_and_names_are_no_bare_day(text):
    assert values(text) == []


# ---- the year of a month-day


def test_month_day_more_than_two_months_ahead_is_last_year():
    assert values("7月20日，工程开工。", "2023-05-10") == ["2022-07-20"]
    assert values("7月8日，工程开工。", "2023-05-10") == ["2023-07-08"]  # within two months: announced
    assert values("11月3日，工程开工。", "2024-01-20") == ["2023-11-03"]
    assert values("1月3日，工程开工。", "2023-12-30") == ["2023-01-03"]


def test_year_written_earlier_in_the_sentence():
    assert values("2021年10月8日签约、11月2日开工的项目已投产。") == ["2021-10-08", "2021-11-02"]
    assert values("2021年10月，项目签约，11月2日正式开工。") == ["2021-11-02"]
    assert values("去年10月签约、12月2日开工的项目已投产。") == ["2022-12-02"]
    assert values("二〇二一年十月签约、十一月二日开工。") == ["2021-11-02"]


def test_written_year_without_month_holds_for_its_clause_only():
    assert values("2021年举办的首届博览会于9月6日开幕。") == ["2021-09-06"]
    assert values("2021年，首届博览会举办，3月6日，第二届筹备会召开。") == ["2023-03-06"]


def test_written_year_ends_with_its_sentence():
    assert values("2021年10月8日，项目签约。11月2日，项目开工。") == ["2021-10-08", "2022-11-02"]
    assert values("2021年10月8日，项目签约。11月2日，项目开工。", None) == ["2021-10-08", "--11-02"]


def test_range_years_give_no_year():
    assert values("2023-2025年规划中，3月6日的会议最为关键。") == ["2023-03-06"]
    assert values("2019年至2021年，累计投资百亿元，4月1日召开总结会。", "2023-05-10") == ["2023-04-01"]


def test_relative_year_words():
    assert values("今年3月6日", "2023-05-10") == ["2023-03-06"]
    assert values("明年3月6日", "2023-05-10") == ["2024-03-06"]
    assert values("前年3月6日", "2023-05-10") == ["2021-03-06"]
    assert values("今年3月6日", None) == ["--03-06"]


# ---- ranges


@pytest.mark.parametrize(
    "text, value, until",
    [
        ("5月22日至23日", "2023-05-22", "2023-05-23"),
        ("5月22日-23日", "2023-05-22", "2023-05-23"),
        ("5月22日—23日", "2023-05-22", "2023-05-23"),
        ("5月22日～23日", "2023-05-22", "2023-05-23"),
        ("5月22-23日", "2023-05-22", "2023-05-23"),
        ("5月22日到6月1日", "2023-05-22", "2023-06-01"),
        ("5月22日至6月1日", "2023-05-22", "2023-06-01"),
        ("二〇二三年五月二十二日至二十三日", "2023-05-22", "2023-05-23"),
        ("2022年12月30日至2023年1月2日", "2022-12-30", "2023-01-02"),
        ("22日至23日", "2023-04-22", "2023-04-23"),  # 12 days after the article date: last month
        ("8-9日", "2023-05-08", "2023-05-09"),
    ],
)
def test_ranges_give_their_first_day(text, value, until):
    sentence = f"第五届产业博览会于{text}在株洲举行。"
    (d,) = find_dates(sentence, ISSUE)
    assert (d.value, d.until, d.text) == (value, until, text)


def test_ranges_kept():
    (d,) = find_dates("4月2日至4日", "2023-03-29")
    assert (d.value, d.until, d.start, d.end) == ("2023-04-02", "2023-04-04", 0, 7)


def test_range_without_year():
    (d,) = find_dates("展会于5月22日至23日举行。", None)
    assert (d.value, d.until) == ("--05-22", "--05-23")


def test_range_end_before_start_is_dropped():
    (d,) = find_dates("5月30日至2日", ISSUE)
    assert (d.value, d.until) == ("2023-05-30", None)


def test_open_range_is_its_start():
    assert spans("5月22日至今，已接待游客十万人次。") == ["5月22日"]


def test_several_dates_in_order():
    text = "昨天，签约仪式举行。5月2日，项目开工；6日，首批设备进场。2023年4月1日，方案获批。"
    assert values(text) == ["2023-05-09", "2023-05-02", "2023-05-06", "2023-04-01"]


# ---- years in event names


@pytest.mark.parametrize(
    "name, year",
    [
        ("2023中国国际轨道交通和产业发展博览会", 2023),
        ("二〇二三年世界计算大会", 2023),
        ("2023年度全市经济工作会议", 2023),
        ("２０２３湖南（株洲）招商推介会", 2023),
        ("第十届中国国际轨道交通博览会", None),
        ("2023-2025年产业发展行动计划", None),
        ("2023年至2025年三年行动", None),
        ("总投资2000万元项目签约仪式", None),
        ("全市安全生产工作会议", None),
        ("2022年总结暨2023年部署大会", None),
    ],
)
def test_year_in_name(name, year):
    assert year_in_name(name) == year


def test_with_year():
    assert with_year("--12-08", 2023) == "2023-12-08"
    assert with_year("2022-12-08", 2023) == "2022-12-08"
    assert with_year("--02-29", 2023) == "--02-29"
    assert with_year("--02-29", 2024) == "2024-02-29"
    assert with_year(find_dates("十二月八日，论坛开幕。", None)[0].value, year_in_name("2023轨道交通论坛")) == "2023-12-08"


def test_same_date():
    assert same_date("--05-09", "2020-05-09") and not same_date("2021-05-09", "2020-05-09")
    assert same_date("2023-04-02/2023-04-04", "2023-04-02")


def test_chinese_numerals_import_lazily():
    code = ("import sys, kg.extract.dates as d; assert 'cn2an' not in sys.modules; "
            "d.find_dates('3月5日', None); assert 'cn2an' not in sys.modules; "
            "d.find_dates('三月五日', None); assert 'cn2an' in sys.modules")
    subprocess.run([sys.executable, "-c", code], check=True)
