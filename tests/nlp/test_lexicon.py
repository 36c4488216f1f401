"""Entity-lexicon features of the character NER: matching, positions, folds, storage."""

from __future__ import annotations

from kg.nlp.lexicon import EntityLexicon, fold_lexicons
from kg.nlp.training.corpora import NerExample


def test_char_features_give_label_and_position_of_every_covering_entry():
    lexicon = EntityLexicon({"株洲": frozenset({"LOC"}), "株洲市": frozenset({"LOC"}),
                             "株洲市政府": frozenset({"ORG"}), "市长": frozenset({"TITLE"})})
    features = lexicon.char_features("株洲市长在株洲市政府")
    assert features[:4] == ["LOC-B", "LOC-E LOC-M", "LOC-E TITLE-B", "TITLE-E"]
    assert features[4] == ""
    assert features[5:] == ["LOC-B ORG-B", "LOC-E LOC-M ORG-M", "LOC-E ORG-M", "ORG-M", "ORG-E"]
    assert len(lexicon.char_features("")) == 0


def test_single_characters_tabs_and_overlong_strings_are_not_entries():
    lexicon = EntityLexicon()
    for text in ("京", "a\tb", "x" * 40, "  "):
        lexicon.add(text, ("LOC",))
    assert len(lexicon) == 0
    lexicon.add("湘潭", ("LOC",))
    lexicon.add("湘潭", ("ORG",))
    assert lexicon.entries["湘潭"] == frozenset({"LOC", "ORG"})


def test_fold_lexicons_leave_out_their_own_fold():
    names = ("张明远", "王红梅", "李强国", "赵刚毅")
    examples = [NerExample(f"{name}来了", [(0, len(name), "PER")], "t") for name in names]
    base = EntityLexicon({"长沙": frozenset({"LOC"})})
    folds = fold_lexicons(examples, 2, base)
    assert "张明远" not in folds[0] and "王红梅" in folds[0] and "李强国" not in folds[0]
    assert "张明远" in folds[1] and "王红梅" not in folds[1]
    assert all("长沙" in fold for fold in folds)
    full = EntityLexicon.from_spans(examples, base)
    assert {*names, "长沙"} <= set(full.entries)
    assert "张明远" not in base  # the base is copied, not extended


def test_two_character_names_seen_once_are_not_entries():
    # 刘宇 seen once would mark the first two characters of 刘宇航 as a whole name
    texts = [("记者刘宇摄", 2, 4, "PER"), ("罗干指出", 0, 2, "PER"), ("罗干说", 0, 2, "PER"), ("在长沙", 1, 3, "LOC")]
    examples = [NerExample(text, [(start, end, label)], "t") for text, start, end, label in texts]
    lexicon = EntityLexicon.from_spans(examples)
    assert "刘宇" not in lexicon
    assert lexicon.entries["罗干"] == frozenset({"PER"})
    assert "长沙" in lexicon  # other labels need no repetition
    assert "刘宇" in EntityLexicon.from_spans(examples, short_name_min_count=1)
    assert lexicon.char_features("刘宇航和罗干")[:3] == ["", "", ""]


def test_storage_is_sorted_and_round_trips(tmp_path):
    lexicon = EntityLexicon({"株洲所": frozenset({"ORG"}), "湘潭": frozenset({"LOC", "ORG"}), "董事长": frozenset({"TITLE"})})
    path = tmp_path / "lexicon.tsv"
    lexicon.to_disk(path)
    assert path.read_text(encoding="utf-8").splitlines() == sorted(path.read_text(encoding="utf-8").splitlines())
    again = EntityLexicon.from_disk(path)
    assert again.entries == lexicon.entries
    assert again.char_features("湘潭株洲所") == lexicon.char_features("湘潭株洲所")
