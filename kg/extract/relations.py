"""Relation rules over the mentions of one article (trigger words in data/relation_triggers.csv).

One function per relation family, each reading one pattern of the genre:
position/affiliated_with  title chains before names (市委书记、市人大常委会主任…毛腾飞), credits (全媒体记者/胡文洁);
                          the org is the name opening the title, or the body a title implies (市长 → 市人民政府)
author_of / alias         credits and bylines; FULL（以下简称“ABBR”）
attended/chaired/spoke_at names before 出席/参加/陪同, 主持, 讲话/致辞/强调 with the event named in the sentence, a bare
                          大会 standing for the article's named event, or the article's main event (the headline's)
organized                 由 A、B 主办/承办; A 召开/举办 EVENT; 主持召开; the organisation that names its event
event_date/location       the date of the event's sentence (会上/会前 → the host meeting's); 在 X 举行/召开
cooperates_with           A 与/和 B … 签约/合作/对接 in one clause (A（以下简称…）与 B), or 双方 … 合作 after it
located_in                nested names (芦淞区白关镇), 位于/落户/选址, zones named after their county, 分布于 lists
visited                   考察/调研/走访/来到 + places; a delegation (调研组) named in full earlier; 在X，PER…
invests_in / part_of      由 A 投资建设 / 该项目 anaphora, a company that names its project; units named after their body
Every RelationMention carries the sentence, the char span and the rule name (Evidence.rule).
"""

from __future__ import annotations

import logging
import re
from bisect import bisect_left, bisect_right
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache

from kg.extract import lexicon as lx
from kg.extract.dates import find_dates
from kg.extract.entities import _AMOUNT_RE, _EXECUTIVE_HEADS, irrealis_between, strip_spaces
from kg.extract.patterns import Hit, load_patterns, match_sentence
from kg.extract.places import leading_division
from kg.records import Article, Evidence, Mention, RelationMention

log = logging.getLogger(__name__)
NAME_LABELS = ("PER", "ORG", "LOC")
PLACE_LIKE = ("ORG", "LOC")
_CLAUSE_END = "，。；！？,;!?\n"
_ACADEMIC_HEADS = ("院士", "教授", "副教授", "研究员", "副研究员", "博士")


@cache
def triggers() -> dict[str, tuple[str, ...]]:
    table: dict[str, list[str]] = defaultdict(list)
    for row in lx._rows("relation_triggers.csv"):
        table[row["relation"]].append(row["trigger"])
    return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in table.items()}


@cache
def trigger_re(*relations: str) -> re.Pattern[str]:
    words = {w: r for r in relations for w in triggers().get(r, ())}
    return re.compile(f"(?:{lx.alternation(words)})")


def _relation_of(word: str, relations: tuple[str, ...]) -> str:
    for r in relations:
        if word in triggers().get(r, ()):
            return r
    raise KeyError(word)


# what follows a meeting whose teaching is studied (…会议精神, …座谈会时的重要讲话精神, …会议上的讲话和指示精神)
_SINCE_EVENT = re.compile(f"(?:召开|举行|开展|启动|部署)?(?:{lx.clause_alternation('since_words')})")
_STUDIED_SPIRIT = re.compile(r"(?:时|上|期间)?的?(?:重要|系列)?(?:讲话|指示|批示|讲话和指示|讲话和批示)?(?:精神)")


@dataclass
class Context:
    article: Article
    text: str
    sentences: list[tuple[int, int]]
    mentions: list[Mention]
    headline_events: list[str] = field(default_factory=list)
    out: list[RelationMention] = field(default_factory=list)
    _seen: set = field(default_factory=set)

    def __post_init__(self) -> None:
        self.names = sorted((m for m in self.mentions if m.label in NAME_LABELS), key=lambda m: m.start)
        self._name_starts = [m.start for m in self.names]
        # 学习贯彻党的二十大精神: a national congress is named, not attended or spoken at, in local news
        # …传达学习中央经济工作会议精神: a meeting whose spirit is studied was held elsewhere, not attended here
        self.events = sorted((m for m in self.mentions if m.label == "EVENT" and m.source != "event:national"
                              and not _STUDIED_SPIRIT.match(self.text, m.end)), key=lambda m: m.start)
        # a bare 大会 / 科技节 stands for the one named event of the article that ends with it
        self.referent: dict[str, Mention] = {}
        for m in self.events:
            if m.source == "event:anaphor":
                named = {e.normalized: e for e in self.events if e.source != "event:anaphor"
                         and e.normalized.endswith(m.normalized) and e.normalized != m.normalized}
                if len(named) == 1:
                    self.referent[m.id] = next(iter(named.values()))
        self.projects = sorted((m for m in self.mentions if m.label == "PROJECT"), key=lambda m: m.start)
        # 自4月12日…动员部署会以来: an event that dates the clause is no event the clause's verbs happen at
        self.time_anchors = {m.id for m in self.events if _SINCE_EVENT.match(self.text, m.end)
                             and re.search(r"[自从][^，。；！？\n]{0,12}$", self.text[max(0, m.start - 13) : m.start])}
        self.main_event = self._main_event()

    def main_event_before(self, pos: int) -> Mention | None:
        """The main event as what a bare 出席会议 / 会上 at `pos` refers to: only one the article names by the end of
        that paragraph (…签署协议。…出席签约仪式), not one a later paragraph tells of."""
        main = self.named(self.main_event)
        paragraph_end = self.text.find("\n", pos)
        told_by = len(self.text) if paragraph_end < 0 else paragraph_end
        told = main is not None and any(e.start < told_by and self.named(e).normalized == main.normalized
                                        for e in self.events)
        if not told:
            return self._last_event_told_before(pos)
        return self._held_earlier_in_paragraph(pos, main) or main

    def _held_earlier_in_paragraph(self, pos: int, main: Mention) -> Mention | None:
        """A paragraph that opens by telling of another dated event (5月6日，…同步举行演习。…在现场观摩) is about that
        one, not the article's main event, when the main event is not named in the paragraph (a round-up's story)."""
        start = self.text.rfind("\n", 0, pos) + 1
        end = self.text.find("\n", pos)
        end = len(self.text) if end < 0 else end
        inside = [self.named(e) for e in self.events if start <= e.start < end]  # 主持大会: the main one, by anaphor
        if any(main.normalized.endswith(e.normalized) for e in inside):
            return None
        opening_end = self.sentence_of(start)[1]
        held = [self.named(e) for e in self.events if start <= e.start and e.end <= min(pos, opening_end)
                and e.attrs.get("date") and e.source != "event:anaphor" and e.attrs.get("kind") != "visit"]
        return held[-1] if held else None

    def _last_event_told_before(self, pos: int) -> Mention | None:
        """When the main event is told later (a round-up of several meetings), a bare 参加会议 is the event the text
        told last, in its own paragraph or the one before it."""
        paragraph_start = self.text.rfind("\n", 0, pos)
        previous_start = self.text.rfind("\n", 0, max(paragraph_start, 0)) + 1 if paragraph_start >= 0 else 0
        told = [e for e in self.events if previous_start <= e.start and e.end <= pos
                and e.source != "event:anaphor"]
        return self.named(told[-1]) if told else None

    def named(self, event: Mention | None) -> Mention | None:
        return self.referent.get(event.id, event) if event is not None else None

    def _main_event(self) -> Mention | None:
        for name in self.headline_events:
            # the headline's 产业招商推介会 is the body's fullest 2024郴州（深圳）产业招商推介会
            matches = [e for e in self.events if e.normalized.endswith(name) and e.source != "event:anaphor"]
            if matches:
                return max(matches, key=lambda e: (len(e.normalized), -e.start))
        dated = [e for e in self.events if e.attrs.get("date")]
        return dated[0] if dated else (self.events[0] if self.events else None)

    def sentence_of(self, pos: int) -> tuple[int, int]:
        for s, e in self.sentences:
            if s <= pos < e:
                return s, e
        return pos, pos

    def names_starting(self, low: int, high: int) -> list[Mention]:
        """Name mentions with low <= start <= high, in order (a slice of the sorted names: long articles stay fast)."""
        return self.names[bisect_left(self._name_starts, low) : bisect_right(self._name_starts, high)]

    def in_span(self, start: int, end: int, labels=NAME_LABELS) -> list[Mention]:
        pool = self.names_starting(start, end) if labels == NAME_LABELS else \
            [m for m in self.mentions if m.label in labels]
        return [m for m in pool if m.start >= start and m.end <= end and m.end > m.start]

    def add(self, type_: str, subject: Mention, obj: Mention | None, span: tuple[int, int], rule: str,
            literal: str | None = None, attrs: dict | None = None) -> None:
        if obj is not None and obj.normalized == subject.normalized and obj.label == subject.label:
            return
        key = (type_, subject.normalized, subject.label, obj.normalized if obj else None, literal)
        if key in self._seen:
            return
        self._seen.add(key)
        # the evidence is the sentence(s) the span lies in (a name broken over a PDF line spans two)
        s_start = self.sentence_of(span[0])[0]
        s_end = max(self.sentence_of(max(span[0], span[1] - 1))[1], span[1])
        self.out.append(
            RelationMention(
                type=type_,
                subject=subject.id,
                object=obj.id if obj else None,
                literal=literal,
                evidence=Evidence(
                    article_id=self.article.id,
                    sentence=self.article.text[s_start:s_end],
                    sentence_start=s_start,
                    sentence_end=s_end,
                    start=span[0],
                    end=span[1],
                    rule=rule,
                ),
                attrs=attrs or {},
            )
        )

    def new_mention(self, text: str, label: str, start: int, end: int, source: str, subtype: str | None = None,
                    **attrs) -> Mention:
        next_id = max((int(m.id[1:]) for m in self.mentions if m.id[1:].isdigit()), default=-1) + 1
        mention = Mention(id=f"m{next_id}", text=self.article.text[start:end], label=label, start=start,
                          end=end, article_id=self.article.id, subtype=subtype, normalized=text, source=source,
                          attrs=attrs)
        self.mentions.append(mention)
        return mention


