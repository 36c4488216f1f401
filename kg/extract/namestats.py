"""How name-like a string is, from character and word statistics of the NER corpora (data/name_stats.tsv,
data/word_stats.tsv).

The table is built by `python -m kg.nlp.training.names`: per character, its occurrences in the training text, how
many person names it opens, how many name characters after the first it fills, and how many ORG / LOC names end
with it. The gate between the NER model and the graph asks these rates, not stop lists of mistakes seen once.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache

from kg.extract.lexicon import DATA_DIR

SMOOTH = (0.5, 20.0)  # must match kg.nlp.training.names.SMOOTH: the threshold was set with it
# a character that ends fewer than this share of its occurrences as the last character of an ORG/LOC name does not
# end a name the model cut well (合 of 岳阳市整合 ends 0.1 %, 司 48 %, 城 18 %)
END_RATE_FLOOR = 0.002


@dataclass(frozen=True)
class CharStats:
    occurrences: int
    opens: int
    fills: int
    org_ends: int
    loc_ends: int


@dataclass(frozen=True)
class NameStats:
    chars: dict[str, CharStats]
    threshold: float

    def _rate(self, hits: int, char: str) -> float:
        a, b = SMOOTH
        stats = self.chars.get(char)
        return (hits + a) / ((stats.occurrences if stats else 0) + b)

    def person_score(self, name: str) -> float:
        """Mean log-rate: the first character as a name opener, the rest as name fillers."""
        rates = [self._rate(self._get(name[0]).opens, name[0])]
        rates += [self._rate(self._get(c).fills, c) for c in name[1:]]
        return sum(math.log(r) for r in rates) / len(rates)

    def is_person_like(self, name: str) -> bool:
        return self.person_score(name) >= self.threshold

    def fill_rate(self, char: str) -> float:
        return self._rate(self._get(char).fills, char)

    def end_rate(self, char: str, label: str) -> float:
        stats = self._get(char)
        hits = stats.org_ends if label == "ORG" else stats.loc_ends
        return hits / stats.occurrences if stats.occurrences else 0.0

    def ends_like(self, name: str, label: str) -> bool:
        """Whether the last character ends ORG (LOC) names often enough; unseen characters get the benefit."""
        last = name[-1]
        if last not in self.chars:
            return True
        return self.end_rate(last, label) >= END_RATE_FLOOR

    def _get(self, char: str) -> CharStats:
        return self.chars.get(char) or CharStats(0, 0, 0, 0, 0)


@cache
def name_stats() -> NameStats:
    chars: dict[str, CharStats] = {}
    threshold = -5.0
    path = DATA_DIR / "name_stats.tsv"
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# threshold"):
            threshold = float(line.split("\t")[1])
            continue
        if not line or line.startswith("#") or line.startswith("char\t"):
            continue
        char, *counts = line.split("\t")
        chars[char] = CharStats(*(int(x) for x in counts))
    return NameStats(chars=chars, threshold=threshold)


# A word is ordinary language (not a piece of a name) when it was seen often enough and lies inside a PER/ORG/LOC
# name in under this share of its occurrences: 结合 0 %, 专家 4 %, 工作 1 %; 集团 74 %, 国际 27 % are name words.
ORDINARY_MIN_OCCURRENCES = 20
ORDINARY_MAX_INSIDE = 0.1
_MAX_WORD = 6


@dataclass(frozen=True)
class WordStats:
    words: dict[str, tuple[int, int, int]]  # word → (occurrences, inside a name, opening a name)

    def inside_rate(self, word: str) -> float | None:
        """Share of the word's occurrences inside a name; None for a word seen too rarely to tell."""
        n, inside, _ = self.words.get(word, (0, 0, 0))
        return inside / n if n >= ORDINARY_MIN_OCCURRENCES else None

    def is_ordinary(self, word: str, max_inside: float = ORDINARY_MAX_INSIDE) -> bool:
        rate = self.inside_rate(word)
        return rate is not None and rate < max_inside

    def cut(self, text: str) -> list[str] | None:
        """`text` as known words, longest first from the left; None when some stretch is no word of the table."""
        words, i = [], 0
        while i < len(text):
            n = next((n for n in range(min(_MAX_WORD, len(text) - i), 0, -1) if text[i : i + n] in self.words), 0)
            if not n:
                return None
            words.append(text[i : i + n])
            i += n
        return words

    def never_in_names(self, word: str, min_occurrences: int = 8) -> bool:
        """班子, 简介, 董事: a word seen often enough and never inside a PER/ORG/LOC name (高峰 and 黎明 are, at times)."""
        n, inside, _ = self.words.get(word, (0, 0, 0))
        return n >= min_occurrences and inside == 0

    def all_ordinary(self, text: str, max_inside: float = ORDINARY_MAX_INSIDE) -> bool:
        """专家, 工作, 技术创新: every word of the text is ordinary language (a kind of thing, not a name)."""
        words = self.cut(text)
        return bool(words) and all(self.is_ordinary(w, max_inside) for w in words)


@cache
def word_stats() -> WordStats:
    """data/word_stats.tsv, built by `python -m kg.nlp.training.word_stats`."""
    words: dict[str, tuple[int, int, int]] = {}
    for line in (DATA_DIR / "word_stats.tsv").read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#") or line.startswith("word\t"):
            continue
        word, n, inside, opens = line.split("\t")
        words[word] = (int(n), int(inside), int(opens))
    return WordStats(words)
