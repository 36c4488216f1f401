"""Train the character-level NER inside `kg_char_ner` (behind `kg train ner`).

Training docs are built exactly as at inference: the text is segmented by the (trained) pkuseg segmenter with
no knowledge of the entities, and `kg.nlp.charner.char_doc` turns the words into one token per character. Gold
spans are character offsets, so every span aligns: nothing is dropped.
"""

from __future__ import annotations

import json
import random
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc
from spacy.training import Example
from spacy.training.iob_utils import doc_to_biluo_tags
from spacy.util import filter_spans, minibatch

from kg.eval.scoring import Score
from kg.nlp import numpy_blas
from kg.nlp.charner import LEXICON_FILE, char_doc, predict_spans, uses_lexicon
from kg.nlp.lexicon import EntityLexicon, fold_lexicons
from kg.nlp.segmenter import Segmenter
from kg.nlp.training.corpora import NerExample

CONFIG_PATH = Path(__file__).resolve().parents[1] / "configs" / "char_ner.cfg"


def make_example(nlp: Language, segmenter: Segmenter, example: NerExample,
                 lexicon: EntityLexicon | None = None, standards: Sequence[str] = ()) -> tuple[Example, int]:
    """(Example, spans dropped). Only overlapping gold spans are dropped (CLUENER gives some strings two classes).

    `standards`: the sources whose annotation standard is marked on the features (`char_doc`); the others follow
    the default standard. The pkuseg words, lexicon features and standard are kept in `predicted.user_data` so
    evaluation can rebuild the docs."""
    words = segmenter.cut(example.text)
    features = lexicon.char_features(example.text) if lexicon is not None else None
    standard = example.source if example.source in standards else None
    predicted = char_doc(nlp.vocab, words, features, standard)
    predicted.user_data["words"] = words
    predicted.user_data["lexicon"] = features
    predicted.user_data["standard"] = standard
    reference = Doc(nlp.vocab, words=list(example.text), spaces=[False] * len(example.text))
    spans = [reference.char_span(s, e, label=label) for s, e, label in example.spans]
    kept = filter_spans([span for span in spans if span is not None])
    reference.set_ents(kept, default="outside")
    for token, tag in zip(reference, doc_to_biluo_tags(reference)):  # the gold of a tagger head
        token.tag_ = tag
    return Example(predicted, reference), len(example.spans) - len(kept)


def score(nlp: Language, examples: Sequence[Example]) -> dict:
    """Exact character-span P/R/F of the inner pipeline on examples (predicted docs rebuilt, not reused)."""
    docs = [char_doc(nlp.vocab, eg.predicted.user_data["words"], eg.predicted.user_data.get("lexicon"),
                     eg.predicted.user_data.get("standard")) for eg in examples]
    predicted = [spans for i in range(0, len(docs), 256) for spans in predict_spans(nlp, docs[i:i + 256])]
    tp = n_pred = n_gold = 0
    for eg, spans in zip(examples, predicted):
        gold = {(e.start_char, e.end_char, e.label_) for e in eg.reference.ents}
        pred = set(spans)
        tp += len(gold & pred)
        n_pred += len(pred)
        n_gold += len(gold)
    counts = Score(tp=tp, fp=n_pred - tp, fn=n_gold - tp)
    return {"p": round(counts.precision, 4), "r": round(counts.recall, 4), "f": round(counts.f1, 4)}


