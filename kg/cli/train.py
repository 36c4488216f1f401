"""`kg train segmenter|vectors|ner|all`: rebuild kg's Chinese models from the public corpora.

Thin layer over `kg.nlp.training`. Long runs: use one core (OMP_NUM_THREADS=1) and a work folder under
training/ (git-ignored); pass `--output kg/nlp/models/zh_kg` to replace the shipped pipeline.
"""

from __future__ import annotations

import os
from pathlib import Path

import typer

from kg.cli._util import Opt, app, console, fail

train_app = typer.Typer(help="Rebuild kg's Chinese models (pkuseg segmenter, NER) from the corpora.", no_args_is_help=True)
app.add_typer(train_app, name="train")

_WORK = Opt(Path("training"), "--work-dir", "-w", help="Scratch folder for corpora conversions and checkpoints.")
_BLENDED = Opt(False, "--blended", help="One segmenter over both corpora as if they shared a standard (no criterion features).")
_SMOKE = Opt(False, "--smoke", help="Tiny run (seconds): 1 epoch / 10 steps on the sample shipped in kg/nlp/training/smoke_corpora (on $KG_CORPORA when set). Checks the set-up; the model is useless.")


def _sizes(smoke: bool, **overrides):
    from kg.nlp.training.pipeline import TrainSizes

    sizes = TrainSizes.smoke() if smoke else TrainSizes()
    for name, value in overrides.items():
        if value is not None:
            setattr(sizes, name, value)
    return sizes


def _corpora(smoke: bool):
    """Where training reads: the shipped sample for --smoke (no corpora needed) unless KG_CORPORA is set."""
    from contextlib import nullcontext

    from kg.nlp.training import corpora
    from kg.nlp.training.sample import SAMPLE_DIR

    return corpora.using(SAMPLE_DIR) if smoke and "KG_CORPORA" not in os.environ else nullcontext()


def _log(message: str) -> None:
    console.print(message, markup=False, highlight=False)


def _single_core() -> None:
    # Training shares the machine: keep BLAS/OpenMP to one thread unless the caller chose otherwise.
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(var, "1")


@train_app.command("segmenter")
def train_segmenter_cli(
    output: Path = Opt(Path("training/segmenter"), "--output", "-o", help="Folder for the trained segmenter."),
    work_dir: Path = _WORK,
    epochs: int = Opt(None, "--epochs", help="pkuseg training iterations (default 12)."),
    max_features: int = Opt(None, "--max-features", help="Keep this many CRF features after pruning."),
    pd_limit: int = Opt(None, "--pd-limit", help="Use only the first N 199801 training sentences."),
    sxu_limit: int = Opt(None, "--sxu-limit", help="Use only the first N SXU sentences."),
    names_whole: bool = Opt(False, "--names-whole", help="Keep 199801 personal names whole (SXU/MSRA style) instead of surname + given name (PKU)."),
    blended: bool = _BLENDED,
    resume: Path = Opt(None, "--resume", help="Continue a previous run's raw model (its WORK_DIR/pkuseg_raw; use another --work-dir)."),
    finetune: list[str] = Opt(None, "--finetune", help="STANDARD=EPOCHS: then train that standard's model on its corpus alone (default pku=3; pku=0 to skip)."),
    smoke: bool = _SMOKE,
) -> None:
    """Train the pkuseg word segmenter on 199801 (held-out tail excluded) + SXU, prune it, save it.

    Multi-criteria by default: OUTPUT follows the SXU standard (the pipeline's), OUTPUT/standards/pku 199801's."""
    from kg.nlp.training.pipeline import train_segmenter_stage

    _single_core()
    sizes = _sizes(smoke, seg_epochs=epochs, seg_max_features=max_features, seg_pd_limit=pd_limit, seg_sxu_limit=sxu_limit,
                   seg_names_whole=names_whole, seg_multi_criteria=not blended, seg_resume_from=resume)
    if resume is not None and not (resume / "weights.npz").exists():
        raise fail(f"no raw pkuseg model at {resume} (expected WORK_DIR/pkuseg_raw of an earlier run)")
    for item in finetune or []:
        standard, _, n = item.partition("=")
        if not n.isdigit():
            raise fail(f"--finetune wants STANDARD=EPOCHS (e.g. pku=3), got {item!r}")
        sizes.seg_finetune = {**sizes.seg_finetune, standard: int(n)}
    try:
        with _corpora(smoke):
            train_segmenter_stage(output, work_dir, sizes, log=_log)
    except (FileNotFoundError, ValueError) as exc:
        raise fail(str(exc))
    _log(f"segmenter written to {output}")


