"""Character-level NER over pkuseg tokens: the `kg_char_ner` pipeline component.

Word-level NER can only find entities whose edges fall on token edges; on MSRA only about 92 % of the gold
entities do (京 in 京剧, 中/美 in 中美, names glued to the next word), which caps recall. This component tags
characters instead. Each character is a token of an inner spaCy pipeline (tok2vec + ner), described by:

- ORTH: the character itself, SHAPE: digit/latin shape;
- LEMMA / TAG: the bigrams it starts and ends (c[i]c[i+1], c[i-1]c[i]);
- NORM: the pkuseg word it belongs to, with its position in that word (B/M/E/S), so the segmenter's decision
  is a feature rather than a hard limit;
- DEP (when the model has an entity lexicon, `kg.nlp.lexicon`): the labels and positions of the known entity
  strings covering it ("LOC-B ORG-M"). DEP is only a carrier: the inner pipeline has no parser. Text annotated to
  another corpus's standard than the default (CLUENER's, in training; `CharNer.standard` at run time) has that
  standard's mark appended to every character's DEP;
- the pretrained vectors of the character and both bigrams (`kg.nlp.embed`), from the inner vocab's table.

The inner pipeline ends in one of two heads: spaCy's transition-based `ner`, or a `tagger` whose labels are the
characters' BILUO tags (B-PER, I-PER, L-PER, U-PER, O, ...), decoded here (`decode_biluo`): where the per-character
argmax is a valid BILUO sequence it is the best one, and the rare invalid stretches are re-decoded by Viterbi under
BILUO's transition constraints. The tagger head reads the same features and costs a softmax instead of the parser's
per-character transition loop (a third of the NER's time).

Entities found inside a pkuseg token split that token (`Doc.retokenize().split`), so `doc.ents` always holds
exactly the character spans the model predicted.
"""

from __future__ import annotations

import bisect
import functools
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy
from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, IDX, LEMMA, LENGTH, NORM, TAG
from spacy.language import Language
from spacy.pipeline import Tagger
from spacy.strings import get_string_id
from spacy.tokens import Doc
from spacy.vocab import Vocab

import kg.nlp.embed  # noqa: F401  (registers kg.CharEmbed.v1, the inner model's embedding)
from kg.nlp.lexicon import EntityLexicon

INNER_DIR = "model"
LEXICON_FILE = "lexicon.tsv"
_BOUNDARY = "\x02"  # stands for the text edge in edge bigrams
# The model reads a line break as the full stop it stands for: the corpora it learns from have none, and an
# unknown character let an entity run on from a headline into the byline below it. One character for one: the
# offsets still line up.
_LINE_BREAKS = str.maketrans({c: "。" for c in "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"})


def char_features(words: Sequence[str]) -> tuple[list[str], list[str], list[str], list[str]]:
    """(chars, word-with-position, right bigram, left bigram) for the characters of `words`."""
    chars: list[str] = []
    norms: list[str] = []
    for word in words:
        n = len(word)
        if n == 1:
            chars.append(word)
            norms.append(word + "\x1fS")
            continue
        for i, char in enumerate(word):
            chars.append(char)
            norms.append(f"{word}\x1f{'B' if i == 0 else 'E' if i == n - 1 else 'M'}")
    padded = [_BOUNDARY, *chars, _BOUNDARY]
    bigrams = [padded[i] + padded[i + 1] for i in range(len(padded) - 1)]  # bigrams[i] = c[i-1] c[i]
    return chars, norms, bigrams[1:], bigrams[:-1]


def standard_mark(standard: str | None) -> str:
    """The suffix the DEP feature carries for text annotated to `standard` (none for the default standard)."""
    return f"\x1f{standard}" if standard else ""


