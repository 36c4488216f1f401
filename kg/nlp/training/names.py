"""Person-name statistics from the NER corpora: how often a character opens a name, and how often it is part of one.

    python -m kg.nlp.training.names            # writes kg/extract/data/name_stats.tsv from ../shared/corpora

The extraction gate (kg.extract.names) checks a model PER span against these rates instead of a stop list of seen
mistakes: 强调, 计划, 和一些 are made of characters that open or fill names in well under 1 % of their occurrences,
王晓明 of characters that do so often. The threshold is set here, on names held out from the counts.
"""

from __future__ import annotations

import math
import re
import sys
from collections import Counter
from pathlib import Path

from kg.nlp.training.corpora import read_cluener, read_msra

OUT = Path(__file__).resolve().parents[2] / "extract" / "data" / "name_stats.tsv"
HAN_NAME = re.compile(r"[\u4e00-\u9fff]{2,4}")
HELD_OUT_EVERY = 10  # every 10th sentence (by position in a block of 2,000) is held out to set the threshold
SMOOTH = (0.5, 20.0)  # (a, b) in (hits + a) / (occurrences + b): rare characters score low, not zero or one


def _is_held_out(k: int) -> bool:
    return (k // 2000) % HELD_OUT_EVERY == HELD_OUT_EVERY - 1  # whole blocks: neighbours share names


def count(examples) -> tuple[Counter, Counter, Counter, list[str], list[str], dict[str, Counter]]:
    """(occurrences, name openings, name fillings) per character over the counted part; held-out names and
    held-out non-name windows for the threshold; per label (ORG, LOC), how often a character ends a name."""
    total, opens, fills = Counter(), Counter(), Counter()
    ends: dict[str, Counter] = {"ORG": Counter(), "LOC": Counter()}
    held_names: list[str] = []
    held_other: list[str] = []
    for k, ex in enumerate(examples):
        names = [(s, e) for s, e, label in ex.spans if label == "PER" and HAN_NAME.fullmatch(ex.text[s:e])]
        if _is_held_out(k):
            held_names += [ex.text[s:e] for s, e in names]
            inside = {i for s, e, _ in ex.spans for i in range(s, e)}
            for i in range(0, max(0, len(ex.text) - 2), 7):  # sparse windows of 2 and 3 characters
                for n in (2, 3):
                    window = ex.text[i : i + n]
                    if HAN_NAME.fullmatch(window) and not inside & set(range(i, i + n)):
                        held_other.append(window)
            continue
        total.update(ex.text)
        for s, e, label in ex.spans:
            if label in ends:
                ends[label][ex.text[e - 1]] += 1
        for s, e in names:
            opens[ex.text[s]] += 1
            fills.update(ex.text[s + 1 : e])
    return total, opens, fills, held_names, held_other, ends


def score(name: str, total: Counter, opens: Counter, fills: Counter) -> float:
    """Mean log-rate per character: the first as a name opener, the rest as name fillers."""
    a, b = SMOOTH
    rates = [(opens[name[0]] + a) / (total[name[0]] + b)]
    rates += [(fills[c] + a) / (total[c] + b) for c in name[1:]]
    return sum(math.log(r) for r in rates) / len(rates)


def threshold(names: list[str], others: list[str], stats) -> tuple[float, float, float]:
    """The score that keeps 98 % of held-out names; with the share of held-out non-names it lets through."""
    scores = sorted(score(n, *stats) for n in names)
    cut = scores[int(len(scores) * 0.02)]
    passed = sum(score(o, *stats) >= cut for o in others) / max(1, len(others))
    return cut, 0.98, passed


def build(out: Path = OUT) -> Path:
    examples = read_msra() + read_cluener()
    total, opens, fills, held_names, held_other, ends = count(examples)
    cut, kept, passed = threshold(held_names, held_other, (total, opens, fills))
    lines = [
        "# Person-name statistics (kg.nlp.training.names): per character, occurrences in the MSRA + CLUENER training",
        "# text, how many PER names it opens and how many name characters after the first it fills.",
        f"# threshold\t{cut:.4f}\t(keeps {kept:.0%} of {len(held_names)} held-out names; "
        f"{passed:.1%} of {len(held_other)} held-out non-name windows pass)",
        "# org_ends / loc_ends: how many ORG / LOC names of the same text end with the character.",
        "char\toccurrences\topens\tfills\torg_ends\tloc_ends",
    ]
    # every character seen often enough: one that never opens or fills a name (说, 将) is evidence too
    used = set(opens) | set(fills) | set(ends["ORG"]) | set(ends["LOC"]) | {c for c, n in total.items() if n >= 5}
    chars = sorted(c for c in total if c in used and re.match(r"[\u4e00-\u9fff]", c))
    lines += [f"{c}\t{total[c]}\t{opens[c]}\t{fills[c]}\t{ends['ORG'][c]}\t{ends['LOC'][c]}" for c in chars]
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return out


if __name__ == "__main__":
    path = build(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT)
    print(f"wrote {path}")
    print(path.read_text(encoding="utf-8").splitlines()[2])
