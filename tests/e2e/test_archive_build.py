"""The archive build (kg/archive): worker processes, the cache, incremental updates — each byte-identical to one
plain build of the same files."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.archive import stream
from kg.pipeline import build

EXPORTS = ("graph.ttl", "entities.jsonl", "relations.jsonl", "graph.graphml")


def same_exports(a: Path, b: Path) -> None:
    for name in EXPORTS:
        assert (a / name).read_bytes() == (b / name).read_bytes(), name


def test_two_worker_processes_write_the_same_graph(seed_build, tmp_path, monkeypatch):
    """--jobs 2: seeds cut into batches of two files, read by two spawned processes; the same bytes as --jobs 1."""
    _, one = seed_build
    monkeypatch.setattr(stream, "BATCH_FILES", 2)
    report = build(None, tmp_path / "two", jobs=2, html=False)
    assert report.counts.reused == 0 and report.files_read == 5
    same_exports(one, tmp_path / "two")


def test_the_cache_is_kept_with_the_exports_and_reused(seed_build, tmp_path):
    """A second build of the same files reads every record from the cache the first left in the output folder."""
    _, one = seed_build
    assert (one / ".kg-cache" / "manifest.json").is_file()
    out = tmp_path / "again"
    first = build(None, out, html=False)
    second = build(None, out, html=False)
    assert first.counts.reused == 0 and second.counts.reused == 5 and second.counts.reextracted == 0
    same_exports(one, out)
    nlp_records = list((out / ".kg-cache" / "nlp").rglob("*.pkl"))
    assert len(nlp_records) == 5  # the cache holds this build's records only


def test_name_finder_finds_what_a_scan_per_name_finds():
    names = {"星火机电": ("ORG", None), "星火机电公司": ("ORG", None), "李东林": ("PER", None), "株洲所": ("ORG", None)}
    finder = stream.NameFinder(names)
    text = "李东林到星火机电公司调研，星火机电和株洲所签约。"
    assert list(finder.find(text)) == [n for n in names if n in text]
    assert finder.find("没有名字") == {}


def test_batches_bound_characters_and_count():
    from kg.extract import BATCH_ARTICLES, BATCH_CHARS, _batches

    texts = ["字" * 30_000, "字" * 30_000, "字" * 5] + ["字"] * 40
    batches = list(_batches(list(range(len(texts))), texts))
    assert [k for b in batches for k in b] == list(range(len(texts)))
    assert all(len(b) <= BATCH_ARTICLES for b in batches)
    assert all(sum(len(texts[k]) for k in b) <= BATCH_CHARS or len(b) == 1 for b in batches)