def _span(*mentions_or_pos) -> tuple[int, int]:
    points = []
    for x in mentions_or_pos:
        if isinstance(x, Mention):
            points += [x.start, x.end]
        elif isinstance(x, tuple):
            points += list(x)
        else:
            points.append(x)
    return min(points), max(points)


def _chain_from(ctx: Context, pos: int, labels=PLACE_LIKE, max_gap: int = 0) -> list[Mention]:
    """Contiguous place/org mentions starting at `pos` (芦淞区白关镇姚家坝村)."""
    chain = []
    while True:
        options = [m for m in ctx.names_starting(pos, pos + max_gap) if m.label in labels]
        if not options:
            return chain
        first = min(m.start for m in options)
        nxt = max((m for m in options if m.start == first), key=lambda m: m.end)  # 醴陵市会展中心 over 醴陵市
        chain.append(nxt)
        pos, max_gap = nxt.end, 0


# --------------------------------------------------------------------------- position, author_of, alias


def position_relations(ctx: Context) -> None:
    implied = lx.title_implied_orgs()
    roster_org: tuple[int, Mention] | None = None  # (where the last titled person ends, the body of its last title)
    for person in ctx.names:
        titles = person.attrs.get("titles")
        if person.label != "PER" or not titles:
            continue
        previous_org: Mention | None = None
        if roster_org is not None and roster_org[1].subtype not in ("government", "party") \
                and titles[0]["head"] in _EXECUTIVE_HEADS \
                and re.fullmatch("[、，,]", ctx.text[roster_org[0] : titles[0]["start"]]):
            previous_org = roster_org[1]  # 中车株机公司董事长王三、总经理李四: the second officer is the same firm's
        chain_place: str | None = None  # the division an earlier title of the chain names (宜城市市委副书记、市长)
        for t in titles:
            literal = strip_spaces(lx.fix_artefacts(t["text"]))
            if t["head"].endswith("领导"):
                # 市领导王卫安: a rank as written, with no body of its own
                ctx.add("position", person, None, _span(person, (t["start"], t["end"])), "rel:position_rank",
                        literal=literal)
                continue
            org = None
            starting = [m for m in ctx.names_starting(t["org_start"], t["org_start"]) if m.label == "ORG"
                        and t["org_start"] < m.end <= t["end"] - 1]
            ending = [m for m in ctx.names_starting(t["org_start"], t["org_end"])
                      if m.label == "ORG" and m.end == t["org_end"]]
            if starting:
                org = max(starting, key=lambda m: m.end)
            elif ending:
                org = min(ending, key=lambda m: m.start)
            elif t["head"] in implied and _title_place(t):
                # 岳阳市副市长 → 岳阳市人民政府: the place written before the title and the body the title implies
                org = _implied_body(ctx, _place_body(_title_place(t), implied[t["head"]]), t)
            elif not strip_spaces(t["org_text"]):
                if t["head"] in implied and chain_place and chain_place.endswith(implied[t["head"]][0]):
                    org = _implied_body(ctx, _place_body(chain_place, implied[t["head"]]), t)
                elif t["head"] in implied:
                    # 常务副市长 → 市政府 (or 株洲市人民政府): the body the article names, else the body the title
                    # implies, qualified by the article's place during resolution
                    org = _implied_org(ctx, implied[t["head"]]) or _implied_body(ctx, implied[t["head"]], t)
                else:
                    org = previous_org
            chain_place = leading_division(strip_spaces(t["org_text"])) or chain_place
            attrs = {"org": org.id} if org else {}
            span = _span(person, (t["start"], t["end"]))
            ctx.add("position", person, None, span, "rel:position_title_name", literal=literal, attrs=attrs)
            if org is not None and not (t.get("former") or _former_title(ctx.text, titles[0]["start"])):
                ctx.add("affiliated_with", person, org, span, "rel:affiliated_by_position")
            if org is not None:
                previous_org = org
            if person.subtype is None:
                person.subtype = _person_subtype(t["head"], org)
        # only a firm officer's body carries over (株洲市市长王三、总经理李四: no firm named)
        roster_org = (person.end, previous_org) if previous_org is not None and titles[-1]["head"] in _EXECUTIVE_HEADS \
            else None


_FORMER = re.compile("|".join(lx.former_posts()["marks"]))  # data/former_posts.txt


def _former_title(text: str, title_start: int) -> bool:
    """原市委书记张三, 时任县长李四: a post held before, not one held now (a position, no affiliation)."""
    written_before = text[max(0, title_start - 2) : title_start]
    return bool(_FORMER.match(text, title_start) or re.search(f"(?:{_FORMER.pattern})$", written_before))


def _implied_org(ctx: Context, short: str) -> Mention | None:
    """市政府 → a mention 市政府 or …市人民政府 in the article (one body only: 株洲市人民政府, not 湖南省人民政府)."""
    level, body = short[0], short[1:]
    candidates = []
    for o in ctx.names:
        name = o.normalized or ""
        if o.label != "ORG":
            continue
        if name == short:
            candidates.append(o)
        elif body == "政府" and name.endswith("政府"):
            stem = name[: -len("人民政府")] if name.endswith("人民政府") else name[: -len("政府")]
            if len(stem) >= 2 and stem.endswith(level):
                candidates.append(o)
    return candidates[0] if len({o.normalized for o in candidates}) == 1 else None


def model_title_relations(ctx: Context) -> None:
    """A title the NER model found right before a person (首席运营官张三, 技术总监李四) where no rule read one: the
    person's position; a body named right before the title is where it is held."""
    persons = {m.start: m for m in ctx.names if m.label == "PER"}
    for title in (m for m in ctx.mentions if m.label == "TITLE" and m.source == "ner:model"):
        person = persons.get(title.end)
        if person is None or person.attrs.get("titles"):
            continue
        literal = strip_spaces(ctx.text[title.start : title.end])
        org = next((o for o in ctx.names if o.label == "ORG" and o.end == title.start), None)
        span = _span(person, title)
        ctx.add("position", person, None, span, "rel:position_model_title", literal=literal,
                attrs={"org": org.id} if org else {})
        if org is not None:
            ctx.add("affiliated_with", person, org, span, "rel:affiliated_by_position")


def _title_place(title: dict) -> str | None:
    """The division written in full right before a title's head (广西玉林市|市长 → 玉林市), or None."""
    from kg.extract.places import find_divisions

    org_text = strip_spaces(title["org_text"])
    found = [org_text[s:e] for s, e, full in find_divisions(org_text) if full and e == len(org_text)]
    return found[-1] if found else None


def _place_body(place: str, short: str) -> str:
    """岳阳市 + 市政府 → 岳阳市人民政府, 长沙县 + 县委 → 长沙县委."""
    body = short[1:]
    return place + ("人民政府" if body == "政府" else body)


def _implied_body(ctx: Context, short: str, title: dict) -> Mention:
    """A mention of the body a title implies (市长 → 市政府), read at the title: one per body and article."""
    for m in ctx.mentions:
        if m.attrs.get("implied_by_title") and m.normalized == short:
            return m
    return ctx.new_mention(short, "ORG", title["start"], title["end"], "org:implied_by_title", subtype="government",
                           implied_by_title=True)


def _person_subtype(head: str, org: Mention | None) -> str:
    if head in _ACADEMIC_HEADS:
        return "academic"
    if org is not None and org.subtype in ("company", "finance"):
        return "executive"
    if head in ("律师", "会计", "讲解员"):
        return "other"
    return "official"


_NOT_AUTHOR_ROLES = ("策划", "统筹", "监制", "责任编辑", "编辑", "校对")
_REPORTER_ROLES = ("记者", "全媒体记者", "特约记者", "首席记者", "摄影记者", "见习记者")
_POSITION_ROLES = _REPORTER_ROLES + ("通讯员", "实习生", "编辑", "责任编辑", "评论员", "特约评论员")


_TRAINEE_ROLES = ("实习生", "见习记者")


def _credit_outlet(ctx: Context, m: Mention, role: str, byline) -> str | None:
    """The outlet a correspondent or intern works for, when the credit says so: 株洲日报通讯员/陈英 (the outlet in
    front of the role), 潇湘晨报记者周诗浩 实习生蒯安琦 (an intern of the outlet the credit names). A plain 通讯员 of a
    dateline credit writes for the paper without belonging to it."""
    if m.end > m.start:
        lines = [ctx.text[ctx.text.rfind("\n", 0, m.start) + 1 : m.end]]
    else:
        lines = [line for line in ctx.article.meta.get("credit_lines", []) if m.normalized in line]
    named = {byline.organization if byline is not None else None, ctx.article.publisher} - {None}
    outlets = sorted(set(lx.publisher_places()) | named, key=lambda o: (-len(o), o))  # a total order: hash-free
    own = byline.organization if byline is not None else None
    if own and any(f"{own}{role}" in line for line in lines):
        return own  # 株洲日报通讯员 甲 湘潭日报通讯员 乙: each name the outlet written before its own role
    for line in lines:
        # without the byline's outlet: the outlet + role written last before the name on its line
        before = line[: line.rfind(m.normalized)] if m.normalized in line else line
        last = max(((before.rfind(f"{o}{role}") + len(o), len(o), o) for o in outlets if f"{o}{role}" in before),
                   default=None)
        if last is not None:
            return last[2]
        if role in _TRAINEE_ROLES:
            named = next((o for o in outlets if o in line), None)
            if named:
                return named
    return None


