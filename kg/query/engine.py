"""Read-only SPARQL 1.1 on pyoxigraph over a graph written by `kg build`.

The graph is read from the build's persistent store (OUT_DIR/store/, kg.query.store) while it matches the
exports, else loaded into an in-memory store; either way together with the ontology it imports (ontology/kg.ttl,
into the named graph of the ontology IRI; the default graph is the union), so queries can use class and
property labels. Federated SERVICE calls are refused unless asked for (kg.query.guard). Named queries live in queries/*.rq with a comment header:

    # People and their posts.            ← first line: one-line description
    # Longer explanation ...
    # param: name = 曹慧泉 @zh — the entity's name or alias     ← optional parameters (default, language)
    # empty: no entity named {name}                             ← optional: what 0 rows mean (params filled in)
"""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from pyoxigraph import (
    BlankNode,
    Literal,
    NamedNode,
    QueryBoolean,
    QueryResultsFormat,
    QuerySolutions,
    RdfFormat,
    Store,
    serialize,
)

from kg.graph.namespace import ONTOLOGY_IRI, PREFIXES
from kg.paths import ontology_dir, queries_dir
from kg.query.guard import ServiceRefused, check_network
from kg.query.store import StoreError, open_store, store_for

_SUFFIX_FORMATS = {".ttl": "ttl", ".turtle": "ttl", ".nt": "nt", ".jsonld": "jsonld", ".json": "jsonld"}
_OXI_FORMATS = {"ttl": RdfFormat.TURTLE, "nt": RdfFormat.N_TRIPLES, "jsonld": RdfFormat.JSON_LD}
RESULT_FORMATS = ("table", "csv", "tsv", "json", "xml")

# SPARQL Update operations, after any PREFIX/BASE declarations and comments.
_UPDATE = re.compile(
    r"^(?:\s|#[^\n]*\n|(?:PREFIX\s+[^\s:]*:\s*<[^>]*>)|(?:BASE\s*<[^>]*>))*"
    r"(INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY|WITH)\b",
    re.IGNORECASE,
)
_PARAM = re.compile(r"^#\s*param:\s*(\w+)\s*(?:=\s*(.*?))?\s*(@[a-zA-Z-]+)?\s*(?:[—-]{1,2}\s*(.*))?$")
_EMPTY = re.compile(r"^#\s*empty:\s*(.+?)\s*$")
_SPARQL_START = re.compile(r"^\s*(?:#[^\n]*\n\s*)*(SELECT|ASK|CONSTRUCT|DESCRIBE|PREFIX|BASE|WITH)\b", re.IGNORECASE)


class QueryError(ValueError):
    """A query that can't run: bad syntax, an update, a missing parameter, an unreadable graph."""


def resolve_graph_path(path: str | Path) -> Path:
    """A graph file, or a build folder holding graph.ttl / graph.nt / graph.jsonld."""
    path = Path(path)
    if path.is_dir():
        for name in ("graph.ttl", "graph.nt", "graph.jsonld"):
            if (path / name).is_file():
                return path / name
        raise QueryError(f"{path}: no graph.ttl, graph.nt or graph.jsonld in this folder (run `kg build` first)")
    if not path.is_file():
        raise QueryError(f"{path}: no such graph file or build folder (give GRAPH, or run `kg build` first)")
    return path


def rdf_format_of(path: Path) -> str:
    fmt = _SUFFIX_FORMATS.get(Path(path).suffix.lower())
    if fmt is None:
        raise QueryError(f"{path}: unknown RDF file type (expected .ttl, .nt or .jsonld)")
    return fmt


def load_store(path: str | Path, *, imports: bool = True, cache: bool = False) -> Store:
    """A store with the graph (default graph) and, with `imports`, the kg ontology (named graph).

    In memory by default. With `cache`, the loaded store is kept on disk next to the graph
    (`.graph.ttl.oxigraph/`) and reopened as long as the graph file is unchanged: large graphs then
    open in milliseconds instead of being parsed again.
    """
    path = resolve_graph_path(path)
    if cache:
        return _cached_store(path, imports)
    store = Store()
    _fill(store, path, imports)
    return store


def open_graph(path: str | Path, *, cache: bool = False, use_store: bool = True) -> tuple[Store, str, str]:
    """(store, where it came from, why the build's store was not used) for a build folder or graph file.

    The build's persistent store (`OUT_DIR/store/`, see kg.query.store) when there is one and it still matches the
    graph files (no parsing: milliseconds); else the graph file, parsed (`load_store`), with the reason when
    there was a store."""
    status = store_for(Path(path)) if use_store else None
    reason = status.reason if status is not None else ""
    if status is not None and status.current:
        try:
            return open_store(status.path), f"store {status.path}", ""
        except StoreError as error:
            reason = str(error)
    graph = resolve_graph_path(path)
    return load_store(graph, cache=cache), f"parsed {graph}", reason


