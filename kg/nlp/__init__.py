"""kg's Chinese NLP: a spaCy pipeline trained by kg (pkuseg segmenter + tok2vec/NER), shipped in the package.

    from kg.nlp import load
    nlp = load()                       # fresh, modifiable Language; no network
    doc = nlp("中车株洲所董事长李东林出席会议。")
    [(e.text, e.label_) for e in doc.ents]   # PER / ORG / LOC / TITLE

The pipeline lives in `kg/nlp/models/zh_kg/` (written by `nlp.to_disk`, rebuilt by `kg train all`). Its segmenter
follows the SXU standard (names whole, as the NER corpora mark them); the 199801/PKU-standard model trained with it
is `load_segmenter("pku")`.
"""

from __future__ import annotations

import threading
from pathlib import Path

from spacy.language import Language
from thinc.api import Config, use_ops

import kg.nlp.charner  # noqa: F401  (registers the kg_char_ner factory)
import kg.nlp.tokenizer  # noqa: F401  (registers kg.PkusegTokenizer.v1 before any spacy.load)
from kg.nlp.segmenter import Segmenter, read_user_dict

MODELS_DIR = Path(__file__).resolve().parent / "models"
MODEL_NAME = "zh_kg"
USER_DICT = Path(__file__).resolve().parent / "data" / "userdict.txt"
CONFIGS_DIR = Path(__file__).resolve().parent / "configs"
NER_LABELS = ("PER", "ORG", "LOC", "TITLE")
PIPELINE_STANDARD = "sxu"  # names whole (谭嗣同, 李岚清): what the NER and the extraction rules read
STANDARDS = "standards"  # a pipeline's subfolder holding the segmenters of its other standards, one folder each

# path -> (config, pipeline bytes without the tokenizer, loaded segmenter). The segmenter's CRF arrays are
# read-only and shared; every load() gets its own Language, tokenizer and user dictionary.
_cache: dict[Path, tuple[Config, bytes, Segmenter]] = {}
_lock = threading.Lock()


def model_path() -> Path:
    return MODELS_DIR / MODEL_NAME


def numpy_blas():
    """A context in which thinc layers are built (and so run) on numpy's BLAS instead of thinc's blis kernels.

    Layers take the ops current when they are built. The CNN's matrix products run about 3x faster on numpy's
    OpenBLAS on our 2-core AMD EPYC: pipeline +25 %, the same entities on 1 M characters (bench/nlp_speed.py)."""
    return use_ops("numpy", use_blis=False)


def load(path: str | Path | None = None) -> Language:
    """The shipped pipeline as a new `Language` each call (callers may `add_pipe` freely).

    The disk read is cached per path; later calls rebuild the object from the cached config + bytes.
    """
    import spacy
    from spacy.util import load_model_from_config

    path = Path(path) if path else model_path()
    if not (path / "config.cfg").exists():
        raise FileNotFoundError(f"no kg NLP model at {path}: run `kg train all` to build one")
    key = path.resolve()
    with _lock, numpy_blas():
        cached = _cache.get(key)
        if cached is None:
            nlp = spacy.load(path)
            _cache[key] = (nlp.config, nlp.to_bytes(exclude=["tokenizer"]), nlp.tokenizer.segmenter.copy())
        else:
            config, data, segmenter = cached
            nlp = load_model_from_config(config, auto_fill=False, validate=False)
            nlp.from_bytes(data, exclude=["tokenizer"])
            nlp.tokenizer.segmenter = segmenter.copy()
    # The data files are the source of the user dictionary: edits take effect without retraining.
    nlp.tokenizer.update_user_dict(user_words())
    return nlp


def user_words() -> list[str]:
    """The general user dictionary and the active domain pack's (kg/domains/<name>/userdict.txt)."""
    from kg import domain

    words = read_user_dict(USER_DICT) if USER_DICT.exists() else []
    own = domain.path("userdict.txt")
    return words + (read_user_dict(own) if own.exists() else [])


def standards(path: str | Path | None = None) -> list[str]:
    """The segmentation standards a pipeline (default: the shipped one) has a segmenter for, its own first."""
    folder = (Path(path) if path else model_path()) / STANDARDS
    others = sorted(p.name for p in folder.iterdir() if (p / "meta.json").exists()) if folder.is_dir() else []
    return [PIPELINE_STANDARD, *others]


def load_segmenter(standard: str = PIPELINE_STANDARD, user_dict: bool = True, path: str | Path | None = None) -> Segmenter:
    """A word segmenter on its own: the pipeline's (SXU standard: names whole, 一/个, 6/月) or one trained with it
    for another standard ("pku", 199801's: 李/岚清, 一个, 6月). Only the pipeline's segmenter feeds the NER.
    `path`: a pipeline folder other than the shipped one."""
    pipeline = Path(path) if path else model_path()
    if standard == PIPELINE_STANDARD:
        folder = pipeline / "tokenizer"
    elif standard in standards(pipeline):
        folder = pipeline / STANDARDS / standard
    else:
        raise ValueError(f"no segmenter for standard {standard!r}; shipped: {', '.join(standards(pipeline))}")
    segmenter = Segmenter.load(folder)
    if user_dict:
        segmenter.add_user_words(user_words())
    return segmenter


__all__ = ["load", "load_segmenter", "model_path", "standards", "user_words", "MODELS_DIR", "USER_DICT", "NER_LABELS"]
