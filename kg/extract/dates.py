"""Dates in the text resolved against the article date.

Shapes: 5月9日, 2023年4月14日, 二〇二三年三月五日, 十二月三十一日, ３月５日, 2023-03-05 / 2023.3.5 / 2023/3/5,
ranges (4月2日至4日, 5月22-23日, 5月22日至6月1日: the first day, the span covering the whole range), 去年12月7日,
relative days (今天, 昨日, 前天, 明天, 当天), 本月15日 / 上月15日 / a bare 15日.
Values: YYYY-MM-DD when the year is known (written, from the sentence, or from the article date), else --MM-DD.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field

# Full-width digits and separators (３月５日, ２０２３／３／５) and the ○ / Ｏ that print uses for 〇: one character
# for one, so offsets into the normalised text are offsets into the original.
_WIDTH = str.maketrans("０１２３４５６７８９－／．～○Ｏ", "0123456789-/.~〇〇")

_CN_DIGITS = "〇零一二三四五六七八九"
_YEAR = rf"(?:19|20)\d{{2}}|[{_CN_DIGITS}]{{4}}"
_MONTH = r"\d{1,2}|十[一二]?|[一二三四五六七八九]"
_DAY = r"\d{1,2}|[一二三]?十[一二三四五六七八九]?|廿[一二三四五六七八九]?|卅一?|[一二三四五六七八九]"
_SEP = r"至|到|—{1,2}|–|-|~"
# a numeral may not run on from one before it (12023年, 二十三月)
_NOT_AFTER_NUMBER = rf"(?<![0-9{_CN_DIGITS}十廿卅.])"

_MONTH_DAY_RE = re.compile(
    rf"{_NOT_AFTER_NUMBER}(?:(?:(?P<rel>前年|去年|今年|明年)|(?P<year>{_YEAR})\s*年)\s*)?"
    rf"(?P<month>{_MONTH})\s*月\s*(?P<day>{_DAY})\s*(?:[日号]\s*)?"
    rf"(?:(?:{_SEP})\s*(?:(?P<year2>{_YEAR})\s*年\s*)?(?:(?P<month2>{_MONTH})\s*月\s*)?(?P<day2>{_DAY})\s*)?[日号]"
)
# 2023-03-05, 2023.3.5, 2023/3/5: one separator throughout, not part of a version number, IP or longer figure
_NUMERIC_RE = re.compile(
    r"(?<![A-Za-z0-9.\-/])(?P<year>(?:19|20)\d{2})(?P<sep>[-./])(?P<month>\d{1,2})(?P=sep)(?P<day>\d{1,2})"
    r"(?![0-9]|[.\-/][0-9A-Za-z])"
)
# 今日头条 and 明日之星 are names; 提前天数 is not 前天
_DAY_WORD_RE = re.compile(r"今天|今日(?!头条)|今晨|今早|今晚|当天|当日|当晚|昨天|昨日|昨晚|(?<!提)前天|明天|明日(?!之星)|明晚")
# 15日 / 本月15日 / 22-23日; not 第3日, 每15日, 30日内, 3日后, 连续5日, 为期3日 (durations), 20日元; a Chinese-numeral day only after
# 本月/上月/下月, since 一日游 and 五日内 are no dates
_BARE_DAY_RE = re.compile(
    rf"(?:(?P<mrel>本月|上月|下月)(?P<cday>{_DAY})|(?<![0-9月号第每个几数前近连续期时.\-/])(?P<day>\d{{1,2}}))"
    rf"\s*(?:日\s*)?(?:(?:{_SEP})\s*(?P<day2>\d{{1,2}})\s*)?日(?!内|以[内上下]|之[内后]|左右|后|前|元)"
)
# a year written earlier in the sentence; a range's years (2023-2025年) fix nothing
_YEAR_WORD_RE = re.compile(
    rf"(?<![0-9{_CN_DIGITS}\-—~至到])(?:(?P<year>{_YEAR})\s*年(?!度?\s*(?:{_SEP}))|(?P<rel>前年|去年|今年|明年))"
    rf"(?P<month>\s*(?:{_MONTH})\s*月)?"
)
_REL_YEAR = {"前年": -2, "去年": -1, "今年": 0, "明年": 1}
_DAY_SHIFT = {"今天": 0, "今日": 0, "今晨": 0, "今早": 0, "今晚": 0, "昨天": -1, "昨日": -1, "昨晚": -1,
              "前天": -2, "明天": 1, "明日": 1, "明晚": 1}
_ANAPHORIC = ("当天", "当日", "当晚")
_THAT_DAY_RE = re.compile("|".join(_ANAPHORIC))
_REL_MONTH = {"上月": -1, "本月": 0, "下月": 1}
# news reports the past: a month-day this long after the article date is last year's, a bare day last month's
_FUTURE_MONTH_DAY = dt.timedelta(days=62)
_FUTURE_BARE_DAY = dt.timedelta(days=7)


@dataclass
class DateMention:
    start: int
    end: int
    text: str
    value: str  # 2020-05-09 | --05-09; a range gives its first day
    until: str | None = None  # a range's last day, in the same form


@dataclass
class _Scan:
    text: str  # width-normalised
    anchor: dt.date | None
    found: list[DateMention] = field(default_factory=list)
    dated: list[DateMention] = field(default_factory=list)  # those that name a month (for a following bare day)


Resolved = tuple[str, str | None] | None


def _num(s: str) -> int:
    if s.isascii():
        return int(s)
    import cn2an  # lazily: ~0.15 s of regex compiling, paid only when a text writes numbers in Chinese

    return int(cn2an.cn2an(s, "normal"))


def _iso(year: int | None, month: int, day: int) -> str | None:
    try:
        dt.date(year or 2000, month, day)  # 2000 is a leap year, so --02-29 stands
    except ValueError:
        return None
    return f"{year:04d}-{month:02d}-{day:02d}" if year else f"--{month:02d}-{day:02d}"


def _anchor(article_date: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(article_date[:10]) if article_date else None
    except ValueError:
        return None


def _shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + month - 1 + delta
    return index // 12, index % 12 + 1


def _range(value: str | None, until: str | None) -> Resolved:
    if value is None:
        return None
    # a last day before the first (5月30日至2日, a slip) says nothing; values of one form compare as strings
    return value, until if until and (until >= value or until[0] != value[0]) else None


def _written_year(scan: _Scan, pos: int) -> int | None:
    """The last year written before pos in its sentence: with a month (2022年5月9日…，12日) anywhere in the
    sentence, alone (2022年，… / 2022年举办的…) only in the same clause."""
    start = max(scan.text.rfind(c, 0, pos) for c in "。！？；!?;\n") + 1
    last = None
    for last in _YEAR_WORD_RE.finditer(scan.text, start, pos):
        pass
    if last is None or (not last["month"] and re.search(r"[，,、：:]", scan.text[last.end() : pos])):
        return None
    if last["year"]:
        return _num(last["year"])
    return scan.anchor.year + _REL_YEAR[last["rel"]] if scan.anchor else None


def _year_near_anchor(anchor: dt.date, month: int, day: int) -> int:
    try:
        ahead = dt.date(anchor.year, month, day) - anchor
    except ValueError:  # 2月29日 in a common year: the year before is no likelier
        return anchor.year
    return anchor.year - 1 if ahead > _FUTURE_MONTH_DAY else anchor.year


def _year_of(m: re.Match[str], scan: _Scan, month: int, day: int) -> int | None:
    if m["year"]:
        return _num(m["year"])
    if m["rel"]:
        return scan.anchor.year + _REL_YEAR[m["rel"]] if scan.anchor else None
    written = _written_year(scan, m.start())
    if written is not None:
        return written
    return _year_near_anchor(scan.anchor, month, day) if scan.anchor else None


def _month_day(m: re.Match[str], scan: _Scan) -> Resolved:
    month, day = _num(m["month"]), _num(m["day"])
    year = _year_of(m, scan, month, day)
    until = None
    if m["day2"]:
        year2 = _num(m["year2"]) if m["year2"] else year
        until = _iso(year2, _num(m["month2"]) if m["month2"] else month, _num(m["day2"]))
    return _range(_iso(year, month, day), until)


def _numeric(m: re.Match[str], scan: _Scan) -> Resolved:
    value = _iso(int(m["year"]), int(m["month"]), int(m["day"]))
    return (value, None) if value else None


def _in_quote(text: str, pos: int) -> bool:
    before = text[text.rfind("\n", 0, pos) + 1 : pos]
    return before.count("“") > before.count("”") or before.count('"') % 2 == 1 or before.count("「") > before.count("」")


def _that_day(m: re.Match[str], scan: _Scan) -> Resolved:
    """5月9日…。当天下午: 当天 is the day last named, the article's own day only when none was. A day reached by
    至/到 (展会持续至30日…开幕当天) ends a span and is not the day of what follows."""
    near = scan.text[max(0, m.start() - 12) : m.end() + 12]
    if len(_THAT_DAY_RE.findall(near)) > 1:  # 当天受理、当天办结: a manner, no day
        return None
    named = [d for d in scan.found if scan.text[d.start - 1 : d.start] not in ("至", "到", "止")]
    if named:
        return named[-1].value, None
    return (scan.anchor.isoformat(), None) if scan.anchor else None


def _day_word(m: re.Match[str], scan: _Scan) -> Resolved:
    if re.match(r"\s*[（(]\s*\d{1,2}\s*日", scan.text[m.end() : m.end() + 8]):
        return None  # 今天（29日）: the day in brackets says which; it is read on its own
    if m.group(0) in _ANAPHORIC:
        return _that_day(m, scan)
    # 昨天 of an undated article, or 今天 in someone's words (said on a day the text need not name): no guessing
    if scan.anchor is None or _in_quote(scan.text, m.start()):
        return None
    return (scan.anchor + dt.timedelta(days=_DAY_SHIFT[m.group(0)])).isoformat(), None


def _month_of_bare_day(m: re.Match[str], scan: _Scan, day: int) -> tuple[int | None, int] | None:
    """5月22日上午…，23日下午: a bare day after a dated one in the same paragraph is in its month; otherwise the
    article's month, or the one before when the day would lie more than a few days after the article date."""
    if m["mrel"]:
        return _shift_month(scan.anchor.year, scan.anchor.month, _REL_MONTH[m["mrel"]]) if scan.anchor else None
    before = scan.dated[-1] if scan.dated else None
    if before and "\n" not in scan.text[before.end : m.start()] and int(before.value[-2:]) <= day:
        return (None if before.value.startswith("--") else int(before.value[:4])), int(before.value[-5:-3])
    if scan.anchor is None:
        return None
    same = _iso(scan.anchor.year, scan.anchor.month, day)
    if same and dt.date.fromisoformat(same) - scan.anchor <= _FUTURE_BARE_DAY:
        return scan.anchor.year, scan.anchor.month
    return _shift_month(scan.anchor.year, scan.anchor.month, -1)


