"""Query times from the persistent store (OUT_DIR/store/) on a ≥1M-triple graph: cold and warm.

    nice -n 5 .venv/bin/python bench/store_bench.py                    # synthesise ~1.1M triples (bench/rdf_bench.py)
    nice -n 5 .venv/bin/python bench/store_bench.py --graph output/graph.ttl   # a real build's graph instead
    nice -n 5 .venv/bin/python bench/store_bench.py --scale 0.1        # quick look

Writes graph.ttl into a work folder, fills the store with kg.query.store.fill_store (as `kg build` does), then:

- cold: each query in a fresh process, with the store's files evicted from the page cache first
  (posix_fadvise DONTNEED), timed from opening the store to the last row read; then in a fresh process with the
  files cached (a second `kg query`); at the end the whole `kg query OUT_DIR NAME` command (process start and
  imports included) against the old path that parses graph.ttl;
- warm: the same queries again in one process on the open store (median of --runs).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


def write_graph(folder: Path, scale: float) -> Path:
    from rdf_bench import synthesise

    from kg.graph.export import serialize_rdf
    from kg.graph.mapping import to_triples

    path = folder / "graph.ttl"
    path.write_bytes(serialize_rdf(to_triples(synthesise(scale)), "ttl"))
    return path


def evict(folder: Path) -> None:
    """Drop the folder's files from the page cache, so that the next read comes from disk."""
    for path in folder.rglob("*"):
        if path.is_file():
            fd = os.open(path, os.O_RDONLY)
            try:
                os.fsync(fd)
                os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
            finally:
                os.close(fd)


def queries(busy_name: str) -> dict[str, tuple[str, dict]]:
    """name → (SPARQL text or named query, parameters)."""
    from kg.query import named_queries

    chosen = {"count_all": (COUNT, {})}
    for name in named_queries():
        chosen[name] = (name, {"name": busy_name} if name in ("entity", "articles_mentioning") else {})
    return chosen


def run_one(store, query: str, params: dict) -> int:
    from kg.query.engine import query_text, run_query

    text, named = query_text(query)
    return sum(1 for _ in run_query(store, text, params, named))


def cold_child(store_dir: str, query: str, params: str) -> None:
    """In a fresh process: open the store and run one query; prints {"seconds", "rows"}."""
    from kg.query.store import open_store

    started = time.perf_counter()
    rows = run_one(open_store(Path(store_dir)), query, json.loads(params))
    print(json.dumps({"seconds": time.perf_counter() - started, "rows": rows}))


def cold(store_dir: Path, query: str, params: dict, *, evicted: bool = True) -> dict:
    if evicted:
        evict(store_dir)
    started = time.perf_counter()
    child = subprocess.run([sys.executable, __file__, "--cold-child", str(store_dir), query, json.dumps(params)],
                           capture_output=True, text=True, check=True)
    result = json.loads(child.stdout)
    result["process"] = time.perf_counter() - started
    return result


def kg_query(folder: Path, query: str, params: dict, *extra: str) -> float:
    args = [sys.executable, "-m", "kg", "query", str(folder), query, "--format", "csv", *extra]
    for name, value in params.items():
        args += ["--param", f"{name}={value}"]
    evict(folder / "store")
    started = time.perf_counter()
    subprocess.run(args, capture_output=True, check=True, cwd=ROOT)
    return time.perf_counter() - started


def busiest_name(store) -> str:
    """A person with many facts: the entity and articles_mentioning queries then have work to do."""
    text = """SELECT ?name WHERE { { SELECT ?e (COUNT(*) AS ?n) WHERE { ?f rdf:subject ?e } GROUP BY ?e
              ORDER BY DESC(?n) LIMIT 1 } ?e skos:prefLabel ?name }"""
    from kg.query.engine import run_query

    return next(iter(run_query(store, text)))["name"].value


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=0.8, help="synthetic graph size; 0.8 gives ~1.1M triples")
    parser.add_argument("--graph", type=Path, help="use this graph.ttl instead of a synthetic one")
    parser.add_argument("--workdir", type=Path, help="keep the graph and the store here (default: a temp folder)")
    parser.add_argument("--runs", type=int, default=5, help="warm runs per query")
    parser.add_argument("--cold-child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.cold_child:
        cold_child(*args.cold_child)
        return
    from machine import describe

    print(describe())
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.workdir or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        bench(folder, args)


def bench(folder: Path, args) -> None:
    from kg.query.store import fill_store, open_store

    started = time.perf_counter()
    graph = folder / "graph.ttl"
    if args.graph:
        graph.write_bytes(args.graph.read_bytes())
    elif not graph.is_file():
        write_graph(folder, args.scale)
    print(f"graph: {graph.stat().st_size / 1e6:.0f} MB of Turtle ({time.perf_counter() - started:.1f} s to make)")
    started = time.perf_counter()
    quads = fill_store(folder / "store", [graph])
    size = sum(p.stat().st_size for p in (folder / "store").rglob("*") if p.is_file())
    print(f"fill_store: {quads:,} quads in {time.perf_counter() - started:.1f} s; store {size / 1e6:.0f} MB on disk")
    store = open_store(folder / "store")
    chosen = queries(busiest_name(store))
    del store
    print("cold: a new process, the store's files evicted from the page cache; new process: the same with the "
          "files cached (a second `kg query`); warm: the store already open; process: with interpreter start and "
          "imports")
    print(f"{'query':20} {'rows':>7} {'cold ms':>8} {'(process)':>10} {'new process ms':>15} {'warm ms':>8}")
    for name, (query, params) in chosen.items():
        first = cold(folder / "store", query, params)
        again = cold(folder / "store", query, params, evicted=False)
        warm = warm_median(folder / "store", query, params, args.runs)
        print(f"{name:20} {first['rows']:7d} {first['seconds'] * 1000:8.1f} {first['process'] * 1000:10.0f} "
              f"{again['seconds'] * 1000:15.1f} {warm * 1000:8.1f}")
    name, (query, params) = "people_posts", chosen["people_posts"]
    print(f"`kg query OUT_DIR {name}` whole command, store cold: {kg_query(folder, query, params):.2f} s; "
          f"parsing graph.ttl instead (--no-store): {kg_query(folder, query, params, '--no-store'):.2f} s")


def warm_median(store_dir: Path, query: str, params: dict, runs: int) -> float:
    from kg.query.store import open_store

    store = open_store(store_dir)
    run_one(store, query, params)
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        run_one(store, query, params)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


if __name__ == "__main__":
    main()