def _fill(store: Store, path: Path, imports: bool, *, bulk: bool = False) -> None:
    """Load the graph (and the ontology).

    In memory, `Store.load` (one sequential transaction) rather than `bulk_load`: it loads a 1M-triple
    graph in about the same time, and the named queries then run markedly faster on it (measured with
    bench/rdf_bench.py: events ~1.7x, cooperation ~1.2x; presumably because the in-memory index then
    follows the file's subject order). The on-disk cache keeps `bulk_load`, which writes RocksDB files.
    """
    load = store.bulk_load if bulk else store.load
    try:
        load(path=str(path), format=_OXI_FORMATS[rdf_format_of(path)])
    except SyntaxError as error:
        raise QueryError(f"{path}: not valid RDF: {error}") from None
    ontology = ontology_dir() / "kg.ttl"
    if imports and ontology.is_file():
        load(path=str(ontology), format=RdfFormat.TURTLE, to_graph=NamedNode(ONTOLOGY_IRI))


def _fingerprint(path: Path, imports: bool) -> str:
    import pyoxigraph

    parts = {"graph": [path.stat().st_size, path.stat().st_mtime_ns], "pyoxigraph": pyoxigraph.__version__}
    ontology = ontology_dir() / "kg.ttl"
    if imports and ontology.is_file():
        parts["ontology"] = [ontology.stat().st_size, ontology.stat().st_mtime_ns]
    return json.dumps(parts, sort_keys=True)


def _cached_store(path: Path, imports: bool) -> Store:
    cache_dir = path.with_name(f".{path.name}.oxigraph" + ("" if imports else "-data"))
    stamp = cache_dir.with_name(cache_dir.name + ".stamp")
    fingerprint = _fingerprint(path, imports)
    if cache_dir.is_dir() and stamp.is_file() and stamp.read_text(encoding="utf-8") == fingerprint:
        try:
            return Store.read_only(str(cache_dir))
        except OSError:
            pass  # unreadable cache: rebuild it
    # Build in a fresh folder and move it into place, so a concurrent reader never sees half a store.
    building = Path(tempfile.mkdtemp(prefix=cache_dir.name + ".", dir=path.parent))
    try:
        store = Store(str(building))
        _fill(store, path, imports, bulk=True)
        store.flush()
        del store  # closes the database
        stamp.unlink(missing_ok=True)
        shutil.rmtree(cache_dir, ignore_errors=True)
        os.replace(building, cache_dir)
    except BaseException:
        shutil.rmtree(building, ignore_errors=True)
        raise
    stamp.write_text(fingerprint, encoding="utf-8")
    return Store.read_only(str(cache_dir))


@dataclass
class QueryParam:
    name: str
    default: str | None = None
    language: str | None = None  # the literal's language tag, e.g. "zh"
    help: str = ""

    def literal(self, value: str) -> Literal:
        return Literal(value, language=self.language) if self.language else Literal(value)


@dataclass
class NamedQuery:
    name: str
    path: Path
    description: str
    text: str
    params: list[QueryParam] = field(default_factory=list)
    empty: str = ""  # what an empty result means, with {param} placeholders

    def empty_message(self, params: Mapping[str, str]) -> str:
        values = {p.name: p.default or "" for p in self.params} | dict(params)
        try:
            return self.empty.format_map(values)
        except (KeyError, ValueError, IndexError):
            return self.empty

    @classmethod
    def from_file(cls, path: Path) -> "NamedQuery":
        text = path.read_text(encoding="utf-8")
        header = []
        for line in text.splitlines():
            if not line.startswith("#"):
                break
            header.append(line)
        description = header[0].lstrip("# ").strip() if header else ""
        params, empty = [], ""
        for line in header:
            if match := _PARAM.match(line.strip()):
                params.append(QueryParam(match[1], match[2] or None, (match[3] or "")[1:] or None, match[4] or ""))
            elif match := _EMPTY.match(line.strip()):
                empty = match[1]
        return cls(path.stem, path, description, text, params, empty)


def named_queries(directory: Path | None = None) -> dict[str, NamedQuery]:
    directory = directory or queries_dir()
    return {p.stem: NamedQuery.from_file(p) for p in sorted(Path(directory).glob("*.rq"))}


def is_query(text: str) -> bool:
    """Whether `text` reads as a query (SPARQL, a .rq file, a named query) rather than a graph path."""
    return bool(_SPARQL_START.match(text)) or text.endswith(".rq") or text in named_queries()


