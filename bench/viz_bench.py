"""Viewer figures: HTML generation time at 20k nodes / 40k edges, and time to interactive in headless Chromium.

    .venv/bin/python bench/viz_bench.py            # both
    .venv/bin/python bench/viz_bench.py --no-browser

Targets (issue #6): generation ≤ 2 s for 20k/40k; a 2k-node page ready (stabilised or frozen) ≤ 5 s,
measured from navigation start to the `kgViewer.ready` flag the page's JS sets.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kg.viz import render_graph  # noqa: E402
from kg.viz.layout import igraph  # noqa: E402
from kg.viz.synthetic import synthetic_graph  # noqa: E402

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update"]


def bench_generation(out: Path, nodes: int, edges: int, runs: int) -> Path:
    graph = synthetic_graph(nodes, edges, seed=1)
    render_graph(synthetic_graph(30, 60), out / "warmup.html")  # imports (pyvis, jinja2, igraph) once
    times, cpu = [], []
    for i in range(runs):
        started, started_cpu = time.perf_counter(), time.process_time()
        path = render_graph(graph, out / f"graph-{nodes}.html")
        times.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    size = path.stat().st_size / 1e6
    # CPU time too: on a shared machine the wall clock mostly measures the neighbours.
    print(f"generation {nodes} nodes / {graph.number_of_edges()} edges: wall best {min(times):.2f} s, "
          f"median {statistics.median(times):.2f} s; CPU best {min(cpu):.2f} s; {runs} runs; page {size:.1f} MB "
          f"(layout engine: {'igraph' if igraph else 'networkx fallback'})")
    return path


def bench_browser(out: Path, nodes: int, edges: int, runs: int) -> None:
    from playwright.sync_api import sync_playwright

    executable = shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(executable).exists():
        print("browser: skipped, no chromium binary")
        return
    graph = synthetic_graph(nodes, edges, seed=2)
    path = render_graph(graph, out / f"page-{nodes}.html")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        ready = []
        for _ in range(runs):
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(("file:", "data:"))
                       else r.abort())
            page.goto(path.resolve().as_uri())
            page.wait_for_function("window.kgViewer && window.kgViewer.ready === true", timeout=60_000)
            # performance.now() counts from the navigation start.
            ready.append(page.evaluate("window.kgViewer.readyAt") / 1000)
            drawn = page.evaluate("window.kgViewer.drawnCounts()")
            physics = page.evaluate("window.kgViewer.data.meta.physics")
            page.close()
        browser.close()
    print(f"browser {nodes} nodes / {graph.number_of_edges()} edges ({'physics, then frozen' if physics else 'precomputed'}): "
          f"ready in best {min(ready):.2f} s, median {statistics.median(ready):.2f} s over {runs} runs; "
          f"drawn {drawn['nodes']} nodes / {drawn['edges']} edges")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--no-browser", action="store_true")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        bench_generation(out, 20_000, 40_000, args.runs)
        if not args.no_browser:
            bench_browser(out, 2_000, 4_000, args.runs)
            bench_browser(out, 20_000, 40_000, 1)


if __name__ == "__main__":
    main()
