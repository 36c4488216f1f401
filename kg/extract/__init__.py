"""Domain extraction: entities (statistical NER + rules) and relations (rules) per article, with provenance.

    from kg.extract import extract_articles, load_pipeline
    nlp = load_pipeline()                   # kg.nlp.load() (+ kg components), or spacy.blank("zh") without a model
    extractions = extract_articles(nlp, articles)

Every Mention and RelationMention points into `Article.text` (char offsets) and names the rule or model that
produced it.
"""

from __future__ import annotations

from bisect import bisect_left

import logging
import re
from types import SimpleNamespace
from collections.abc import Callable, Iterable, Sequence

from typing import TYPE_CHECKING

from kg.extract import lexicon as lx
from kg.extract.dates import find_dates, with_year, year_in_name
from kg.records import Article, ArticleExtraction, Mention, Problem

if TYPE_CHECKING:  # spaCy and the entity rules load with the first pipeline (kg.resolve reads the lexicon alone)
    from spacy.language import Language

    from kg.extract.entities import Candidate

log = logging.getLogger(__name__)

COMPONENTS = ("kg_entity_rules", "kg_entity_merge")
_SAME_DAY = "会前|会上|会后|会议期间|当天|当日|同日|开幕式上|其间|期间|随后|之后"
_SENTENCE_END = re.compile(r"[。！？!?]+[”’\"」』）)]*|\n+")


def add_components(nlp: Language) -> Language:
    """Add kg's entity components after whatever the pipeline has (the NER runs first)."""
    import kg.extract.entities  # noqa: F401  (registers the spaCy factories)

    for name in COMPONENTS:
        if name not in nlp.pipe_names:
            nlp.add_pipe(name, last=True)
    return nlp


def load_pipeline() -> Language:
    """kg's trained pipeline with the kg components; `spacy.blank("zh")` (characters) when no model is built."""
    try:
        from kg.nlp import load

        nlp = load()
    except Exception as error:  # no model built (or an unreadable one): rules alone still extract
        import logging

        import spacy

        logging.getLogger(__name__).warning("kg NLP model unavailable (%s); using rules on characters only", error)
        nlp = spacy.blank("zh")
    return add_components(nlp)


def split_sentences(text: str) -> list[tuple[int, int]]:
    spans = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        end = m.end()
        if text[start:end].strip():
            spans.append((start, end))
        start = end
    if text[start:].strip():
        spans.append((start, len(text)))
    # trim surrounding whitespace so evidence sentences read cleanly
    trimmed = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        trimmed.append((s, e))
    return trimmed


def _mentions_from(article: Article, text: str, cands: Sequence[Candidate]) -> list[Mention]:
    from kg.extract.entities import strip_spaces

    mentions = []
    for k, c in enumerate(sorted(cands, key=lambda c: (c.start, c.end, c.label))):
        surface = article.text[c.start : c.end]
        attrs = dict(c.attrs)
        mentions.append(
            Mention(
                id=f"m{k}",
                text=surface,
                label=c.label,
                start=c.start,
                end=c.end,
                article_id=article.id,
                subtype=c.subtype,
                normalized=attrs.pop("name", None) or strip_spaces(text[c.start : c.end]),
                source=c.rule,
                attrs=attrs,
            )
        )
    return mentions


def _next_id(mentions: list[Mention]) -> str:
    return f"m{max((int(m.id[1:]) for m in mentions if m.id[1:].isdigit()), default=-1) + 1}"


def _byline_mentions(article: Article, mentions: list[Mention]) -> None:
    """Persons credited in Article.bylines become PER mentions (role in attrs); existing mentions get the role."""
    for byline in article.bylines:
        name = byline.name.strip()
        if not name:
            continue
        start, end = byline.start, byline.end
        if start is None or end is None or article.text[start:end] != name:
            pos = article.text.find(name)
            start, end = (pos, pos + len(name)) if pos >= 0 else (None, None)
        if start is not None:
            # ingest read the credit line: its name boundaries beat a rule's guess (刘芳通讯员 → 刘芳)
            for m in list(mentions):
                if m.label == "PER" and m.start < end and start < m.end and (m.start, m.end) != (start, end):
                    mentions.remove(m)
        existing = next(
            (m for m in mentions if m.label == "PER" and m.normalized == name and (start is None or m.start == start)),
            None,
        )
        if existing is not None:
            existing.attrs.setdefault("role", byline.role)
            existing.attrs["byline"] = True
            existing.subtype = existing.subtype or "journalist"
            continue
        mentions.append(
            Mention(
                id=_next_id(mentions),
                text=name,
                label="PER",
                start=start if start is not None else 0,
                end=end if end is not None else 0,
                article_id=article.id,
                subtype="journalist",
                normalized=name,
                source="byline",
                attrs={"role": byline.role, "byline": True, "organization": byline.organization,
                       "in_text": start is not None},
            )
        )


