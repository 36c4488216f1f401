"""A tiny end-to-end training run (segmenter, then NER) on sentences written for this test: seconds, no corpora."""

from __future__ import annotations

import spacy

import kg.nlp
from kg.nlp.segmenter import Segmenter
from kg.nlp.training.corpora import NerExample
from kg.nlp.training.char_ner import train_char_ner
from kg.nlp.training.ner import alignment_stats
from kg.nlp.training.pipeline import assemble
from kg.nlp.training.segmenter import SegmenterTrainingData, train_segmenter

SEGMENTED = [
    "张 明 是 一 家 工厂 的 工程师 。",
    "王 红 在 长沙市 工作 。",
    "湘潭市 政府 召开 会议 。",
    "李 强 担任 董事长 。",
    "赵 刚 访问 岳阳市 。",
    "陈 华 是 市长 。",
    "工厂 生产 电机 和 机车 。",
    "会议 在 长沙市 召开 。",
]


def _sentences(n_repeat: int = 3) -> list[list[str]]:
    return [line.split() for line in SEGMENTED] * n_repeat


def _ner_examples() -> list[NerExample]:
    out = []
    for name, place, title in [("张明", "长沙市", "董事长"), ("王红", "湘潭市", "市长"), ("李强", "岳阳市", "工程师"), ("赵刚", "长沙市", "市长")]:
        text = f"{name}在{place}担任{title}。"
        s1 = (0, len(name), "PER")
        s2 = (len(name) + 1, len(name) + 1 + len(place), "LOC")
        s3 = (text.index(title), text.index(title) + len(title), "TITLE")
        out.append(NerExample(text, [s1, s2, s3], "test"))
    return out * 5


def test_segmenter_then_ner_train_end_to_end(tmp_path, vector_overrides):
    data = SegmenterTrainingData(train=_sentences(), dev=_sentences(1), heldout_199801=_sentences(1))
    seg_dir = tmp_path / "segmenter"
    metrics = train_segmenter(seg_dir, tmp_path / "work", data, epochs=3, max_features=5000, quiet=True, log=lambda m: None)
    assert metrics["features_shipped"] <= 5000
    assert metrics["heldout_199801"]["f1"] > 0.5  # learnt something from 24 sentences
    seg = Segmenter.load(seg_dir)
    words = seg.cut("李强在长沙市工作。")
    assert "".join(words) == "李强在长沙市工作。"

    # Entity edges forced as word boundaries: nothing lost to misalignment (what a word-level NER would need).
    examples = _ner_examples()
    assert alignment_stats(seg, examples, enforce_boundaries=True).loss == 0.0

    # The character NER needs no forcing: it trains on the segmenter's own words.
    metrics = train_char_ner(tmp_path / "char", seg, examples, examples[:4], max_steps=12, eval_frequency=6,
                             overrides=vector_overrides, log=lambda m: None)
    assert metrics["dropped_misaligned"] == 0
    out = assemble(seg_dir, tmp_path / "char", tmp_path / "pipeline")
    nlp = spacy.load(out)
    assert type(nlp.tokenizer).__name__ == "PkusegTokenizer"
    assert set(nlp.get_pipe("ner").labels) == {"PER", "LOC", "TITLE"}
    doc = nlp("张明在长沙市工作。")
    assert doc.text == "张明在长沙市工作。"
    # the loader used by the rest of kg reads the same folder
    assert kg.nlp.load(out).pipe_names == ["ner"]
