"""`kg train all --smoke` on the real corpora (skipped where the corpora are not mounted)."""

from __future__ import annotations

import json

import pytest
import spacy
from typer.testing import CliRunner

from kg.cli import app
from kg.nlp.training import corpora
from kg.nlp.training.criteria import CRITERIA


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
    assert nlp.meta["kg"]["training"]["segmenter"]["criterion"] == "sxu"  # two standards, SXU's in the pipeline
    assert (tmp_path / "work" / "segmenter" / "standards" / "pku" / "weights.npz").exists()
    assert (tmp_path / "model" / "standards" / "pku" / "weights.npz").exists()  # travels with the pipeline
    assert nlp.meta["kg"]["training"]["ner"]["dropped_misaligned"] == 0
    assert nlp("株洲市召开会议。").text == "株洲市召开会议。"


def test_train_ner_without_segmenter_fails_clearly(tmp_path):
    result = CliRunner().invoke(app, ["train", "ner", "--segmenter", str(tmp_path / "missing")])
    assert result.exit_code != 0
    assert "kg train segmenter" in " ".join(result.output.split())


@pytest.mark.slow
@pytest.mark.skipif(not _corpora_available(), reason="training corpora not available")
def test_train_segmenter_resumes_and_fine_tunes_one_standard(tmp_path):
    first = CliRunner().invoke(app, ["train", "segmenter", "--smoke", "-o", str(tmp_path / "a"), "-w", str(tmp_path / "w1"),
                                     "--finetune", "pku=0"])
    assert first.exit_code == 0, first.output
    assert not (tmp_path / "w1" / "pkuseg_finetuned_pku").exists()
    second = CliRunner().invoke(app, ["train", "segmenter", "--smoke", "-o", str(tmp_path / "b"), "-w", str(tmp_path / "w2"),
                                      "--resume", str(tmp_path / "w1" / "pkuseg_raw"), "--finetune", "pku=1"])
    assert second.exit_code == 0, second.output
    metrics = json.loads((tmp_path / "w2" / "segmenter_metrics.json").read_text(encoding="utf-8"))
    assert metrics["resumed_from"].endswith("pkuseg_raw") and metrics["finetune"] == {"pku": 1}
    assert (tmp_path / "w2" / "pkuseg_finetuned_pku" / "weights.npz").exists()
    assert (tmp_path / "b" / "standards" / "pku" / "weights.npz").exists()  # the fine-tuned model ships as pku
    # the pku fine-tuning learns 199801's training side and the dev sentences watched during the joint run
    joint = (tmp_path / "w2" / "seg_train.txt").read_text(encoding="utf-8").splitlines()
    pd_lines = sum(line.split("  ")[0] == CRITERIA["pku"] for line in joint)
    dev_lines = (tmp_path / "w2" / "seg_dev.txt").read_text(encoding="utf-8").splitlines()
    tuned_lines = (tmp_path / "w2" / "seg_train_pku.txt").read_text(encoding="utf-8").splitlines()
    assert len(tuned_lines) == pd_lines + len(dev_lines) and tuned_lines[-len(dev_lines):] == dev_lines
    bad = CliRunner().invoke(app, ["train", "segmenter", "--smoke", "-o", str(tmp_path / "c"), "-w", str(tmp_path / "w3"),
                                   "--finetune", "pku"])
    assert bad.exit_code != 0 and "STANDARD=EPOCHS" in bad.output


@pytest.mark.skipif(not _corpora_available(), reason="training corpora not available")
def test_train_vectors_smoke_reads_only_training_text(tmp_path):
    result = CliRunner().invoke(app, ["train", "vectors", "--smoke", "-o", str(tmp_path / "vectors")])
    assert result.exit_code == 0, result.output
    info = json.loads((tmp_path / "vectors" / "vectors.json").read_text(encoding="utf-8"))
    assert info["texts"] == 300 and info["char_vectors"] > 100 and info["bigram_vectors"] > info["char_vectors"]
    assert spacy.load(tmp_path / "vectors").vocab.vectors.shape == (info["char_vectors"] + info["bigram_vectors"], 8)


def test_raw_texts_leave_out_the_ner_dev_sentences():
    if not _corpora_available():
        pytest.skip("training corpora not available")
    from kg.nlp.training.ner import default_data
    from kg.nlp.training.vectors import raw_texts

    data = default_data(msra_limit=None, cluener_limit=None)
    dev = {e.text for e in data.msra_dev} | {e.text for e in data.cluener_dev}
    texts = {text for source, text in raw_texts() if source in {"msra", "cluener"}}
    assert texts and not (dev - {e.text for e in data.train}) & texts


def test_ner_config_reading_vectors_needs_a_vectors_folder(tmp_path):
    from kg.nlp.training.pipeline import TrainSizes, train_ner_stage

    sizes = TrainSizes.smoke()
    sizes.ner_config_overrides = {"components.tok2vec.model.embed.vector_attrs": ["ORTH"]}
    with pytest.raises(FileNotFoundError, match="kg train vectors"):
        train_ner_stage(tmp_path / "out", tmp_path / "work", tmp_path / "seg", sizes)


def test_train_ner_rejects_an_unknown_standard(tmp_path):
    seg = tmp_path / "seg"
    seg.mkdir()
    (seg / "meta.json").write_text("{}", encoding="utf-8")
    result = CliRunner().invoke(app, ["train", "ner", "--segmenter", str(seg), "--standard", "weibo"])
    assert result.exit_code != 0
    assert "--standard" in result.output and "weibo" in result.output


def test_train_ner_rejects_a_missing_config(tmp_path):
    seg = tmp_path / "seg"
    seg.mkdir()
    (seg / "meta.json").write_text("{}", encoding="utf-8")
    result = CliRunner().invoke(app, ["train", "ner", "--segmenter", str(seg), "--config", str(tmp_path / "no.cfg")])
    assert result.exit_code != 0
    assert "no config file" in " ".join(result.output.split())
