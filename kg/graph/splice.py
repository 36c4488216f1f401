"""The exports of an update, spliced from the previous build's files instead of written whole.

An update changes a few dozen of an archive graph's ~100k units (its documents, entities and relations), yet every
export is a sorted sequence of pieces, each made from a few units: graph.ttl one block per subject, entities.jsonl
one line per entity, relations.jsonl one line per relation, graph.graphml one element per entity and then the edges
of each source entity. A build keeps beside its records (`.kg-cache/exports.pkl`) each unit's fingerprint (what its
pieces are made of) and the subjects its triples have. The next build compares fingerprints and makes again only
the pieces of the units that changed, and in the Turtle the blocks of the subjects they write, from every unit that
writes into those blocks; every other piece is copied from the previous build's files. The result is the bytes a
whole write gives (tests/graph/test_splice.py compares them); whatever does not fit (another code version, other
options, a file changed since, the GraphML written by networkx's writer for an odd value) is written whole.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import pickle
import sys
from collections import defaultdict
from array import array
from collections.abc import Iterable
from itertools import accumulate
from functools import cache
from pathlib import Path

from kg.graph.mapping import GraphMapper, RecordingBuffer, parse_ntriples
from kg.graph.view import CorpusView
from kg.records import Corpus, Problem

VERSION = 1
TTL, GRAPHML, ENTITIES, RELATIONS = "graph.ttl", "graph.graphml", "entities.jsonl", "relations.jsonl"
FILES = (TTL, GRAPHML, ENTITIES, RELATIONS)
# more changed units than this share of them: a whole write costs about what a splice does
MOST = 0.25
_MISSING = object()


class Units:
    """A corpus's units in mapping order (GraphMapper.units) and what the exports make of each."""

    def __init__(self, corpus: Corpus, view: CorpusView, base_iri: str | None):
        self.corpus, self.view = corpus, view
        self.mapper = GraphMapper(corpus, base_iri, view, record=True)
        self.mapper.mint_entities()
        listed = list(self.mapper.units())
        self.items = {uid: (kind, item) for uid, kind, item in listed}
        self.unique = len(self.items) == len(listed)  # a corpus not made by the resolver may repeat a relation
        self.iris = self.mapper.iris.entities()  # entity id → IRI

    def fresh_mapper(self) -> GraphMapper:
        """An empty recording mapper with the same IRIs (minted once, in id order, collisions included)."""
        mapper = GraphMapper(self.corpus, self.mapper.iris.base, self.view, record=True)
        self.mapper.org_named("")  # the publishers' names, made once
        mapper.iris, mapper._entities = self.mapper.iris, self.mapper._entities
        mapper._org_names = self.mapper._org_names
        return mapper

    def fingerprints(self) -> dict[tuple, bytes]:
        """Per unit, a digest of everything its pieces are made of that is its own (`changed` adds what comes from
        other units): the data itself is tens of MB on an archive, its digests 2 MB."""
        make = {"relation": self._relation, "entity": self._entity, "mentions": self._mentions, "doc": self._doc,
                "graph": self._graph}
        digests, dumps, blake2b = {}, marshal.dumps, hashlib.blake2b  # 10⁵ units: no call more than needed
        for uid, (kind, item) in self.items.items():
            fingerprint = make[kind](item)
            try:
                data = dumps(fingerprint, 2)  # version 2: no back-references, so equal values give equal bytes
            except ValueError:  # an attribute value marshal does not know: its repr
                data = repr(fingerprint).encode("utf-8", "surrogatepass")
            digests[uid] = blake2b(data, digest_size=16).digest()
        return digests

    def _graph(self, _) -> tuple:
        return (self.mapper.iris.dataset(),)

    def _doc(self, document) -> tuple:
        named = self.mapper.org_named
        return (document.format, document.path, document.converted_from_traditional, [
            (a.id, a.headline, a.index, a.kind, a.kicker, a.deck, a.date, a.publisher,
             named(a.publisher) if a.publisher else None, [b.name for b in a.bylines],
             [(a.meta or {}).get(k) for k in ("url", "categories", "tags")]) for a in document.articles])

    def _entity(self, entity) -> tuple:
        # its articles' headlines and dates, its aliases, date, posts and works from relations: see `changed`
        iri = self.iris.get
        parent = (entity.attrs or {}).get("parent")
        return (entity.type, entity.subtype, entity.name, entity.aliases, len(entity.mentions), entity.attrs,
                iri(entity.id), iri(parent) if isinstance(parent, str) else None,
                self.view.entity_articles.get(entity.id))

    def _mentions(self, item) -> tuple:
        return (item[1],)

    def _relation(self, relation) -> tuple:
        # the headlines and dates of its evidence's articles: see `changed`
        iri, entities = self.iris.get, self.view.entities
        org = (relation.attrs or {}).get("org")
        org = org if isinstance(org, str) and org in entities else None  # CorpusView.org_of
        return (relation.object, relation.literal, relation.attrs, iri(relation.subject), iri(relation.object), org,
                [entities[e].name if e in entities else None for e in (relation.subject, relation.object, org)],
                [(e.article_id, e.sentence, e.sentence_start, e.sentence_end, e.start, e.end, e.rule)
                 for e in relation.evidence])

    def changed(self, new: dict[tuple, bytes], old: dict[tuple, bytes],
                documents: dict[tuple, list[str]]) -> tuple[set, set]:
        """(units whose pieces may differ from the previous build's, units it had that are gone). Besides their own
        fingerprints: an entity whose relations changed (its aliases, date, posts, works and GraphML edges come
        from them), and the entities and relations that show the headline or date of an article of a document that
        changed (`documents`: the previous build's article ids per document)."""
        changed = {uid for uid, digest in new.items() if old.get(uid) != digest}
        gone = old.keys() - new.keys()
        articles = {a for uid in changed | gone if uid[0] == "doc" for a in documents.get(uid, ())}
        articles.update(a.id for uid in changed if uid[0] == "doc" for a in self.items[uid][1].articles)
        if articles:
            changed |= self._showing(articles)
        for uid in [u for u in changed | gone if u[0] == "relation"]:
            if ("entity", uid[1][1]) in new:  # a relation's key holds its subject
                changed.add(("entity", uid[1][1]))
        return changed, gone

    def documents(self) -> dict[tuple, list[str]]:
        """The article ids of each document (kept in the state for `changed`)."""
        return {uid: [a.id for a in item.articles] for uid, (kind, item) in self.items.items() if kind == "doc"}

    def _showing(self, articles: set[str]) -> set[tuple]:
        """The entities and relations whose exports show one of these articles' headline or date."""
        isdisjoint = articles.isdisjoint
        found = {("entity", e) for e, ids in self.view.entity_articles.items() if not isdisjoint(ids)}
        found |= {("relation", key) for key, r in zip(self.view.relation_keys, self.view.relations)
                  if not isdisjoint([e.article_id for e in r.evidence])}
        return found

    def map(self, mapper: GraphMapper, uid: tuple) -> tuple[tuple[str, ...], list[str]]:
        """Map one unit: (the subjects it writes, its problems' reasons)."""
        start = len(mapper.problems)
        mapper.map_unit(*self.items[uid])
        footprint = tuple(dict.fromkeys(mapper.buffer.touched))
        mapper.buffer.touched.clear()
        return footprint, [p.reason for p in mapper.problems[start:]]


