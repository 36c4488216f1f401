"""One file → one Document with its articles: decode, front matter, HTML/Markdown/PDF-text layout,
boilerplate, masthead, segmentation, bylines, publisher and date.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from kg.ingest import dates, lexicons
from kg.ingest.blocks import Block, Removed, assemble, blocks_from_paragraphs, blocks_from_text, remove_boilerplate, repair
from kg.ingest.bylines import locate_names, parse_credit
from kg.ingest.decode import CHUNK_BYTES, simplify, to_simplified
from kg.ingest.frontmatter import split_front_matter
from kg.ingest.html import html_to_text, looks_like_html
from kg.ingest.masthead import take_masthead
from kg.ingest.normalize import HAN, ends_mid_sentence, scrub_controls
from kg.ingest.segment import MAX_ARTICLE_CHARS, UNBROKEN_PART_CHARS, Draft, classify_kind, in_parts, segment
from kg.ingest.webpage import finish_page, read_page
from kg.records import Article, Byline, Document, Paragraph, Problem

LARGE_FILE = 8 * CHUNK_BYTES  # above this, text is segmented chunk by chunk (bounded working memory)
_WRAPPED = re.compile(rf"[{HAN}] [{HAN}]")
_LEADING_PHOTO_CREDIT = re.compile(r"^(\S{2,30}?\s?摄)\s+(\S.*)$")
_WEB_MARKERS = re.compile(r"^(当前位置|版权声明|分享给朋友|admin\s*\d)")
URL_KEYS = ("url", "link", "permalink", "source_url", "original_url", "canonical_url")  # front matter: the address


@dataclass
class Layout:
    """What the file looks like, decided from its name and content."""

    format: str  # txt | markdown | html | front_matter_html | front_matter_text | pdf_text | webpage
    single: bool = False  # one article (web page, post) rather than a newspaper page/issue
    markdown: bool = False
    pdf_wraps: bool = False


@dataclass
class DocInfo:
    publisher: str | None = None
    publisher_source: str | None = None
    date: str | None = None
    date_source: str | None = None
    metadata: dict = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


def document_id(path: Path) -> str:
    return path.stem


def has_pdf_wraps(text: str) -> bool:
    """PDF-extracted text: most long lines carry spaces between Chinese characters (wrapped columns)."""
    lines = [line for line in text.splitlines()[:400] if len(line) >= 20]
    if len(lines) < 3:
        return False
    wrapped = sum(1 for line in lines if _WRAPPED.search(line))
    return wrapped / len(lines) >= 0.3


def ingest_text(text: str, path: Path, doc_id: str | None = None, encoding: str = "utf-8") -> Document:
    """Turn already-decoded text into a Document (the core of `ingest_file`; usable on strings)."""
    doc_id = doc_id or document_id(path)
    info = DocInfo()
    text, removed = scrub_controls(text)  # files were scrubbed while decoding; strings given directly are here
    if removed:
        info.problems.append(f"{removed} control character(s) removed (terminal escapes, C0/C1 controls, "
                             "lone surrogates, non-characters)")
    simplified, converted = to_simplified(text)
    front = split_front_matter(text)
    if converted:
        # Layout is read from the original; each block is converted on its own so that every
        # article can keep its original (traditional) wording next to the simplified text.
        info.metadata["original_text"] = text
        front.data = split_front_matter(simplified).data
    if front.error:
        info.problems.append(front.error)
    if front.present:
        info.metadata["front_matter"] = front.data
    body = front.body
    suffix = path.suffix.lower()
    title = front.data.get("title") if isinstance(front.data.get("title"), str) else None

    if suffix in (".html", ".htm", ".xhtml") or looks_like_html(body):
        layout = Layout(format="front_matter_html" if front.present else "html", single=True)
        parsed = html_to_text(body)
        if parsed.dropped:
            info.metadata["html_dropped_elements"] = parsed.dropped
        if parsed.controls_removed:
            info.problems.append(f"{parsed.controls_removed} control character(s) from character references "
                                 "(&#27; &#xFFFE; …) removed")
        title = title or parsed.title
        headings = dict(parsed.headings)
        paragraphs = list(parsed.paragraphs)
        if title and (not paragraphs or paragraphs[0].strip() != title.strip()):
            paragraphs.insert(0, title)
            headings = {i + 1: level for i, level in headings.items()}
        headings[0] = 1
        blocks = blocks_from_paragraphs(paragraphs, headings)
    else:
        markdown = suffix in (".md", ".markdown") or len(re.findall(r"(?m)^#{1,3}\s+\S", body)) >= 2
        layout = Layout(format="markdown" if markdown else "txt", markdown=markdown, single=front.present)
        if front.present:
            layout.format = "front_matter_text"
        if has_pdf_wraps(body):
            layout.format, layout.pdf_wraps = "pdf_text", True
        blocks = blocks_from_text(body, markdown=markdown)
        if title:
            blocks.insert(0, Block(text=title.strip(), gap=2, heading=1))

    if converted:
        for block in blocks:
            block.original, block.text = block.text, simplify(block.text)
    document = Document(id=doc_id, path=str(path), format=layout.format, encoding=encoding, text="",
                        converted_from_traditional=converted)
    _process_blocks(document, blocks, layout, info)
    return document


def _process_blocks(document: Document, blocks: list[Block], layout: Layout, info: DocInfo) -> None:
    blocks, page = read_page(blocks, layout, info)  # scraped web pages: furniture, meta lines, headline (webpage.py)
    blocks, removed = remove_boilerplate(blocks)
    if any(_WEB_MARKERS.match(line) for line in removed.lines) or removed.dropped_tail:
        layout.single, layout.format = True, "webpage" if layout.format == "txt" else layout.format
    blocks, masthead = take_masthead(blocks)
    blocks, fragments = _drop_fragments(blocks)
    blocks, duplicates = _drop_repeats(blocks)
    if duplicates:
        info.metadata["duplicates_removed"] = duplicates
        info.problems.append(f"{len(duplicates)} repeated paragraph(s) removed (text already given above)")
    blocks = _split_leading_photo_credits(blocks)
    blocks = repair(blocks, pdf_wraps=layout.pdf_wraps)
    document.text = assemble(blocks)
    _record_removed(info, removed, fragments)
    _document_publisher_and_date(info, masthead, document)
    drafts = segment(blocks, markdown=layout.markdown, single=layout.single)
    document.articles = articles(drafts, document, info)
    finish_page(page, document, info)
    note_parts(document, info)
    fill_document_publisher(document)
    _ids(document)
    if not document.articles:
        info.problems.append("no article text found")
    elif layout.single and not document.articles[0].headline:
        info.problems.append("no headline found")
    document.metadata.update(info.metadata)
    document.metadata["layout"] = document.format = layout.format
    document.problems.extend(Problem(document.path, reason, "warning") for reason in info.problems)


def _drop_fragments(blocks: list[Block]) -> tuple[list[Block], list[str]]:
    """Lines of one or two characters are column debris of PDF extraction (布 / 第 / 作。), not text."""
    kept, fragments = [], []
    for block in blocks:
        if len(block.text) <= 2 and not block.heading:
            fragments.append(block.text)
            continue
        kept.append(block)
    return kept, fragments


def _drop_repeats(blocks: list[Block], window: int = 12, min_chars: int = 20) -> tuple[list[Block], list[str]]:
    """Scrapers sometimes repeat the tail of an article; a paragraph contained in one of the few before it goes."""
    from kg.ingest.blocks import is_structural

    kept: list[Block] = []
    repeats = []
    run: list[Block] = []  # body paragraphs since the last headline/credit: repeats are looked for here only
    for block in blocks:
        if is_structural(block):
            run = []
        elif len(block.text) >= min_chars and any(block.text in earlier.text for earlier in run[-window:]):
            repeats.append(block.text)
            continue
        else:
            run.append(block)
        kept.append(block)
    return kept, repeats


def _split_leading_photo_credits(blocks: list[Block]) -> list[Block]:
    """A photo credit glued before running text by column extraction (记者/旷昆红 摄 话会…) is split off."""
    out = []
    for block in blocks:
        match = _LEADING_PHOTO_CREDIT.match(block.text)
        credit = parse_credit(match.group(1)) if match else None
        if credit and credit.photo:
            rest = Block(text=match.group(2), gap=block.gap, heading=block.heading)
            caption = Block(text=match.group(1), gap=0, flags={"caption_credit"})
            out.extend([rest, caption])
            continue
        out.append(block)
    return out


def _record_removed(info: DocInfo, removed: Removed, fragments: list[str]) -> None:
    if removed.lines:
        info.metadata["boilerplate_removed"] = removed.lines
    if removed.dropped_tail:
        info.metadata["dropped_tail"] = removed.dropped_tail
        info.metadata["dropped_tail_reason"] = "teaser list / related links after '" + removed.dropped_tail[0] + "'"
    if fragments:
        info.metadata["fragments_removed"] = fragments
        info.problems.append(f"{len(fragments)} line fragment(s) of 1–2 characters removed (column debris): " + " ".join(fragments))


def _document_publisher_and_date(info: DocInfo, masthead, document: Document) -> None:
    front = info.metadata.get("front_matter") or {}
    if masthead.lines:
        info.metadata["masthead"] = masthead.lines
    if masthead.publisher:
        info.publisher, info.publisher_source = masthead.publisher, "masthead"
    elif front_publisher(front):
        info.publisher, info.publisher_source = front_publisher(front), "front_matter"
    elif isinstance(front.get("author"), str) and front["author"].strip() in lexicons.publishers():
        info.publisher, info.publisher_source = front["author"].strip(), "front_matter"
    if isinstance(front.get("author"), str) and front["author"].strip() not in lexicons.publishers():
        info.metadata["aggregator"] = front["author"].strip()
    if masthead.lunar:
        info.metadata["lunar_issue"] = masthead.lunar.text
        if masthead.lunar.issue is not None:
            info.metadata["issue"] = masthead.lunar.issue
    for line in masthead.invalid:
        info.problems.append(f"masthead date contradicts its weekday, not used: {line}")

    if masthead.solar:
        info.date, info.date_source = masthead.solar.isoformat(), "masthead"
        if masthead.lunar and not dates.lunar_agrees(masthead.lunar, masthead.solar):
            info.problems.append(f"lunar issue line '{masthead.lunar.text}' does not match masthead date {info.date}")
    elif front.get("date") is not None:
        parsed = dates.parse_front_matter_date(front.get("date"))
        if parsed:
            info.date, info.date_source = parsed.isoformat(), "front_matter"
        else:
            info.problems.append(f"front matter date not understood: {front.get('date')!r}")
    elif masthead.lunar:
        candidates = dates.lunar_candidates(masthead.lunar)
        info.metadata["lunar_candidates"] = [d.isoformat() for d in candidates]
        if len(candidates) == 1:
            info.date, info.date_source = candidates[0].isoformat(), "lunar_issue"
        else:
            info.metadata["date_note"] = (
                f"lunar date '{masthead.lunar.text}' fits {len(candidates)} years; left undetermined"
                " unless an issue number of the same paper fixes it"
            )
    if info.date is None and "date_note" not in info.metadata:
        info.metadata["date_note"] = "no masthead, issue header or front-matter date: publication date undeterminable"
    if info.date is None:
        info.problems.append(info.metadata["date_note"])
    if info.date:
        info.metadata["date"], info.metadata["date_source"] = info.date, info.date_source
    if info.publisher:
        info.metadata["publisher"] = info.publisher


def _web_address(value) -> str | None:
    if isinstance(value, str) and re.match(r"https?://\S+$", value.strip()):
        return value.strip()
    return None


def front_url(front: dict) -> str | None:
    """The article's address from front matter: the first of URL_KEYS that holds an http(s) URL, else a `source`
    that is one."""
    return next((url for key in (*URL_KEYS, "source") if (url := _web_address(front.get(key)))), None)


def front_publisher(front: dict) -> str | None:
    """The publisher named in front matter: `publisher`, else a `source` that is a name rather than an address."""
    for key in ("publisher", "source"):
        value = front.get(key)
        if isinstance(value, str) and value.strip() and not _web_address(value) and len(value.strip()) <= 60:
            return value.strip()
    return None


def _article(draft: Draft, document: Document, index: int, info: DocInfo) -> Article:
    lines: list[Block] = [*draft.title_blocks(), *draft.body]
    paragraphs: list[Paragraph] = []
    cursor = 0
    for block in lines:
        paragraphs.append(Paragraph(text=block.text, start=cursor, end=cursor + len(block.text),
                                    source_start=block.start, source_end=block.end))
        cursor += len(block.text) + 1
    text = "\n".join(block.text for block in lines)
    by_block = {id(block): para for block, para in zip(lines, paragraphs)}

    bylines: list[Byline] = []
    publisher, publisher_source = None, None
    dateline_text = None
    if draft.dateline:
        block, dateline = draft.dateline
        dateline_text = dateline.text
        publisher, publisher_source = dateline.publisher, "dateline" if dateline.publisher else None
        if dateline.credit:
            para = by_block[id(block)]
            for byline in dateline.credit.bylines:
                byline.organization = byline.organization or dateline.publisher
            locate_names(text, dateline.credit.bylines, para.start, para.start + dateline.end)
            bylines.extend(dateline.credit.bylines)
    credit_lines = []
    for block, credit in draft.credits:
        credit_lines.append(block.text)
        bylines.extend(credit.bylines)
    for block, credit in draft.captions:
        para = by_block.get(id(block))
        if para is not None:
            locate_names(text, credit.bylines, para.start, para.end)
        bylines.extend(credit.bylines)
    bylines = _dedupe(bylines)
    if publisher is None:
        org = next((b.organization for b in bylines if b.organization), None)
        if org:
            publisher, publisher_source = org, "byline"
    if publisher is None and info.publisher:
        publisher, publisher_source = info.publisher, info.publisher_source

    meta: dict = {}
    body = draft.body
    # Column lines glued back together count as the separate lines they were in the source.
    cut = sum(b.column_lines + (ends_mid_sentence(b.text) and "caption" not in b.flags) for b in body)
    source_lines = sum(1 + b.column_lines for b in body)
    if body and cut >= 5 and cut / source_lines >= 0.5:
        # Many paragraphs stop mid-sentence: columns interleaved by the PDF extractor, lines out of order.
        meta["layout_warning"] = f"{cut} of {source_lines} paragraphs break off mid-sentence (columns interleaved?)"
        info.problems.append(f"article {index} ({draft.headline.text if draft.headline else 'no headline'}): "
                             + meta["layout_warning"])
    if credit_lines:
        meta["credit_lines"] = credit_lines
    if draft.kicker or len(draft.deck) > 1:
        meta["title_lines"] = {"kicker": [b.text for b in draft.kicker], "deck": [b.text for b in draft.deck]}
    meta["body_start"] = paragraphs[len(draft.title_blocks())].start if len(paragraphs) > len(draft.title_blocks()) else len(text)
    if publisher_source:
        meta["publisher_source"] = publisher_source
    if document.converted_from_traditional:
        meta["converted_from_traditional"] = True
        meta["original_text"] = "\n".join(block.original or block.text for block in lines)
    if info.metadata.get("front_matter"):
        front = info.metadata["front_matter"]
        for key in ("categories", "tags", "source"):
            if key in front:
                meta[key] = front[key]
        if front_url(front):
            meta["url"] = front_url(front)
    source_spans = [(b.start, b.end) for b in [*lines, *(c for c, _ in draft.credits)]]
    return Article(
        id="",
        document_id=document.id,
        index=index,
        headline=draft.headline.text if draft.headline else "",
        text=text,
        paragraphs=paragraphs,
        kicker=" ".join(b.text for b in draft.kicker) or None,
        deck=draft.deck[0].text if draft.deck else None,
        publisher=publisher,
        date=info.date,
        date_source=info.date_source,
        bylines=bylines,
        dateline=dateline_text,
        kind=classify_kind(draft),
        source_path=document.path,
        source_start=min((s for s, _ in source_spans), default=None),
        source_end=max((e for _, e in source_spans), default=None),
        meta=meta,
    )


def articles(drafts: list[Draft], document: Document, info: DocInfo) -> list[Article]:
    """The drafts' articles, numbered after those already in `document`; an over-long one in parts (in_parts),
    each part with the headline, publisher and date of the first."""
    out: list[Article] = []
    first = None
    for draft, part, parts in in_parts(drafts):
        article = _article(draft, document, len(document.articles) + len(out), info)
        if parts > 1:
            first = article if part == 1 else first
            article.meta["part"] = f"{part}/{parts}"
            if part > 1:
                article.headline, article.kind = first.headline, first.kind
                if first.publisher:
                    article.publisher = first.publisher
                    article.meta["publisher_source"] = first.meta.get("publisher_source")
                if first.date:
                    article.date, article.date_source = first.date, first.date_source
        out.append(article)
    return out


def note_parts(document: Document, info: DocInfo) -> None:
    parted = sum(1 for a in document.articles if a.meta.get("part", "").startswith("1/"))
    if parted:
        info.problems.append(f"{parted} article(s) longer than {MAX_ARTICLE_CHARS:,} characters ({UNBROKEN_PART_CHARS:,} "
                             "without line breaks) read in parts (no headlines to split them by?)")


def _dedupe(bylines: list[Byline]) -> list[Byline]:
    seen: dict[tuple[str, str], Byline] = {}
    for byline in bylines:
        key = (byline.name, byline.role)
        if key not in seen:
            seen[key] = byline
        elif seen[key].start is None and byline.start is not None:
            seen[key] = byline
    return list(seen.values())


def _ids(document: Document) -> None:
    """Stable ids from the document id and the headline (or the opening text when there is none)."""
    used: Counter[str] = Counter()
    for article in document.articles:
        basis = article.headline or article.text[:80]
        digest = hashlib.sha1(f"{document.id}\n{basis}".encode()).hexdigest()[:10]
        key = f"{document.id}#{digest}"
        used[key] += 1
        article.id = key if used[key] == 1 else f"{key}-{used[key]}"


def fill_document_publisher(document: Document) -> None:
    """Articles without any publisher clue take the one all marked articles of the same issue agree on."""
    named = {a.publisher for a in document.articles if a.publisher and a.meta.get("publisher_source") in ("dateline", "byline", "masthead")}
    if len(named) != 1:
        return
    publisher = named.pop()
    for article in document.articles:
        if article.publisher is None:
            article.publisher = publisher
            article.meta["publisher_source"] = "document"