@train_app.command("ner")
def train_ner_cli(
    segmenter: Path = Opt(Path("training/segmenter"), "--segmenter", "-s", help="Segmenter folder (kg train segmenter)."),
    output: Path = Opt(Path("training/zh_kg"), "--output", "-o", help="Folder for the trained pipeline."),
    work_dir: Path = _WORK,
    steps: int = Opt(None, "--steps", help="Training steps, batches of 32 docs (default 8000; the best dev checkpoint is kept)."),
    minutes: float = Opt(None, "--minutes", help="Stop after this many minutes of training (best checkpoint kept)."),
    eval_frequency: int = Opt(None, "--eval-frequency", help="Steps between dev evaluations."),
    msra_limit: int = Opt(None, "--msra-limit", help="Use only the first N MSRA training sentences."),
    cluener_limit: int = Opt(None, "--cluener-limit", help="Use only the first N CLUENER training records."),
    pd_limit: int = Opt(None, "--pd-limit", help="Add N 199801 sentences with nr/ns/nt labels (-1: all; default 0)."),
    resume: Path = Opt(None, "--resume", help="Continue training this character-NER checkpoint (WORK_DIR/char_ner)."),
    learn_rate: float = Opt(None, "--learn-rate", help="Adam learning rate (config: 0.001); e.g. 0.0005 with --resume."),
    vectors: Path = Opt(Path("training/vectors"), "--vectors", help="Pretrained character/bigram vectors (kg train vectors)."),
    standards: list[str] = Opt(None, "--standard", help="A training corpus whose annotation standard the model learns apart from MSRA's (default: cluener); repeatable. 'none': one standard for all."),
    seed: int = Opt(None, "--seed", help="Random seed (initial weights, order of the training docs; default 0)."),
    config: Path = Opt(None, "--config", help="The inner NER's spaCy config (default kg/nlp/configs/char_ner.cfg, a BILUO tagger; char_ner_transition.cfg: spaCy's transition-based NER)."),
    window: int = Opt(None, "--window", help="The CNN's window on each side per layer (config: 2, i.e. ±12 characters at depth 6)."),
    rosters: int = Opt(None, "--rosters", help="Add N synthetic sentences whose one name becomes a list of 2-5 names without separators (default 0)."),
    gazetteers: bool = Opt(False, "--gazetteers", help="Add kg's world places and former divisions to the model's entity lexicon (foreign places up, MSRA dev −0.4)."),
    msra_dev: str = Opt("blocks", "--msra-dev", help="MSRA's dev split: blocks (every 25th block of 200 sentences) or every (every 25th sentence, the old split)."),
    smoke: bool = _SMOKE,
) -> None:
    """Train the character-level NER on the segmenter's words; writes the complete pipeline (segmenter + NER)."""
    from kg.nlp.training.pipeline import train_ner_stage

    _single_core()
    if not (segmenter / "meta.json").exists():
        raise fail(f"no segmenter at {segmenter}: run `kg train segmenter` first")
    sizes = _sizes(smoke, ner_steps=steps, ner_minutes=minutes, ner_eval_frequency=eval_frequency,
                   ner_msra_limit=msra_limit, ner_cluener_limit=cluener_limit, ner_resume_from=resume, ner_learn_rate=learn_rate,
                   ner_vectors=vectors, ner_seed=seed, ner_config=config)
    if window is not None:
        sizes.ner_config_overrides = {**(sizes.ner_config_overrides or {}), "components.tok2vec.model.encode.window_size": window}
    if rosters is not None:
        sizes.ner_rosters = rosters
    sizes.ner_gazetteers = gazetteers
    if msra_dev not in ("blocks", "every"):
        raise fail(f"--msra-dev takes blocks or every, got {msra_dev!r}")
    sizes.ner_msra_dev_split = msra_dev
    if config is not None and not config.is_file():
        raise fail(f"no config file at {config}")
    if resume is not None and not (resume / "config.cfg").exists():
        raise fail(f"no character-NER checkpoint at {resume}")
    if pd_limit is not None:
        sizes.ner_pd_limit = None if pd_limit == -1 else pd_limit
    if standards:
        unknown = set(standards) - {"cluener", "pd199801", "none"}
        if unknown:
            raise fail(f"--standard takes a training corpus other than MSRA (cluener, pd199801) or none, got {', '.join(sorted(unknown))}")
        sizes.ner_standards = tuple(s for s in standards if s != "none")
    try:
        with _corpora(smoke):
            train_ner_stage(output, work_dir, segmenter, sizes, log=_log)
    except FileNotFoundError as exc:
        raise fail(str(exc))
    _log(f"pipeline written to {output}")


