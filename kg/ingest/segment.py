"""Blocks → articles. A newspaper page or issue holds several articles, photo captions, briefs and
commentaries; a web page or a front-matter post holds one.

An article starts at a headline group (kicker / headline / deck lines) that is followed by its credits or
dateline (株洲日报记者 胡文洁, 株洲日报讯(全媒体记者/胡文洁)), by an author line (commentary), or — after a
clear break (page gap, photo credit, ▶下转02版) — by body text. Markdown `#`/`##` headings are headlines.
Subheads inside an article are short title-like lines that none of these follow, so they stay in the body.
Text cut off from its article by interleaved columns (a run of paragraphs after a break, with no headline)
is given to the article whose vocabulary it shares most.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from kg.ingest import lexicons
from kg.ingest.blocks import Block
from kg.ingest.bylines import Credit, Dateline, parse_author_line, parse_credit, parse_dateline, split_trailing_credit
from kg.ingest.normalize import HAN, is_loose_title, is_title_like

_COMMENTARY = re.compile(r"评论员|时评|短评|社论|评论|观察|论坛|随笔|杂谈|快评|漫谈")
MAX_GROUP = 5
BRIEF_CHARS = 150
NEIGHBOURS = 12
PHOTO_CHARS = 300
MAX_ARTICLE_CHARS = 5_000  # longer "articles" are read in parts: a batch of the NLP holds 16 articles, and its memory
# grows with their length (16 × 5,000 characters: ~2 GB); the articles of the seeds and gold sets stay under 2,300
UNBROKEN_PART_CHARS = 2_000  # text that came without line breaks has no structure to keep: parts of news size


@dataclass
class Draft:
    """An article under construction: the blocks it owns, by role."""

    kicker: list[Block] = field(default_factory=list)
    headline: Block | None = None
    deck: list[Block] = field(default_factory=list)
    body: list[Block] = field(default_factory=list)
    credits: list[tuple[Block, Credit]] = field(default_factory=list)
    dateline: tuple[Block, Dateline] | None = None
    captions: list[tuple[Block, Credit]] = field(default_factory=list)
    commentary: bool = False
    closed: bool = False
    order: int = 0  # position of its first block, to keep articles in reading order

    def title_blocks(self) -> list[Block]:
        return [*self.kicker, *([self.headline] if self.headline else []), *self.deck]

    def vocabulary(self) -> set[str]:
        return _bigrams(" ".join(b.text for b in [*self.title_blocks(), *self.body]))


def _bigrams(text: str) -> set[str]:
    han = re.findall(f"[{HAN}]+", text)
    return {run[i : i + 2] for run in han for i in range(len(run) - 1)}


def _is_label(block: Block) -> bool:
    return block.text.strip("【】[]（）() ") in lexicons.section_labels()


def _kind(block: Block) -> str:
    text = block.text
    if _is_label(block):
        return "label"
    if "caption_credit" in block.flags:
        return "caption_credit"
    if block.heading and block.heading <= 2:
        return "heading"
    credit = parse_credit(text)
    if credit:
        return "photo_credit" if credit.photo else "credit"
    if parse_dateline(text):
        return "dateline"
    if block.heading or is_title_like(text):
        return "title"
    return "body"


# --------------------------------------------------------------------------- anchors


@dataclass
class Anchor:
    start: int  # first block of the headline group
    kicker: list[int]
    headline: int | None
    deck: list[int]
    end: int  # first block after the group
    author: int | None = None  # commentary author line


def _split_group(indices: list[int], blocks: list[Block]) -> tuple[list[int], int, list[int]]:
    """kicker / headline / deck of a run of title lines. A kicker states who spoke (…上强调, 株洲高新区：);
    in a group of three or more lines, one that reports the event (…大会召开) is the kicker too, the
    message under it the headline, the rest decks. Otherwise the first line is the headline."""
    endings = lexicons.kicker_endings()
    kicker = []
    rest = list(indices)
    while len(rest) > 1 and blocks[rest[0]].text.endswith(endings.get("speech", ())):
        kicker.append(rest.pop(0))
    if not kicker and len(rest) >= 3 and blocks[rest[0]].text.endswith(endings.get("event", ())):
        kicker.append(rest.pop(0))
    if not kicker and len(rest) == 2 and _kicker_over_main(blocks[rest[0]].text, blocks[rest[1]].text):
        kicker.append(rest.pop(0))
    return kicker, rest[0], rest[1:]


_TWO_CLAUSES = re.compile(r"[\u4e00-\u9fff”]{2,}\s+[“\u4e00-\u9fff]{2,}")
_QUOTED = re.compile(r"“[^“”]{1,8}”")
_NOT_TITLE = re.compile(r"[：:，,；;]|记者|通讯员|评论员|作者|来源|编辑|发布时间|[0-9]{4}-[0-9]{2}")
MAIN_TITLE_MIN = 9  # shorter second lines are series labels (项目攻坚在行动), not the main claim


def _styled(text: str) -> bool:
    """Set like a main headline (主题): two parallel clauses with a space between them (喝杯清茶 共话…),
    or a key word set off in quotes (茶园“长”出致富路)."""
    return bool(_TWO_CLAUSES.search(text) or _QUOTED.search(text))


def _kicker_over_main(first: str, second: str) -> bool:
    """Two title lines with nothing saying which is which: when only the second is styled like a main headline
    and the first is a plain statement of context, the first is the kicker (引题) above the headline (主题).
    Otherwise the first line is the headline and the second a deck (副题)."""
    first, second = first.strip(), second.strip()
    if first == second or len(second) < MAIN_TITLE_MIN or _NOT_TITLE.search(second) or second.startswith(("—", "-")):
        return False
    return _styled(second) and not _styled(first)


def find_anchors(blocks: list[Block], kinds: list[str], markdown: bool) -> list[Anchor]:
    anchors: list[Anchor] = []
    n = len(blocks)
    if markdown and "heading" in kinds:
        for i, kind in enumerate(kinds):
            if kind != "heading":
                continue
            kicker = []
            j = i - 1
            while j >= 0 and kinds[j] == "title" and not blocks[j].heading and blocks[j + 1].gap <= 1 and len(kicker) < MAX_GROUP - 1:
                kicker.insert(0, j)
                j -= 1
            if anchors and kicker and kicker[0] < anchors[-1].end:
                kicker = [k for k in kicker if k >= anchors[-1].end]
            deck = []
            k = i + 1
            while k < n and kinds[k] == "title" and not blocks[k].heading and len(deck) < MAX_GROUP:
                deck.append(k)
                k += 1
            anchors.append(Anchor(start=kicker[0] if kicker else i, kicker=kicker, headline=i, deck=deck, end=k))
        return anchors

    fresh = True  # at a clear break: document start, page gap, closing credit, jump marker
    body_since_anchor = False
    i = 0
    while i < n:
        kind = kinds[i]
        if kind == "dateline" and body_since_anchor:
            # A second dateline inside an article is a new article whose headline was lost (columns).
            anchors.append(Anchor(start=i, kicker=[], headline=None, deck=[], end=i))
            body_since_anchor = False
        if kind != "title" or blocks[i].heading >= 3 and not fresh:
            fresh = _closes(blocks, kinds, i)
            body_since_anchor = body_since_anchor or kind in ("body", "dateline")
            i += 1
            continue
        j = i
        author = None
        while j < n and kinds[j] == "title" and j - i < MAX_GROUP:
            if j > i and j + 1 < n and kinds[j + 1] == "body" and ("author" in blocks[j].flags or parse_author_line(blocks[j].text)):
                author = j  # 合力打造产业链发展的“株洲模式” / 朱理平 / text: a signed commentary
                break
            j += 1
        # Decks may carry commas (连续5年，共有8项工作获表彰): such lines join the group only when the
        # credits or the dateline follow right after them.
        extended = j
        while extended < n and kinds[extended] == "body" and is_loose_title(blocks[extended].text) and extended - i < MAX_GROUP:
            extended += 1
        if extended > j and extended < n and kinds[extended] in ("credit", "dateline"):
            j = extended
        run = list(range(i, j))
        fresh = fresh or blocks[i].gap >= 2
        if author is None and j < n and "author" in blocks[j].flags and j + 1 < n and kinds[j + 1] == "body":
            author = j
        following = kinds[j] if j < n else None
        starts = False
        if author is not None:
            starts = True
        elif following in ("credit", "dateline"):
            starts = True
        elif following == "body" and fresh:
            starts = True
        elif following == "body" and _photo_story_follows(kinds, j):
            starts = True  # headline, a caption or two, the photographer: a photo story
        if starts:
            kicker, headline, deck = _split_group(run, blocks)
            anchors.append(Anchor(start=i, kicker=kicker, headline=headline, deck=deck, end=j if author is None else j + 1, author=author))
            i = anchors[-1].end
            fresh = False
            body_since_anchor = False
            continue
        fresh = False
        body_since_anchor = True
        i = j
    return anchors


def _photo_story_follows(kinds: list[str], j: int, max_caption: int = 2) -> bool:
    for k in range(j, min(j + max_caption + 1, len(kinds))):
        if kinds[k] == "photo_credit":
            return k > j
        if kinds[k] != "body":
            return False
    return False


def _closes(blocks: list[Block], kinds: list[str], i: int) -> bool:
    """Whether block i ends the article it belongs to (so a plain headline may follow): a photo credit
    under its caption, or a 'continued on page N' marker. Reporter credits do not: they also stand under
    editor's notes and between a headline and its text."""
    return bool(blocks[i].jump) or kinds[i] == "photo_credit"


