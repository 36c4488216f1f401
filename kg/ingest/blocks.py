"""Text → blocks (one per non-empty line, with the blank-line gap before it and any heading level), then
boilerplate removal and repair of lines broken mid-sentence. Segmentation works on these blocks.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from kg.ingest import lexicons
from kg.ingest.bylines import parse_credit, parse_dateline, split_trailing_credit, strip_jump_marker
from kg.ingest.normalize import (
    MAX_LINE,
    clean_line,
    curly_quotes,
    dewrap,
    ends_mid_sentence,
    is_title_like,
    remove_pangu_spaces,
    split_long_line,
)

_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_MD_BULLET = re.compile(r"^(?:[-*+]|\d{1,2}[.、])\s+(?=\S)")
_MD_EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1")
_MD_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_MD_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")


@dataclass
class Block:
    text: str
    gap: int = 0  # blank lines before this block in the source
    heading: int = 0  # Markdown/HTML heading level, 0 for none
    start: int = 0  # offsets in Document.text, set when the document text is assembled
    end: int = 0
    jump: str | None = None  # "▶下转02版": the article continues on another page
    original: str | None = None  # the line before traditional → simplified conversion
    flags: set[str] = field(default_factory=set)
    column_lines: int = 0  # PDF column lines glued into this block after the first one


@dataclass
class Removed:
    """Boilerplate taken out of a document, kept in its metadata so nothing disappears unaccounted."""

    lines: list[str] = field(default_factory=list)
    dropped_tail: list[str] = field(default_factory=list)  # teaser lists after 相关文章 etc.


def _lines(lines: Iterable[str]) -> Iterator[tuple[str, bool | None]]:
    """(line, None) or, for an over-long line, its bounded pieces (split_long_line) as (piece, whether it
    continues the piece before)."""
    for line in lines:
        if len(line) <= MAX_LINE:
            yield line, None
            continue
        for k, piece in enumerate(split_long_line(line)):
            yield piece, k > 0


def blocks_from_text(text: str, markdown: bool = False) -> list[Block]:
    blocks: list[Block] = []
    gap = 0
    for raw, continued in _lines(text.splitlines()):
        line = clean_line(raw)
        if not line:
            gap += 1
            continue
        heading = 0
        if markdown:
            match = _MD_HEADING.match(line)
            if match:
                heading, line = len(match.group(1)), match.group(2).strip()
            line = _MD_LINK.sub(r"\1", _MD_IMAGE.sub("", _MD_EMPHASIS.sub(r"\2", line))).strip()
        flags = set()
        bullet = _MD_BULLET.match(line) if markdown else (line[:2] in ("- ", "* ", "• ") or None)
        if bullet:
            line = _MD_BULLET.sub("", line) if markdown else line[2:].strip()
            flags.add("list_item")  # a list item starts its own paragraph
        if continued is not None:
            # a piece of an over-long line: never glued back to the one before (repair), never taken for
            # boilerplate whole (a notice run together with the article text would take the text with it)
            flags.update({"long_line", "cut_line"} if continued else {"long_line"})
        if line:
            blocks.append(Block(text=line, gap=gap if blocks else max(gap, 2), heading=heading, flags=flags))
        gap = 0
    return blocks


def blocks_from_paragraphs(paragraphs: Iterable[str], headings: dict[int, int] | None = None) -> list[Block]:
    headings = headings or {}
    out = []
    for i, paragraph in enumerate(paragraphs):
        for piece, continued in _lines([paragraph]):
            line = clean_line(piece)
            if line:
                flags = set() if continued is None else {"long_line", "cut_line"} if continued else {"long_line"}
                out.append(Block(text=line, gap=0 if continued else 1 if out else 2,
                                 heading=0 if continued else headings.get(i, 0), flags=flags))
    return out


def remove_boilerplate(blocks: list[Block]) -> tuple[list[Block], Removed]:
    removed = Removed()
    kept: list[Block] = []
    rules = lexicons.boilerplate_rules()
    first_rule = lexicons.boilerplate_matcher()
    skipping_box = False
    for index, block in enumerate(blocks):
        if skipping_box:
            if block.gap == 0:
                removed.lines.append(block.text)
                continue
            skipping_box = False
        rule = None if "long_line" in block.flags else first_rule(block.text)
        if rule is None:
            kept.append(block)
            continue
        if rule.kind == "stop":
            removed.dropped_tail = [b.text for b in blocks[index:]]
            break
        removed.lines.append(block.text)
        if rule.kind == "block":
            skipping_box = True
    if kept and kept[0].gap < 2:
        kept[0].gap = 2
    return kept, removed


def is_structural(block: Block) -> bool:
    """Headings, titles, credits, datelines, section labels: lines that must never be glued to a neighbour."""
    text = block.text
    return bool(
        block.heading
        or block.flags & {"caption", "caption_credit", "list_item"}
        or is_title_like(text)
        or text.strip("【】[] ") in lexicons.section_labels()
        or parse_credit(text)
        or (parse_dateline(text) and len(text) < 40)
    )


# …讲话。甘肃日报记者 孟捷 / 甘肃省委书记…: a line that ends with a reporter's credit ends there (the name must not run
# into the next line's first words)
_ENDS_WITH_BYLINE = re.compile(r"(?:记者|通讯员|实习生|作者|编辑)[\s/：:|]*[\u4e00-\u9fff·]{2,4}$")


def repair(blocks: list[Block], pdf_wraps: bool = False) -> list[Block]:
    """Normalise each block, strip jump markers, and join lines broken in the middle of a sentence."""
    split: list[Block] = []
    for block in blocks:
        if pdf_wraps and split and is_title_like(split[-1].text):
            author = _leading_author(block.text)
            if author:
                # A commentary's author set at the head of its first column line (卜周 拔节生长的…).
                split.append(Block(text=author, gap=block.gap, flags={"author"}))
                block = Block(text=block.text[len(author):].lstrip(), gap=0, heading=block.heading, flags=block.flags)
        text = block.text
        caption = None
        if not block.heading and "caption_credit" not in block.flags and not parse_credit(text):
            caption = split_trailing_credit(text)
        if caption and caption[1].photo:
            # A photo caption with its credit (基地。 株洲日报全媒体记者/杨凌凌 摄): the credit becomes a
            # byline of the article around it, the caption stays text and is never glued to a neighbour.
            text = caption[0]
            block.flags.add("caption")
        if pdf_wraps and not (block.heading or is_title_like(text)):
            text = dewrap(text)
        block.text = curly_quotes(remove_pangu_spaces(text))
        block.text, block.jump = strip_jump_marker(block.text)
        split.append(block)
        if caption and caption[1].photo:
            split.append(Block(text=caption[1].raw, gap=0, flags={"caption_credit"}))
    blocks = split
    if pdf_wraps:
        _close_cut_credits(blocks)
        _mark_column_runs(blocks)
    out: list[Block] = []
    for block in blocks:
        # never glue back the pieces of a cut line, nor grow a line past MAX_LINE (20,000 short lines that each
        # stop "mid-sentence" would otherwise become one block, copied over and over)
        fits = out and "cut_line" not in block.flags and len(out[-1].text) + len(block.text) <= MAX_LINE
        previous = out[-1] if fits else None
        if (
            previous is not None
            and "column_line" in previous.flags
            and "column_line" in block.flags
            and not previous.jump
            and ends_mid_sentence(previous.text)
        ):
            # One column of a PDF page set one line a paragraph: the line break falls inside a word
            # or name (茶陵县红 / 军寨), so the lines are glued back together whatever the gap.
            previous.text += block.text
            if previous.original is not None or block.original is not None:
                previous.original = (previous.original or "") + (block.original or block.text)
            previous.jump = block.jump
            previous.flags.add("joined_broken_line")
            previous.column_lines += 1 + block.column_lines
            continue
        if previous is not None:
            previous.flags.discard("column_line")
        if (
            previous is not None
            and block.gap <= 1
            and not previous.jump
            and not block.heading
            and ends_mid_sentence(previous.text)
            and not is_structural(block)
            and not is_structural(previous)
            and not _ENDS_WITH_BYLINE.search(previous.text)
        ):
            previous.text += block.text
            if previous.original is not None or block.original is not None:
                previous.original = (previous.original or "") + (block.original or block.text)
            previous.jump = block.jump
            previous.flags.add("joined_broken_line")
            continue
        out.append(block)
    return out


_CUT_CREDIT_TAIL = re.compile(r"^([\u4e00-\u9fff]{1,2})[)）]\s*")


def _close_cut_credits(blocks: list[Block], lookahead: int = 3) -> None:
    """A dateline credit cut by a column break (株洲日报讯(全媒体记者/周蒿 通讯员/杨双 … 艳) 4月8日,…): the
    name's tail and the closing bracket open a line a few lines on (columns are interleaved). Move them back."""
    for i, block in enumerate(blocks):
        text = block.text
        opened = text.count("(") + text.count("（") - text.count(")") - text.count("）")
        if opened != 1 or not re.search(r"[\u4e00-\u9fff]$", text) or not parse_dateline(text):
            continue
        for later in blocks[i + 1 : i + 1 + lookahead]:
            match = _CUT_CREDIT_TAIL.match(later.text)
            if match and not later.heading:
                block.text += match.group(1) + ")"
                later.text = later.text[match.end():]
                block.flags.add("credit_tail_moved")
                break


