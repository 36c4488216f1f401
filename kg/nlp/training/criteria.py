"""Multi-criteria segmenter training: one pkuseg CRF over corpora that follow different standards.

199801 (PKU standard) and SXU disagree on frequent cases: 199801 cuts names into surname + given name and keeps
一个, 这种, 6月 whole; SXU keeps names whole and cuts 一 个, 这 种, 6 月. A CRF trained on their union learns a blend
and scores below either standard. Following "frustratingly easy" domain adaptation (Daumé III, 2007), every
feature of a training sentence is emitted twice: once shared and once prefixed with the sentence's criterion
(`pku|c.中`). The shared weights learn what the standards agree on from both corpora, the prefixed weights learn
each standard's corrections. The CRF is linear in its features, so the model for one criterion is the shared
weight plus that criterion's weight, per feature and tag (`collapse`): an ordinary pkuseg model, segmenting
at full speed with no marker in the text.

The criterion travels into pkuseg's trainer as a one-character marker word at the start of each training line
(a private-use character); the extractor strips it before computing the features of the real characters.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence

import numpy as np
from spacy_pkuseg.feature_extractor import FeatureExtractor

from kg.nlp.segmenter import Segmenter, with_features

CRITERIA = {"pku": "\ue000", "sxu": "\ue001"}
_BY_MARKER = {marker: name for name, marker in CRITERIA.items()}
SEPARATOR = "|"
NO_FEATURE = "/"


def mark(words: Sequence[str], criterion: str) -> list[str]:
    """A training sentence tagged with its criterion (the marker is the first word)."""
    return [CRITERIA[criterion], *words]


class CriterionFeatureExtractor(FeatureExtractor):
    """pkuseg's extractor, plus a criterion-prefixed copy of each feature on marked sentences."""

    def get_node_features(self, idx, wordary):
        criterion = _BY_MARKER.get(wordary[0]) if wordary else None
        if criterion is None:
            return super().get_node_features(idx, wordary)
        if idx == 0:  # the marker itself: bias feature only
            return ["$$"]
        shared = super().get_node_features(idx - 1, wordary[1:])
        return shared + [f"{criterion}{SEPARATOR}{f}" for f in shared if f != NO_FEATURE]


@contextlib.contextmanager
def criterion_features() -> Iterator[None]:
    """Make `spacy_pkuseg.train` build its features with `CriterionFeatureExtractor`."""
    from spacy_pkuseg import trainer

    original = trainer.FeatureExtractor
    trainer.FeatureExtractor = CriterionFeatureExtractor
    try:
        yield
    finally:
        trainer.FeatureExtractor = original


def collapse(seg: Segmenter, criterion: str) -> Segmenter:
    """The ordinary pkuseg model for one criterion: shared + criterion weights on the shared features."""
    n_tag, n_feature = seg.model.n_tag, seg.model.n_feature
    node = seg.model.w[: n_feature * n_tag].reshape(n_feature, n_tag)
    prefixes = tuple(name + SEPARATOR for name in CRITERIA)
    own = criterion + SEPARATOR
    shared = {name: idx for name, idx in seg.extractor.feature_to_idx.items() if not name.startswith(prefixes)}
    names = sorted(shared, key=shared.__getitem__)
    rows = np.array([shared[name] for name in names])
    collapsed = node[rows].copy()
    for i, name in enumerate(names):
        extra = seg.extractor.feature_to_idx.get(own + name)
        if extra is not None:
            collapsed[i] += node[extra]
    return with_features(seg, names, collapsed, set(seg.extractor.unigram) - set(CRITERIA.values()))


__all__ = ["CRITERIA", "CriterionFeatureExtractor", "collapse", "criterion_features", "mark"]
