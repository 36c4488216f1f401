"""Resolution's first stages: each mention of an article → the key of the cluster it joins, the clusters made of the
mentions of each key, and a person's name split into namesakes by document.

Everything here is per article (keying: given the corpus-wide 以下简称 definitions) or per key (a cluster, a split),
so that an update (kg/resolve/incremental.py) can redo the articles and keys a change touches and no other.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from kg.records import ArticleExtraction, Mention

Key = tuple[str, str]  # (label, key): a cluster
Ref = tuple[str, int]  # (article id, index of the mention in its extraction)


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


@dataclass
class KeyedArticle:
    """What keying made of one article: the key of each mention (TITLEs have none), the changes it wrote into the
    mentions (replayed on a fresh copy of the record by an update: (index, field, value)), the article's place."""

    keys: list[tuple[int, Key]]
    changes: list[tuple[int, str, object]]
    province: str | None  # the code of the article's province (the people's contexts)


def definitions_of(ex: ArticleExtraction) -> list[tuple[str, str]]:
    """The FULL（以下简称“ABBR”） pairs an article writes: (abbreviation, full name), in order."""
    pairs = []
    for m in ex.mentions:
        span = m.attrs.get("alias_of")
        if m.source == "alias:abbreviation" and span:
            full = next((f for f in ex.mentions if [f.start, f.end] == list(span)), None)
            if full is not None:
                pairs.append((m.normalized, full.normalized))
    return pairs


def unique_definitions(pairs: Iterable[tuple[str, str]]) -> dict[str, str]:
    """An abbreviation defined once stands for its full name in every article, unless the corpus defines it for two
    different names."""
    corpus: dict[str, set[str]] = defaultdict(set)
    for abbreviation, full in pairs:
        corpus[abbreviation].add(full)
    return {a: next(iter(f)) for a, f in corpus.items() if len(f) == 1}


def reads_definition(m: Mention, abbreviations: set[str]) -> bool:
    """Whether keying `m` looks one of `abbreviations` up in the corpus definitions (key_article)."""
    surface = m.normalized or m.text
    if surface not in abbreviations:
        return False
    return m.label == "ORG" or m.label in ("EVENT", "PROJECT", "LOC") and m.source == "alias:abbreviation"


def key_article(ex: ArticleExtraction, unique: dict[str, str], known: dict[str, tuple[str, str]]) -> KeyedArticle:
    """The cluster key of each mention of one article (writing the subtype of a known body, the qualified name of a
    local short form and the division code of a place into the mentions, as resolution always has)."""
    from kg.resolve.resolver import article_place

    place = article_place(ex)
    context_codes = {d.code for d in (place.province, place.city, place.county) if d is not None}
    # definitions first: FULL（以下简称“ABBR”） ties the abbreviation to the full name in this article
    definitions: dict[str, str] = dict(unique)
    local_definitions = dict(definitions_of(ex))
    definitions.update(local_definitions)
    org_names = {o.normalized for o in ex.mentions if o.label == "ORG" and o.normalized}
    visit_days = {m.attrs["date"] for m in ex.mentions if m.attrs.get("kind") == "visit" and m.attrs.get("date")}
    keyed = KeyedArticle([], [], place.province.code if place.province is not None else None)
    scope = _Scope(ex.article.id, ex.article.document_id, context_codes, org_names, visit_days, place)
    for index, m in enumerate(ex.mentions):
        if m.label != "TITLE":
            keyed.keys.append((index, (m.label, _key(m, index, definitions, local_definitions, known, scope,
                                                     keyed.changes))))
    return keyed


@dataclass
class _Scope:
    """The article around a mention, as keying reads it."""

    article: str
    document: str
    context_codes: set
    org_names: set
    visit_days: set
    place: object


def _key(m: Mention, index: int, definitions: dict, local_definitions: dict, known: dict, scope: _Scope,
         changes: list) -> str:
    surface = m.normalized or m.text
    label = m.label
    if label == "ORG":
        return _org_key(m, index, surface, definitions, known, scope, changes)
    if label in ("EVENT", "PROJECT", "LOC") and surface in definitions and m.source == "alias:abbreviation" \
            or label in ("EVENT", "PROJECT", "LOC") and surface in local_definitions:
        # 瓷博会 / 湘潭经开区 defined by 以下简称: the full name's cluster
        from kg.resolve.resolver import _division_for

        full = definitions.get(surface) or local_definitions[surface]
        key = full if label == "EVENT" and len(full) >= 8 else (
            full + "@" + scope.document if label == "PROJECT" else full)
        if label == "LOC":
            division = _division_for(full, scope.context_codes)
            key = f"#{division.code}" if division is not None else full
        return key
    if label == "LOC":
        return _place_key(m, index, surface, scope, changes)
    if label == "EVENT" and m.attrs.get("kind") == "visit":
        # the 调研/督导 phrases of one article tell one visit, unless it tells visits on several days
        # (9月19日，…在衡阳调研…。10月9日，…在娄底调研…): then each day's is its own
        return f"visit@{scope.article}" + (f"#{m.attrs['date']}" if len(scope.visit_days) > 1 and m.attrs.get("date")
                                           else "")
    if label == "EVENT":
        # generic names (座谈会, 签约仪式) are one event per article, named ones may recur across articles
        return surface if len(surface) >= 8 else f"{surface}@{scope.article}"
    if label == "PROJECT":
        from kg.resolve.resolver import _strip_place_prefix

        return _strip_place_prefix(surface) + "@" + scope.document
    return surface  # PER, and any other label