# --------------------------------------------------------------------------- segmentation


def segment(blocks: list[Block], markdown: bool = False, single: bool = False) -> list[Draft]:
    """Group blocks into article drafts (reading order)."""
    kinds = [_kind(b) for b in blocks]
    if single:
        return [_single(blocks, kinds)] if blocks else []
    anchors = {a.start: a for a in find_anchors(blocks, kinds, markdown)}
    drafts: list[Draft] = []
    orphans: list[list[int]] = []  # runs of blocks that belong to no headline
    current: Draft | None = None
    i = 0
    while i < len(blocks):
        anchor = anchors.get(i)
        if anchor is not None:
            current = Draft(
                kicker=[blocks[k] for k in anchor.kicker],
                headline=blocks[anchor.headline] if anchor.headline is not None else None,
                deck=[blocks[k] for k in anchor.deck],
                order=i,
            )
            if anchor.author is not None:
                author = parse_author_line(blocks[anchor.author].text)
                current.credits.append((blocks[anchor.author], author))
                current.commentary = True
            drafts.append(current)
            if anchor.end > i:
                i = anchor.end
                continue
        block, kind = blocks[i], kinds[i]
        if current is not None and (current.closed or (block.gap >= 2 and current.body)):
            current = None
        if current is None:
            if not orphans or orphans[-1][-1] != i - 1 or (block.gap >= 2 and kind != "photo_credit"):
                orphans.append([])
            orphans[-1].append(i)
            if _closes(blocks, kinds, i):
                orphans[-1].append(-1)  # a closing credit ends this orphan run too
            i += 1
            continue
        _add(current, block, kind)
        if _closes(blocks, kinds, i):
            current.closed = True
        i += 1

    for run in orphans:
        run = [k for k in run if k >= 0]
        if run:
            _adopt(drafts, [(blocks[k], kinds[k]) for k in run], order=run[0])
    drafts.sort(key=lambda d: d.order)
    return drafts


