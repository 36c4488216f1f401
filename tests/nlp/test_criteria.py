"""Multi-criteria segmenter training: two standards in one CRF, collapsed into one ordinary model per standard."""

from __future__ import annotations

import contextlib
import io

import numpy as np
import spacy_pkuseg

from kg.nlp.segmenter import Segmenter
from kg.nlp.training.criteria import CRITERIA, collapse, criterion_features, mark
from kg.nlp.training.segmenter import _write

# The same sentences under two standards that disagree on 这种/一个 (one word vs two) and agree elsewhere.
PKU = ["这种 情况 很 常见 。", "他 说 这种 办法 好 。", "一个 工厂 生产 机车 。", "这种 机车 是 一个 好 产品 。"]
SXU = [line.replace("这种", "这 种").replace("一个", "一 个") for line in PKU]


def _train(tmp_path) -> Segmenter:
    sentences = [mark(s.split(), "pku") for s in PKU] * 6 + [mark(s.split(), "sxu") for s in SXU] * 6
    train = _write(tmp_path / "train.txt", sentences)
    dev = _write(tmp_path / "dev.txt", sentences[:4])
    with criterion_features(), contextlib.redirect_stdout(io.StringIO()):
        spacy_pkuseg.train(str(train), str(dev), str(tmp_path / "raw"), train_iter=4)
    return Segmenter.from_pkuseg_dir(tmp_path / "raw")


def test_each_criterion_collapses_to_an_ordinary_model_that_follows_its_standard(tmp_path):
    seg = _train(tmp_path)
    names = seg.extractor.feature_to_idx
    assert any(n.startswith("pku|") for n in names) and any(n.startswith("sxu|") for n in names)
    pku, sxu = collapse(seg, "pku"), collapse(seg, "sxu")
    for model in (pku, sxu):
        assert not any("|" in n for n in model.extractor.feature_to_idx)  # plain pkuseg features only
        assert not set(CRITERIA.values()) & model.extractor.unigram
    assert pku.cut("这种机车是一个好产品。", use_user_dict=False)[:1] == ["这种"]
    assert sxu.cut("这种机车是一个好产品。", use_user_dict=False)[:2] == ["这", "种"]
    assert "一个" in pku.cut("他说一个工厂生产机车。", use_user_dict=False)
    assert "一个" not in sxu.cut("他说一个工厂生产机车。", use_user_dict=False)

    # collapsed weight = shared weight + the criterion's own weight, per tag; transitions shared
    n_tag = seg.model.n_tag
    node = seg.model.w[: seg.model.n_feature * n_tag].reshape(-1, n_tag)
    feature = "c.种"
    expected = node[names[feature]] + node[names["sxu|" + feature]]
    collapsed = sxu.model.w[: sxu.model.n_feature * n_tag].reshape(-1, n_tag)[sxu.extractor.feature_to_idx[feature]]
    assert np.allclose(collapsed, expected)
    assert np.array_equal(sxu.model.w[-n_tag * n_tag:], seg.model.w[-n_tag * n_tag:])


def test_unmarked_sentences_get_plain_features():
    from kg.nlp.training.criteria import CriterionFeatureExtractor

    extractor = CriterionFeatureExtractor()
    plain = extractor.get_node_features(1, list("这种情况"))
    marked = extractor.get_node_features(2, [CRITERIA["pku"], *"这种情况"])
    assert marked[: len(plain)] == plain
    assert marked[len(plain):] == [f"pku|{f}" for f in plain if f != "/"]
    assert extractor.get_node_features(0, [CRITERIA["sxu"], *"这种"]) == ["$$"]