def byline_positions(ctx: Context) -> None:
    """株洲日报全媒体记者/胡文洁 → position 全媒体记者 (org 株洲日报) and affiliated_with 株洲日报."""
    bylines = {b.name: b for b in ctx.article.bylines}
    for m in ctx.mentions:
        if m.label != "PER" or not (m.attrs.get("byline") or m.source in ("per:byline", "byline")):
            continue
        byline = bylines.get(m.normalized)
        role = m.attrs.get("role") if m.attrs.get("role") in _POSITION_ROLES else None
        if role is None and byline is not None and byline.role in _POSITION_ROLES:
            role = byline.role
        if role is None:
            continue
        org_name = None
        if m.end > m.start:
            before = ctx.text[max(0, m.start - 20) : m.start]
            k = before.rfind(role)
            prefix = before[:k] if k >= 0 else ""
            org_here = next((o for o in ctx.names if o.label == "ORG" and o.end == m.start - len(before) + k), None) \
                if k >= 0 else None
            if org_here is not None:
                org_name = org_here.normalized
            elif prefix.endswith(tuple(lx.publisher_places())):
                org_name = next(p for p in lx.publisher_places() if prefix.endswith(p))
        if org_name is None and role not in _REPORTER_ROLES:
            org_name = _credit_outlet(ctx, m, role, byline)
        if org_name is None and role in _REPORTER_ROLES:
            org_name = (byline.organization if byline is not None else None) or ctx.article.publisher
        if org_name is None and role in _REPORTER_ROLES and m.end > m.start:
            # 郴州日报讯（记者黄若曦）: the outlet of the dateline on the credit's line
            line_start = ctx.text.rfind("\n", 0, m.start) + 1
            outlet = [o for o in ctx.names if o.label == "ORG" and line_start <= o.start and o.end <= m.start
                      and ctx.text.startswith("讯", o.end)]
            if outlet:
                org_name = outlet[-1].normalized
        org = None
        if org_name:
            org = next((o for o in ctx.names if o.label == "ORG" and o.normalized == org_name), None)
            if org is None:
                org = ctx.new_mention(org_name, "ORG", m.start, m.start, "org:byline", subtype="media", implied=True)
                ctx.names.append(org)
        span = (m.start, m.end)
        ctx.add("position", m, None, span, "rel:position_byline", literal=role, attrs={"org": org.id} if org else {})
        if org is not None:
            ctx.add("affiliated_with", m, org, span, "rel:affiliated_byline")


def author_relations(ctx: Context) -> None:
    headline = strip_spaces(ctx.article.headline or "")
    if not headline:
        return
    for m in ctx.mentions:
        if m.attrs.get("role") in _NOT_AUTHOR_ROLES:
            continue
        if m.label == "PER" and (m.attrs.get("byline") or m.source in ("per:byline", "per:name_line", "byline")):
            ctx.add("author_of", m, None, (m.start, m.end), "rel:author_byline", literal=headline)


_QUOTED_CAMPAIGN = re.compile(r"^[“\"‘](?P<name>[^“”\"‘’]{2,30})[”\"’](?:主题)?(?:活动|行动|工程|计划)$")


def alias_relations(ctx: Context) -> None:
    for ev in ctx.events:
        # “振兴湘赣边·央企在行动”活动: the campaign goes by the quoted name alone too
        quoted = _QUOTED_CAMPAIGN.match(strip_spaces(ev.normalized or ev.text))
        if not quoted or ctx.named(ev) is not ev:
            continue
        name = quoted.group("name")
        bare = [m.start() for m in re.finditer(re.escape(name), strip_spaces(ctx.text))
                if not re.match(r"[”\"’]?(?:主题)?(?:活动|行动|工程|计划)", strip_spaces(ctx.text)[m.end() : m.end() + 4])]
        if bare:  # the text also uses the quoted name on its own (借着‘央企带县企’这一机会)
            ctx.add("alias", ev, None, (ev.start, ev.end), "rel:alias_quoted_campaign", literal=quoted.group("name"))
    for m in ctx.names:
        if m.source != "alias:abbreviation":
            continue
        full_span = m.attrs.get("alias_of")
        full = next((f for f in ctx.mentions if full_span and [f.start, f.end] == list(full_span)), None)
        if full is not None:
            ctx.add("alias", full, None, _span(full, m), "rel:alias_abbreviation", literal=m.normalized)


# --------------------------------------------------------------------------- events


_ADJACENT_SPEECH = ("强调", "指出", "表示", "汇报")
_VISIT_WORDS = "考察|调研|走访|督导|视察|来到|参观|察看|参访"


def _is_credit(m: Mention) -> bool:
    return bool(m.attrs.get("byline")) or m.source in ("per:byline", "byline", "per:name_line")


def _in_title(ctx: Context, m: Mention) -> bool:
    if any(ctx.text.startswith(h, m.end) for h in lx.title_heads()):
        return True  # 中共中央政治局常委: the organisation of someone's title
    return any(t.start <= m.start and m.end <= t.end for t in ctx.mentions if t.label == "TITLE")


def _event_for(ctx: Context, trigger_end: int, sentence: tuple[int, int], before_ok: bool = True) -> Mention | None:
    """The event a verb refers to: named after it in the sentence, else named before it, else the main event."""
    after = [e for e in ctx.events if trigger_end <= e.start < sentence[1] and e.start - trigger_end <= 24]
    if after:
        return ctx.named(after[0])
    if before_ok:
        before = [e for e in ctx.events if sentence[0] <= e.start and e.end <= trigger_end and e.id not in ctx.time_anchors]
        if before:
            return ctx.named(before[-1])
    return ctx.main_event_before(trigger_end)


def _nominal_speech(text: str, start: int, end: int) -> bool:
    """讲话 as a noun (习近平总书记的重要讲话, 讲话精神): a speech quoted, not one given at the event."""
    return text[start - 1 : start] == "的" or text.endswith(("重要", "系列"), 0, start) or text.startswith("精神", end)


def event_relations(ctx: Context) -> None:
    kinds = ("attended", "chaired", "spoke_at")
    pattern = trigger_re(*kinds)
    anaphors = triggers().get("anaphor", ())
    for s, e in ctx.sentences:
        sentence = ctx.text[s:e]
        boundary = s
        previous_subjects: list[Mention] = []
        for m in pattern.finditer(sentence):
            t_start, t_end = s + m.start(), s + m.end()
            kind = _relation_of(m.group(0), kinds)
            if kind == "spoke_at" and _nominal_speech(ctx.text, t_start, t_end):
                continue
            pronoun_event = None
            gap = ctx.text[boundary:t_start]
            if kind == "spoke_at" and m.group(0) in _ADJACENT_SPEECH:
                # 曹慧泉强调 / 曹慧泉在…会议上强调: the speaker stands right before the verb
                people = [p for p in ctx.in_span(s, t_start) if p.label == "PER" and not _is_credit(p)]
                people = [p for p in people if t_start - p.end <= 1 or re.match(r"在.{2,60}(上|时)$", ctx.text[p.end:t_start])]
                pronoun_event = None
                if not people and ctx.text[max(0, t_start - 1) : t_start] in ("他", "她"):
                    # 他强调: the person last named before (…座谈会上，李建中听取…。他指出), at the event named there
                    before = [p for p in ctx.names if p.label == "PER" and p.end <= t_start - 1 and not _is_credit(p)]
                    people = before[-1:]
                    if people:
                        ps, _ = ctx.sentence_of(people[0].start)
                        told = [ev for ev in ctx.events if ps <= ev.start < s]
                        pronoun_event = ctx.named(told[-1]) if told else None
                if m.group(0) in ("表示", "汇报") and not any(ev.start < t_start for ev in ctx.events):
                    people = []  # an interview quote, not a speech at an event told before it
                held = [ev for ev in ctx.events if boundary <= ev.start and ev.end <= t_start] \
                    if not people and previous_subjects else []
                if held and re.fullmatch(r"[^。；！？]{0,40}[，,]", gap):
                    # 沈晓明…并主持召开座谈会，强调…: the one who convened it speaks at the meeting just named
                    people, pronoun_event = previous_subjects, ctx.named(held[-1])
                subjects = people[-1:]
            else:
                # 第三届湖湘建筑论坛…参会: a word of the event's name read as a person attends nothing
                subjects = [p for p in ctx.in_span(boundary, t_start) if p.label == "PER" and not _is_credit(p)
                            and not any(ev.start <= p.start and p.end <= ev.end and ev.attrs.get("kind") != "visit"
                                        for ev in ctx.events)]
                if not subjects and strip_spaces(gap) in ("并", "并作", "并发表", "并致", "和", "") and previous_subjects:
                    subjects = previous_subjects
            boundary = t_end
            if not subjects:
                continue
            previous_subjects = subjects
            following = ctx.text[t_end : t_end + 4]
            named_after = [ev for ev in ctx.events if t_end <= ev.start < e and ev.start - t_end <= 24]
            if kind == "spoke_at" and m.group(0) in _ADJACENT_SPEECH and pronoun_event is not None and not named_after:
                named_after = [pronoun_event]
            previous = ctx.text[ctx.sentence_of(max(0, s - 1))[0] : s] if s > 0 else ""
            if not named_after and m.group(0) == "陪同" and re.search(_VISIT_WORDS, previous + ctx.text[s:e]):
                visits = [ev for ev in ctx.events if ev.attrs.get("kind") == "visit"]
                if not visits:
                    continue  # 陪同 on a tour of sites, not at the article's event
                named_after = visits[:1]
            if named_after:
                event = ctx.named(named_after[0])
            elif any(following.startswith(a) or following.startswith("并") or following.startswith("了" + a)
                     for a in anaphors) or strip_spaces(following)[:1] in ("。", "", "并", "，") or kind == "spoke_at":
                event = _event_for(ctx, t_end, (s, e))
            else:
                continue  # 陪同调研, 参加培训: no event named or implied
            if event is None:
                continue
            for person in subjects:
                ctx.add(kind, person, event, _span(person, (t_start, t_end)), f"rel:{kind}_trigger")
                if kind == "chaired" and ctx.text.startswith("召开", t_end):
                    ctx.add("organized", person, event, _span(person, (t_start, t_end + 2)), "rel:organized_chair_convene")