def char_doc(vocab: Vocab, words: Sequence[str], lexicon_features: Sequence[str] | None = None,
             standard: str | None = None) -> Doc:
    """A Doc with one token per character of `words` (their concatenation is the text), features set.

    `lexicon_features`: one string per character (`EntityLexicon.char_features`), stored as DEP.
    `standard`: the annotation standard to follow when it is not the default one (see `CharNer.standard`): every
    character's DEP then carries its mark, so that one model learns corpora that annotate differently."""
    if standard and lexicon_features is None:
        raise ValueError("an annotation standard is marked on the lexicon feature: the model needs one")
    chars, norms, right, left = char_features(words)
    doc = Doc(vocab, words=chars, spaces=[False] * len(chars))
    if chars:
        # the features are read as hashes only: hashing without storing keeps the StringStore from growing with
        # every word and bigram of a long build (and is 3x faster than StringStore.add)
        columns = [NORM, LEMMA, TAG] + ([DEP] if lexicon_features is not None else [])
        array = numpy.empty((len(chars), len(columns)), dtype="uint64")
        array[:, 0] = [get_string_id(s) for s in norms]
        array[:, 1] = [get_string_id(s) for s in right]
        array[:, 2] = [get_string_id(s) for s in left]
        if lexicon_features is not None:
            if len(lexicon_features) != len(chars):
                raise ValueError(f"{len(lexicon_features)} lexicon features for {len(chars)} characters")
            mark = standard_mark(standard)
            array[:, 3] = [get_string_id(s + mark) if s or mark else 0 for s in lexicon_features]
        doc.from_array(columns, array)
    return doc


def _token_words(doc: Doc, text: str) -> list[str]:
    """The tokens' texts with their whitespace, read from offsets (no Token objects: they cost more than the NER
    features on long documents)."""
    starts = doc.to_array(IDX).tolist()
    return [text[a:b] for a, b in zip(starts, starts[1:] + [len(text)])]


def _cut_tokens(doc: Doc, cuts: set[int], text: str) -> list[tuple[int, int]]:
    """Split the tokens of `doc` at character offsets `cuts` that fall inside a token; the (start, end) of the
    tokens split, as the segmenter cut them."""
    if not cuts or not len(doc):
        return []
    offsets = doc.to_array([IDX, LENGTH])
    starts = offsets[:, 0].tolist()
    inside: dict[int, list[int]] = {}
    for cut in cuts:
        i = bisect.bisect_right(starts, cut) - 1
        if i >= 0 and starts[i] < cut < starts[i] + int(offsets[i, 1]):
            inside.setdefault(i, []).append(cut)
    if not inside:
        return []
    split = [(starts[i], starts[i] + int(offsets[i, 1])) for i in sorted(inside)]
    with doc.retokenize() as retokenizer:
        for i, points in sorted(inside.items()):
            token = doc[i]
            edges = [token.idx, *sorted(points), token.idx + len(token.text)]
            pieces = [text[a:b] for a, b in zip(edges, edges[1:])]
            retokenizer.split(token, pieces, heads=[(token, k) for k in range(len(pieces))])
    return split


def _entity_spans(inner: Doc) -> list[tuple[int, int, str]]:
    """(start, end, label) of the inner doc's entities, read from its IOB array: `Doc.ents` would build a Token
    object per character (5 % of the pipeline's time). Token i of the inner doc is character i."""
    if not len(inner):
        return []
    array = inner.to_array([ENT_IOB, ENT_TYPE])
    iob = array[:, 0]
    starts = numpy.flatnonzero(iob == 3)  # B
    if not len(starts):
        return []
    outside = numpy.append(numpy.flatnonzero(iob != 1), len(iob))  # where an entity ends: anything but I
    ends = outside[numpy.searchsorted(outside, starts, side="right")]
    strings = inner.vocab.strings
    return [(int(s), int(e), strings[int(label)]) for s, e, label in zip(starts, ends, array[starts, 1])]


_O, _B, _I, _L, _U = range(5)