def _bare_day(m: re.Match[str], scan: _Scan) -> Resolved:
    day = _num(m["day"] or m["cday"])
    month_of = _month_of_bare_day(m, scan, day)
    if month_of is None:
        return None
    year, month = month_of
    return _range(_iso(year, month, day), _iso(year, month, int(m["day2"])) if m["day2"] else None)


_SHAPES: tuple[tuple[re.Pattern[str], Callable[[re.Match[str], _Scan], Resolved]], ...] = (
    (_NUMERIC_RE, _numeric),
    (_MONTH_DAY_RE, _month_day),
    (_DAY_WORD_RE, _day_word),
    (_BARE_DAY_RE, _bare_day),
)


def _matches(text: str) -> list[tuple[re.Match[str], Callable[[re.Match[str], _Scan], Resolved]]]:
    """Every shape's matches in text order; of overlapping ones the earlier, then the longer, wins."""
    found = sorted(((m, how) for rx, how in _SHAPES for m in rx.finditer(text)),
                   key=lambda pair: (pair[0].start(), -pair[0].end()))
    kept, end = [], -1
    for m, how in found:
        if m.start() >= end:
            kept.append((m, how))
            end = m.end()
    return kept


def find_dates(text: str, article_date: str | None) -> list[DateMention]:
    """The dates of text in order; article_date (ISO YYYY-MM-DD or None) resolves years and relative days."""
    scan = _Scan(text.translate(_WIDTH), _anchor(article_date))
    for m, how in _matches(scan.text):
        resolved = how(m, scan)
        if resolved is None:
            continue
        mention = DateMention(m.start(), m.end(), text[m.start() : m.end()], *resolved)
        scan.found.append(mention)
        if how is not _day_word:
            scan.dated.append(mention)
    return scan.found


