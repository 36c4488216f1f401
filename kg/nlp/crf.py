"""Scoring pkuseg's CRF features for a whole text at once.

spacy-pkuseg builds each character's features one at a time (`get_node_features_idx`: ~70 string concatenations
and dict lookups per character, 25 of them for the same "no word here" pair) and then sums their weights. Here the
weights are regrouped at load time by what fires them (a character, a bigram, a dictionary word, two words meeting)
and a text costs one dict lookup per character and per bigram, one per candidate word, and numpy for the rest:
word/no-word pairs are counted rather than enumerated. Same features, same weights, the same Viterbi
(`spacy_pkuseg.inference.run_viterbi`), identical cuts (tests/nlp/test_crf.py); about five times faster.

To slice words out of a plain string, the normalised tokens "**Num" and "**Letter" (pkuseg's classes of digits
and Latin letters) become one noncharacter each, in the text and in the feature names alike.

Regrouping a large model's 700k feature names takes ~1.7 s, on every model load (every worker process, every
`kg update`). The tables of a model that large are kept on disk, in the user's cache folder (`$KG_CACHE_DIR`, else
`$XDG_CACHE_HOME/kg`, else `~/.cache/kg`; `KG_CACHE_DIR=off` keeps none), under a digest of the feature names, the
word list, the weights and this file's code; a load finds them there in ~0.1 s. Arrays and key lists only (an
.npz read without pickle); a file that does not read back whole is rebuilt.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import zipfile
from collections.abc import Sequence, Set
from pathlib import Path

import numpy as np
from spacy_pkuseg.feature_extractor import FeatureExtractor
from spacy_pkuseg.inference import run_viterbi

_NUM, _LETTER, _NO_WORD = "\ufdd0", "\ufdd1", "\ufdd2"  # Unicode noncharacters: never in real text
_RESERVED = frozenset((_NUM, _LETTER, _NO_WORD))
_WORD_LENGTHS = range(6, 1, -1)  # pkuseg's wordMax..wordMin
_N_LENGTHS = len(_WORD_LENGTHS)
# pkuseg's normalisation (FeatureExtractor.normalize_text) as one translation: keyword characters first, then the
# digit and letter classes of what remains
_NORMALISE = str.maketrans(
    {**{c: _NUM for c in FeatureExtractor.num}, **{c: _LETTER for c in FeatureExtractor.letter},
     **{c: "&" for c in FeatureExtractor.keywords}})


def _compact(name: str) -> str:
    if "**" not in name:
        return name
    return name.replace("**noWord", _NO_WORD).replace("**Num", _NUM).replace("**Letter", _LETTER)


# models with fewer features build their tables in a fraction of a second (training's pruned and collapsed ones):
# not kept on disk
CACHED_FEATURES = 100_000
KEPT_TABLES = 4


def _tables_folder() -> Path | None:
    configured = os.environ.get("KG_CACHE_DIR")
    if configured is not None and configured.strip().lower() in ("", "0", "off", "no", "none"):
        return None
    if configured:
        root = Path(configured)
    else:
        try:
            root = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "kg"
        except (RuntimeError, KeyError):  # no home folder to be found: no cache
            return None
    return root / "crf-tables"


def _tables_key(names: Sequence[str], unigram: Set[str], weights: np.ndarray, n_tag: int) -> str:
    """A digest of everything the tables are made of (~0.1 s for the shipped model)."""
    digest = hashlib.sha1(Path(__file__).read_bytes())
    digest.update(f"{n_tag}\0{len(names)}\0{len(unigram)}\0".encode())
    digest.update(np.ascontiguousarray(weights, dtype=np.float64).tobytes())
    digest.update("\n".join(names).encode("utf-8", "surrogatepass"))
    digest.update(b"\0" + "\n".join(sorted(unigram)).encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


class CrfScorer:
    """Node and edge scores of a trained pkuseg CRF (its feature index and weights), and the best tags.

    The weights are regrouped by what fires them: per character (the five character templates), per bigram (the
    three bigram templates), per dictionary word (its word and word/no-word pair features) and per pair of words
    meeting at a character boundary. A text then costs one dict lookup per character and per bigram, one per
    candidate word (a bigram that begins a dictionary word of that length), and numpy for the rest."""

    _CHAR_TEMPLATES = {"c": 0, "c-1": 1, "c1": 2, "c-2": 3, "c2": 4}  # at i: t[i], t[i-1], t[i+1], t[i-2], t[i+2]
    _BIGRAM_TEMPLATES = {"c-1c": 0, "cc1": 1, "c-2c-1": 2}  # at i: t[i-1:i+1], t[i:i+2], t[i-2:i]
    # per word w: "w-1.w" (w ends here), "w1.w" (w starts here), "ww.l.w*-", "ww.r.w*-", "ww.l.-*w", "ww.r.-*w"
    _N_WORD_FEATURES = 6

    def __init__(self, names: Sequence[str], unigram: Set[str], weights: np.ndarray, n_tag: int):
        """`names`: the CRF's feature names, feature i at position i (pkuseg's feature_to_idx, inverted)."""
        folder = _tables_folder() if len(names) >= CACHED_FEATURES else None
        key = _tables_key(names, unigram, weights, n_tag) if folder is not None else None
        if key is None or not self._load_tables(folder / f"{key}.npz"):
            self._build(names, unigram, weights, n_tag)
            if key is not None:
                self._save_tables(folder, key)

    def _build(self, names: Sequence[str], unigram: Set[str], weights: np.ndarray, n_tag: int) -> None:
        n_feature = len(names)
        self.n_tag = n_tag
        node = np.asarray(weights[: n_feature * n_tag], dtype=np.float64).reshape(n_feature, n_tag)
        # run_viterbi's edge_score[previous, next]; pkuseg starts it at 1 (a constant: no effect on the best path)
        self.edge = 1.0 + np.asarray(weights[n_feature * n_tag:], dtype=np.float64).reshape(n_tag, n_tag).T.copy()
        self.bias = node[0].copy()  # feature 0, on for every character

        words = sorted(w for w in map(_compact, unigram) if min(_WORD_LENGTHS) <= len(w) <= max(_WORD_LENGTHS))
        self.word_index = word_index = {w: i for i, w in enumerate(words)}
        # (template, rest of the name, feature) by kind of template; the bigram templates are most of the features
        char_templates, bigram_templates = self._CHAR_TEMPLATES, self._BIGRAM_TEMPLATES
        split = [name.partition(".") for name in names]
        bigram_features = [(bigram_templates[prefix], rest, i) for i, (prefix, _, rest) in enumerate(split)
                           if prefix in bigram_templates]
        other_features = [(prefix, rest, i) for i, (prefix, _, rest) in enumerate(split)
                          if prefix not in bigram_templates]
        del split
        chars: dict[str, int] = {}
        char_rows = [(chars.setdefault(_compact(rest), len(chars) + 1), char_templates[prefix], i)
                     for prefix, rest, i in other_features if prefix in char_templates]
        # "a.b" -> "ab": neither '.' nor '*' in text survives normalisation
        bigram_keys = [rest[0] + rest[2] if len(rest) == 3 else _compact(rest).replace(".", "")
                       for _, rest, _ in bigram_features]
        bigrams: dict[str, int] = dict(zip(dict.fromkeys(bigram_keys), range(1, len(bigram_keys) + 1)))
        bigram_rows = (np.array([bigrams[k] for k in bigram_keys], dtype=np.intp),
                       np.fromiter((t for t, _, _ in bigram_features), dtype=np.intp, count=len(bigram_features)),
                       np.fromiter((i for _, _, i in bigram_features), dtype=np.intp, count=len(bigram_features)))
        del bigram_features, bigram_keys
        word_rows = [(word_index[w], 0 if prefix == "w-1" else 1, i)
                     for prefix, rest, i in other_features
                     if prefix in ("w-1", "w1") and (w := _compact(rest)) in word_index]
        pairs: dict[str, list[tuple[int, int]]] = {"l": [], "r": []}  # (word a * n_words + word b, feature)
        self.no_word_pair = {"l": -1, "r": -1}
        for prefix, rest, i in other_features:
            if prefix != "ww":
                continue
            side, rest = rest[0], _compact(rest[2:])
            pre, _, post = rest.partition("*")
            if pre == _NO_WORD and post == _NO_WORD:
                self.no_word_pair[side] = i
            elif post == _NO_WORD and pre in word_index:
                word_rows.append((word_index[pre], 2 if side == "l" else 3, i))
            elif pre == _NO_WORD and post in word_index:
                word_rows.append((word_index[post], 4 if side == "l" else 5, i))
            elif pre in word_index and post in word_index:
                pairs[side].append((word_index[pre] * len(words) + word_index[post], i))
        for word in words:  # every word's first bigram, to find the word
            bigrams.setdefault(word[:2], len(bigrams) + 1)
        self.char_index, self.bigram_index = chars, bigrams

        def table(rows, n_rows: int, n_templates: int) -> np.ndarray:
            """Weights by (row, template): `rows` as (row, template, feature) triples or three arrays."""
            out = np.zeros((n_rows, n_templates, n_tag))
            if isinstance(rows, list):
                rows = tuple(np.array([r[k] for r in rows], dtype=np.intp) for k in range(3))
            out[rows[0], rows[1]] = node[rows[2]]  # one feature per (row, template): names are unique
            return out

        self.char_scores = table(char_rows, len(chars) + 1, len(char_templates))  # row 0: unknown
        self.bigram_scores = table(bigram_rows, len(bigrams) + 1, len(bigram_templates))
        self.word_scores = table(word_rows, len(words), self._N_WORD_FEATURES)
        # per bigram: the dictionary word it is (or -1), and a bit per length 3-6 of the words it begins
        self.bigram_word = np.full(len(bigrams) + 1, -1, dtype=np.intp)
        self.bigram_begins = np.zeros(len(bigrams) + 1, dtype=np.uint8)
        for word, i in self.word_index.items():
            b = bigrams[word[:2]]
            if len(word) == 2:
                self.bigram_word[b] = i
            else:
                self.bigram_begins[b] |= 1 << len(word)
        self.pair_keys, self.pair_scores = {}, {}
        for side, entries in pairs.items():
            entries.sort()
            self.pair_keys[side] = np.array([k for k, _ in entries], dtype=np.int64)
            self.pair_scores[side] = node[np.array([f for _, f in entries], dtype=np.intp)].reshape(-1, n_tag)
        self.no_word_scores = {side: node[f] if f >= 0 else np.zeros(n_tag) for side, f in self.no_word_pair.items()}

    # ------------------------------------------------------------------ tables on disk
    _ARRAYS = ("edge", "bias", "char_scores", "bigram_scores", "word_scores", "bigram_word", "bigram_begins")
    _INDEXES = {"char_index": 1, "bigram_index": 1, "word_index": 0}  # str -> its rank + this, in insertion order

    def _tables(self) -> dict[str, np.ndarray] | None:
        """The tables as arrays (the dicts as their keys, UTF-8, NUL-separated); None when they do not fit that."""
        out = {name: getattr(self, name) for name in self._ARRAYS}
        out["n_tag"] = np.array(self.n_tag)
        for name, first in self._INDEXES.items():
            index = getattr(self, name)
            if list(index.values()) != list(range(first, first + len(index))) or any("\0" in k for k in index):
                return None
            try:
                out[name] = np.frombuffer("\0".join(index).encode("utf-8"), dtype=np.uint8)
            except UnicodeEncodeError:  # a lone surrogate
                return None
            out[name + "_size"] = np.array(len(index))
        for side in ("l", "r"):
            out[f"pair_keys_{side}"] = self.pair_keys[side]
            out[f"pair_scores_{side}"] = self.pair_scores[side]
            out[f"no_word_scores_{side}"] = self.no_word_scores[side]
        out["no_word_pair"] = np.array([self.no_word_pair["l"], self.no_word_pair["r"]])
        return out

    def _load_tables(self, path: Path) -> bool:
        try:
            with np.load(path, allow_pickle=False) as npz:
                data = {name: npz[name] for name in npz.files}
            tables = {name: data[name] for name in self._ARRAYS}
            n_tag = int(data["n_tag"])
            for name, first in self._INDEXES.items():
                text = data[name].tobytes().decode("utf-8")
                keys = text.split("\0") if text else []
                if len(keys) != int(data[name + "_size"]):
                    return False
                tables[name] = dict(zip(keys, range(first, first + len(keys))))
            tables["pair_keys"] = {side: data[f"pair_keys_{side}"] for side in ("l", "r")}
            tables["pair_scores"] = {side: data[f"pair_scores_{side}"] for side in ("l", "r")}
            tables["no_word_scores"] = {side: data[f"no_word_scores_{side}"] for side in ("l", "r")}
            tables["no_word_pair"] = dict(zip(("l", "r"), map(int, data["no_word_pair"])))
        except (OSError, KeyError, ValueError, UnicodeDecodeError, EOFError, zipfile.BadZipFile):  # absent, partial, other
            return False
        self.n_tag = n_tag
        self.__dict__.update(tables)
        return True

    def _save_tables(self, folder: Path, key: str) -> None:
        """Best effort: a folder that cannot be written only costs the next load the ~1.7 s."""
        tables = self._tables()
        if tables is None:
            return
        try:
            folder.mkdir(parents=True, exist_ok=True)
            handle, tmp = tempfile.mkstemp(prefix=f".{key}.", suffix=".tmp", dir=folder)
            try:
                with os.fdopen(handle, "wb") as fh:
                    np.savez(fh, **tables)
                os.replace(tmp, folder / f"{key}.npz")
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
            # a retrained model leaves its tables behind: the most recent few are kept
            kept = sorted(folder.glob("*.npz"), key=lambda p: p.stat().st_mtime, reverse=True)
            for old in kept[KEPT_TABLES:]:
                old.unlink(missing_ok=True)
        except OSError:
            pass

    # ------------------------------------------------------------------ scores
    @staticmethod
    def normalise(text: str) -> str | None:
        """pkuseg's normalised text, one character per character; None when the text holds a reserved character."""
        if not _RESERVED.isdisjoint(text):
            return None
        return text.translate(_NORMALISE)

    def _words(self, t: str, bigram_ids: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(start, length, word index) of the dictionary words of 2-6 characters in `t`."""
        n = len(t)
        two = self.bigram_word[bigram_ids]
        found = np.flatnonzero(two >= 0)
        starts, lengths, indices = [found], [np.full(len(found), 2, dtype=np.intp)], [two[found]]
        begins = self.bigram_begins[bigram_ids]
        get = self.word_index.get
        for length in range(3, max(_WORD_LENGTHS) + 1):
            if n < length:
                break
            candidates = np.flatnonzero(begins[: n - length + 1] & (1 << length)).tolist()
            if not candidates:
                continue
            hits = [(s, get(t[s : s + length], -1)) for s in candidates]
            hits = [(s, w) for s, w in hits if w >= 0]
            if hits:
                at, which = zip(*hits)
                starts.append(np.array(at, dtype=np.intp))
                lengths.append(np.full(len(at), length, dtype=np.intp))
                indices.append(np.array(which, dtype=np.intp))
        return np.concatenate(starts), np.concatenate(lengths), np.concatenate(indices)

    def node_scores(self, t: str) -> np.ndarray:
        """(characters × tags) node scores of normalised text `t` (`normalise`): pkuseg's, summed in another order."""
        n = len(t)
        get = self.char_index.get
        char_ids = np.array([get(c, 0) for c in t], dtype=np.intp)
        table = self.char_scores
        scores = table[char_ids, 0] + self.bias
        scores[1:] += table[char_ids[:-1], 1]
        scores[:-1] += table[char_ids[1:], 2]
        scores[2:] += table[char_ids[:-2], 3]
        scores[:-2] += table[char_ids[2:], 4]
        if n < 2:
            return scores
        get = self.bigram_index.get
        bigram_ids = np.array([get(t[i : i + 2], 0) for i in range(n - 1)], dtype=np.intp)
        table = self.bigram_scores
        scores[1:] += table[bigram_ids, 0]
        scores[:-1] += table[bigram_ids, 1]
        scores[2:] += table[bigram_ids[:-1], 2]

        start, length, word = self._words(t, bigram_ids)
        if not len(word):
            return scores + _N_LENGTHS ** 2 * (self.no_word_scores["l"] + self.no_word_scores["r"])
        end = start + length  # exclusive: the word ends on character end - 1
        n_starting = np.bincount(start, minlength=n + 1)  # words starting at character k
        n_ending = np.bincount(end, minlength=n + 1)  # words ending just before character k
        # the 5 word lengths on each side of a pair template that hold no word here (ww.l at i: words ending before
        # i / starting at i; ww.r at i: ending at i / starting after i, i.e. the same boundary i + 1)
        free_starting, free_ending = _N_LENGTHS - n_starting, _N_LENGTHS - n_ending
        scores += (free_ending[:n] * free_starting[:n])[:, None] * self.no_word_scores["l"]
        scores += (free_ending[1:] * free_starting[1:])[:, None] * self.no_word_scores["r"]
        table = self.word_scores[word]  # (occurrences, features, tags)
        inside, after_first = end < n, start > 0
        contributions = [  # (characters, their score rows)
            (end - 1, table[:, 0]),  # w-1: the word ends here
            (start, table[:, 1]),  # w1: the word starts here
            # a word and no word: ww.l at the boundary after the word (if inside the text), ww.r on its last character
            (end[inside], table[inside, 2] * free_starting[end[inside]][:, None]),
            (end - 1, table[:, 3] * free_starting[end][:, None]),
            # no word and a word: ww.l on its first character, ww.r just before it
            (start, table[:, 4] * free_ending[start][:, None]),
            (start[after_first] - 1, table[after_first, 5] * free_ending[start[after_first]][:, None]),
        ]
        # two words meeting at a boundary b: ww.l on character b, ww.r on character b - 1
        by_end = np.argsort(end, kind="stable")
        first = np.searchsorted(end[by_end], start, side="left")
        count = np.searchsorted(end[by_end], start, side="right") - first
        if count.any():
            right_word = np.repeat(np.arange(len(word)), count)
            offsets = np.arange(count.sum()) - np.repeat(np.cumsum(count) - count, count)
            left_word = by_end[np.repeat(first, count) + offsets]
            keys = word[left_word].astype(np.int64) * len(self.word_index) + word[right_word]
            boundary = start[right_word]
            for side, shift in (("l", 0), ("r", 1)):
                known = self.pair_keys[side]
                if not len(known):
                    continue
                where = np.minimum(np.searchsorted(known, keys), len(known) - 1)
                hit = known[where] == keys
                contributions.append((boundary[hit] - shift, self.pair_scores[side][where[hit]]))
        at = np.concatenate([positions for positions, _ in contributions])
        rows = np.concatenate([rows for _, rows in contributions])
        for tag in range(self.n_tag):
            scores[:, tag] += np.bincount(at, weights=rows[:, tag], minlength=n)
        return scores

    def tags(self, t: str) -> np.ndarray:
        """The best tag sequence (tag indices) of normalised text `t`."""
        _, tags = run_viterbi(self.node_scores(t), self.edge)
        return tags
