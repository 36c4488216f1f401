"""Small things a first-time user trips over: --help clutter, the build summary, validation with RDFS."""

from __future__ import annotations

import re
import subprocess
import sys
from collections import Counter

import pytest
import typer.main
from typer.testing import CliRunner

from kg.cli import app

REPO = __import__("pathlib").Path(__file__).resolve().parents[2]


def _command_paths(group=None, prefix=()):
    group = group or typer.main.get_command(app)
    for name, command in sorted(group.commands.items()):
        yield (*prefix, name)
        if hasattr(command, "commands"):
            yield from _command_paths(command, (*prefix, name))


@pytest.mark.parametrize("path", list(_command_paths()), ids=" ".join)
def test_help_shows_no_python_types(path):
    result = CliRunner().invoke(app, [*path, "--help"], terminal_width=120)
    assert result.exit_code == 0, result.output
    assert "<bool>" not in result.output and "<list[" not in result.output


def test_build_summary_has_unique_rows_and_whole_lines_when_piped(tmp_path):
    # a real process with its stderr piped, as in a log file or CI
    proc = subprocess.run([sys.executable, "-m", "kg", "build", str(REPO / "seeds" / "001_1f01752f499c41e2.txt"),
                           "--out", str(tmp_path), "-q"], capture_output=True, text=True, encoding="utf-8",
                          timeout=300, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    text = proc.stderr.splitlines()
    problems = [line for line in text if re.match(r"(warning|error): ", line)]
    assert problems, proc.stderr
    summary = text[text.index("kg build") + 1:]
    # every line is a problem, the title or a summary row: nothing wrapped onto a line of its own
    assert len(problems) + 1 + len(summary) == len([line for line in text if line.strip()])
    names = [re.split(r"\s{2,}", line.strip())[0] for line in summary if not line.startswith(" " * 8)]
    assert all(count == 1 for count in Counter(names).values()), names
    assert {"entities", "relations", "written"} <= set(names)
    assert sum(str(tmp_path) in line for line in summary) >= 4  # every written file, one a line


def test_validate_with_rdfs_entailment(seed_output):
    for extra in ([], ["--rdfs"]):
        result = CliRunner().invoke(app, ["validate", str(seed_output), *extra])
        assert result.exit_code == 0, result.output
        assert "conforms" in result.stderr
