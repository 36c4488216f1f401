"""Large plain-text files (dumps of many articles): decoded and segmented in ~1 MiB pieces cut at blank
lines, so working memory stays bounded by the piece size plus the cleaned text that is kept."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from kg.ingest import document as single
from kg.ingest.blocks import assemble, blocks_from_text, remove_boilerplate, repair
from kg.ingest.decode import CHUNK_BYTES, Decoded, to_simplified
from kg.ingest.segment import segment
from kg.records import Document, Problem

PIECE_CHARS = CHUNK_BYTES // 2


def pieces(chunks: Iterator[str]) -> Iterator[str]:
    """Re-cut decoded chunks at paragraph breaks (blank lines), never inside a line."""
    pending = ""
    for chunk in chunks:
        pending += chunk
        while len(pending) >= PIECE_CHARS:
            cut = pending.rfind("\n\n", 0, PIECE_CHARS * 2)
            if cut <= 0:
                cut = pending.rfind("\n", 0, PIECE_CHARS * 2)
            if cut <= 0:  # no line breaks at all: after a sentence end, so no sentence is cut in two
                cut = 1 + max(pending.rfind(mark, PIECE_CHARS // 2, PIECE_CHARS) for mark in "。！？")
            if cut <= 0:
                cut = PIECE_CHARS
            yield pending[:cut]
            pending = pending[cut:]
    if pending:
        yield pending


def ingest_large(path: Path, decoded: Decoded, doc_id: str) -> Document:
    document = Document(id=doc_id, path=str(path), format="txt", encoding=decoded.encoding, text="")
    info = single.DocInfo()
    texts: list[str] = []
    base = 0
    converted_any = False
    for index, piece in enumerate(pieces(decoded.chunks)):
        piece, converted = to_simplified(piece)
        converted_any = converted_any or converted
        blocks = blocks_from_text(piece)
        blocks, removed = remove_boilerplate(blocks)
        blocks = repair(blocks)
        piece_text = assemble(blocks)
        for block in blocks:
            block.start += base
            block.end += base
        if index == 0:
            single._document_publisher_and_date(info, _no_masthead(), document)
        document.articles.extend(single.articles(segment(blocks), document, info))
        if removed.lines:
            info.metadata.setdefault("boilerplate_removed", []).extend(removed.lines)
        texts.append(piece_text)
        base += len(piece_text) + 1
        del piece, blocks
    single.note_parts(document, info)
    document.text = "\n".join(texts)
    document.converted_from_traditional = converted_any
    single.fill_document_publisher(document)
    single._ids(document)
    document.metadata.update(info.metadata)
    document.metadata["layout"] = "txt"
    document.metadata["streamed"] = True
    note = f"large file ({decoded.size / 1e6:.1f} MB) segmented in pieces"
    if converted_any:
        note += "; traditional text converted, original not kept"
    document.problems.append(Problem(str(path), note, "warning"))
    document.problems.extend(Problem(document.path, reason, "warning") for reason in info.problems)
    return document


def _no_masthead():
    from kg.ingest.masthead import Masthead

    return Masthead()
