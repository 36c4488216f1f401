"""Shared pieces of the typer CLI (after spaCy's `spacy/cli/_util.py`)."""

from __future__ import annotations

import re
import sys

import typer
import typer.core
from rich.console import Console
from rich.markup import escape

Arg = typer.Argument
Opt = typer.Option

app = typer.Typer(
    name="kg",
    help="kg: build a knowledge graph from Chinese news (ingest → extract → resolve → RDF/HTML).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

# Messages go to stderr so that stdout stays clean for data (query results, JSONL). Piped or captured (a log
# file, CI), rich would wrap them at 80 columns, mid-phrase: there they keep one line each instead.
_PIPED = not sys.stderr.isatty()
console = Console(stderr=True, highlight=False, soft_wrap=_PIPED, width=10_000 if _PIPED else None)
out = Console(highlight=False, soft_wrap=True)


def fail(message: str, code: int = 1) -> typer.Exit:
    console.print(f"[bold red]error:[/] {escape(message)}", markup=True)  # "[train]" in a message is text
    return typer.Exit(code)


def _plain_types(display_type):
    """typer ≥ 0.16 prints each parameter's Python type in --help. A flag takes no value (no "<bool>"), and a
    repeatable parameter takes one value each time (so "<str>", not "<list[str]>")."""

    def shown(self, ctx):
        if getattr(self, "is_flag", False):
            return ""
        return re.sub(r"^<list\[(.*)\]>$", r"<\1>", display_type(self, ctx))

    return shown


if hasattr(getattr(typer.core, "_TyperParameter", None), "display_type"):
    typer.core._TyperParameter.display_type = _plain_types(typer.core._TyperParameter.display_type)


def use_domain(name: str | None) -> None:
    """Activate a domain pack for this command (`--domain`); an unknown name is a usage error."""
    if name is None:
        return
    from kg import domain

    try:
        domain.use(name)
    except ValueError as error:
        raise fail(str(error), code=2) from None
