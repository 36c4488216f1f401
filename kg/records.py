"""Plain dataclasses that flow between the stages: ingest → nlp → extract → resolve → graph → export.

Every stage reads and writes these records only, so each stage can be used (and tested) on its own.
Offsets are Python string indices (code points), end-exclusive, unless stated otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# --------------------------------------------------------------------------- ingest


@dataclass
class Problem:
    """Something wrong with one input file (or part of it). Never silently dropped: the summary lists it."""

    path: str
    reason: str
    severity: str = "error"  # "error": file skipped; "warning": file read, something degraded


@dataclass
class Byline:
    """A credited person: 全媒体记者/胡文洁 → Byline(name="胡文洁", role="全媒体记者")."""

    name: str
    role: str  # 记者 | 全媒体记者 | 通讯员 | 实习生 | 摄 | 供图 | 策划 | 执行 | 编辑 | 作者 ...
    organization: str | None = None  # e.g. 株洲日报 in "株洲日报全媒体记者/马文章"
    start: int | None = None  # offsets of the name in Article.text, when the byline is inside it
    end: int | None = None


@dataclass
class Paragraph:
    text: str
    start: int  # offsets into Article.text
    end: int
    source_start: int | None = None  # offsets into Document.text (the cleaned full document)
    source_end: int | None = None


@dataclass
class Article:
    id: str  # stable: derived from the document id and the article's content, not from run order
    document_id: str
    index: int  # position within the document, 0-based
    headline: str
    text: str  # cleaned article body: paragraphs joined by "\n"; all extraction offsets point here
    paragraphs: list[Paragraph] = field(default_factory=list)
    kicker: str | None = None  # 引题 above the headline
    deck: str | None = None  # 副题 below the headline
    publisher: str | None = None  # 株洲日报, 潇湘晨报, ...
    date: str | None = None  # ISO YYYY-MM-DD, only when certain
    date_source: str | None = None  # front_matter | masthead | lunar_issue | dateline | ...
    bylines: list[Byline] = field(default_factory=list)
    dateline: str | None = None  # 株洲日报讯
    kind: str = "news"  # news | commentary | photo | brief
    source_path: str = ""
    source_start: int | None = None  # span of this article in Document.text
    source_end: int | None = None
    meta: dict[str, Any] = field(default_factory=dict)  # categories, url, original (traditional) text ...


@dataclass
class Document:
    id: str  # stable: file stem (plus a short content hash when needed)
    path: str
    format: str  # txt | markdown | html | front_matter_html | pdf_text | newspaper ...
    encoding: str
    text: str  # cleaned full text, simplified Chinese
    articles: list[Article] = field(default_factory=list)
    metadata: dict[str, Any] = field(default_factory=dict)  # front matter etc.
    problems: list[Problem] = field(default_factory=list)  # warnings about this document
    converted_from_traditional: bool = False


@dataclass
class IngestResult:
    documents: list[Document] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)  # errors (skipped files) and warnings
    files_seen: int = 0
    files_read: int = 0
    files_skipped: int = 0


# --------------------------------------------------------------------------- extract

from kg.vocab import ENTITY_TYPES  # noqa: E402,F401


@dataclass
class Evidence:
    """Where a fact was read: the sentence and the exact character span of the trigger/mention."""

    article_id: str
    sentence: str
    sentence_start: int  # offsets of the sentence in Article.text
    sentence_end: int
    start: int  # offsets of the evidence span (mention or whole relation) in Article.text
    end: int
    rule: str  # the rule or model that produced the fact, e.g. "ner:model", "rel:position_title_name"


@dataclass
class Mention:
    """One occurrence of an entity (or a TITLE) in one article."""

    id: str  # unique within the article, e.g. "m12"
    text: str
    label: str  # PER | ORG | LOC | EVENT | PROJECT | TITLE
    start: int  # offsets in Article.text
    end: int
    article_id: str
    subtype: str | None = None  # see gold-format.md subtypes
    normalized: str | None = None  # expanded/qualified form (市委 → 株洲市委), corrected artefacts
    source: str = ""  # producing component/rule
    attrs: dict[str, Any] = field(default_factory=dict)  # date, amount, division_code, ...


@dataclass
class RelationMention:
    """A relation read in one article between mentions (or a mention and a literal)."""

    type: str  # gold-format relation type: position, attended, chaired, ...
    subject: str  # Mention.id
    object: str | None  # Mention.id, or None when the object is a literal
    evidence: Evidence
    literal: str | None = None  # literal object (title for position, date, alias, headline)
    attrs: dict[str, Any] = field(default_factory=dict)  # org (Mention.id) for position, amount, ...


@dataclass
class ArticleExtraction:
    article: Article
    sentences: list[tuple[int, int]] = field(default_factory=list)  # sentence spans in Article.text
    mentions: list[Mention] = field(default_factory=list)
    relations: list[RelationMention] = field(default_factory=list)
    # model entities the extraction gate dropped: [label, surface, reason] (counted by `kg eval`)
    vetoes: list[list[str]] = field(default_factory=list)


# --------------------------------------------------------------------------- resolve


@dataclass
class Entity:
    id: str  # stable key, e.g. "org/中车株洲电力机车研究所有限公司"; the graph stage derives IRIs from it
    type: str  # PER | ORG | LOC | EVENT | PROJECT
    name: str  # canonical: the fullest form
    subtype: str | None = None
    aliases: list[str] = field(default_factory=list)  # sorted, without name
    mentions: list[Mention] = field(default_factory=list)
    attrs: dict[str, Any] = field(default_factory=dict)  # date, division_code, parent (entity id), titles, amount ...


@dataclass
class Relation:
    type: str  # gold-format relation type
    subject: str  # Entity.id
    object: str | None  # Entity.id, or None for literal-valued relations
    literal: str | None = None
    attrs: dict[str, Any] = field(default_factory=dict)  # org (Entity.id) for position, amount, date ...
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class Corpus:
    """Everything the build knows: the resolved knowledge graph plus its sources."""

    documents: list[Document] = field(default_factory=list)
    extractions: list[ArticleExtraction] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def articles(self) -> list[Article]:
        return [a for d in self.documents for a in d.articles]

    def entity(self, entity_id: str) -> Entity | None:
        index = self.__dict__.setdefault("_index", {})
        if len(index) != len(self.entities):
            index.clear()
            index.update({e.id: e for e in self.entities})
        return index.get(entity_id)