_CLAUSE_CLOSERS = ("。", "，", "；", "并", "了", "会议", "活动", "仪式", "大会", "")


def _pattern_event(ctx: Context, hit: Hit) -> Mention | None:
    """The event a pattern's verb refers to: named after it in the sentence (within 24 characters), else named before
    it, else the article's main event — the last only when the verb ends its clause or the pattern allows it."""
    s, e = ctx.sentence_of(hit.start)
    if hit.pattern.event_kind == "visit":
        previous = ctx.sentence_of(max(0, s - 1))[0] if s > 0 else s
        if re.search(_VISIT_WORDS, ctx.text[previous:e]):
            # 陪同 on a tour of sites: the visit told there, or no event at all (not the article's meeting)
            visits = [ev for ev in ctx.events if ev.attrs.get("kind") == "visit" and ev.start <= e]
            return ctx.named(visits[-1]) if visits else None
    after = [ev for ev in ctx.events if hit.trigger_end <= ev.start < e and ev.start - hit.trigger_end <= 24]
    if after:
        return ctx.named(after[0])
    before = [ev for ev in ctx.events if s <= ev.start and ev.end <= hit.start and ev.id not in ctx.time_anchors]
    if before:
        return ctx.named(before[-1])
    # 在随后召开的座谈会上，…。X指出: the meeting named earlier in the paragraph is still where the verb happens
    paragraph = ctx.text.rfind("\n", 0, s) + 1
    earlier = [ev for ev in ctx.events if paragraph <= ev.start and ev.end <= s and ev.attrs.get("kind") != "visit"
               and ev.id not in ctx.time_anchors]
    if earlier and hit.pattern.paragraph_event:
        return ctx.named(earlier[-1])
    following = strip_spaces(ctx.text[hit.trigger_end : hit.trigger_end + 3])
    clause = re.match(r"[^，。；！？,;!?\n]*", ctx.text[hit.trigger_end : e]).group(0)
    # 参加培训 is not the article's event; 参加开工活动 (a kind of event as the verb's object) is
    # 参加签约 in the report of a 集中签约仪式: the verb's object names the article's event by a word of its name
    main = ctx.main_event
    names_an_event = clause.endswith(tuple(lx.event_triggers())) or (
        main is not None and len(clause) >= 2 and clause in (main.normalized or main.text))
    if hit.pattern.needs_event and following and not following.startswith(_CLAUSE_CLOSERS[:-1]) and not names_an_event:
        return None
    return ctx.named(ctx.main_event) if hit.pattern.later_event else ctx.main_event_before(hit.start)


def pattern_relations(ctx: Context) -> None:
    """The declarative patterns of data/relation_patterns.toml, sentence by sentence."""
    patterns = load_patterns()
    # neither a body a title implies, nor a credit, nor the paper of a dateline (株洲日报讯) acts in the sentence
    mentions = [m for m in ctx.mentions if not m.attrs.get("implied_by_title") and not _is_credit(m)
                and not ctx.text.startswith("讯", m.end)]
    for s, e in ctx.sentences:
        for hit in match_sentence(patterns, ctx.text, s, e, mentions):
            pattern = hit.pattern
            if irrealis_between(ctx.text, hit.start, hit.trigger_end):
                continue  # 欢迎何振华一行到潮州考察, 希望双方签约: a wish or an invitation, not what happened
            rule = f"pattern:{pattern.id}"
            event = _pattern_event(ctx, hit) if "event" in (pattern.object, pattern.subject) else None
            if pattern.subject == "event":
                for obj in hit.objects if event is not None else []:
                    ctx.add(pattern.relation, event, obj, _span(event, obj) if event.start >= s else
                            (hit.start, hit.end), rule)
                continue
            for subject in hit.subjects:
                if pattern.object == "event":
                    if event is not None:
                        ctx.add(pattern.relation, subject, event, (hit.start, hit.end), rule)
                    continue
                for obj in hit.objects:
                    ctx.add(pattern.relation, subject, obj, (hit.start, hit.end), rule)


def present_at_meeting_relations(ctx: Context) -> None:
    """会上…中车株机、中车株洲所等企业负责人提出意见建议 / 在…大会上，A与B…: organisations acting at the event."""
    for s, e in ctx.sentences:
        sentence = ctx.text[s:e]
        event = None
        at = re.search(r"在(.{2,40}?)上[，,]", sentence)
        if at:
            inside = [ev for ev in ctx.events if s + at.start(1) <= ev.start and ev.end <= s + at.end(1)]
            event = ctx.named(inside[-1]) if inside else None
        elif re.match(r"(?:[^，。]{0,12}[，,])?(?:会上|现场)", sentence) and ctx.main_event_before(s) is not None:
            event = ctx.main_event_before(s)
        if event is None or event.attrs.get("kind") == "visit":
            continue
        for org in ctx.in_span(s, e):
            represented = re.match(r"(?:等\S{0,4})?(?:相关)?(?:负责人|代表)", ctx.text[org.end : org.end + 10])
            if org.label == "ORG" and org.subtype not in ("government", "party", "media") \
                    and (represented or not _in_title(ctx, org)) and not (event.start <= org.start < event.end):
                ctx.add("attended", org, event, _span(org, (s, s + 2)), "rel:attended_at_meeting")


def organized_relations(ctx: Context) -> None:
    pattern = trigger_re("organized")
    for s, e in ctx.sentences:
        for m in pattern.finditer(ctx.text, s, e):
            t_start, t_end = m.start(), m.end()
            by = ctx.text.rfind("由", s, t_start)
            organisers: list[Mention] = []
            if by >= 0 and t_start - by <= 40:
                organisers = [o for o in ctx.in_span(by + 1, t_start) if o.label == "ORG"]
                event = _event_for(ctx, t_start, (s, e))
                before = [ev for ev in ctx.events if s <= ev.start and ev.end <= by]
                if before:
                    event = ctx.named(before[-1])
            else:
                near = [o for o in ctx.in_span(s, t_start) if o.label == "ORG" and t_start - o.end <= 1]
                organisers = near[-1:]
                after = [ev for ev in ctx.events if t_end <= ev.start < e and ev.start - t_end <= 4]
                event = ctx.named(after[0]) if after else None
                if not organisers and m.group(0) == "召开" and ctx.text[max(s, t_start - 1) : t_start] == "并":
                    # 李建中…了解…，并召开座谈会: the sentence's person convened it
                    people = [p for p in ctx.in_span(s, t_start) if p.label == "PER" and not _is_credit(p)]
                    organisers = people[:1]
            if event is None:
                continue
            for org in organisers:
                ctx.add("organized", org, event, _span(org, event, (t_start, t_end)), "rel:organized_trigger")
    for event in ctx.events:
        # 中车株洲所第三届科技节, 株洲市轨道交通产业协会理事会: the organisation that names its own event
        if event.attrs.get("kind") == "visit":
            continue  # the delegation in a visit's name makes the visit, it does not organise it
        owner = next((o for o in ctx.names if o.label == "ORG" and o.start == event.start and o.end < event.end
                      and o.end > o.start and o.subtype != "media"), None)
        if owner is not None and re.match(r"(?:揭牌|授牌|挂牌|成立)", ctx.text[owner.end : event.end]):
            owner = None  # 某实验室揭牌仪式: the body unveiled is what the ceremony is about, not who holds it
        if owner is not None:
            ctx.add("organized", owner, event, _span(owner, event), "rel:organized_event_name")


def event_date_relations(ctx: Context) -> None:
    for event in ctx.events:
        date = event.attrs.get("date")
        if date:
            span = _span(event, tuple(event.attrs.get("date_span", (event.start, event.end))))
            ctx.add("event_date", event, None, span, "rel:event_date_sentence", literal=date)


_VENUE_VERBS = ("举行", "召开", "举办", "开幕", "开班", "开展", "隆重", "拉开", "，", ",", " ")


