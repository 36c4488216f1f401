"""Bytes → text: BOMs, UTF-8/UTF-16/GB18030/Big5 detection (charset-normalizer), binary sniffing,
truncated multi-byte tails, streaming for large files, traditional → simplified (OpenCC t2s).
"""

from __future__ import annotations

import codecs
import os
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import BinaryIO

from kg.ingest.normalize import scrub_controls
from kg.ingest.sources import open_regular

SNIFF_BYTES = 64 * 1024
CHUNK_BYTES = 1 << 20  # streaming unit for large files
NUL_RATIO = 0.01  # more NUL bytes than this in the head: a binary file
REDETECT_BYTES = 8 << 20  # the encoding is decided on this much of a file (all of a smaller one)
MIXED = "mixed"  # Decoded.encoding of a file decoded line by line: "mixed+gb18030" (the legacy codec of its other lines)
_PAGE_CHARSETS = re.compile(r"utf-8|gb|big5|shift_jis|euc|iso8859|iso2022|cp\d|koi8|latin|mac|hz|johab|ascii")
_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]{2,40})""", re.I)

# Magic numbers of common non-text files, so the reason names what the file is.
_MAGIC: list[tuple[bytes, str]] = [
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"%PDF-", "PDF document (extract its text first, e.g. with pdftotext)"),
    (b"PK\x03\x04", "ZIP archive (or DOCX/XLSX)"),
    (b"\x1f\x8b", "gzip archive"),
    (b"\xd0\xcf\x11\xe0", "MS Office document"),
    (b"BM", "BMP image"),
    (b"RIFF", "RIFF media file"),
    (b"\x7fELF", "executable"),
]
_BOMS: list[tuple[bytes, str]] = [
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
]
_HAN = re.compile(r"[\u4e00-\u9fff]")
_CJK_TEXT = re.compile(r"[\u4e00-\u9fff\u3400-\u4dbf\u3000-\u303f\uff00-\uffef\u2010-\u2027\u00b7]")


class DecodeError(Exception):
    """The file cannot be read as text; the message is the reason shown to the user."""


@dataclass
class Decoded:
    encoding: str
    bom: bool
    chunks: Iterator[str]  # decoded text, in order; a single chunk for small files
    warnings: list[str] = field(default_factory=list)  # filled while chunks are consumed
    size: int = 0  # bytes, of the file as opened


def sniff_binary(head: bytes) -> str | None:
    """A short description when `head` is clearly not text, else None."""
    for magic, what in _MAGIC:
        if head.startswith(magic):
            if magic == b"BM" and len(head) > 2 and head[2:3].isascii() and b"\x00" not in head[:64]:
                continue  # plain text that happens to start with "BM"
            return what
    if _utf16_guess(head):
        return None
    # a few stray NULs (scraped or OCR text) are stripped later with a warning; many mean binary data
    if head.count(0) / len(head) > NUL_RATIO:
        return "binary data (NUL bytes)"
    controls = sum(1 for b in head[:4096] if b < 9 or 13 < b < 32)
    if head and controls / min(len(head), 4096) > 0.10:
        return "binary data (control bytes)"
    return None


def _utf16_guess(head: bytes) -> str | None:
    """UTF-16 without a BOM: NULs concentrated on one byte parity (ASCII-heavy text) or decodable as CJK."""
    sample = head[: 4096 - (len(head[:4096]) % 2)]
    if len(sample) < 4:
        return None
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    if not (even or odd):
        return None
    # NULs are the high bytes of ASCII characters in UTF-16 (and the low bytes of a few Han characters
    # such as 开 U+5F00). Confirm by decoding: real UTF-16 reads as Han characters, CJK punctuation, ASCII.
    for codec in (("utf-16-le", "utf-16-be") if odd >= even else ("utf-16-be", "utf-16-le")):
        try:
            text = sample.decode(codec)
        except UnicodeDecodeError:
            continue
        readable = sum(1 for ch in text if ch.isascii() and (ch.isprintable() or ch in "\r\n\t") or _CJK_TEXT.match(ch))
        if readable / max(1, len(text)) > 0.9:
            return codec
    return None


def decode_file(path: Path, size: int | None = None) -> Decoded:
    """Open `path` as text. Small files are decoded at once; large ones stream in ~1 MiB chunks.

    Only a regular file is opened (sources.open_regular); it is opened once, so what is checked is what is read.
    `size` is ignored (kept for callers): the size of the opened file is used.
    """
    handle = open_regular(path)
    try:
        size = os.fstat(handle.fileno()).st_size
        head = handle.read(SNIFF_BYTES)
        if not head:
            raise DecodeError("empty file")
        binary = None if any(head.startswith(bom) for bom, _ in _BOMS) else sniff_binary(head)
        if binary:
            raise DecodeError(f"not a text file: {binary}")
        encoding, bom = next(((name, True) for mark, name in _BOMS if head.startswith(mark)), (_utf16_guess(head), False))
        notes: list[str] = []
        if encoding is None:
            # Decide on the whole file (up to REDETECT_BYTES): the head alone can be ASCII, or hide a bad stretch.
            sample = head + handle.read(REDETECT_BYTES - len(head))
            encoding = _choose(sample, head, _declared(path, head), notes)
        handle.seek(0)
    except BaseException:
        handle.close()
        raise
    decoded = Decoded(encoding=encoding, bom=bom, chunks=iter(()), warnings=notes, size=size)
    decoded.chunks = _stream(handle, encoding, bom, decoded.warnings)
    return decoded


def declared_charset(head: bytes) -> str | None:
    """The codec an HTML page declares (<meta charset="gbk">, http-equiv content="…; charset=gb2312"), if known."""
    m = _META_CHARSET.search(head)
    if not m:
        return None
    try:
        name = codecs.lookup(m.group(1).decode("ascii")).name
    except LookupError:
        return None
    if not _PAGE_CHARSETS.match(name):
        return None  # a declaration read in ASCII is not UTF-16/32; nor are idna, unicode_escape … page charsets
    return "gb18030" if name in {"gb2312", "gbk", "hz"} else name


def _declared(path: Path, head: bytes) -> str | None:
    is_page = Path(path).suffix.lower() in {".html", ".htm", ".xhtml", ".shtml"} or \
        re.match(rb"\s*<(?:!doctype|html|head|meta)", head[:200], re.I)
    return declared_charset(head) if is_page else None


def _fits(data: bytes, encoding: str) -> bool:
    """`data` decodes as `encoding` (a multi-byte character cut at the very end is allowed)."""
    try:
        data.decode(encoding)
        return True
    except UnicodeDecodeError as err:
        return err.start >= len(data) - 3
    except LookupError:
        return False


def _choose(data: bytes, head: bytes, declared: str | None, notes: list[str]) -> str:
    """The codec for `data` (a file, or its first REDETECT_BYTES), or MIXED when its lines need different codecs.

    UTF-8 is tried first: it is self-checking, so a line that decodes as UTF-8 with Chinese in it is UTF-8. A file
    with no such line is in one legacy codec (GB18030, Big5, …), damaged bytes and all; a file with both kinds of
    line is decoded line by line (_LineDecoder), which also covers a UTF-8 file with a few corrupt bytes.
    """
    if _fits(data, "utf-8"):
        # an ASCII head decodes as anything: an HTML page's own declaration decides
        if declared and declared != "utf-8" and head.isascii() and not data.isascii() and _fits(data, declared):
            return declared
        return "utf-8"
    utf8_lines, other = _split_lines(data)
    legacy = _legacy_codec(b"\n".join(other), declared)
    if not utf8_lines:
        if legacy is None:
            raise DecodeError("cannot determine the text encoding (not UTF-8/UTF-16/GB18030/Big5)")
        _refuse_garbage(data.decode(legacy, "replace"), legacy)
        if _fits(head, "utf-8") and legacy != "utf-8":
            notes.append(f"encoding re-detected over the whole file: {legacy} (the first "
                         f"{SNIFF_BYTES // 1024} KiB suggested utf-8)")
        return legacy
    trial = _LineDecoder(legacy)
    _refuse_garbage(trial.decode(data, final=True), "UTF-8" + (f" or {legacy}" if legacy else ""))
    if not legacy or not trial.lines[legacy]:
        return "utf-8"  # UTF-8 with a few corrupt bytes: they are replaced and counted while streaming
    return f"{MIXED}+{legacy}"


def _split_lines(data: bytes) -> tuple[int, list[bytes]]:
    """(how many lines with non-ASCII text are valid UTF-8, the non-ASCII lines that are not)."""
    valid, other = 0, []
    for line in data.split(b"\n"):
        if line.isascii():
            continue
        try:
            # a short GB18030 line can be valid UTF-8 by chance; then it does not read as Chinese
            valid += _plausibility(line.decode("utf-8")) > 0
        except UnicodeDecodeError:
            other.append(line)
    return valid, other


def _legacy_codec(data: bytes, declared: str | None) -> str | None:
    """The single-byte/double-byte codec `data` (text that is not UTF-8) is in, or None when nothing is plausible.

    charset-normalizer knows clean text; it gives up on a GB18030 or Big5 text with one corrupt byte, so then
    the CJK codecs are scored by how much of what they decode is common Chinese characters.
    """
    if not data:
        return declared
    data = data[: 4 * SNIFF_BYTES]  # enough to tell, and charset-normalizer is slow on megabytes
    if declared and _fits(data, declared):
        return declared
    from charset_normalizer import from_bytes

    for trim in range(0, 4):  # a multi-byte character cut at the end (truncated file) must not hide the encoding
        best = from_bytes(data[: len(data) - trim] if trim else data).best()
        # UTF-16/32 is told by a BOM or the NUL pattern at the start of the file (sniffed before); a UTF-16 stretch
        # further in (a BOM in the middle) is not the file's encoding
        if best is not None and best.encoding is not None and not best.encoding.startswith(("utf_16", "utf_32")):
            name = codecs.lookup(best.encoding).name
            # GB2312/GBK are subsets of GB18030: decode with the superset so rare characters survive.
            return "gb18030" if name in {"gb2312", "gbk", "hz"} else name
    scored = [(_plausibility(data.decode(codec, "replace")), codec) for codec in dict.fromkeys([declared or "gb18030", "gb18030", "big5"])]
    score, codec = max(scored)
    return codec if score >= 0.5 else None


def _plausibility(text: str) -> float:
    """Share of the non-ASCII characters that are common Chinese characters or punctuation (U+FFFD counts against)."""
    wide = [ch for ch in text if ord(ch) > 0x7F]
    if not wide:
        return 0.0
    common = _common_chars()
    return sum(1 for ch in wide if ch in common) / len(wide)


@lru_cache(maxsize=1)
def _common_chars() -> frozenset[str]:
    """The common characters of both scripts: GB2312 level 1 (3,755 simplified) and Big5's 5,401 常用字,
    plus CJK punctuation and full-width forms."""
    gb = bytes(b for hi in range(0xB0, 0xD8) for lo in range(0xA1, 0xFF) for b in (hi, lo)).decode("gb2312", "ignore")
    big5 = bytes(b for hi in range(0xA4, 0xC7) for lo in [*range(0x40, 0x7F), *range(0xA1, 0xFF)]
                 for b in (hi, lo)).decode("big5", "ignore")
    punct = "".join(map(chr, [*range(0x3000, 0x3040), *range(0xFF00, 0xFFF0), *range(0x2010, 0x2028), 0xB7]))
    return frozenset(gb + big5 + punct)


def _refuse_garbage(text: str, encoding: str) -> None:
    """Only a file that is mostly undecodable is skipped; a few bad bytes are replaced (and counted) instead."""
    wide = len(text) - len(text.encode("ascii", "ignore"))
    bad = text.count("\ufffd")
    if wide and bad / wide > 0.5:
        raise DecodeError(f"cannot determine the text encoding: {bad} of {wide} non-ASCII characters are "
                          f"undecodable as {encoding}")


class _LineDecoder:
    """An incremental decoder for text whose lines are in different codecs (UTF-8 paragraphs pasted into a
    GB18030 file, or the reverse): each line is decoded as UTF-8 if it can be, else in the legacy codec if that
    reads it cleanly and UTF-8 would lose more than a byte or two, else in whichever of the two loses less."""

    def __init__(self, legacy: str | None):
        self.legacy = legacy
        self.pending = b""
        self.lines: Counter[str] = Counter()

    def decode(self, data: bytes, final: bool = False) -> str:
        self.pending += data
        cut = len(self.pending) if final else self.pending.rfind(b"\n") + 1
        if not cut and len(self.pending) > CHUNK_BYTES:
            cut = _utf8_boundary(self.pending, CHUNK_BYTES)  # a line without end: bounded pieces
        ready, self.pending = self.pending[:cut], self.pending[cut:]
        return "".join(self._line(line) for line in ready.splitlines(keepends=True))

    def _line(self, line: bytes) -> str:
        if line.isascii():
            return line.decode("ascii")
        try:
            text = line.decode("utf-8")
            self.lines["utf-8"] += 1
            return text
        except UnicodeDecodeError:
            pass
        as_utf8 = line.decode("utf-8", "replace")
        bad = as_utf8.count("\ufffd")
        if self.legacy:
            other = line.decode(self.legacy, "replace")
            if other.count("\ufffd") < bad and not (bad <= 2 and _plausibility(as_utf8) >= 0.5):
                self.lines[self.legacy] += 1
                return other
        self.lines["utf-8"] += 1
        return as_utf8


def _utf8_boundary(data: bytes, limit: int) -> int:
    """A cut at or before `limit` that does not split a UTF-8 character."""
    cut = limit
    while cut > limit - 4 and 0x80 <= data[cut] < 0xC0:
        cut -= 1
    return cut


def _stream(handle: BinaryIO, encoding: str, bom: bool, warnings: list[str]) -> Iterator[str]:
    if encoding.startswith(MIXED):
        decoder = _LineDecoder(encoding.partition("+")[2] or None)
    else:
        decoder = codecs.getincrementaldecoder(encoding)(errors="replace")
    replaced = nuls = removed = lines = 0
    first_bad: int | None = None  # line number of the first replacement character
    strip_nuls = not encoding.startswith(("utf-16", "utf-32"))
    with handle:
        first = True
        while True:
            data = handle.read(CHUNK_BYTES)
            final = not data
            text = decoder.decode(data, final=final)
            if first and bom:
                text = text.lstrip("\ufeff")
            first = False
            if text and strip_nuls and "\x00" in text:
                nuls += text.count("\x00")
                text = text.replace("\x00", "")
            text, count = scrub_controls(text)
            removed += count
            if "\ufffd" in text:
                replaced += text.count("\ufffd")
                if first_bad is None:
                    first_bad = lines + text.count("\n", 0, text.index("\ufffd")) + 1
            if text:
                lines += text.count("\n")
                yield text
            if final:
                break
    if nuls:
        warnings.append(f"{nuls} stray NUL byte(s) removed")
    if removed:
        warnings.append(f"{removed} control character(s) removed (terminal escapes, C0/C1 controls, "
                        "lone surrogates, non-characters)")
    if isinstance(decoder, _LineDecoder) and len(decoder.lines) > 1:
        warnings.append("mixed encodings, decoded line by line: "
                        + ", ".join(f"{n} line(s) {codec}" for codec, n in sorted(decoder.lines.items())))
    if replaced:
        shown = encoding.replace(MIXED + "+", "utf-8/").replace(MIXED, "utf-8")
        warnings.append(
            f"{replaced} undecodable byte sequence(s) in {shown} replaced by U+FFFD "
            f"(truncated or corrupt multi-byte text; first on line {first_bad})"
        )


# --------------------------------------------------------------------------- traditional → simplified


@lru_cache(maxsize=1)
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")


def simplify(text: str) -> str:
    """OpenCC t2s, unconditionally."""
    return _t2s().convert(text)


def to_simplified(text: str) -> tuple[str, bool]:
    """(simplified text, whether it looked traditional). Simplified input comes back unchanged."""
    han = len(_HAN.findall(text[:20000]))
    if not han:
        return text, False
    converted = _t2s().convert(text)
    if converted == text:
        return text, False
    sample = text[:20000]
    changed = sum(1 for a, b in zip(sample, converted[:20000]) if a != b)
    # A few variant characters change even in simplified text; a traditional text changes many.
    if changed >= 3 and changed / han >= 0.02:
        return converted, True
    return text, False
