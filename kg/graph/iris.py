"""Stable, readable IRIs for everything the graph names.

Chinese letters stay readable (IRIs allow them); every other non-alphanumeric character is percent-encoded
as UTF-8, so hostile names (`<img src=x onerror=alert(1)>`, quotes, newlines) still give valid IRIs.
Encoding is injective (`%` itself is encoded), so distinct ids give distinct IRIs; very long names are cut
and suffixed with a short hash of the full text.
"""

from __future__ import annotations

import hashlib
import unicodedata
from functools import lru_cache

from pyoxigraph import NamedNode

from kg.graph.namespace import DEFAULT_BASE_IRI, ENTITY_CLASSES

_ASCII_SAFE = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_~.")
MAX_SEGMENT = 96  # characters of an encoded path segment before it is cut and hashed

# First path segments of Entity.id that already name the type ("org/中车…"): not repeated in the IRI.
_TYPE_PREFIXES = {seg for _, seg in ENTITY_CLASSES.values()} | {t.lower() for t in ENTITY_CLASSES} | {"per", "loc"}


def short_hash(text: str, length: int = 10) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:length]


@lru_cache(maxsize=1 << 16)
def _encode_char(char: str) -> str:
    if char in _ASCII_SAFE:
        return char
    if ord(char) > 127 and unicodedata.category(char)[0] in "LNM":  # letters, digits, marks: readable
        return char
    return "".join(f"%{byte:02X}" for byte in char.encode("utf-8", "surrogatepass"))


@lru_cache(maxsize=1 << 18)  # a graph names the same articles, entities and types in many IRIs
def encode_segment(text: str) -> str:
    """One IRI path segment for arbitrary text; `/` is encoded too."""
    if text in {".", ".."}:  # would vanish or climb under IRI resolution
        return "".join(f"%{ord(c):02X}" for c in text)
    if text.isalnum() and len(text) <= MAX_SEGMENT:  # letters and digits only (most names): each its own encoding
        return text
    encoded = "".join(_encode_char(c) for c in text)
    if len(encoded) > MAX_SEGMENT:
        cut = encoded[: MAX_SEGMENT - 12]
        if "%" in cut[-2:]:  # don't split a %XX escape
            cut = cut[: cut.rindex("%")]
        encoded = f"{cut}-{short_hash(text)}"
    return encoded


def normalize_base(base_iri: str | None) -> str:
    """Check a user-given base IRI; it must be absolute and end in `/` or `#` (one is added when missing)."""
    base = (base_iri or DEFAULT_BASE_IRI).strip()
    if not base.endswith(("/", "#")):
        base += "/"
    try:
        NamedNode(base + "x")
    except ValueError as error:
        raise ValueError(f"invalid base IRI {base_iri!r}: {error}") from None
    if ":" not in base.split("/", 1)[0]:
        raise ValueError(f"invalid base IRI {base_iri!r}: must be absolute, e.g. https://kg.example.org/")
    return base


class IriMinter:
    """Mints IRIs under one base. Entities keep the mapping id → IRI, resolving (rare) collisions by hash."""

    def __init__(self, base_iri: str | None = None) -> None:
        self.base = normalize_base(base_iri)
        self._entities: dict[str, str] = {}
        self._taken: set[str] = set()

    def entity(self, entity_id: str, entity_type: str) -> str:
        iri = self._entities.get(entity_id)
        if iri is None:
            iri = self._entity_iri(entity_id, entity_type)
            if iri in self._taken:  # two ids that differ only in a dropped type prefix
                iri = f"{iri}-{short_hash(entity_id, 8)}"
            self._entities[entity_id] = iri
            self._taken.add(iri)
        return iri

    def entities(self) -> dict[str, str]:
        """Every entity id minted so far → its IRI (not to be changed)."""
        return self._entities

    def known_entity(self, entity_id: str) -> str | None:
        return self._entities.get(entity_id)

    def _entity_iri(self, entity_id: str, entity_type: str) -> str:
        segment = ENTITY_CLASSES.get(entity_type, (None, "entity"))[1]
        parts = entity_id.split("/")
        if len(parts) > 1 and parts[0].lower() in _TYPE_PREFIXES:
            parts = parts[1:]
        return f"{self.base}{segment}/" + "/".join(encode_segment(p) for p in parts)

    def article(self, article_id: str) -> str:
        return f"{self.base}article/{encode_segment(article_id)}"

    def document(self, document_id: str) -> str:
        return f"{self.base}document/{encode_segment(document_id)}"

    def evidence(self, article_id: str, sentence_start: int, sentence_end: int) -> str:
        return f"{self.base}evidence/{encode_segment(article_id)}/{int(sentence_start)}-{int(sentence_end)}"

    def role(self, title: str) -> str:
        return f"{self.base}role/{encode_segment(title)}"

    def fact(self, relation_type: str, subject: str, obj: str | None = None, literal: str | None = None,
             org: str | None = None) -> str:
        """The statement spelled out: `{base}fact/{type}/{subject}[/{object}][/{literal}][/{organisation}]`.

        subject, obj and org are IRIs minted here; each becomes one segment, its path with `/` → `:`
        (`person:张三`), which a literal segment never contains (`:` is encoded there), so distinct statements
        get distinct IRIs. Readable, and the Turtle (written in subject order) then lists each type's facts
        by subject: Oxigraph's in-memory store returns a predicate's triples in (reverse) load order, so
        queries that sort facts by holder, title and organisation get their rows already in order.
        """
        segments = [encode_segment(relation_type), self._local(subject)]
        if obj:
            segments.append(self._local(obj))
        if literal:
            segments.append(encode_segment(literal))
        if org:
            segments.append(self._local(org))
        return f"{self.base}fact/" + "/".join(segments)

    def _local(self, iri: str) -> str:
        if not iri.startswith(self.base):
            raise ValueError(f"{iri!r} was not minted under {self.base!r}")
        return iri[len(self.base):].replace("/", ":")

    def dataset(self) -> str:
        return f"{self.base}graph"
