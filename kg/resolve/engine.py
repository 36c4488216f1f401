"""Resolution over a whole corpus, stage by stage (kg/resolve/keys.py, merges.py, entities.py, relations.py), keeping
what an update needs to redo only what a change touches (`state`, see kg/resolve/incremental.py).

Identities: a cluster is a key (label, key); a mention is a ref (article id, index in its extraction's mentions),
ordered in the corpus by (the article's position, the index).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from kg.records import ArticleExtraction, Entity, Mention, Relation
from kg.resolve import entities as ent
from kg.resolve import relations as rel
from kg.resolve.keys import (Cluster, Key, KeyedArticle, Ref, definitions_of, key_article, make_cluster,
                             namesake_groups, person_contexts, unique_definitions)
from kg.resolve.merges import Merges, MergeView


class Inputs:
    """The extractions of a corpus, by article."""

    def __init__(self, extractions: list[ArticleExtraction]):
        self.extractions = extractions
        self.by_article = {ex.article.id: ex for ex in extractions}
        self.mentions_of = {aid: ex.mentions for aid, ex in self.by_article.items()}
        self.index = {aid: n for n, aid in enumerate(self.by_article)}
        self.document_of = {aid: ex.article.document_id for aid, ex in self.by_article.items()}
        self.unique = len(self.by_article) == len(extractions)
        self._documents: dict[str, list[str]] | None = None

    def mention(self, ref: Ref) -> Mention:
        return self.by_article[ref[0]].mentions[ref[1]]

    def mentions(self, refs: Iterable[Ref]) -> list[Mention]:
        of = self.mentions_of
        return [of[a][i] for a, i in refs]

    def documents(self) -> dict[str, list[str]]:
        """document → its article ids, documents in corpus order (not to be changed)."""
        if self._documents is None:
            self._documents = {}
            for aid, doc in self.document_of.items():
                self._documents.setdefault(doc, []).append(aid)
        return self._documents

    def position(self, ref: Ref) -> tuple[int, int]:
        return (self.index[ref[0]], ref[1])

    def mention_document(self, m: Mention) -> str:
        return self.document_of.get(m.article_id, m.article_id)


class ClusterView(MergeView):
    """The merge passes' view of clusters all made here."""

    def __init__(self, clusters: dict[Key, Cluster], positions: dict[Key, tuple]):
        from kg.resolve.resolver import _fullest

        self.clusters, self.positions = clusters, positions
        self.names = {k: _fullest(c) for k, c in clusters.items() if k[0] != "PER"}
        self._neighbours: dict[Key, list[Key]] = {}
        self._by_document: dict[tuple[str, str], list[Key]] | None = None

    def position(self, k: Key) -> tuple:
        return self.positions[k]

    def articles(self, k: Key) -> set:
        return self.clusters[k].articles

    def qualified(self, k: Key) -> bool:
        return any(m.attrs.get("qualified") for m in self.clusters[k].mentions)

    def neighbours(self, k: Key) -> list[Key]:
        found = self._neighbours.get(k)
        if found is None:
            if self._by_document is None:
                self._by_document = by_document(self.clusters.items())
            seen: dict[Key, None] = {}
            for doc_id in sorted(self.clusters[k].documents):
                for o in self._by_document.get((doc_id, k[0]), ()):
                    if o != k:
                        seen[o] = None
            found = self._neighbours[k] = list(seen)
        return found


def by_document(clusters: Iterable[tuple[Key, Cluster]]) -> dict[tuple[str, str], list[Key]]:
    """(document, label) → the clusters of that label with a mention in the document: candidates for a merge share a
    document, so the comparisons stay local."""
    index: dict[tuple[str, str], list[Key]] = {}
    for k, c in clusters:
        for doc_id in c.documents:
            index.setdefault((doc_id, k[0]), []).append(k)
    return index


