"""Line-level text repair: whitespace, pangu spaces, ZAKER-style quotes, PDF line-wrap spaces, and lines
broken in the middle of a sentence. Paragraph and article boundaries are never merged: a line is joined to
the next only when it stops mid-sentence and the next one reads as the rest of that sentence.
"""

from __future__ import annotations

import re
import unicodedata

HAN = "\u4e00-\u9fff\u3400-\u4dbf"
CJK_PUNCT = "\u3000-\u303f\uff00-\uffef\u2018-\u201f\u2026\u2014\u00b7"
_CJK = f"[{HAN}{CJK_PUNCT}]"
_SPACES = re.compile(r"[ \t\u00a0\u2002-\u200b\u3000\ufeff]+")
# "去年 12 月 7 日" → "去年12月7日": spaces that pangu-style formatters put between Han and Latin/digits.
_PANGU_TOKEN = re.compile(
    rf"(?P<l>(?<=[{HAN}{CJK_PUNCT}]) )?(?P<tok>[A-Za-z0-9][A-Za-z0-9.%\-]*)(?P<r> (?=[{HAN}{CJK_PUNCT}]))?"
)
# Line-wrap spaces of PDF text: any space touching a CJK character.
_WRAP = re.compile(rf"(?<={_CJK}) +| +(?={_CJK})")
TERMINAL = "。！？!?…；;」』”\"'）)】"
SENTENCE_PUNCT = re.compile(r"[，,；;。！？!?]")
# Terminal escape sequences (CSI such as ESC[31m, OSC such as ESC]0;title BEL, two-character ESC x) go whole, so
# no "[31m" residue is left behind; then characters that XML 1.0 and most exporters refuse: C0 controls other
# than tab/newline/CR, DEL and C1, lone surrogates (from UTF-16 or YAML escapes), non-characters (U+FFFE, U+FFFF,
# U+FDD0–U+FDEF). Vertical tab, form feed (pdftotext's page break) and the Unicode line separators become newlines.
_ESCAPES = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]?|\][^\x07\x1b]{0,256}(?:\x07|\x1b\\)?|[ -~]?)|\x9b[0-?]*[ -/]*[@-~]?")
_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]")
_LINE_BREAKS = str.maketrans({c: "\n" for c in "\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"})
_BREAKS = re.compile("[\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")


def scrub_controls(text: str) -> tuple[str, int]:
    """(text without control characters and terminal escapes, how many characters were removed).

    Done once at ingest, so no later stage or exporter (GraphML/XML, Turtle, JSON-LD, HTML, the terminal) meets them.
    """
    if _BREAKS.search(text):
        text = text.translate(_LINE_BREAKS)
    if "\x1b" not in text and "\x9b" not in text and not _CONTROLS.search(text):
        return text, 0
    before = len(text)
    text = _CONTROLS.sub("", _ESCAPES.sub("", text))
    return text, before - len(text)


# 中国中车(7.720, 0.14, 1.85%)股份有限公司: a finance site's live quote set into a company's name (price, change,
# percent), which would cut the name in two
_STOCK_QUOTE = re.compile(r"[(（]\s*\d+(?:\.\d+)?\s*[,，]\s*[-+]?\d+(?:\.\d+)?\s*[,，]\s*[-+]?\d+(?:\.\d+)?%\s*[)）]")


def clean_line(line: str) -> str:
    """NFC, one space for any run of blanks, inline stock quotes removed, trimmed."""
    line = unicodedata.normalize("NFC", line).replace("\u200b", "")
    return _SPACES.sub(" ", _STOCK_QUOTE.sub("", line)).strip()


