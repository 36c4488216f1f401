"""Spliced exports (kg/graph/splice.py) are the bytes a whole write gives: for each kind of change a resolved corpus
can undergo between two builds, and for the seeds built in increments with an edit and a deletion."""

from __future__ import annotations

import copy
import dataclasses

import pytest
from graph_corpus import make_corpus

from kg.graph import export, splice
from kg.graph.export import SPLICE_STATE, write_exports
from kg.records import Article, Document, Entity, Evidence, Mention, Relation

EXPORTS = ("graph.ttl", "entities.jsonl", "relations.jsonl", "graph.graphml")
EVENT = "event/株洲市轨道交通产业推进大会"
PROJECT = "project/新型轨道交通装备总部基地项目"


def _entity(c, entity_id: str) -> Entity:
    return next(e for e in c.entities if e.id == entity_id)


def _relation(c, type_: str, subject: str) -> Relation:
    return next(r for r in c.relations if r.type == type_ and r.subject == subject)


def _article(c, index: int = 0, document: int = 0) -> Article:
    return c.documents[document].articles[index]


def _drop_entity(c, entity_id: str) -> None:
    c.entities = [e for e in c.entities if e.id != entity_id]
    c.relations = [r for r in c.relations if entity_id not in (r.subject, r.object, (r.attrs or {}).get("org"))]


def _new_document(c) -> None:
    text = "株洲日报社记者李东林采访了株洲市委。"
    article = Article(id="doc3-a0", document_id="doc3", index=0, headline="新的一篇", text=text, date="2023-07-01",
                      publisher="株洲日报")
    c.documents.append(Document("doc3", "seeds/doc3.txt", "txt", "utf-8", text, articles=[article]))
    _entity(c, "per/李东林").mentions.append(Mention("m9", "李东林", "PER", 7, 10, "doc3-a0"))
    c.relations.append(Relation("position", "per/李东林", None, literal="记者", attrs={"org": "org/株洲市委"},
                                evidence=[Evidence("doc3-a0", text, 0, len(text), 7, 10, "rel:test")]))


def _more_evidence(c) -> None:
    relation = _relation(c, "attended", "per/李东林")
    a2 = _article(c, 1)
    relation.evidence.append(Evidence(a2.id, a2.text[:16], 0, 16, 9, 12, "rel:test"))


MUTATIONS = {
    "nothing": lambda c: None,
    "entity renamed": lambda c: setattr(_entity(c, "per/曹慧泉"), "name", "曹慧泉同志"),
    "organisation renamed": lambda c: setattr(_entity(c, "org/株洲市委"), "name", "中共株洲市委"),
    "subtype changed": lambda c: setattr(_entity(c, "per/李东林"), "subtype", "official"),
    "alias added": lambda c: _entity(c, "org/株洲市委").aliases.append("中共株洲市委"),
    "alias relation added": lambda c: c.relations.append(Relation(
        "alias", "per/阳卫国", None, literal="阳市长", evidence=[dataclasses.replace(
            _relation(c, "chaired", "per/阳卫国").evidence[0], rule="rel:alias")])),
    "parent dropped": lambda c: _entity(c, "loc/茶陵县").attrs.pop("parent"),
    "amount changed": lambda c: _entity(c, PROJECT).attrs.update(amount="20亿元"),
    "entity removed": lambda c: _drop_entity(c, "org/中国中车"),
    "publisher named by a new organisation": lambda c: c.entities.append(
        Entity("org/株洲日报社", "ORG", "株洲日报社", "media", aliases=["株洲日报"])),
    "relation removed": lambda c: c.relations.remove(_relation(c, "chaired", "per/阳卫国")),
    "evidence added": _more_evidence,
    "evidence sentence changed": lambda c: setattr(
        _relation(c, "visited", "per/李东林").evidence[0], "sentence", "李东林到茶陵县考察调研。"),
    "post's organisation changed": lambda c: _relation(c, "position", "per/阳卫国").attrs.update(
        org="org/株洲市人民政府"),
    "event date changed": lambda c: setattr(_relation(c, "event_date", EVENT), "literal", "2023-05-10"),
    "headline changed": lambda c: setattr(_article(c), "headline", "轨道交通产业推进大会隆重召开"),
    "date changed": lambda c: setattr(_article(c, 1), "date", "2023-05-10"),
    "mention in another article": lambda c: _entity(c, "org/中国中车").mentions.append(
        Mention("m7", "中国中车", "ORG", 60, 64, _article(c, 1).id)),
    "document added": _new_document,
    "document removed": lambda c: c.documents.pop(1),
}