def event_location_relations(ctx: Context) -> None:
    for s, e in ctx.sentences:
        events = [ev for ev in ctx.events if s <= ev.start < e]
        if not events:
            continue
        for m in re.finditer("在|来到", ctx.text[s:e]):
            pos = s + m.end()
            chain = _chain_from(ctx, pos)
            if not chain:
                continue
            after = ctx.text[chain[-1].end : chain[-1].end + 2]
            convened_later = [ev for ev in events if ev.start > chain[-1].end and
                              re.search(f"(?:{lx.clause_alternation('convening_verbs')})了?$",
                                        ctx.text[chain[-1].end : ev.start])]
            if m.group(0) == "来到" or not any(after.startswith(v) for v in _VENUE_VERBS):
                if not convened_later:
                    continue
                targets = convened_later[:1]
            else:
                targets = events
            for event in targets:
                if event.start <= pos <= event.end:
                    continue
                ctx.add("event_location", event, chain[-1], _span(event, chain[-1]), "rel:event_location_zai")


_CEREMONY_PARTIES = lx.clause_alternation("ceremony_parties")  # data/clause_words.toml
_CEREMONY_ACT = re.compile(f"(?:{_CEREMONY_PARTIES})?(?:{lx.clause_alternation('ceremony_acts')})")


_ACT_OF = {"签署": "签约", "签订": "签约", "共同启动": "启动", "按下启动": "启动"}


def ceremony_actor_relations(ctx: Context) -> None:
    """刘卫东与许嘉代表双方签约 / 马骁、柳成荫共同为实验室揭牌: who performs the act of a signing or unveiling
    ceremony the article reports took part in it."""
    ceremonies = [ev for ev in ctx.events if ev.attrs.get("kind") == "ceremony"]
    named = {ctx.named(ev).id: ctx.named(ev) for ev in ceremonies}
    if not named:
        return
    ceremony = max(named.values(), key=lambda ev: len(ev.normalized or ""))
    if not all((ceremony.normalized or "").endswith(ev.normalized or "\0") for ev in named.values()):
        return  # several ceremonies: which one is meant is not said (a bare 签约仪式 is the named one)
    for s, e in ctx.sentences:
        for m in _CEREMONY_ACT.finditer(ctx.text, s, e):
            if ctx.text[m.start() - 1 : m.start()] == "的":
                continue  # 新项目的签约: the act as a noun, nobody performing it
            if any(ev.start <= m.start() < ev.end for ev in ctx.events):
                continue  # 主持签约仪式: the word is part of the ceremony's name
            act = re.sub(f"^(?:{_CEREMONY_PARTIES})", "", m.group(0))
            if _ACT_OF.get(act, act) not in (ceremony.normalized or ""):
                continue  # 授牌 at a signing ceremony's article: another act
            clause_start = max([k + 1 for k in range(s, m.start()) if ctx.text[k] in "。；;！？"] + [s])
            actors = [p for p in ctx.in_span(clause_start, m.start()) if p.label == "PER" and not _is_credit(p)]
            if any(ev.start >= clause_start and ev.end <= m.start() for ev in ctx.events if ev is not ceremony
                   and ctx.named(ev) is not ceremony):
                continue  # the act belongs to another event named in the clause
            for person in actors:
                ctx.add("attended", person, ceremony, _span(person, (m.start(), m.end())), "rel:attended_ceremony_act")


_HOSTING = re.compile(f"(?:{lx.clause_alternation('hosting_verbs')})了?")
_PLACE_KINDS = ("景区", "园区", "片区", "小镇", "基地", "博物馆", "会展中心", "纪念馆", "广场")


def hosting_place_relations(ctx: Context) -> None:
    """攸县酒仙湖景区…，景区举办了“油桐花旅游节”: a place that hosts an event is where it happens (the bare kind
    word, 景区, stands for the place of that kind just named)."""
    for s, e in ctx.sentences:
        for m in _HOSTING.finditer(ctx.text, s, e):
            after = [ev for ev in ctx.events if m.end() <= ev.start < e and ev.start - m.end() <= 2]
            if not after:
                continue
            host = next((x for x in ctx.names if x.label == "LOC" and x.end == m.start()
                         and x.subtype in ("facility", "zone")), None)
            if host is None:
                kind = next((k for k in _PLACE_KINDS if ctx.text.endswith(k, s, m.start())), None)
                if kind is None or ctx.in_span(m.start() - len(kind), m.start()):
                    continue
                named = [x for x in ctx.names if x.label == "LOC" and x.end <= m.start() - len(kind)
                         and (x.normalized or "").endswith(kind)]
                if not named or len({x.normalized for x in named}) != 1:
                    continue
                host = named[-1]
            event = ctx.named(after[0])
            ctx.add("event_location", event, host, _span(host, event), "rel:event_location_host")


# --------------------------------------------------------------------------- organisations and places


def cooperation_relations(ctx: Context) -> None:
    coop = trigger_re("cooperates_with")
    connectors = trigger_re("connector")
    for s, e in ctx.sentences:
        trigger_positions = [s + m.start() for m in coop.finditer(ctx.text[s:e])]
        if not trigger_positions:
            continue
        for m in connectors.finditer(ctx.text[s:e]):
            p, q = s + m.start(), s + m.end()
            if not any(t >= q or m.group(0) in ("携手", "牵手") for t in trigger_positions):
                continue
            left = [a for a in ctx.in_span(s, p) if a.label in PLACE_LIKE]
            if not left:
                continue
            a = left[-1]
            between = re.sub(r"[（(][^（）()]*[）)]", "", ctx.text[a.end : p]).strip(" \"”“）)")
            # A（以下简称…）与 B, A 正在和 B: nothing but a parenthesis or a short adverb between A and the connector
            if len(between) > 4 or re.search(r"[，。；、,;]", between):
                continue
            chain = _chain_from(ctx, q, max_gap=1)
            if not chain:
                continue
            b = chain[-1]
            clause_end = next((k for k in range(b.end, e) if ctx.text[k] in "，。；,;！？"), e)
            later = ctx.text[clause_end:e]
            in_clause = any(b.end <= t < clause_end for t in trigger_positions)
            if not (in_clause or m.group(0) in ("携手", "牵手") or re.search("双方[^，。]{0,12}(合作|签约|签署|对接)", later)):
                continue
            ctx.add("cooperates_with", a, b, _span(a, b), "rel:cooperates_connector")
            for event in [ev for ev in ctx.events if s <= ev.start < e and ev.attrs.get("kind") == "ceremony"]:
                for party in (a, b):
                    if party.label == "ORG":
                        ctx.add("attended", party, ctx.named(event), _span(party, event), "rel:attended_signing_party")


_PARTY_COUNT = re.compile(r"(?:两|双|三|四|多)(?:市|地|县|区|省|国|家|校|所|镇|村|方)|各方")


def party_list_cooperation(ctx: Context) -> None:
    """佛山、株洲两市签署了合作框架协议 / 湘潭大学和星火机电双方签约: parties listed before a count word (两市, 双方,
    三方) and a cooperation trigger in the same clause cooperate pairwise."""
    coop = trigger_re("cooperates_with")
    for s, e in ctx.sentences:
        for count in _PARTY_COUNT.finditer(ctx.text, s, e):
            clause_end = next((k for k in range(count.end(), e) if ctx.text[k] in _CLAUSE_END), e)
            if not coop.search(ctx.text, count.end(), clause_end):
                continue
            parties: list[Mention] = []
            pos = count.start()
            while True:
                ending = [m for m in ctx.names if m.label in PLACE_LIKE and m.end == pos]
                if not ending:
                    break
                party = min(ending, key=lambda m: m.start)  # the longest name ending there
                parties.insert(0, party)
                if party.start - 1 < s or ctx.text[party.start - 1] not in "、和与及":
                    break
                pos = party.start - 1
            for i, a in enumerate(parties):
                for b in parties[i + 1 :]:
                    ctx.add("cooperates_with", a, b, _span(a, b), "rel:cooperates_party_list")


DIVISION_REACH = 12  # characters between a place and its parent division for the text to relate them


def _near(text: str, a, b) -> bool:
    """Two places named close together in one clause (株洲“南拓”的发展腹地——渌口区, 长沙市的开福区), not merely
    in one long sentence that also mentions the city."""
    lo, hi = (a, b) if a.start < b.start else (b, a)
    between = text[lo.end : hi.start]
    return len(between) <= DIVISION_REACH and not re.search(r"[，,；;。！？!?、：:\n]", between)


def _is_city_or_province(place: Mention) -> bool:
    from kg.extract.places import divisions

    name = place.attrs.get("short_of") or place.normalized or ""
    found = divisions().lookup(name)
    # 岳阳 is read as the city (岳阳市) unless the county is written in full (岳阳县)
    return any(d.level <= 2 for d in found) and not any(d.level >= 3 and d.name == name for d in found)


_BEARING = r"以[东西南北]|[东西南北]侧|附近|周边|一带|旁边|对面"