def _add(draft: Draft, block: Block, kind: str) -> None:
    if kind in ("credit", "photo_credit"):
        draft.credits.append((block, parse_credit(block.text)))
        return
    if kind == "caption_credit":
        draft.captions.append((block, parse_credit(block.text)))
        return
    if kind == "dateline" and draft.dateline is None:
        draft.dateline = (block, parse_dateline(block.text))
    if kind == "body":
        caption = split_trailing_credit(block.text)
        if caption:
            draft.captions.append((block, caption[1]))
    draft.body.append(block)


def _adopt(drafts: list[Draft], run: list[tuple[Block, str]], order: int) -> None:
    """Give a headline-less run to the most similar article (before or after it), or make it one."""
    vocabulary = _bigrams(" ".join(b.text for b, _ in run))
    best, best_score = None, 0.0
    # Interleaved columns stay on one page: only articles near the run are candidates.
    before = [d for d in drafts if d.order < order][-NEIGHBOURS:]
    after = [d for d in drafts if d.order > order][:NEIGHBOURS]
    for draft in [*before, *after]:
        shared = vocabulary & draft.vocabulary()
        score = len(shared) / max(1, len(vocabulary))
        if score > best_score:
            best, best_score = draft, score
    if best is None or best_score < 0.08:
        draft = Draft(order=order)
        first, kind = run[0]
        if kind == "title" and len(run) > 1:
            draft.headline = first
            run = run[1:]
        for block, kind in run:
            _add(draft, block, kind)
        draft.closed = True
        drafts.append(draft)
        return
    if best.order > order:
        # The run precedes its headline on the page (a column that starts above the title): it is the
        # opening of that article, placed after the title lines.
        saved = best.body
        best.body = []
        for block, kind in run:
            _add(best, block, kind)
        best.body.extend(saved)
    else:
        for block, kind in run:
            _add(best, block, kind)


