"""The `kg` command line: one module per command, each a thin layer over the library API.

Every public module of this package is imported here and registers its command on `app`, so a new command is
one new module.
"""

import importlib
import pkgutil

from kg.cli._util import app

for _module in sorted(m.name for m in pkgutil.iter_modules(__path__) if not m.name.startswith("_")):
    importlib.import_module(f"{__name__}.{_module}")

__all__ = ["app", "main"]


def main() -> None:
    """`kg` as its own process: a command that built a graph leaves with os._exit (kg.cli._util.leave)."""
    from kg.cli import _util

    _util.run_as_process()
    try:
        app()
    except SystemExit as done:
        _util.leave(done.code)
        raise
