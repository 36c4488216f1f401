"""Train, prune and evaluate the pkuseg segmenter (behind `kg train segmenter`)."""

from __future__ import annotations

import contextlib
import io
import json
import shutil
import time
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from kg.eval.scoring import Score
from kg.nlp import PIPELINE_STANDARD, STANDARDS
from kg.nlp.segmenter import Segmenter, prune, read_user_dict
from kg.nlp.training import corpora


@dataclass
class SegScore:
    precision: float
    recall: float
    f1: float
    sentences: int
    gold_words: int


def _spans(words: Sequence[str]) -> set[tuple[int, int]]:
    spans, pos = set(), 0
    for word in words:
        spans.add((pos, pos + len(word)))
        pos += len(word)
    return spans


def evaluate(seg: Segmenter, gold: Sequence[Sequence[str]], use_user_dict: bool = False) -> SegScore:
    """Word-level P/R/F1 (SIGHAN scoring: a word is right when both its edges are)."""
    tp = n_pred = n_gold = 0
    for words in gold:
        text = "".join(words)
        pred = seg.cut(text, use_user_dict=use_user_dict)
        g, p = _spans(words), _spans(pred)
        tp += len(g & p)
        n_pred += len(p)
        n_gold += len(g)
    counts = Score(tp=tp, fp=n_pred - tp, fn=n_gold - tp)
    return SegScore(round(counts.precision, 4), round(counts.recall, 4), round(counts.f1, 4), len(gold), n_gold)


def _write(path: Path, sentences: Sequence[Sequence[str]]) -> Path:
    path.write_text("".join("  ".join(s) + "\n" for s in sentences), encoding="utf-8")
    return path


PD_STANDARD = "pku"  # 199801 follows the PKU standard (李/岚清, 一个, 6月)


@dataclass
class SegmenterTrainingData:
    train: list[list[str]]
    dev: list[list[str]]  # monitored by pkuseg each epoch (carved from the training side of 199801)
    heldout_199801: list[list[str]]
    # the standard of each training sentence ("pku" for 199801, "sxu"): multi-criteria training (criteria.py);
    # None trains one blended model
    criteria: list[str] | None = None


def default_data(
    pd_limit: int | None = None, sxu_limit: int | None = None, dev_size: int = 300, merge_names: bool = False,
    multi_criteria: bool = True,
) -> SegmenterTrainingData:
    pd_train, pd_heldout = corpora.pd199801_split()
    pd_train = [corpora.pd199801_words(s, merge_names) for s in pd_train]
    dev, pd_train = pd_train[-dev_size:], pd_train[:-dev_size]
    sxu = corpora.sxu_train()
    if pd_limit is not None:
        pd_train = pd_train[:pd_limit]
    if sxu_limit is not None:
        sxu = sxu[:sxu_limit]
    criteria = [PD_STANDARD] * len(pd_train) + ["sxu"] * len(sxu) if multi_criteria else None
    heldout = [corpora.pd199801_words(s, merge_names) for s in pd_heldout]
    return SegmenterTrainingData(pd_train + sxu, dev, heldout, criteria)


