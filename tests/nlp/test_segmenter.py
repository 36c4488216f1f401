"""Segmenter behaviour: normalisation, forced boundaries, user dictionary, pruning and compact storage."""

from __future__ import annotations

import numpy as np
import pytest

import kg.nlp
from kg.nlp.segmenter import Segmenter, prune, read_user_dict
from kg.nlp.text import nfkc_aligned


@pytest.fixture(scope="module")
def seg() -> Segmenter:
    return kg.nlp.load().tokenizer.segmenter


def test_nfkc_keeps_length_and_maps_full_width():
    text = "２０２３年ＡＢＣ公司，㈱株洲"
    norm = nfkc_aligned(text)
    assert len(norm) == len(text)
    assert norm.startswith("2023年ABC公司,")  # NFKC maps the full-width comma too (training did the same)
    assert norm[-3] == "㈱"  # expands under NFKC, so kept as is


def test_cut_returns_slices_of_the_original_text(seg):
    text = "２０２３年　株洲市  新增 企业１２０家"
    words = seg.cut(text)
    assert "".join(words) == "".join(text.split())
    assert "２０２３年" in "".join(words)  # original (full-width) characters, not the normalised ones


def test_forced_boundaries_are_respected(seg):
    text = "王建国董事长主持会议"
    words = seg.cut(text, boundaries=[3, 6])
    edges, pos = {0}, 0
    for w in words:
        pos += len(w)
        edges.add(pos)
    assert {3, 6} <= edges


def test_user_dictionary_words_stay_whole(seg):
    local = Segmenter(seg.extractor, seg.model)
    text = "株洲高科园区内新建项目"
    local.add_user_words(["高科园区内"])
    assert "高科园区内" in local.cut(text)
    assert "高科园区内" not in local.cut(text, use_user_dict=False)


def test_shipped_user_dictionary_is_well_formed():
    words = kg.nlp.user_words()  # the general dictionary and the default domain pack's
    assert len(read_user_dict(kg.nlp.USER_DICT)) >= 50 and len(words) >= 100 and len(set(words)) == len(words)
    assert {"中车株洲所", "渌口区", "田心片区", "市委书记"} <= set(words)
    # bare short forms that would hijack longer words under greedy matching are not allowed
    assert not {"市委", "市长", "中车"} & set(words)


def test_prune_and_compact_storage_round_trip(seg, tmp_path):
    small = prune(seg, 20000)
    assert small.model.n_feature == 20000
    small.save(tmp_path / "s")
    again = Segmenter.load(tmp_path / "s")
    text = "市政府召开常务会议研究部署经济工作。"
    assert again.cut(text) == small.cut(text)
    assert sum(p.stat().st_size for p in (tmp_path / "s").iterdir()) < 2_000_000


def test_storage_keeps_float32_weights(seg, tmp_path):
    """float16 flipped words of the held-out slice; the stored weights are the float32 ones, exactly."""
    small = prune(seg, 5000)
    small.model.w = small.model.w + 1e-4  # off the float16 grid
    small.save(tmp_path / "s")
    again = Segmenter.load(tmp_path / "s")
    assert np.array_equal(again.model.w, small.model.w.astype(np.float32).astype(np.float64))
    assert not np.array_equal(again.model.w, small.model.w.astype(np.float16).astype(np.float64))


def test_word_f1_counts_a_word_right_only_when_both_edges_are():
    from kg.nlp.training.segmenter import evaluate

    class Fixed:  # a "segmenter" that cuts as told
        def __init__(self, cuts):
            self.cuts = cuts

        def cut(self, text, use_user_dict=False):
            return self.cuts[text]

    gold = [["株洲", "市长", "讲话"]]
    score = evaluate(Fixed({"株洲市长讲话": ["株洲市", "长", "讲话"]}), gold)
    assert (score.precision, score.recall, score.gold_words) == (round(1 / 3, 4), round(1 / 3, 4), 3)
    assert evaluate(Fixed({"株洲市长讲话": ["株洲", "市长", "讲话"]}), gold).f1 == 1.0


def test_load_segmenter_gives_the_pipeline_standard_and_rejects_unknown_ones():
    assert kg.nlp.standards()[0] == "sxu"
    seg = kg.nlp.load_segmenter()
    assert "".join(seg.cut("株洲市召开会议。")) == "株洲市召开会议。"
    with pytest.raises(ValueError, match="no segmenter for standard"):
        kg.nlp.load_segmenter("ctb")


def test_shipped_standards_follow_their_corpora():
    """The pipeline's segmenter keeps names whole and cuts 一/个 (SXU); the 199801 one cuts names (PKU)."""
    assert kg.nlp.standards() == ["sxu", "pku"]
    text = "副市长王建新昨天在一个座谈会上讲话。"
    sxu = kg.nlp.load_segmenter("sxu").cut(text)
    pku = kg.nlp.load_segmenter("pku").cut(text)
    assert "王建新" in sxu and ["一", "个"] == sxu[sxu.index("一"):sxu.index("一") + 2]
    assert ["王", "建新"] == pku[pku.index("王"):pku.index("王") + 2] and "一个" in pku
    assert "".join(sxu) == "".join(pku) == text
