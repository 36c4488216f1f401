"""The resolver (see kg/resolve/__init__.py for what it merges and why)."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from dataclasses import dataclass

from kg.extract import lexicon as lx
from kg.extract.places import Division, divisions, leading_division
from kg.records import ArticleExtraction, Entity, Evidence, Mention, Relation
from kg.resolve.keys import Cluster

_LOCAL_PREFIXES = ("自治区", "省", "市", "县", "区", "镇", "乡", "州")
_LEGAL_FORM = re.compile(r"(?:股份有限责任|有限责任|股份有限|有限)公司$")
_SCOPE = re.compile(r"^(?:全市|全省|全县|全区|全国|我市|我省|我县|我区)")
_AREA = re.compile(r"(?:片区|景区|风景区|风景名胜区)$")
_ORDINAL = re.compile(r"第[0-9一二三四五六七八九十百]+(?:届|次|期)")
_PLACE_SUFFIXES = ("村", "镇", "乡", "县", "区", "市", "社区", "街道", "景区", "片区")
# bare government names expand to their official form once qualified (株洲市 + 政府 → 株洲市人民政府)
_OFFICIAL = {"政府": "人民政府"}


@dataclass
class ArticlePlace:
    province: Division | None = None
    city: Division | None = None
    county: Division | None = None

    def for_prefix(self, prefix: str) -> Division | None:
        if prefix == "自治区":  # 自治区统计局 in a 内蒙古 article
            return self.province if self.province is not None and self.province.name.endswith("自治区") else None
        if prefix == "州":  # 州委, 州人民政府 in an autonomous prefecture
            return self.city if self.city is not None and self.city.name.endswith("自治州") else None
        return {"省": self.province, "市": self.city, "县": self.county, "区": self.county}.get(prefix)


def _division_of(name: str) -> Division | None:
    found = divisions().lookup(name)
    return found[0] if len(found) == 1 else None


def article_place(extraction: ArticleExtraction) -> ArticlePlace:
    """The city/county an article is about: its publisher's home, else its most mentioned divisions."""
    table = divisions()
    counts: Counter[str] = Counter()
    for m in extraction.mentions:
        if m.label == "LOC":
            for d in _place_reading(m.attrs.get("short_of") or m.normalized or m.text, False):
                counts[d.code] += 1
        elif m.label == "ORG" and not m.attrs.get("implied_by_title"):
            # 湘潭市委, 湘潭经开区管委会: a body named after its place says where the article is
            for d in _place_reading(m.normalized or m.text, True):
                counts[d.code] += 1
    place = ArticlePlace()
    publisher = extraction.article.publisher or ""
    publisher_place = lx.publisher_places().get(publisher)
    if publisher_place is None and publisher:
        # 湘潭日报 → 湘潭市: a local paper is named after its city
        for length in (3, 2):
            options = [d for d in table.lookup(publisher[:length]) if d.level <= 2]
            if len(options) == 1:
                publisher_place = options[0].name
                break
    if publisher_place:
        d = _division_of(publisher_place)
        if d is not None and d.level == 2:
            place.city = d
        elif d is not None and d.level == 1:
            place.province = d
    levels: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for code, n in counts.items():
        levels[table.by_code[code].level].append((n, code))
    if place.city is None and levels[2]:
        place.city = table.by_code[max(levels[2])[1]]
    if levels[3]:
        place.county = table.by_code[max(levels[3])[1]]
    if place.city is None and place.county is not None:
        place.city = table.by_code.get(place.county.parent)
    if place.province is None and place.city is not None:
        place.province = table.by_code.get(place.city.parent)
    if place.province is None and levels[1]:
        place.province = table.by_code[max(levels[1])[1]]  # 甘肃省委 … 省委组织部: a province the article names
    return place


def _place_reading(name: str, leading: bool) -> list[Division]:
    """The divisions a place name (or the place a body's name opens with, `leading`) counts for in article_place."""
    memo = _READINGS
    if memo is not None and (name, leading) in memo:
        return memo[(name, leading)]
    table = divisions()
    reading = _enclosing_reading(table.lookup((leading_division(name) or "") if leading else name))
    if memo is not None:
        memo[(name, leading)] = reading
    return reading