@dataclass(frozen=True)
class _BiluoScheme:
    """A tagger's BILUO labels as arrays: each tag's kind and entity, and which tag may follow which."""

    kinds: numpy.ndarray  # (K,) _O/_B/_I/_L/_U
    entities: tuple[str, ...]  # (K,) the entity label of each tag ("" for O)
    allowed: numpy.ndarray  # (K + 1, K) bool: row p = previous tag p (row K: the text's start), column = next tag
    may_end: numpy.ndarray  # (K,) bool: tags a text may end on

    @functools.cached_property
    def penalties(self) -> tuple[numpy.ndarray, numpy.ndarray, numpy.ndarray]:
        """Log-space (transitions (K, K), start (K,), end (K,)): 0 where allowed, -1e9 where not."""
        penalty = numpy.where(numpy.vstack([self.allowed, self.may_end]), 0, -1e9).astype(numpy.float32)
        return penalty[:-2], penalty[-2], penalty[-1]


@functools.lru_cache(maxsize=8)
def _biluo_scheme(labels: tuple[str, ...]) -> _BiluoScheme:
    kinds, entities = [], []
    for label in labels:
        prefix, _, entity = label.partition("-")
        if label == "O":
            kinds.append(_O)
            entities.append("")
        elif prefix in ("B", "I", "L", "U") and entity:
            kinds.append("OBILU".index(prefix))
            entities.append(entity)
        else:
            raise ValueError(f"kg_char_ner: the tagger head has a label that is not a BILUO tag: {label!r}")
    kind = numpy.array(kinds)
    inside = numpy.isin(kind, (_B, _I))  # an entity is open after these
    opens = numpy.isin(kind, (_O, _B, _U))  # may follow a closed entity or the start
    same = numpy.array(entities)[:, None] == numpy.array(entities)[None, :]
    continues = numpy.isin(kind, (_I, _L))[None, :] & same
    allowed = numpy.where(inside[:, None], continues, opens[None, :])
    allowed = numpy.vstack([allowed, opens[None, :]])
    return _BiluoScheme(kind, tuple(entities), allowed, numpy.isin(kind, (_O, _L, _U)))


def _viterbi(log_probs: numpy.ndarray, scheme: _BiluoScheme) -> numpy.ndarray:
    """The best tag sequence under BILUO's constraints, starting after a closed entity and ending on one."""
    transitions, start, end = scheme.penalties
    score = log_probs[0] + start
    back = numpy.empty(log_probs.shape, dtype=numpy.intp)
    columns = numpy.arange(log_probs.shape[1])
    for t in range(1, len(log_probs)):
        candidates = score[:, None] + transitions
        back[t] = candidates.argmax(axis=0)
        score = candidates[back[t], columns] + log_probs[t]
    tags = numpy.empty(len(log_probs), dtype=numpy.intp)
    tags[-1] = int(numpy.argmax(score + end))
    for t in range(len(log_probs) - 1, 0, -1):
        tags[t - 1] = back[t, tags[t]]
    return tags


def decode_biluo(scores: numpy.ndarray, labels: Sequence[str]) -> list[tuple[int, int, str]]:
    """(start, end, label) character spans from one text's BILUO tag scores (characters × labels, logits).

    The argmax tags where they form a valid sequence; each invalid stretch (an I after O, a B never closed, ...) is
    re-decoded by Viterbi between the nearest validly placed O tags around it."""
    if not len(scores):
        return []
    scheme = _biluo_scheme(tuple(labels))
    tags = scores.argmax(axis=1)
    previous = numpy.empty_like(tags)
    previous[0] = len(labels)  # the start row of `allowed`
    previous[1:] = tags[:-1]
    bad = ~scheme.allowed[previous, tags]
    bad[-1] |= not scheme.may_end[tags[-1]]
    if bad.any():
        safe = (scheme.kinds[tags] == _O) & ~bad  # a stretch re-decoded between two of these stays valid
        safe_at = numpy.flatnonzero(safe)
        logits = scores.astype(numpy.float32)
        log_probs = logits - logits.max(axis=1, keepdims=True)
        log_probs -= numpy.log(numpy.exp(log_probs).sum(axis=1, keepdims=True))
        end = 0
        for i in numpy.flatnonzero(bad):
            if i < end:
                continue
            k = numpy.searchsorted(safe_at, i)
            start = int(safe_at[k - 1]) + 1 if k > 0 else 0
            end = int(safe_at[k]) if k < len(safe_at) else len(tags)
            tags[start:end] = _viterbi(log_probs[start:end], scheme)
    kinds = scheme.kinds[tags]
    starts = numpy.flatnonzero((kinds == _B) | (kinds == _U))
    ends = numpy.flatnonzero((kinds == _L) | (kinds == _U)) + 1
    return [(int(s), int(e), scheme.entities[tags[s]]) for s, e in zip(starts.tolist(), ends.tolist())]


