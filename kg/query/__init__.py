"""SPARQL over exported graphs (pyoxigraph): load, run read-only queries, named queries in queries/*.rq."""

from kg.query.engine import (  # noqa: F401
    NamedQuery,
    QueryError,
    format_result,
    load_store,
    named_queries,
    result_rows,
    term_text,
    run_query,
)
