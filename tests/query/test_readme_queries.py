"""The example queries of the README's "Querying the graph" answer on the seed build, without warnings."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kg.query import load_store, result_rows, run_query
from kg.query.engine import query_warnings

README = Path(__file__).resolve().parents[2] / "README.md"


def readme_queries() -> list[str]:
    section = README.read_text(encoding="utf-8").split("## Querying the graph", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```sparql\n(.*?)```", section, re.S).group(1)
    return [q.strip() for q in re.split(r"\n\s*\n", block) if q.strip()]


@pytest.fixture(scope="module")
def store(seed_output):
    return load_store(seed_output)


def test_there_are_five():
    assert len(readme_queries()) == 5


@pytest.mark.parametrize("index", range(5))
def test_readme_query_answers(store, index):
    query = readme_queries()[index]
    assert query_warnings(store, query) == []
    _, rows = result_rows(run_query(store, query))
    assert rows, query
