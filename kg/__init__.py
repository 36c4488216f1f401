"""kg: a knowledge-graph builder for Chinese news.

Stages, each a subpackage: ingest → nlp → extract → resolve → graph (RDF, exports) → viz.
The records flowing between them are plain dataclasses in `kg.records`.
"""

__version__ = "0.1.0"


def build(*args, **kwargs):
    """Run the whole pipeline; see `kg.pipeline.build`."""
    from kg.pipeline import build as _build

    return _build(*args, **kwargs)