@pytest.fixture
def spliced(monkeypatch):
    """Splice whatever the share of changed units, keeping the previous state's maps with a patch however large;
    record whether each write was spliced."""
    monkeypatch.setattr(splice, "MOST", 1.0)
    monkeypatch.setattr(splice, "PATCH_MOST", 1.0)
    calls: list[bool] = []
    real = export._spliced

    def spy(*args):
        result = real(*args)
        calls.append(result is not None)
        return result

    monkeypatch.setattr(export, "_spliced", spy)
    return calls


def same_exports(a, b) -> None:
    for name in EXPORTS:
        assert (a / name).read_bytes() == (b / name).read_bytes(), name


@pytest.mark.parametrize("mutation", MUTATIONS)
def test_a_spliced_write_is_a_whole_write(tmp_path, spliced, mutation):
    write_exports(make_corpus(), tmp_path / "before", keep_state=True)
    after = make_corpus()
    MUTATIONS[mutation](after)
    whole = copy.deepcopy(after)
    _, triples = write_exports(after, tmp_path / "spliced", previous=tmp_path / "before", keep_state=True)
    _, whole_triples = write_exports(whole, tmp_path / "whole", keep_state=True)
    assert spliced == [True]
    same_exports(tmp_path / "spliced", tmp_path / "whole")
    assert triples == whole_triples
    assert [p.reason for p in after.problems] == [p.reason for p in whole.problems]
    # and the state it leaves splices the next write as well
    write_exports(make_corpus(), tmp_path / "back", previous=tmp_path / "spliced", keep_state=True)
    write_exports(make_corpus(), tmp_path / "again", keep_state=True)
    same_exports(tmp_path / "back", tmp_path / "again")


def test_a_state_that_no_longer_describes_the_files_is_not_used(tmp_path, spliced):
    write_exports(make_corpus(), tmp_path / "before", keep_state=True)
    (tmp_path / "before" / "entities.jsonl").write_text("edited by hand\n", encoding="utf-8")
    write_exports(make_corpus(), tmp_path / "after", previous=tmp_path / "before", keep_state=True)
    assert spliced == []  # no state read: written whole
    write_exports(make_corpus(), tmp_path / "whole")
    same_exports(tmp_path / "after", tmp_path / "whole")
    assert (tmp_path / "after" / SPLICE_STATE).is_file()


@pytest.mark.parametrize("patch_most", [0.0, 1.0])
def test_a_chain_of_spliced_writes_keeps_one_maps_file(tmp_path, spliced, monkeypatch, patch_most):
    """Each write links the previous maps and adds its changes to the patch, or (past PATCH_MOST) writes new maps."""
    monkeypatch.setattr(splice, "PATCH_MOST", patch_most)
    steps = ["entity renamed", "evidence added", "document added", "relation removed"]
    write_exports(make_corpus(), tmp_path / "0", keep_state=True)
    for n in range(1, len(steps) + 1):
        corpus = make_corpus()
        for step in steps[:n]:
            MUTATIONS[step](corpus)
        whole = copy.deepcopy(corpus)
        write_exports(corpus, tmp_path / str(n), previous=tmp_path / str(n - 1), keep_state=True)
        write_exports(whole, tmp_path / f"whole{n}")
        same_exports(tmp_path / str(n), tmp_path / f"whole{n}")
        assert len(list((tmp_path / str(n) / SPLICE_STATE).parent.glob("exports-*.pkl"))) == 1
    assert spliced == [True] * len(steps)


def test_find_block_finds_every_subject_and_where_others_go():
    head = b"@prefix kgo: <https://kg.example.org/ontology#> .\n"
    subjects = [f"https://kg.example.org/x/{n:03d}".encode() for n in range(0, 200, 2)]
    blocks = [b"<" + s + b"> kgo:p " + b'"a .b"' * (n % 7) + b" ;\n\tkgo:q 1 .\n" for n, s in enumerate(subjects)]
    text = head + b"".join(blocks)
    at = len(head)
    for subject, block in zip(subjects, blocks):
        assert splice._find_block(text, len(head), subject) == (at, at + len(block))
        missing = subject + b"a"  # between this subject and the next
        assert splice._find_block(text, len(head), missing) == (at + len(block),) * 2
        at += len(block)
    assert splice._find_block(text, len(head), b"https://kg.example.org/a") == (len(head), len(head))


def test_seeds_built_in_increments_with_an_edit_and_a_deletion_splice_to_a_full_build(tmp_path, spliced,
                                                                                       seed_copies):
    from kg.archive.update import update
    from kg.pipeline import build

    files = seed_copies
    out = tmp_path / "out"
    build(files[:3], out, html=False)
    update(files[3:4], out)
    edited = files[1]
    added = "\n\n星火机电公司董事长王立新出席了签约仪式。\n"
    edited.write_text(edited.read_text(encoding="utf-8") + added, encoding="utf-8")
    files[0].unlink()
    update(files[4:], out)
    assert spliced == [True, True]
    build(files[1:], tmp_path / "full", html=False)
    same_exports(out, tmp_path / "full")
