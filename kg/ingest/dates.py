"""Publication dates of whole documents: front matter, solar mastheads (2023年3月29日 星期三) and lunar
issue headers (癸卯年闰二月二十 第23271期), converted with `lunardate` only when exactly one solar date fits.

Body dates such as 5月9日 are event dates, not publication dates: they are not read here.
"""

from __future__ import annotations

import datetime as dt
import re
import warnings
from dataclasses import dataclass
from email.utils import parsedate_to_datetime

from lunardate import LunarDate

CHINA = dt.timezone(dt.timedelta(hours=8))
STEMS = "甲乙丙丁戊己庚辛壬癸"
BRANCHES = "子丑寅卯辰巳午未申酉戌亥"
_LUNAR_MONTHS = {"正": 1, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
                 "十": 10, "十一": 11, "冬": 11, "十二": 12, "腊": 12}
_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
_WEEKDAYS = "一二三四五六日"

SOLAR_RE = re.compile(r"(?P<y>(?:19|20)\d{2})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日(?:\s*(?:星期|周)(?P<w>[一二三四五六日天]))?")
LUNAR_RE = re.compile(
    rf"(?P<gz>[{STEMS}][{BRANCHES}])年\s*(?P<leap>闰)?(?P<month>正|十一|十二|冬|腊|[一二三四五六七八九十])月"
    r"\s*(?P<day>初[一二三四五六七八九十]|十[一二三四五六七八九]?|二十|廿[一二三四五六七八九]|三十|卅)"
)
ISSUE_RE = re.compile(r"第\s*(?P<n>\d{3,6})\s*期")


@dataclass(frozen=True)
class LunarIssue:
    year_name: str  # 癸卯
    leap: bool
    month: int
    day: int
    issue: int | None = None
    text: str = ""


def parse_solar(text: str) -> dt.date | None:
    match = SOLAR_RE.search(text)
    if not match:
        return None
    try:
        date = dt.date(int(match["y"]), int(match["m"]), int(match["d"]))
    except ValueError:
        return None
    weekday = match["w"]
    if weekday:
        expected = _WEEKDAYS[date.weekday()]
        if weekday != expected and not (weekday == "天" and expected == "日"):
            return None  # the masthead contradicts itself: no certain date
    return date


def _lunar_day(text: str) -> int:
    if text.startswith("初"):
        return _DIGITS[text[1]]
    if text in ("二十", "三十", "卅"):
        return 20 if text == "二十" else 30
    if text.startswith("廿"):
        return 20 + _DIGITS[text[1]]
    if text.startswith("十"):
        return 10 + (_DIGITS[text[1]] if len(text) > 1 else 0)
    raise ValueError(text)


def parse_lunar(text: str) -> LunarIssue | None:
    match = LUNAR_RE.search(text)
    if not match:
        return None
    issue = ISSUE_RE.search(text, match.end())
    return LunarIssue(
        year_name=match["gz"],
        leap=bool(match["leap"]),
        month=_LUNAR_MONTHS[match["month"]],
        day=_lunar_day(match["day"]),
        issue=int(issue["n"]) if issue else None,
        text=text.strip(),
    )


def _year_name(year: int) -> str:
    return STEMS[(year - 4) % 10] + BRANCHES[(year - 4) % 12]


def lunar_candidates(lunar: LunarIssue, first_year: int = 1950, last_year: int | None = None) -> list[dt.date]:
    """All solar dates in [first_year, last_year] that the lunar date names (one per 60-year cycle at most)."""
    last_year = last_year or dt.date.today().year
    found = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        for year in range(first_year, min(last_year, 2099) + 1):
            if _year_name(year) != lunar.year_name:
                continue
            try:
                found.append(LunarDate(year, lunar.month, lunar.day, lunar.leap).toSolarDate())
            except ValueError:
                continue  # no such leap month / day in that year
    return [d for d in found if d <= dt.date(last_year, 12, 31)]


def solar_to_lunar(date: dt.date) -> tuple[str, int, int, bool]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        lunar = LunarDate.fromSolarDate(date.year, date.month, date.day)
        leap = getattr(lunar, "is_leap_month", None)
        if leap is None:
            leap = lunar.isLeapMonth
    return _year_name(lunar.year), lunar.month, lunar.day, bool(leap)


def lunar_agrees(lunar: LunarIssue, date: dt.date) -> bool:
    """Whether a lunar header matches a solar date; a dropped 闰 (common in re-typed text) still agrees."""
    name, month, day, leap = solar_to_lunar(date)
    return name == lunar.year_name and month == lunar.month and day == lunar.day and (leap == lunar.leap or leap)


def parse_front_matter_date(value: object) -> dt.date | None:
    """A front-matter date (RFC 2822, ISO 8601, 2023年3月29日) as the calendar date in China."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        moment = value
    elif isinstance(value, dt.date):
        return value
    else:
        text = str(value).strip()
        moment = None
        try:
            moment = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            pass
        if moment is None:
            try:
                moment = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
            except ValueError:
                solar = parse_solar(text)
                return solar
    if moment.tzinfo is not None:
        moment = moment.astimezone(CHINA)  # a GMT timestamp of Chinese news: the local day counts
    return moment.date()
