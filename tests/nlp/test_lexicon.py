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
    examples = [NerExample(f"{name}来了", [(0, len(name), "PER")], "t") for name in ("张明", "王红", "李强", "赵刚")]
    base = EntityLexicon({"长沙": frozenset({"LOC"})})
    folds = fold_lexicons(examples, 2, base)
    assert "张明" not in folds[0] and "王红" in folds[0] and "李强" not in folds[0]
    assert "张明" in folds[1] and "王红" not in folds[1]
    assert all("长沙" in fold for fold in folds)
    full = EntityLexicon.from_spans(examples, base)
    assert {"张明", "王红", "李强", "赵刚", "长沙"} <= set(full.entries)
    assert "张明" not in base  # the base is copied, not extended


def test_storage_is_sorted_and_round_trips(tmp_path):
    lexicon = EntityLexicon({"株洲所": frozenset({"ORG"}), "湘潭": frozenset({"LOC", "ORG"}), "董事长": frozenset({"TITLE"})})
    path = tmp_path / "lexicon.tsv"
    lexicon.to_disk(path)
    assert path.read_text(encoding="utf-8").splitlines() == sorted(path.read_text(encoding="utf-8").splitlines())
    again = EntityLexicon.from_disk(path)
    assert again.entries == lexicon.entries
    assert again.char_features("湘潭株洲所") == lexicon.char_features("湘潭株洲所")