@cache
def code_version() -> str:
    """What the pieces are made by: the graph code, the vocabulary, the writers' versions."""
    from importlib.metadata import version

    root = Path(__file__).resolve().parent
    digest = hashlib.sha1(f"{VERSION} {sys.version} {version('pyoxigraph')} {version('networkx')}".encode())
    for path in [*sorted(root.glob("*.py")), root.parent / "vocab.py", root.parent / "records.py",
                 root.parent / "data" / "relation_types.csv"]:
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def file_stamps(folder: Path) -> dict[str, tuple[int, int]] | None:
    stamps = {}
    for name in FILES:
        try:
            stat = os.stat(folder / name)
        except OSError:
            return None
        stamps[name] = (stat.st_size, stat.st_mtime_ns)
    return stamps


# Per-unit maps of a state, kept in a base file that builds share (hard links) and a patch of the units changed since
# the base was written; past this share of the units, a build writes a new base (~20 MB, 0.3 s on an archive)
MAPS = ("digests", "footprints", "problems", "documents")
PATCH_MOST = 0.05


def read_state(path: Path, previous: Path, base: str) -> dict | None:
    """The previous build's state when it still describes its files and this code, else None."""
    state = _load(path)
    if not isinstance(state, dict) or state.get("version") != VERSION or state.get("base") != base:
        return None
    if state.get("code") != code_version() or state.get("files") != file_stamps(previous):
        return None
    maps = _load(path.parent / state["maps"])
    if not isinstance(maps, dict) or maps.get("name") != state["maps"]:
        return None
    for name in MAPS:
        for uid, value in state["patch"][name].items():
            if value is None:
                maps[name].pop(uid, None)
            else:
                maps[name][uid] = value
    return {**state, **{name: maps[name] for name in MAPS}}


