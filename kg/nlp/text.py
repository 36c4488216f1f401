"""Text normalisation shared by training and inference, so both see the same characters."""

from __future__ import annotations

import unicodedata


def nfkc_char(ch: str) -> str:
    """NFKC of one character, kept only when it stays one character.

    Full-width digits/letters/punctuation map 1:1 (１→1, Ａ→A, ，stays), which is what matters for
    Chinese news. Characters that NFKC expands (㈱ → (株), ½ → 1⁄2) stay as they are so that offsets
    in the normalised text equal offsets in the original: spaCy tokens must cover the original text.
    """
    if ch.isascii():
        return ch
    norm = unicodedata.normalize("NFKC", ch)
    return norm if len(norm) == 1 else ch


def nfkc_aligned(text: str) -> str:
    """Character-by-character NFKC with `len(result) == len(text)` (see `nfkc_char`)."""
    if text.isascii():
        return text
    return "".join(nfkc_char(c) for c in text)

