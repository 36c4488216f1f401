"""Scraped news web pages read as a careful reader reads them.

A scraper saves the text of a whole page: menus and login prompts, a breadcrumb, the headline (with a kicker or a
deck), a meta line (发布时间:2021年04月12日  来源:青禾县融媒体中心  阅读:1024次, 新江南客户端 2024-05-06 09:10:11),
the article with its dateline (江南日报·新江南客户端5月6日讯(通讯员 孙明远 钱小川)), a closing credit block (来源 /
作者 / 编辑 / 一审 二审 三审), then teaser lists and a footer. A reader takes the headline, the page's date, the
publisher (the 来源 outlet, else the dateline's) and the authors from these, and reads the rest as furniture.

Two hooks of kg.ingest.document use this module:

* `read_page(blocks, layout, info)` — before layout repair and segmentation: decides whether the text is a scraped
  page (furniture, a meta line, a breadcrumb), drops the furniture (vocabulary: data/webpage/furniture.txt), reads
  and removes the meta lines (labels: data/webpage/meta_labels.csv), picks the headline, sets the page's date
  and fallback publisher on `info`, and lays the page out as one article.
* `finish_page(page, document, info)` — on the articles built: the headline group, the publisher by precedence
  (来源 > dateline > the outlet beside a date stamp), the date (page date line > dateline with a known year >
  date stamp), bylines from the meta lines, the dateline's bracket and closing credits, and for a one-article
  text without any headline the lead sentence as its headline.

Outlet names are recognised by their endings (data/webpage/media_suffixes.txt) as well as by the publisher lexicon,
so datelines of outlets kg has never seen (云网长沙9月21日电, 北溪融媒3月29日讯) are read too.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache

from kg.ingest import lexicons
from kg.ingest.blocks import Block
from kg.ingest.bylines import _NAME, locate_names, parse_credit
from kg.ingest.normalize import HAN
from kg.records import Article, Byline, Document

FURNITURE_MAX = 100  # longer lines are text, never furniture
META_MAX = 160
TOP_SCAN = 30  # blocks looked at for the headline and the meta line
LEAD_HEADLINE = (6, 60)  # a lead sentence of this many characters can stand for a missing headline
AUTHOR_KINDS = {"staff", "contributor", "author", "photo"}
# layouts whose one article finish_page reads (a one-article PDF text is a clipping; Markdown issues are left alone)
SINGLE_FORMATS = ("txt", "webpage", "html", "front_matter_html", "front_matter_text", "pdf_text")


# --------------------------------------------------------------------------- vocabularies


@dataclass(frozen=True)
class FurnitureRule:
    kind: str  # drop | note (dropped, but no sign of a web page: newspapers sign off too) | stop | span
    pattern: re.Pattern[str]
    end: re.Pattern[str] | None = None  # span: the line that closes it


@lru_cache(maxsize=1)
def furniture_rules() -> list[FurnitureRule]:
    rules = []
    for line in lexicons._lines("webpage/furniture.txt"):
        kind, _, rest = line.partition("\t")
        pattern, _, end = rest.partition("\t")
        if kind not in {"drop", "note", "stop", "span"} or not pattern or (kind == "span") != bool(end):
            raise ValueError(f"bad furniture rule in kg/ingest/data/webpage/furniture.txt: {line!r}")
        rules.append(FurnitureRule(kind, re.compile(pattern), re.compile(end) if end else None))
    return rules


@lru_cache(maxsize=1)
def _furniture_matcher() -> tuple[re.Pattern[str], list[int]]:
    """The line-anchored rules in one alternation (its first matching branch is the first matching rule), and the
    indices of the rules searched one by one."""
    rules = furniture_rules()
    anchored = [i for i, r in enumerate(rules) if r.pattern.pattern.startswith("^")]
    combined = re.compile("|".join(f"(?P<r{i}>{rules[i].pattern.pattern[1:]})" for i in anchored))
    return combined, [i for i in range(len(rules)) if i not in set(anchored)]


def furniture_rule(text: str) -> FurnitureRule | None:
    """The first furniture rule that a line of at most FURNITURE_MAX characters matches."""
    if len(text) > FURNITURE_MAX:
        return None
    rules = furniture_rules()
    combined, floating = _furniture_matcher()
    hits = [i for i in floating if rules[i].pattern.search(text)]
    match = combined.match(text)
    if match:
        hits.append(int(match.lastgroup[1:]))
    return rules[min(hits)] if hits else None


@lru_cache(maxsize=1)
def meta_labels() -> dict[str, str]:
    """label → field (date | source | author | photo | editor | counter)."""
    with open(lexicons.DATA_DIR / "webpage" / "meta_labels.csv", encoding="utf-8", newline="") as handle:
        return {row["label"]: row["field"] for row in csv.DictReader(handle)}


@lru_cache(maxsize=1)
def _label_pattern() -> re.Pattern[str]:
    labels = sorted(meta_labels(), key=len, reverse=True)
    long = "|".join(re.escape(label) for label in labels if len(label) > 1)
    short = "|".join(re.escape(label) for label in labels if len(label) == 1)
    # a one-character label (文:) only where no word runs into it
    return re.compile(rf"(?P<label>{long}|(?<![{HAN}])(?:{short}))\s*(?:[:：丨｜]|\s\|\s)\s*")


@lru_cache(maxsize=1)
def media_suffixes() -> tuple[str, ...]:
    return tuple(sorted(set(lexicons._lines("webpage/media_suffixes.txt")), key=len, reverse=True))


@lru_cache(maxsize=1)
def not_publishers() -> frozenset[str]:
    return frozenset(lexicons._lines("webpage/not_publishers.txt"))


def is_outlet(name: str) -> bool:
    """A news outlet's name: a known publisher, or a name ending like one (…日报, …新闻网, …客户端, …融媒)
    with something in front of the ending."""
    name = name.strip()
    if not name or len(name) > 20 or name in not_publishers() or name in media_suffixes() \
            or not re.fullmatch(rf"[{HAN}A-Za-z·]+", name):
        return False
    if name in lexicons.publishers() or name in lexicons.publisher_aliases():
        return True
    return any(name.endswith(s) and len(name) > len(s) and name[: -len(s)] not in ("本", "该", "我") for s in media_suffixes())


# --------------------------------------------------------------------------- dates

DATE_STAMP = re.compile(
    r"(?<!\d)(?P<y>(?:19|20)\d{2})\s*(?:(?P<sep>[-/.])\s*(?P<m>\d{1,2})\s*(?P=sep)\s*(?P<d>\d{1,2})(?!\d)"
    r"|年\s*(?P<m2>\d{1,2})\s*月\s*(?P<d2>\d{1,2})\s*日)"
    r"(?:\s*(?:星期|周)[一二三四五六日天])?(?:\s*(?P<time>\d{1,2}:\d{2}(?::\d{2})?))?"
)
_LEAD_DATE = re.compile(
    r"^(?:\d{1,2}月)?\d{1,2}日?(?:\s*[-—–至到]\s*(?:\d{1,2}月)?\d{1,2}日)?日?"
    r"(?:上午|下午|晚上|晚间|早上|中午|凌晨|晚)?\s*[,，]\s*"
)
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?=年|[\u4e00-\u9fff“\"])")


def _stamp_date(match: re.Match[str]) -> dt.date | None:
    month, day = match["m"] or match["m2"], match["d"] or match["d2"]
    try:
        return dt.date(int(match["y"]), int(month), int(day))
    except ValueError:
        return None


def month_day(text: str) -> tuple[int, int] | None:
    """3月28日 → (3, 28); a run of digits whose 月 the scraper lost (328日) only when it splits one way."""
    match = re.fullmatch(r"(\d{1,2})月(\d{1,2})日", text)
    if match:
        pair = int(match[1]), int(match[2])
        return pair if _valid_md(*pair) else None
    match = re.fullmatch(r"(\d{3,4})日", text)
    if not match:
        return None
    digits = match[1]
    splits = {(int(digits[:k]), int(digits[k:])) for k in (1, 2) if digits[k:][:1] != "0"}
    splits = {pair for pair in splits if _valid_md(*pair)}
    return splits.pop() if len(splits) == 1 else None


def _valid_md(month: int, day: int) -> bool:
    try:
        dt.date(2000, month, day)  # a leap year: 2月29日 is a date
    except ValueError:
        return False
    return True


def _with_year(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


# --------------------------------------------------------------------------- names and credits


def _surname_start(token: str) -> int:
    """Length of the surname that opens `token` (compound first), 0 when it opens with none."""
    single, compound = lexicons.surnames()
    if token[:2] in compound:
        return 2
    return 1 if token[:1] in single else 0


def is_person_name(token: str) -> bool:
    return bool(_NAME.match(token)) and ("·" in token or _surname_start(token) > 0)


def split_glued_names(run: str) -> list[str] | None:
    """Names a credit runs together without a separator (李明辉赵冉孙志强 → 李明辉 赵冉 孙志强): each of 2–3
    characters (4 with a compound surname) opening with a surname; only when exactly one split fits."""
    if not re.fullmatch(f"[{HAN}]{{5,16}}", run):
        return None
    found: list[list[str]] = []

    def walk(rest: str, names: list[str]) -> None:
        if len(found) > 1:
            return
        if not rest:
            found.append(names)
            return
        surname = _surname_start(rest)
        if not surname:
            return
        for size in (surname + 1, surname + 2):
            if size <= len(rest):
                walk(rest[size:], [*names, rest[:size]])

    walk(run, [])
    return found[0] if len(found) == 1 else None


@lru_cache(maxsize=1)
def _role_prefix() -> re.Pattern[str]:
    roles = sorted(lexicons.byline_roles(), key=len, reverse=True)
    pubs = sorted(set(lexicons.publishers()) | set(lexicons.publisher_aliases()), key=len, reverse=True)
    return re.compile(rf"^(?:{'|'.join(map(re.escape, pubs))})?(?P<role>{'|'.join(map(re.escape, roles))})\s*[/:：]?\s*")


def names_of(value: str, role: str) -> list[Byline] | None:
    """The persons an author field names (作者:罗晓春 谭一鸣, 记者 麻一 武二, 本报记者张一山); None when it
    names something else (an outlet, a sentence)."""
    out: list[Byline] = []
    value = re.sub(r"[(（][^()（）]{0,20}[)）]", " ", value.strip("()（）[]【】 "))  # 张一山(某某大学): the name
    for token in re.split(r"[\s、,，;；/|]+", value):
        token = token.removeprefix("本报").removeprefix("本网")
        if not token:
            continue
        match = _role_prefix().match(token)
        token_role = role
        if match and match.end() < len(token):
            token_role, token = match["role"], token[match.end():]
        elif match:
            role = match["role"]  # a role standing alone before the names: 记者 麻一
            continue
        if is_person_name(token):
            out.append(Byline(name=token, role=token_role))
            continue
        glued = split_glued_names(token)
        if glued is None:
            return None
        out.extend(Byline(name=name, role=token_role) for name in glued)
    return out or None


def read_credit(text: str) -> list[Byline] | None:
    """A credit in any of the shapes pages give it: 记者 冯一凡 通讯员 朱小满 / 首席记者甄三 / 陶知远 /
    图文:李明辉赵冉孙志强."""
    text = text.strip("()（）[]【】 ")
    text = re.sub(r"\s*(?:报道|发自\S{1,6})$", "", text.removeprefix("本报").removeprefix("本网"))
    credit = parse_credit(text)
    if credit:
        return [b for b in credit.bylines if lexicons.byline_roles().get(b.role, "author") in AUTHOR_KINDS] or None
    match = _label_pattern().match(text)
    if match and meta_labels()[match["label"]] == "author":
        return names_of(text[match.end():], match["label"])
    match = _role_prefix().match(text)
    if match:
        return names_of(text[match.end():], match["role"])
    if is_person_name(text):
        return [Byline(name=text, role="作者")]
    glued = split_glued_names(text)
    return [Byline(name=name, role="作者") for name in glued] if glued else None


# --------------------------------------------------------------------------- meta lines


@dataclass
class Meta:
    """What one meta line of a page says."""

    text: str
    date: dt.date | None = None
    labelled_date: bool = False  # 发布时间:…, 日期:…, or an issue date 2022年07月02日 星期六
    source: str | None = None  # 来源:X
    outlet: str | None = None  # an outlet named beside a date stamp without a label
    bylines: list[Byline] = field(default_factory=list)
    fields: list[str] = field(default_factory=list)  # the fields seen: date, source, author, editor, counter …
    stamp_only: bool = False  # no label at all: a date stamp with at most a few words beside it


_SENTENCE = re.compile(r"[。，,；;！？!?]")
_META_HINT = re.compile(r"[:：丨｜|]|(?:19|20)\d\d")  # a label's colon or a year: without either, no meta line
_BULLETS = "-•·*▪◆●■□> \u3000"


def parse_meta(text: str) -> Meta | None:
    """A page's meta line (发布时间:2020-06-09   来源:南岭日报  作者:叶知秋; 来源:东岭县作者:杜明川2019-03-04 14:33:53;
    新资讯 2023-3-30 11:55 长河新闻网 1 0; 2022-06-16 09:01:58 字号:), or None when the line is something else."""
    s = text.strip().lstrip(_BULLETS).strip()
    if not s or len(s) > META_MAX or not _META_HINT.search(s):
        return None
    tokens: list[tuple[int, int, str, str | None, re.Match[str]]] = []  # (start, end, kind, label, match)
    for match in _label_pattern().finditer(s):
        tokens.append((match.start(), match.end(), "label", match["label"], match))
    for match in DATE_STAMP.finditer(s):
        if not any(start <= match.start() < end for start, end, *_ in tokens):
            tokens.append((match.start(), match.end(), "stamp", None, match))
    if not tokens:
        return None
    tokens.sort(key=lambda t: t[0])
    meta = Meta(text=text)
    residue = [s[: tokens[0][0]]]
    for k, (start, end, kind, label, match) in enumerate(tokens):
        stop = tokens[k + 1][0] if k + 1 < len(tokens) else len(s)
        value = s[end:stop].strip(" |｜/\\-—_,，;；")
        if kind == "stamp":
            date = _stamp_date(match)
            if date is None:
                return None
            meta.date = meta.date or date
            meta.labelled_date = meta.labelled_date or bool(re.search("[年]", match.group()) and re.search("星期|周", match.group()))
            residue.append(value)
            continue
        field_ = meta_labels()[label]
        meta.fields.append(field_)
        if field_ == "date":
            following = tokens[k + 1] if k + 1 < len(tokens) else None
            if following is not None and following[2] == "stamp" and not s[end:following[0]].strip():
                meta.labelled_date = True
                continue
            if value:
                return None  # 时间:上午九时 … a notice, not a meta line
            continue
        if field_ == "source":
            name = re.split(r"\s+", value)[0].strip("()（）[]【】") if value else ""
            if len(name) > 30 or _SENTENCE.search(name):
                return None
            if name and name not in not_publishers() and meta.source is None:
                meta.source = lexicons.canonical_publisher(name)
            continue
        if field_ == "author":
            if not value:
                continue
            bylines = names_of(value, label)
            if bylines is None:
                if _SENTENCE.search(value) or len(value) > 20:
                    return None  # 记者:请问…, an interview line
                continue  # 作者:南岭日报 names no person
            meta.bylines.extend(bylines)
            continue
        if field_ in ("editor", "photo", "counter"):
            if field_ != "counter" and len(value) > 24:
                return None
            continue
    rest = " ".join(part for part in residue if part).strip()
    if _SENTENCE.search(rest) or len(rest.replace(" ", "")) > 16:
        return None
    if not meta.fields:
        meta.stamp_only = True
    for token in rest.split():
        if is_outlet(token):
            meta.outlet = meta.outlet or lexicons.canonical_publisher(token)
    return meta


# --------------------------------------------------------------------------- datelines


@dataclass
class WebDateline:
    publisher: str | None
    month_day: tuple[int, int] | None
    end: int  # end of the dateline and its bracket in the paragraph
    bylines: list[Byline] = field(default_factory=list)
    credit_span: tuple[int, int] | None = None


@lru_cache(maxsize=1)
def _dateline_re() -> re.Pattern[str]:
    known = sorted(set(lexicons.publishers()) | set(lexicons.publisher_aliases()), key=len, reverse=True)
    suffixes = "|".join(map(re.escape, media_suffixes()))
    return re.compile(
        rf"^(?P<pub>[{HAN}·A-Za-z]{{0,14}}(?:{suffixes})|(?:{'|'.join(map(re.escape, known))}))"
        rf"(?P<place>[{HAN}]{{0,5}}?)(?P<date>\d{{1,2}}月\d{{1,2}}日|\d{{3,4}}日)?"
        r"(?P<kind>专电|讯|电|消息)"
        r"(?P<after>\s*[(（](?P<credit>[^()（）]{1,60})[)）])?"
    )


def parse_web_dateline(paragraph: str) -> WebDateline | None:
    """长河新闻网3月1日讯(记者 冯一凡 通讯员 朱小满), 云网长沙9月21日电(陶知远), 江南日报·新江南客户端5月6日讯,
    红岭网青湾站6月28日讯, 长河新闻网328日讯 (月 lost): the outlet, month and day, and the bracketed credit."""
    match = _dateline_re().match(paragraph)
    if not match:
        return None
    pub = match["pub"]
    if match["kind"] in ("电", "消息") and not (match["date"] or match["after"] or match["place"]):
        nxt = paragraph[match.end():match.end() + 1]
        if nxt and nxt not in " \u3000　:：":
            return None  # 南岭广播电视台电视… is no dateline
    known = pub in lexicons.publishers() or pub in lexicons.publisher_aliases()
    own = pub[:1] in "本我" and pub[1:] in media_suffixes()  # 本报讯, 本网讯: the outlet of the page itself
    if not known and not is_outlet(pub) and pub not in media_suffixes() and not own:
        return None
    publisher = lexicons.canonical_publisher(pub) if (known or is_outlet(pub)) else None
    md = month_day(match["date"]) if match["date"] else None
    dateline = WebDateline(publisher=publisher, month_day=md, end=match.end())
    if match["credit"]:
        bylines = read_credit(match["credit"])
        if bylines:
            dateline.bylines = bylines
            dateline.credit_span = (match.start("credit"), match.end("credit"))
        elif not match["date"]:
            dateline.end = match.end("kind")
    return dateline


@lru_cache(maxsize=1)
def _role_anywhere() -> re.Pattern[str]:
    roles = sorted((r for r in lexicons.byline_roles() if len(r) > 1), key=len, reverse=True)
    return re.compile("|".join(map(re.escape, roles)))


def credit_line(text: str) -> tuple[str, list[Byline]] | None:
    """A credit line opened by an outlet kg may not know: 东湖日报晨光新闻记者 冯一凡 实习生 朱小满, 南岭日报全媒体记者/
    汪晓峰 → (the outlet, its bylines). The outlet is the longest opening of the text before the first role that
    reads as an outlet's name."""
    text = text.strip()
    if len(text) > 60:
        return None
    role = _role_anywhere().search(text)
    if role is None or role.start() == 0:
        return None
    head = text[: role.start()].strip(" /")
    outlet = next((head[:k] for k in range(len(head), 1, -1) if is_outlet(head[:k])), None)
    if outlet is None or not re.fullmatch(f"[{HAN}·/ ]*", head):
        return None
    credit = parse_credit(text[role.start():])
    if credit is None:
        return None
    bylines = [b for b in credit.bylines if lexicons.byline_roles().get(b.role, "author") in AUTHOR_KINDS]
    for byline in bylines:
        if byline.role == role.group():
            # the outlet as the credit writes it (成都日报锦观新闻) employs the reporter; an intern or a
            # correspondent named after another role is not said to belong to it
            byline.organization = byline.organization or (outlet if "/" in head else head.replace(" ", ""))
    return (lexicons.canonical_publisher(outlet), bylines) if bylines else None


