"""Newspaper mastheads and issue headers at the top of a document: publisher (# 株洲日报), solar date
(2023年3月29日 星期三), lunar issue line (癸卯年闰二月二十 第23271期 今日8版). They are taken out of the
article flow and give the document its publisher and date.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from kg.ingest import dates, lexicons
from kg.ingest.blocks import Block

_SOLAR_LINE = re.compile(rf"^{dates.SOLAR_RE.pattern}\s*$")
_LUNAR_LINE = re.compile(rf"^{dates.LUNAR_RE.pattern}(?:\s*第\s*\d{{3,6}}\s*期)?(?:\s*今日\s*\d{{1,3}}\s*版)?\s*$")
_ISSUE_ONLY = re.compile(r"^第\s*\d{3,6}\s*期(?:\s*今日\s*\d{1,3}\s*版)?$")
SCAN = 8


@dataclass
class Masthead:
    publisher: str | None = None
    solar: dt.date | None = None
    lunar: dates.LunarIssue | None = None
    lines: list[str] = field(default_factory=list)
    invalid: list[str] = field(default_factory=list)  # date lines that contradict themselves


def take_masthead(blocks: list[Block]) -> tuple[list[Block], Masthead]:
    """Remove masthead lines found among the first blocks; return the rest and what they said."""
    masthead = Masthead()
    publishers = set(lexicons.publishers())
    kept: list[Block] = []
    for index, block in enumerate(blocks):
        text = block.text
        if index >= SCAN:
            kept.append(block)
            continue
        if text in publishers and masthead.publisher is None:
            masthead.publisher = text
        elif _SOLAR_LINE.match(text) and masthead.solar is None:
            solar = dates.parse_solar(text)
            if solar is None:
                masthead.invalid.append(text)
            masthead.solar = solar
        elif _LUNAR_LINE.match(text) and masthead.lunar is None:
            masthead.lunar = dates.parse_lunar(text)
        elif _ISSUE_ONLY.match(text):
            pass
        else:
            kept.append(block)
            continue
        masthead.lines.append(text)
    if masthead.lines and kept:
        kept[0].gap = max(kept[0].gap, 2)
    return kept, masthead
