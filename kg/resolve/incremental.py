"""Resolution of an update from the previous build's state (engine.State), redoing only what the changed documents
touch, and giving what resolve_all gives on the same extractions (entities, relations, the mentions as keying leaves
them, the next state): tests/resolve/test_incremental.py compares them on every kind of change.

What a change touches, stage by stage (a document changes when its digest, its articles or its place among the
others do; one that is gone is changed too):
1. 以下简称 definitions are corpus-wide: an abbreviation whose one meaning changes is read again in every article that
   looks it up (keys.reads_definition), whose documents count as changed.
2. Keying is per article: the changed ones are keyed again, the others get what keying wrote into their mentions
   replayed (keys.replay). The keys with a mention in a changed document (before or after) are the touched keys:
   their mentions are gathered again, a person's name split into namesakes again.
3. Merges read neighbours (clusters of the label sharing a document) and what was decided before: Merges.rerun makes
   again the decisions of the touched keys, of the neighbours of a touched key whose name or place in the order
   changed, and of every key that can read a decision that came out otherwise.
4. A final cluster with a touched member or a changed decision is made again; the others keep their entity. Ids are
   numbered again over all (a new name may number a namesake ~2).
5. Relations are read again from every article's relation mentions by key (cheap, and ids may change); alias choices
   are kept per final cluster; located_in derivations per article, made again for the articles whose mentions changed
   entity or that name an entity whose id, name, subtype, aliases or division code changed.

What the state cannot carry (engine.unsafe) or too many changed documents (LIMIT) make it the full resolution.
"""

from __future__ import annotations

import gc
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from kg.records import ArticleExtraction, Entity, Mention, Relation
from kg.resolve import entities as ent
from kg.resolve import relations as rel
from kg.resolve.engine import (Inputs, Made, State, document_keys, entity_order, frozen, plain_keys, split_family,
                               tied, version)
from kg.resolve.keys import (Cluster, Key, PersonContext, Ref, definitions_of, key_article, make_cluster,
                             person_contexts, reads_definition, replay, unique_definitions)
from kg.resolve.merges import Merges, MergeView

LIMIT = 0.2  # past this share of the documents changed, resolving everything costs less


def changed_documents(state: State, inputs: Inputs, digests: dict[str, str | None]) -> tuple[set[str], str | None]:
    """(the documents to key again: new, changed, gone; why the state cannot be used, or None)."""
    if state.unsafe:
        return set(), state.unsafe
    if state.version != version():
        return set(), "resolution's code changed"
    if not inputs.unique:
        return set(), "article ids repeat"
    articles = inputs.documents()
    changed = {d for d, aids in articles.items() if digests.get(d) is None or state.docs.get(d) != digests[d]
               or state.articles.get(d) != aids}
    changed |= state.docs.keys() - articles.keys()
    changed |= _moved_documents(state, articles, changed)
    clean_now = [aid for aid in inputs.by_article if inputs.document_of[aid] not in changed]
    clean_before = [aid for aid in state.order if aid in inputs.by_article and inputs.document_of[aid] not in changed]
    if clean_now != clean_before:
        return set(), "documents in another order"
    return changed, None


def _moved_documents(state: State, articles: dict[str, list[str]], changed: set[str]) -> set[str]:
    """The unchanged documents that came after a later one of the previous build (taken out and put back at the
    end, say): keyed again like a changed one, so that the others keep their order."""
    rank = {d: n for n, d in enumerate(state.docs)}
    moved, last = set(), -1
    for d in articles:
        if d not in changed:
            if rank[d] < last:
                moved.add(d)
            else:
                last = rank[d]
    return moved


