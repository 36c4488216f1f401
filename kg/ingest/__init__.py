"""The ingest stage: news files → Documents holding segmented Articles.

    from kg.ingest import ingest
    result = ingest(["seeds/"])          # files, folders (recursive) and glob patterns
    for article in result.documents[0].articles: ...

Every input file is accounted for: read (a Document, maybe with warning Problems) or skipped (an error
Problem saying why); `IngestResult.files_seen == files_read + files_skipped`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path

from kg.ingest.document import LARGE_FILE, document_id, ingest_text
from kg.ingest.large import ingest_large
from kg.ingest.sources import InputError, discover, display_path
from kg.records import Document, IngestResult, Problem

__all__ = ["ingest", "ingest_file", "ingest_text", "IngestError"]


class IngestError(Exception):
    """A file that cannot be ingested; the message is the reason."""


def ingest_file(path: str | Path, doc_id: str | None = None) -> Document:
    """Read one file into a Document. Raises IngestError (with a clear reason) when it cannot be read."""
    from kg.ingest.decode import DecodeError, decode_file

    path = Path(path)
    shown = Path(display_path(path))  # the name in the Document and its problems: printable and exportable
    try:
        decoded = decode_file(path)
        if decoded.size > LARGE_FILE:
            document = ingest_large(shown, decoded, doc_id or document_id(shown))
        else:
            text = "".join(decoded.chunks)
            document = ingest_text(text, shown, doc_id=doc_id or document_id(shown), encoding=decoded.encoding)
    except (DecodeError, InputError) as err:
        raise IngestError(str(err)) from None
    except UnicodeError as err:  # a codec failing mid-stream: this file is lost, not the batch
        raise IngestError(f"cannot decode the text: {err}") from None
    except PermissionError:
        raise IngestError("permission denied (file not readable)") from None
    except FileNotFoundError:
        raise IngestError("no such file (removed while reading?)") from None
    except IsADirectoryError:
        raise IngestError("is a folder, not a file") from None
    except OSError as err:
        raise IngestError(f"cannot read file: {err.strerror or err}") from None
    if decoded.bom:
        document.metadata["bom"] = True
    document.problems[:0] = [Problem(str(shown), warning, "warning") for warning in decoded.warnings]
    return document


def ingest(paths: Sequence[str | Path]) -> IngestResult:
    """Ingest files, folders and glob patterns; one bad file never stops the batch."""
    files, problems, ignored = discover(paths)
    result = IngestResult(problems=list(problems))
    # Paths that matched nothing and hidden files in folders count as seen-and-skipped: the totals add up.
    result.files_seen = len(files) + len(problems) + len(ignored)
    result.files_skipped = len(problems) + len(ignored)
    if ignored:
        shown = ", ".join(ignored[:5]) + (" …" if len(ignored) > 5 else "")
        result.problems.append(Problem(shown, f"{len(ignored)} hidden or system file(s) in folders ignored", "warning"))
    stems: dict[str, int] = {}
    shown = {path: Path(display_path(path)) for path in files}
    for path in files:
        stems[shown[path].stem] = stems.get(shown[path].stem, 0) + 1
    for path in files:
        doc_id = document_id(shown[path])
        if stems[shown[path].stem] > 1:
            doc_id = f"{doc_id}-{hashlib.sha1(str(shown[path]).encode()).hexdigest()[:6]}"
        try:
            document = ingest_file(path, doc_id=doc_id)
        except IngestError as err:
            result.problems.append(Problem(str(shown[path]), str(err), "error"))
            result.files_skipped += 1
            continue
        result.files_read += 1
        result.documents.append(document)
        result.problems.extend(document.problems)
    from kg.ingest.issues import date_issues_from_siblings

    result.problems.extend(date_issues_from_siblings(result.documents))
    return result
