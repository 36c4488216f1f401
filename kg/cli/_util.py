"""Shared pieces of the typer CLI (after spaCy's `spacy/cli/_util.py`)."""

from __future__ import annotations

import logging
import os
import re
import shutil
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


class _Process:
    """How this process leaves. `own`: kg runs as its own process (main()), not inside a caller such as typer's
    CliRunner in the tests; `fast`: a command that built a graph asked to leave with os._exit."""

    own = False
    fast = False
    kept: list = []  # what the command made, left to os._exit instead of freed object by object
    removals: list[str] = []  # old output folders to remove after leaving (kg.graph.export.defer_removals)


def run_as_process() -> None:
    _Process.own = True


def leave_fast() -> None:
    """Called by a command that builds a graph, before it does: when kg runs as its own process it leaves with
    os._exit once the report is printed (see `leave`), and the old output folder is removed after that."""
    if _Process.own:
        from kg.graph.export import defer_removals

        _Process.fast = True
        _Process.removals = defer_removals()


def keep(result) -> None:
    """Keep `result` (a build report: the corpus and the graph, millions of objects) alive until the process
    leaves: freeing them one by one costs 0.7 s on a 10 M chars archive, os._exit frees them at once."""
    if _Process.fast:
        _Process.kept.append(result)


def leave(code) -> None:
    """End the process now when a graph command asked for it (leave_fast): streams and logs flushed, the old
    output folder handed to a detached child to remove, then os._exit. Returns for every other command."""
    if not _Process.fast or not (code is None or isinstance(code, int)):
        return
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            pass
    logging.shutdown()
    if _Process.removals:
        _remove_detached(_Process.removals)
    os._exit(code or 0)


def _remove_detached(folders: list[str]) -> None:
    """Remove `folders` in a child that outlives this process, away from its streams (a caller reading this
    process's output until EOF must not wait for it)."""
    try:
        pid = os.fork()
    except OSError:
        pid = None
    if pid is None:  # no child: remove them here
        for folder in folders:
            shutil.rmtree(folder, ignore_errors=True)
        return
    if pid == 0:
        try:
            os.setsid()
            null = os.open(os.devnull, os.O_RDWR)
            for fd in (0, 1, 2):
                os.dup2(null, fd)
            for folder in folders:
                shutil.rmtree(folder, ignore_errors=True)
        finally:
            os._exit(0)