@dataclass
class State:
    """What an update needs of the build it starts from (kg/resolve/incremental.py): per document its digest and
    articles, per article what keying wrote and read, per key its mentions, per final key its entity."""

    version: str
    unsafe: str | None  # why no update may start from it (None: it may)
    docs: dict[str, str | None]  # document → digest of its records (None: unknown), in corpus order
    articles: dict[str, list[str]]  # document → its article ids
    order: list[str]  # the article ids in corpus order
    definitions: dict[str, list[tuple[str, str]]]  # document → its 以下简称 pairs (documents with some)
    changes: dict[str, list]  # article → what keying wrote into its mentions (KeyedArticle.changes; when some)
    contributions: dict[str, list]  # article → its relation mentions by key (relations.contributions; when some)
    contexts: dict[tuple[str, str], tuple]  # (document, person) → (orgs, provinces, kinds), frozensets
    doc_keys: dict[str, list[Key]]  # document → the keys of its mentions (before namesake splits), first seen first
    refs: dict[Key, list[Ref]]  # key (after splits) → its mentions in an entity's order (article id, start)
    first: dict[Key, Ref]  # key (not a person's) → its first mention in corpus order: its place in creation order
    splits: dict[Key, dict[str, Key]]  # person's key → {document of a namesake: its key}
    fullest: dict[Key, str]  # key (not a person's) → its fullest name
    merged: dict[Key, tuple[Key, int]]  # key → (the key it was merged into, the pass)
    reporters: dict[Key, list[str]]  # person's final key → the documents split off as a reporter's
    skeletons: dict[Key, tuple]  # final key → (name, subtype, aliases, attrs)
    ids: dict[Key, str]  # final key → entity id
    aliases: dict[Key, list[tuple]]  # final key → its alias choices (relations.alias_choices; when some)
    places: dict[str, list[tuple]]  # article → its located_in derivations (relations.place_derivations; when some)


def version() -> str:
    """What resolution is made by: its code (the extraction rules and data are in the documents' digests)."""
    import hashlib
    import sys
    from pathlib import Path

    digest = hashlib.sha1(sys.version.encode())
    for path in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def resolve_all(extractions: list[ArticleExtraction], digests: dict[str, str | None] | None = None,
                keep: bool = True) -> tuple[list[Entity], list[Relation], State | None]:
    """Every stage over every article: (entities, relations, the state an update starts from, unless not `keep`);
    `digests`: per document, a digest of its records (what an update compares)."""
    from kg.resolve.resolver import _known_org_index

    inputs = Inputs(extractions)
    known = _known_org_index()
    definitions: dict[str, list] = {}
    for ex in extractions:
        definitions.setdefault(ex.article.document_id, []).extend(definitions_of(ex))
    unique = unique_definitions(pair for pairs in definitions.values() for pair in pairs)
    keyed = {ex.article.id: key_article(ex, unique, known) for ex in extractions}
    refs = _refs(extractions, keyed)
    hashed = any(k[0] == "PER" and "#" in k[1] for k in refs)
    contexts: dict = {}
    for ex in extractions:
        person_contexts(ex, keyed[ex.article.id].province, contexts)
    splits = _split_all(refs, inputs, contexts)
    plain = plain_keys(splits)
    clusters = {k: make_cluster(k[0], k[1], inputs.mentions(r), inputs.document_of, k in plain)
                for k, r in refs.items()}
    positions = {k: (0, n) for n, k in enumerate(refs)}
    merges = Merges(ClusterView(clusters, positions), known)
    merges.run(list(refs))
    made = Made(inputs)
    made.gather(refs, clusters, merges)
    entities = made.entities()
    contributions = {aid: rel.contributions(inputs.by_article[aid], k.keys) for aid, k in keyed.items()}
    relations = made.relations(entities, contributions, merges, splits)
    if not keep:
        return entities, relations, None
    state = State(
        version=version(), unsafe=unsafe(inputs, hashed, relations), order=list(inputs.by_article),
        docs={d: (digests or {}).get(d) for d in inputs.documents()}, articles=inputs.documents(),
        definitions={d: p for d, p in definitions.items() if p},
        changes={aid: k.changes for aid, k in keyed.items() if k.changes},
        contributions={aid: c for aid, c in contributions.items() if c},
        contexts={k: frozen(c) for k, c in contexts.items()},
        doc_keys=document_keys(inputs, keyed), refs={k: entity_order(inputs, r) for k, r in refs.items()},
        first={k: r[0] for k, r in refs.items() if k[0] != "PER"}, splits=splits,
        fullest=merges.view.names, merged=merges.decided,
        reporters=made.reporters, skeletons=made.skeletons, ids=made.ids,
        aliases={k: a for k, a in made.aliases.items() if a}, places={a: p for a, p in made.places.items() if p})
    return entities, relations, state


