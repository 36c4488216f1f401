"""Shared fixtures for the whole suite (kept minimal: stage-specific ones live in each test folder)."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    """The five seed documents shipped with the project."""
    return REPO / "seeds"


@pytest.fixture(scope="session")
def seed_output(tmp_path_factory) -> Path:
    """`kg build` of the shipped seeds into a temporary folder (graph.ttl, graph.html, graph.graphml, ...),
    shared by the viewer, query and CLI tests that check what a user gets from the real seeds."""
    from kg.pipeline import build

    out = tmp_path_factory.mktemp("seed-output")
    build(None, out)
    return out


@pytest.fixture
def seed_copies(tmp_path) -> list[Path]:
    """The seed files copied into tmp_path/in, in order (tests that edit or delete inputs work on these)."""
    from kg.paths import seeds_dir as shipped_seeds

    src = tmp_path / "in"
    src.mkdir()
    for seed in sorted(p for p in shipped_seeds().iterdir() if p.is_file()):
        (src / seed.name).write_bytes(seed.read_bytes())
    return sorted(src.iterdir())
