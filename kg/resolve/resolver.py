"""The resolver (see kg/resolve/__init__.py for what it merges and why)."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from functools import cache
from dataclasses import dataclass, field

from kg.extract import lexicon as lx
from kg.extract.places import Division, divisions, leading_division
from kg.records import ArticleExtraction, Entity, Evidence, Mention, Relation
from kg.vocab import oriented

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
    """市委 → 株洲市委, 县政府 → 茶陵县人民政府, 省科技厅 → 湖南省科技厅; None when not a local short form."""
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


@dataclass
class Cluster:
    label: str
    key: str
    names: Counter = field(default_factory=Counter)  # surface/qualified forms
    mentions: list[Mention] = field(default_factory=list)
    canonical: str | None = None  # forced canonical name (lexicon, definition, qualified, division)
    attrs: dict = field(default_factory=dict)
    documents: set = field(default_factory=set)
    articles: set = field(default_factory=set)


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


def _document_of(m: Mention, by_article: dict[str, ArticleExtraction]) -> str:
    ex = by_article.get(m.article_id)
    return ex.article.document_id if ex is not None else m.article_id


def resolve(extractions: list[ArticleExtraction]) -> tuple[list[Entity], list[Relation]]:
    global _STRIPPED, _SURFACES, _READINGS
    _STRIPPED, _SURFACES, _READINGS = {}, {}, {}
    try:
        return _resolve(extractions)
    finally:
        _STRIPPED = _SURFACES = _READINGS = None


def _resolve(extractions: list[ArticleExtraction]) -> tuple[list[Entity], list[Relation]]:
    known = _known_org_index()
    extractions_by_article = {ex.article.id: ex for ex in extractions}
    clusters: dict[tuple[str, str], Cluster] = {}
    mention_key: dict[tuple[str, str], tuple[str, str]] = {}  # (article_id, mention id) → cluster key
    table = divisions()

    def cluster(label: str, key: str) -> Cluster:
        k = (label, key)
        if k not in clusters:
            clusters[k] = Cluster(label=label, key=key)
        return clusters[k]

    # FULL（以下简称“ABBR”）: an abbreviation defined once stands for its full name in every article, unless the
    # corpus defines it for two different names
    corpus_definitions: dict[str, set[str]] = defaultdict(set)
    for ex in extractions:
        for m in ex.mentions:
            span = m.attrs.get("alias_of")
            if m.source == "alias:abbreviation" and span:
                full = next((f for f in ex.mentions if [f.start, f.end] == list(span)), None)
                if full is not None:
                    corpus_definitions[m.normalized].add(full.normalized)
    unique_definitions = {a: next(iter(f)) for a, f in corpus_definitions.items() if len(f) == 1}

    places: dict[str, ArticlePlace] = {}
    for ex in extractions:
        article = ex.article
        place = places[article.id] = article_place(ex)
        context_codes = {d.code for d in (place.province, place.city, place.county) if d is not None}
        doc_scope = article.document_id

        # definitions first: FULL（以下简称“ABBR”） ties the abbreviation to the full name in this article
        definitions: dict[str, str] = dict(unique_definitions)
        local_definitions: dict[str, str] = {}
        for m in ex.mentions:
            span = m.attrs.get("alias_of")
            if m.source == "alias:abbreviation" and span:
                full = next((f for f in ex.mentions if [f.start, f.end] == list(span)), None)
                if full is not None:
                    definitions[m.normalized] = full.normalized
                    local_definitions[m.normalized] = full.normalized

        org_names = {o.normalized for o in ex.mentions if o.label == "ORG" and o.normalized}
        visit_days = {m.attrs["date"] for m in ex.mentions if m.attrs.get("kind") == "visit" and m.attrs.get("date")}
        for m in ex.mentions:
            if m.label == "TITLE":
                continue
            surface = m.normalized or m.text
            label = m.label
            canonical = None
            key = surface
            if label == "ORG":
                surface_full = definitions.get(surface) or m.attrs.get("short_of") or surface
                if surface_full == surface and len(surface) <= 4 and surface[:1] in "市省县区镇乡":
                    # 区政协 beside 西藏自治区政协调研组: the one provincial body of the article whose full name ends
                    # so (a city's 市司法局 is still the paper's own city's, whatever other city the text names)
                    longer = {o for o in org_names if len(o) > len(surface) and o.endswith(surface)
                              and _provincial(o[: -len(surface) + 1])}
                    if len(longer) == 1:
                        surface_full = next(iter(longer))
                if surface_full in known:
                    canonical = known[surface_full][0]
                    m.subtype = m.subtype or known[surface_full][1]
                else:
                    canonical = surface_full if surface_full != surface else None
                    qualified = qualify_local_name(surface_full, place)
                    if qualified:
                        canonical = qualified
                        m.attrs["qualified"] = qualified
                key = canonical or surface
            elif label in ("EVENT", "PROJECT", "LOC") and surface in definitions and m.source == "alias:abbreviation" \
                    or label in ("EVENT", "PROJECT", "LOC") and surface in local_definitions:
                # 瓷博会 / 湘潭经开区 defined by 以下简称: the full name's cluster
                full = definitions.get(surface) or local_definitions[surface]
                key = full if label == "EVENT" and len(full) >= 8 else (
                    full + "@" + doc_scope if label == "PROJECT" else full)
                if label == "LOC":
                    division = _division_for(full, context_codes)
                    key = f"#{division.code}" if division is not None else full
            elif label == "LOC":
                division = _division_for(m.attrs.get("short_of") or surface, context_codes)
                if division is not None:
                    canonical = division.name
                    key = f"#{division.code}"
                    m.attrs["division_code"] = division.code
                key = key if key.startswith("#") else surface
            elif label == "PER":
                key = surface
            elif label == "EVENT" and m.attrs.get("kind") == "visit":
                # the 调研/督导 phrases of one article tell one visit, unless it tells visits on several days
                # (9月19日，…在衡阳调研…。10月9日，…在娄底调研…): then each day's is its own
                key = f"visit@{article.id}" + (f"#{m.attrs['date']}" if len(visit_days) > 1 and m.attrs.get("date")
                                               else "")
            elif label == "EVENT":
                # generic names (座谈会, 签约仪式) are one event per article, named ones may recur across articles
                key = surface if len(surface) >= 8 else f"{surface}@{article.id}"
            elif label == "PROJECT":
                key = _strip_place_prefix(surface) + "@" + doc_scope
            c = cluster(label, key)
            c.names[surface] += 1
            qualified = m.attrs.get("qualified")
            if qualified:  # 市委 → 株洲市委: the qualified form is a name of the body
                c.names[qualified] += 0
            if m.attrs.get("short_name"):  # 李建中在株洲督导…工作 is also told as 督导…工作
                c.names[m.attrs["short_name"]] += 0
            c.mentions.append(m)
            c.documents.add(doc_scope)
            c.articles.add(article.id)
            mention_key[(article.id, m.id)] = (label, key)

    _split_namesakes(clusters, mention_key, extractions, places)

    # abbreviations: a short ORG name whose characters appear in order in exactly one longer ORG of its documents
    org_keys = [k for k in clusters if k[0] == "ORG"]
    merged_into: dict[tuple[str, str], tuple[str, str]] = {}
    # candidates for a merge share a document: index keys by document so the comparisons stay local
    by_document: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for k, c in clusters.items():
        for doc_id in c.documents:
            by_document[doc_id].append(k)

    # the clusters and their documents do not change while merges are sought: each answer is kept (one key is
    # asked for its neighbours in several passes)
    by_document_label: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
    for doc_id, keys in by_document.items():
        for o in keys:
            by_document_label[(doc_id, o[0])].append(o)
    neighbours_of: dict[tuple[tuple[str, str], str], list[tuple[str, str]]] = {}

    def neighbours(k: tuple[str, str], label: str) -> list[tuple[str, str]]:
        found = neighbours_of.get((k, label))
        if found is not None:
            return found
        seen: dict[tuple[str, str], None] = {}
        for doc_id in sorted(clusters[k].documents):
            for o in by_document_label.get((doc_id, label), ()):
                if o != k:
                    seen[o] = None
        found = neighbours_of[(k, label)] = list(seen)
        return found

    fullest_of: dict[tuple[str, str], str] = {}

    def fullest(k: tuple[str, str]) -> str:
        name = fullest_of.get(k)
        if name is None:
            name = fullest_of[k] = _fullest(clusters[k])
        return name

    suffixes = tuple(sfx for sfx, _, _ in lx.org_suffixes())
    for k in org_keys:
        c = clusters[k]
        name = k[1]
        # a complete name (株洲市委, 某某有限公司, a lexicon name) is not an abbreviation of something else
        # a complete name (株洲市委, a lexicon name) is not an abbreviation of something else, but 省药监局 is one
        # of 湖南省药品监督管理局: same place, same kind of body (last character), more than a bare 市委
        complete = name.endswith(suffixes) or any(m.attrs.get("qualified") for m in c.mentions)
        if len(name) > 8 or name in known or (complete and len(_strip_place_prefix(name)) < 3):
            continue
        # (is_abbreviation is false unless the longer name, or it without its leading place, opens alike: asked first)
        targets = [o for o in neighbours(k, "ORG") if len(name) >= 2 and len(o[1]) > len(name)
                   and (o[1][0] == name[0] or _strip_place_prefix(o[1])[:1] == name[0]) and is_abbreviation(name, o[1])
                   and (not complete or (o[1][:2] == name[:2] and o[1][-1] == name[-1]))]
        if targets:
            best = min(targets, key=lambda o: len(o[1]))
            if sum(1 for o in targets if len(o[1]) == len(best[1])) == 1:
                merged_into[k] = best
    # 轨道交通产业协会 ↔ 株洲市轨道交通产业协会: a name equal to a longer one minus its leading place
    for label in ("ORG", "PROJECT", "LOC"):
        keys = [k for k in clusters if k[0] == label and k not in merged_into]
        names = {k: fullest(k) for k in clusters if k[0] == label}
        # only a name that a longer name of this label strips to can match: the others skip their neighbours
        stripped = {short for name in names.values() if (short := _strip_place_prefix(name)) != name}
        for k in keys:
            if names[k] not in stripped:
                continue
            longer = [o for o in neighbours(k, label) if o not in merged_into and len(names[o]) > len(names[k]) and
                      _strip_place_prefix(names[o]) == names[k]]
            if len(longer) == 1:
                merged_into[k] = longer[0]

    # companies: 湖南银力混凝土公司 ~ 湖南银力混凝土有限公司, 某某集团 ~ 某某集团有限公司 (the legal form dropped)
    org_left = [k for k in clusters if k[0] == "ORG" and k not in merged_into]
    plain_org = {k: _without_legal_form(fullest(k)) for k in clusters if k[0] == "ORG"}
    shared = Counter(plain_org.values())  # a plain name no other body has has no match: skip it
    for k in org_left:
        if shared[plain_org[k]] < 2:
            continue
        fuller = [o for o in neighbours(k, "ORG") if o not in merged_into and plain_org[o] == plain_org[k]
                  and len(fullest(o)) > len(fullest(k))]
        if len(fuller) == 1:
            merged_into[k] = fuller[0]
    # 智能制造联合实验室 ~ 湘潭大学—星火机电智能制造联合实验室: a lab or centre named by the tail of its full
    # name (≥ 4 characters before its suffix), when exactly one organisation of the document ends so
    weak = tuple(sorted((sfx for sfx, _, strength in lx.org_suffixes() if strength == "weak"), key=len, reverse=True))
    for k in [k for k in org_left if k not in merged_into]:
        name = fullest(k)
        suffix = next((sfx for sfx in weak if name.endswith(sfx)), None)
        if suffix is None or len(name) - len(suffix) < 4 or name in known:
            continue
        fuller = [o for o in neighbours(k, "ORG") if o not in merged_into and len(fullest(o)) > len(name)
                  and fullest(o).endswith(name)]
        if len(fuller) == 1:
            merged_into[k] = fuller[0]
    # events: 中车株洲所科技节 ~ 中车株洲所第三届科技节; a bare 座谈会 / 科技节 is the one named event it ends
    event_keys = [k for k in clusters if k[0] == "EVENT" and k not in merged_into]
    event_names = {k: fullest(k) for k in event_keys}
    plain = {k: _plain_event_name(n) for k, n in event_names.items()}
    for k in event_keys:
        same_doc = [o for o in neighbours(k, "EVENT") if o in event_names]
        # 2024年招商引资工作推进会 ~ 全市招商引资工作推进会 (not ~ 2023年招商引资工作推进会)
        equal = [o for o in same_doc if plain[o][0] == plain[k][0] and None in (plain[o][1], plain[k][1], )
                 or plain[o] == plain[k]]
        equal = [o for o in equal if len(event_names[o]) > len(event_names[k])]
        if len(equal) == 1:
            merged_into[k] = equal[0]
    for k in event_keys:
        if k in merged_into:
            continue
        same_doc = [o for o in neighbours(k, "EVENT") if o in event_names]
        if len(event_names[k]) <= 10:
            # a bare 论坛 (or the headline's 产业招商推介会) is the named one of its own article
            longer = [o for o in same_doc if event_names[o].endswith(event_names[k]) and o not in merged_into
                      and len(event_names[o]) > len(event_names[k]) and clusters[o].articles & clusters[k].articles]
            if len(longer) == 1:
                merged_into[k] = longer[0]
                continue
            # 政银企对接会 ~ “聚势共赢金智惠企”政银企对接暨…推广会: a short name read in order inside one long one
            inside = [o for o in same_doc if o not in merged_into and len(event_names[o]) > len(event_names[k])
                      and clusters[o].articles & clusters[k].articles and event_names[k][:3] in event_names[o]
                      and _in_order(event_names[k], event_names[o])]
            if len(inside) == 1:
                merged_into[k] = inside[0]
    # places: 姚家坝 ~ 姚家坝村, 炎陵红军标语博物馆 ~ 炎陵县红军标语博物馆 in the same document
    loc_keys = [k for k in clusters if k[0] == "LOC" and k not in merged_into]
    loc_names = {k: fullest(k) for k in loc_keys}
    expanded = {k: _expand_place_prefix(n) for k, n in loc_names.items()}
    area = {k: _AREA.sub("", n) for k, n in loc_names.items()}
    def root(k):
        """Follow merges to the cluster a key ended up in (cycle-safe)."""
        seen = set()
        while k in merged_into and k not in seen:
            seen.add(k)
            k = merged_into[k]
        return k

    for k in loc_keys:
        if _AREA.search(loc_names[k]):
            # 酒仙湖片区 ~ 酒仙湖景区: one area named with two area words in one document
            fuller = [o for o in neighbours(k, "LOC") if o in loc_names and o not in merged_into
                      and _AREA.search(loc_names[o]) and area[o] == area[k] and loc_names[o] < loc_names[k]]
            if len(fuller) == 1:
                merged_into[k] = fuller[0]
    for k in loc_keys:
        if k in merged_into:
            continue
        fuller = [o for o in neighbours(k, "LOC") if o in loc_names and len(loc_names[o]) > len(loc_names[k]) and (
                  loc_names[o] in {loc_names[k] + sfx for sfx in _PLACE_SUFFIXES} or expanded[k] == loc_names[o])]
        if not fuller:
            # 临港新区 ~ 城陵矶临港新区: a zone or venue named by the tail of its full name (the words before the
            # suffix kept, ≥ 2 of them), when exactly one place of the document ends so
            suffix = next((sfx for sfx in _loc_suffixes() if loc_names[k].endswith(sfx)), None)
            if suffix is not None and len(loc_names[k]) - len(suffix) >= 2:
                fuller = [o for o in neighbours(k, "LOC") if o in loc_names and o not in merged_into
                          and loc_names[o].endswith(loc_names[k]) and len(loc_names[o]) > len(loc_names[k])]
        # 酒仙湖 beside 酒仙湖片区 and 酒仙湖景区, already one place: one target
        targets = {root(o) for o in fuller} - {k}
        if len(targets) == 1:
            merged_into[k] = targets.pop()

    final: dict[tuple[str, str], Cluster] = {}
    for k, c in clusters.items():
        r = root(k)
        target = final.get(r)
        if target is None:
            target = final[r] = Cluster(label=c.label, key=r[1])
        names = target.names
        for name, n in c.names.items():  # Counter.update, without its per-call isinstance(…, Mapping)
            names[name] = names.get(name, 0) + n
        target.mentions.extend(c.mentions)
        target.documents |= c.documents

    # persons: one name, but a reporter and an official of the same name are different people: a name credited as
    # a journalist in some documents and holding an office in others is split by document
    override: dict[tuple[str, str], tuple[str, str]] = {}
    for r in [k for k in final if k[0] == "PER"]:
        c = final[r]
        roles: dict[str, set[str]] = defaultdict(set)
        for m in c.mentions:
            if m.subtype:
                roles[_document_of(m, extractions_by_article)].add("journalist" if m.subtype == "journalist" else "office")
        reporter_docs = {d for d, kinds in roles.items() if kinds == {"journalist"}}
        office_docs = {d for d, kinds in roles.items() if "office" in kinds}
        if not reporter_docs or not office_docs:
            continue
        split_key = (r[0], r[1] + "#journalist")
        moved = [m for m in c.mentions if _document_of(m, extractions_by_article) in reporter_docs]
        # equal mentions share their article: `m not in moved` without comparing every pair
        c.mentions = [m for m in c.mentions if _document_of(m, extractions_by_article) not in reporter_docs]
        final[split_key] = Cluster(label="PER", key=split_key[1], names=Counter({r[1]: len(moved)}), mentions=moved,
                                   documents=set(reporter_docs))
        for m in moved:
            override[(m.article_id, m.id)] = split_key

    entities: list[Entity] = []
    entity_of: dict[tuple[str, str], str] = {}
    used_ids: set[str] = set()
    for r, c in sorted(final.items(), key=lambda kv: (kv[0][0], kv[0][1])):
        name = _fullest(c)
        subtype = _majority(m.subtype for m in c.mentions)
        scope = r[1].split("@", 1)[1] if "@" in r[1] else ""
        # an event or project known only inside one article/document carries that scope in its id, so ids do not
        # depend on what else is in the corpus (event/座谈会@<article id>)
        base = f"{c.label.lower()}/{name}" + (f"@{scope}" if scope else "")
        entity_id = base
        n = 2
        while entity_id in used_ids:
            entity_id = f"{base}~{n}"
            n += 1
        used_ids.add(entity_id)
        aliases = sorted({a for a in {*c.names, *_short_forms_written(c)} if a and a != name})
        attrs: dict = {}
        if c.label == "LOC":
            code = next((m.attrs.get("division_code") for m in c.mentions if m.attrs.get("division_code")), None)
            if code:
                attrs["division_code"] = code  # attrs["parent"] is set once all places are known
                subtype = "admin"
        if c.label == "EVENT":
            dates = [m.attrs["date"] for m in c.mentions if m.attrs.get("date")]
            if dates:
                attrs["date"] = sorted(dates, key=lambda d: (d.startswith("--"), d))[0]
        if c.label == "PROJECT":
            amount = next((m.attrs["amount"] for m in c.mentions if m.attrs.get("amount")), None)
            if amount:
                attrs["amount"] = amount
        entity = Entity(id=entity_id, type=c.label, name=name, subtype=subtype, aliases=aliases,
                        mentions=sorted(c.mentions, key=lambda m: (m.article_id, m.start)), attrs=attrs)
        entities.append(entity)
        entity_of[r] = entity_id

    _link_division_parents(entities, used_ids)

    def entity_for(article_id: str, mention_id: str | None) -> str | None:
        if mention_id is None:
            return None
        if (article_id, mention_id) in override:
            return entity_of.get(override[(article_id, mention_id)])
        k = mention_key.get((article_id, mention_id))
        return entity_of.get(root(k)) if k else None

    relations: dict[tuple, Relation] = {}
    by_entity = {e.id: e for e in entities}
    for ex in extractions:
        for rm in ex.relations:
            subject = entity_for(ex.article.id, rm.subject)
            obj = entity_for(ex.article.id, rm.object)
            if subject is None or (rm.object is not None and obj is None):
                continue
            if subject == obj:
                continue
            attrs = dict(rm.attrs)
            if "org" in attrs:
                attrs["org"] = entity_for(ex.article.id, attrs["org"])
            subject, obj = oriented(rm.type, subject, obj)
            literal = rm.literal
            key = (rm.type, subject, obj, literal)
            rel = relations.get(key)
            if rel is None:
                rel = relations[key] = Relation(type=rm.type, subject=subject, object=obj, literal=literal, attrs=attrs)
            else:
                for k2, v in attrs.items():
                    rel.attrs.setdefault(k2, v)
            rel.evidence.append(rm.evidence)
        # alias relations for every other surface form of an entity in this article
    extraction_of = {ex.article.id: ex for ex in extractions}
    for entity in entities:
        if not entity.aliases:
            continue  # no alias to find a sentence for
        # forms the text writes: not a body a title implies (市长 → 市政府), which is our reading, not the text's
        forms = [(m, form) for m in entity.mentions if not m.attrs.get("implied_by_title")
                 for form in (m.normalized or m.text, _surface(m), _written_short_name(m)) if form]
        written = {form for _, form in forms}
        for alias in entity.aliases:
            if alias not in written:
                continue  # 湖南省药监局 is our qualification of 省药监局, not a form the text uses
            m = next((m for m, form in forms if form == alias and m.end > m.start), None)
            key = ("alias", entity.id, None, alias)
            if key in relations:
                continue
            evidence = _sentence_evidence(extraction_of.get(m.article_id), m) if m is not None else None
            if evidence is None:
                continue  # every relation shows where it was read
            relations[key] = Relation(type="alias", subject=entity.id, object=None, literal=alias, evidence=[evidence])
    _place_relations(entities, relations, extraction_of)
    _presence_relations(relations)
    # titles on the person entity (for viewers and queries)
    for rel in relations.values():
        if rel.type == "position" and rel.subject in by_entity:
            titles = by_entity[rel.subject].attrs.setdefault("titles", [])
            if rel.literal not in titles:
                titles.append(rel.literal)
    ordered = sorted(relations.values(), key=lambda r: (r.type, r.subject, r.object or "", r.literal or ""))
    return entities, ordered


@dataclass
class _PersonContext:
    """What one document says about a person: the bodies named in their posts, the province, the kind of person."""
    orgs: set = field(default_factory=set)
    provinces: set = field(default_factory=set)
    kinds: set = field(default_factory=set)

    def absorb(self, other: "_PersonContext") -> None:
        self.orgs |= other.orgs
        self.provinces |= other.provinces
        self.kinds |= other.kinds

    def conflicts(self, other: "_PersonContext") -> bool:
        """Two namesakes, not one person: no body in common, and they live in different provinces or are different
        kinds of person (a reporter and an official). A move of post inside one province is one career."""
        if self.orgs & other.orgs:
            return False
        apart = bool(self.provinces and other.provinces and not self.provinces & other.provinces)
        unlike = bool(self.kinds and other.kinds and not self.kinds & other.kinds)
        return apart or unlike


def _person_contexts(extractions: list[ArticleExtraction],
                     places: dict[str, ArticlePlace]) -> dict[tuple[str, str], _PersonContext]:
    """(document, person name) → what that document says about the person."""
    contexts: dict[tuple[str, str], _PersonContext] = defaultdict(_PersonContext)
    for ex in extractions:
        by_id = {m.id: m for m in ex.mentions}
        place = places[ex.article.id]
        province = place.province.code if place.province is not None else None
        for m in ex.mentions:
            if m.label == "PER":
                ctx = contexts[(ex.article.document_id, m.normalized or m.text)]
                if province:
                    ctx.provinces.add(province)
                kind = "journalist" if m.attrs.get("byline") or m.subtype == "journalist" else m.subtype
                if kind:
                    ctx.kinds.add(kind)
        for r in ex.relations:
            person, org = by_id.get(r.subject), by_id.get(r.object or r.attrs.get("org") or "")
            if person is not None and person.label == "PER" and org is not None and org.label == "ORG":
                contexts[(ex.article.document_id, person.normalized or person.text)].orgs.add(
                    org.attrs.get("qualified") or org.normalized or org.text)
    return contexts


def _split_namesakes(clusters: dict, mention_key: dict, extractions: list[ArticleExtraction],
                     places: dict[str, ArticlePlace]) -> None:
    """A person's name in several documents is one person unless the documents' contexts conflict
    (_PersonContext.conflicts): documents are taken in order and join the first group they agree with."""
    contexts = _person_contexts(extractions, places)
    document_of = {ex.article.id: ex.article.document_id for ex in extractions}
    for key in [k for k, c in clusters.items() if k[0] == "PER" and len(c.documents) > 1]:
        cluster = clusters[key]
        groups: list[tuple[_PersonContext, list[str]]] = []
        for doc in sorted(cluster.documents):
            ctx = contexts.get((doc, key[1]), _PersonContext())
            group = next((g for g in groups if not g[0].conflicts(ctx)), None)
            if group is None:
                groups.append((_PersonContext(), []))
                group = groups[-1]
            group[0].absorb(ctx)
            group[1].append(doc)
        for n, (_, docs) in enumerate(groups[1:], 2):
            new_key = (key[0], f"{key[1]}#{n}")
            moved = Cluster(label=key[0], key=new_key[1])
            docs = set(docs)
            staying = []  # one pass, not list.remove per mention (equal mentions share their article, so their fate)
            for m in cluster.mentions:
                if document_of.get(m.article_id) not in docs:
                    staying.append(m)
                    continue
                moved.mentions.append(m)
                moved.names[m.normalized or m.text] += 1
                moved.articles.add(m.article_id)
                mention_key[(m.article_id, m.id)] = new_key
            cluster.mentions = staying
            moved.documents = set(docs)
            cluster.documents -= docs
            cluster.articles = {m.article_id for m in cluster.mentions}
            cluster.names = Counter(m.normalized or m.text for m in cluster.mentions)
            clusters[new_key] = moved


def _presence_relations(relations: dict) -> None:
    """Whoever chaired or spoke at an event attended it (the gold guidelines' reading): attended, with the same
    evidence."""
    for (type_, subject, obj, _), rel in list(relations.items()):
        if type_ in ("chaired", "spoke_at") and obj is not None and ("attended", subject, obj, None) not in relations:
            evidence = [Evidence(**{**vars(ev), "rule": f"resolve:attended_by_{type_}"}) for ev in rel.evidence[:1]]
            relations[("attended", subject, obj, None)] = Relation(type="attended", subject=subject, object=obj,
                                                                 evidence=evidence)


def _add_known(relations: dict, type_: str, subject: Entity, obj: Entity, ex: ArticleExtraction, rule: str) -> None:
    """A relation the text implies through world knowledge (the division table, a body's name), shown with the
    sentence where the subject is named."""
    key = (type_, subject.id, obj.id, None)
    if key in relations or subject.id == obj.id:
        return
    m = next((m for m in subject.mentions if m.article_id == ex.article.id and m.end > m.start), None)
    evidence = _sentence_evidence(ex, m) if m is not None else None
    if evidence is not None:
        evidence.rule = rule
        relations[key] = Relation(type=type_, subject=subject.id, object=obj.id, evidence=[evidence])


def _place_relations(entities: list[Entity], relations: dict, extraction_of: dict[str, ArticleExtraction]) -> None:
    """Per article, located_in from nested names, as a reader takes them: a place written right after a place that
    encloses it (四川省绵阳市游仙区: 游仙区 → 绵阳市, by the division table or the gazetteer), and a body whose
    written name opens with a place the article names (株洲市商务局 → 株洲市, 绵阳日报 → 绵阳市; not 市委 read as
    株洲市委)."""
    table = divisions()
    world = lx.world_place_names()
    parents = {name: parent for name, _, _, parent in lx.world_places() if parent}
    mentions_of: dict[str, list[tuple[Mention, Entity]]] = defaultdict(list)
    for e in entities:
        for m in e.mentions:
            if m.end > m.start:
                mentions_of[m.article_id].append((m, e))
    for article_id, pairs in sorted(mentions_of.items()):
        ex = extraction_of.get(article_id)
        if ex is None:
            continue
        ending_at = defaultdict(list)
        for m, e in pairs:
            if e.type == "LOC":
                ending_at[m.end].append(e)
        forms = None
        for m, e in pairs:
            if e.type == "LOC":
                before = [p for p in ending_at.get(m.start, []) if _encloses(p, e, table, world, parents)]
                if before:
                    _add_known(relations, "located_in", e, before[0], ex, "resolve:nested_place")
            elif e.type == "ORG" and (e.subtype not in ("company", "finance", "media")
                                      or e.name.endswith(lx.place_institution_suffixes())):
                # a firm's name opens with the region it was registered in (行政区划 + 字号 + 行业 + 组织形式), which
                # says nothing of where it is: 湖南中伟新能源科技有限公司 works in 宁乡, not "in 湖南"; an outlet's
                # name (株洲日报, 合肥发布) is its audience, not a statement of where it sits — but a county's media
                # centre (炎陵县融媒体中心) is an institution of that county (data/place_institution_suffixes.txt)
                if forms is None:  # the article's place names, longest first, by their first character
                    forms = defaultdict(list)
                    for (form, _), p in sorted({(form, p.id): p for _, p in pairs if p.type == "LOC"
                                                for form in {p.name, *p.aliases} if len(form) >= 2}.items(),
                                               key=lambda kv: (-len(kv[0][0]), kv[0])):
                        forms[form[0]].append((form, p))
                home = _leading_place(m.text.replace(" ", ""), forms)
                if home is not None and home.subtype != "country":  # 中国足球协会 is named for its country, not in it
                    _add_known(relations, "located_in", e, home, ex, "resolve:named_after_place")


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
