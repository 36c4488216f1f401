"""SPARQL over exported graphs (pyoxigraph): the build's persistent store, read-only queries, named queries in
queries/*.rq, and the SPARQL endpoint of `kg serve` (kg.query.server)."""

from kg.query.engine import (  # noqa: F401
    NamedQuery,
    QueryError,
    format_result,
    load_store,
    named_queries,
    open_graph,
    result_rows,
    run_query,
    term_text,
)
from kg.query.store import StoreError, fill_store, open_store, store_status  # noqa: F401