def _load(path: Path):
    try:
        with open(path, "rb") as fh:
            return pickle.load(fh)
    except Exception:  # missing or damaged: the exports are written whole
        return None


def write_state(path: Path, state: dict, previous: tuple[Path, dict] | None = None,
                changed: Iterable[tuple] = ()) -> None:
    """Write `state` (new_state) at `path`. With `previous` (the previous state's path and state) and the units
    `changed` since, its maps stay in the previous build's base file (linked here) with a patch."""
    path.parent.mkdir(parents=True, exist_ok=True)
    small = {k: v for k, v in state.items() if k not in MAPS}
    patch = {name: {} for name in MAPS}
    if previous is not None:
        patch = {name: dict(previous[1]["patch"][name]) for name in MAPS}
        for uid in changed:
            for name in MAPS:
                patch[name][uid] = state[name].get(uid)
    if previous is not None and sum(map(len, patch.values())) <= PATCH_MOST * len(state["digests"]) and _linked(
            previous[0].parent / previous[1]["maps"], path.parent / previous[1]["maps"]):
        small["maps"] = previous[1]["maps"]
    else:
        small["maps"], patch = f"exports-{os.urandom(8).hex()}.pkl", {name: {} for name in MAPS}
        _dump(path.parent / small["maps"], {"name": small["maps"], **{name: state[name] for name in MAPS}})
    _dump(path, {**small, "patch": patch})


def _linked(source: Path, target: Path) -> bool:
    try:
        os.link(source, target)
    except OSError:
        return False
    return True


