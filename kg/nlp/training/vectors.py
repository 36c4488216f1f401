"""Pretrained character and bigram vectors for the character NER (behind `kg train vectors`).

The published non-BERT Chinese NER systems owe much of their lead to character and bigram embeddings
pretrained on raw text. kg cannot download any, so it trains its own: skip-gram (gensim's word2vec) over the
running text of the corpora it already reads, training sides only (the NER and segmentation evaluation slices
are never seen). Characters and bigrams are trained as two sequences of the same text (as Zhang & Yang 2018
did for their "bichar" embeddings) and stored in one spaCy `Vectors` table keyed by the hashes `char_doc`
gives its ORTH / LEMMA / TAG features, saved as a blank spaCy pipeline (`nlp.to_disk`): the NER config's
`[initialize] vectors` reads it, and the trained NER carries the table in its own vocab.
"""

from __future__ import annotations

import json
import time
import zlib
from itertools import islice
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy

from kg.nlp.charner import char_features


@dataclass
class VectorSettings:
    dim: int = 50
    window: int = 5
    negative: int = 10
    epochs: int = 10
    char_min_count: int = 2
    bigram_min_count: int = 3
    sample: float = 1e-4
    seed: int = 0
    text_limit: int | None = None  # smoke runs: the first N texts only


def raw_texts(limit: int | None = None) -> Iterator[tuple[str, str]]:
    """(source, sentence) of running text: 199801's training side, SXU train, and the training sides of MSRA and
    CLUENER as `kg train ner` splits them (their dev sentences are never read here)."""
    from kg.nlp.training import corpora
    from kg.nlp.training.ner import CLUENER_DEV_EVERY, MSRA_DEV_EVERY, split_every

    def sources() -> Iterator[tuple[str, str]]:
        pd_train, _ = corpora.pd199801_split()
        for sentence in pd_train:
            yield "199801", "".join(corpora.pd199801_words(sentence))
        for words in corpora.sxu_train():
            yield "sxu", "".join(words)
        msra_train, _ = split_every(corpora.read_msra(), MSRA_DEV_EVERY)
        for example in msra_train:
            yield "msra", example.text
        clue_train, _ = split_every(corpora.read_cluener(), CLUENER_DEV_EVERY)
        for example in clue_train:
            yield "cluener", example.text

    return islice(sources(), limit)


def _stable_hash(text: str) -> int:
    # gensim seeds each vector from hashfxn(word + seed); Python's hash() changes between runs
    return zlib.crc32(text.encode("utf-8"))


def _word2vec(sequences: list[list[str]], settings: VectorSettings, min_count: int):
    try:
        from gensim.models import Word2Vec
    except ImportError as exc:  # the `train` extra
        raise ImportError("pretraining vectors needs gensim: pip install -e '.[train]'") from exc

    # one worker: gensim is deterministic only single-threaded
    return Word2Vec(sequences, vector_size=settings.dim, window=settings.window, min_count=min_count, sg=1,
                    negative=settings.negative, sample=settings.sample, epochs=settings.epochs, seed=settings.seed,
                    workers=1, hashfxn=_stable_hash)


def train_vectors(out_dir: str | Path, settings: VectorSettings | None = None,
                  texts: Iterable[tuple[str, str]] | None = None, log: Callable[[str], None] = print) -> dict:
    """Train the character and bigram vectors, save them as a blank spaCy pipeline at `out_dir`. Returns metrics.

    `texts`: (source, sentence) pairs; default `raw_texts()`."""
    import spacy
    from spacy.strings import get_string_id
    from spacy.vectors import Vectors

    settings = settings or VectorSettings()
    started = time.perf_counter()
    chars: list[list[str]] = []
    bigrams: list[list[str]] = []
    counts: dict[str, int] = {}
    for source, text in texts if texts is not None else raw_texts(settings.text_limit):
        text = text.strip()
        if not text:
            continue
        counts[source] = counts.get(source, 0) + len(text)
        characters, _, right, left = char_features([text])
        chars.append(characters)
        bigrams.append([left[0], *right])  # every bigram of the padded text, in order
    log(f"vectors: {len(chars)} texts, {sum(counts.values())} characters {counts}")
    char_model = _word2vec(chars, settings, settings.char_min_count)
    log(f"vectors: {len(char_model.wv)} characters ({time.perf_counter() - started:.0f}s)")
    bigram_model = _word2vec(bigrams, settings, settings.bigram_min_count)
    log(f"vectors: {len(bigram_model.wv)} bigrams ({time.perf_counter() - started:.0f}s)")
    # sorted keys: the table (and so the trained model) does not depend on dict order
    entries = sorted([(get_string_id(k), k, char_model.wv[k]) for k in char_model.wv.index_to_key]
                     + [(get_string_id(k), k, bigram_model.wv[k]) for k in bigram_model.wv.index_to_key])
    # float16 halves the table (and the shipped model); the embedding layer reads it as float32
    data = numpy.asarray([vector for _, _, vector in entries], dtype="float16")
    vectors = Vectors(data=data, keys=[key for key, _, _ in entries])
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "char"}}})
    nlp.vocab.vectors = vectors
    out = Path(out_dir)
    nlp.to_disk(out)
    metrics = {"settings": asdict(settings), "characters_by_source": counts, "texts": len(chars),
               "char_vectors": len(char_model.wv), "bigram_vectors": len(bigram_model.wv), "shape": list(data.shape),
               "train_seconds": round(time.perf_counter() - started, 1)}
    (out / "vectors.json").write_text(json.dumps(metrics, indent=1, ensure_ascii=False), encoding="utf-8")
    return metrics


def as_float16(vectors):
    """The same table stored as float16 (how `train_vectors` writes it; older float32 tables are cast on
    assembly)."""
    from spacy.vectors import Vectors

    if vectors.data.dtype == numpy.float16 or not vectors.shape[0]:
        return vectors
    by_row = sorted(vectors.key2row.items(), key=lambda item: item[1])
    return Vectors(data=vectors.data[[row for _, row in by_row]].astype("float16"), keys=[key for key, _ in by_row])


__all__ = ["VectorSettings", "as_float16", "raw_texts", "train_vectors"]
