import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from graph_corpus import HOSTILE, make_corpus  # noqa: E402


@pytest.fixture
def corpus():
    return make_corpus()


@pytest.fixture
def hostile() -> str:
    return HOSTILE