def _dump(path: Path, data) -> None:
    tmp = path.with_suffix(".tmp")
    with open(tmp, "wb") as fh:
        pickle.dump(data, fh, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(tmp, path)


def new_state(units: Units, digests: dict, footprints: dict, problems: dict, lengths: dict, triples: int,
              out: Path) -> dict:
    """`lengths`: the byte length of each unit's piece in the JSONL and GraphML files, in unit order."""
    return {"version": VERSION, "code": code_version(), "base": units.mapper.iris.base, "files": file_stamps(out),
            "digests": digests, "documents": units.documents(), "footprints": footprints, "problems": problems,
            "lengths": lengths, "triples": triples}


def report(units: Units, problems: dict, corpus_problems: list[Problem]) -> None:
    """The mapping's problems in unit order, each once, after those the corpus has (as to_ntriples adds them)."""
    seen = {(p.path, p.reason) for p in corpus_problems}
    for uid in units.items:
        for reason in problems.get(uid, ()):
            if ("graph", reason) not in seen:
                seen.add(("graph", reason))
                corpus_problems.append(Problem(path="graph", reason=reason, severity="warning"))


# --------------------------------------------------------------------------- the splice


# The subjects whose Turtle blocks the last splice made again, for the store's diff (kg/query/store.py verifies the
# files against them): (the previous graph.ttl, its subjects)
_CHANGED: tuple[Path, list[bytes]] | None = None


def changed_subjects(previous: Path) -> list[bytes] | None:
    """The subjects whose blocks the last splice from `previous` (a graph.ttl) made again, sorted; taken once."""
    global _CHANGED
    found, _CHANGED = _CHANGED, None
    return found[1] if found is not None and found[0] == Path(previous) else None


class Splice:
    """The pieces of one update: built from the units, the previous state and the previous build's files."""

    def __init__(self, units: Units, state: dict, previous: Path):
        global _CHANGED
        _CHANGED = None
        self.units, self.state, self.previous = units, state, previous
        self.digests = units.fingerprints()
        self.changed, self.gone = units.changed(self.digests, state["digests"], state["documents"])
        self.footprints = dict(state["footprints"])
        self.problems = dict(state["problems"])

    def worth_it(self) -> bool:
        return len(self.changed) + len(self.gone) <= MOST * max(len(self.digests), 1)

    def files(self) -> tuple[dict[str, list], dict[str, object], int] | None:
        """({file: its parts}, {file: the lengths of its pieces}, the number of triples); graph.graphml left out when
        it must be written whole; None when graph.ttl cannot be spliced."""
        turtle = self.turtle()
        if turtle is None:
            return None
        files, lengths = {TTL: turtle[0]}, {}
        files[ENTITIES], lengths[ENTITIES] = self.entities()
        files[RELATIONS], lengths[RELATIONS] = self.relations()
        graphml = self.graphml()
        if graphml is not None:
            files[GRAPHML], lengths[GRAPHML] = graphml
        return files, lengths, turtle[1]

    # ------------------------------------------------------------------ graph.ttl

    def turtle(self) -> tuple[list, int] | None:
        """(the new graph.ttl in parts, its number of triples), or None when it cannot be spliced."""
        dirty = self._dirty_subjects()
        lines = self._remap(dirty)
        text = (self.previous / TTL).read_bytes()
        head, body = _turtle_head(text)
        fresh: dict[bytes, bytes] = {}
        if lines:
            new_text = _serialize(lines)
            new_head, new_body = _turtle_head(new_text)
            if new_head != head:
                return None
            fresh = {_subject(new_text, start): new_text[start:end] for start, end in _blocks(new_text, new_body)}
        if not fresh.keys() <= {s.encode() for s in dirty}:
            return None
        out, dropped = Parts(text), []
        out.keep(0, body)
        cursor = body
        subjects = sorted(s.encode() for s in dirty)
        global _CHANGED
        _CHANGED = (self.previous / TTL, subjects)
        for key in subjects:
            start, end = _find_block(text, body, key)
            out.keep(cursor, start)
            if end > start:
                dropped.append(text[start:end])
            if key in fresh:
                out.add(fresh[key])
            cursor = end
        out.keep(cursor, len(text))
        return out.parts(), self.state["triples"] - _count(head, dropped) + len(lines)

    def _dirty_subjects(self) -> set[str]:
        """The subjects the changed units write, now or in the previous build."""
        mapper = self.units.fresh_mapper()
        dirty: set[str] = set()
        for uid in self.changed:
            if uid in self.units.items:
                dirty.update(self.units.map(mapper, uid)[0])
        for uid in self.changed | self.gone:
            dirty.update(self.state["footprints"].get(uid, ()))
        return dirty

    def _remap(self, dirty: set[str]) -> list[str]:
        """Map, in the graph's order, every unit that writes into a dirty subject; their N-Triples there."""
        old = self.state["footprints"]
        mapper = self.units.fresh_mapper()
        for uid in self.units.items:
            if uid in self.changed or not dirty.isdisjoint(old.get(uid, ())):
                self.footprints[uid], problems = self.units.map(mapper, uid)
                self._set_problems(uid, problems)
        for uid in self.gone:
            self.footprints.pop(uid, None)
            self.problems.pop(uid, None)
        buffer: RecordingBuffer = mapper.buffer
        return buffer.ntriples_of(dirty)

    def _set_problems(self, uid: tuple, problems: list[str]) -> None:
        if problems:
            self.problems[uid] = problems
        else:
            self.problems.pop(uid, None)

    # ------------------------------------------------------------------ entities.jsonl, relations.jsonl

    def entities(self) -> tuple[list, array]:
        """(the new entities.jsonl in parts, its line lengths)."""
        from kg.graph.flat import entity_line

        view = self.units.view
        return self._lines(ENTITIES, "entity", ((("entity", e.id), e) for e in view.entities.values()),
                           lambda e: entity_line(view, e))

    def relations(self) -> tuple[list, array]:
        """(the new relations.jsonl in parts, its line lengths)."""
        from kg.graph.flat import relation_line
        from kg.vocab import relation_types

        view, vocab = self.units.view, relation_types()
        return self._lines(RELATIONS, "relation", ((("relation", k), r) for k, r in zip(view.relation_keys,
                                                                                      view.relations)),
                           lambda r: relation_line(view, vocab, r))

    def _lines(self, name: str, kind: str, units, line) -> tuple[list, array]:
        text = (self.previous / name).read_bytes()
        old = self._old_ranges(kind, self.state["lengths"][name])
        if old is None or sum(self.state["lengths"][name]) != len(text):
            raise ValueError(f"{name} is not the file its state describes")
        out, lengths = Parts(text), array("Q")
        for uid, item in units:
            if uid in self.changed:
                data = line(item).encode()
                out.add(data)
                lengths.append(len(data))
            else:
                start, end = old[uid[1]]
                out.keep(start, end)
                lengths.append(end - start)
        return out.parts(), lengths

    def _old_ranges(self, kind: str, lengths) -> dict | None:
        """The byte range of each old unit of `kind` in a file of one piece per unit, in their order (entities by
        id, relations by key: CorpusView's)."""
        ids = sorted(uid[1] for uid in self.state["digests"] if uid[0] == kind)
        if len(ids) != len(lengths):
            return None
        ends = list(accumulate(lengths))
        return {i: (end - n, end) for i, n, end in zip(ids, lengths, ends)}

    # ------------------------------------------------------------------ graph.graphml

    def graphml(self) -> tuple[list, dict] | None:
        """(the new graph.graphml in parts, its layout), or None when it must be written whole (the previous one is
        not laid out as the plain writer lays it out, or a changed piece holds a value only networkx's writer
        renders, or there is no edge)."""
        from kg.graph.nx import GRAPHML_TAIL, _Unusual, edge_group, graphml_head, node_element

        layout = self.state["lengths"].get(GRAPHML)
        text = (self.previous / GRAPHML).read_bytes()
        head, tail = graphml_head().encode(), GRAPHML_TAIL.encode()
        if layout is None or not text.startswith(head) or not text.endswith(tail):
            return None
        nodes, groups = self._old_ranges("entity", layout["nodes"]), self._old_ranges("entity", layout["groups"])
        edges_at = len(head) + sum(layout["nodes"])  # the nodes, then the edges grouped by source
        if nodes is None or groups is None or edges_at + sum(layout["groups"]) + len(tail) != len(text):
            return None
        view = self.units.view
        out, edges, lengths = Parts(text), Parts(text), {"nodes": array("Q"), "groups": array("Q")}
        out.keep(0, len(head))
        try:
            for entity in view.entities.values():
                if ("entity", entity.id) in self.changed:
                    node, group = node_element(view, entity).encode(), edge_group(view, entity.id).encode()
                    out.add(node)
                    edges.add(group)
                    lengths["nodes"].append(len(node))
                    lengths["groups"].append(len(group))
                    continue
                (start, end), (first, last) = nodes[entity.id], groups[entity.id]
                out.keep(len(head) + start, len(head) + end)
                edges.keep(edges_at + first, edges_at + last)
                lengths["nodes"].append(end - start)
                lengths["groups"].append(last - first)
        except _Unusual:
            return None
        if not any(lengths["groups"]):  # no edge at all: networkx writes such a graph (with other keys)
            return None
        return [*out.parts(), *edges.parts(), tail], lengths


class Parts:
    """A file made of byte ranges of an earlier file and new pieces, in order; adjacent ranges are joined, so an
    unchanged stretch of the earlier file is written in one call."""

    def __init__(self, old: bytes):
        self.old = memoryview(old)
        self._parts: list = []
        self._start = self._end = 0

    def keep(self, start: int, end: int) -> None:
        if start == end:
            return
        if start != self._end:
            self._flush()
            self._start = start
        self._end = end

    def add(self, data: bytes) -> None:
        self._flush()
        self._parts.append(data)

    def parts(self) -> list:
        self._flush()
        return self._parts

    def _flush(self) -> None:
        if self._end > self._start:
            self._parts.append(self.old[self._start : self._end])
        self._start = self._end = 0


def _serialize(lines: list[str]) -> bytes:
    from kg.graph.export import serialize_rdf

    return serialize_rdf(parse_ntriples(lines))


def _turtle_head(text: bytes) -> tuple[bytes, int]:
    """(the prefix lines, where the blocks start) of Turtle as pyoxigraph writes it: strings are escaped onto one
    line, so every subject's block, and nothing else, ends in " .\n" (kg/query/store.py reads it so too)."""
    body = text.find(b"\n", text.rfind(b"\n@prefix ") + 1) + 1 if text.startswith(b"@prefix ") else 0
    if not text.endswith(b" .\n") and len(text) > body:
        raise ValueError("not Turtle as pyoxigraph writes it")
    return text[:body], body


def _blocks(text: bytes, body: int):
    start = body
    while start < len(text):
        end = text.index(b" .\n", start) + 3
        yield start, end
        start = end


def _subject(text: bytes, start: int) -> bytes:
    """The subject IRI of the block at `start` (every subject is an IRI under the base: <…>)."""
    if text[start : start + 1] != b"<":
        raise ValueError("a Turtle block without an IRI subject")
    return text[start + 1 : text.index(b">", start)]


def _find_block(text: bytes, body: int, key: bytes) -> tuple[int, int]:
    """(start, end) of the block of subject `key` in the sorted blocks of `text`, or (where it would go, the same)
    when there is none: a binary search, each probe the block that holds the middle byte."""
    lo, hi = body, len(text)
    while lo < hi:
        start = text.rfind(b" .\n", body, (lo + hi) // 2)  # the end of the block before the middle one
        start = body if start < 0 else start + 3
        start = max(start, lo)
        end = text.index(b" .\n", start) + 3
        if _subject(text, start) < key:
            lo = end
        else:
            hi = start
    if lo < len(text) and _subject(text, lo) == key:
        return lo, text.index(b" .\n", lo) + 3
    return lo, lo


def _count(head: bytes, blocks: list[bytes]) -> int:
    if not blocks:
        return 0
    from pyoxigraph import RdfFormat, parse

    return sum(1 for _ in parse(head + b"".join(blocks), format=RdfFormat.TURTLE))


def layout(folder: Path, view: CorpusView, names: Iterable[str] = (ENTITIES, RELATIONS, GRAPHML)) -> dict:
    """The byte length of each unit's piece in the JSONL and GraphML files of `folder`, written whole: a line per
    entity or relation; per entity its <node> element and its edges (the GraphML only when laid out as the plain
    writer lays it out)."""
    lengths = {}
    for name in names:
        text = (folder / name).read_bytes()
        if name != GRAPHML:
            lengths[name] = array("Q", (len(line) + 1 for line in text.split(b"\n")[:-1]))
        elif (graphml := _graphml_layout(text, view)) is not None:
            lengths[name] = graphml
    return lengths


def _graphml_layout(text: bytes, view: CorpusView) -> dict | None:
    from kg.graph.nx import GRAPHML_TAIL, edge_target, graphml_head

    head, tail = graphml_head().encode(), GRAPHML_TAIL.encode()
    if not text.startswith(head) or not text.endswith(tail):
        return None
    chunks = text[len(head) : len(text) - len(tail)].split(b"</node>\n", len(view.entities))
    if len(chunks) != len(view.entities) + 1:
        return None
    edges = [len(e) + 8 for e in chunks[-1].split(b"</edge>\n")[:-1]]  # 8: len(b"</edge>\n")
    counts = defaultdict(int)
    for relation in view.relations:
        if relation.subject in view.entities and edge_target(view, relation) is not None:
            counts[relation.subject] += 1
    if sum(counts.values()) != len(edges):
        return None
    groups, n = array("Q"), 0
    for entity_id in view.entities:
        groups.append(sum(edges[n : n + counts[entity_id]]))
        n += counts[entity_id]
    return {"nodes": array("Q", (len(c) + 8 for c in chunks[:-1])), "groups": groups}  # 8: len(b"</node>\n")


def full_footprints(units: Units, mapper: GraphMapper) -> tuple[dict, dict]:
    """Map every unit into `mapper` (a recording one): (subjects per unit, problems per unit)."""
    footprints, problems = {}, {}
    for uid in units.items:
        footprints[uid], found = units.map(mapper, uid)
        if found:
            problems[uid] = found
    return footprints, problems


def write_pieces(path: Path, pieces: Iterable[bytes]) -> None:
    with open(path, "wb") as fh:
        fh.writelines(pieces)
