"""The character-level NER component: features, token splitting, serialisation, and a tiny training run."""

from __future__ import annotations

import pytest
import spacy
from spacy.strings import get_string_id

import kg.nlp
import numpy as np

from kg.nlp.charner import _entity_spans, char_doc, char_features, decode_biluo, set_char_ents
from kg.nlp.lexicon import EntityLexicon
from kg.nlp.training.char_ner import CONFIG_PATH, make_example, train_char_ner
from kg.nlp.training.corpora import NerExample
from kg.nlp.training.pipeline import assemble


def test_char_features_mark_word_positions_and_bigrams():
    chars, norms, right, left = char_features(["株洲市", "的", "中车"])
    assert chars == list("株洲市的中车")
    assert [n.split("\x1f")[1] for n in norms] == ["B", "M", "E", "S", "B", "E"]
    assert norms[1].split("\x1f")[0] == "株洲市"
    assert right[0] == "株洲" and right[-1] == "车\x02"
    assert left[0] == "\x02株" and left[3] == "市的"


def test_entity_spans_read_from_iob_match_doc_ents():
    nlp = spacy.blank("zh")
    doc = char_doc(nlp.vocab, list("张三李四在株洲市中车株机"))
    assert _entity_spans(doc) == []
    # adjacent entities (B right after an entity), one at the very end, one of a single character
    doc.ents = [spacy.tokens.Span(doc, 0, 2, "PER"), spacy.tokens.Span(doc, 2, 4, "PER"),
                spacy.tokens.Span(doc, 5, 6, "LOC"), spacy.tokens.Span(doc, 8, 12, "ORG")]
    expected = [(e.start_char, e.end_char, e.label_) for e in doc.ents]
    assert _entity_spans(doc) == expected == [(0, 2, "PER"), (2, 4, "PER"), (5, 6, "LOC"), (8, 12, "ORG")]
    assert _entity_spans(char_doc(nlp.vocab, [])) == []


def test_char_doc_keeps_offsets_including_whitespace():
    nlp = spacy.blank("zh")
    doc = char_doc(nlp.vocab, ["中车 ", "株机\n", "。"])
    assert doc.text == "中车 株机\n。"
    assert [t.idx for t in doc] == list(range(len(doc.text)))
    # features are stored as hashes only (the StringStore does not grow with the text)
    assert (doc[0].norm, doc[0].lemma, doc[1].tag) == tuple(map(get_string_id, ["中车 \x1fB", "中车", "中车"]))
    assert "中车 \x1fB" not in nlp.vocab.strings


def test_entities_inside_a_token_split_it():
    nlp = kg.nlp.load()
    doc = nlp.make_doc("京剧演员在湘潭签约。")
    first = [t.text for t in doc]
    set_char_ents(doc, [(0, 1, "LOC"), (5, 7, "LOC"), (0, 2, "ORG")])  # overlapping: the longer span wins
    assert doc.text == "京剧演员在湘潭签约。"
    assert [(e.text, e.label_) for e in doc.ents] == [("京剧", "ORG"), ("湘潭", "LOC")]
    assert [t.text for t in doc] == first  # no needless splits for spans that lost
    set_char_ents(doc, [(0, 1, "LOC")])
    assert doc[0].text == "京" and doc[1].text == "剧" and [e.text for e in doc.ents] == ["京"]


def _examples() -> list[NerExample]:
    out = []
    for name, place, title in [("张明", "长沙市", "董事长"), ("王红", "湘潭市", "市长"), ("李强", "岳阳市", "工程师"), ("赵刚", "长沙市", "市长")]:
        text = f"{name}在{place}担任{title}。"
        start = text.index(title)
        out.append(NerExample(text, [(0, len(name), "PER"), (len(name) + 1, len(name) + 1 + len(place), "LOC"),
                                     (start, start + len(title), "TITLE")], "test"))
    return out * 6


def test_every_gold_span_aligns_with_characters():
    seg = kg.nlp.load().tokenizer.segmenter
    nlp = spacy.blank("zh")
    example = NerExample("中美两国在京签约，夏财兴家在湘。", [(0, 1, "LOC"), (1, 2, "LOC"), (5, 6, "LOC"), (9, 12, "PER")], "test")
    eg, dropped = make_example(nlp, seg, example)
    assert dropped == 0
    assert [(e.start_char, e.end_char, e.label_) for e in eg.reference.ents] == example.spans


