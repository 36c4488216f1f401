"""The character NER's embedding layer, `kg.CharEmbed.v1`: spaCy's MultiHashEmbed, plus pretrained vectors read
for several features.

spaCy's StaticVectors looks a token up by one attribute (ORTH). The character NER's strongest features are the
bigrams around each character (LEMMA / TAG in `kg.nlp.charner.char_doc`), so this layer looks up the vocab's
vectors table once per attribute in `vector_attrs` (the character and both bigrams), each through its own learned
projection, concatenated with the hash embeddings before the Maxout mix. The table stays fixed; keys missing from
it read as zeros. With `vector_attrs = []` the layer is MultiHashEmbed.v2 without static vectors, weight for weight.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

import numpy
from spacy.attrs import intify_attr
from spacy.ml.featureextractor import FeatureExtractor
from spacy.tokens import Doc
from spacy.util import registry
from thinc.api import HashEmbed, Maxout, Model, chain, concatenate, list2ragged, ragged2list, with_array
from thinc.initializers import glorot_uniform_init
from thinc.types import Floats2d, Ragged


@registry.architectures("kg.CharEmbed.v1")
def CharEmbed(width: int, attrs: list[str], rows: list[int], vector_attrs: list[str]) -> Model[list[Doc], list[Floats2d]]:
    """Hash embeddings of `attrs` (`rows` each) and projected vectors of `vector_attrs`, mixed to `width`."""
    if len(rows) != len(attrs):
        raise ValueError(f"kg.CharEmbed: {len(rows)} row counts for {len(attrs)} attributes")
    # the seeds MultiHashEmbed.v2 gives its tables, so that vector_attrs = [] rebuilds it exactly
    embeddings = [HashEmbed(width, n_rows, column=i, seed=8 + i, dropout=0.0) for i, n_rows in enumerate(rows)]
    hashed: Model[list[Doc], Ragged] = chain(FeatureExtractor(attrs), list2ragged(), with_array(concatenate(*embeddings)))
    mix = with_array(Maxout(width, width * (len(attrs) + len(vector_attrs)), nP=3, dropout=0.0, normalize=True))
    if not vector_attrs:
        return chain(hashed, mix, ragged2list())
    vectors = [AttrVectors(width, attr) for attr in vector_attrs]
    return chain(concatenate(hashed, *vectors), mix, ragged2list())


def AttrVectors(nO: int, attr: str, init_W: Callable = glorot_uniform_init) -> Model[list[Doc], Ragged]:
    """The vocab's vectors of each token's `attr` value (a string hash), projected to nO by a learned matrix."""
    cache: dict = {}  # the vectors table's keys sorted for numpy lookups; rebuilt when the table changes
    return Model(f"vectors_{attr.lower()}", partial(_forward, cache), init=partial(_init, init_W),
                 params={"W": None}, attrs={"attr": attr}, dims={"nO": nO, "nM": None})


def _rows(cache: dict, vectors, keys: numpy.ndarray) -> numpy.ndarray:
    """Rows of `keys` in the table, -1 where missing. Vectors.find loops in Python: this is one searchsorted."""
    if cache.get("id") != (id(vectors), len(vectors.key2row)):
        items = sorted(vectors.key2row.items())
        cache["keys"] = numpy.asarray([k for k, _ in items], dtype="uint64")
        cache["rows"] = numpy.asarray([r for _, r in items], dtype="int64")
        cache["id"] = (id(vectors), len(vectors.key2row))
    table_keys, table_rows = cache["keys"], cache["rows"]
    if not len(table_keys):
        return numpy.full(len(keys), -1, dtype="int64")
    index = numpy.minimum(numpy.searchsorted(table_keys, keys), len(table_keys) - 1)
    return numpy.where(table_keys[index] == keys, table_rows[index], -1)


def _forward(cache: dict, model: Model, docs: list[Doc], is_train: bool) -> tuple[Ragged, Callable]:
    ops = model.ops
    lengths = ops.asarray1i([len(doc) for doc in docs])
    n_out = model.get_dim("nO")
    if not sum(len(doc) for doc in docs):
        return Ragged(ops.alloc2f(0, n_out), lengths), lambda d_ragged: []
    attr = intify_attr(model.attrs["attr"])
    vectors = docs[0].vocab.vectors
    keys = numpy.concatenate([doc.to_array(attr).reshape(-1) for doc in docs]).astype("uint64")
    rows = _rows(cache, vectors, keys)
    V = ops.asarray2f(vectors.data[rows])
    V[rows < 0] = 0.0
    W = ops.as_contig(model.get_param("W"))
    output = Ragged(ops.gemm(V, W, trans2=True), lengths)

    def backprop(d_output: Ragged) -> list:
        model.inc_grad("W", ops.gemm(ops.as_contig(d_output.data), V, trans1=True))
        return []

    return output, backprop


def _init(init_W: Callable, model: Model, X: list[Doc] | None = None, Y=None) -> Model:
    if X is not None and len(X):
        shape = X[0].vocab.vectors.shape
        if not shape[0] or not shape[1]:
            raise ValueError("kg.CharEmbed: vector_attrs are set but the vocab has no vectors table "
                             "(set [initialize] vectors to a `kg train vectors` folder)")
        model.set_dim("nM", shape[1])
    if not model.has_dim("nM"):
        raise ValueError("kg.CharEmbed: no vectors width (initialize the model with sample docs)")
    model.set_param("W", init_W(model.ops, (model.get_dim("nO"), model.get_dim("nM"))))
    return model


__all__ = ["AttrVectors", "CharEmbed"]