def query_text(query: str) -> tuple[str, NamedQuery | None]:
    """The SPARQL text for a query given inline, as a .rq file, or as the name of a named query."""
    queries = named_queries()
    if query in queries:
        return queries[query].text, queries[query]
    candidate = Path(query)
    if query.endswith(".rq") or (len(query) < 4096 and "\n" not in query and candidate.is_file()):
        if not candidate.is_file():
            raise QueryError(f"{query}: no such query file")
        named = NamedQuery.from_file(candidate)
        return named.text, named
    if re.fullmatch(r"[\w-]+", query):
        raise QueryError(f"unknown named query {query!r}; `kg query --list` shows them")
    return query, None


_WHERE = re.compile(r"\bWHERE\s*\{", re.IGNORECASE)
# Strings, IRIs and comments, blanked out before looking for the WHERE group (a `#` or `{` inside them is text).
_OPAQUE = re.compile(
    r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>"{}|^`\\\s]*>|#[^\n]*'
)
_CONSTRUCT = re.compile(r"\bCONSTRUCT\b", re.IGNORECASE)


def _where_group_start(query: str) -> int | None:
    """Index just after the `{` opening the query's outermost WHERE group (the keyword WHERE is optional)."""
    masked = _OPAQUE.sub(lambda m: " " * len(m.group()), query)
    match = _WHERE.search(masked)
    if match:
        return match.end()
    if _CONSTRUCT.search(masked):  # the first `{` of a CONSTRUCT is its template, not the pattern
        return None
    brace = masked.find("{")
    return brace + 1 if brace >= 0 else None


def bind_parameters(query: str, bindings: Mapping[str, Literal]) -> str:
    """Bind parameters with a VALUES block at the start of the outermost WHERE group.

    (pyoxigraph's `substitutions` binds after evaluation, which is far slower; VALUES lets the optimizer
    start from the bound value.) Literals are written in N-Triples syntax, so any value is safely escaped.
    """
    if not bindings:
        return query
    start = _where_group_start(query)
    if start is None:
        raise QueryError("parameters need a query with a WHERE { ... } clause")
    values = "".join(f" VALUES ?{name} {{ {literal} }}" for name, literal in sorted(bindings.items()))
    return query[:start] + values + "\n" + query[start:]


def run_query(
    store: Store,
    query: str,
    params: Mapping[str, str] | None = None,
    named: NamedQuery | None = None,
    *,
    allow_service: bool = False,
):
    """Run a read-only query; returns QuerySolutions, QueryBoolean or QueryTriples. Raises QueryError.

    A federated SERVICE call is refused unless `allow_service` (it would send a request to the URL it names)."""
    if _UPDATE.match(query):
        raise QueryError("SPARQL Update (INSERT/DELETE/LOAD/CLEAR/DROP/...) is not allowed: `kg query` is read-only")
    try:
        check_network(query, allow_service=allow_service)
    except ServiceRefused as error:
        raise QueryError(str(error)) from None
    params = dict(params or {})
    declared = {p.name: p for p in (named.params if named else [])}
    bindings: dict[str, Literal] = {}
    for name, param in declared.items():
        value = params.pop(name, param.default)
        if value is None:
            raise QueryError(f"query {named.name!r} needs --param {name}=VALUE ({param.help or 'no default'})")
        bindings[name] = param.literal(value)
    if named is not None and params:
        known = ", ".join(declared) or "none"
        raise QueryError(f"query {named.name!r} has no parameter {', '.join(sorted(params))} (parameters: {known})")
    for name, value in params.items():  # ad-hoc queries: plain literals
        if not re.fullmatch(r"[A-Za-z_]\w*", name):
            raise QueryError(f"bad parameter name {name!r}")
        bindings[name] = Literal(value)
    try:
        return store.query(
            bind_parameters(query, bindings),
            prefixes=PREFIXES,  # kgo:, schema:, org:, skos:, prov: ... usable without declaring them
            use_default_graph_as_union=True,
        )
    except SyntaxError as error:
        raise QueryError(f"SPARQL syntax error: {error}") from None
    except RuntimeError as error:  # e.g. a substituted variable missing from the projection
        raise QueryError(f"query failed: {error}") from None


_ALWAYS_THERE = (PREFIXES["rdf"], PREFIXES["xsd"])  # rdf:type, datatypes and casts need not occur as terms


def _walk(node, visit) -> None:
    """Call `visit` on every node of rdflib's algebra of a query (a tree of dicts and lists)."""
    visit(node)
    if isinstance(node, dict):
        for value in node.values():
            _walk(value, visit)
    elif isinstance(node, (list, tuple, set)):
        for value in node:
            _walk(value, visit)


