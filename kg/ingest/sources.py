"""Input discovery: files, folders (recursive) and glob patterns → an ordered list of files to read.

Every path given is accounted for: one that matches nothing becomes a Problem.
"""

from __future__ import annotations

import glob
import os
from collections.abc import Sequence
from pathlib import Path

from kg.records import Problem

TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown", ".html", ".htm", ".xhtml"}
# Files that are never news text; skipped inside folders without a Problem each (hidden, VCS, caches).
_IGNORED_NAMES = {".DS_Store", "Thumbs.db", "desktop.ini"}


def _is_hidden(path: Path, root: Path) -> bool:
    try:
        parts = path.relative_to(root).parts
    except ValueError:
        parts = path.parts
    return any(part.startswith(".") or part == "__pycache__" for part in parts)


def discover(inputs: Sequence[str | Path]) -> tuple[list[Path], list[Problem], list[str]]:
    """(files in a stable order without duplicates, problems, ignored files in folders)."""
    files: list[Path] = []
    problems: list[Problem] = []
    ignored: list[str] = []
    seen: set[Path] = set()

    def add(path: Path) -> None:
        key = path.resolve()
        if key not in seen:
            seen.add(key)
            files.append(path)

    for item in inputs:
        path = Path(item)
        if path.is_dir():
            for root, dirs, names in os.walk(path, onerror=lambda err: problems.append(Problem(str(err.filename), f"cannot list folder: {err.strerror}"))):
                dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d != "__pycache__")
                for name in sorted(names):
                    child = Path(root) / name
                    if name in _IGNORED_NAMES or _is_hidden(child, path):
                        ignored.append(str(child))
                        continue
                    add(child)
        elif path.exists() or path.is_symlink():
            add(path)
        elif glob.has_magic(str(item)):
            matches = sorted(glob.glob(str(item), recursive=True))
            if not matches:
                problems.append(Problem(str(item), "pattern matches no file"))
            for match in matches:
                match_path = Path(match)
                if match_path.is_dir():
                    sub_files, sub_problems, sub_ignored = discover([match_path])
                    for f in sub_files:
                        add(f)
                    problems.extend(sub_problems)
                    ignored.extend(sub_ignored)
                else:
                    add(match_path)
        else:
            problems.append(Problem(str(item), "no such file or folder"))
    return files, problems, ignored