def qualify_local_name(name: str, place: ArticlePlace) -> str | None:
    """市委 → 株洲市委, 县政府 → 茶陵县人民政府, 省科技厅 → 湖南省科技厅, 团市委 → 共青团株洲市委; None when not a
    local short form."""
    league = re.match("(?:共青)?团(?=[省市县区]委$)", name)
    if league:
        qualified = qualify_local_name(name[league.end() :], place)
        return "共青团" + qualified if qualified else None
    if len(name) < 2 or not name.startswith(_LOCAL_PREFIXES):
        return None
    prefix = next(p for p in _LOCAL_PREFIXES if name.startswith(p))
    rest = name[len(prefix) :]
    if divisions().lookup(name) or rest[:1] in ("级", "场", "民", "内", "外", "属", "直"):
        return None
    division = place.for_prefix(prefix)
    if division is None:
        return None
    rest = _OFFICIAL.get(rest, rest)
    return division.name + rest


# Memos of pure helpers (their answer depends on the text only), kept for one resolve() call: a corpus asks for the
# same names again and again (~600k times on 5,600 articles)
_STRIPPED: dict[str, str] | None = None
_SURFACES: dict[str, str] | None = None
_READINGS: dict[tuple[str, bool], list[Division]] | None = None


def _strip_place_prefix(name: str) -> str:
    memo = _STRIPPED
    if memo is None:
        return _strip_place_prefix_of(name)
    stripped = memo.get(name)
    if stripped is None:
        stripped = memo[name] = _strip_place_prefix_of(name)
    return stripped


def _strip_place_prefix_of(name: str) -> str:
    if name.startswith("中共") and len(name) > 4:  # 中共株洲市委 ~ 株洲市委
        return name[2:]
    table = divisions()
    for length in range(min(len(name) - 2, 6), 1, -1):
        head = name[:length]
        if head in table.by_name or head in table.by_short or head in lx.regions():
            return name[length:]
    return name


def _expand_place_prefix(name: str) -> str:
    """炎陵红军标语博物馆 → 炎陵县红军标语博物馆: a leading short division name written in full."""
    table = divisions()
    for length in range(min(len(name) - 2, 5), 1, -1):
        codes = table.by_short.get(name[:length])
        if codes and len(codes) == 1:
            return table.by_code[codes[0]].name + name[length:]
    return name


def _in_order(short: str, full: str) -> bool:
    pos = 0
    for ch in short:
        pos = full.find(ch, pos)
        if pos < 0:
            return False
        pos += 1
    return True


def is_abbreviation(short: str, full: str) -> bool:
    """中车株机 ↔ 中车株洲电力机车有限公司: the short form's characters appear in order, starting at the name's start
    (after a leading place name), and the short form is not a plain prefix of a longer different name."""
    if len(short) < 2 or len(short) >= len(full):
        return False
    # the name as written and without its leading place (a list, not a set: the answer must not depend on which
    # reading is tried first, e.g. 中央 and 中共中央办公厅 read in order as written but a body of 中央 once 中共 goes)
    candidates = [c for c in dict.fromkeys((full, _strip_place_prefix(full))) if c and c[0] == short[0]]
    if any(c.startswith(short) and _is_sub_body(c[len(short):]) for c in candidates):
        return False  # 中车株洲 | 专家委员会: a body of 中车株洲, not another name of it
    return any(_in_order(short, c) for c in candidates)


_YEAR_PREFIX = re.compile(r"^((?:19|20)\d{2})年度?")


def _plain_event_name(name: str) -> tuple[str, str | None]:
    """An event's name without quotes, ordinals, scope words and a leading year, and that year."""
    text = _SCOPE.sub("", _ORDINAL.sub("", re.sub(r"[\"“”‘’]", "", name)))
    year = _YEAR_PREFIX.match(text)
    text = _SCOPE.sub("", text[year.end() :]) if year else text
    return text, year.group(1) if year else None


def _without_legal_form(name: str) -> str:
    """某某集团有限公司 → 某某集团, 某某混凝土公司 → 某某混凝土: a company's name without its legal form."""
    plain = re.sub("公司$", "", _LEGAL_FORM.sub("", name))
    return plain if len(plain) >= 2 else name


def _is_sub_body(rest: str) -> bool:
    """专家委员会, 党委, 分公司: a body of its own (a committee, branch or office), unlike a legal form (有限公司)."""
    if len(rest) < 2:
        return False
    suffix = next((sfx for sfx, _, _ in lx.org_suffixes() if rest.endswith(sfx)), None)
    strength = next((st for sfx, _, st in lx.org_suffixes() if sfx == suffix), None)
    return suffix is not None and strength != "strong"


