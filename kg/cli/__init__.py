"""The `kg` command line: one module per command, each a thin layer over the library API."""

from kg.cli._util import app
from kg.cli import articles, build, eval, query, stats, train, validate, view  # noqa: F401  (registers commands)

__all__ = ["app", "main"]


def main() -> None:
    app()
