"""Word statistics from the NER corpora: how often a segmenter word lies inside an entity name, and opens one.

    python -m kg.nlp.training.word_stats       # writes kg/extract/data/word_stats.tsv from ../shared/corpora

The MSRA and CLUENER training text is cut by kg's own segmenter (the words the extraction sees at run time). A word
that almost never lies inside a PER/ORG/LOC name of that text (结合, 听取, 希望, 专家) is ordinary language: the
extraction gate uses the rates to cut such a word off the front of a model name (听取吉林省委 → 吉林省委) and to tell
a kind of body (专家委员会) from a named one (宇通集团), instead of lists of mistakes seen once.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path

from kg.nlp.training.corpora import read_cluener, read_msra

OUT = Path(__file__).resolve().parents[2] / "extract" / "data" / "word_stats.tsv"
MIN_OCCURRENCES = 3  # rarer words carry no evidence: the reader treats unseen words as unknown
_HAN = re.compile(r"[\u4e00-\u9fff]+")


def count(examples, cut) -> tuple[Counter, Counter, Counter]:
    """(occurrences, inside a name, opening a name) per word; `cut(text)` is the segmenter."""
    total, inside, opens = Counter(), Counter(), Counter()
    for ex in examples:
        names = [(s, e) for s, e, label in ex.spans if label in ("PER", "ORG", "LOC")]
        starts = {s for s, _ in names}
        pos = 0
        for word in cut(ex.text):
            start, pos = pos, pos + len(word)
            if not _HAN.fullmatch(word):
                continue
            total[word] += 1
            if any(s <= start and pos <= e for s, e in names):
                inside[word] += 1
                opens[word] += start in starts
    return total, inside, opens


def build(out: Path = OUT) -> Path:
    from kg.nlp import load_segmenter

    segmenter = load_segmenter(user_dict=False)
    total, inside, opens = count(read_msra() + read_cluener(), segmenter.cut)
    lines = [
        "# Word statistics (python -m kg.nlp.training.word_stats): per word of kg's segmenter over the MSRA + CLUENER",
        "# training text, its occurrences, how many lie inside a PER/ORG/LOC name, and how many open one.",
        f"# words seen at least {MIN_OCCURRENCES} times.",
        "word\toccurrences\tinside\topens",
    ]
    lines += [f"{w}\t{n}\t{inside[w]}\t{opens[w]}" for w, n in sorted(total.items()) if n >= MIN_OCCURRENCES]
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return out


if __name__ == "__main__":
    path = build(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT)
    print(f"wrote {path}: {sum(1 for _ in path.open(encoding='utf-8')) - 4} words")
