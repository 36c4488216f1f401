"""`kg build` end to end on the shipped seeds: outputs, determinism, bad inputs, the CLI."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pyoxigraph
from typer.testing import CliRunner

from kg.cli import app

REPO = Path(__file__).resolve().parents[2]


def test_build_writes_every_output(seed_build):
    report, out = seed_build
    for name in ("graph.ttl", "graph.html", "graph.graphml", "entities.jsonl", "relations.jsonl"):
        assert (out / name).stat().st_size > 0, name
    assert report.files_read == 5 and report.files_skipped == 0
    assert len(report.corpus.articles) >= 20
    assert len(report.corpus.entities) > 100
    assert len(report.corpus.relations) > 100
    store = pyoxigraph.Store()
    store.load(path=str(out / "graph.ttl"), format=pyoxigraph.RdfFormat.TURTLE)
    assert len(store) == report.triples


def test_every_relation_carries_evidence(seed_build):
    report, _ = seed_build
    articles = {a.id: a for a in report.corpus.articles}
    for relation in report.corpus.relations:
        assert relation.evidence, relation
        for ev in relation.evidence:
            text = articles[ev.article_id].text
            assert text[ev.sentence_start : ev.sentence_end] == ev.sentence
            assert ev.sentence_start <= ev.start <= ev.end <= ev.sentence_end or ev.rule.startswith("byline")


def test_cli_build_is_deterministic_across_hash_seeds(seed_build, tmp_path):
    """A real subprocess under another hash seed writes byte-identical Turtle."""
    _, out = seed_build
    env = dict(os.environ, PYTHONHASHSEED="12345")
    done = subprocess.run(
        [sys.executable, "-m", "kg", "build", "--out", str(tmp_path), "--quiet", "--no-html"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    assert "articles" in done.stderr
    assert (tmp_path / "graph.ttl").read_bytes() == (out / "graph.ttl").read_bytes()


def test_build_reports_bad_files_and_keeps_going(tmp_path):
    good = tmp_path / "in" / "good.txt"
    good.parent.mkdir()
    good.write_text("示例新闻标题\n\n本报讯 3月2日，湖南省株洲市召开产业发展座谈会。\n", encoding="utf-8")
    (tmp_path / "in" / "empty.txt").write_bytes(b"")
    (tmp_path / "in" / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    result = CliRunner().invoke(app, ["build", str(tmp_path / "in"), "--out", str(tmp_path / "out"), "-q"])
    assert result.exit_code == 0, result.output
    assert "empty.txt" in result.output and "image.png" in result.output
    assert (tmp_path / "out" / "graph.ttl").exists()


def test_build_fails_when_nothing_usable_and_keeps_the_previous_build(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    previous = tmp_path / "out" / "graph.ttl"
    previous.parent.mkdir()
    previous.write_text("# an earlier build\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["build", str(tmp_path / "empty.txt"), "--out", str(tmp_path / "out"), "-q"])
    assert result.exit_code == 2
    assert "no usable article" in result.output and "empty.txt" in result.output
    assert previous.read_text(encoding="utf-8") == "# an earlier build\n"
    assert not (tmp_path / "out" / "graph.html").exists()


def test_bad_options_fail_before_any_work(tmp_path):
    result = CliRunner().invoke(app, ["build", "--out", str(tmp_path), "--format", "xml", "-q"])
    assert result.exit_code == 2 and "unknown RDF format" in result.output
    result = CliRunner().invoke(app, ["build", "--out", str(tmp_path), "--base-iri", "not an iri", "-q"])
    assert result.exit_code == 2 and "invalid base IRI" in result.output
    assert not (tmp_path / "graph.ttl").exists()
