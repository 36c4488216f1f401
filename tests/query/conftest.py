"""Fixtures for the store and server tests (the helpers are in sparql_helpers.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sparql_helpers import Listener, write_build


@pytest.fixture
def tiny_build(tmp_path) -> Path:
    return write_build(tmp_path / "output")


@pytest.fixture
def listener():
    server = Listener()
    yield server
    server.close()
