"""Train, prune and evaluate the pkuseg segmenter (behind `kg train segmenter`)."""

from __future__ import annotations

import contextlib
import io
import json
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from kg.eval.scoring import Score
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


@dataclass
class SegmenterTrainingData:
    train: list[list[str]]
    dev: list[list[str]]  # monitored by pkuseg each epoch (carved from the training side)
    heldout_199801: list[list[str]]


def default_data(
    pd_limit: int | None = None, sxu_limit: int | None = None, dev_size: int = 300, merge_names: bool = False
) -> SegmenterTrainingData:
    pd_train, pd_heldout = corpora.pd199801_split()
    pd_train = [corpora.pd199801_words(s, merge_names) for s in pd_train]
    dev, pd_train = pd_train[-dev_size:], pd_train[:-dev_size]
    sxu = corpora.sxu_train()
    if pd_limit is not None:
        pd_train = pd_train[:pd_limit]
    if sxu_limit is not None:
        sxu = sxu[:sxu_limit]
    return SegmenterTrainingData(pd_train + sxu, dev, [corpora.pd199801_words(s, merge_names) for s in pd_heldout])


def train_segmenter(
    out_dir: str | Path,
    work_dir: str | Path,
    data: SegmenterTrainingData,
    epochs: int = 10,
    max_features: int | None = 1_000_000,
    user_dict: str | Path | None = None,
    log: Callable[[str], None] = print,
    quiet: bool = False,
) -> dict:
    """Train with `spacy_pkuseg.train`, prune to `max_features`, save to `out_dir`. Returns metrics."""
    import spacy_pkuseg

    work = Path(work_dir)
    work.mkdir(parents=True, exist_ok=True)
    raw_dir = work / "pkuseg_raw"
    train_file = _write(work / "seg_train.txt", data.train)
    dev_file = _write(work / "seg_dev.txt", data.dev or data.train[:50])
    log(f"segmenter: training on {len(data.train)} sentences, {epochs} epochs → {raw_dir}")
    started = time.perf_counter()
    sink = io.StringIO() if quiet else None
    with contextlib.redirect_stdout(sink) if sink else contextlib.nullcontext():
        spacy_pkuseg.train(str(train_file), str(dev_file), str(raw_dir), train_iter=epochs)
    train_seconds = time.perf_counter() - started
    full = Segmenter.from_pkuseg_dir(raw_dir)
    metrics: dict = {
        "train_seconds": round(train_seconds, 1),
        "epochs": epochs,
        "train_sentences": len(data.train),
        "features_full": full.model.n_feature,
    }
    seg = full
    if data.heldout_199801:
        metrics["heldout_199801_full"] = asdict(evaluate(full, data.heldout_199801))
    if max_features and max_features < full.model.n_feature:
        seg = prune(full, max_features)
    metrics["features_shipped"] = seg.model.n_feature
    if data.heldout_199801:
        metrics["heldout_199801"] = asdict(evaluate(seg, data.heldout_199801))
    if user_dict:
        seg.add_user_words(read_user_dict(user_dict))
    out = seg.save(out_dir)
    metrics["size_bytes"] = seg.size_bytes(out)
    (work / "segmenter_metrics.json").write_text(json.dumps(metrics, indent=1), encoding="utf-8")
    log(f"segmenter: {json.dumps(metrics)}")
    return metrics