COLUMN_RUN = 3  # at least this many consecutive lines of one width make a column
COLUMN_BAND = 3  # their lengths differ by at most this many characters
COLUMN_MIN = 12  # narrower lines are titles, labels or debris


def _column_candidate(block: Block) -> bool:
    text = block.text
    return (
        not block.heading
        and not block.flags & {"caption", "caption_credit", "author", "list_item"}
        and len(text) >= COLUMN_MIN
        and not parse_credit(text)
        and not parse_dateline(text)
    )


def _mark_column_runs(blocks: list[Block]) -> None:
    """Flag runs of lines that are one PDF column line each: ≥ COLUMN_RUN consecutive lines of (nearly) the
    same width, all but the last stopping mid-sentence. A headline or a short paragraph does not form such
    a run; a real paragraph end (。) closes it."""
    i = 0
    while i < len(blocks):
        if not (_column_candidate(blocks[i]) and ends_mid_sentence(blocks[i].text)):
            i += 1
            continue
        j = i + 1
        low = high = len(blocks[i].text)
        while j < len(blocks) and _column_candidate(blocks[j]):
            width = len(blocks[j].text)
            if max(high, width) - min(low, width) > COLUMN_BAND:
                break
            low, high = min(low, width), max(high, width)
            j += 1
            if not ends_mid_sentence(blocks[j - 1].text):
                break
        if j - i >= COLUMN_RUN:
            for block in blocks[i:j]:
                block.flags.add("column_line")
            i = j
        else:
            i += 1


def assemble(blocks: list[Block]) -> str:
    """Document.text: the kept blocks, one a line; sets each block's offsets."""
    parts = []
    cursor = 0
    for block in blocks:
        block.start, block.end = cursor, cursor + len(block.text)
        parts.append(block.text)
        cursor = block.end + 1
    return "\n".join(parts)


def _leading_author(text: str) -> str | None:
    """A personal name that opens a PDF paragraph as its own short wrap segment: '卜周 拔节生长的株洲不断行 走。'."""
    from kg.ingest.bylines import parse_author_line

    segments = text.split(" ")
    if len(segments) < 3 or not 2 <= len(segments[0]) <= 3 or not parse_author_line(segments[0]):
        return None
    widths = sorted(len(s) for s in segments[1:-1]) or [0]
    if widths[len(widths) // 2] < 3 * len(segments[0]):
        return None  # the other wrap segments are as short: no sign of a separate name
    return segments[0]