def _zone_bodies(ctx: Context) -> None:
    """贵安新区党工委, 合肥高新区管委会: the body of a zone lies in the zone its name opens with, and names it."""
    bodies = {sfx for sfx, _, _ in lx.org_suffixes()}
    zones = tuple(sfx for sfx, kind in lx.loc_suffixes() if kind == "zone")
    for body in [m for m in ctx.names if m.label == "ORG" and m.text == m.normalized]:
        name = body.normalized or ""
        cut = next((k for k in range(len(name) - 2, 3, -1) if name[k:] in bodies and name[:k].endswith(zones)
                    and len(name[:k]) - len(next(z for z in zones if name[:k].endswith(z))) >= 2), None)
        if cut is None:
            continue
        zone = next((m for m in ctx.names if m.label == "LOC" and m.normalized == name[:cut]), None)
        if zone is None:
            zone = ctx.new_mention(name[:cut], "LOC", body.start, body.start + cut, "loc:zone_of_body", subtype="zone")
            ctx.names.append(zone)
        ctx.add("located_in", body, zone, (body.start, body.end), "rel:located_in_zone_body")


def _division_chains(ctx: Context) -> None:
    """河南省驻马店市上蔡县县委书记, 葫芦岛市绥中县委, 河北唐山迁安人: divisions written one right after the other,
    each a division of the one before it (so the table says), alone or opening a name or a title: each is named, and
    lies in the one before it (the guidelines' nested names)."""
    from kg.extract.places import divisions, find_divisions

    table = divisions()
    found = find_divisions(ctx.text)
    for (a, b, full_outer), (c, d, full_inner) in zip(found, found[1:]):
        if b != c:
            continue
        outer = {x.code for x in table.lookup(ctx.text[a:b])}
        if any(x.parent in outer for x in table.lookup(ctx.text[c:d])) and \
                (full_outer and full_inner or not _inside_a_firm(ctx, a, d)):
            ctx.add("located_in", _place_at(ctx, c, d), _place_at(ctx, a, b), (a, d), "rel:located_in_chain")


def _inside_a_firm(ctx: Context, start: int, end: int) -> bool:
    """广东佛山陶瓷产业联盟: short place names in a firm's or an association's name are its brand, not places the
    text names (a public body's are: 葫芦岛市绥中县委; so are full names: 唐山市迁西县…有限公司)."""
    public = {sub for sfx, sub, _ in lx.org_suffixes() if sub in ("government", "party")}
    for m in ctx.names:
        if m.label == "ORG" and m.start <= start and end < m.end:
            suffix = next((sfx for sfx, _, _ in lx.org_suffixes() if (m.normalized or "").endswith(sfx)), None)
            return suffix is None or not any(sub in public for sfx, sub, _ in lx.org_suffixes() if sfx == suffix)
    return False


def _place_at(ctx: Context, start: int, end: int) -> Mention:
    """The place named at text[start:end]: its mention, or a new one (a division written inside a longer name)."""
    found = next((m for m in ctx.names if m.label == "LOC" and (m.start, m.end) == (start, end)), None)
    if found is None:
        found = ctx.new_mention(ctx.text[start:end], "LOC", start, end, "loc:division_chain", subtype="admin")
        ctx.names.append(found)
    return found


def located_in_relations(ctx: Context) -> None:
    _zone_bodies(ctx)
    _division_chains(ctx)
    layered = sorted(ctx.names + ctx.projects, key=lambda m: m.start)
    by_start = defaultdict(list)
    for m in layered:
        by_start[m.start].append(m)
    # nested names: 芦淞区白关镇 (白关镇 in 芦淞区), 荷塘区金山工业园
    for outer in ctx.names:
        if outer.label != "LOC" or outer.subtype not in ("admin", "zone"):
            continue
        inners = by_start.get(outer.end, [])
        for inner in inners:
            if re.match(_BEARING, ctx.text[inner.end : inner.end + 3]):
                continue  # 工业园区雁城大道以东: a bearing, not a place inside the zone
            head = [x for x in inners if x.label == "LOC" and x.end < inner.end]
            if head:
                # 西渡镇梅花村油茶示范基地: the base lies in the village it is named after, the village in the town
                ctx.add("located_in", inner, max(head, key=lambda x: x.end), (inner.start, inner.end),
                        "rel:located_in_nested")
                continue
            if inner.label == "ORG" and leading_division(inner.normalized or inner.text):
                continue  # 河南省|驻马店市委: a body of 驻马店市, which its own name says
            if inner.label in ("LOC", "PROJECT") or (inner.label == "ORG" and outer.source.startswith("loc:division")):
                ctx.add("located_in", inner, outer, _span(outer, inner), "rel:located_in_nested")
    from kg.extract.places import divisions, find_divisions

    table = divisions()
    # a project is built in the county its name opens with (攸县抽水蓄能电站项目), as a zone lies in its place
    named = [m for m in ctx.names if m.label == "LOC" and m.subtype in ("zone", "facility")] + list(ctx.projects)
    for place in named:
        found = find_divisions(place.normalized or "")
        if not found or found[0][0] != 0 or found[0][1] >= len(place.normalized) - 1:
            continue
        prefix = place.normalized[: found[0][1]]
        if place.subtype != "zone" and not any(d.level >= 3 for d in table.lookup(prefix)):
            continue  # 株洲博物馆 is not said to be "in 株洲市" the way 茶陵经开区 (or 娄底经开区) is in its place
        # 茶陵经开区: the zone lies in 茶陵(县); the prefix becomes a mention of the county
        codes = {d.code for d in table.lookup(prefix)}
        county = next((x for x in ctx.names if x.label == "LOC" and x is not place and
                       {d.code for d in table.lookup(x.attrs.get("short_of") or x.normalized or "")} & codes), None)
        if county is None:
            continue
        ctx.add("located_in", place, county, (place.start, place.end), "rel:located_in_name_prefix")
    for s, e in ctx.sentences:
        inside = [x for x in ctx.names_starting(s, e - 1) if x.label == "LOC"]
        for child in inside:
            for d in table.lookup(child.attrs.get("short_of") or child.normalized or ""):
                parent = next((x for x in inside if x is not child and d.parent in
                               {p.code for p in table.lookup(x.attrs.get("short_of") or x.normalized or "")}), None)
                if parent is not None and d.level >= 3 and _near(ctx.text, child, parent):
                    ctx.add("located_in", child, parent, _span(child, parent), "rel:located_in_division")
                    break
    for s, e in ctx.sentences:
        # 酒仙湖片区…分布于牧女仙境、官田…等地: the listed places lie in the sentence's area
        spread = re.search(lx.clause_alternation("spread_verbs"), ctx.text[s:e])
        if spread:
            area = next((x for x in ctx.names if x.label == "LOC" and s <= x.start < s + spread.start()), None)
            items = [x for x in ctx.names if x.label == "LOC" and x.source == "list:item" and s + spread.end() <= x.start < e]
            for item in items if area is not None else []:
                ctx.add("located_in", item, area, _span(area, item), "rel:located_in_spread")
    for s, e in ctx.sentences:
        for m in trigger_re("located_in").finditer(ctx.text, s, e):
            places = _chain_from(ctx, m.end(), labels=("LOC",), max_gap=1)
            if not places:
                continue
            tail = places[-1].end
            subject = None
            extra_subjects: list[Mention] = []
            if ctx.text.startswith("的", tail):
                after = [x for x in layered if x.start == tail + 1 and x.label in ("ORG", "PROJECT", "LOC")]
                subject = max(after, key=lambda x: x.end - x.start) if after else None
                project = next((p for p in ctx.projects if subject is not None and subject.label == "ORG"
                                and p.start == subject.end), None)
                if project is not None:
                    # 位于…的湖南楚材新材料有限公司年产5万吨…项目: the company and its project both lie there
                    extra_subjects.append(project)
            if subject is None and (re.match(r"\s*(?:该|这一|此)?项目", ctx.text[s : m.start()])
                                    or re.search(r"(?:^|[，,])(?:该|这一|此)?项目$", ctx.text[s : m.start()])):
                earlier = [p for p in ctx.projects if p.end <= m.start()]
                subject = earlier[-1] if earlier else None
            if subject is None:
                before = [x for x in layered if s <= x.start and x.end <= m.start() and x.label in ("ORG", "PROJECT", "LOC")
                          and x not in places]
                if before and not re.search("该(公司|项目|企业)|[，,]", ctx.text[before[-1].end : m.start()]):
                    subject = before[-1] if m.start() - before[-1].end <= 1 else before[0]
            if subject is None:
                continue
            # a place given as a bearing (雁城大道以东) is not where the subject lies; a city or province in front
            # of a more specific place (位于岳阳城陵矶临港新区) only qualifies it, a district still locates
            # (位于芦淞区建设南路: in both)
            while places and re.match(_BEARING, ctx.text[places[-1].end : places[-1].end + 3]):
                places = places[:-1]
            places = [p for p in places[:-1] if not _is_city_or_province(p)] + places[-1:]
            for place in places:
                for located in [subject, *extra_subjects]:
                    ctx.add("located_in", located, place, _span(located, place), "rel:located_in_trigger")


_PLANNED = re.compile(f"(?:{lx.clause_alternation('planned_cues')})(?:{lx.clause_alternation('planned_motions')})?$")