# --------------------------------------------------------------------------- keys


def _known_org_index() -> dict[str, tuple[str, str]]:
    index = {}
    for name, subtype, aliases in lx.known_orgs():
        index[name] = (name, subtype)
        for alias in aliases:
            index[alias] = (name, subtype)
    return index


def _division_for(name: str, context_codes: set[str]) -> Division | None:
    """The division a place name denotes, preferring one inside the article's places (or the home province)."""
    from kg.extract.places import at_home

    candidates = divisions().lookup(name)
    if not candidates:
        return None
    if len(candidates) == 1:
        return candidates[0]
    table = divisions()

    def score(d: Division) -> tuple[int, int]:
        chain = {d.code} | {a.code for a in table.ancestors(d.code)}  # 衡阳市 named in the article counts for itself
        return (len(chain & context_codes), int(at_home(d.code)))

    ranked = sorted(candidates, key=score, reverse=True)
    if score(ranked[0]) > score(ranked[1]):
        return ranked[0]
    tied = _enclosing_reading([d for d in ranked if score(d) == score(ranked[0])])
    return tied[0] if len(tied) == 1 else None


def _enclosing_reading(candidates: list[Division]) -> list[Division]:
    """衡阳 of 衡阳市 and 衡阳县 (a county inside it): the short form is the city's, the county is called by its full
    name; other ambiguities stay as they are."""
    table = divisions()
    enclosing = [d for d in candidates
                 if all(d is o or d.code in {a.code for a in table.ancestors(o.code)} for o in candidates)]
    return enclosing[:1] if enclosing else candidates


def _provincial(place: str) -> bool:
    """西藏自治区, 湖南省: a province-level division's name."""
    found = divisions().lookup(place)
    return bool(found) and all(d.level == 1 for d in found)


def _loc_suffixes() -> tuple[str, ...]:
    """Zone and venue suffixes (新区, 会展中心, 工业园…), longest first; not villages, roads or admin words."""
    return tuple(sorted((sfx for sfx, kind in lx.loc_suffixes() if kind in ("zone", "facility")), key=len, reverse=True))


def _short_forms_written(c: Cluster) -> set[str]:
    """The forms the text writes for what we read in full (省委 → 湖南省委, 签约仪式 → the ceremony's full name, 株 in
    来株 → 株洲): the guidelines list them as aliases. A title's implied body is our reading, not a written form."""
    if c.label == "PER":
        return set()
    # a name composed from the text (龚正会见… of 龚正今天（29日）会见了…) has a surface that is no name of its own
    return {_surface(m) for m in c.mentions if m.normalized and m.normalized != m.text and m.end > m.start
            and not m.attrs.get("implied_by_title") and not m.attrs.get("composed_name")}


def _written_short_name(m: Mention) -> str | None:
    """A short name written inside the mention (振兴湘赣边·央企在行动 in “振兴湘赣边·央企在行动”活动)."""
    short = m.attrs.get("short_name")
    # a visit's name without its visitor (来株考察) is how we found it, not a name the text gives it
    return short if short and m.attrs.get("kind") != "visit" and short in _surface(m) else None


def _surface(m: Mention) -> str:
    memo = _SURFACES
    if memo is None:
        return re.sub(r"\s+", "", lx.fix_artefacts(m.text))
    surface = memo.get(m.text)
    if surface is None:
        surface = memo[m.text] = re.sub(r"\s+", "", lx.fix_artefacts(m.text))
    return surface


def _link_division_parents(entities: list[Entity], used_ids: set[str]) -> None:
    """白关镇 → 芦淞区 → 株洲市 → 湖南省: attrs['parent'] names the parent place's entity; parents the text does not
    name are added from the division table (no mentions; attrs['source'] = 'division_table')."""
    table = divisions()
    by_code = {e.attrs["division_code"]: e for e in entities if e.type == "LOC" and e.attrs.get("division_code")}
    pending = list(by_code.values())
    while pending:
        entity = pending.pop()
        division = table.by_code.get(entity.attrs["division_code"])
        if division is None or not division.parent or division.parent not in table.by_code:
            entity.attrs.pop("parent", None)
            continue
        parent = by_code.get(division.parent)
        if parent is None:
            official = table.by_code[division.parent]
            entity_id = f"loc/{official.name}"
            n = 2
            while entity_id in used_ids:
                entity_id = f"loc/{official.name}~{n}"
                n += 1
            used_ids.add(entity_id)
            parent = Entity(id=entity_id, type="LOC", name=official.name, subtype="admin",
                            attrs={"division_code": official.code, "source": "division_table"})
            entities.append(parent)
            by_code[official.code] = parent
            pending.append(parent)
        entity.attrs["parent"] = parent.id