def _headline_events(article: Article, text: str, mentions: list[Mention]) -> list[str]:
    """Events the headline names (某县…重大项目集中开工活动, 王立新在益阳调研); one the body tells without that name
    is an event of the article all the same: a mention outside the text (start = end = 0), dated by the body's first
    date. Returns the headline's event names (the article's main event is looked for among them)."""
    from kg.extract.entities import find_events, find_meetings, find_person_visits, strip_spaces

    headline = lx.fix_artefacts(article.headline or "")
    found = find_events(headline) + find_person_visits(headline) + find_meetings(headline)
    kept: list[Candidate] = []
    for c in sorted(found, key=lambda c: -(c.end - c.start)):
        if not any(c.start < k.end and k.start < c.end for k in kept):
            kept.append(c)
    names = []
    first = None  # the body's first date, read once and only when an event needs it
    for c in sorted(kept, key=lambda c: c.start):
        name = c.attrs.get("name") or strip_spaces(headline[c.start : c.end])
        names.append(name)
        told = [m for m in mentions if m.label == "EVENT" and c.attrs.get("guest")
                and m.attrs.get("guest") == c.attrs["guest"] and set(m.attrs.get("hosts", ())) & set(c.attrs["hosts"])]
        for m in told:  # the meeting the body tells, named in full by the headline (袁家军胡衡华会见…)
            m.normalized = name
            m.attrs["composed_name"] = True
        if told:
            continue
        if c.rule == "event:anaphor" or any(m.label == "EVENT" and (m.normalized or "").startswith(name)
                                            for m in mentions):
            continue
        first = first or next(iter(find_dates(text, article.date)), False)
        attrs = {**c.attrs, "in_text": False, "headline": True}
        attrs.pop("place", None), attrs.pop("visitor", None), attrs.pop("parties", None)  # offsets into the headline
        attrs.pop("name", None)
        if first:
            attrs["date"] = first.value
        mentions.append(Mention(id=_next_id(mentions), text=name, label="EVENT", start=0, end=0, article_id=article.id,
                                subtype=c.attrs.get("kind"), normalized=name, source="event:headline", attrs=attrs))
    return names


def _unify_event_names(mentions: list[Mention]) -> None:
    """市先进…推进大会 beside 株洲市先进…推进大会 in one article: the same event, written once without its place; 开工仪式
    beside one …开工仪式: that event, named short. The shorter form takes the fuller name and stays an alias
    (attrs['short_name'])."""
    events = [m for m in mentions if m.label == "EVENT" and m.normalized and len(m.normalized) >= 3]
    written = {m.id: m.normalized for m in events}
    for short in events:
        longer = {m.normalized for m in events if m.normalized != short.normalized
                  and m.normalized.endswith(short.normalized) and m.attrs.get("kind") != "visit"}
        longer = {n for n in longer if not _held_another_day(short, [m for m in events if written[m.id] == n])}
        placed = {n for n in longer if len(short.normalized) >= 6
                  and _is_place_prefix(n[: -len(short.normalized)] + short.normalized[:1])}
        # 开工仪式 after 某水库扩建项目开工仪式: the one event of the article it ends
        fuller = placed or (longer if len(longer) == 1 else set())
        if fuller:
            short.attrs["short_name"] = short.normalized
            short.normalized = min(fuller, key=lambda n: (len(n), n))  # a total order: hash-free


def _held_another_day(short: Mention, named: list[Mention]) -> bool:
    """A round-up's 纪念…研讨会 on 12月17日 beside “…——纪念…研讨会” on 12月9日: two meetings, not one named short."""
    day = short.attrs.get("date", "")[-5:]
    days = {m.attrs.get("date", "")[-5:] for m in named}
    return bool(day) and "" not in days and day not in days


def _is_place_prefix(prefix: str) -> bool:
    """株洲市, 株洲 + 市, 湖南省: a division (full or short) and, when the short form starts with 市/省/县/区, that level."""
    from kg.extract.places import divisions

    table = divisions()
    return prefix in table.by_name or prefix[:-1] in table.by_name or prefix[:-1] in table.by_short


