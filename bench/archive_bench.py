"""The archive build on real news, in one run: end-to-end chars/s at 1 and 10 MB with --jobs 1 and --jobs 2 beside
the NER pipeline alone and the segmenter alone; peak RSS at 1 / 10 / 100 MB; one new article into the 10 MB graph.

    nice -n 5 .venv/bin/python bench/archive_bench.py [--sizes 1 10] [--rss-sizes 1 10 100] [--work /tmp/kg-archive-bench]
    nice -n 5 .venv/bin/python bench/archive_bench.py --update-only     # kg update of 1 article into the 10 M build
    .venv/bin/python bench/archive_bench.py --update-only --rekey       # the same after a change to the rules
    .venv/bin/python bench/archive_bench.py --update-only --rekey --repeat 3   # three runs and their median

The corpora are qqnews articles (../shared/corpora/qqnews, never copied into the repository) written under --work
as a user's archive is: one Markdown file per article (title and date in front matter). Every build is a fresh
`kg build --no-html` in its own interpreter (model load included); peak RSS is the main process's and the whole
process tree's (workers included), sampled every 0.2 s. The load average is printed beside every timing: the
machine is shared.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
CORPORA = Path(os.environ.get("KG_CORPORA", REPO.parent / "shared" / "corpora"))


def write_corpus(folder: Path, megachars: float, skip: int = 0) -> tuple[int, int]:
    """(files, body characters) of an archive of the first qqnews articles after `skip`, up to `megachars` M chars."""
    stamp = folder / ".complete"
    if stamp.exists():
        return tuple(json.loads(stamp.read_text()))
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    files = chars = 0
    for record in qqnews(skip):
        body = f"---\ntitle: {json.dumps(record['title'], ensure_ascii=False)}\ndate: {record['date']}\n---\n\n"
        (folder / f"{record['id']}.md").write_text(body + record["text"] + "\n", encoding="utf-8")
        files, chars = files + 1, chars + len(record["text"])
        if chars >= megachars * 1e6:
            break
    stamp.write_text(json.dumps([files, chars]))
    return files, chars


def qqnews(skip: int = 0):
    for part in (1, 2, 3):
        with gzip.open(CORPORA / "qqnews" / f"qqnews-{part}.jsonl.gz", "rt", encoding="utf-8") as fh:
            for line in fh:
                if skip:
                    skip -= 1
                    continue
                yield json.loads(line)


def load() -> str:
    return "load %.2f %.2f %.2f" % os.getloadavg()


def run_measured(command: list[str]) -> dict:
    """Run `command`; wall seconds, CPU seconds of the tree, peak RSS of the main process and of the tree (MB)."""
    import resource

    import psutil

    started = time.perf_counter()
    before = load()
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    log = tempfile.TemporaryFile("w+", encoding="utf-8")  # a pipe read at the end would fill and stall the build
    proc = psutil.Popen(command, cwd=REPO, stdout=log, stderr=subprocess.STDOUT, text=True,
                        env=dict(os.environ, COLUMNS="250"))
    main_peak = tree_peak = 0
    while proc.poll() is None:
        try:
            rss = {p.pid: p.memory_info().rss for p in [proc, *proc.children(recursive=True)]}
        except psutil.Error:
            continue
        main_peak, tree_peak = max(main_peak, rss.get(proc.pid, 0)), max(tree_peak, sum(rss.values()))
        time.sleep(0.2)
    log.seek(0)
    output = log.read()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)  # every descendant, once reaped (the pool's workers too)
    cpu = after.ru_utime + after.ru_stime - used.ru_utime - used.ru_stime
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{output[-3000:]}")
    return {"seconds": time.perf_counter() - started, "cpu": cpu, "main_mb": main_peak / 2**20,
            "tree_mb": tree_peak / 2**20, "load_before": before, "load_after": load(), "output": output}


def kg_build(corpus: Path, out: Path, jobs: int) -> dict:
    shutil.rmtree(out, ignore_errors=True)
    return run_measured([sys.executable, "-m", "kg", "build", str(corpus), "--out", str(out), "--no-html", "-q",
                         "--jobs", str(jobs)])


def nlp_alone(corpus: Path, chars: int) -> dict:
    """The NER pipeline (segmenter + NER, no kg rules) and the segmenter alone over the same article bodies."""
    code = f"""
import json, os, sys, time
from pathlib import Path
texts = []
for path in sorted(Path({str(corpus)!r}).glob('*.md')):
    texts.append(path.read_text(encoding='utf-8').split('\\n---\\n', 1)[1].strip())