_AUTHOR_MARK = re.compile(r"^[□■◎●◆▲△☆★]\s*(?P<rest>[^，。,；;]{2,24})$")  # □ 本报评论员 严一帆, □ 徐明哲
_LEAD_CREDIT = re.compile(rf"^(?P<credit>[{HAN}\s/、]{{3,40}}?)\s*报道\s*[:：]")
_TRAILING_CREDIT = re.compile(r"[(（](?P<credit>[^()（）]{2,40})[)）]\s*$")
_INLINE_EDITOR = re.compile(r"(?<=[)）。！？”])\s*(?:责任编辑|责编|编辑|审核|校对)\s*[:：]\s*\S{1,6}$")


# --------------------------------------------------------------------------- the page


@dataclass
class Page:
    """What read_page found; finish_page applies it to the article."""

    web: bool = False
    format: str = ""  # the layout the page was read as
    headline: list[str] = field(default_factory=list)  # the title lines, in order
    kicker: bool = False  # the first title line is a kicker stating who spoke: the lines read as one headline
    labelled_date: dt.date | None = None
    stamp_date: dt.date | None = None
    source: str | None = None
    outlet: str | None = None
    bylines: list[Byline] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    meta_lines: list[str] = field(default_factory=list)


def _titleish(text: str) -> bool:
    """Could be a headline line of a page: short, no sentence end, no trailing comma, some Han."""
    t = text.strip()
    if not 2 <= len(t) <= 64 or not re.search(f"[{HAN}]", t) or t[-1] in "，,、：:;；" or "。" in t:
        return False
    if t.count("，") + t.count(",") > 2 or _LEAD_DATE.match(t) or parse_credit(t):
        return False
    return not (furniture_rule(t) or parse_meta(t) or parse_web_dateline(t))