def visit_relations(ctx: Context) -> None:
    pattern = trigger_re("visited")
    for s, e in ctx.sentences:
        for m in pattern.finditer(ctx.text, s, e):
            t_start, t_end = m.start(), m.end()
            if _PLANNED.search(ctx.text, max(s, t_start - 6), t_start):
                continue  # 调研组还将实地考察…: a plan, not a visit made
            clause_end = next((k for k in range(t_end, e) if ctx.text[k] in _CLAUSE_END), e)
            objects = [o for o in ctx.in_span(t_end, clause_end) if o.label in PLACE_LIKE]
            if not objects:
                # 李东林来茶陵考察 / 赴醴陵调研: the place between the verb of motion and the trigger
                ending = [x for x in ctx.names if x.label in PLACE_LIKE and x.end == t_start and x.start > s]
                if ending:
                    place = min(ending, key=lambda x: x.start)
                    lead = ctx.text[max(s, place.start - 2) : place.start]
                    if re.search(f"(?:{lx.clause_alternation('motion_verbs')})$", lead):
                        objects = [place]
            zai = ctx.text.rfind("在", s, t_start)
            if not objects and zai >= 0:
                chain = _chain_from(ctx, zai + 1)
                if chain and t_start - chain[-1].end <= 2:
                    objects = chain[-1:]
            # 来到衡阳县西渡镇梅花村油茶示范基地: the county, town and village only say where the base is
            objects = [o for o in objects if not (o.subtype == "admin" and any(
                x is not o and (x.start == o.end or (x.start <= o.start and o.end <= x.end and x.end - x.start >
                                                     o.end - o.start)) for x in objects))]
            if not objects:
                continue
            people = [p for p in ctx.in_span(s, t_start) if p.label == "PER" and not _is_credit(p)]
            group = re.search(_GROUP_WORDS, ctx.text[s:t_start])
            delegation = (_delegation(ctx, group.group(0)) or _visit_leader(ctx)) if group else None
            if delegation is not None and not (delegation.start >= s and delegation.end <= t_start):
                # 调研组首先来到秋瑾故居考察: the delegation the article named in full
                subjects = [delegation]
            elif people:
                subjects = people[-1:]
            else:
                after = [p for p in ctx.in_span(clause_end, e) if p.label == "PER"]
                # organisations as visitors: not the org part of someone's title, not a place phrase (在中车株机,…)
                orgs = [o for o in ctx.in_span(s, t_start) if o.label == "ORG" and not _in_title(ctx, o)
                        and not ctx.text[max(s, o.start - 1) : o.start] == "在"]
                subjects = after[:1] if m.group(0) == "来到" and after else orgs
            if any(s <= x.start and x.end <= t_start and irrealis_between(ctx.text, x.end, t_start) for x in subjects):
                continue  # 黄建平致辞，欢迎企业家来株考察: the speaker's wish for others' visit
            for subject in subjects:
                for obj in objects:
                    if obj.normalized != subject.normalized:
                        ctx.add("visited", subject, obj, _span(subject, obj, (t_start, t_end)), "rel:visited_trigger")


_GROUP_WORDS = "调研组|代表团|考察团|工作组|督导组|访问团"
_UNIT_SUFFIXES = ("事业部", "研究院", "分公司", "子公司", "车间", "分厂", "实验室", "研发中心", "工厂", "分院")


def frame_visit_relations(ctx: Context) -> None:
    """A visit report goes from stop to stop, each paragraph opening with the place: 在中车株机，调研组实地考察…;
    在排渍站，张明听取了…. The party that opens the clause after the frame visited the place; units toured there
    (城轨事业部、研究院) belong to the organisation that frames them."""
    if not trigger_re("visited").search(ctx.text):
        return  # only in reports of a visit
    openings = sorted({s for s, _ in ctx.sentences} | {m.end() for m in re.finditer("\n", ctx.text)})
    for s in openings:
        e = next((k + 1 for k in range(s, len(ctx.text)) if ctx.text[k] in "。！？!?\n"), len(ctx.text))
        lead = re.match(r"(?:[^，。\n]{0,6}，)?在", ctx.text[s:e])
        if not lead:
            continue
        places, after = _framed_places(ctx, s + lead.end())
        if not places:
            continue
        place = places[-1]
        clause_end = next((k for k in range(after, e) if ctx.text[k] in _CLAUSE_END), e)
        group = re.match(rf"(?:{_GROUP_WORDS}|一行)", ctx.text[after:clause_end])
        visitor = (_delegation(ctx, group.group(0)) or _visit_leader(ctx)) if group else None
        if visitor is None:
            visitor = next((p for p in ctx.in_span(after, e) if p.label == "PER" and p.start - after <= 1
                            and not _is_credit(p)), None)
        if visitor is None:
            continue
        for stop in places:
            ctx.add("visited", visitor, stop, _span(stop, visitor), "rel:visited_frame")
        if len(places) > 1 or place.label != "ORG":
            continue
        for unit in ctx.in_span(after, e):
            name = unit.normalized or ""
            if unit.label == "ORG" and name.endswith(_UNIT_SUFFIXES) and unit is not visitor \
                    and not any(o.label == "ORG" and name.startswith(o.normalized or "\0") and o is not unit
                                for o in ctx.names):
                ctx.add("part_of", unit, place, _span(place, unit), "rel:part_of_frame")


def _framed_places(ctx: Context, pos: int) -> tuple[list[Mention], int]:
    """The stops a frame opens with, and where its clause goes on: 在中车株机， → [中车株机]; 在A、B和C等地， → [A, B, C]
    (of chained places only the last: 在芦淞区白关镇， → 白关镇)."""
    stops = []
    while True:
        chain = _chain_from(ctx, pos)
        if not chain:
            return [], pos
        stops.append(chain[-1])
        rest = ctx.text[chain[-1].end : chain[-1].end + 8]
        closer = re.match(r"(?:等(?:地|企业|单位|项目|园区|处|村|社区)?)?[，,]", rest)
        if closer:
            return stops, chain[-1].end + closer.end()
        joiner = re.match(r"[、和及与]", rest)
        if not joiner:
            return [], pos
        pos = chain[-1].end + 1


def _visit_leader(ctx: Context) -> Mention | None:
    """调研组一行先后走访了…: where the article names no delegation, the group is its visit's one named visitor."""
    starts = {tuple(v.attrs["visitor"])[0] for v in ctx.events if v.attrs.get("kind") == "visit" and v.attrs.get("visitor")}
    leaders = {p.normalized: p for p in ctx.names if p.label == "PER" and p.start in starts and p.end > p.start}
    return next(iter(leaders.values())) if len(leaders) == 1 else None


def _city_of_char(ctx: Context, char: str, span) -> Mention | None:
    from kg.extract.places import divisions

    table = divisions()
    places = [x for x in ctx.names if x.label == "LOC" and (x.normalized or "").startswith(char)
              and any(d.level <= 2 for d in table.lookup(x.normalized or ""))]
    if places:
        # 来株: the one-character form is a name the text uses for the city (an alias of 株洲)
        city = places[0]
        place = ctx.new_mention(char, "LOC", span[0], span[1], "loc:city_initial", subtype="admin",
                                short_of=city.attrs.get("short_of") or city.normalized)
        ctx.names.append(place)
        return place
    publisher = ctx.article.publisher or ""
    for name in (lx.publisher_places().get(publisher), publisher[:2], publisher[:3]):
        options = [d for d in table.lookup(name or "") if d.level == 2 and d.name.startswith(char)]
        if len(options) == 1:
            place = ctx.new_mention(options[0].name, "LOC", span[0], span[1], "loc:city_initial", subtype="admin")
            ctx.names.append(place)
            return place
    return None


def _delegation(ctx: Context, word: str) -> Mention | None:
    """调研组 → the one delegation the article names in full (佛山市党政代表团 / 广东省佛山市党政代表团 are one)."""
    named = {o.normalized: o for o in ctx.names if o.label == "ORG" and (o.normalized or "").endswith(word)
             and len(o.normalized or "") > len(word)}
    if not named:
        return None
    longest = max(named, key=len)
    return named[longest] if all(longest.endswith(n) for n in named) else None


