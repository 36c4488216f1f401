"""Shared set-up of the archive tests: the seeds copied into a folder and built without their last file."""

from __future__ import annotations

import pytest


@pytest.fixture
def built_but_last(tmp_path):
    """(the copied seed files in order, the output folder of a build of all but the last)."""
    from kg.paths import seeds_dir
    from kg.pipeline import build

    src = tmp_path / "in"
    src.mkdir()
    for seed in sorted(p for p in seeds_dir().iterdir() if p.is_file()):
        (src / seed.name).write_bytes(seed.read_bytes())
    files = sorted(src.iterdir())
    out = tmp_path / "out"
    build(files[:-1], out, html=False)
    return files, out
