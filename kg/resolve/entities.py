"""From merged clusters to entities: a final cluster gathers the clusters merged into it; a person's name credited
as a journalist in some documents and holding an office in others is split by document; each final cluster becomes an
entity whose id comes from its fullest name (same-name ids numbered ~2, ~3 in key order)."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable

from kg.records import Entity, Mention
from kg.resolve.keys import Cluster, Key

JOURNALIST = "#journalist"


def gathered(root: Key, members: Iterable[Cluster]) -> Cluster:
    """The final cluster of `root`: its members' names, mentions and documents, in the members' order."""
    target = None
    for c in members:
        if target is None:
            target = Cluster(label=c.label, key=root[1])
        names = target.names
        for name, n in c.names.items():  # Counter.update, without its per-call isinstance(…, Mapping)
            names[name] = names.get(name, 0) + n
        target.mentions.extend(c.mentions)
        target.documents |= c.documents
    return target


def reporters(c: Cluster, document_of: Callable[[Mention], str]) -> list[str]:
    """The documents where a person's name is credited as a journalist only, when it holds an office in others
    (sorted; empty when the name is not split)."""
    roles: dict[str, set[str]] = defaultdict(set)
    for m in c.mentions:
        if m.subtype:
            roles[document_of(m)].add("journalist" if m.subtype == "journalist" else "office")
    reporter_docs = {d for d, kinds in roles.items() if kinds == {"journalist"}}
    office_docs = {d for d, kinds in roles.items() if "office" in kinds}
    return sorted(reporter_docs) if reporter_docs and office_docs else []


def split_reporters(root: Key, c: Cluster, reporter_docs: list[str], document_of: Callable[[Mention], str]
                    ) -> tuple[Key, Cluster]:
    """Move the mentions of the reporter's documents out of `c` (changed) into the cluster returned."""
    docs = set(reporter_docs)
    split_key = (root[0], root[1] + JOURNALIST)
    moved = [m for m in c.mentions if document_of(m) in docs]
    # equal mentions share their article: `m not in moved` without comparing every pair
    c.mentions = [m for m in c.mentions if document_of(m) not in docs]
    return split_key, Cluster(label="PER", key=split_key[1], names=Counter({root[1]: len(moved)}), mentions=moved,
                              documents=docs)


def base_id(key: Key, name: str) -> str:
    """An entity's id before numbering: its label and fullest name; an event or project known only inside one
    article/document carries that scope in its id, so ids do not depend on what else is in the corpus
    (event/座谈会@<article id>)."""
    scope = key[1].split("@", 1)[1] if "@" in key[1] else ""
    return f"{key[0].lower()}/{name}" + (f"@{scope}" if scope else "")


def number_ids(bases: Iterable[tuple[Key, str]], used: set[str]) -> dict[Key, str]:
    """The ids of the final clusters, in key order: a base id taken already is numbered ~2, ~3 …"""
    ids = {}
    for key, base in sorted(bases):  # keys are unique: by key
        entity_id = base
        if entity_id in used:
            n = 2
            while entity_id in used:
                entity_id = f"{base}~{n}"
                n += 1
        used.add(entity_id)
        ids[key] = entity_id
    return ids


def skeleton(c: Cluster, name: str) -> tuple:
    """What an entity is made of besides its id and mentions: (name, subtype, aliases, attrs)."""
    from kg.resolve.resolver import _majority, _short_forms_written

    subtype = _majority(m.subtype for m in c.mentions)
    aliases = sorted({a for a in {*c.names, *_short_forms_written(c)} if a and a != name})
    attrs: dict = {}
    if c.label == "LOC":
        code = next((m.attrs.get("division_code") for m in c.mentions if m.attrs.get("division_code")), None)
        if code:
            attrs["division_code"] = code  # attrs["parent"] is set once all places are known
            subtype = "admin"
    if c.label == "EVENT":
        dates = [m.attrs["date"] for m in c.mentions if m.attrs.get("date")]
        if dates:
            attrs["date"] = sorted(dates, key=lambda d: (d.startswith("--"), d))[0]
    if c.label == "PROJECT":
        amount = next((m.attrs["amount"] for m in c.mentions if m.attrs.get("amount")), None)
        if amount:
            attrs["amount"] = amount
    return name, subtype, aliases, attrs


def entity(entity_id: str, label: str, made: tuple, mentions: list[Mention], ordered: bool = False) -> Entity:
    """The entity of a skeleton (its attrs copied: parents and titles are written into them); its mentions sorted
    by article and start unless `ordered` already."""
    name, subtype, aliases, attrs = made
    return Entity(id=entity_id, type=label, name=name, subtype=subtype, aliases=list(aliases),
                  mentions=mentions if ordered else sorted(mentions, key=_mention_order), attrs=dict(attrs))


def _mention_order(m: Mention) -> tuple:
    return (m.article_id, m.start)
