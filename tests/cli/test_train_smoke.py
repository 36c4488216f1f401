"""`kg train all --smoke` on the sample shipped in the package: no corpora, no snownlp, well under 2 minutes."""

from __future__ import annotations

import sys
import time

import pytest
import spacy
from typer.testing import CliRunner

from kg.cli import app
from kg.nlp.training import corpora

pytest.importorskip("gensim", reason="the vectors stage needs gensim (the test and train extras)")


def test_smoke_training_needs_no_corpora(tmp_path, monkeypatch):
    monkeypatch.delenv("KG_CORPORA", raising=False)
    monkeypatch.setattr(corpora, "DEFAULT_CORPORA", tmp_path / "no-corpora-here")
    monkeypatch.setitem(sys.modules, "snownlp", None)  # as on a machine without the [train] extra
    started = time.perf_counter()
    result = CliRunner().invoke(app, ["train", "all", "--smoke", "--output", str(tmp_path / "model"),
                                      "--work-dir", str(tmp_path / "work")])
    seconds = time.perf_counter() - started
    assert result.exit_code == 0, result.output
    assert seconds < 120
    nlp = spacy.load(tmp_path / "model")
    assert nlp.meta["kg"]["training"]["segmenter"]["criteria"] == {"pku": 150, "sxu": 50}
    assert nlp("株洲市召开会议。").text == "株洲市召开会议。"


def test_without_smoke_the_missing_prerequisites_are_named(tmp_path, monkeypatch):
    monkeypatch.setenv("KG_CORPORA", str(tmp_path / "no-corpora-here"))
    monkeypatch.setitem(sys.modules, "snownlp", None)
    result = CliRunner().invoke(app, ["train", "vectors", "--output", str(tmp_path / "vectors")])
    assert result.exit_code != 0 and "[train]" in result.output
    monkeypatch.setattr(corpora, "pd199801_split", lambda: ([], []))  # past 199801: the corpora folder is missing
    result = CliRunner().invoke(app, ["train", "vectors", "--output", str(tmp_path / "vectors")])
    assert result.exit_code != 0 and "KG_CORPORA" in result.output
