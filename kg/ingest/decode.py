"""Bytes → text: BOMs, UTF-8/UTF-16/GB18030/Big5 detection (charset-normalizer), binary sniffing,
truncated multi-byte tails, streaming for large files, traditional → simplified (OpenCC t2s).
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

SNIFF_BYTES = 64 * 1024
CHUNK_BYTES = 1 << 20  # streaming unit for large files
NUL_RATIO = 0.01  # more NUL bytes than this in the head: a binary file
REDETECT_BYTES = 8 << 20  # files up to this size are re-checked as a whole when the head's guess does not fit
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


def detect_encoding(head: bytes) -> tuple[str, bool]:
    """(codec name, has BOM) for the first bytes of a file."""
    for bom, name in _BOMS:
        if head.startswith(bom):
            return name, True
    guess = _utf16_guess(head)
    if guess:
        return guess, False
    try:
        head.decode("utf-8")
        return "utf-8", False
    except UnicodeDecodeError as err:
        # A multi-byte character cut by the sniff window (or a truncated file) is still UTF-8.
        if err.start >= len(head) - 3 and head[: err.start].decode("utf-8", "ignore"):
            return "utf-8", False
    from charset_normalizer import from_bytes

    best = None
    # A multi-byte character cut at the end (truncated file, sniff window) must not hide the encoding.
    for trim in range(0, 4):
        sample = head[: len(head) - trim] if trim else head
        best = from_bytes(sample).best() if sample else None
        if best is not None and best.encoding is not None:
            break
    if best is None or best.encoding is None:
        raise DecodeError("cannot determine the text encoding (not UTF-8/UTF-16/GB18030/Big5)")
    name = codecs.lookup(best.encoding).name
    # GB2312/GBK are subsets of GB18030: decode with the superset so rare characters survive.
    if name in {"gb2312", "gbk", "hz"}:
        name = "gb18030"
    return name, False


def decode_file(path: Path, size: int) -> Decoded:
    """Open `path` as text. Small files are decoded at once; large ones stream in ~1 MiB chunks."""
    with open(path, "rb") as handle:
        head = handle.read(SNIFF_BYTES)
    if not head:
        raise DecodeError("empty file")
    binary = None if any(head.startswith(bom) for bom, _ in _BOMS) else sniff_binary(head)
    if binary:
        raise DecodeError(f"not a text file: {binary}")
    encoding, bom = detect_encoding(head)
    notes: list[str] = []
    if not bom and not encoding.startswith(("utf-16", "utf-32")):
        encoding = _check_whole(path, size, head, encoding, notes)
    decoded = Decoded(encoding=encoding, bom=bom, chunks=iter(()), warnings=notes)
    decoded.chunks = _stream(path, encoding, bom, decoded.warnings)
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
    return "gb18030" if name in {"gb2312", "gbk", "hz"} else name


def _fits(data: bytes, encoding: str) -> bool:
    """`data` decodes as `encoding` (a multi-byte character cut at the very end is allowed)."""
    try:
        data.decode(encoding)
        return True
    except UnicodeDecodeError as err:
        return err.start >= len(data) - 3
    except LookupError:
        return False


def _check_whole(path: Path, size: int, head: bytes, encoding: str, notes: list[str]) -> str:
    """The encoding for the whole file: an HTML page's declared charset when the head alone (all ASCII, say)
    cannot tell; and a re-detection over the whole file when the head's guess leaves undecodable bytes."""
    declared = declared_charset(head) if path.suffix.lower() in {".html", ".htm", ".xhtml", ".shtml"} or \
        re.match(rb"\s*<(?:!doctype|html|head|meta)", head[:200], re.I) else None
    if size > REDETECT_BYTES:
        return declared if declared and head.isascii() else encoding
    data = path.read_bytes()
    if _fits(data, encoding):
        if declared and declared != encoding and head.isascii() and _fits(data, declared) and not data.isascii():
            return declared  # an ASCII head decodes as anything: the page's own declaration decides
        return encoding
    for candidate in (declared, None):
        if candidate is None:
            # detect on the non-ASCII part: a long ASCII prefix (CSS, markup) says nothing and misleads the guess
            first = re.search(rb"[\x80-\xff]", data)
            sample = data[first.start() : first.start() + 4 * SNIFF_BYTES] if first else data
            try:
                candidate = detect_encoding(sample)[0]
            except DecodeError:
                continue
        if candidate != encoding and _fits(data, candidate):
            notes.append(f"encoding re-detected over the whole file: {candidate} (the first "
                         f"{SNIFF_BYTES // 1024} KiB suggested {encoding})")
            return candidate
    return encoding


def _stream(path: Path, encoding: str, bom: bool, warnings: list[str]) -> Iterator[str]:
    decoder = codecs.getincrementaldecoder(encoding)(errors="replace")
    replaced = 0
    nuls = 0
    strip_nuls = not encoding.startswith(("utf-16", "utf-32"))
    with open(path, "rb") as handle:
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
            if text:
                replaced += text.count("\ufffd")
                yield text
            if final:
                break
    if nuls:
        warnings.append(f"{nuls} stray NUL byte(s) removed")
    if replaced:
        warnings.append(
            f"{replaced} undecodable byte sequence(s) in {encoding} replaced by U+FFFD "
            "(truncated or corrupt multi-byte text)"
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