class Update:
    """One update's resolution (run → entities, relations; `state`: the next build's), or why not (`reason`)."""

    def __init__(self, state: State, extractions: list[ArticleExtraction], digests: dict[str, str | None]):
        from kg.resolve.resolver import _known_org_index

        self.old, self.inputs, self.digests = state, Inputs(extractions), digests
        self.known = _known_org_index()
        self.changed, self.reason = changed_documents(state, self.inputs, digests)
        self.counts: dict[str, int] = {}

    def run(self) -> tuple[list[Entity], list[Relation]] | None:
        """None when the full resolution must run (`reason` says why)."""
        if self.reason is None:
            self._definitions()
        if self.reason is None and len(self.changed) > LIMIT * max(len(self.inputs.documents()), 1):
            self.reason = f"{len(self.changed)} documents changed"
        if self.reason is not None:
            return None
        self._key()
        self._gather()
        self._merge()
        self._finals()
        entities = self._entities()
        relations = self._relations(entities)
        if tied(relations):
            self.reason = "two relations sort alike"
            return None
        self._keep()
        return entities, relations

    # ------------------------------------------------------------------ 1. definitions

    def _definitions(self) -> None:
        """The corpus-wide definitions; the documents that read one whose meaning changed count as changed."""
        old, inputs = self.old, self.inputs
        self.definitions = {d: p for d, p in old.definitions.items() if d not in self.changed}
        for ex in inputs.extractions:
            if ex.article.document_id in self.changed:
                self.definitions.setdefault(ex.article.document_id, []).extend(definitions_of(ex))
        self.definitions = {d: p for d, p in self.definitions.items() if p}
        before = unique_definitions(p for pairs in old.definitions.values() for p in pairs)
        self.unique = unique_definitions(p for pairs in self.definitions.values() for p in pairs)
        moved = {a for a in before.keys() | self.unique.keys() if before.get(a) != self.unique.get(a)}
        if moved:
            self.changed |= {ex.article.document_id for ex in inputs.extractions
                             if any(reads_definition(m, moved) for m in ex.mentions)}
        self.counts["abbreviations changed"] = len(moved)

    # ------------------------------------------------------------------ 2. keys

    def _key(self) -> None:
        """Key the changed documents' articles; replay keying into the others'."""
        old, changed = self.old, self.changed
        self.keyed = {}
        for ex in self.inputs.extractions:
            aid = ex.article.id
            if ex.article.document_id in changed:
                self.keyed[aid] = key_article(ex, self.unique, self.known)
            else:
                replay(ex, old.changes.get(aid, ()))
        self.gone_articles = {aid for d in changed for aid in old.articles.get(d, ())} | set(self.keyed)
        self.touched: set[Key] = {k for d in changed for k in old.doc_keys.get(d, ())}
        self.touched.update(k for keyed in self.keyed.values() for _, k in keyed.keys)
        self.counts["documents keyed"] = len(changed)
        self.counts["keys touched"] = len(self.touched)

    def _gather(self) -> None:
        """The touched keys' mentions: the previous build's outside the changed documents and the changed documents'
        own, in corpus order; a person's name split into namesakes again."""
        old, inputs = self.old, self.inputs
        self.refs, self.first, self.splits = dict(old.refs), dict(old.first), dict(old.splits)
        self.before: dict[Key, list[Ref]] = {}  # the touched keys' (after splits) mentions before
        self.ordered: dict[Key, list[Ref]] = {}  # the touched keys' mentions in corpus order
        fresh: dict[Key, list[Ref]] = {}
        for ex in inputs.extractions:
            keyed = self.keyed.get(ex.article.id)
            for index, key in keyed.keys if keyed is not None else ():
                fresh.setdefault(key, []).append((ex.article.id, index))
        contexts = self._contexts()
        for k in self.touched:
            family = [k, *sorted(set(old.splits.get(k, {}).values()))]
            kept = [r for fk in family for r in old.refs.get(fk, ()) if r[0] not in self.gone_articles]
            for fk in family:
                self.before[fk] = self.refs.pop(fk, [])
                self.first.pop(fk, None)
            self.splits.pop(k, None)
            ordered = {k: sorted(kept + fresh.get(k, []), key=inputs.position)}
            if ordered[k] and k[0] == "PER":
                groups = split_family(k, ordered, inputs, contexts)
                if groups is not None:
                    self.splits[k] = groups
            self._store({fk: refs for fk, refs in ordered.items() if refs})
        self.plain = plain_keys(self.splits)
        self.keys = {fk for k in self.touched for fk in (k, *self.splits.get(k, {}).values())} | set(self.before)
        self.clusters = {k: self.cluster(k) for k in self.keys if k in self.refs}

    def _store(self, ordered: dict[Key, list[Ref]]) -> None:
        """Keep the touched keys' mentions: in corpus order for their clusters, in an entity's order for the state."""
        self.ordered.update(ordered)
        for k, refs in ordered.items():
            self.refs[k] = entity_order(self.inputs, refs)
            if k[0] != "PER":
                self.first[k] = refs[0]

    def _contexts(self) -> "_Contexts":
        """The people's contexts of the documents, the changed ones read again."""
        fresh: dict = {}
        for ex in self.inputs.extractions:
            keyed = self.keyed.get(ex.article.id)
            if keyed is not None:
                person_contexts(ex, keyed.province, fresh)
        self.contexts = {k: v for k, v in self.old.contexts.items() if k[0] not in self.changed}
        self.contexts.update((k, frozen(c)) for k, c in fresh.items())
        return _Contexts(self.contexts)

    def cluster(self, k: Key) -> Cluster:
        refs = self.ordered.get(k) or sorted(self.refs[k], key=self.inputs.position)  # a clean key's: corpus order
        return make_cluster(k[0], k[1], self.inputs.mentions(refs), self.inputs.document_of, k in self.plain)

    # ------------------------------------------------------------------ 3. merges

    def _merge(self) -> None:
        from kg.resolve.resolver import _fullest

        old = self.old
        self.fullest = {k: _fullest(c) for k, c in self.clusters.items() if k[0] != "PER"}
        self.view = UpdateView(self)
        merges = self.merges = Merges(self.view, self.known)
        self.old_sources = _sources(old.merged)
        dirty = {k for k in self.keys if k[0] != "PER"}
        for x in list(dirty):
            if self._moved(x) or self.fullest.get(x) != old.fullest.get(x):
                dirty |= self._readers(x)
        self.counts["merge decisions made again"] = len(dirty)
        self.decisions = merges.rerun(old.merged, dirty, self._readers, self.refs.__contains__)
        self.counts["merge decisions changed"] = len(self.decisions)

    def _moved(self, k: Key) -> bool:
        """Whether k's place in the creation order may have changed: its first mention is another or changed."""
        before, now = self.old.first.get(k), self.first.get(k)
        return before is None or now is None or before != now or before[0] in self.gone_articles

    def _readers(self, k: Key) -> set[Key]:
        """The keys whose decisions may read k's: its neighbours, and those of every key merged into it before (a
        root() through k)."""
        found = set(self.view.neighbours(k)) if k in self.refs else set()
        for y in _in_tree(k, self.old_sources):
            if y in self.refs:
                found.update(self.view.neighbours(y))
        return found

    # ------------------------------------------------------------------ 4. final clusters

    def _finals(self) -> None:
        """Make again the final clusters of the touched keys and of the changed decisions, before and after."""
        old, merges = self.old, self.merges
        self.sources = _sources(merges.decided)
        reach = self.keys | self.decisions
        self.dirty_roots = {merges.root(k) for k in reach if k in self.refs}
        self.old_roots = {_root(k, old.merged) for k in reach}
        made = self.made = Made(self.inputs)
        for r in sorted(self.dirty_roots, key=lambda k: (k[0], k[1])):
            members = self.members(r)
            made.final(r, ent.gathered(r, [self.clusters.get(m) or self.cluster(m) for m in members]))
        self.counts["entities made again"] = len(made.skeletons)

    def members(self, r: Key) -> list[Key]:
        """The keys merged into root r (and r), in creation order."""
        return sorted([r, *_in_tree(r, self.sources)], key=self.view.position)

    def finals(self) -> dict[Key, tuple]:
        """Every final key and its skeleton."""
        old, made = self.old, self.made
        skeletons = {}
        for k in self.refs:
            if k in self.merges.decided:
                continue
            if k in self.dirty_roots:
                for fk in (k, (k[0], k[1] + ent.JOURNALIST)):
                    if fk in made.skeletons:
                        skeletons[fk] = made.skeletons[fk]
            else:
                skeletons[k] = old.skeletons[k]
                if k in old.reporters:
                    fk = (k[0], k[1] + ent.JOURNALIST)
                    skeletons[fk] = old.skeletons[fk]
        return skeletons

    # ------------------------------------------------------------------ entities

    def _entities(self) -> list[Entity]:
        from kg.resolve.resolver import _link_division_parents

        self.skeletons = self.finals()
        self.reporters = {k: d for k, d in self.old.reporters.items() if k in self.skeletons
                          and k not in self.dirty_roots}
        self.reporters.update(self.made.reporters)
        self.used: set[str] = set()
        self.ids = ent.number_ids(((k, ent.base_id(k, s[0])) for k, s in self.skeletons.items()), self.used)
        made = self.made.mentions
        entities = [ent.entity(self.ids[k], k[0], self.skeletons[k], made[k]) if k in made else
                    ent.entity(self.ids[k], k[0], self.skeletons[k], self._mentions(k), ordered=True)
                    for k in self.ids]
        _link_division_parents(entities, self.used)
        return entities

    def _mentions(self, fk: Key) -> list[Mention]:
        """A clean final key's mentions, in an entity's order: most are one key's own (no merge, no reporter)."""
        if fk in self.sources or fk in self.reporters or fk[0] == "PER" and fk[1].endswith(ent.JOURNALIST):
            return self.inputs.mentions(self.final_refs(fk))
        of = self.inputs.mentions_of
        return [of[a][i] for a, i in self.refs[fk]]

    def final_refs(self, fk: Key, before: bool = False) -> list[Ref]:
        """A final key's mentions by ref in an entity's order (now, or in the previous build: then in no order)."""
        refs, sources, reporters = (({**self.refs, **self.before}, self.old_sources, self.old.reporters) if before
                                    else (self.refs, self.sources, self.reporters))
        r = _base(fk) if _base(fk) in reporters else fk
        members = [r, *_in_tree(r, sources)]
        if len(members) == 1:
            found = refs.get(r, [])
        else:
            found = [ref for m in sorted(members, key=self.view.position) for ref in refs.get(m, ())]
            if not before:
                mention = self.inputs.mention
                found.sort(key=lambda ref: (ref[0], mention(ref).start))
        docs = reporters.get(r)
        if docs:
            docs, split, document_of = set(docs), r != fk, self._document_of
            found = [ref for ref in found if (document_of(ref[0]) in docs) == split]
        return found

    def _document_of(self, aid: str) -> str:
        return self.inputs.document_of.get(aid) or self._old_documents().get(aid)

    def _old_documents(self) -> dict[str, str]:
        found = getattr(self, "_old_docs", None)
        if found is None:
            found = self._old_docs = {aid: d for d, aids in self.old.articles.items() for aid in aids}
        return found

    # ------------------------------------------------------------------ 5. relations

    def _relations(self, entities: list[Entity]) -> list[Relation]:
        inputs, old = self.inputs, self.old
        self.contributions = {aid: rel.contributions(inputs.by_article[aid], k.keys) for aid, k in self.keyed.items()}
        contributions = self.contributions

        def contributions_of(aid: str) -> list:
            found = contributions.get(aid)
            return found if found is not None else old.contributions.get(aid, [])

        made = self.made
        made.ids, made.reporters = self.ids, self.reporters
        relations = rel.read_relations(inputs.extractions, contributions_of, made.entity_for(self.merges, self.splits))
        by_id = dict(zip(self.ids.values(), entities))
        self.aliases = {k: a for k, a in old.aliases.items() if k in self.skeletons and k not in made.skeletons}
        self.aliases.update({k: rel.alias_choices(by_id[self.ids[k]]) for k in made.skeletons})
        for k, entity_id in self.ids.items():
            rel.add_aliases(relations, entity_id, self.aliases.get(k, ()), inputs.by_article)
        self.places = self._places(entities)
        rel.add_places(relations, self.places, inputs.by_article)
        rel.add_presence(relations)
        rel.add_titles(relations, {e.id: e for e in entities})
        return rel.ordered(relations)

    def _places(self, entities: list[Entity]) -> dict[str, list]:
        """The located_in derivations per article, made again where they may differ."""
        affected = self._affected() | (set(self.keyed) & set(self.inputs.by_article))
        places = {a: p for a, p in self.old.places.items() if a not in affected and a not in self.gone_articles}
        world, pairs_of = rel.world(), self._pairs(entities)
        for aid in affected:
            pairs = pairs_of(aid)
            found = rel.place_derivations(pairs, self.inputs.by_article[aid], world) if pairs else None
            if found:
                places[aid] = found
        self.counts["articles placed again"] = len(affected)
        return places

    def _pairs(self, entities: list[Entity]) -> Callable[[str], list]:
        """article → its (mention, entity) pairs of written mentions in entity order (relations.place_pairs), found
        through the keys of its document instead of every entity's mentions."""
        by_id = {e.id: e for e in entities}
        rank = {entity_id: n for n, entity_id in enumerate(self.ids.values())}
        entity_for, document_of = self.made.entity_for(self.merges, self.splits), self.inputs.document_of

        def pairs_of(aid: str) -> list:
            document = document_of[aid]
            ids = {entity_for(k, document) for k in self.view._keys_of(document)} - {None}
            pairs = []
            for entity_id in sorted(ids, key=rank.__getitem__):
                e = by_id[entity_id]
                start = bisect_left(e.mentions, aid, key=_article_id)
                for m in e.mentions[start : bisect_right(e.mentions, aid, lo=start, key=_article_id)]:
                    if m.end > m.start:
                        pairs.append((m, e))
            return pairs

        return pairs_of

    def _affected(self) -> set[str]:
        """The articles whose located_in derivations may differ: those with a mention that changed entity, or naming
        an entity whose id, name, subtype, aliases or division code changed."""
        old = self.old
        finals = set(self.made.skeletons) | {fk for r in self.old_roots for fk in (r, (r[0], r[1] + ent.JOURNALIST))
                                             if fk in old.skeletons}
        finals |= {k for k in self.ids if old.ids.get(k) != self.ids[k]}
        finals |= {k for k in old.ids if k not in self.ids}
        affected: set[str] = set()
        for fk in finals:
            before = set(self.final_refs(fk, before=True)) if fk in old.ids else set()
            now = set(self.final_refs(fk)) if fk in self.ids else set()
            if self._signature(fk, old.ids, old.skeletons) != self._signature(fk, self.ids, self.skeletons):
                affected.update(a for a, _ in before | now)
            else:
                affected.update(a for a, _ in before ^ now)
        return affected & self.inputs.by_article.keys()

    @staticmethod
    def _signature(fk: Key, ids: dict, skeletons: dict) -> tuple | None:
        if fk not in ids:
            return None
        name, subtype, aliases, attrs = skeletons[fk]
        return ids[fk], name, subtype, tuple(aliases), attrs.get("division_code")

    # ------------------------------------------------------------------ the next state

    def _keep(self) -> None:
        old, inputs, gone = self.old, self.inputs, self.gone_articles
        touched_keys = self.keys

        def kept(mapping: dict, drop, fresh: dict) -> dict:
            found = {k: v for k, v in mapping.items() if not drop(k)}
            found.update((k, v) for k, v in fresh.items() if v)
            return found

        self.state = State(
            version=old.version, unsafe=None, docs={d: self.digests.get(d) for d in inputs.documents()},
            articles=inputs.documents(), order=list(inputs.by_article), definitions=self.definitions,
            changes=kept(old.changes, gone.__contains__, {a: k.changes for a, k in self.keyed.items()}),
            contributions=kept(old.contributions, gone.__contains__, self.contributions),
            contexts=self.contexts,
            doc_keys=kept(old.doc_keys, self.changed.__contains__, document_keys(inputs, self.keyed)),
            refs=self.refs, first=self.first, splits=self.splits,
            fullest=kept(old.fullest, touched_keys.__contains__, self.fullest), merged=self.merges.decided,
            reporters=self.reporters, skeletons=self.skeletons, ids=self.ids,
            aliases={k: a for k, a in self.aliases.items() if a}, places=self.places)


