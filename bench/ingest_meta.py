"""Article metadata read at ingest (headline, date, publisher, authors) against gold articles, on scraped pages.

    .venv/bin/python bench/ingest_meta.py [--data ../shared/realnews-dev] [--show] [--json FILE]

For each gold file of the data set (gold/NNN.json, page raw/NNN.txt) the page is ingested alone and each gold
article is paired with a predicted one (same headline when there is one, else the one at the same position).
A field counts as right when it equals the gold value: headline and publisher compared as `kg eval` compares
names (kg.eval.scoring.norm), the date as ISO text, the authors as a set of names (bylines whose role is an
author's, reporter's, contributor's or photographer's; editors are page furniture). A null gold value is right
only when nothing is predicted. `found` counts the gold values that are not null and were read right; `wrong`
the predictions that are not null and differ from gold (a wrong reading rather than a missed one).

Figures are printed for both halves: odd file numbers are the tuning half, even numbers the report half.
`--show` lists the differences of the odd half only: the even half is scored, never shown.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "realnews-dev"
FIELDS = ("headline", "date", "publisher", "authors")
AUTHOR_KINDS = {"staff", "contributor", "author", "photo"}


def predicted_fields(article) -> dict:
    from kg.ingest import lexicons

    kinds = lexicons.byline_roles()
    authors = sorted({b.name for b in article.bylines if kinds.get(b.role, "author") in AUTHOR_KINDS})
    return {"headline": article.headline or None, "date": article.date, "publisher": article.publisher,
            "authors": authors}


def same(field: str, gold, predicted) -> bool:
    from kg.eval.scoring import norm

    if field == "authors":
        return {norm(n) for n in gold or []} == {norm(n) for n in predicted or []}
    if not gold:
        return not predicted
    if not predicted:
        return False
    if field == "date":
        return str(gold) == str(predicted)
    return norm(str(gold)) == norm(str(predicted))


def pair(gold_articles: list[dict], articles: list) -> list[tuple[dict, object | None]]:
    from kg.eval.scoring import norm

    by_headline = {norm(a.headline): a for a in reversed(articles) if a.headline}
    out = []
    for k, gold in enumerate(gold_articles):
        match = by_headline.get(norm(gold.get("headline")))
        if match is None and k < len(articles):
            match = articles[k]
        out.append((gold, match))
    return out


def score_half(data: Path, parity: int) -> tuple[dict, list[dict]]:
    from kg.ingest import ingest_file

    totals = {f: {"right": 0, "found": 0, "gold": 0, "wrong": 0, "articles": 0} for f in FIELDS}
    rows = []
    for gold_path in sorted((data / "gold").glob("*.json")):
        number = re.search(r"(\d+)$", gold_path.stem)
        if not number or int(number.group(1)) % 2 != parity:
            continue
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        page = data / "raw" / gold.get("document", f"{gold_path.stem}.txt")
        try:
            articles = ingest_file(page).articles
        except Exception as error:  # noqa: BLE001 - a page that cannot be read scores nothing
            print(f"{page.name}: {error}", file=sys.stderr)
            articles = []
        for gold_article, article in pair(gold.get("articles", []), articles):
            predicted = predicted_fields(article) if article is not None else dict.fromkeys(FIELDS)
            row = {"file": gold_path.stem}
            for field in FIELDS:
                g, p = gold_article.get(field), predicted[field]
                ok = same(field, g, p)
                t = totals[field]
                t["articles"] += 1
                t["right"] += ok
                t["gold"] += bool(g)
                t["found"] += ok and bool(g)
                t["wrong"] += bool(p) and not ok
                row[field] = (ok, g, p)
            rows.append(row)
    return totals, rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="folder holding raw/ and gold/")
    parser.add_argument("--show", action="store_true", help="list the differences of the odd (tuning) half")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args()

    figures = {}
    for name, parity in (("odd (tune)", 1), ("even (report)", 0)):
        totals, rows = score_half(args.data, parity)
        figures[name] = totals
        print(f"{name}: {rows and len(rows)} articles")
        for field, t in totals.items():
            print(f"  {field:<10} right {t['right']:>3}/{t['articles']:<3}  found {t['found']:>3}/{t['gold']:<3}"
                  f"  wrong {t['wrong']:>3}")
        if args.show and parity == 1:
            for row in rows:
                for field in FIELDS:
                    ok, g, p = row[field]
                    if not ok:
                        print(f"    {row['file']} {field}: gold {g!r} | got {p!r}")
    if args.json:
        args.json.write_text(json.dumps(figures, ensure_ascii=False, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
