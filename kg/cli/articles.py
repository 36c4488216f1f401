"""`kg articles`: show how input files are split into articles (headline, date, publisher, bylines)."""

from __future__ import annotations

import dataclasses
import json
from enum import Enum

from rich.markup import escape
from rich.table import Table

from kg.cli._util import Arg, Opt, app, console, fail, out


class Format(str, Enum):
    table = "table"
    jsonl = "jsonl"


def article_record(article, include_text: bool = True) -> dict:
    """A JSON-ready dict of one article (the JSONL line of `kg articles --format jsonl`)."""
    record = dataclasses.asdict(article)
    if not include_text:
        record.pop("text")
        record.pop("paragraphs")
    return record


@app.command("articles")
def articles_cli(
    inputs: list[str] = Arg(None, help="Files, folders (recursive) or globs. Default: the shipped seeds/."),
    format: Format = Opt(Format.table, "--format", "-f", help="table (for people) or jsonl (one article a line)."),
    text: bool = Opt(True, "--text/--no-text", help="jsonl: include the article text and paragraphs."),
) -> None:
    """Ingest files and list the articles found in them, to check segmentation."""
    from kg.ingest import ingest
    from kg.pipeline import default_inputs

    result = ingest(inputs or default_inputs())
    for problem in result.problems:
        style = "red" if problem.severity == "error" else "yellow"
        console.print(f"[{style}]{problem.severity}[/]: {escape(problem.path)}: {escape(problem.reason)}", markup=True)

    articles = [a for d in result.documents for a in d.articles]
    if format is Format.jsonl:
        for article in articles:
            out.print(json.dumps(article_record(article, text), ensure_ascii=False), markup=False, highlight=False,
                      soft_wrap=True)
    else:
        table = Table(title=f"{len(articles)} articles in {result.files_read} file(s)", show_lines=False)
        for column in ("document", "#", "kind", "date", "publisher", "headline", "bylines", "chars"):
            table.add_column(column, overflow="fold")
        for article in articles:
            bylines = " ".join(f"{b.role}/{b.name}" for b in article.bylines)
            headline = article.headline or "(no headline)"
            if article.kicker:
                headline = f"[{article.kicker}] {headline}"
            table.add_row(
                escape(article.document_id), str(article.index), article.kind, article.date or "?",
                escape(article.publisher or "?"), escape(headline), escape(bylines), str(len(article.text)),
            )
        out.print(table)
    console.print(
        f"files seen {result.files_seen}, read {result.files_read}, skipped {result.files_skipped}; "
        f"{len(articles)} article(s)", markup=False, highlight=False,
    )
    if not articles:
        raise fail("no usable article was read from the inputs")
