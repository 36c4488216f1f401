"""The CRF tables of a large segmenter are kept on disk (kg/nlp/crf.py): a load that finds them gets the very
tables a build makes, and a damaged or foreign file is rebuilt, never trusted."""

from __future__ import annotations

import numpy as np
import pytest

from kg.nlp import crf, model_path
from kg.nlp.segmenter import Segmenter


def _same(a, b) -> bool:
    if isinstance(a, dict):
        return list(a) == list(b) and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, np.ndarray):
        return a.dtype == b.dtype and a.shape == b.shape and np.array_equal(a, b)
    return type(a) is type(b) and a == b


@pytest.fixture(scope="module")
def shipped():
    """The shipped segmenter's inputs and the tables built from them (no disk cache)."""
    seg = Segmenter.load(model_path() / "tokenizer")
    inputs = (seg.extractor.names, seg.extractor.unigram, seg.model.w, seg.model.n_tag)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("KG_CACHE_DIR", "off")
        built = crf.CrfScorer(*inputs)
    return inputs, built


def test_tables_read_back_are_the_built_ones(shipped, tmp_path, monkeypatch):
    inputs, built = shipped
    monkeypatch.setenv("KG_CACHE_DIR", str(tmp_path))
    first = crf.CrfScorer(*inputs)  # builds, then writes
    files = list((tmp_path / "crf-tables").glob("*.npz"))
    assert len(files) == 1
    calls = []
    monkeypatch.setattr(crf.CrfScorer, "_build", lambda self, *a: calls.append(a))
    again = crf.CrfScorer(*inputs)  # reads
    assert calls == []
    for scorer in (first, again):
        assert vars(scorer).keys() == vars(built).keys()
        for name in vars(built):
            assert _same(getattr(scorer, name), getattr(built, name)), name
    text = "株洲市委书记曹慧泉在中车株洲电力机车研究所调研，2025年3月签约12.5亿元项目。"
    normalised = again.normalise(text)
    assert (again.tags(normalised) == built.tags(normalised)).all()


def test_a_damaged_file_is_rebuilt(shipped, tmp_path, monkeypatch):
    inputs, built = shipped
    monkeypatch.setenv("KG_CACHE_DIR", str(tmp_path))
    crf.CrfScorer(*inputs)
    (path,) = (tmp_path / "crf-tables").glob("*.npz")
    path.write_bytes(path.read_bytes()[: 1000])
    rebuilt = crf.CrfScorer(*inputs)
    assert _same(rebuilt.bigram_index, built.bigram_index) and _same(rebuilt.word_scores, built.word_scores)
    assert path.stat().st_size > 1000  # written again whole


def test_other_weights_other_file_and_small_models_none(shipped, tmp_path, monkeypatch):
    (names, unigram, weights, n_tag), _ = shipped
    monkeypatch.setenv("KG_CACHE_DIR", str(tmp_path))
    crf.CrfScorer(names, unigram, weights, n_tag)
    changed = weights.copy()
    changed[7] += 1.0
    crf.CrfScorer(names, unigram, changed, n_tag)
    assert len(list((tmp_path / "crf-tables").glob("*.npz"))) == 2
    monkeypatch.setenv("KG_CACHE_DIR", str(tmp_path / "small"))
    small = 1000
    crf.CrfScorer(names[:small], unigram, np.concatenate([weights[: small * n_tag], weights[-n_tag * n_tag:]]), n_tag)
    assert not (tmp_path / "small").exists()
