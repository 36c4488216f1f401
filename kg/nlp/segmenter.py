"""The word segmenter: a spacy-pkuseg CRF model trained by kg, stored compactly, with a user dictionary.

Files in a segmenter folder (written by `Segmenter.save`, read by `Segmenter.load`):
- `features.txt.gz`: the CRF feature strings, one a line; the line number is the feature index.
- `unigram.txt.gz`: the training word list the dictionary features look words up in.
- `weights.npz`: compressed float32 CRF weights (node weights per feature × tag, then tag transitions).
- `meta.json`: sizes and tag order.
- `user_words.txt`: the user dictionary in force (one word a line), when there is one.
The stock pkuseg format (msgpack dict + float64 npz) is ~3× larger. float32 scores as float64 does; float16
(~5 MB smaller per model) flipped two words of the 199801 held-out slice (F1 −0.0001), so it is not used.
Models saved as float16 before 2026-12-04 still load.
"""

from __future__ import annotations

import functools
import gzip
import json
import re
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np
import spacy_pkuseg
from spacy_pkuseg import inference as _pkuseg_inference
from spacy_pkuseg.feature_extractor import FeatureExtractor
from spacy_pkuseg.model import Model

from kg.nlp.crf import CrfScorer
from kg.nlp.text import nfkc_aligned

_CHUNKS = re.compile(r"\S+")


def read_user_dict(path: str | Path) -> list[str]:
    """Words of a user dictionary file: one word a line, `#` comments and blank lines ignored."""
    words = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        word = line.split("#", 1)[0].strip().split("\t")[0].strip()
        if word:
            words.append(nfkc_aligned(word))
    return words