def visit_event_relations(ctx: Context) -> None:
    """A visit told as one occurrence (副省长李建中在株洲督导…工作): who made it, where, and who went along (陪同/参加)."""
    visits = [e for e in ctx.events if e.attrs.get("kind") == "visit"]
    if not visits:
        return
    visit = ctx.main_event if ctx.main_event in visits else visits[0]
    for v in visits:
        s, e = ctx.sentence_of(v.start)
        place_span = v.attrs.get("place")
        place, also = None, []
        if place_span:
            # 在株洲醴陵市调研: the visit is where the last, most specific place of the chain is; 在石峰区、天元区调研:
            # at each place of a list
            chain = [x for x in ctx.names if x.label == "LOC" and place_span[0] <= x.start and x.end <= place_span[1]]
            place = chain[-1] if chain else None
            also = [x for x, nxt in zip(chain, chain[1:]) if re.fullmatch("[、和及与]", ctx.text[x.end : nxt.start])]
            place = place or next((x for x in ctx.names if x.label == "LOC" and x.start <= place_span[0] < x.end), None)
            if place is None and place_span[1] - place_span[0] == 1:
                # 来株: the one-character name of the article's city (株洲), a division the text or the paper names
                place = _city_of_char(ctx, ctx.text[place_span[0]], place_span)
            elif place is None:
                # 在醴陵督导: the visit rule checked that the place is a division's name
                place = ctx.new_mention(ctx.text[place_span[0] : place_span[1]], "LOC", place_span[0], place_span[1],
                                        "loc:visit_place", subtype="admin")
                ctx.names.append(place)
        for where in [*also, place] if place is not None else []:
            ctx.add("event_location", visit, where, _span(v, where), "rel:visit_location")
        inside = [o for o in ctx.names if o.label == "ORG" and v.start <= o.start and o.end <= v.end]
        named = v.attrs.get("visitor")  # 郑伟在邵阳市调研: the visit is named after its visitor
        named = [p for p in ctx.names if named and p.label == "PER" and p.start == named[0] and p.end > p.start]
        visitors = named or inside or [p for p in ctx.in_span(s, v.start) if p.label in ("PER", "ORG") and not _is_credit(p)
                              and not _in_title(ctx, p) and p.subtype != "media"
                              and not ctx.text.startswith("讯", p.end)]
        for visitor in visitors[-1:]:
            ctx.add("attended", visitor, visit, _span(visitor, v), "rel:visit_visitor")
            for where in [*also, place] if place is not None else []:
                ctx.add("visited", visitor, where, _span(visitor, where), "rel:visit_visitor_place")
    if not visit.attrs.get("date"):
        first = next((d for d in find_dates(ctx.text, ctx.article.date)), None)
        if first is not None:
            ctx.add("event_date", visit, None, (first.start, first.end), "rel:visit_lede_date", literal=first.value)
    for s, e in ctx.sentences:
        # 扎西达娃率调研组在株调研 / 梁志勤带队: who leads the delegation makes the visit with it
        for m in re.finditer(rf"(?:率|带领)(?:{_GROUP_WORDS})|(?:率队|带队)", ctx.text[s:e]):
            leaders = [p for p in ctx.in_span(s, s + m.start()) if p.label == "PER" and not _is_credit(p)
                       and s + m.start() - p.end <= 1]
            for person in leaders:
                ctx.add("attended", person, visit, _span(person, (s + m.start(), s + m.end())), "rel:visit_leader")
        for m in re.finditer("(陪同|参加|随同)(?:调研|考察|督导|视察)", ctx.text[s:e]):
            people = [p for p in ctx.in_span(s, s + m.start()) if p.label == "PER" and not _is_credit(p)]
            for person in people:
                ctx.add("attended", person, visit, _span(person, (s + m.start(), s + m.end())), "rel:visit_companion")


def meeting_relations(ctx: Context) -> None:
    """袁家军会见井贤栋一行: the host and the guest of a meeting attended it."""
    for meeting in [e for e in ctx.events if e.attrs.get("parties")]:
        for start, end in meeting.attrs["parties"]:
            person = next((p for p in ctx.names_starting(start, start) if p.label == "PER" and p.end == end), None)
            if person is not None:
                ctx.add("attended", person, ctx.named(meeting), _span(person, meeting), "rel:meeting_party")


def _project_amounts(ctx: Context) -> None:
    for m in _AMOUNT_RE.finditer(ctx.text):
        s, e = ctx.sentence_of(m.start())
        inside = [p for p in ctx.projects if s <= p.start < e]
        if inside:
            target = inside[-1]
        elif re.search("该项目|项目总投资|项目投资", ctx.text[s : m.end()]):
            earlier = [p for p in ctx.projects if p.end <= m.start()]
            target = earlier[-1] if earlier else None
        else:
            target = None
        if target is not None:
            amount = strip_spaces(m.group("amount"))
            for p in ctx.projects:
                if p.normalized == target.normalized:
                    p.attrs.setdefault("amount", amount)


def _project_anaphor(ctx: Context, s: int, e: int) -> Mention | None:
    """该项目… / 项目…: the project last named before this sentence."""
    if re.match(r"\s*(?:该|这一|此)?项目", ctx.text[s:e]) or "该项目" in ctx.text[s:e]:
        earlier = [p for p in ctx.projects if p.end <= s]
        return earlier[-1] if earlier else None
    return None


def investment_relations(ctx: Context) -> None:
    _project_amounts(ctx)
    for project in ctx.projects:
        # 湖南楚材新材料有限公司年产5万吨…项目: the company that names the project invests in it
        owner = next((o for o in ctx.names if o.label == "ORG" and o.subtype in (None, "company")
                      and (o.end == project.start or (o.start == project.start and o.end < project.end - 2))), None)
        if owner is not None:
            attrs = {"amount": project.attrs["amount"]} if project.attrs.get("amount") else {}
            ctx.add("invests_in", owner, project, _span(owner, project), "rel:invests_name_prefix", attrs=attrs)
    for s, e in ctx.sentences:
        for m in trigger_re("invests_in").finditer(ctx.text, s, e):
            if ctx.text[max(s, m.start() - 1) : m.start()] in ("总", "计划"):
                continue  # 总投资20亿元的…项目: the project's size, not an investor's act
            projects = [p for p in ctx.projects if s <= p.start < e]
            if not projects:
                anaphor = _project_anaphor(ctx, s, e)
                projects = [anaphor] if anaphor is not None else []
            if not projects:
                continue
            by = ctx.text.rfind("由", s, m.start())
            bodies = [o for o in ctx.in_span(by + 1 if by >= 0 else s, m.start())
                      if o.label == "ORG" and not _is_credit(o) and o.subtype != "media"]
            investors = bodies if by >= 0 else bodies[-1:]
            amount = _AMOUNT_RE.search(ctx.text, m.start(), e)
            for org in investors:
                project = min(projects, key=lambda p: abs(p.start - m.start()))
                value = strip_spaces(amount.group("amount")) if amount else project.attrs.get("amount")
                attrs = {"amount": value} if value else {}
                ctx.add("invests_in", org, project, _span(org, project, (m.start(), m.end())), "rel:invests_trigger",
                        attrs=attrs)


def _group_bodies(ctx: Context) -> None:
    """西藏自治区政协调研组: a delegation or working group named after the body that sent it; that body is
    named too (a mention inside the group's name), so the group can be part of it."""
    suffixes = tuple(sfx for sfx, _, _ in lx.org_suffixes())
    for unit in [m for m in ctx.names if m.label == "ORG"]:
        name = unit.normalized or ""
        group = re.search(f"(?:{_GROUP_WORDS})$", name)
        if not group or unit.text != name:
            continue
        body = name[: group.start()]
        if len(body) < 4 or not body.endswith(suffixes) or any(m.label == "ORG" and m.normalized == body
                                                               for m in ctx.names):
            continue
        ctx.names.append(ctx.new_mention(body, "ORG", unit.start, unit.start + len(body), "org:group_body",
                                         subtype="government"))


def part_of_relations(ctx: Context) -> None:
    _group_bodies(ctx)
    orgs = [m for m in ctx.names if m.label == "ORG"]
    # one representative mention per distinct name (the first): the check is per name, so a long article with
    # thousands of mentions of a few organisations stays linear
    by_name: dict[str, Mention] = {}
    for p in orgs:
        if len(p.normalized or "") >= 3:
            by_name.setdefault(p.normalized, p)
    for unit in orgs:
        # 湖南工业大学化学与生物技术学院 / 西藏自治区政协调研组: a unit named after the body it belongs to
        name = unit.normalized or ""
        # (湘潭大学—星火机电联合实验室 is a joint body of two parties, part of neither)
        # (睿泽艺术 written for 睿泽艺术（深圳）有限公司 is the company's short name, not its parent)
        prefixes = [name[:k] for k in range(3, len(name) - 1) if name[k] not in "—-－" and name[:k] in by_name
                    and by_name[name[:k]].attrs.get("short_of") != name]
        if prefixes:
            parent = by_name[max(prefixes, key=len)]
            ctx.add("part_of", unit, parent, (unit.start, unit.end), "rel:part_of_name_prefix")
    for s, e in ctx.sentences:
        for m in trigger_re("part_of").finditer(ctx.text, s, e):
            word = m.group(0)
            orgs_before = [o for o in ctx.in_span(s, m.start()) if o.label == "ORG"]
            if word in ("旗下", "下属"):
                after = [o for o in ctx.in_span(m.end(), e) if o.label == "ORG" and o.start - m.end() <= 2]
                if orgs_before and after and m.start() - orgs_before[-1].end <= 1:
                    ctx.add("part_of", after[0], orgs_before[-1], _span(orgs_before[-1], after[0]), "rel:part_of_trigger")
            elif len(orgs_before) >= 2 and re.search("是$", ctx.text[orgs_before[-2].end : orgs_before[-1].start]) \
                    and re.fullmatch("的?", ctx.text[orgs_before[-1].end : m.start()]):
                ctx.add("part_of", orgs_before[-2], orgs_before[-1], _span(orgs_before[-2], orgs_before[-1]),
                        "rel:part_of_trigger")


RULES = (
    pattern_relations,
    model_title_relations,
    position_relations,
    byline_positions,
    author_relations,
    alias_relations,
    event_relations,
    present_at_meeting_relations,
    organized_relations,
    event_date_relations,
    event_location_relations,
    hosting_place_relations,
    ceremony_actor_relations,
    cooperation_relations,
    party_list_cooperation,
    located_in_relations,
    visit_relations,
    visit_event_relations,
    meeting_relations,
    frame_visit_relations,
    investment_relations,
    part_of_relations,
)


def extract_relations(article: Article, text: str, sentences, mentions: list[Mention],
                      headline_events: list[str] | None = None) -> list[RelationMention]:
    """All relation rules over one article; may append implied ORG mentions to `mentions`."""
    ctx = Context(article=article, text=text, sentences=list(sentences), mentions=mentions,
                  headline_events=headline_events or [])
    for rule in RULES:
        try:
            rule(ctx)
        except Exception as error:  # a rule that trips on one article must not stop the others
            log.warning("relation rule %s failed on article %s: %s", rule.__name__, article.id, error)
    return ctx.out
