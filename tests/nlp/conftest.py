"""Shared fixtures of the NLP tests."""

from __future__ import annotations

import pytest

from kg.nlp.training.vectors import VectorSettings, train_vectors

_TEXTS = ["张明在长沙市担任董事长。", "王红在湘潭市担任市长。", "李强在株洲市签约。", "中车株洲所在株洲市发布新车。"]


@pytest.fixture(scope="session")
def tiny_vectors(tmp_path_factory):
    """A `kg train vectors` folder trained in a second on a few sentences: what the NER config reads."""
    out = tmp_path_factory.mktemp("vectors")
    train_vectors(out, VectorSettings(dim=8, epochs=1, char_min_count=1, bigram_min_count=1),
                  texts=[("test", t) for t in _TEXTS * 5], log=lambda m: None)
    return out


@pytest.fixture()
def vector_overrides(tiny_vectors):
    return {"paths.vectors": str(tiny_vectors)}