def _is_paragraph(text: str) -> bool:
    return len(text) >= 50 and bool(re.search(r"[。，,]", text))


_BREADCRUMB = re.compile(r"^(?:[^:：]{0,10}[:：]\s*)?(?:首页|主页|网站首页|本站首页)\s*(?:[>›»/→]|\s)")
_MENU_ITEM = re.compile(rf"^[{HAN}A-Za-z0-9·\-—|｜/（）()]{{1,12}}$")


def _menu_runs(texts: list[str], marks: list[str | None]) -> None:
    """Runs of three or more short items without punctuation (本地要闻 / 国内新闻 / 文体娱乐), and lines of four or
    more such items side by side, are channel menus and link lists."""
    i = 0
    while i < len(texts):
        j = i
        while j < len(texts) and marks[j] is None and len(texts[j]) <= 8 and _MENU_ITEM.match(texts[j]) \
                and not _credit_like(texts[j]):
            j += 1
        if j - i >= 3:
            for k in range(i, j):
                marks[k] = "menu"
        i = max(j, i + 1)
    for k, text in enumerate(texts):
        items = text.split()
        if marks[k] is None and len(items) >= 4 and all(len(item) <= 14 and _MENU_ITEM.match(item) for item in items) \
                and not _credit_like(text):
            marks[k] = "menu"


