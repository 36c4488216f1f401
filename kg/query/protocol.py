"""SPARQL 1.1 Protocol pieces that need no server: result media types and content negotiation.

https://www.w3.org/TR/sparql11-protocol/ and https://www.w3.org/TR/sparql11-results-json/ (and -xml, -csv-tsv).
"""

from __future__ import annotations

from pyoxigraph import QueryResultsFormat, RdfFormat

# (media type, pyoxigraph format), the server's preference first: what `Accept: */*` (or none) gets.
RESULT_TYPES = (
    ("application/sparql-results+json", QueryResultsFormat.JSON),
    ("application/sparql-results+xml", QueryResultsFormat.XML),
    ("text/csv", QueryResultsFormat.CSV),
    ("text/tab-separated-values", QueryResultsFormat.TSV),
    ("application/json", QueryResultsFormat.JSON),
    ("application/xml", QueryResultsFormat.XML),
)
GRAPH_TYPES = (
    ("text/turtle", RdfFormat.TURTLE),
    ("application/n-triples", RdfFormat.N_TRIPLES),
    ("application/rdf+xml", RdfFormat.RDF_XML),
    ("application/ld+json", RdfFormat.JSON_LD),
    ("application/n-quads", RdfFormat.N_QUADS),
    ("application/trig", RdfFormat.TRIG),
    ("text/plain", RdfFormat.N_TRIPLES),
    ("application/json", RdfFormat.JSON_LD),  # what JSON-asking clients (SPARQLWrapper's JSON) get for a graph
)


class NotAcceptable(ValueError):
    """No media type that the client accepts can carry this result."""


def _ranges(accept: str | None) -> list[tuple[str, float]]:
    """The media ranges of an Accept header with their q values; a missing or empty header accepts anything."""
    ranges = []
    for part in (accept or "*/*").split(","):
        media, *params = (p.strip() for p in part.split(";"))
        if not media:
            continue
        q = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = min(max(float(value), 0.0), 1.0)
                except ValueError:
                    q = 0.0  # a malformed weight accepts nothing rather than everything
        ranges.append((media.lower(), q))
    return ranges or [("*/*", 1.0)]


def _quality(media: str, ranges: list[tuple[str, float]]) -> float:
    """The q of the most specific range that matches `media` (RFC 9110 §12.5.1); 0 when none does."""
    kind = media.split("/")[0] + "/*"
    for candidate in (media, kind, "*/*"):
        matches = [q for r, q in ranges if r == candidate]
        if matches:
            return max(matches)
    return 0.0


def negotiate(accept: str | None, offers):
    """The (media type, format) of `offers` that the Accept header weighs highest; ties go to the earlier offer."""
    ranges = _ranges(accept)
    best, best_q = None, 0.0
    for offer in offers:
        q = _quality(offer[0], ranges)
        if q > best_q:
            best, best_q = offer, q
    if best is None:
        raise NotAcceptable(f"none of the accepted types ({accept}) can carry this result; "
                            f"ask for one of {', '.join(m for m, _ in offers)}")
    return best
