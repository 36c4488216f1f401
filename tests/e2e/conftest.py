"""One real build of the shipped seeds, shared by the end-to-end tests (it loads the model and runs every stage)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.pipeline import BuildReport, build


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[BuildReport, Path]:
    out = tmp_path_factory.mktemp("seed-build")
    report = build(None, out)
    return report, out
