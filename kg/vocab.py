"""The relation and entity vocabulary shared by every stage (see ../shared/gold-format.md).

Relation types are data (`kg/data/relation_types.csv`): extraction emits these type names, the ontology
declares one property per type, the viewer labels edges with the Chinese/English names.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

ENTITY_TYPES = ("PER", "ORG", "LOC", "EVENT", "PROJECT")
ENTITY_SUBTYPES = {
    "PER": ("official", "executive", "academic", "journalist", "other"),
    "ORG": ("company", "government", "party", "education", "research", "association", "media", "finance", "other"),
    "LOC": ("country", "admin", "zone", "facility", "region", "road"),
    "EVENT": (),
    "PROJECT": (),
}
ENTITY_LABELS = {
    "PER": ("人物", "Person"),
    "ORG": ("机构", "Organization"),
    "LOC": ("地点", "Place"),
    "EVENT": ("事件", "Event"),
    "PROJECT": ("项目", "Project"),
}


@dataclass(frozen=True)
class RelationType:
    type: str  # gold-format name, e.g. "spoke_at"
    property: str  # local name of the ontology property, e.g. "spokeAt"
    label_zh: str
    label_en: str
    subject: str
    object: str
    symmetric: bool
    literal: bool  # the object is (or may be) a literal


@cache
def relation_types() -> dict[str, RelationType]:
    path = Path(__file__).resolve().parent / "data" / "relation_types.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return {
        row["type"]: RelationType(
            type=row["type"],
            property=row["property"],
            label_zh=row["label_zh"],
            label_en=row["label_en"],
            subject=row["subject"],
            object=row["object"],
            symmetric=row["symmetric"] == "yes",
            literal=row["literal"] == "yes",
        )
        for row in rows
    }


def oriented(relation_type: str, subject: str, obj: str | None) -> tuple[str, str | None]:
    """(subject, object) of a relation, a symmetric one's ordered by entity id: one fact per pair, either way said."""
    kind = relation_types().get(relation_type)
    if kind is not None and kind.symmetric and obj is not None and obj < subject:
        return obj, subject
    return subject, obj