def _credit_like(text: str) -> bool:
    return bool(parse_credit(text) or credit_line(text) or is_person_name(text))


def _teaser_tail(texts: list[str], marks: list[str | None], start: int) -> int | None:
    """A teaser list after the article: a title line followed by a snippet that breaks off with an ellipsis."""
    for k in range(start + 2, len(texts) - 1):
        if marks[k] is None and _titleish(texts[k]) and re.search(r"(…|\.\.\.)\s*$", texts[k + 1]) \
                and len(texts[k + 1]) <= 80 and not texts[k + 1].rstrip().endswith("……"):
            return k
    return None


def read_page(blocks: list[Block], layout, info) -> tuple[list[Block], Page | None]:
    """Decide whether `blocks` are a scraped page; if so, drop its furniture, read its meta lines and headline,
    and lay it out as one article (layout.single). Returns the blocks to go on with and what was read (None for
    Markdown and front-matter documents, whose structure is their own)."""
    if layout.markdown or not blocks:
        return blocks, None
    page = Page(format=layout.format)
    if info.metadata.get("front_matter"):
        return blocks, page  # the front matter gives title and date; credits and datelines are still read
    texts = [b.text for b in blocks]
    n = len(blocks)
    marks: list[str | None] = [None] * n  # furniture | menu | meta | stop
    metas: dict[int, Meta] = {}
    span_end = None
    for k, text in enumerate(texts):
        if "long_line" in blocks[k].flags:
            continue
        if span_end is not None:
            marks[k] = "furniture"
            if span_end.search(text):
                span_end = None
            continue
        rule = furniture_rule(text)
        if rule is not None:
            marks[k] = {"stop": "stop", "note": "note"}.get(rule.kind, "furniture")
            span_end = rule.end
            continue
        meta = parse_meta(text)
        if meta is not None:
            marks[k], metas[k] = "meta", meta
    breadcrumb = next((k for k in range(min(n, TOP_SCAN)) if _BREADCRUMB.match(texts[k]) and len(texts[k]) <= FURNITURE_MAX), None)
    if breadcrumb is not None:
        marks[breadcrumb] = "furniture"
    crumb_tail = re.split(r"\s*[>›»→]\s*", texts[breadcrumb])[-1].strip() if breadcrumb is not None else ""
    if breadcrumb is None:
        labelled = next((k for k in range(min(n, TOP_SCAN)) if marks[k] == "furniture"
                         and re.match(r"^(当前位置|您的位置|您当前的位置|你的位置|现在位置|您现在的位置|所在位置)", texts[k])), None)
        breadcrumb = labelled
    body0 = next((k for k in range(n) if marks[k] is None and _is_paragraph(texts[k])), n)
    # a stamp without a label is a meta line only above the article; below it, a date in a sentence
    for k in list(metas):
        if metas[k].stamp_only and k > body0:
            marks[k] = None
            del metas[k]
    datelines = [k for k in range(n) if marks[k] is None and parse_web_dateline(texts[k])]
    top_meta = [k for k in metas if k <= body0 and k < TOP_SCAN]
    strong = bool(top_meta) or breadcrumb is not None or any(m.source for m in metas.values())
    signals = strong or layout.format == "webpage" or any(m == "furniture" for m in marks)
    # several articles (datelines, credit lines of their own): a newspaper page, unless the page says otherwise
    credits = [k for k in range(n) if marks[k] is None and len(texts[k]) <= 60 and _credit_like(texts[k])
               and not is_person_name(texts[k])]
    if layout.pdf_wraps and not strong:
        signals = False  # PDF columns: a furniture-like line proves nothing
    if len(datelines) > 1 or (len(datelines) + len(credits) > 1 and not strong) or not signals \
            or layout.format in ("html", "front_matter_html"):
        _mark_org_captions(blocks)
        return blocks, page  # a newspaper page of several articles, or plain text: read as before
    page.web = True
    _menu_runs(texts, marks)

    headline = _choose_headline(texts, marks, metas, breadcrumb, crumb_tail, datelines, body0)
    first = 0
    if headline is not None:
        group = [headline]
        k = headline + 1
        while k < n and len(group) < 3 and marks[k] is None and _titleish(texts[k]):
            group.append(k)
            k += 1
        above = next((j for j in range(headline - 1, -1, -1) if marks[j] not in ("furniture", "note", "menu")), None)
        endings = lexicons.kicker_endings().get("speech", ())
        if above is not None and marks[above] is None and _titleish(texts[above]) \
                and texts[above].endswith(tuple(e for e in endings if e not in ":：")):
            group.insert(0, above)
        page.headline = [texts[k] for k in group]
        page.kicker = texts[group[0]].endswith(tuple(e for e in endings if e not in ":：")) and len(group) > 1
        first = group[0]
        # everything above the headline that is not a meta line is page furniture (menus, slogans, channel names)
        for k in range(first):
            if marks[k] is None:
                marks[k] = "above"

    stop = next((k for k in range(max(first, body0), n) if marks[k] == "stop"), None)
    teaser = _teaser_tail(texts, marks, max(first, body0))
    cut = min(k for k in (stop, teaser, n) if k is not None)
    for k in range(cut, n):
        marks[k] = marks[k] or "tail"
    if headline is not None:
        for k in range(first + len(page.headline), cut):
            if marks[k] is None and texts[k] == texts[headline]:
                marks[k] = "repeat"  # the headline given twice (a title bar, then the article's)

    for k, meta in sorted(metas.items()):
        if marks[k] != "meta" or k >= cut:
            continue
        page.meta_lines.append(texts[k])
        if meta.date:
            if meta.labelled_date or "date" in meta.fields:
                page.labelled_date = page.labelled_date or meta.date
            else:
                page.stamp_date = page.stamp_date or meta.date
        page.source = page.source or meta.source
        page.outlet = page.outlet or meta.outlet
        page.bylines.extend(meta.bylines)
    if page.outlet is None:
        # an outlet alone on a line beside the date stamp (• 2023.04.12 / • 青湾卫视新闻联播)
        for k in top_meta:
            for j in (k - 1, k + 1):
                if 0 <= j < n and marks[j] in (None, "above") and j != headline and is_outlet(texts[j].strip(_BULLETS)):
                    page.outlet = lexicons.canonical_publisher(texts[j].strip(_BULLETS))
                    marks[j] = "meta"
                    page.meta_lines.append(texts[j])
                    break
            if page.outlet:
                break

    kept: list[Block] = []
    for k, block in enumerate(blocks):
        if marks[k] is None:
            kept.append(block)
        elif not (marks[k] == "meta" and block.text in page.meta_lines):
            page.removed.append(block.text)
    for block in kept:
        edited = _INLINE_EDITOR.sub("", block.text)
        if edited != block.text:
            page.removed.append(block.text[len(edited):].strip())
            block.text = edited.rstrip()
    if headline is not None and kept:
        for block in kept:
            if block.text in page.headline:
                block.heading = block.heading or 1
        kept[0].gap = max(kept[0].gap, 2)
    if page.source or page.bylines:
        # the credit the meta line gave stays in the text, as a closing line, so extraction reads the outlet and
        # the authors (the date, counters and editors go)
        parts = [f"来源:{page.source}"] if page.source else []
        names = [b.name for b in _dedupe(page.bylines)]
        if names:
            parts.append("作者:" + " ".join(names))
        kept.append(Block(text=" ".join(parts), gap=1, flags={"page_meta"}))
    _mark_org_captions(kept)
    layout.single = True
    if layout.format in ("txt", "pdf_text"):
        layout.format = "webpage"
    layout.pdf_wraps = False
    page.format = layout.format
    if page.removed:
        info.metadata["page_furniture_removed"] = page.removed
    if page.meta_lines:
        info.metadata["page_meta_lines"] = page.meta_lines
    return kept, page


