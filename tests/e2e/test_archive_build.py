"""The archive build (kg/archive): worker processes, the cache, incremental updates — each byte-identical to one
plain build of the same files."""

from __future__ import annotations

import os
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


def test_three_increments_with_an_edit_and_a_deletion_equal_a_full_build(tmp_path):
    """Built in three increments (the third edits one file and deletes another): the same bytes as one build of
    the final files; only the new and the edited file go through the NLP again."""
    from kg.archive.update import update
    from kg.paths import seeds_dir

    src = tmp_path / "in"
    src.mkdir()
    seeds = sorted(p for p in seeds_dir().iterdir() if p.is_file())
    for seed in seeds:
        (src / seed.name).write_bytes(seed.read_bytes())
    files = sorted(src.iterdir())
    out = tmp_path / "out"
    build(files[:2], out, html=False)
    second = update(files[2:4], out)
    assert second.counts.reused == 2
    edited = files[1]
    edited.write_text(edited.read_text(encoding="utf-8") + "\n\n星火机电公司董事长王立新出席了签约仪式。\n", encoding="utf-8")
    files[0].unlink()
    third = update(files[4:], out)
    assert third.counts.reused == 2  # files[2:4]; the edited and the new file are read again
    assert any("removed from the graph" in p.reason for p in third.problems)
    full = build(files[1:], tmp_path / "full", html=False)
    assert full.counts.reused == 0
    same_exports(out, tmp_path / "full")
    from kg.query.store import open_store, store_status

    assert store_status(out / "store").current  # filled again by the update, from the graph beside it
    assert len(open_store(out / "store")) == len(open_store(tmp_path / "full" / "store"))
    assert "王立新".encode() in (out / "graph.ttl").read_bytes()


def test_update_without_an_earlier_build_says_so(tmp_path):
    from kg.archive.update import update

    with pytest.raises(ValueError, match="no earlier build"):
        update([], tmp_path / "nothing")


def test_cli_update_with_nothing_new_reads_every_record_from_the_cache(seed_build, tmp_path):
    from typer.testing import CliRunner

    from kg.cli import app

    _, one = seed_build
    out = tmp_path / "out"
    build(None, out, html=False)
    result = CliRunner().invoke(app, ["update", "--out", str(out), "-q", "-j", "1"])
    assert result.exit_code == 0, result.output
    assert "files reused / re-extracted" in result.output and "5 / 0" in result.output
    same_exports(one, out)
    result = CliRunner().invoke(app, ["update", "--out", str(tmp_path / "none")])
    assert result.exit_code == 2 and "no earlier build" in result.output


@pytest.mark.slow  # two fresh worker processes each load the model: ~30 s on 2 cores
def test_a_local_dask_cluster_of_two_workers_writes_the_same_graph(seed_build, tmp_path, monkeypatch):
    """--engine dask: the same per-file worker function on Dask workers (a local cluster of two processes)."""
    pytest.importorskip("distributed")
    _, one = seed_build
    monkeypatch.setattr(stream, "BATCH_FILES", 2)
    report = build(None, tmp_path / "dask", jobs=2, engine="dask", html=False)
    assert report.files_read == 5
    same_exports(one, tmp_path / "dask")


def test_a_folder_updated_file_by_file_gets_its_cache_and_store_replaced(seed_build, tmp_path):
    """An output folder holding a folder of the user's is not swapped whole: the cache and the store are replaced
    as folders, the user's folder stays, and the next build still reuses the cache."""
    _, one = seed_build
    out = tmp_path / "mine"
    (out / "notes").mkdir(parents=True)
    (out / "notes" / "keep.txt").write_text("x")
    build(None, out, html=False)
    again = build(None, out, html=False)
    assert again.counts.reused == 5 and (out / "notes" / "keep.txt").read_text() == "x"
    assert (out / "store").is_dir() and len(list((out / ".kg-cache" / "nlp").rglob("*.pkl"))) == 5
    assert not [name for name in os.listdir(out) if ".kg-old-" in name or ".kg-new-" in name]
    same_exports(one, out)