class _Contexts:
    """The stored contexts (frozensets) as keys.namesake_groups reads them."""

    def __init__(self, stored: dict[tuple[str, str], tuple]):
        self.stored = stored

    def get(self, key: tuple[str, str], default: PersonContext) -> PersonContext:
        found = self.stored.get(key)
        return default if found is None else PersonContext(*map(set, found))


class UpdateView(MergeView):
    """The merge passes' view in an update: the touched keys' clusters made here, the others' from the state."""

    def __init__(self, update: Update):
        self.update = update
        self.names = {**update.old.fullest, **update.fullest}
        self._positions: dict[Key, tuple] = {}
        self._articles: dict[Key, set] = {}
        self._neighbours: dict[Key, set] = {}
        self._doc_keys: dict[str, list[Key]] = {}

    def position(self, k: Key) -> tuple:
        found = self._positions.get(k)
        if found is None:
            first = self.update.first.get(k)
            found = self._positions[k] = self.update.inputs.position(first) if first else (-1, -1)
        return found

    def articles(self, k: Key) -> set:
        c = self.update.clusters.get(k)
        if c is not None:
            return c.articles
        found = self._articles.get(k)
        if found is None:
            found = self._articles[k] = {a for a, _ in self.update.refs[k]}
        return found

    def qualified(self, k: Key) -> bool:
        c = self.update.clusters.get(k)
        mentions = c.mentions if c is not None else self.update.inputs.mentions(self.update.refs[k])
        return any(m.attrs.get("qualified") for m in mentions)

    def neighbours(self, k: Key) -> set[Key]:
        found = self._neighbours.get(k)
        if found is None:
            documents = {self.update.inputs.document_of[a] for a in self.articles(k)}
            found = self._neighbours[k] = {o for d in documents for o in self._keys_of(d) if o[0] == k[0]} - {k}
        return found

    def _keys_of(self, document: str) -> list[Key]:
        found = self._doc_keys.get(document)
        if found is None:
            if document in self.update.changed:
                inputs, keyed = self.update.inputs, self.update.keyed
                found = list({k: None for aid in inputs.documents().get(document, ()) for _, k in keyed[aid].keys})
            else:
                found = self.update.old.doc_keys.get(document, [])
            self._doc_keys[document] = found
        return found


