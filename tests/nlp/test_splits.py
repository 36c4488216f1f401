"""Issue 20: the honest MSRA dev split (whole blocks of consecutive sentences), the small marked test sets, the
qqnews reader's line filter, and a shipped config free of training-machine paths."""

from __future__ import annotations

import sys
from pathlib import Path

from thinc.api import Config

from kg.nlp.training.ner import msra_split, split_blocks, split_every
from kg.nlp.training.pipeline import strip_training_paths

ROOT = Path(__file__).resolve().parents[2]


def test_split_blocks_holds_out_whole_runs_of_consecutive_items():
    items = list(range(25 * 200 * 4))
    train, dev = split_blocks(items, 25, 200)
    assert dev == [i for k in range(4) for i in range((25 * k + 24) * 200, (25 * k + 25) * 200)]
    assert sorted(train + dev) == items
    # the old split interleaves: every dev item has both neighbours in training
    _, old_dev = split_every(items, 25)
    assert all(i - 1 not in old_dev and i + 1 not in old_dev for i in old_dev)


def test_split_blocks_shrinks_its_blocks_for_a_short_file():
    train, dev = split_blocks(list(range(1000)), 25, 200)
    assert len(dev) == 40 and len(train) == 960  # blocks of 10: four dev blocks


def test_msra_split_names():
    items = list(range(20_000))
    assert msra_split(items, "every") == split_every(items, 25)
    assert msra_split(items)[1][:200] == list(range(4800, 5000))


def test_small_marked_sets_parse():
    sys.path.insert(0, str(ROOT / "bench"))
    import nlp_eval

    for path in sorted((ROOT / "tests" / "nlp" / "data").glob("ner_*.txt")):
        examples = nlp_eval.read_marked(path)
        assert len(examples) >= 20
        for example in examples:
            assert "[" not in example.text and "](" not in example.text
            assert example.spans and all(example.text[s:e] for s, e, _ in example.spans)
    rosters = nlp_eval.read_marked(ROOT / "tests" / "nlp" / "data" / "ner_rosters.txt")
    assert rosters[0].text.startswith("省领导王建军李春华")
    assert [rosters[0].text[s:e] for s, e, _ in rosters[0].spans] == ["王建军", "李春华", "陈志刚"]


def test_strip_training_paths(tmp_path):
    config = tmp_path / "config.cfg"
    config.write_text('[paths]\nvectors = "/somewhere/training/vectors"\n\n[initialize]\nvectors = "/somewhere/training/vectors"\n',
                      encoding="utf-8")
    strip_training_paths(config)
    text = config.read_text(encoding="utf-8")
    assert "/somewhere" not in text
    assert Config().from_disk(config, interpolate=False)["paths"]["vectors"] is None


def test_qqnews_lines_keep_chinese_text_only(tmp_path):
    import gzip
    import json

    from kg.nlp.training import corpora
    from kg.nlp.training.vectors import qqnews_texts

    folder = tmp_path / "qqnews"
    folder.mkdir()
    article = {"title": "某市召开会议", "text": "![](https://example.com/a-\nb/0)\n会议在市政府举行。\nhttp://x.y\n\nEnglish only"}
    with gzip.open(folder / "qqnews-1.jsonl.gz", "wt", encoding="utf-8") as fh:
        fh.write(json.dumps(article, ensure_ascii=False) + "\n")
    with corpora.using(tmp_path):
        assert list(qqnews_texts()) == ["某市召开会议", "会议在市政府举行。"]
        assert list(qqnews_texts(0)) == []


def test_roster_examples_run_names_together_and_keep_the_other_spans():
    from kg.nlp.training.corpora import NerExample
    from kg.nlp.training.ner import roster_examples

    train = [NerExample("记者张明在长沙市报道。", [(2, 4, "PER"), (5, 8, "LOC")], "msra"),
             NerExample("王红李强赵刚出席。", [(0, 2, "PER"), (2, 4, "PER"), (4, 6, "PER")], "msra")]
    examples = roster_examples(train, 20, seed=1)
    assert len(examples) == 20 and examples == roster_examples(train, 20, seed=1)
    for example in examples:
        pers = [example.text[a:b] for a, b, label in example.spans if label == "PER"]
        assert all(p in {"张明", "王红", "李强", "赵刚"} for p in pers)
        for a, b, label in example.spans:
            if label == "LOC":
                assert example.text[a:b] == "长沙市"