def predict_spans(model: Language, docs: Sequence[Doc]) -> list[list[tuple[int, int, str]]]:
    """Run the inner pipeline over character docs: each doc's (start, end, label) entity spans."""
    docs = list(docs)
    if not docs:
        return []
    *encoders, (_, head) = model.pipeline
    for _, component in encoders:
        docs = list(component.pipe(docs, batch_size=len(docs)))
    if isinstance(head, Tagger):
        labels = head.labels
        return [decode_biluo(numpy.asarray(scores), labels) for scores in head.model.predict(docs)]
    return [_entity_spans(doc) for doc in head.pipe(docs, batch_size=len(docs))]


def entity_labels(model: Language) -> tuple[str, ...]:
    """The entity labels an inner pipeline predicts (a tagger head's BILUO tags stripped to their entity)."""
    head = model.pipeline[-1][1]
    if isinstance(head, Tagger):
        return tuple(sorted(set(_biluo_scheme(tuple(head.labels)).entities) - {""}))
    return tuple(head.labels)


class CharNer:
    """Sets `doc.ents` from a character-level pipeline (`self.model`, a spaCy Language: tok2vec + a BILUO tagger or a
    transition-based ner)."""

    def __init__(self, nlp: Language, name: str = "char_ner", model: Language | None = None,
                 lexicon: EntityLexicon | None = None, standard: str | None = None):
        self.name = name
        self.model = model
        self.lexicon = lexicon  # set when the model was trained with lexicon features
        # Which corpus's annotation standard to follow: None is the default (MSRA's); a model trained on several
        # corpora with their standards marked (`standards`) can follow another, e.g. "cluener".
        self.standard = standard

    @property
    def standards(self) -> tuple[str, ...]:
        """The marked annotation standards the model learnt besides the default one."""
        return tuple(self.model.meta.get("kg_standards", ())) if self.model else ()

    @property
    def labels(self) -> tuple[str, ...]:
        return entity_labels(self.model) if self.model else ()

    def _inner_docs(self, docs: Sequence[Doc], texts: Sequence[str]) -> list[Doc]:
        """The character docs of `docs`, features set, for the inner pipeline."""
        lexicon = self.lexicon
        if self.standard is not None and self.standard not in self.standards:
            raise ValueError(f"kg_char_ner: the model learnt no standard {self.standard!r} "
                             f"(it knows {', '.join(self.standards) or 'only the default'})")
        inner = [char_doc(self.model.vocab, [w.translate(_LINE_BREAKS) for w in _token_words(doc, text)],
                          lexicon.char_features(text) if lexicon is not None else None, self.standard)
                 for doc, text in zip(docs, texts)]
        return inner

    def __call__(self, doc: Doc) -> Doc:
        return next(self.pipe([doc]))

    def pipe(self, docs: Iterable[Doc], batch_size: int = 32) -> Iterator[Doc]:
        batch: list[Doc] = []
        for doc in docs:
            batch.append(doc)
            if len(batch) >= batch_size:
                yield from self._annotate(batch)
                batch = []
        if batch:
            yield from self._annotate(batch)

    def _annotate(self, docs: list[Doc]) -> Iterator[Doc]:
        if self.model is None:
            raise ValueError("kg_char_ner has no model: train one (`kg train ner`) or load a trained pipeline")
        if self.lexicon is None and uses_lexicon(self.model):
            raise ValueError("kg_char_ner: the model reads entity-lexicon features but no lexicon.tsv was found")
        texts = [doc.text for doc in docs]
        for doc, text, spans in zip(docs, texts, predict_spans(self.model, self._inner_docs(docs, texts))):
            # character i of the inner doc is character i of doc.text (tokens hold no whitespace of their own)
            yield set_char_ents(doc, spans, text)

    def to_disk(self, path: str | Path, exclude: Iterable[str] = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        self.model.to_disk(path / INNER_DIR)
        if self.lexicon is not None:
            self.lexicon.to_disk(path / LEXICON_FILE)

    def from_disk(self, path: str | Path, exclude: Iterable[str] = ()) -> "CharNer":
        import spacy

        self.model = spacy.load(Path(path) / INNER_DIR)
        self.lexicon = load_lexicon(Path(path))
        return self

    def to_bytes(self, exclude: Iterable[str] = ()) -> bytes:
        import srsly

        lexicon = self.lexicon.to_dict() if self.lexicon is not None else None
        return srsly.msgpack_dumps({"config": self.model.config.to_str(), "model": self.model.to_bytes(),
                                    "lexicon": lexicon})

    def from_bytes(self, data: bytes, exclude: Iterable[str] = ()) -> "CharNer":
        import srsly
        from spacy.util import load_model_from_config
        from thinc.api import Config

        msg = srsly.msgpack_loads(data)
        model = load_model_from_config(Config().from_str(msg["config"]), auto_fill=False, validate=False)
        self.model = model.from_bytes(msg["model"])
        entries = msg.get("lexicon")
        self.lexicon = EntityLexicon.from_dict(entries) if entries is not None else None
        return self


def uses_lexicon(model: Language) -> bool:
    """Whether the inner pipeline's embedding reads the lexicon feature (DEP)."""
    embed = model.config["components"]["tok2vec"]["model"].get("embed", {})
    return "DEP" in embed.get("attrs", [])


def load_lexicon(path: Path) -> EntityLexicon | None:
    """The entity lexicon in a component or trained-NER folder (`path/lexicon.tsv`), if there is one."""
    file = path / LEXICON_FILE
    return EntityLexicon.from_disk(file) if file.exists() else None


def set_char_ents(doc: Doc, spans: Iterable[tuple[int, int, str]], text: str | None = None) -> Doc:
    """Set `doc.ents` to character spans, splitting tokens where a span edge falls inside one.

    `text`: doc.text when the caller has it already."""
    text = doc.text if text is None else text
    candidates = [(s, e, label) for s, e, label in spans if 0 <= s < e <= len(text) and text[s:e].strip()]
    spans, taken = [], []
    # overlaps resolved before cutting (longest first, as spaCy's filter_spans), so losers split no token
    for s, e, label in sorted(candidates, key=lambda x: (x[0] - x[1], x[0])):
        if all(e <= a or s >= b for a, b in taken):
            spans.append((s, e, label))
            taken.append((s, e))
    # the segmenter's words an entity edge falls inside, where no other entity continues: the extraction gate reads
    # them (a name cut mid-word); 市委|书记 as ORG + TITLE cuts the word 市委书记 between two entities, not inside one
    edges = {edge for s, e, _ in spans for edge in (s, e)}
    joints = {s for s, _, _ in spans} & {e for _, e, _ in spans}
    split = _cut_tokens(doc, edges, text)
    doc.user_data["kg_split_words"] = [(a, b) for a, b in split if any(a < x < b for x in edges - joints)]
    ents = (doc.char_span(s, e, label=label) for s, e, label in sorted(spans))
    doc.ents = [ent for ent in ents if ent is not None]
    return doc


@Language.factory("kg_char_ner", default_config={"standard": None})
def make_char_ner(nlp: Language, name: str, standard: str | None) -> CharNer:
    return CharNer(nlp, name, standard=standard)


__all__ = ["CharNer", "char_doc", "char_features", "decode_biluo", "entity_labels", "load_lexicon", "predict_spans",
           "set_char_ents", "standard_mark", "uses_lexicon"]