@numpy_blas()  # build (and so train) the layers on numpy's BLAS, as kg.nlp.load() does
def train_char_ner(
    out_dir: str | Path,
    segmenter: Segmenter,
    train: Sequence[NerExample],
    dev: Sequence[NerExample],
    max_steps: int = 30000,
    max_minutes: float | None = None,
    eval_frequency: int = 1000,
    config_path: str | Path = CONFIG_PATH,
    overrides: dict | None = None,
    seed: int = 0,
    resume_from: str | Path | None = None,
    base_lexicon: EntityLexicon | None = None,
    lexicon_folds: int = 5,
    learn_rate: float | None = None,
    standards: Sequence[str] = (),
    log: Callable[[str], None] = print,
) -> dict:
    """Train from the config, keep the best dev checkpoint, save it with `nlp.to_disk(out_dir)`. Returns metrics.

    When the config reads lexicon features (DEP), the lexicon is `base_lexicon` plus every training entity, saved
    as out_dir/lexicon.tsv; each training sentence gets its features from a lexicon without its own fold (1 of
    `lexicon_folds`), so that the model learns how far a match can be trusted on text it has not seen.

    `standards`: training sources (NerExample.source, e.g. "cluener") whose annotation standard differs from the
    default one: their sentences are marked (`char_doc`), so the model learns each standard apart (the way the
    segmenter learns two, kg/nlp/training/criteria.py) and follows the default one unless told otherwise. Needs
    the lexicon feature, which carries the mark."""
    from spacy.util import fix_random_seed, load_model_from_config
    from thinc.api import Config

    fix_random_seed(seed)
    if resume_from:  # continue from a saved checkpoint (fresh optimizer state)
        import spacy

        nlp = spacy.load(resume_from)
        config = nlp.config
    else:
        config = Config().from_disk(config_path, overrides=overrides or {})
        nlp = load_model_from_config(config, auto_fill=True, validate=True)
    started = time.perf_counter()
    if resume_from and not standards:  # a resumed checkpoint keeps the standards it learnt
        standards = nlp.meta.get("kg_standards", ())
    standards = tuple(sorted(standards))
    if standards and not uses_lexicon(nlp):
        raise ValueError("marked annotation standards ride on the lexicon feature (DEP): the config has none")
    nlp.meta["kg_standards"] = list(standards)
    lexicon, folds = None, [None]
    if uses_lexicon(nlp):
        lexicon = EntityLexicon.from_spans(train, base_lexicon)
        folds = fold_lexicons(train, lexicon_folds, base_lexicon)
        log(f"char ner: entity lexicon of {len(lexicon)} entries ({len(base_lexicon or ())} domain), "
            f"{lexicon_folds} fold lexicons of ~{sum(map(len, folds)) // len(folds)}")
    train_examples, dropped = [], 0
    for i, example in enumerate(train):
        eg, lost = make_example(nlp, segmenter, example, folds[i % len(folds)], standards)
        train_examples.append(eg)
        dropped += lost
    dev_examples = [make_example(nlp, segmenter, e, lexicon, standards)[0] for e in dev]
    n_spans = sum(len(e.spans) for e in train)
    log(f"char ner: {len(train_examples)} training docs, {n_spans} spans, {dropped} overlapping dropped, "
        f"0 misaligned ({time.perf_counter() - started:.0f}s)")
    out = Path(out_dir)
    if lexicon is not None:
        out.mkdir(parents=True, exist_ok=True)
        lexicon.to_disk(out / LEXICON_FILE)
    optimizer = nlp.resume_training() if resume_from else nlp.initialize(lambda: train_examples)
    if learn_rate is not None:  # e.g. a lower rate to settle a resumed model
        optimizer.learn_rate = learn_rate
    rng = random.Random(seed)
    dropout = float(config["training"]["dropout"])
    best, best_step, step, epoch, history = -1.0, 0, 0, 0, []
    started = time.perf_counter()
    done = False
    while not done:
        epoch += 1
        rng.shuffle(train_examples)
        for batch in minibatch(train_examples, size=32):
            losses: dict = {}
            nlp.update(batch, drop=dropout, sgd=optimizer, losses=losses)
            optimizer.step_schedules()  # a learn-rate schedule in the config advances by steps (as spaCy's loop)
            step += 1
            minutes = (time.perf_counter() - started) / 60
            out_of_time = max_minutes is not None and minutes >= max_minutes
            if step % eval_frequency == 0 or step >= max_steps or out_of_time:
                with nlp.use_params(optimizer.averages):
                    dev_score = score(nlp, dev_examples)
                    if dev_score["f"] > best:
                        best, best_step = dev_score["f"], step
                        nlp.to_disk(out)
                loss = float(sum(v for k, v in losses.items() if k != "tok2vec"))  # the head's, ner or tagger
                history.append({"step": step, "epoch": epoch, "minutes": round(minutes, 1), "loss": round(loss, 2), **dev_score})
                log(f"char ner: step {step} epoch {epoch} {minutes:.1f} min loss {loss:.2f} dev {dev_score}")
            if step >= max_steps or out_of_time:
                done = True
                break
    metrics = {
        "train_seconds": round(time.perf_counter() - started, 1),
        "train_docs": len(train_examples),
        "train_spans": n_spans,
        "dropped_overlapping": dropped,
        "dropped_misaligned": 0,
        "lexicon_entries": len(lexicon) if lexicon is not None else 0,
        "lexicon_folds": lexicon_folds if lexicon is not None else 0,
        "steps": step,
        "best_step": best_step,
        "best_dev_f": float(best),
        "history": history,
    }
    (out / "training.json").write_text(json.dumps(metrics, indent=1), encoding="utf-8")
    return metrics