def entity_order(inputs: Inputs, refs: list[Ref]) -> list[Ref]:
    """Mentions (in corpus order) in the order an entity lists them: by article id and start."""
    if len(refs) < 2:
        return refs
    of = inputs.mentions_of
    return sorted(refs, key=lambda r: (r[0], of[r[0]][r[1]].start))


def frozen(c) -> tuple:
    return (frozenset(c.orgs), frozenset(c.provinces), frozenset(c.kinds))


def document_keys(inputs: Inputs, keyed: dict[str, KeyedArticle]) -> dict[str, list[Key]]:
    """document → the keys of its mentions, first seen first (over the `keyed` articles)."""
    found: dict[str, dict[Key, None]] = {}
    for aid, k in keyed.items():
        seen = found.setdefault(inputs.document_of[aid], {})
        for _, key in k.keys:
            seen[key] = None
    return {d: list(keys) for d, keys in found.items() if keys}


def unsafe(inputs: Inputs, hashed: bool, relations: list[Relation]) -> str | None:
    """Why an update may not start from this build: article ids that repeat (mentions are found by them), a person's
    name with "#" (namesake and reporter keys are name#…), two relations the order cannot tell apart."""
    if not inputs.unique:
        return "article ids repeat"
    if hashed:
        return "a person's name holds #"
    if tied(relations):
        return "two relations sort alike"
    return None


def tied(relations: list[Relation]) -> bool:
    keys = [(r.type, r.subject, r.object or "", r.literal or "") for r in relations]
    return any(a == b for a, b in zip(keys, keys[1:]))


def _refs(extractions: list[ArticleExtraction], keyed: dict[str, KeyedArticle]) -> dict[Key, list[Ref]]:
    """The mentions of each key in corpus order, keys in the order they first appear."""
    refs: dict[Key, list[Ref]] = {}
    for ex in extractions:
        aid = ex.article.id
        for index, key in keyed[aid].keys:
            found = refs.get(key)
            if found is None:
                refs[key] = [(aid, index)]
            else:
                found.append((aid, index))
    return refs


def _split_all(refs: dict[Key, list[Ref]], inputs: Inputs, contexts: dict) -> dict[Key, dict[str, Key]]:
    """Split the people's names whose documents' contexts conflict (keys.namesake_groups); the new keys follow every
    other key, in the order of their names."""
    splits = {}
    for key in [k for k in refs if k[0] == "PER"]:
        groups = split_family(key, refs, inputs, contexts)
        if groups is not None:
            splits[key] = groups
    return splits


def split_family(key: Key, refs: dict[Key, list[Ref]], inputs: Inputs, contexts: dict) -> dict[str, Key] | None:
    """Split one person's name (its mentions are refs[key]) by the groups of its documents: the mentions of the
    second group on go to new keys appended to `refs`. Returns {moved document: its key} or None."""
    documents = {inputs.document_of[a] for a, _ in refs[key]}
    groups = namesake_groups(key, documents, contexts) if len(documents) > 1 else None
    if groups is None:
        return None
    staying, moved = [], {}
    for ref in refs[key]:
        new_key = groups.get(inputs.document_of[ref[0]])
        if new_key is None:
            staying.append(ref)
        else:
            moved.setdefault(new_key, []).append(ref)
    refs[key] = staying
    for new_key in sorted(moved, key=lambda k: int(k[1].rsplit("#", 1)[1])):
        refs[new_key] = moved[new_key]
    return groups