_ORG_CREDIT_CAPTION = re.compile(rf"[。！？]\s*[{HAN}A-Za-z·]{{2,12}}(?:供图|摄影|摄)$")


def _mark_org_captions(blocks: list[Block]) -> None:
    """A photo caption credited to a body rather than a person (…在论坛上发言。 西江研究所供图) is a caption of its
    own: never glued to the paragraph after it."""
    for block in blocks:
        if len(block.text) <= FURNITURE_MAX and _ORG_CREDIT_CAPTION.search(block.text) and not parse_credit(block.text):
            block.flags.add("caption")


def _choose_headline(texts, marks, metas, breadcrumb, crumb_tail, datelines, body0) -> int | None:
    n = len(texts)
    candidates = [k for k in range(min(n, max(body0 + 1, TOP_SCAN))) if marks[k] is None]
    if crumb_tail and len(crumb_tail) >= 6:
        for k in candidates:
            if k > breadcrumb and (texts[k] == crumb_tail or texts[k].startswith(crumb_tail.rstrip(".…"))):
                return k
    top_meta = sorted(k for k in metas if k <= body0 and k < TOP_SCAN)
    if top_meta:
        m = top_meta[0]
        above = [k for k in candidates if k < m]
        if above and _titleish(texts[above[-1]]) and (breadcrumb is None or above[-1] > breadcrumb):
            if texts[above[-1]].startswith(("—", "--", "－")) and len(above) > 1 and above[-2] == above[-1] - 1 \
                    and _titleish(texts[above[-2]]):
                return above[-2]  # headline / ——deck / meta line
            return above[-1]
        below = [k for k in candidates if k > top_meta[-1]] if top_meta[-1] - m <= 2 else [k for k in candidates if k > m]
        if below and _titleish(texts[below[0]]):
            return below[0]
    if breadcrumb is not None:
        after = [k for k in candidates if k > breadcrumb]
        if after and _titleish(texts[after[0]]):
            return after[0]
    if datelines and datelines[0] < TOP_SCAN:
        before = [k for k in candidates if k < datelines[0]]
        if before and _titleish(texts[before[-1]]):
            return before[-1]
    if candidates and _titleish(texts[candidates[0]]) and candidates[0] < body0:
        return candidates[0]
    return None