def _attach_dates(article: Article, text: str, mentions: list[Mention], sentences) -> None:
    """Each EVENT mention gets the date of its sentence (nearest date before it, else the first after); the first event
    a paragraph names after its dated lead sentence takes the lead's date. Read before the event names are unified
    (a day tells two meetings apart); `_complete_dates` after."""
    dates = find_dates(text, article.date)
    event_starts = sorted(m.start for m in mentions if m.label == "EVENT")
    for m in mentions:
        if m.label != "EVENT":
            continue
        sentence = next(((s, e) for s, e in sentences if s <= m.start < e), None)
        if sentence is None:
            continue
        inside = [d for d in dates if sentence[0] <= d.start < sentence[1]]
        before = [d for d in inside if d.end <= m.start]
        chosen = before[-1] if before else (inside[0] if inside else None)
        paragraph = text.rfind("\n", 0, m.start) + 1
        if chosen is None and bisect_left(event_starts, paragraph) == bisect_left(event_starts, m.start):
            # 4月18日，甲与乙签署协议。…出席签约仪式: the paragraph's lead dates the first event it names after it
            earlier = [d for d in dates if paragraph <= d.start and d.end <= sentence[0]]
            chosen = earlier[-1] if earlier else None
        if chosen is not None:
            m.attrs["date"] = chosen.value
            m.attrs["date_span"] = [chosen.start, chosen.end]


def _complete_dates(text: str, mentions: list[Mention], sentences) -> None:
    """The year an event's (unified) name carries, and the day of the meeting an event was held at."""
    # 2023中国国际轨道交通…博览会 on 12月8日: the year the event's own name carries completes a day without one
    for m in mentions:
        date = m.attrs.get("date")
        year = year_in_name(m.normalized or m.text) if m.label == "EVENT" and date else None
        span = m.attrs.get("date_span") or [0, 0]
        written_year = "年" in text[span[0] : span[1]] or re.search(r"\d{4}[-/.]", text[span[0] : span[1]])
        if year is not None and (date.startswith("--") or (not written_year and "/" not in date)):
            # the year read off the article's date is a guess; the one in the event's name is not
            m.attrs["date"] = with_year("--" + date[-5:], year)
    # 会前召开了… / 会上还举行了…: an event held at the dated meeting takes that meeting's date
    dated = [m for m in mentions if m.label == "EVENT" and m.attrs.get("date")]
    for m in mentions:
        if m.label != "EVENT" or m.attrs.get("date") or not dated:
            continue
        sentence = next(((s, e) for s, e in sentences if s <= m.start < e), (m.start, m.end))
        # 座谈会上，…: the article's meeting named by its trigger alone is part of the day it reports
        generic = (m.normalized or m.text) in lx.event_triggers() and text.startswith("上", m.end)
        if m.attrs.get("kind") != "campaign" and (generic or re.search(_SAME_DAY, text[sentence[0] : m.start])):
            host = next((d for d in reversed(dated) if d.start < m.start), dated[0])
            if host.normalized != m.normalized:
                m.attrs["date"] = host.attrs["date"]
                m.attrs["date_span"] = host.attrs["date_span"]


def extract_article(nlp: Language, article: Article, doc=None,
                    corpus_names: dict[str, tuple[str, str | None]] | None = None) -> ArticleExtraction:
    from kg.extract.entities import (Candidate, companies_named_short, persons_named_like_places, persons_named_short,
                                     persons_named_whole, sibling_bodies)
    from kg.extract.relations import extract_relations

    if doc is None:
        doc = nlp(article.text)
    text = lx.fix_artefacts(article.text)
    cands = [Candidate(**d) for d in doc.user_data.get("kg_entities", [])]
    if corpus_names:
        cands += propagate_corpus_names(text, cands, corpus_names)
    companies_named_short(text, cands)
    cands += sibling_bodies(text, cands)
    persons_named_like_places(text, cands)
    persons_named_short(text, cands)
    persons_named_whole(text, cands)
    mentions = _mentions_from(article, text, cands)
    _byline_mentions(article, mentions)
    sentences = split_sentences(article.text)
    _attach_dates(article, text, mentions, sentences)
    _unify_event_names(mentions)
    _complete_dates(text, mentions, sentences)
    headline = article.headline or ""
    headline_events = _headline_events(article, text, mentions)
    relations = extract_relations(article, text, sentences, mentions, headline_events=headline_events)
    return ArticleExtraction(article=article, sentences=sentences, mentions=mentions, relations=relations,
                             vetoes=[list(v) for v in doc.user_data.get("kg_vetoes", [])])


