"""An update reads the cached records ahead while a forked process reads the new files (kg/archive/stream.py
_computed, kg/archive/engines.py Forked): the same graph as one build of the final files."""

from __future__ import annotations

import os

import pytest

from kg.archive import engines, stream


def test_a_forked_call_returns_what_the_call_returns_and_is_computed_here_when_the_child_dies():
    assert engines.Forked(sorted, [3, 1, 2]).result() == [1, 2, 3]
    parent = os.getpid()

    def dies_in_the_child(values):
        if os.getpid() != parent:
            os._exit(3)
        return sorted(values)

    assert engines.Forked(dies_in_the_child, [2, 1]).result() == [1, 2]


@pytest.mark.skipif(not engines.can_fork(), reason="forks on Linux with two cores or more only")
def test_an_update_with_two_jobs_reads_ahead_and_equals_a_full_build(tmp_path, monkeypatch, built_but_last):
    from kg.archive.update import update
    from kg.pipeline import build

    files, out = built_but_last
    monkeypatch.setattr(stream, "READ_AHEAD_FILES", 1)
    forked, ahead = [], []
    monkeypatch.setattr(stream, "Forked", lambda *a: forked.append(a) or engines.Forked(*a))
    read_ahead = stream.RecordCache.read_ahead
    monkeypatch.setattr(stream.RecordCache, "read_ahead", lambda self, kind, key: ahead.append(kind) or
                        read_ahead(self, kind, key))
    extracted = []  # the rules run here (not in the forked child)
    real = stream._extractions
    monkeypatch.setattr(stream, "_extractions", lambda *a: extracted.append(os.getpid()) or real(*a))
    report = update(files[-1:], out, jobs=2)
    assert report.counts.reused == len(files) - 1 and len(forked) == 1
    assert ahead.count("nlp") == len(files) - 1 and ahead.count("extract") == len(files) - 1
    # the child extracted the new file ahead, phase 2 found it in the cache (and counts it re-extracted)
    assert extracted == [] and report.counts.reextracted == 1
    full = build(files, tmp_path / "full", html=False)
    for name in ("graph.ttl", "entities.jsonl", "relations.jsonl", "graph.graphml"):
        assert (out / name).read_bytes() == (tmp_path / "full" / name).read_bytes(), name


@pytest.mark.skipif(not engines.can_fork(), reason="forks on Linux with two cores or more only")
def test_an_extraction_made_ahead_under_other_names_is_not_used(tmp_path, monkeypatch, built_but_last):
    """The child's speculation (the previous build's names, then the new files') misses when the earlier files
    changed: phase 2 extracts the new file itself, and the graph is a full build's all the same."""
    from kg.archive.update import update
    from kg.pipeline import build

    files, out = built_but_last
    monkeypatch.setattr(stream, "READ_AHEAD_FILES", 1)
    extracted = []
    real = stream._extractions
    monkeypatch.setattr(stream, "_extractions", lambda *a: extracted.append(os.getpid()) or real(*a))
    files[0].unlink()  # its names were the previous build's: the child's names are not phase 2's
    update(files[-1:], out, jobs=2)
    assert os.getpid() in extracted  # phase 2 extracted the new file itself
    build(files[1:], tmp_path / "full", html=False)
    for name in ("graph.ttl", "entities.jsonl", "relations.jsonl", "graph.graphml"):
        assert (out / name).read_bytes() == (tmp_path / "full" / name).read_bytes(), name


def test_the_cache_finds_the_model_where_kg_nlp_keeps_it():
    """kg.archive.cache reads the model's identity without importing kg.nlp (and spaCy): the same folder."""
    from kg.archive.cache import model_path
    from kg.nlp import model_path as nlp_model_path

    assert model_path() == nlp_model_path()
