"""Dates in the text (5月9日, 2023年4月14日, 4月2日至4日, 去年12月7日) resolved against the article date."""

from __future__ import annotations

import re
from dataclasses import dataclass

DATE_RE = re.compile(
    r"(?:(?P<rel>去年|今年|明年|前年)|(?P<year>(?:19|20)\d{2})\s*年)?\s*"
    r"(?P<month>\d{1,2})\s*月\s*(?P<day>\d{1,2})\s*日"
    r"(?:\s*(?:至|到|—|-|～|~)\s*(?:(?P<month2>\d{1,2})\s*月\s*)?(?P<day2>\d{1,2})\s*日)?"
)
_RELATIVE = {"前年": -2, "去年": -1, "今年": 0, "明年": 1}


@dataclass
class DateMention:
    start: int
    end: int
    text: str
    value: str  # 2020-05-09 | --05-09 | 2023-04-02/2023-04-04


def _iso(year: int | None, month: int, day: int) -> str:
    return f"{year:04d}-{month:02d}-{day:02d}" if year else f"--{month:02d}-{day:02d}"


def resolve(match: re.Match[str], article_date: str | None) -> str | None:
    month, day = int(match["month"]), int(match["day"])
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    year: int | None = None
    if match["year"]:
        year = int(match["year"])
    elif article_date and re.match(r"\d{4}-\d{2}-\d{2}", article_date):
        a_year, a_month = int(article_date[:4]), int(article_date[5:7])
        if match["rel"]:
            year = a_year + _RELATIVE[match["rel"]]
        else:
            # news reports the recent past: a month far after the issue month belongs to the previous year
            year = a_year - 1 if month - a_month > 6 else a_year
    value = _iso(year, month, day)
    if match["day2"]:
        month2 = int(match["month2"]) if match["month2"] else month
        day2 = int(match["day2"])
        if 1 <= month2 <= 12 and 1 <= day2 <= 31:
            value += "/" + _iso(year, month2, day2)
    return value


def find_dates(text: str, article_date: str | None) -> list[DateMention]:
    found = []
    for m in DATE_RE.finditer(text):
        value = resolve(m, article_date)
        if value:
            start = m.start() + len(m.group(0)) - len(m.group(0).lstrip())
            found.append(DateMention(start, m.end(), text[start : m.end()], value))
    return found


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
