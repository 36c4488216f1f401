"""kg.CharEmbed.v1: MultiHashEmbed plus pretrained vectors looked up per feature (character, bigrams)."""

from __future__ import annotations

import numpy
import pytest
import spacy
from spacy.strings import get_string_id
from spacy.util import fix_random_seed, registry
from spacy.vectors import Vectors

import kg.nlp
from kg.nlp.charner import char_doc
from kg.nlp.embed import AttrVectors
from kg.nlp.training.char_ner import train_char_ner
from kg.nlp.training.corpora import NerExample
from kg.nlp.training.pipeline import assemble
from kg.nlp.training.vectors import VectorSettings, as_float16, train_vectors

ATTRS = ["ORTH", "NORM", "LEMMA", "TAG"]


def _docs(vocab):
    return [char_doc(vocab, ["株洲市", "的", "中车"]), char_doc(vocab, ["湘潭", "签约", "。"])]


def test_without_vector_attrs_it_is_multihashembed_weight_for_weight():
    nlp = spacy.blank("zh")
    docs = _docs(nlp.vocab)
    outputs = []
    for name, extra in [("spacy.MultiHashEmbed.v2", {"include_static_vectors": False}), ("kg.CharEmbed.v1", {"vector_attrs": []})]:
        fix_random_seed(0)
        model = registry.architectures.get(name)(width=16, attrs=ATTRS, rows=[50, 50, 50, 50], **extra)
        model.initialize(X=docs)
        outputs.append(model.predict(docs))
    for a, b in zip(*outputs):
        numpy.testing.assert_array_equal(a, b)


def _vectors_vocab():
    nlp = spacy.blank("zh")
    keys = ["株", "洲", "株洲", "洲市"]
    data = numpy.arange(len(keys) * 3, dtype="float32").reshape(len(keys), 3) + 1
    nlp.vocab.vectors = Vectors(data=data, keys=[get_string_id(k) for k in keys])
    return nlp, dict(zip(keys, data))


@pytest.mark.parametrize("attr, feature", [("ORTH", lambda doc, i: doc[i].text), ("LEMMA", lambda doc, i: doc[i].lemma_)])
def test_attr_vectors_read_the_feature_s_vector_and_zero_for_missing_keys(attr, feature):
    nlp, table = _vectors_vocab()
    doc = char_doc(nlp.vocab, ["株洲市", "签约"])
    layer = AttrVectors(2, attr)
    layer.initialize(X=[doc])
    W = layer.get_param("W")
    output, backprop = layer.begin_update([doc])
    chars = list(doc.text)
    right = [chars[i] + (chars[i + 1] if i + 1 < len(chars) else "\x02") for i in range(len(chars))]
    for i, row in enumerate(output.data):
        key = chars[i] if attr == "ORTH" else right[i]
        expected = W @ table[key] if key in table else numpy.zeros(2)
        numpy.testing.assert_allclose(row, expected, rtol=1e-5)
    assert any(key in table for key in (chars if attr == "ORTH" else right))
    backprop(type(output)(numpy.ones_like(output.data), output.lengths))
    assert numpy.abs(layer.get_grad("W")).sum() > 0  # the projection learns; the table stays fixed


def test_float16_table_keeps_each_key_s_vector_and_reads_as_float32():
    nlp, table = _vectors_vocab()
    doc = char_doc(nlp.vocab, ["株洲市"])
    layer = AttrVectors(2, "ORTH")
    layer.initialize(X=[doc])
    before = layer.predict([doc]).data
    half = as_float16(nlp.vocab.vectors)
    assert half.data.dtype == numpy.float16 and as_float16(half) is half
    for key, vector in table.items():
        numpy.testing.assert_allclose(half[get_string_id(key)], vector, rtol=1e-3)
    nlp.vocab.vectors = half
    after = layer.predict([doc]).data
    assert after.dtype == numpy.float32
    numpy.testing.assert_allclose(after, before, rtol=1e-3)


def test_vector_attrs_without_a_vectors_table_fail_clearly():
    nlp = spacy.blank("zh")
    model = registry.architectures.get("kg.CharEmbed.v1")(width=8, attrs=ATTRS, rows=[20] * 4, vector_attrs=["ORTH"])
    with pytest.raises(ValueError, match="no vectors table"):
        model.initialize(X=_docs(nlp.vocab))


TEXTS = [("test", t) for t in ["株洲市委书记在中车株机调研。", "湘潭市长在长沙签约。", "株洲市的中车株洲所发布新车。"] * 20]


def test_train_vectors_is_deterministic_and_keys_chars_and_bigrams(tmp_path):
    settings = VectorSettings(dim=8, epochs=2, char_min_count=1, bigram_min_count=1)
    first = train_vectors(tmp_path / "a", settings, texts=TEXTS, log=lambda m: None)
    train_vectors(tmp_path / "b", settings, texts=TEXTS, log=lambda m: None)
    a, b = spacy.load(tmp_path / "a").vocab.vectors, spacy.load(tmp_path / "b").vocab.vectors
    assert a.shape == b.shape == (first["char_vectors"] + first["bigram_vectors"], 8)
    numpy.testing.assert_array_equal(a.data, b.data)
    for key in ["株", "株洲", "\x02株", "。\x02"]:  # characters, bigrams, and the text-edge bigrams
        assert a.find(key=get_string_id(key)) >= 0


def test_ner_trained_with_vectors_carries_them_into_the_pipeline(tmp_path):
    train_vectors(tmp_path / "vectors", VectorSettings(dim=8, epochs=1, char_min_count=1, bigram_min_count=1),
                  texts=TEXTS, log=lambda m: None)
    examples = []
    for name, place in [("张明", "长沙市"), ("王红", "湘潭市"), ("李强", "株洲市")] * 6:
        text = f"{name}在{place}签约。"
        examples.append(NerExample(text, [(0, 2, "PER"), (3, 6, "LOC")], "test"))
    seg = kg.nlp.load().tokenizer.segmenter
    overrides = {"paths.vectors": str(tmp_path / "vectors"),
                 "components.tok2vec.model.embed.vector_attrs": ["ORTH", "LEMMA", "TAG"]}
    train_char_ner(tmp_path / "char", seg, examples, examples[:3], max_steps=10, eval_frequency=5,
                   overrides=overrides, log=lambda m: None)
    out = assemble(kg.nlp.model_path() / "tokenizer", tmp_path / "char", tmp_path / "pipeline")
    nlp = kg.nlp.load(out)
    inner = nlp.get_pipe("ner").model
    assert inner.vocab.vectors.shape[1] == 8 and inner.vocab.vectors.find(key=get_string_id("株洲")) >= 0
    assert inner.vocab.vectors.data.dtype == numpy.float16
    doc = nlp("张明在株洲市签约。")
    restored = nlp.get_pipe("ner").from_bytes(nlp.get_pipe("ner").to_bytes())
    assert restored.model.vocab.vectors.shape == inner.vocab.vectors.shape
    assert [(e.text, e.label_) for e in nlp("张明在株洲市签约。").ents] == [(e.text, e.label_) for e in doc.ents]