def _write_gzip(path: Path, text: str, compresslevel: int) -> None:
    """gzip without a timestamp in the header: the same model gives the same bytes."""
    with open(path, "wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, compresslevel=compresslevel, mtime=0) as fh:
        fh.write(text.encode("utf-8"))


class _StoredExtractor(FeatureExtractor):
    """pkuseg's FeatureExtractor read from a saved segmenter: the name → index dict (only pkuseg's own decoding,
    saving and pruning use it) is built on first use, a fifth of a second saved on every load."""

    names: list[str]

    @functools.cached_property
    def feature_to_idx(self) -> dict[str, int]:
        return dict(zip(self.names, range(len(self.names))))


def feature_names(extractor: FeatureExtractor) -> list[str]:
    """The CRF's feature names in index order."""
    if isinstance(extractor, _StoredExtractor):
        return extractor.names
    names = sorted(extractor.feature_to_idx.items(), key=lambda kv: kv[1])
    if [idx for _, idx in names] != list(range(len(names))):
        raise ValueError("feature indices are not contiguous")
    return [name for name, _ in names]


class Segmenter:
    """Cuts text into words. `cut(text)` returns words whose concatenation is `text` minus whitespace."""

    def __init__(self, extractor: FeatureExtractor, model: Model, user_words: Iterable[str] = (),
                 scorer: CrfScorer | None = None):
        self.extractor = extractor
        self.model = model
        self.idx_to_tag = {idx: tag for tag, idx in extractor.tag_to_idx.items()}
        # tags that begin a word (pkuseg's B, B_single)
        self._begins = np.array(sorted(idx for tag, idx in extractor.tag_to_idx.items() if "B" in tag), dtype=np.intp)
        # Built on the first cut: training makes models it only collapses, prunes or saves. `load` builds it at once,
        # so loading pays for it rather than the first text.
        self._scorer = scorer
        self.user_words: list[str] = []
        self.preprocesser = spacy_pkuseg.Preprocesser(None)
        self.add_user_words(user_words)

    # ------------------------------------------------------------------ user dictionary
    def add_user_words(self, words: Iterable[str]) -> None:
        """Words always kept whole (pkuseg's forced-maximum-match user dictionary)."""
        for word in words:
            word = nfkc_aligned(word.strip())
            if word and word not in self.user_words:
                self.user_words.append(word)
                self.preprocesser.insert(word, "")

    def reset_user_words(self) -> None:
        self.user_words = []
        self.preprocesser = spacy_pkuseg.Preprocesser(None)

    @property
    def scorer(self) -> CrfScorer:
        if self._scorer is None:
            self._scorer = CrfScorer(feature_names(self.extractor), self.extractor.unigram, self.model.w, self.model.n_tag)
        return self._scorer

    # ------------------------------------------------------------------ segmentation
    def _crf_cut(self, text: str) -> list[str]:
        """The CRF alone over a whitespace-free, normalised string (spacy_pkuseg.pkuseg._cut's result)."""
        normalised = self.scorer.normalise(text)
        if normalised is None:  # holds one of the scorer's reserved noncharacters: pkuseg's own way
            return self._pkuseg_cut(text)
        if not normalised:
            return []
        begins = np.flatnonzero(np.isin(self.scorer.tags(normalised)[1:], self._begins)) + 1
        edges = [0, *begins.tolist(), len(text)]
        return [text[a:b] for a, b in zip(edges, edges[1:])]

    def _pkuseg_cut(self, text: str) -> list[str]:
        """spacy-pkuseg's feature extraction and decoding, character by character (CrfScorer is ~5x faster)."""
        examples = list(self.extractor.normalize_text(text))
        features = [self.extractor.get_node_features_idx(i, examples) for i in range(len(examples))]
        _, tags = _pkuseg_inference.decodeViterbi_fast(features, self.model)
        words: list[str] = []
        current = ""
        for tag, char in zip(tags, text):
            if current and "B" in self.idx_to_tag[tag]:
                words.append(current)
                current = char
            else:
                current += char
        if current:
            words.append(current)
        return words

    def _cut_chunk(self, chunk: str, use_user_dict: bool) -> list[str]:
        if not use_user_dict or not self.user_words:
            return self._crf_cut(chunk)
        pieces, is_word, _ = self.preprocesser.solve(chunk)
        words: list[str] = []
        for piece, whole in zip(pieces, is_word):
            words.extend([piece] if whole else self._crf_cut(piece))
        return words

    def cut(self, text: str, boundaries: Sequence[int] = (), use_user_dict: bool = True) -> list[str]:
        """Segment `text`. Whitespace separates words and is dropped.

        `boundaries`: character offsets that must fall between words (training uses entity edges, so
        that every gold entity is a whole number of tokens). Returned words are slices of `text`.
        """
        norm = nfkc_aligned(text)
        cuts = sorted({b for b in boundaries if 0 < b < len(text)} | {0, len(text)})
        words: list[str] = []
        for start, end in zip(cuts, cuts[1:]):
            for chunk in _CHUNKS.finditer(norm, start, end):
                pos = chunk.start()
                for word in self._cut_chunk(chunk.group(), use_user_dict):
                    words.append(text[pos : pos + len(word)])
                    pos += len(word)
        return words

    # ------------------------------------------------------------------ storage
    @classmethod
    def from_pkuseg_dir(cls, path: str | Path, user_words: Iterable[str] = ()) -> Segmenter:
        """A model as `spacy_pkuseg.train` writes it (features.msgpack + weights.npz)."""
        return cls(FeatureExtractor.load(str(path)), Model.load(str(path)), user_words)

    def save(self, path: str | Path, compresslevel: int = 9) -> Path:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        _write_gzip(path / "features.txt.gz", "\n".join(feature_names(self.extractor)), compresslevel)
        _write_gzip(path / "unigram.txt.gz", "\n".join(sorted(self.extractor.unigram)), compresslevel)
        weights = self.model.w.astype(np.float32)
        if compresslevel:
            np.savez_compressed(path / "weights.npz", w=weights)
        else:
            np.savez(path / "weights.npz", w=weights)
        meta = {
            "n_feature": self.model.n_feature,
            "n_tag": self.model.n_tag,
            "tag_to_idx": self.extractor.tag_to_idx,
            "format": "kg-pkuseg-1",
        }
        (path / "meta.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1), encoding="utf-8")
        user_file = path / "user_words.txt"
        if self.user_words:
            user_file.write_text("".join(w + "\n" for w in self.user_words), encoding="utf-8")
        elif user_file.exists():
            user_file.unlink()
        return path

    @classmethod
    def load(cls, path: str | Path, user_words: Iterable[str] = ()) -> Segmenter:
        path = Path(path)
        if (path / "features.msgpack").exists() and not (path / "features.txt.gz").exists():
            return cls.from_pkuseg_dir(path, user_words)
        if (path / "user_words.txt").exists():
            saved = (path / "user_words.txt").read_text(encoding="utf-8").split("\n")
            user_words = [w for w in saved if w] + list(user_words)
        meta = json.loads((path / "meta.json").read_text(encoding="utf-8"))
        extractor = _StoredExtractor.__new__(_StoredExtractor)
        with gzip.open(path / "features.txt.gz", "rt", encoding="utf-8") as fh:
            names = fh.read().split("\n")
        extractor.names = names
        with gzip.open(path / "unigram.txt.gz", "rt", encoding="utf-8") as fh:
            extractor.unigram = set(fh.read().split("\n")) - {""}
        extractor.bigram = set()  # only used when building features for training
        extractor.tag_to_idx = meta["tag_to_idx"]
        model = Model.__new__(Model)
        model.n_tag = int(meta["n_tag"])
        model.n_feature = int(meta["n_feature"])
        model.n_transition_feature = model.n_tag * (model.n_feature + model.n_tag)
        with np.load(path / "weights.npz") as npz:
            model.w = npz["w"].astype(np.float64)
        if model.w.shape[0] != model.n_transition_feature or len(names) != model.n_feature:
            raise ValueError(f"inconsistent segmenter files in {path}")
        return cls(extractor, model, user_words, CrfScorer(names, extractor.unigram, model.w, model.n_tag))

    def copy(self) -> Segmenter:
        """A new Segmenter sharing the (read-only) CRF features and weights, with its own user dictionary."""
        return Segmenter(self.extractor, self.model, self.user_words, self._scorer)

    def size_bytes(self, path: str | Path) -> int:
        return sum(p.stat().st_size for p in Path(path).iterdir() if p.is_file())


def prune(seg: Segmenter, max_features: int) -> Segmenter:
    """Keep the `max_features` features with the largest weights (max |w| over tags); drop the rest.

    Feature 0 (pkuseg's always-on bias feature) is always kept. Dictionary words that no kept feature
    mentions are dropped from the unigram set too.
    """
    n_tag = seg.model.n_tag
    n_feature = seg.model.n_feature
    node = seg.model.w[: n_feature * n_tag].reshape(n_feature, n_tag)
    strength = np.abs(node).max(axis=1)
    strength[0] = np.inf
    if max_features >= n_feature:
        keep = np.arange(n_feature)
    else:
        keep = np.sort(np.argsort(-strength, kind="stable")[:max_features])
    names = sorted(seg.extractor.feature_to_idx, key=seg.extractor.feature_to_idx.__getitem__)
    kept_names = [names[i] for i in keep]
    words_in_features: set[str] = set()
    for name in kept_names:
        if name.startswith(("w-1.", "w1.")):
            words_in_features.add(name.split(".", 1)[1])
        elif name.startswith(("ww.l.", "ww.r.")):
            words_in_features.update(name[5:].split("*"))
    unigram = {w for w in seg.extractor.unigram if w in words_in_features}
    return with_features(seg, kept_names, node[keep], unigram)


def with_features(seg: Segmenter, names: Sequence[str], node: np.ndarray, unigram: set[str]) -> Segmenter:
    """A segmenter with these features (node weights one row per name, in order), `seg`'s tags, transitions and
    user dictionary."""
    n_tag = seg.model.n_tag
    extractor = FeatureExtractor.__new__(FeatureExtractor)
    extractor.feature_to_idx = {name: idx for idx, name in enumerate(names)}
    extractor.tag_to_idx = dict(seg.extractor.tag_to_idx)
    extractor.bigram = set()
    extractor.unigram = unigram
    model = Model.__new__(Model)
    model.n_tag = n_tag
    model.n_feature = len(names)
    model.n_transition_feature = n_tag * (model.n_feature + n_tag)
    model.w = np.concatenate([node.reshape(-1), seg.model.w[seg.model.n_feature * n_tag:]])
    return Segmenter(extractor, model, seg.user_words)
