"""`kg train all --smoke` on the real corpora (skipped where the corpora are not mounted)."""

from __future__ import annotations

import pytest
import spacy
from typer.testing import CliRunner

from kg.cli import app
from kg.nlp.training import corpora


def _corpora_available() -> bool:
    try:
        corpora.pd199801_path()
        corpora.corpus_path("msra-ner")
        corpora.corpus_path("cluener2020")
        corpora.corpus_path("sighan2008-sxu-cws")
    except FileNotFoundError:
        return False
    return True


@pytest.mark.slow
@pytest.mark.skipif(not _corpora_available(), reason="training corpora not available")
def test_train_all_smoke(tmp_path):
    result = CliRunner().invoke(app, ["train", "all", "--smoke", "--output", str(tmp_path / "model"),
                                      "--work-dir", str(tmp_path / "work")])
    assert result.exit_code == 0, result.output
    nlp = spacy.load(tmp_path / "model")
    assert nlp.meta["kg"]["training"]["segmenter"]["epochs"] == 1
    assert nlp.meta["kg"]["training"]["segmenter"]["criterion"] == "pku"  # two standards, 199801's in the pipeline
    assert (tmp_path / "work" / "segmenter" / "standards" / "sxu" / "weights.npz").exists()
    assert nlp.meta["kg"]["training"]["ner"]["dropped_misaligned"] == 0
    assert nlp("株洲市召开会议。").text == "株洲市召开会议。"


def test_train_ner_without_segmenter_fails_clearly(tmp_path):
    result = CliRunner().invoke(app, ["train", "ner", "--segmenter", str(tmp_path / "missing")])
    assert result.exit_code != 0
    assert "kg train segmenter" in " ".join(result.output.split())
