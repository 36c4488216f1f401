"""Speed of kg's Chinese pipeline on one core: load time, segmenter alone, segmenter + NER, peak RSS.

The measuring runs in a fresh interpreter: load time excludes imports, peak RSS is the pipeline's.

    OMP_NUM_THREADS=1 .venv/bin/python bench/nlp_speed.py [--chars 1000000] [--model PATH]

The text is news prose rebuilt from the corpora (MSRA NER sentences, then CLUENER, then the 199801
held-out slice), joined into paragraphs of ~300 characters.
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import json  # noqa: E402
import resource  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402


def news_paragraphs(n_chars: int, para_chars: int = 300) -> list[str]:
    from kg.nlp.training import corpora

    sentences = [e.text for e in corpora.read_msra()]
    sentences += [e.text for e in corpora.read_cluener()]
    sentences += ["".join(w for w, _ in s) for s in corpora.pd199801_split()[1]]
    paragraphs, current, total = [], "", 0
    for sentence in sentences:
        current += sentence
        if len(current) >= para_chars:
            paragraphs.append(current)
            total += len(current)
            current = ""
            if total >= n_chars:
                break
    if total < n_chars:
        raise SystemExit(f"only {total} characters of text available")
    return paragraphs


def measure(model: str | None, texts_file: str) -> dict:
    """Runs in a fresh interpreter (`--worker`), so its peak RSS is the pipeline's, not the corpus readers'."""
    import kg.nlp

    started = time.perf_counter()
    nlp = kg.nlp.load(model)
    figures: dict = {"load_seconds": round(time.perf_counter() - started, 2)}
    with open(texts_file, encoding="utf-8") as fh:
        texts = json.load(fh)
    n_chars = sum(len(t) for t in texts)
    figures["chars"] = n_chars

    started = time.perf_counter()
    n_tokens = sum(len(nlp.tokenizer(t)) for t in texts)
    figures["segmenter_chars_per_s"] = round(n_chars / (time.perf_counter() - started))
    figures["tokens"] = n_tokens

    started = time.perf_counter()
    n_ents = sum(len(doc.ents) for doc in nlp.pipe(texts))
    figures["pipeline_chars_per_s"] = round(n_chars / (time.perf_counter() - started))
    figures["entities"] = n_ents
    figures["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    figures["threads"] = os.environ.get("OMP_NUM_THREADS")
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--chars", type=int, default=1_000_000)
    parser.add_argument("--model", default=None, help="pipeline folder (default: the shipped kg/nlp/models/zh_kg)")
    parser.add_argument("--json", default=None, help="also write the figures to this JSON file")
    parser.add_argument("--worker", default=None, help=argparse.SUPPRESS)  # texts file: measure in this process
    args = parser.parse_args()

    if args.worker:
        print(json.dumps(measure(args.model, args.worker)))
        return

    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        texts_file = os.path.join(tmp, "texts.json")
        with open(texts_file, "w", encoding="utf-8") as fh:
            json.dump(news_paragraphs(args.chars), fh, ensure_ascii=False)
        command = [sys.executable, __file__, "--worker", texts_file] + (["--model", args.model] if args.model else [])
        result = subprocess.run(command, capture_output=True, text=True)
        if result.returncode != 0:
            raise SystemExit(result.stderr)
        figures = json.loads(result.stdout.strip().splitlines()[-1])
    from machine import python_loop_seconds  # bench/machine.py: how fast this machine is, beside the figures

    figures["reference_loop_s"] = round(python_loop_seconds(), 2)
    for key, value in figures.items():
        print(f"{key:24} {value}")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as fh:
            json.dump(figures, fh, indent=1)


if __name__ == "__main__":
    main()