def remove_pangu_spaces(text: str) -> str:
    """Drop the spaces around a Latin/digit token that sits between Chinese characters or punctuation
    (去年 12 月 → 去年12月, 的 IGBT 电源 → 的IGBT电源); an English phrase keeps its spaces (电源 and GPU)."""
    if " " not in text:
        return text

    def fix(match: re.Match[str]) -> str:
        before = text[match.start() - 1] if match.start() else ""
        after = text[match.end()] if match.end() < len(text) else ""
        token = match.group("tok")
        left, right = match.group("l") or "", match.group("r") or ""
        # keep a space whose other side is Latin text (part of an English phrase)
        if left and after == " " and not right:
            return match.group()
        if right and before == " " and not left:
            return match.group()
        return token

    return _PANGU_TOKEN.sub(fix, text)


def dewrap(text: str) -> str:
    """Remove the spaces a PDF extractor leaves where lines wrapped: 传 承 → 传承, 杨凌 凌 → 杨凌凌,
    产业链 2023年 → 产业链2023年; spaces between Latin letters/digits (CN 43-0005) stay."""
    return _WRAP.sub("", text)


def curly_quotes(text: str) -> str:
    """ZAKER-style ASCII quotes with padding (打造 " 三个高地 "，) → 打造“三个高地”，, when they pair up."""
    if '"' not in text or text.count('"') % 2 or not re.search(f"[{HAN}]", text):
        return text
    parts = text.split('"')
    out = [parts[0]]
    for i, part in enumerate(parts[1:], start=1):
        out.append("“" if i % 2 else "”")
        out.append(part)
    text = "".join(out)
    text = re.sub(r"“ +| +”", lambda m: m.group().strip(), text)
    # Padding outside the quotes goes only where Chinese text touches them.
    text = re.sub(rf"(?<=[{HAN}{CJK_PUNCT}]) +(?=“)", "", text)
    return re.sub(rf"(?<=”) +(?=[{HAN}{CJK_PUNCT}])", "", text)


def ends_mid_sentence(line: str) -> bool:
    """The line stops inside a sentence: its last character is a Han character, a digit or a 、/，."""
    if not line:
        return False
    last = line[-1]
    return bool(re.match(rf"[{HAN}0-9A-Za-z、，,]", last))


def is_title_like(line: str, max_len: int = 50) -> bool:
    """Short and free of sentence punctuation: a headline, kicker, deck, subhead or label."""
    stripped = line.strip()
    if not stripped or len(stripped) > max_len:
        return False
    if SENTENCE_PUNCT.search(stripped.rstrip("：:")):
        return False
    return bool(re.search(f"[{HAN}]", stripped))


def is_loose_title(line: str, max_len: int = 40) -> bool:
    """A deck with commas (连续5年，共有8项工作获表彰): short, no sentence end, not cut mid-sentence."""
    stripped = line.strip()
    if not stripped or len(stripped) > max_len or re.search(r"[。！？!?；;]", stripped):
        return False
    return bool(re.search(f"[{HAN}]", stripped)) and stripped[-1] not in "，,、"


MAX_LINE = 2000  # characters; real paragraphs stay under ~1,000 (the seeds' longest: 587)
_SENTENCE_END = re.compile(r"[。！？!?；;…]+[”’」』）)]*")
_SOFT_BREAK = re.compile(r"[，,、：:]|\s")


def split_long_line(line: str, limit: int = MAX_LINE) -> list[str]:
    """A line longer than `limit` (a file without line breaks) cut into pieces of at most `limit` characters,
    each after a sentence end, else after a comma or a space, else at the limit: later stages then work on
    units of bounded size, and cost stays linear in the input."""
    pieces = []
    start = 0
    while len(line) - start > limit:
        window = line[start : start + limit]
        cut = next((m.end() for m in _last(_SENTENCE_END, window)), 0) or \
            next((m.end() for m in _last(_SOFT_BREAK, window)), 0) or limit
        pieces.append(line[start : start + cut])
        start += cut
    pieces.append(line[start:])
    return pieces


def _last(pattern: re.Pattern[str], window: str) -> list[re.Match[str]]:
    """The last match of `pattern` in the second half of `window` (so no piece is tiny), as a 0/1-item list."""
    match = None
    for match in pattern.finditer(window, len(window) // 2):
        pass
    return [match] if match else []
