"""Shared fixtures for the whole suite (kept minimal: stage-specific ones live in each test folder)."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    """The five seed documents shipped with the project."""
    return REPO / "seeds"
