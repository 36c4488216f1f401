"""Pretrained character and bigram vectors for the character NER (behind `kg train vectors`).

The published non-BERT Chinese NER systems owe much of their lead to character and bigram embeddings
pretrained on raw text. kg cannot download any, so it trains its own: skip-gram (gensim's word2vec) over the
running text of the corpora it already reads, training sides only (the NER and segmentation evaluation slices
are never seen). Characters and bigrams are trained as two sequences of the same text (as Zhang & Yang 2018
did for their "bichar" embeddings) and stored in one spaCy `Vectors` table keyed by the hashes `char_doc`
gives its ORTH / LEMMA / TAG features, saved as a blank spaCy pipeline (`nlp.to_disk`): the NER config's
`[initialize] vectors` reads it, and the trained NER carries the table in its own vocab.

Since issue 20 the text also includes qqnews (`../shared/corpora/qqnews`: 34k real news articles, 2022–2024,
61.7 M characters, unlabelled, research use only, never copied). At that size the sequences are written to two
temporary corpus files (one sentence a line, tokens separated by spaces) and read by gensim's `corpus_file` mode:
no 60 M-string lists in memory, and no Python in the training loop. gensim rather than floret: the NER looks
vectors up by exact key (character, bigram) and meets out-of-table bigrams through its hash embeddings already,
so floret's subword buckets would only add a second hashing of the same strings; and gensim is already the
`train` extra's dependency.
"""

from __future__ import annotations

import gzip
import json
import re
import tempfile
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
    # 10 negatives and 10 passes suited the corpora's 5 M characters. With qqnews: 5 negatives (the usual choice for
    # large text) and one pass (gensim's skip-gram ran at ~45k bigrams/s on a whole core, far less on a shared one)
    negative: int = 5
    epochs: int = 1
    char_min_count: int = 2
    bigram_min_count: int = 3
    # the table ships inside the model (2 bytes × dim per row): the most frequent bigrams only (gensim's
    # max_final_vocab raises the min count until they fit); None: every bigram over the min count
    bigram_max: int | None = 300_000
    sample: float = 1e-4
    seed: int = 0
    text_limit: int | None = None  # smoke runs: the first N texts only
    # qqnews articles: every n-th one (1: all, 0: none); read only when the folder exists. 4: a quarter (14 M
    # characters, nearly 3× the corpora's text), what a shared two-core machine trained in the time it had (issue 20)
    qqnews_every: int = 4


QQNEWS_FILES = ("qqnews-1.jsonl.gz", "qqnews-2.jsonl.gz", "qqnews-3.jsonl.gz")
_MARKUP = re.compile(r"!?\[[^\]]*\]\([^)]*\)|https?://\S+", re.S)  # image links and URLs left in the bodies
_CJK = re.compile(r"[\u4e00-\u9fff]")


def qqnews_texts(every: int = 1) -> Iterator[str]:
    """The title and the lines of every `every`-th qqnews article (NFKC, as at inference), lines without a Chinese
    character (URL fragments, bylines in Latin script) left out. Nothing when the corpus is not there."""
    from kg.nlp.text import nfkc_aligned
    from kg.nlp.training import corpora

    folder = corpora.corpora_dir() / "qqnews"
    if every <= 0 or not folder.is_dir():
        return
    index = 0
    for name in QQNEWS_FILES:
        path = folder / name
        if not path.exists():
            continue
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            for line in fh:
                index += 1
                if (index - 1) % every:
                    continue
                article = json.loads(line)
                body = _MARKUP.sub("", article.get("text", ""))
                for text in [article.get("title", ""), *body.split("\n")]:
                    text = text.strip()
                    if _CJK.search(text):
                        yield nfkc_aligned(text)


def raw_texts(limit: int | None = None, qqnews_every: int = 0) -> Iterator[tuple[str, str]]:
    """(source, sentence) of running text: 199801's training side, SXU train, and the training sides of MSRA and
    CLUENER as `kg train ner` splits them (their dev sentences are never read here); then, with `qqnews_every`,
    qqnews's lines."""
    from kg.nlp.training import corpora
    from kg.nlp.training.ner import CLUENER_DEV_EVERY, msra_split, split_every

    def sources() -> Iterator[tuple[str, str]]:
        pd_train, _ = corpora.pd199801_split()
        for sentence in pd_train:
            yield "199801", "".join(corpora.pd199801_words(sentence))
        for words in corpora.sxu_train():
            yield "sxu", "".join(words)
        msra_train, _ = msra_split(corpora.read_msra())
        for example in msra_train:
            yield "msra", example.text
        clue_train, _ = split_every(corpora.read_cluener(), CLUENER_DEV_EVERY)
        for example in clue_train:
            yield "cluener", example.text
        for text in qqnews_texts(qqnews_every):
            yield "qqnews", text

    return islice(sources(), limit)