def _single(blocks: list[Block], kinds: list[str]) -> Draft:
    """A web page / post: the first title-like line (or heading) is the headline, title lines under it the deck."""
    draft = Draft(order=0)
    i = 0
    if kinds[0] in ("title", "heading"):
        draft.headline = blocks[0]
        i = 1
        while i < len(blocks) and kinds[i] in ("title", "heading") and len(draft.deck) < MAX_GROUP:
            draft.deck.append(blocks[i])
            i += 1
    for block, kind in zip(blocks[i:], kinds[i:]):
        _add(draft, block, kind)
    return draft


def classify_kind(draft: Draft) -> str:
    body_chars = sum(len(b.text) for b in draft.body)
    titles = " ".join(b.text for b in draft.title_blocks())
    if draft.commentary or _COMMENTARY.search(titles):
        return "commentary"
    photo = any(c.photo for _, c in draft.credits) or draft.captions
    if photo and draft.dateline is None and body_chars <= PHOTO_CHARS:
        return "photo"
    if body_chars < BRIEF_CHARS:
        return "brief"
    return "news"


def in_parts(drafts: list[Draft]) -> list[tuple[Draft, int, int]]:
    """(draft, part, parts): a draft whose body is longer than MAX_ARTICLE_CHARS (UNBROKEN_PART_CHARS when it
    holds pieces of an over-long line) is cut between paragraphs into parts of about that size, so the NLP and
    the rules run on units of bounded size. The first part keeps the title lines and credits; the dateline and
    the captions go with the part that holds their paragraph."""
    out: list[tuple[Draft, int, int]] = []
    for draft in drafts:
        unbroken = any("long_line" in block.flags for block in draft.body)
        limit = UNBROKEN_PART_CHARS if unbroken else MAX_ARTICLE_CHARS
        bodies: list[list[Block]] = [[]]
        size = 0
        for block in draft.body:
            if size and size + len(block.text) > limit:
                bodies.append([])
                size = 0
            bodies[-1].append(block)
            size += len(block.text) + 1
        if len(bodies) == 1:
            out.append((draft, 1, 1))
            continue
        for k, body in enumerate(bodies, 1):
            held = {id(block) for block in [*body, *(draft.title_blocks() if k == 1 else [])]}
            captions = [c for c in draft.captions if id(c[0]) in held]
            dateline = draft.dateline if draft.dateline and id(draft.dateline[0]) in held else None
            part = replace(draft, body=body, captions=captions, dateline=dateline) if k == 1 else \
                Draft(body=body, captions=captions, dateline=dateline, commentary=draft.commentary, order=draft.order)
            out.append((part, k, len(bodies)))
    return out