def plain_keys(splits: dict[Key, dict[str, Key]]) -> set[Key]:
    """The clusters that come out of a namesake split (their names count the forms alone)."""
    return {k for base, groups in splits.items() for k in (base, *groups.values())}


class Made:
    """The entities of the final clusters, and what they were made of."""

    def __init__(self, inputs: Inputs):
        self.inputs = inputs
        self.members: dict[Key, list[Key]] = {}  # final key → the keys merged into it, in creation order
        self.reporters: dict[Key, list[str]] = {}  # a person's final key → the documents split off as a reporter's
        self.skeletons: dict[Key, tuple] = {}  # final key → (name, subtype, aliases, attrs)
        self.ids: dict[Key, str] = {}
        self.mentions: dict[Key, list[Mention]] = {}
        self.used: set[str] = set()

    def gather(self, refs: dict[Key, list[Ref]], clusters: dict[Key, Cluster], merges: Merges) -> None:
        for k in refs:
            self.members.setdefault(merges.root(k), []).append(k)
        for r, members in self.members.items():
            self.final(r, ent.gathered(r, [clusters[k] for k in members]))

    def final(self, r: Key, c: Cluster) -> None:
        """Make the entity (or two: a reporter split off) of the final cluster `c` of `r`."""
        if r[0] == "PER":
            docs = ent.reporters(c, self.inputs.mention_document)
            if docs:
                self.reporters[r] = docs
                split_key, split = ent.split_reporters(r, c, docs, self.inputs.mention_document)
                self._made(split_key, split)
        self._made(r, c)

    def _made(self, k: Key, c: Cluster) -> None:
        from kg.resolve.resolver import _fullest

        self.skeletons[k] = ent.skeleton(c, _fullest(c))
        self.mentions[k] = c.mentions

    def entities(self) -> list[Entity]:
        """The entities in key order, then the parent places the division table adds (resolver)."""
        from kg.resolve.resolver import _link_division_parents

        self.used = set()
        self.ids = ent.number_ids(((k, ent.base_id(k, s[0])) for k, s in self.skeletons.items()), self.used)
        entities = [ent.entity(self.ids[k], k[0], self.skeletons[k], self.mentions[k]) for k in self.ids]
        _link_division_parents(entities, self.used)
        return entities

    def entity_for(self, merges: Merges, splits: dict) -> Callable[[Key, str], str | None]:
        """(key, document) → the entity id of a mention of cluster `key` in `document`."""
        ids, root = self.ids, merges.root
        reporters = {k: set(docs) for k, docs in self.reporters.items()}

        def entity_for(key: Key, document: str) -> str | None:
            if key in splits:
                key = splits[key].get(document, key)
            r = root(key)
            if r in reporters and document in reporters[r]:
                return ids.get((r[0], r[1] + ent.JOURNALIST))
            return ids.get(r)

        return entity_for

    def relations(self, entities: list[Entity], contributions: dict, merges: Merges, splits: dict) -> list[Relation]:
        inputs = self.inputs
        relations = rel.read_relations(inputs.extractions, contributions.__getitem__, self.entity_for(merges, splits))
        extraction_of = inputs.by_article
        self.aliases = {k: rel.alias_choices(e) for k, e in zip(self.ids, entities)}
        for k, e in zip(self.ids, entities):
            rel.add_aliases(relations, e.id, self.aliases[k], extraction_of)
        pairs = rel.place_pairs(entities)
        world = rel.world()
        self.places = {aid: rel.place_derivations(p, extraction_of[aid], world) for aid, p in pairs.items()
                       if aid in extraction_of}
        rel.add_places(relations, self.places, extraction_of)
        rel.add_presence(relations)
        rel.add_titles(relations, {e.id: e for e in entities})
        return rel.ordered(relations)