def _stable_hash(text: str) -> int:
    # gensim seeds each vector from hashfxn(word + seed); Python's hash() changes between runs
    return zlib.crc32(text.encode("utf-8"))


def _word2vec(corpus_file: Path, settings: VectorSettings, min_count: int, max_vocab: int | None = None):
    try:
        from gensim.models import Word2Vec
    except ImportError as exc:  # the `train` extra
        raise ImportError("pretraining vectors needs gensim: pip install -e '.[train]'") from exc

    # one worker: gensim is deterministic only single-threaded
    return Word2Vec(corpus_file=str(corpus_file), vector_size=settings.dim, window=settings.window,
                    min_count=min_count, max_final_vocab=max_vocab, sg=1, negative=settings.negative,
                    sample=settings.sample, epochs=settings.epochs, seed=settings.seed, workers=1,
                    hashfxn=_stable_hash)


# gensim's corpus files separate tokens by spaces: a whitespace character inside a token (a space of the text, or
# a bigram with one) is written as this stand-in, and keys holding it are left out of the table (no vector: the
# NER's hash embeddings alone describe them, as any key missing from the table)
_SPACE = "\x03"
_SPACES = {c: _SPACE for c in map(chr, range(0x3001)) if c.isspace()}
_SPACE_TABLE = str.maketrans(_SPACES)


def train_vectors(out_dir: str | Path, settings: VectorSettings | None = None,
                  texts: Iterable[tuple[str, str]] | None = None, log: Callable[[str], None] = print) -> dict:
    """Train the character and bigram vectors, save them as a blank spaCy pipeline at `out_dir`. Returns metrics.

    `texts`: (source, sentence) pairs; default `raw_texts()`."""
    import spacy
    from spacy.strings import get_string_id
    from spacy.vectors import Vectors

    settings = settings or VectorSettings()
    started = time.perf_counter()
    counts: dict[str, int] = {}
    n_texts = 0
    if texts is None:
        texts = raw_texts(settings.text_limit, settings.qqnews_every)
    with tempfile.TemporaryDirectory(prefix="kg-vectors-") as tmp:
        char_file, bigram_file = Path(tmp) / "chars.txt", Path(tmp) / "bigrams.txt"
        with open(char_file, "w", encoding="utf-8") as cf, open(bigram_file, "w", encoding="utf-8") as bf:
            for source, text in texts:
                text = text.strip()
                if not text:
                    continue
                n_texts += 1
                counts[source] = counts.get(source, 0) + len(text)
                characters, _, right, left = char_features([text])
                cf.write(" ".join(c.translate(_SPACE_TABLE) for c in characters) + "\n")
                # every bigram of the padded text, in order
                bf.write(" ".join(b.translate(_SPACE_TABLE) for b in [left[0], *right]) + "\n")
        log(f"vectors: {n_texts} texts, {sum(counts.values())} characters {counts} "
            f"({time.perf_counter() - started:.0f}s)")
        char_model = _word2vec(char_file, settings, settings.char_min_count)
        log(f"vectors: {len(char_model.wv)} characters ({time.perf_counter() - started:.0f}s)")
        bigram_model = _word2vec(bigram_file, settings, settings.bigram_min_count, settings.bigram_max)
        log(f"vectors: {len(bigram_model.wv)} bigrams ({time.perf_counter() - started:.0f}s)")
    # sorted keys: the table (and so the trained model) does not depend on dict order
    entries = sorted([(get_string_id(k), k, char_model.wv[k]) for k in char_model.wv.index_to_key if _SPACE not in k]
                     + [(get_string_id(k), k, bigram_model.wv[k]) for k in bigram_model.wv.index_to_key
                        if _SPACE not in k])
    # float16 halves the table (and the shipped model); the embedding layer reads it as float32
    data = numpy.asarray([vector for _, _, vector in entries], dtype="float16")
    vectors = Vectors(data=data, keys=[key for key, _, _ in entries])
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "char"}}})
    nlp.vocab.vectors = vectors
    out = Path(out_dir)
    nlp.to_disk(out)
    n_chars = sum(1 for _, k, _ in entries if len(k) == 1)
    metrics = {"settings": asdict(settings), "characters_by_source": counts, "texts": n_texts,
               "char_vectors": n_chars, "bigram_vectors": len(entries) - n_chars, "shape": list(data.shape),
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