def _dedupe(bylines: list[Byline]) -> list[Byline]:
    seen: dict[str, Byline] = {}
    for byline in bylines:
        if byline.name not in seen:
            seen[byline.name] = byline
        elif seen[byline.name].start is None and byline.start is not None:
            seen[byline.name] = byline
    return list(seen.values())


# --------------------------------------------------------------------------- the article


def _body_paragraphs(article: Article) -> list:
    start = article.meta.get("body_start", 0)
    return [p for p in article.paragraphs if p.start >= start]


def _lead_year(sentence: str) -> int | None:
    years = {int(y) for y in _YEAR.findall(sentence)}
    if len(years) != 1:
        return None
    year = years.pop()
    return year if 1990 <= year <= dt.date.today().year else None


def _first_sentence(text: str) -> str:
    return re.split(r"(?<=[。！？!?])", text, maxsplit=1)[0]


def finish_page(page: Page | None, document: Document, info) -> None:
    """Apply what the page says to its article: headline, publisher, date, authors; a lead-sentence headline for
    a one-article text without one."""
    if page is None or not document.articles:
        return
    firsts = [a for a in document.articles if not a.meta.get("part") or a.meta["part"].startswith("1/")]
    if len(firsts) != 1 or page.format not in SINGLE_FORMATS:
        return
    article = firsts[0]
    parts = [a for a in document.articles if a is not article]
    notes: dict = {}

    if page.web and page.headline:
        if article.deck and parse_meta(article.deck) is not None:
            article.deck = None
        if page.kicker:
            article.headline = " ".join(page.headline)
            article.kicker, article.deck = None, None
            notes["headline"] = "kicker and message read as one headline"
        elif article.headline != page.headline[0]:
            article.headline = page.headline[0]

    body = _body_paragraphs(article)
    found = _read_credits(article, body)
    bylines = [*article.bylines, *found.bylines, *(Byline(name=b.name, role=b.role) for b in page.bylines)]
    if page.web:
        kinds = lexicons.byline_roles()
        bylines = [b for b in bylines if kinds.get(b.role, "author") != "editor"]  # editors are page furniture
    article.bylines = _dedupe(bylines)
    notes.update(found.notes)
    dateline, dateline_para = found.dateline, found.dateline_para

    publisher, source = article.publisher, article.meta.get("publisher_source")
    if page.source or found.trailing_source:
        publisher, source = page.source or found.trailing_source, "page_source"
    elif dateline is not None and dateline.publisher:
        publisher, source = dateline.publisher, "dateline"
    elif found.trailing_outlet and source not in ("dateline", "masthead"):
        publisher, source = found.trailing_outlet, "closing_source"
    elif found.credit_outlet and source not in ("dateline", "byline", "masthead"):
        publisher, source = found.credit_outlet, "byline"
    elif page.outlet and source not in ("dateline", "masthead"):
        publisher, source = page.outlet, "page_stamp"
    if publisher:
        article.publisher = publisher
        article.meta["publisher_source"] = source

    if article.date_source not in ("masthead", "front_matter"):
        date, how = _page_date(page, dateline, dateline_para)
        if date is not None:
            article.date, article.date_source = date.isoformat(), how
            info.date, info.date_source = article.date, how
            info.metadata["date"], info.metadata["date_source"] = article.date, how
            note = info.metadata.pop("date_note", None)
            if note in info.problems:
                info.problems.remove(note)

    if not article.headline:
        headline = _lead_headline(body, dateline, dateline_para)
        if headline:
            article.headline = headline
            notes["headline"] = "no headline on the page: the lead sentence stands for it"
    for part in parts:
        part.headline, part.publisher = article.headline, article.publisher
        part.date, part.date_source = article.date, article.date_source
    if notes:
        article.meta["page"] = notes