# a year an event's name carries (2023中国国际轨道交通和产业发展博览会, 二〇二三年…大会); not a range (2023-2025),
# not an amount (2000万元)
_NAME_YEAR_RE = re.compile(
    rf"(?<![0-9{_CN_DIGITS}\-—~至到.])(?:(?P<year>(?:19|20)\d{{2}})(?![0-9.万亿千百多余个元吨米台套件项亩人家])"
    rf"|(?P<cn>[{_CN_DIGITS}]{{4}})(?=\s*年))(?!\s*年?度?\s*(?:{_SEP})\s*[0-9{_CN_DIGITS}])"
)


def year_in_name(name: str) -> int | None:
    """The one year written in an event's name, or None (none, a range, or two different years)."""
    years = {_num(m["year"] or m["cn"]) for m in _NAME_YEAR_RE.finditer(name.translate(_WIDTH))}
    return years.pop() if len(years) == 1 else None


def with_year(value: str, year: int) -> str:
    """--12-08 → 2023-12-08 (each side of an old a/b range too); a value that has its year, or a day the year
    lacks (--02-29 in 2023), is returned as it was."""
    parts = [(_iso(year, int(p[2:4]), int(p[5:7])) or p) if p.startswith("--") else p for p in value.split("/")]
    return "/".join(parts)


def same_date(a: str, b: str) -> bool:
    """Equal, or equal month-day when one side lacks the year (--05-09 ~ 2020-05-09)."""
    if a == b:
        return True
    a1, b1 = a.split("/")[0], b.split("/")[0]
    if a1 == b1:  # a range and its first day
        return True
    if a1.startswith("--") or b1.startswith("--"):
        return a1[-5:] == b1[-5:]
    return False
