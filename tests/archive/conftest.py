"""Shared set-up of the archive tests: the seeds copied into a folder and built without their last file."""

from __future__ import annotations

import pytest


@pytest.fixture
def built_but_last(tmp_path, seed_copies):
    """(the copied seed files in order, the output folder of a build of all but the last)."""
    from kg.pipeline import build

    out = tmp_path / "out"
    build(seed_copies[:-1], out, html=False)
    return seed_copies, out