from kg.nlp import load
nlp = load()
list(nlp.pipe(texts[:5]))
n = sum(map(len, texts))
t, c = time.perf_counter(), time.process_time(); [nlp.tokenizer(x) for x in texts]
seg, seg_cpu = time.perf_counter() - t, time.process_time() - c
t, c = time.perf_counter(), time.process_time(); list(nlp.pipe(texts, batch_size=16))
ner, ner_cpu = time.perf_counter() - t, time.process_time() - c
print(json.dumps({{"chars": n, "segmenter": n / seg, "ner": n / ner, "segmenter_cpu": n / seg_cpu, "ner_cpu": n / ner_cpu}}))
"""
    env = dict(os.environ, OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1")
    before = load()
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO, env=env, capture_output=True, text=True, check=True)
    return {**json.loads(done.stdout.strip().splitlines()[-1]), "load_before": before, "load_after": load()}


def one_new_article(out: Path, work: Path, skip: int, jobs: int) -> dict:
    """`kg update NEW --out OUT --jobs JOBS` for one article that is not in the graph yet (with two jobs or more its
    NLP runs in a second process while the first reads the cached records)."""
    new = work / "new"
    write_corpus(new, 0.0005, skip=skip)
    return run_measured([sys.executable, "-m", "kg", "update", *map(str, sorted(new.glob("*.md"))),
                         "--out", str(out), "-q", "--jobs", str(jobs)])


def update_only(work: Path, jobs: int, rekey: bool = False, repeat: int = 1) -> None:
    """The 10 M build (once), then `kg update` of one new article into a fresh copy of it (hard links), `repeat`
    times (on a shared machine one run says little: the median does)."""
    folder, files, chars = work / "10mb", *write_corpus(work / "10mb", 10)
    built = work / f"out-10-{jobs}"
    if not (built / ".kg-cache" / "manifest.json").is_file():
        show(f"kg build --jobs {jobs}", chars, kg_build(folder, built, jobs))
    if rekey:
        built = rekeyed(built, work / f"out-10-{jobs}-rekeyed", files, jobs)
    seconds = []
    for _ in range(repeat):
        copy = work / "out-10-update"
        shutil.rmtree(copy, ignore_errors=True)
        subprocess.run(["cp", "-al", str(built), str(copy)], check=True)  # the update replaces files, never edits them
        figures = one_new_article(copy, work, skip=files + 1, jobs=jobs)
        report_update(figures)
        seconds.append(figures["seconds"])
    if repeat > 1:
        print(f"  median of {repeat}: {statistics.median(seconds):.1f} s (min {min(seconds):.1f}, max {max(seconds):.1f})")


def rekeyed(built: Path, target: Path, files: int, jobs: int) -> Path:
    """A copy of the build whose records carry this code's keys (rekey_cache), then made this code's build by an
    update with nothing new (not timed): its exports as this code writes them, and what this code keeps for the
    next update (the exports' splice state, kg/graph/splice.py), as a build by this code would leave them."""
    shutil.rmtree(target, ignore_errors=True)
    subprocess.run(["cp", "-al", str(built), str(target)], check=True)
    print(f"  cache re-keyed to this code: {rekey_cache(target)} of {files} records renamed", flush=True)
    done = run_measured([sys.executable, "-m", "kg", "update", "--out", str(target), "-q", "--jobs", str(jobs)])
    print(f"  made this code's build by an update with nothing new: {done['seconds']:.1f} s (not counted)", flush=True)
    return target


def rekey_cache(out: Path) -> int:
    """Rename the NLP records of the build in `out` (a copy) to the keys this code gives their files, so that an
    update after a change to kg's reading or extraction code (which invalidates every record: a 10-minute rebuild
    on 10 M chars) still reuses them, in the layout this code writes (FileRecord.stored, where it has one). For
    timing the stages after the NLP only: the records are the older code's, so the graph is not what a build with
    this code would make."""
    import pickle

    from kg.archive.cache import CACHE, RecordCache
    from kg.archive.stream import plan

    cache = out / CACHE
    manifest = json.loads((cache / "manifest.json").read_text(encoding="utf-8"))
    tasks, _, _ = plan([entry["path"] for entry in manifest["files"]])
    renamed = {}
    for entry, task in zip(manifest["files"], tasks, strict=True):
        old, new = entry["key"], task.key
        if old and new and old != new:
            target = cache / "nlp" / new[:2] / f"{new}.pkl"
            target.parent.mkdir(exist_ok=True)
            source = cache / "nlp" / old[:2] / f"{old}.pkl"
            record = pickle.loads(source.read_bytes())
            if hasattr(record, "stored") and record.stored() is not record:  # written by code that kept them whole
                target.write_bytes(pickle.dumps(record.stored(), protocol=pickle.HIGHEST_PROTOCOL))
                source.unlink()
            else:
                os.rename(source, target)
            renamed[old] = entry["key"] = new
    if renamed:  # files replaced, never edited: the copy shares its other files with the build (hard links)
        (cache / "manifest.json").unlink()
        (cache / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
        index_path = RecordCache(cache)._path(cache, "index", "build")
        index = pickle.loads(index_path.read_bytes())
        index["files"] = {renamed.get(key, key): summary for key, summary in index["files"].items()}
        index_path.unlink()
        index_path.write_bytes(pickle.dumps(index, protocol=pickle.HIGHEST_PROTOCOL))
    return len(renamed)


def report_update(figures: dict) -> None:
    print(f"  kg update, 1 new article into the 10 M chars graph: {figures['seconds']:.1f} s "
          f"(CPU {figures['cpu']:.1f} s, RSS {figures['main_mb']:.0f} MB) [{figures['load_before']} → "
          f"{figures['load_after']}]", flush=True)
    for line in figures["output"].splitlines():
        if "reused" in line or "by stage" in line:
            print("   ", line.strip(), flush=True)


def show(label: str, chars: int, figures: dict) -> None:
    stages = next((line.strip() for line in figures["output"].splitlines() if "by stage" in line), "")
    print(f"  {label:28s} {figures['seconds']:8.1f} s  {chars / figures['seconds']:8,.0f} chars/s  "
          f"CPU {figures['cpu']:7.1f} s ({chars / figures['cpu']:,.0f} chars per CPU second)  RSS main {figures['main_mb']:6.0f} MB, tree {figures['tree_mb']:6.0f} MB  "
          f"[{figures['load_before']} → {figures['load_after']}]", flush=True)
    print(f"    {stages}", flush=True)


def main() -> None:
    sys.path.insert(0, str(REPO / "bench"))
    from machine import describe

    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=float, nargs="*", default=[1, 10], help="M chars for the speed runs")
    parser.add_argument("--rss-sizes", type=float, nargs="*", default=[1, 10, 100], help="M chars for peak RSS")
    parser.add_argument("--jobs", type=int, nargs="*", default=[1, 2])
    parser.add_argument("--work", type=Path, default=Path("/tmp/kg-archive-bench"))
    parser.add_argument("--no-update", action="store_true")
    parser.add_argument("--update-only", action="store_true", help="only `kg update` of one new article into the 10 M "
                        "build under --work (built first when missing), on a copy, so it can be run again")
    parser.add_argument("--rekey", action="store_true", help="with --update-only: reuse the 10 M build's NLP records "
                        "even when kg's reading or extraction code changed since (their keys renamed in the copy): "
                        "times the stages after the NLP without a rebuild")
    parser.add_argument("--repeat", type=int, default=1, help="with --update-only: run the update this many times, "
                        "each on a fresh copy, and print the median")
    parser.add_argument("--no-alone", action="store_true", help="skip the NER-alone and segmenter-alone runs")
    args = parser.parse_args()
    print(describe(), "|", os.cpu_count(), "cores |", load(), flush=True)
    if args.update_only:
        return update_only(args.work, max(args.jobs), args.rekey, args.repeat)
    corpora = {size: (args.work / f"{size:g}mb", *write_corpus(args.work / f"{size:g}mb", size))
               for size in sorted({*args.sizes, *args.rss_sizes})}
    total_articles = max(files for _, files, _ in corpora.values())
    smallest = corpora[min(corpora)]
    alone = {"ner": float("nan")} if args.no_alone else nlp_alone(smallest[0], smallest[2])
    if not args.no_alone:
        print(f"NER pipeline alone {alone['ner']:,.0f} chars/s ({alone['ner_cpu']:,.0f} per CPU second), segmenter alone "
              f"{alone['segmenter']:,.0f} chars/s ({alone['segmenter_cpu']:,.0f} per CPU second), one core, on "
              f"{alone['chars']:,} chars [{alone['load_before']} → {alone['load_after']}]", flush=True)
    results = {}
    for size in sorted({*args.sizes, *args.rss_sizes}):
        folder, files, chars = corpora[size]
        print(f"{size:g} M chars: {files:,} files, {chars:,} chars", flush=True)
        for jobs in args.jobs if size in args.sizes else [max(args.jobs)]:
            results[size, jobs] = kg_build(folder, args.work / f"out-{size:g}-{jobs}", jobs)
            show(f"kg build --jobs {jobs}", chars, results[size, jobs])
    for size in args.sizes:
        if (size, 1) in results and (size, 2) in results:
            print(f"{size:g} M chars: --jobs 2 is {results[size, 1]['seconds'] / results[size, 2]['seconds']:.2f}x "
                  f"--jobs 1; --jobs 1 end to end is {corpora[size][2] / results[size, 1]['seconds'] / alone['ner']:.2f}x "
                  "the NER pipeline alone")
    if not args.no_update and 10 in args.sizes:
        report_update(one_new_article(args.work / f"out-10-{max(args.jobs)}", args.work, skip=total_articles + 1,
                                      jobs=max(args.jobs)))


if __name__ == "__main__":
    main()