def _sources(merged: dict[Key, tuple[Key, int]]) -> dict[Key, list[Key]]:
    """key → the keys merged straight into it."""
    found: dict[Key, list[Key]] = {}
    for k, (target, _) in merged.items():
        found.setdefault(target, []).append(k)
    return found


def _in_tree(k: Key, sources: dict[Key, list[Key]]) -> list[Key]:
    """The keys merged into k, straight or through others."""
    found, todo, seen = [], list(sources.get(k, ())), {k}
    while todo:
        o = todo.pop()
        if o not in seen:
            seen.add(o)
            found.append(o)
            todo.extend(sources.get(o, ()))
    return found


def _root(k: Key, merged: dict[Key, tuple[Key, int]]) -> Key:
    seen = set()
    while k in merged and k not in seen:
        seen.add(k)
        k = merged[k][0]
    return k


def _article_id(m: Mention) -> str:
    return m.article_id


def _base(fk: Key) -> Key:
    """The root of a final key (a reporter's split off: the person's)."""
    return (fk[0], fk[1][: -len(ent.JOURNALIST)]) if fk[0] == "PER" and fk[1].endswith(ent.JOURNALIST) else fk


def resolve_update(state: State, extractions: list[ArticleExtraction], digests: dict[str, str | None]
                   ) -> tuple[list[Entity], list[Relation], State] | str:
    """(entities, relations, the next state) by Update, or why the full resolution must run."""
    update = Update(state, extractions, digests)
    done = update.run()
    if done is None:
        return update.reason
    return (*done, update.state)


def resolve_kept(extractions: list[ArticleExtraction], digests: dict[str, str | None], previous: Path | None,
                 keep: Path | None) -> tuple[list[Entity], list[Relation], str]:
    """Resolve, from the state kept at `previous` by the build before when it can (resolve_update), and keep this
    build's state at `keep`: (entities, relations, how it went)."""
    from kg.resolve import kept
    from kg.resolve.engine import resolve_all
    from kg.resolve.resolver import memos

    before = kept.read(previous) if previous is not None else None
    with memos(), frozen_in():
        done = resolve_update(before.state, extractions, digests) if before is not None else "no state kept"
        if isinstance(done, str):
            how = f"all keys ({done})"
            entities, relations, state = resolve_all(extractions, digests)
        else:
            entities, relations, state = done
            how = "the changed documents' keys"
        if keep is not None:
            kept.write(keep, state, before)
    return entities, relations, how


@contextmanager
def frozen_in() -> Iterator[None]:
    """The records and the state live on: out of the collector's reach (gc.freeze), a full collection would walk
    their millions of objects for nothing."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()
