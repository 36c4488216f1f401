"""A file's NLP records are cached pickled apart inside its record (kg/archive/work.py StoredNlp): an update whose
extractions come from the cache never unpickles them, and one whose rules run again reads them as written."""

from __future__ import annotations

import pickle

from kg.archive import stream
from kg.archive.work import ArticleNlp, FileRecord, StoredNlp


def test_a_stored_record_reads_back_as_written_and_unpickles_its_nlp_only_when_asked():
    nlp = [ArticleNlp([{"start": 0, "end": 2, "label": "PER"}], [[3, 5]], [("株洲", ("LOC", None))]), None]
    record = FileRecord("k", None, nlp=nlp)
    stored = pickle.loads(pickle.dumps(record.stored(), protocol=pickle.HIGHEST_PROTOCOL))
    assert isinstance(stored.nlp, StoredNlp) and stored.nlp._items is None
    assert list(stored.nlp_present()) == [True, False] == list(record.nlp_present())
    assert stored.nlp._items is None and len(stored.nlp) == 2
    assert list(stored.nlp) == nlp and stored.nlp[0] == nlp[0] and stored == record
    assert stored.stored() is stored
    again = pickle.loads(pickle.dumps(stored))  # pickled again once loaded: the same bytes travel
    assert again.nlp.data == stored.nlp.data and list(again.nlp) == nlp


def test_an_update_with_cached_extractions_leaves_the_nlp_records_pickled(tmp_path, monkeypatch, built_but_last):
    from kg.archive.update import update
    from kg.pipeline import build

    files, out = built_but_last
    records = []
    extract = stream._extract
    monkeypatch.setattr(stream, "_extract", lambda record, *a: records.append(record) or extract(record, *a))
    update(files[-1:], out, jobs=1)
    assert len(records) == len(files) and all(isinstance(r.nlp, StoredNlp) for r in records)  # all from the cache
    # the rules ran for the new file only: its NLP records were unpickled, the others' stayed pickled
    assert [r.nlp._items is None for r in records] == [True] * (len(files) - 1) + [False]
    full = build(files, tmp_path / "full", html=False)
    for name in ("graph.ttl", "entities.jsonl", "relations.jsonl", "graph.graphml"):
        assert (out / name).read_bytes() == (tmp_path / "full" / name).read_bytes(), name