def _org_key(m: Mention, index: int, surface: str, definitions: dict, known: dict, scope: _Scope,
             changes: list) -> str:
    from kg.resolve.resolver import _provincial, qualify_local_name

    surface_full = definitions.get(surface) or m.attrs.get("short_of") or surface
    if surface_full == surface and len(surface) <= 4 and surface[:1] in "市省县区镇乡":
        # 区政协 beside 西藏自治区政协调研组: the one provincial body of the article whose full name ends so (a city's
        # 市司法局 is still the paper's own city's, whatever other city the text names)
        longer = {o for o in scope.org_names if len(o) > len(surface) and o.endswith(surface)
                  and _provincial(o[: -len(surface) + 1])}
        if len(longer) == 1:
            surface_full = next(iter(longer))
    if surface_full in known:
        canonical = known[surface_full][0]
        subtype = m.subtype or known[surface_full][1]
        if subtype != m.subtype:
            m.subtype = subtype
            changes.append((index, "subtype", subtype))
    else:
        canonical = surface_full if surface_full != surface else None
        qualified = qualify_local_name(surface_full, scope.place)
        if qualified:
            canonical = qualified
            m.attrs["qualified"] = qualified
            changes.append((index, "qualified", qualified))
    return canonical or surface


def _place_key(m: Mention, index: int, surface: str, scope: _Scope, changes: list) -> str:
    from kg.resolve.resolver import _division_for

    division = _division_for(m.attrs.get("short_of") or surface, scope.context_codes)
    if division is None:
        return surface
    m.attrs["division_code"] = division.code
    changes.append((index, "division_code", division.code))
    return f"#{division.code}"


def replay(ex: ArticleExtraction, changes: list[tuple[int, str, object]]) -> None:
    """Write into a fresh copy of an article's record what keying wrote into it (KeyedArticle.changes)."""
    mentions = ex.mentions
    for index, name, value in changes:
        if name == "subtype":
            mentions[index].subtype = value
        else:
            mentions[index].attrs[name] = value


def make_cluster(label: str, key: str, mentions: list[Mention], document_of: dict[str, str], plain: bool) -> Cluster:
    """The cluster of these mentions (in corpus order). Its names count each mention's form; a qualified name or a
    short name is a name too (counted 0), except in a namesake split (`plain`), which counts the forms alone."""
    c = Cluster(label=label, key=key, mentions=list(mentions))
    names = c.names
    count = names.get  # dict's own: Counter's += costs a __missing__ call per new name
    for m in mentions:
        surface = m.normalized or m.text
        names[surface] = count(surface, 0) + 1
        attrs = m.attrs
        if not plain and attrs:
            full = attrs.get("qualified") or attrs.get("short_of")
            if full:  # 市委 → 株洲市委, 组织部 → 河北省委组织部: the full form is a name of the body
                names[full] = count(full, 0)
            short = attrs.get("short_name")
            if short:  # 李建中在株洲督导…工作 is also told as 督导…工作
                names[short] = count(short, 0)
    c.articles = articles = {m.article_id for m in mentions}
    c.documents = {document_of[a] for a in articles}
    return c


# --------------------------------------------------------------------------- namesakes


@dataclass
class PersonContext:
    """What one document says about a person: the bodies named in their posts, the province, the kind of person."""

    orgs: set = field(default_factory=set)
    provinces: set = field(default_factory=set)
    kinds: set = field(default_factory=set)

    def absorb(self, other: "PersonContext") -> None:
        self.orgs |= other.orgs
        self.provinces |= other.provinces
        self.kinds |= other.kinds

    def conflicts(self, other: "PersonContext") -> bool:
        """Two namesakes, not one person: no body in common, and they live in different provinces or are different
        kinds of person (a reporter and an official). A move of post inside one province is one career."""
        if self.orgs & other.orgs:
            return False
        apart = bool(self.provinces and other.provinces and not self.provinces & other.provinces)
        unlike = bool(self.kinds and other.kinds and not self.kinds & other.kinds)
        return apart or unlike


def person_contexts(ex: ArticleExtraction, province: str | None, contexts: dict[tuple[str, str], PersonContext]) -> None:
    """Add what one article says about its people to `contexts` ((document, person name) → context)."""
    document = ex.article.document_id
    by_id = {m.id: m for m in ex.mentions}
    for m in ex.mentions:
        if m.label == "PER":
            ctx = contexts.setdefault((document, m.normalized or m.text), PersonContext())
            if province:
                ctx.provinces.add(province)
            kind = "journalist" if m.attrs.get("byline") or m.subtype == "journalist" else m.subtype
            if kind:
                ctx.kinds.add(kind)
    for r in ex.relations:
        person, org = by_id.get(r.subject), by_id.get(r.object or r.attrs.get("org") or "")
        if person is not None and person.label == "PER" and org is not None and org.label == "ORG":
            contexts.setdefault((document, person.normalized or person.text), PersonContext()).orgs.add(
                org.attrs.get("qualified") or org.normalized or org.text)


def namesake_groups(key: Key, documents: Iterable[str], contexts: dict) -> dict[str, Key] | None:
    """A person's name in several documents is one person unless the documents' contexts conflict
    (PersonContext.conflicts): documents are taken in order and join the first group they agree with. Returns the
    documents of the second group on and their keys (name#2, name#3 …), None when the name stays one person."""
    groups: list[tuple[PersonContext, list[str]]] = []
    for doc in sorted(documents):
        ctx = contexts.get((doc, key[1]), _EMPTY)
        group = next((g for g in groups if not g[0].conflicts(ctx)), None)
        if group is None:
            groups.append((PersonContext(), []))
            group = groups[-1]
        group[0].absorb(ctx)
        group[1].append(doc)
    if len(groups) < 2:
        return None
    return {doc: (key[0], f"{key[1]}#{n}") for n, (_, docs) in enumerate(groups[1:], 2) for doc in docs}


_EMPTY = PersonContext()  # never changed: a group absorbs a context into its own