@dataclass
class _Credits:
    """What the opening and closing paragraphs of an article say about who wrote it and for whom."""

    bylines: list[Byline] = field(default_factory=list)
    dateline: WebDateline | None = None
    dateline_para: object = None  # the Paragraph that opens with the dateline
    trailing_source: str | None = None  # …。(来源:南岭日报)
    trailing_outlet: str | None = None  # …。(南岭日报)
    credit_outlet: str | None = None  # 东湖日报记者 冯一凡: the outlet a credit line opens with
    notes: dict = field(default_factory=dict)

    def add(self, article: Article, bylines: list[Byline], start: int, end: int) -> None:
        locate_names(article.text, bylines, start, end)
        self.bylines.extend(bylines)


def _read_credits(article: Article, body: list) -> _Credits:
    found = _Credits()
    for para in body[:6]:  # the dateline: in the first paragraphs (photo captions may come before it)
        found.dateline = parse_web_dateline(para.text)
        if found.dateline is not None:
            found.dateline_para = para
            break
    if found.dateline is not None:
        dateline, para = found.dateline, found.dateline_para
        for byline in dateline.bylines:
            byline.organization = byline.organization or dateline.publisher
        found.add(article, dateline.bylines, para.start, para.start + dateline.end)
        found.notes["dateline"] = para.text[: dateline.end]
    elif body:
        match = _LEAD_CREDIT.match(body[0].text)  # 记者林一 周青 通讯员张远报道:…
        credit = read_credit(match["credit"]) if match else None
        if credit:
            found.add(article, credit, body[0].start, body[0].start + match.end())
            found.notes["lead_credit"] = match.group()
    for para in body[-3:]:  # closing credits and sources in brackets: …。(记者 杨一) / (来源:南岭日报)
        match = _TRAILING_CREDIT.search(para.text)
        if not match:
            continue
        inner = match["credit"].strip()
        label = _label_pattern().match(inner)
        if label and meta_labels()[label["label"]] == "source":
            name = (inner[label.end():].split() or [""])[0]
            if name and name not in not_publishers() and not _SENTENCE.search(name):
                found.trailing_source = lexicons.canonical_publisher(name)
        elif is_outlet(inner):
            found.trailing_outlet = lexicons.canonical_publisher(inner)
        elif credit := read_credit(inner):
            found.add(article, credit, para.start + match.start(), para.start + match.end())
    for para in article.paragraphs[1:6]:  # credit lines under the headline
        marked = _AUTHOR_MARK.match(para.text)  # □ 本报评论员 张一山
        if marked:
            credit = read_credit(marked["rest"].removeprefix("本报"))
        elif len(para.text) <= 40 and para.text.endswith("报道") and para is not found.dateline_para:
            credit = read_credit(para.text)  # 本报记者 张一山 报道
        elif len(para.text) <= 60 and (line := credit_line(para.text)):
            found.credit_outlet = found.credit_outlet or line[0]
            credit = line[1]
        else:
            continue
        if credit:
            found.add(article, credit, para.start, para.end)
            if article.deck == para.text:
                article.deck = None  # a credit line is no deck
    return found


