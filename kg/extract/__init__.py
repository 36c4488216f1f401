"""Domain extraction: entities (statistical NER + rules) and relations (rules) per article, with provenance.

    from kg.extract import extract_articles, load_pipeline
    nlp = load_pipeline()                   # kg.nlp.load() (+ kg components), or spacy.blank("zh") without a model
    extractions = extract_articles(nlp, articles)

Every Mention and RelationMention points into `Article.text` (char offsets) and names the rule or model that
produced it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence

from spacy.language import Language

import kg.extract.entities  # noqa: F401  (registers the spaCy factories)
from kg.extract import lexicon as lx
from kg.extract.dates import find_dates
from kg.extract.entities import Candidate, find_events, strip_spaces
from kg.records import Article, ArticleExtraction, Mention

COMPONENTS = ("kg_entity_rules", "kg_entity_merge")
_SAME_DAY = "会前|会上|会后|会议期间|当天|当日|同日|开幕式上|其间|期间"
_SENTENCE_END = re.compile(r"[。！？!?]+[”’\"」』）)]*|\n+")


def add_components(nlp: Language) -> Language:
    """Add kg's entity components after whatever the pipeline has (the NER runs first)."""
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
                normalized=strip_spaces(text[c.start : c.end]),
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


def _attach_dates(article: Article, text: str, mentions: list[Mention], sentences) -> None:
    """Each EVENT mention gets the date of its sentence (nearest date before it, else the first after)."""
    dates = find_dates(text, article.date)
    for m in mentions:
        if m.label != "EVENT":
            continue
        sentence = next(((s, e) for s, e in sentences if s <= m.start < e), None)
        if sentence is None:
            continue
        inside = [d for d in dates if sentence[0] <= d.start < sentence[1]]
        before = [d for d in inside if d.end <= m.start]
        chosen = before[-1] if before else (inside[0] if inside else None)
        if chosen is not None:
            m.attrs["date"] = chosen.value
            m.attrs["date_span"] = [chosen.start, chosen.end]
    # 会前召开了… / 会上还举行了…: an event held at the dated meeting takes that meeting's date
    dated = [m for m in mentions if m.label == "EVENT" and m.attrs.get("date")]
    for m in mentions:
        if m.label != "EVENT" or m.attrs.get("date") or not dated:
            continue
        sentence = next(((s, e) for s, e in sentences if s <= m.start < e), (m.start, m.end))
        if m.attrs.get("kind") != "campaign" and re.search(_SAME_DAY, text[sentence[0] : m.start]):
            host = next((d for d in reversed(dated) if d.start < m.start), dated[0])
            if host.normalized != m.normalized:
                m.attrs["date"] = host.attrs["date"]
                m.attrs["date_span"] = host.attrs["date_span"]


def extract_article(nlp: Language, article: Article, doc=None,
                    corpus_names: dict[str, tuple[str, str | None]] | None = None) -> ArticleExtraction:
    from kg.extract.relations import extract_relations

    if doc is None:
        doc = nlp(article.text)
    text = lx.fix_artefacts(article.text)
    cands = [Candidate(**d) for d in doc.user_data.get("kg_entities", [])]
    if corpus_names:
        cands += propagate_corpus_names(text, cands, corpus_names)
    mentions = _mentions_from(article, text, cands)
    _byline_mentions(article, mentions)
    sentences = split_sentences(article.text)
    _attach_dates(article, text, mentions, sentences)
    headline_events = [strip_spaces(article.headline[c.start : c.end]) for c in find_events(article.headline or "")]
    relations = extract_relations(article, text, sentences, mentions, headline_events=headline_events)
    return ArticleExtraction(article=article, sentences=sentences, mentions=mentions, relations=relations)


# names reliable enough to be looked for in every other article of the corpus
_CORPUS_RULES = ("alias:abbreviation", "org:suffix:strong", "org:lexicon", "per:title_name", "per:byline")


def corpus_names(docs) -> dict[str, tuple[str, str | None]]:
    """Names found by the reliable rules anywhere in the corpus: surface → (label, subtype)."""
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


def extract_articles(
    nlp: Language,
    articles: Iterable[Article],
    progress: Callable[[str, int, int], None] | None = None,
) -> list[ArticleExtraction]:
    articles = list(articles)
    add_components(nlp)
    total = len(articles)
    docs = []
    for k, doc in enumerate(nlp.pipe((a.text for a in articles), batch_size=16), 1):
        docs.append(doc)
        if progress is not None:
            progress("nlp", k, total)
    names = corpus_names(docs)
    results = []
    for k, (article, doc) in enumerate(zip(articles, docs), 1):
        results.append(extract_article(nlp, article, doc, corpus_names=names))
        if progress is not None:
            progress("extract", k, total)
    return results


__all__ = ["add_components", "extract_articles", "extract_article", "load_pipeline", "split_sentences"]