def resolve(extractions: list[ArticleExtraction]) -> tuple[list[Entity], list[Relation]]:
    from kg.resolve.engine import resolve_all

    with memos():
        entities, relations, _ = resolve_all(extractions, keep=False)
    return entities, relations


@contextmanager
def memos() -> Iterator[None]:
    """The memos of the pure helpers, kept for one resolution."""
    global _STRIPPED, _SURFACES, _READINGS
    _STRIPPED, _SURFACES, _READINGS = {}, {}, {}
    try:
        yield
    finally:
        _STRIPPED = _SURFACES = _READINGS = None


def _leading_place(written: str, forms: dict[str, list[tuple[str, Entity]]]) -> Entity | None:
    """The most specific place a body's written name opens with: 河南省驻马店市委 → 驻马店市, not 河南省. `forms`: the
    article's place names by their first character, each list longest first."""
    place, pos = None, 0
    while True:
        step = next(((form, p) for form, p in forms.get(written[pos : pos + 1], ()) if written.startswith(form, pos)
                     and _body_after_place(written, pos + len(form))), None)
        if step is None:
            return place
        pos += len(step[0])
        place = step[1]


def _body_after_place(written: str, end: int) -> bool:
    """What follows the place at `end` names a body: two characters or more, or one that ends a body's suffix with
    the place's last character (迁安市|委: 市委, a party committee)."""
    rest = written[end:]
    return len(rest) >= 2 or (len(rest) == 1 and written[end - 1 :] in _one_character_suffix_bodies())


@cache
def _one_character_suffix_bodies() -> frozenset[str]:
    return frozenset(suffix for suffix, _, _ in lx.org_suffixes() if len(suffix) == 2)


def _encloses(outer: Entity, inner: Entity, table, world, parents) -> bool:
    """Whether `outer` contains `inner` by the division table (any ancestor) or the world gazetteer (a city's
    country; a Chinese place in 中国)."""
    code, outer_code = inner.attrs.get("division_code"), outer.attrs.get("division_code")
    if code and outer_code:
        return any(d.code == outer_code for d in table.ancestors(code))
    country = parents.get(world[inner.name][0]) if inner.name in world else ("中国" if code else None)
    return country is not None and outer.name in world and world[outer.name][0] == country


def _sentence_evidence(ex: ArticleExtraction | None, m: Mention) -> Evidence | None:
    if ex is None:
        return None
    covering = [(s, e) for s, e in ex.sentences if s < m.end and m.start < e]
    if not covering:
        return None
    s, e = covering[0][0], max(covering[-1][1], m.end)
    return Evidence(article_id=m.article_id, sentence=ex.article.text[s:e], sentence_start=s, sentence_end=e,
                    start=m.start, end=m.end, rule="resolve:alias")


def _fullest(c: Cluster) -> str:
    names = [n for n in c.names if n]
    if not names:
        return c.key
    if c.label == "EVENT" and c.key.startswith("visit@"):
        # a delegation's visit is named with the delegation (西藏自治区政协调研组来株考察交流)
        named = [n for n in names if re.search(r"(?:调研组|代表团|考察团|工作组|督导组|访问团)(?:来|到|赴)", n)]
        if named:
            return max(named, key=len)
    # the fullest written form (for persons: the most frequent spelling)
    return max(names, key=lambda n: (len(n) if c.label != "PER" else c.names[n], c.names[n], n))


def _majority(values) -> str | None:
    """The most frequent value, the first seen among equals (Counter.most_common(1), without the Counter)."""
    counts: dict = {}
    for value in values:
        if value:
            counts[value] = counts.get(value, 0) + 1
    if not counts:
        return None
    best, most = None, 0
    for value, n in counts.items():
        if n > most:
            best, most = value, n
    return best