# names reliable enough to be looked for in every other article of the corpus
_CORPUS_RULES = ("alias:abbreviation", "org:suffix:strong", "org:lexicon", "per:title_name", "per:byline")


def corpus_names(docs) -> dict[str, tuple[str, str | None]]:
    """Names found by the reliable rules anywhere in the corpus: surface → (label, subtype)."""
    from kg.extract.entities import strip_spaces

    names: dict[str, tuple[str, str | None]] = {}
    for doc in docs:
        text = lx.fix_artefacts(doc.text)
        for d in doc.user_data.get("kg_entities", []):
            surface = strip_spaces(text[d["start"] : d["end"]])
            if d["rule"] in _CORPUS_RULES and len(surface) >= (3 if d["label"] == "PER" else 4):
                names.setdefault(surface, (d["label"], d.get("subtype")))
    return names


def propagate_corpus_names(text: str, cands: list[Candidate], names: dict[str, tuple[str, str | None]]) -> list[Candidate]:
    """Occurrences of corpus-level names (星火机电 defined in another article) not yet covered by a mention."""
    from kg.extract.entities import Candidate

    occupied = bytearray(len(text) + 1)
    for c in cands:
        if c.label in ("PER", "ORG", "LOC"):
            occupied[c.start : c.end] = b"\x01" * (c.end - c.start)
    extra = []
    present = [n for n in names if n in text]
    for name in sorted(present, key=len, reverse=True):
        label, subtype = names[name]
        for m in re.finditer(re.escape(name), text):
            if not any(occupied[m.start() : m.end()]):
                extra.append(Candidate(m.start(), m.end(), label, "propagate:corpus", 1, subtype=subtype))
                occupied[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
    return extra


# spaCy refuses texts over nlp.max_length (1,000,000 by default) and memory grows with the length: longer articles
# are read in chunks cut at paragraph (else sentence, else any) boundaries, their offsets mapped back.
MAX_CHUNK = 100_000


def _chunks(text: str, limit: int) -> list[tuple[int, int]]:
    """(start, end) pieces of `text`, each at most `limit` characters, cut after a newline or a sentence end."""
    spans = []
    start = 0
    while len(text) - start > limit:
        window = text[start : start + limit]
        cut = window.rfind("\n") + 1
        if cut < limit // 4:
            ends = [m.end() for m in _SENTENCE_END.finditer(window)]
            cut = ends[-1] if ends and ends[-1] >= limit // 4 else limit
        spans.append((start, start + cut))
        start += cut
    spans.append((start, len(text)))
    return spans


_OFFSET_KEYS = ("start", "end", "org_start", "org_end")
_SPAN_KEYS = ("place", "alias_of", "date_span")


def _shift(value, offset: int):
    """A candidate dict (or its attrs) with every char offset moved by `offset`."""
    if isinstance(value, dict):
        out = {}
        for key, item in value.items():
            if key in _OFFSET_KEYS and isinstance(item, int):
                out[key] = item + offset
            elif key in _SPAN_KEYS and isinstance(item, (list, tuple)) and all(isinstance(x, int) for x in item):
                out[key] = [x + offset for x in item]
            else:
                out[key] = _shift(item, offset)
        return out
    if isinstance(value, list):
        return [_shift(item, offset) for item in value]
    return value


class _JoinedDoc:
    """What extraction reads from a spaCy Doc (text, user_data['kg_entities']) for an article read in chunks."""

    def __init__(self, text: str, pieces: list[tuple[int, object]]):
        self.text = text
        entities, vetoes = [], []
        for offset, doc in pieces:
            entities += [_shift(d, offset) for d in doc.user_data.get("kg_entities", [])]
            vetoes += doc.user_data.get("kg_vetoes", [])
        self.user_data = {"kg_entities": entities, "kg_vetoes": vetoes}


BATCH_ARTICLES = 16
BATCH_CHARS = 40_000


def _batches(indices: list[int], texts: list[str]) -> Iterable[list[int]]:
    """`indices` in order, cut into runs of at most BATCH_ARTICLES texts and BATCH_CHARS characters (a longer
    text alone)."""
    batch: list[int] = []
    chars = 0
    for k in indices:
        if batch and (len(batch) == BATCH_ARTICLES or chars + len(texts[k]) > BATCH_CHARS):
            yield batch
            batch, chars = [], 0
        batch.append(k)
        chars += len(texts[k])
    if batch:
        yield batch


def _problem(article: Article, stage: str, error: Exception) -> Problem:
    where = article.source_path or article.id
    return Problem(path=where, severity="warning",
                   reason=f"article {article.id}: {stage} failed ({type(error).__name__}: {error}); "
                          "its entities and relations are missing from the graph")


def _read_docs(nlp: Language, articles: list[Article], problems: list[Problem],
               progress: Callable[[str, int, int], None] | None) -> list:
    """One doc per article (None where the NLP failed); long articles in chunks."""
    pieces = [_chunks(a.text, MAX_CHUNK) for a in articles]
    texts = [a.text[s:e] for a, spans in zip(articles, pieces) for s, e in spans]
    # chunks of a long article keep only their entities (not the Doc with its tensors): memory stays bounded
    in_parts = {k for k, n in enumerate(k for spans in pieces for k in [len(spans)] * len(spans)) if n > 1}

    def keep(k: int, doc):
        return SimpleNamespace(user_data={key: doc.user_data.get(key, []) for key in ("kg_entities", "kg_vetoes")}) \
            if k in in_parts else doc

    try:
        # short articles in batches of at most 16 and BATCH_CHARS characters (the tensors grow with the
        # characters, not the count); the chunks of a long one one at a time (a batch of 16 chunks of 100k
        # characters would hold gigabytes of tensors)
        chunk_docs = [None] * len(texts)
        for batch in _batches([k for k in range(len(texts)) if k not in in_parts], texts):
            for k, doc in zip(batch, nlp.pipe((texts[k] for k in batch), batch_size=len(batch))):
                chunk_docs[k] = doc
        long = sorted(in_parts)
        for k, doc in zip(long, nlp.pipe((texts[k] for k in long), batch_size=1)):
            chunk_docs[k] = keep(k, doc)
    except Exception:  # find the culprit: one text at a time
        chunk_docs = []
        for k, text in enumerate(texts):
            try:
                chunk_docs.append(keep(k, nlp(text)))
            except Exception as error:
                chunk_docs.append(error)
    docs = []
    k = 0
    for n, (article, spans) in enumerate(zip(articles, pieces), 1):
        mine = chunk_docs[k : k + len(spans)]
        k += len(spans)
        failed = next((d for d in mine if isinstance(d, Exception)), None)
        if failed is not None:
            problems.append(_problem(article, "NLP", failed))
            docs.append(None)
        elif len(spans) == 1:
            docs.append(mine[0])
        else:
            docs.append(_JoinedDoc(article.text, [(s, d) for (s, _), d in zip(spans, mine)]))
        if progress is not None:
            progress("nlp", n, len(articles))
    return docs


def extract_articles(
    nlp: Language,
    articles: Iterable[Article],
    progress: Callable[[str, int, int], None] | None = None,
    problems: list[Problem] | None = None,
) -> list[ArticleExtraction]:
    """Extractions of `articles`, one each, in order. An article that cannot be read (NLP or rules raise) gets an
    empty extraction and a Problem appended to `problems` (when given; otherwise logged); the batch goes on."""
    articles = list(articles)
    add_components(nlp)
    problems = [] if problems is None else problems
    before = len(problems)
    total = len(articles)
    docs = _read_docs(nlp, articles, problems, progress)
    # the article's text, not doc.text (which spaCy rebuilds from the tokens: slow); the same string
    names = corpus_names(SimpleNamespace(text=a.text, user_data=d.user_data)
                         for a, d in zip(articles, docs) if d is not None)
    from kg.archive.stream import NameFinder

    finder = NameFinder(names)  # the names each text holds, found in one pass (not one search per name)
    results = []
    for k, (article, doc) in enumerate(zip(articles, docs), 1):
        extraction = ArticleExtraction(article=article)
        if doc is not None:
            try:
                held = finder.find(lx.fix_artefacts(article.text))
                extraction = extract_article(nlp, article, doc, corpus_names=held)
            except Exception as error:  # one odd article must not stop a corpus build
                problems.append(_problem(article, "extraction", error))
        results.append(extraction)
        if progress is not None:
            progress("extract", k, total)
    for problem in problems[before:]:
        log.warning("%s: %s", problem.path, problem.reason)
    return results


__all__ = ["add_components", "extract_articles", "extract_article", "load_pipeline", "split_sentences"]