_LABELS = ("O", "B-PER", "I-PER", "L-PER", "U-PER", "B-LOC", "I-LOC", "L-LOC", "U-LOC")


def _scores(tags: list[str], second: dict[int, str] | None = None) -> np.ndarray:
    """Logits where `tags` is the argmax; `second[i]` the runner-up at character i."""
    scores = np.zeros((len(tags), len(_LABELS)), dtype=np.float32)
    for i, tag in enumerate(tags):
        scores[i, _LABELS.index(tag)] = 5.0
    for i, tag in (second or {}).items():
        scores[i, _LABELS.index(tag)] = 4.0
    return scores


def test_decode_biluo_reads_valid_tags_as_they_are():
    tags = ["B-PER", "L-PER", "O", "U-LOC", "B-LOC", "I-LOC", "L-LOC", "U-PER"]
    assert decode_biluo(_scores(tags), _LABELS) == [(0, 2, "PER"), (3, 4, "LOC"), (4, 7, "LOC"), (7, 8, "PER")]
    assert decode_biluo(_scores(["O", "O"]), _LABELS) == []
    assert decode_biluo(np.zeros((0, len(_LABELS))), _LABELS) == []


def test_decode_biluo_repairs_invalid_stretches_by_the_next_best_tags():
    # an entity left open (B-PER I-PER then O): the runner-up L-PER closes it
    assert decode_biluo(_scores(["O", "B-PER", "I-PER", "O", "O"], {2: "L-PER"}), _LABELS) == [(1, 3, "PER")]
    # an I with no B before it: the runner-up B opens the entity
    assert decode_biluo(_scores(["O", "I-LOC", "L-LOC", "O"], {1: "B-LOC"}), _LABELS) == [(1, 3, "LOC")]
    # labels that change inside an entity, at the very end of the text
    spans = decode_biluo(_scores(["O", "B-PER", "L-LOC"], {2: "L-PER"}), _LABELS)
    assert spans == [(1, 3, "PER")]
    # whatever the scores, the result is a valid sequence: spans in order, never overlapping
    rng = np.random.default_rng(0)
    for _ in range(200):
        spans = decode_biluo(rng.normal(size=(12, len(_LABELS))).astype(np.float32), _LABELS)
        assert all(0 <= s < e <= 12 for s, e, _ in spans)
        assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))


def test_decode_biluo_refuses_labels_that_are_not_biluo_tags():
    with pytest.raises(ValueError, match="BILUO"):
        decode_biluo(np.zeros((2, 2)), ("O", "NOUN"))


@pytest.mark.parametrize("config", ["char_ner.cfg", "char_ner_transition.cfg"])
def test_tiny_char_ner_training_and_assembled_pipeline(tmp_path, vector_overrides, config):
    seg_dir = kg.nlp.model_path() / "tokenizer"
    seg = kg.nlp.load().tokenizer.segmenter
    examples = _examples()
    base = EntityLexicon({"中车株洲所": frozenset({"ORG"})})
    metrics = train_char_ner(tmp_path / "char", seg, examples, examples[:4], max_steps=30, eval_frequency=10,
                             base_lexicon=base, overrides=vector_overrides, config_path=CONFIG_PATH.parent / config,
                             log=lambda m: None)
    assert metrics["dropped_misaligned"] == 0 and metrics["steps"] == 30
    out = assemble(seg_dir, tmp_path / "char", tmp_path / "pipeline")
    # the shipped inner vocabulary is at most the labels and their BILUO tags (spaCy symbols such as LOC are not
    # stored)
    import json

    tags = {f"{p}-{label}" for p in "BILU" for label in ("LOC", "PER", "TITLE")} | {"O"}
    assert set(json.loads((out / "ner" / "model" / "vocab" / "strings.json").read_text())) <= {"LOC", "PER", "TITLE"} | tags
    nlp = kg.nlp.load(out)
    assert nlp.pipe_names == ["ner"] and type(nlp.tokenizer).__name__ == "PkusegTokenizer"
    assert set(nlp.get_pipe("ner").labels) == {"PER", "LOC", "TITLE"}
    doc = nlp("张明在长沙市担任董事长。")
    assert doc.text == "张明在长沙市担任董事长。"
    assert all(e.label_ in {"PER", "LOC", "TITLE"} for e in doc.ents)
    again = kg.nlp.load(out)  # second load comes from the byte cache
    assert [(e.text, e.label_) for e in again("张明在长沙市担任董事长。").ents] == [(e.text, e.label_) for e in doc.ents]
    # the entity lexicon (training entities + kg's domain entries) travels with the model
    lexicon = nlp.get_pipe("ner").lexicon
    assert "长沙市" in lexicon and "董事长" in lexicon and "中车株洲所" in lexicon
    assert metrics["lexicon_entries"] == len(lexicon)
    import shutil

    shutil.copytree(out, tmp_path / "no_lexicon")
    (tmp_path / "no_lexicon" / "ner" / "lexicon.tsv").unlink()
    broken = kg.nlp.load(tmp_path / "no_lexicon")
    with pytest.raises(ValueError, match="lexicon"):
        broken("张明在长沙市担任董事长。")