def _oxigraph_term(term):
    """The pyoxigraph term of a constant in a triple pattern; None for a variable, blank node or path."""
    from rdflib import Literal as RdfLiteral
    from rdflib import URIRef

    if isinstance(term, URIRef):
        return NamedNode(str(term))
    if isinstance(term, RdfLiteral):
        if term.language:
            return Literal(str(term), language=term.language)
        return Literal(str(term), datatype=NamedNode(str(term.datatype))) if term.datatype else Literal(str(term))
    return None


def _pattern_text(triple) -> str:
    return " ".join("a" if str(t) == PREFIXES["rdf"] + "type" else t.n3() if hasattr(t, "n3") else str(t)
                    for t in triple)


def query_warnings(store: Store, query: str) -> list[str]:
    """Why a query may come back empty, silently: IRIs that occur nowhere in the store (a typo'd prefix or name),
    and triple patterns that nothing matches (a name without its @zh tag, a class only the ontology mentions:
    kg query does no entailment). The query is parsed with rdflib (pyoxigraph exposes no algebra); one it cannot
    parse is not checked."""
    from rdflib import URIRef
    from rdflib.paths import Path as PropertyPath
    from rdflib.plugins.sparql import prepareQuery

    try:
        algebra = prepareQuery(query, initNs=PREFIXES).algebra
    except Exception:  # pyparsing and rdflib raise many kinds; pyoxigraph already accepted the query
        return []
    iris: set[str] = set()
    triples: list[tuple] = []

    def visit(node) -> None:
        if isinstance(node, URIRef):
            iris.add(str(node))
        elif isinstance(node, PropertyPath):
            _walk(list(vars(node).values()), visit)
        elif isinstance(node, dict) and getattr(node, "name", None) == "BGP":
            triples.extend(node.get("triples") or ())

    _walk(algebra, visit)
    absent = [i for i in sorted(iris) if not i.startswith(_ALWAYS_THERE) and not _occurs(store, NamedNode(i))]
    warnings = [f"<{iri}> occurs nowhere in the graph (a typo in a prefix or name?)" for iri in absent]
    for triple in triples:
        pattern = [_oxigraph_term(t) for t in triple]
        if any(isinstance(t, PropertyPath) for t in triple) or all(t is None for t in pattern):
            continue
        if any(str(t) in absent for t in triple):
            continue  # said above
        if next(store.quads_for_pattern(*pattern), None) is None:
            warnings.append(f"nothing in the graph matches `{_pattern_text(triple)}` (names are tagged @zh; "
                            "kg query does no RDFS entailment)")
    return warnings


def _occurs(store: Store, node: NamedNode) -> bool:
    patterns = ((node, None, None), (None, node, None), (None, None, node))
    return any(next(store.quads_for_pattern(*pattern), None) is not None for pattern in patterns)


_REVERSE_PREFIXES = sorted(((ns, p) for p, ns in PREFIXES.items()), key=lambda x: -len(x[0]))


def term_text(term) -> str:
    """A readable rendering of an RDF term for tables: prefixed names, bare literal values."""
    if term is None:
        return ""
    if isinstance(term, NamedNode):
        for namespace, prefix in _REVERSE_PREFIXES:
            if term.value.startswith(namespace) and re.fullmatch(r"[\w.-]*", term.value[len(namespace):]):
                return f"{prefix}:{term.value[len(namespace):]}"
        return term.value
    if isinstance(term, BlankNode):
        return f"_:{term.value}"
    if isinstance(term, Literal):
        return term.value
    return str(term)


def result_rows(result) -> tuple[list[str], list[list[str]]]:
    """(column names, rows of readable strings) for any query result."""
    if isinstance(result, QueryBoolean):
        return ["result"], [["true" if bool(result) else "false"]]
    if isinstance(result, QuerySolutions):
        columns = [v.value for v in result.variables]
        return columns, [[term_text(solution[c]) for c in columns] for solution in result]
    rows = [[term_text(t.subject), term_text(t.predicate), term_text(t.object)] for t in result]
    return ["subject", "predicate", "object"], rows


def format_result(result, fmt: str = "csv") -> bytes:
    """Serialise a result in a standard format: SPARQL 1.1 CSV/TSV/JSON/XML results, Turtle for graphs."""
    fmt = fmt.lower()
    if fmt not in RESULT_FORMATS or fmt == "table":
        raise QueryError(f"unknown result format {fmt!r}; choose from {', '.join(RESULT_FORMATS)}")
    if isinstance(result, (QuerySolutions, QueryBoolean)):
        buffer = io.BytesIO()
        result.serialize(buffer, getattr(QueryResultsFormat, fmt.upper()))
        return buffer.getvalue()
    return serialize(result, format=RdfFormat.TURTLE, prefixes=PREFIXES)  # CONSTRUCT / DESCRIBE
