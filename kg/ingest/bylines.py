"""Credits and datelines: 株洲日报记者 廖喜张 / 通讯员/蒋卫东 梁媛媛 / 株洲日报讯(全媒体记者/胡文洁) /
潇湘晨报记者周诗浩 实习生蒯安琦 / 株洲日报全媒体记者/杨如摄 / 策划:董介 罗佳 / 执行:株洲日报全媒体记者/易蓉.

Roles and publishers come from the lexicons in kg/ingest/data/.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from kg.ingest import lexicons
from kg.records import Byline

_NAME = re.compile(r"^[\u4e00-\u9fff]{2,4}$|^[\u4e00-\u9fff]{1,6}·[\u4e00-\u9fff]{1,8}$")
_NAME_SPLIT = re.compile(r"[\s、,，;；]+")
_PHOTO_SUFFIX = re.compile(r"\s*(供图|摄影|摄)\s*$")
_PHOTO_ROLES = {"摄", "摄影", "供图", "图", "图片"}
_JUMP = re.compile(r"[▶►→]?\s*[（(]?\s*(下转|上接|转|接)第?\s*[0-9０-９一二三四五六七八九十]{1,3}\s*版\s*[）)]?\s*$")


@dataclass
class Credit:
    bylines: list[Byline] = field(default_factory=list)
    photo: bool = False  # ends with 摄 / 供图: a photo credit
    raw: str = ""


@dataclass
class Dateline:
    text: str  # 株洲日报讯 / 湖南日报8月24日讯 / 新华社长沙4月9日电
    publisher: str | None
    end: int  # end of the dateline (and of its bracketed credit) in the paragraph
    credit: Credit | None = None
    credit_start: int | None = None  # offset of the credit text in the paragraph


@lru_cache(maxsize=1)
def _role_pattern() -> re.Pattern[str]:
    roles = sorted(lexicons.byline_roles(), key=len, reverse=True)
    multi = "|".join(re.escape(r) for r in roles if len(r) > 1 and r not in {"摄影"})
    single = "|".join(re.escape(r) for r in roles if len(r) == 1 or r == "摄影")
    pubs = "|".join(re.escape(p) for p in sorted(set(lexicons.publishers()) | set(lexicons.publisher_aliases()), key=len, reverse=True))
    # Single-character roles (文, 图, 摄) only in their prefix form "图/刘凯": as bare characters they
    # would split names such as 文樱.
    # an outlet the lexicons do not list is still one by its form (湘潭日报通讯员 李四): a place or name + a media word
    media = "|".join(re.escape(w) for w in lexicons.media_words() if w not in ("新闻", "财经"))  # 新闻 ends roles too
    outlet = rf"(?<![\u4e00-\u9fff])[\u4e00-\u9fff]{{2,8}}?(?:{media})"
    return re.compile(
        rf"(?P<org>{pubs}|{outlet})?(?:(?P<role>{multi})|(?P<short>{single})(?=\s*[/:：]))\s*[/:：]?\s*"
    )


@lru_cache(maxsize=1)
def _dateline_pattern() -> re.Pattern[str]:
    pubs = "|".join(re.escape(p) for p in sorted(set(lexicons.publishers()) | set(lexicons.publisher_aliases()), key=len, reverse=True))
    return re.compile(
        rf"^(?P<dl>(?P<pub>{pubs}|本报)(?P<place>[\u4e00-\u9fff]{{0,4}}?)(?:\d{{1,2}}月\d{{1,2}}日)?(?:讯|电))"
        r"\s*(?:[(（](?P<credit>[^()（）]{2,60})(?:[)）]|$))?"
    )


def parse_credit(text: str) -> Credit | None:
    """Parse a whole credit string; None when it is not one (so body sentences are never mistaken)."""
    parsed = _parse_credit(text)
    if parsed is None:
        return None
    entries, photo, raw = parsed
    return Credit(bylines=[Byline(name=n, role=r, organization=o) for n, r, o in entries], photo=photo, raw=raw)


@lru_cache(maxsize=8192)
def _parse_credit(text: str) -> tuple[tuple[tuple[str, str, str | None], ...], bool, str] | None:
    raw = text.strip()
    s = raw.strip("()（）[]【】 \u3000")
    if not s or len(s) > 80:
        return None
    photo_role = None
    suffix = _PHOTO_SUFFIX.search(s) if s.endswith(("摄", "供图", "摄影")) else None
    if suffix and suffix.start() > 0:
        photo_role = "供图" if suffix.group(1) == "供图" else "摄"
        s = s[: suffix.start()].rstrip()
    matches = list(_role_pattern().finditer(s))
    if not matches or matches[0].start() != 0:
        return None
    bylines: list[Byline] = []
    pending: tuple[str, str | None] | None = None  # an outer role waiting for names: 执行:株洲日报记者/易蓉
    for i, match in enumerate(matches):
        role = match.group("role") or match.group("short")
        org = lexicons.canonical_publisher(match.group("org"))
        segment_end = matches[i + 1].start() if i + 1 < len(matches) else len(s)
        names = [n for n in _NAME_SPLIT.split(s[match.end() : segment_end]) if n]
        if not names:
            if i + 1 == len(matches):
                if not photo_role:
                    return None
            elif pending is None:
                pending = (role, org)
            continue
        if not all(_NAME.match(n) for n in names):
            return None
        if pending is not None:
            role, org = pending[0], org or pending[1]
            pending = None
        for name in names:
            if photo_role and role not in _PHOTO_ROLES:
                # 株洲日报全媒体记者/杨如 摄: the photographer keeps the post the credit names (全媒体记者).
                bylines.append(Byline(name=name, role=role, organization=org))
            bylines.append(Byline(name=name, role=photo_role or role, organization=org))
    if not bylines:
        return None
    return tuple((b.name, b.role, b.organization) for b in bylines), photo_role is not None, raw


def parse_author_line(text: str) -> Credit | None:
    """A lone personal name (commentary author under its headline): 朱理平."""
    s = text.strip()
    if not _NAME.match(s) or "·" in s:
        return None
    single, compound = lexicons.surnames()
    if s[:2] in compound or s[0] in single:
        return Credit(bylines=[Byline(name=s, role="作者")], raw=s)
    return None


def parse_dateline(paragraph: str) -> Dateline | None:
    match = _dateline_pattern().match(paragraph)
    if not match:
        return None
    publisher = None if match.group("pub") == "本报" else lexicons.canonical_publisher(match.group("pub"))
    dateline = Dateline(text=match.group("dl"), publisher=publisher, end=match.end())
    if match.group("credit"):
        credit = parse_credit(match.group("credit"))
        if credit:
            dateline.credit = credit
            dateline.credit_start = match.start("credit")
    return dateline


def split_trailing_credit(paragraph: str) -> tuple[str, Credit] | None:
    """A caption ending in a credit: 白关镇阳雀湖丝瓜种植基地。 株洲日报全媒体记者/杨凌凌 摄 → (caption, credit)."""
    if not paragraph.rstrip().endswith(("摄", "供图", "摄影")):
        return None
    for cut in re.finditer(r"[。！？!?]\s*|\s+", paragraph):
        head, tail = paragraph[: cut.start() + (1 if cut.group().strip() else 0)], paragraph[cut.end() :]
        if not tail or not head.strip():
            continue
        credit = parse_credit(tail)
        if credit:
            return head.rstrip(), credit
    return None


def strip_jump_marker(paragraph: str) -> tuple[str, str | None]:
    """Remove a trailing 'continued on page N' marker (▶下转02版); the article goes on elsewhere."""
    if "版" not in paragraph[-12:]:
        return paragraph, None
    match = _JUMP.search(paragraph)
    if not match or match.start() == 0:
        return paragraph, None
    return paragraph[: match.start()].rstrip(), match.group().strip()


def locate_names(text: str, bylines: list[Byline], start: int, end: int) -> None:
    """Record the offsets of byline names that appear inside text[start:end] (inline dateline credits)."""
    cursor = start
    for byline in bylines:
        position = text.find(byline.name, cursor, end)
        if position < 0:
            position = text.find(byline.name, start, end)
        if position >= 0:
            byline.start, byline.end = position, position + len(byline.name)
            cursor = byline.end
