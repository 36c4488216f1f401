"""Shared pieces of the typer CLI (after spaCy's `spacy/cli/_util.py`)."""

from __future__ import annotations

import typer
from rich.console import Console

Arg = typer.Argument
Opt = typer.Option

app = typer.Typer(
    name="kg",
    help="kg: build a knowledge graph from Chinese news (ingest → extract → resolve → RDF/HTML).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

# Messages go to stderr so that stdout stays clean for data (query results, JSONL).
console = Console(stderr=True, highlight=False)
out = Console(highlight=False, soft_wrap=True)


def fail(message: str, code: int = 1) -> typer.Exit:
    console.print(f"[bold red]error:[/] {message}", markup=True)
    return typer.Exit(code)
