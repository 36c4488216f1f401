"""Where the project's data folders live, in a source checkout and in an installed wheel.

`ontology/` and `seeds/` sit at the repository root; the wheel force-includes them as `kg/_data/…`.
"""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent


def _data_dir(name: str) -> Path:
    checkout = PACKAGE_DIR.parent / name
    if checkout.is_dir():
        return checkout
    return PACKAGE_DIR / "_data" / name


def ontology_dir() -> Path:
    return _data_dir("ontology")


def seeds_dir() -> Path:
    return _data_dir("seeds")


def queries_dir() -> Path:
    return _data_dir("queries")