def train_segmenter(
    out_dir: str | Path,
    work_dir: str | Path,
    data: SegmenterTrainingData,
    epochs: int = 10,
    max_features: int | None = 1_000_000,
    user_dict: str | Path | None = None,
    log: Callable[[str], None] = print,
    quiet: bool = False,
    criterion: str = PIPELINE_STANDARD,
    resume_from: str | Path | None = None,
    finetune: Mapping[str, int] | None = None,
) -> dict:
    """Train with `spacy_pkuseg.train`, prune to `max_features`, save to `out_dir`. Returns metrics.

    With `data.criteria` (multi-criteria training), the model saved in `out_dir` follows `criterion` (the
    pipeline's standard); the model of every other criterion is saved, pruned alike, in
    `out_dir/standards/<criterion>`. The dev and held-out sentences come from 199801, so they are scored with the
    PKU-standard model.

    `resume_from`: a previous run's raw pkuseg model (WORK_DIR/pkuseg_raw, same training data) to continue from.
    `finetune`: {criterion: epochs}: after the joint training, that criterion's model is trained on its own corpus
    alone for that many more epochs, starting from the joint weights (the shared weights then serve one
    standard only; the other standards keep the joint model). The 199801 standard's fine-tuning also trains on the
    dev sentences: they serve to watch the long joint run, and the final phase uses all of 199801's training side
    (the held-out slice stays out)."""
    import spacy_pkuseg

    from kg.nlp.training.criteria import collapse, criterion_features, mark

    work = Path(work_dir)
    work.mkdir(parents=True, exist_ok=True)
    raw_dir = work / "pkuseg_raw"
    if resume_from is not None and Path(resume_from).resolve() == raw_dir.resolve():
        raise ValueError(f"resume from a copy of {raw_dir} or another work folder: this run writes there")
    train, dev = data.train, data.dev or data.train[:50]
    if data.criteria:
        if len(data.criteria) != len(train):
            raise ValueError("one criterion per training sentence")
        train = [mark(s, c) for s, c in zip(train, data.criteria)]
        dev = [mark(s, PD_STANDARD) for s in dev]
    elif finetune:
        raise ValueError("fine-tuning one standard needs multi-criteria training data")
    dev_file = _write(work / "seg_dev.txt", dev)
    sink = io.StringIO() if quiet else None

    def run_pkuseg(sentences: list[list[str]], name: str, save_dir: Path, n_epochs: int, init: Path | None) -> None:
        features = criterion_features() if data.criteria else contextlib.nullcontext()
        train_file = _write(work / name, sentences)
        with features, contextlib.redirect_stdout(sink) if sink else contextlib.nullcontext():
            spacy_pkuseg.train(str(train_file), str(dev_file), str(save_dir), train_iter=n_epochs,
                               init_model=str(init) if init is not None else None)

    log(f"segmenter: training on {len(train)} sentences, {epochs} epochs"
        f"{', criteria ' + ' '.join(sorted(set(data.criteria))) if data.criteria else ''}"
        f"{f', resumed from {resume_from}' if resume_from else ''} → {raw_dir}")
    started = time.perf_counter()
    run_pkuseg(train, "seg_train.txt", raw_dir, epochs, Path(resume_from) if resume_from else None)
    raw = Segmenter.from_pkuseg_dir(raw_dir)
    metrics: dict = {"epochs": epochs, "resumed_from": str(resume_from) if resume_from else None,
                     "train_sentences": len(train)}
    models = {criterion: raw}
    pd_model = criterion  # the model that follows 199801's standard
    if data.criteria:
        metrics["criteria"] = dict(sorted(Counter(data.criteria).items()))
        metrics["features_raw"] = raw.model.n_feature
        models = {name: collapse(raw, name) for name in sorted(set(data.criteria) | {criterion, PD_STANDARD})}
        pd_model = PD_STANDARD
        for name, n_epochs in sorted((finetune or {}).items()):
            if n_epochs <= 0:
                continue
            if name not in data.criteria:
                raise ValueError(f"no training sentences of standard {name!r} to fine-tune on")
            own = [s for s, c in zip(train, data.criteria) if c == name]
            if name == PD_STANDARD and data.dev:
                own += dev  # the dev sentences were monitored through the joint run; the last phase learns them too
            tuned_dir = work / f"pkuseg_finetuned_{name}"
            log(f"segmenter: fine-tuning the {name} model on its {len(own)} sentences, {n_epochs} epochs → {tuned_dir}")
            run_pkuseg(own, f"seg_train_{name}.txt", tuned_dir, n_epochs, raw_dir)
            models[name] = collapse(Segmenter.from_pkuseg_dir(tuned_dir), name)
        metrics["finetune"] = {k: v for k, v in sorted((finetune or {}).items()) if v > 0}
    metrics["train_seconds"] = round(time.perf_counter() - started, 1)
    metrics["features_full"] = models[criterion].model.n_feature
    if data.heldout_199801:
        metrics["heldout_199801_full"] = asdict(evaluate(models[pd_model], data.heldout_199801))
    for name, model in models.items():
        if max_features and max_features < model.model.n_feature:
            models[name] = prune(model, max_features)
    seg = models[criterion]
    metrics["features_shipped"] = seg.model.n_feature
    if data.heldout_199801:
        metrics["heldout_199801"] = asdict(evaluate(models[pd_model], data.heldout_199801))
        metrics["heldout_199801_model"] = pd_model
    user_words = read_user_dict(user_dict) if user_dict else []
    out = Path(out_dir)
    standards = out / STANDARDS
    shutil.rmtree(standards, ignore_errors=True)
    for name, model in models.items():
        model.add_user_words(user_words)
        model.save(out if name == criterion else standards / name)
    metrics["criterion"] = criterion if data.criteria else None
    metrics["size_bytes"] = seg.size_bytes(out)
    (work / "segmenter_metrics.json").write_text(json.dumps(metrics, indent=1), encoding="utf-8")
    log(f"segmenter: {json.dumps(metrics)}")
    return metrics