@train_app.command("vectors")
def train_vectors_cli(
    output: Path = Opt(Path("training/vectors"), "--output", "-o", help="Folder for the vectors (a blank spaCy pipeline)."),
    dim: int = Opt(None, "--dim", help="Vector width (default 50)."),
    epochs: int = Opt(None, "--epochs", help="word2vec passes over the text (default 1)."),
    negative: int = Opt(None, "--negative", help="Negative samples per pair (default 5)."),
    qqnews_every: int = Opt(None, "--qqnews-every", help="Use every N-th qqnews article (default 4: a quarter; 1: all; 0: none)."),
    bigram_max: int = Opt(None, "--bigram-max", help="Keep the N most frequent bigrams (default 300000; 0: all over the min count)."),
    smoke: bool = _SMOKE,
) -> None:
    """Pretrain character and bigram vectors (skip-gram) on the corpora's training text and qqnews, for the NER."""
    from kg.nlp.training.pipeline import train_vectors_stage

    _single_core()
    sizes = _sizes(smoke)
    if bigram_max == 0:
        sizes.vectors.bigram_max = None
        bigram_max = None
    for name, value in (("dim", dim), ("epochs", epochs), ("negative", negative), ("qqnews_every", qqnews_every),
                        ("bigram_max", bigram_max)):
        if value is not None:
            setattr(sizes.vectors, name, value)
    try:
        with _corpora(smoke):
            train_vectors_stage(output, sizes, log=_log)
    except (FileNotFoundError, ImportError) as exc:
        raise fail(str(exc))
    _log(f"vectors written to {output}")


@train_app.command("all")
def train_all_cli(
    output: Path = Opt(Path("training/zh_kg"), "--output", "-o",
                       help="Folder for the trained pipeline (kg/nlp/models/zh_kg replaces the shipped one)."),
    work_dir: Path = _WORK,
    blended: bool = _BLENDED,
    smoke: bool = _SMOKE,
) -> None:
    """Segmenter, then NER: the whole shipped pipeline from the corpora."""
    from kg.nlp.training.pipeline import train_all

    _single_core()
    try:
        with _corpora(smoke):
            train_all(output, work_dir, _sizes(smoke, seg_multi_criteria=not blended), log=_log)
    except FileNotFoundError as exc:
        raise fail(str(exc))
    _log(f"pipeline written to {output}")
