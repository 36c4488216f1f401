"""Domain packs: what kg assumes about the home ground of the news it reads (kg/domains/<name>/).

    from kg import domain
    domain.use("generic")          # or KG_DOMAIN=generic; `kg build --domain generic`
    domain.current().home_division_prefix

A pack is a folder with `domain.toml` (home region) and data files that replace the general ones of the same name
(`publishers.csv`, `known_orgs.csv`). Stages read packs through `domain.path(name)`; nothing home-specific is written in
code. Shared by every stage, like kg/records.py.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

DOMAINS_DIR = Path(__file__).resolve().parent / "domains"
DEFAULT = "zhuzhou"


@dataclass(frozen=True)
class Domain:
    name: str
    folder: Path
    description: str = ""
    home_division_prefix: str = ""  # division-code prefix of the home province ("43" = 湖南); "" = none
    home_city: str = ""

    def path(self, file: str) -> Path:
        return self.folder / file


_active: Domain | None = None
_on_change: list[Callable[[], None]] = []


def available() -> list[str]:
    return sorted(p.name for p in DOMAINS_DIR.iterdir() if (p / "domain.toml").is_file())


def load(name: str) -> Domain:
    folder = DOMAINS_DIR / name
    if not (folder / "domain.toml").is_file():
        raise ValueError(f"unknown domain {name!r}: choose one of {', '.join(available())}")
    meta = tomllib.loads((folder / "domain.toml").read_text(encoding="utf-8"))
    return Domain(name=name, folder=folder, description=meta.get("description", ""),
                  home_division_prefix=str(meta.get("home_division_prefix", "")), home_city=meta.get("home_city", ""))


def current() -> Domain:
    global _active
    if _active is None:
        _active = load(os.environ.get("KG_DOMAIN") or DEFAULT)
    return _active


def use(name: str) -> Domain:
    """Make `name` the active pack; cached lexicons built from the previous one are dropped."""
    global _active
    chosen = load(name)
    if _active is None or chosen != _active:
        _active = chosen
        for clear in _on_change:
            clear()
    return _active


def on_change(clear: Callable[[], None]) -> Callable[[], None]:
    """Register a cache to clear when the pack changes (used as a decorator over `functools.cache` functions)."""
    _on_change.append(clear.cache_clear if hasattr(clear, "cache_clear") else clear)
    return clear


def path(file: str) -> Path:
    return current().path(file)
