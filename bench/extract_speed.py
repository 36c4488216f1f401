"""What the extraction rules cost next to the NER: chars/s of the NLP pipeline alone and of extraction + resolution.

    KG_CORPORA=../shared/corpora OMP_NUM_THREADS=1 python bench/extract_speed.py [--chars 300000] [--repeat 2]

Reads the first articles of qqnews (real news, never copied into the repository) up to --chars characters, runs
kg's pipeline on one core, and prints: NLP (segmenter + NER) chars/s, NLP + rules (kg_entity_rules, kg_entity_merge)
chars/s, extraction with relations chars/s, and with resolution. The rules must stay cheap next to the NER.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def read_articles(limit: int):
    from kg.records import Article

    root = Path(os.environ.get("KG_CORPORA", Path(__file__).resolve().parents[2] / "shared" / "corpora"))
    articles, total = [], 0
    with gzip.open(root / "qqnews" / "qqnews-1.jsonl.gz", "rt", encoding="utf-8") as fh:
        for k, line in enumerate(fh):
            record = json.loads(line)
            text = record["text"]
            articles.append(Article(id=f"q{k}", document_id=f"q{k}", index=0, headline=record["title"], text=text,
                                    date=record["date"]))
            total += len(text)
            if total >= limit:
                break
    return articles, total


def best(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--chars", type=int, default=300_000)
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    from kg.extract import add_components, extract_articles
    from kg.nlp import load
    from kg.resolve import resolve

    articles, total = read_articles(args.chars)
    texts = [a.text for a in articles]
    bare = load()
    ruled = add_components(load())
    for nlp in (bare, ruled):  # warm caches (lexicons, regexes, the division table)
        list(nlp.pipe(texts[:5]))
    t_nlp = best(lambda: list(bare.pipe(texts, batch_size=16)), args.repeat)
    t_rules = best(lambda: list(ruled.pipe(texts, batch_size=16)), args.repeat)
    t_extract = best(lambda: extract_articles(ruled, articles), args.repeat)
    t_resolve = best(lambda: resolve(extract_articles(ruled, articles)), args.repeat)
    print(f"{len(articles)} articles, {total:,} characters (qqnews), best of {args.repeat}, one core")
    for label, seconds in (("NLP (segmenter + NER)", t_nlp), ("+ entity rules and gate", t_rules),
                           ("+ relations (extract_articles)", t_extract), ("+ resolution", t_resolve)):
        print(f"  {label:32s} {seconds:7.2f} s  {total / seconds:9,.0f} chars/s")
    print(f"  rules, relations and resolution: {(t_resolve - t_nlp) / t_resolve:.0%} of the time")


if __name__ == "__main__":
    main()
