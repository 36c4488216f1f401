"""Entity lexicon features for the character NER (`kg_char_ner`).

A gazetteer of known entity strings with their labels (PER/ORG/LOC/TITLE). Every character gets one feature
string: the labels and positions (B/M/E) of all lexicon entries (2+ characters) covering it, e.g. "LOC-B ORG-M".
This is the "soft lexicon" idea of Chinese NER (Ma et al., ACL 2020) reduced to entities: it tells the model
that a string has been seen as an entity, while the CNN decides from context whether it is one here.

Training must not let the model trust the lexicon more than it deserves: an entity of a training sentence is
always in a lexicon built from all training sentences, but an entity of new text often is not. The trainer
therefore builds each training sentence's features from a lexicon that leaves out the sentence's own fold
(`fold_lexicons`, jackknifing as for POS features of parsers); the shipped lexicon holds all training entities
plus kg's domain entries.

Stored as a TSV file (`entry<TAB>LABEL[,LABEL…]`, sorted) beside the model.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path

MIN_LENGTH = 2
# A two-character name seen once in training is usually a surname plus the first character of a longer name
# elsewhere (刘宇 of 刘宇航); as an entry it teaches the model to end names early. Such names need this many
# occurrences to become entries.
SHORT_NAME_MIN_COUNT = 2
MAX_LENGTH = 24  # longer strings are rare and slow the scan down
NO_MATCH = ""


class EntityLexicon:
    def __init__(self, entries: dict[str, frozenset[str]] | None = None):
        self.entries: dict[str, frozenset[str]] = {}
        self._prefixes: set[str] = set()
        self.max_length = 0
        for text, labels in (entries or {}).items():
            self.add(text, labels)

    def __len__(self) -> int:
        return len(self.entries)

    def __contains__(self, text: str) -> bool:
        return text in self.entries

    def add(self, text: str, labels: Iterable[str]) -> None:
        text = text.strip()
        if not MIN_LENGTH <= len(text) <= MAX_LENGTH or "\t" in text or "\n" in text:
            return
        self.entries[text] = self.entries.get(text, frozenset()) | frozenset(labels)
        self._prefixes.update(text[:i] for i in range(1, len(text)))
        self.max_length = max(self.max_length, len(text))

    @classmethod
    def from_spans(cls, examples: Iterable, base: EntityLexicon | None = None,
                   short_name_min_count: int = SHORT_NAME_MIN_COUNT) -> EntityLexicon:
        """Entries from gold spans of examples (objects with `.text` and `.spans` [(start, end, label)]).
        Two-character PER spans become entries only when seen `short_name_min_count` times."""
        lexicon = cls.from_dict(base.to_dict()) if base else cls()
        short_names: Counter[str] = Counter()
        for example in examples:
            for start, end, label in example.spans:
                text = example.text[start:end].strip()
                if label == "PER" and len(text) == MIN_LENGTH:
                    short_names[text] += 1
                else:
                    lexicon.add(text, (label,))
        for text, count in short_names.items():
            if count >= short_name_min_count:
                lexicon.add(text, ("PER",))
        return lexicon

    def matches(self, text: str) -> list[tuple[int, int, frozenset[str]]]:
        """Every (start, end, labels) of a lexicon entry in text, overlapping ones included."""
        found = []
        entries, prefixes = self.entries, self._prefixes
        n = len(text)
        for start in range(n - MIN_LENGTH + 1):
            if text[start] not in prefixes:
                continue
            for end in range(start + MIN_LENGTH, min(n, start + self.max_length) + 1):
                piece = text[start:end]
                labels = entries.get(piece)
                if labels is not None:
                    found.append((start, end, labels))
                if piece not in prefixes:
                    break
        return found

    def char_features(self, text: str) -> list[str]:
        """One feature string per character of text: sorted "LABEL-POS" of the entries covering it, or ""."""
        marks: list[set[str] | None] = [None] * len(text)
        for start, end, labels in self.matches(text):
            for i in range(start, end):
                pos = "B" if i == start else "E" if i == end - 1 else "M"
                bucket = marks[i]
                if bucket is None:
                    bucket = marks[i] = set()
                bucket.update(f"{label}-{pos}" for label in labels)
        return [" ".join(sorted(m)) if m else NO_MATCH for m in marks]

    def to_disk(self, path: str | Path) -> None:
        lines = [f"{text}\t{','.join(sorted(labels))}" for text, labels in sorted(self.entries.items())]
        Path(path).write_text("\n".join(lines) + "\n", encoding="utf-8")

    def to_dict(self) -> dict[str, list[str]]:
        return {text: sorted(labels) for text, labels in self.entries.items()}

    @classmethod
    def from_dict(cls, entries: dict[str, Iterable[str]]) -> EntityLexicon:
        """Read back what `to_dict` / `to_disk` stored, built in bulk rather than by add(): this runs on every
        pipeline load. Equal label sets share one frozenset."""
        label_sets: dict[tuple[str, ...], frozenset[str]] = {}
        checked: dict[str, frozenset[str]] = {}
        for text, labels in entries.items():
            if MIN_LENGTH <= len(text) <= MAX_LENGTH and text == text.strip():
                key = tuple(labels)
                checked[text] = label_sets.get(key) or label_sets.setdefault(key, frozenset(key))
        lexicon = cls()
        lexicon.entries = checked
        lexicon._prefixes = {text[:i] for text in checked for i in range(1, len(text))}
        lexicon.max_length = max(map(len, checked), default=0)
        return lexicon

    @classmethod
    def from_disk(cls, path: str | Path) -> EntityLexicon:
        rows = (line.partition("\t") for line in Path(path).read_text(encoding="utf-8").splitlines())
        return cls.from_dict({text: labels.split(",") for text, _, labels in rows if labels})


def fold_lexicons(examples: Sequence, folds: int, base: EntityLexicon | None = None) -> list[EntityLexicon]:
    """`folds` lexicons; lexicon k holds the entities of every example whose index % folds != k (plus base)."""
    return [EntityLexicon.from_spans((e for i, e in enumerate(examples) if i % folds != k), base) for k in range(folds)]


__all__ = ["EntityLexicon", "fold_lexicons", "NO_MATCH"]
