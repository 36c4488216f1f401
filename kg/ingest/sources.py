"""Input discovery and opening: files, folders (recursive) and glob patterns → an ordered list of files to read.

Every path given is accounted for: one that matches nothing becomes a Problem. Discovery never follows a
symlinked folder (a link to `/` or to an ancestor would walk without end) and never resolves links strictly,
so loops and dangling links reach `open_regular`, which names them; only regular files are ever opened, and
never in a way that can block (a FIFO would wait for a writer forever).
"""

from __future__ import annotations

import errno
import glob
import os
import re
import stat
from collections.abc import Sequence
from pathlib import Path
from typing import BinaryIO

from kg.records import Problem

TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown", ".html", ".htm", ".xhtml"}
# Files that are never news text; skipped inside folders without a Problem each (hidden, VCS, caches).
_IGNORED_NAMES = {".DS_Store", "Thumbs.db", "desktop.ini"}
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff\u2028\u2029]")
_KINDS = [
    (stat.S_ISDIR, "is a folder, not a file"),
    (stat.S_ISFIFO, "not a regular file: a FIFO (named pipe); skipped so the build never waits on it"),
    (stat.S_ISSOCK, "not a regular file: a socket"),
    (stat.S_ISCHR, "not a regular file: a character device"),
    (stat.S_ISBLK, "not a regular file: a block device"),
]


class InputError(Exception):
    """An input that is not a readable regular file; the message is the reason shown to the user."""


def display_path(path: str | Path) -> str:
    """`path` as text that is safe to print, export and hash: undecodable bytes of the file name become
    \\xNN escapes (instead of lone surrogates) and control characters are escaped, so a hostile file
    name can neither crash an exporter nor write escape sequences to the terminal."""
    text = os.fsencode(path).decode("utf-8", "backslashreplace")
    return _UNPRINTABLE.sub(lambda m: ascii(m.group())[1:-1], text)


def open_regular(path: str | Path) -> BinaryIO:
    """Open `path` for binary reading if it is, or links to, a regular file; else raise InputError saying why."""
    try:
        info = os.stat(path)
    except OSError as err:
        raise InputError(_stat_reason(path, err)) from None
    _check_kind(info.st_mode)
    # O_NONBLOCK: should the path have been swapped for a FIFO since the stat, the open still returns at once.
    handle = open(path, "rb", opener=lambda name, flags: os.open(name, flags | _O_NONBLOCK | _O_NOCTTY))
    try:
        _check_kind(os.fstat(handle.fileno()).st_mode)
    except InputError:
        handle.close()
        raise
    return handle


_O_NONBLOCK = getattr(os, "O_NONBLOCK", 0)  # POSIX only; Windows has no FIFOs to wait on
_O_NOCTTY = getattr(os, "O_NOCTTY", 0)


def _check_kind(mode: int) -> None:
    if not stat.S_ISREG(mode):
        raise InputError(next((reason for test, reason in _KINDS if test(mode)), "not a regular file"))


def _stat_reason(path: str | Path, err: OSError) -> str:
    if err.errno == errno.ELOOP:
        return "symlink loop (the link leads back to itself); skipped"
    if err.errno in (errno.ENOENT, errno.ENOTDIR) and os.path.islink(path):
        return f"dangling symlink (its target {display_path(os.readlink(path))} does not exist); skipped"
    if err.errno == errno.ENOENT:
        return "no such file (removed while reading?)"
    if err.errno == errno.EACCES:
        return "permission denied (file not readable)"
    return f"cannot read file: {err.strerror or err}"


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
    seen: set[str] = set()

    def add(path: Path) -> None:
        # one file reached twice (a link, a repeated input) is read once; links that lead nowhere are each
        # their own input, even when they name the same missing target. realpath, unlike Path.resolve(),
        # never raises on a symlink loop.
        key = os.path.realpath(path)
        if not os.path.exists(key):
            key = os.path.abspath(path)
        if key not in seen:
            seen.add(key)
            files.append(path)

    def walk(folder: Path) -> None:
        def unlistable(err: OSError) -> None:
            problems.append(Problem(display_path(err.filename), f"cannot list folder: {err.strerror}"))

        for root, dirs, names in os.walk(folder, onerror=unlistable):
            for name in sorted(d for d in dirs if os.path.islink(os.path.join(root, d))):
                problems.append(Problem(display_path(os.path.join(root, name)),
                                        "symlink to a folder: not followed (give the folder itself as an input)"))
            dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d != "__pycache__"
                             and not os.path.islink(os.path.join(root, d)))
            for name in sorted(names):
                child = Path(root) / name
                if name in _IGNORED_NAMES or _is_hidden(child, folder):
                    ignored.append(display_path(child))
                    continue
                add(child)

    for item in inputs:
        path = Path(item)
        if path.is_dir():
            walk(path)
        elif path.exists() or path.is_symlink():
            add(path)
        elif glob.has_magic(str(item)):
            matches = sorted(glob.glob(str(item), recursive=True))
            if not matches:
                problems.append(Problem(display_path(item), "pattern matches no file"))
            for match in matches:
                match_path = Path(match)
                if match_path.is_dir():  # named by the user's pattern: followed even when a link
                    walk(match_path)
                else:
                    add(match_path)
        else:
            problems.append(Problem(display_path(item), "no such file or folder"))
    return files, problems, ignored