def _page_date(page: Page, dateline: WebDateline | None, para) -> tuple[dt.date | None, str]:
    """The page's date line first; then the dateline's month and day in the year the page or the lead gives;
    then a date stamp without a label."""
    if page.labelled_date:
        return page.labelled_date, "page_date"
    if dateline is not None and dateline.month_day:
        month, day = dateline.month_day
        year = None
        if page.stamp_date:
            year = page.stamp_date.year - (1 if (month, day) > (page.stamp_date.month, page.stamp_date.day + 7) else 0)
        else:
            year = _lead_year(_first_sentence(para.text[dateline.end:]))
        if year:
            date = _with_year(year, month, day)
            if date:
                return date, "dateline"
    if page.stamp_date:
        return page.stamp_date, "page_stamp"
    return None, ""


def _lead_headline(body: list, dateline: WebDateline | None, dateline_para) -> str | None:
    """The lead sentence (after the dateline and its credit, without its opening date) standing for a missing
    headline: 9月9日,县长…检查…准备工作。 → 县长…检查…准备工作."""
    if not body:
        return None
    para = dateline_para if dateline is not None else body[0]
    text = para.text[dateline.end:] if dateline is not None else para.text
    match = _LEAD_CREDIT.match(text)
    if match and read_credit(match["credit"]):
        text = text[match.end():]
    text = _LEAD_DATE.sub("", text.strip(), count=1)
    sentence = _first_sentence(text).rstrip("。！？!?").strip()
    low, high = LEAD_HEADLINE
    if not low <= len(sentence) <= high or re.search(r"[“”\"]", sentence) and sentence.count("“") != sentence.count("”"):
        return None
    return sentence
