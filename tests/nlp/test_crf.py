"""The whole-text CRF scorer gives exactly spacy-pkuseg's node scores and cuts."""

from __future__ import annotations

import numpy as np
import pytest
from spacy_pkuseg.inference import getLogYY

import kg.nlp
from kg.nlp.crf import CrfScorer
from kg.nlp.segmenter import Segmenter, feature_names, prune
from kg.nlp.text import nfkc_aligned

# written for this test: digits and Latin letters (pkuseg's **Num/**Letter classes), keyword characters it renames,
# dictionary words of every length, text shorter than the feature windows
TEXTS = [
    "湘江重工集团有限公司与衡阳市人民政府于2025年3月18日签署战略合作协议，总投资12.5亿元。",
    "ABC-200型电力机车在渌口区下线，时速160km/h；项目负责人王建国说：“这是第1台。”",
    "株洲",
    "一",
    "市委书记、市人大常委会主任李小明主持召开专题会议，研究部署产业链招商工作",
    "a*b.c_d|e/f:g,h",
]


@pytest.fixture(scope="module")
def seg() -> Segmenter:
    return kg.nlp.load().tokenizer.segmenter


def _pkuseg_scores(seg: Segmenter, text: str) -> np.ndarray:
    nodes = list(seg.extractor.normalize_text(text))
    features = [seg.extractor.get_node_features_idx(i, nodes) for i in range(len(nodes))]
    node_scores, _ = getLogYY(features, seg.model.n_tag, seg.model.n_feature * seg.model.n_tag, seg.model.w, 1.0)
    return node_scores


@pytest.mark.parametrize("text", TEXTS)
def test_node_scores_are_pkusegs(seg, text):
    text = nfkc_aligned(text)
    ours = seg.scorer.node_scores(seg.scorer.normalise(text))
    np.testing.assert_allclose(ours, _pkuseg_scores(seg, text), rtol=0, atol=1e-9)
    assert seg._crf_cut(text) == seg._pkuseg_cut(text)


def test_a_pruned_model_scores_alike(seg):
    small = prune(seg, 5000)  # many words and pairs lose their features: the tables must follow
    for text in TEXTS:
        text = nfkc_aligned(text)
        np.testing.assert_allclose(small.scorer.node_scores(small.scorer.normalise(text)),
                                   _pkuseg_scores(small, text), rtol=0, atol=1e-9)


def test_reserved_characters_fall_back_to_pkuseg(seg):
    text = "株洲\ufdd0中车"  # a Unicode noncharacter: the scorer's own marker for **Num
    assert seg.scorer.normalise(text) is None
    assert seg._crf_cut(text) == seg._pkuseg_cut(text)
    assert "".join(seg.cut(text)) == text


def test_scorer_built_from_the_names_of_any_extractor(seg):
    scorer = CrfScorer(feature_names(seg.extractor), seg.extractor.unigram, seg.model.w, seg.model.n_tag)
    text = nfkc_aligned(TEXTS[0])
    np.testing.assert_array_equal(scorer.tags(scorer.normalise(text)), seg.scorer.tags(seg.scorer.normalise(text)))
    assert seg.scorer.node_scores("").shape == (0, seg.model.n_tag)
    assert seg._crf_cut("") == []