def test_line_breaks_read_as_sentence_ends_and_no_entity_crosses_one():
    nlp = kg.nlp.load()
    text = "衡阳大学与湘岳重工共建智能制造联合实验室\n\n湘江日报讯（记者 王小明）3月28日，联合实验室在衡阳大学揭牌。\r\n株洲市副市长李建国出席。"
    doc = nlp.make_doc(text)
    ner = nlp.get_pipe("ner")
    inner = ner._inner_docs([doc], [text])[0]
    assert inner.text == text.replace("\n", "。").replace("\r", "。")
    doc = nlp(text)
    assert doc.ents and all("\n" not in e.text and "\r" not in e.text for e in doc.ents)
    assert {"李建国"} <= {e.text for e in doc.ents if e.label_ == "PER"}


def test_a_marked_standard_rides_on_the_lexicon_feature():
    nlp = spacy.blank("zh")
    plain = char_doc(nlp.vocab, ["株洲", "签约"], ["LOC-B", "LOC-E", "", ""])
    marked = char_doc(nlp.vocab, ["株洲", "签约"], ["LOC-B", "LOC-E", "", ""], "cluener")
    assert [t.dep for t in plain][2:] == [0, 0]
    assert [t.dep for t in marked] == [get_string_id(f + "\x1fcluener") for f in ["LOC-B", "LOC-E", "", ""]]
    assert [t.norm for t in marked] == [t.norm for t in plain]  # nothing else changes
    with pytest.raises(ValueError, match="lexicon"):
        char_doc(nlp.vocab, ["株洲"], None, "cluener")


def test_model_trained_with_a_marked_standard_follows_either(tmp_path, vector_overrides):
    seg = kg.nlp.load().tokenizer.segmenter
    examples = [NerExample(e.text, e.spans, "cluener" if i % 2 else "msra") for i, e in enumerate(_examples())]
    train_char_ner(tmp_path / "char", seg, examples, examples[:4], max_steps=10, eval_frequency=5,
                   base_lexicon=EntityLexicon({}), standards=["cluener"], overrides=vector_overrides, log=lambda m: None)
    out = assemble(kg.nlp.model_path() / "tokenizer", tmp_path / "char", tmp_path / "pipeline")
    nlp = kg.nlp.load(out)
    ner = nlp.get_pipe("ner")
    assert ner.standards == ("cluener",) and ner.standard is None
    text = "张明在长沙市担任董事长。"
    default = ner._inner_docs([nlp.make_doc(text)], [text])[0]
    ner.standard = "cluener"
    marked = ner._inner_docs([nlp.make_doc(text)], [text])[0]
    assert [t.dep for t in default] != [t.dep for t in marked]
    ner.standard = "people_daily"
    with pytest.raises(ValueError, match="no standard 'people_daily'"):
        nlp(text)
    with pytest.raises(ValueError, match="lexicon feature"):
        train_char_ner(tmp_path / "x", seg, examples, examples[:4], max_steps=2, standards=["cluener"],
                       overrides={"components.tok2vec.model.embed.attrs": ["ORTH", "NORM", "LEMMA", "TAG"],
                                  "components.tok2vec.model.embed.rows": [100, 100, 100, 100]}, log=lambda m: None)


def test_the_standard_is_a_component_setting():
    nlp = spacy.blank("zh")
    assert nlp.add_pipe("kg_char_ner", name="a").standard is None
    assert nlp.add_pipe("kg_char_ner", name="b", config={"standard": "cluener"}).standard == "cluener"
