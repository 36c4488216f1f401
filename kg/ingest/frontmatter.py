"""YAML front matter (`---` … `---` at the top of a file), as written by static-site scrapers.

The block is parsed with PyYAML's safe loader, hardened against hostile input: aliases are refused (a
"billion laughs" block of a few hundred bytes expands to gigabytes, and `&a [*a]` is a cycle), nesting and
size are bounded. A block that cannot be read becomes a warning; the body is still read.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.composer import ComposerError

from kg.ingest.normalize import scrub_controls

_OPEN = re.compile(r"\A\ufeff?\s*---[ \t]*\r?\n")
_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.M)
MAX_BYTES = 64 * 1024  # real front matter is a few hundred bytes; anything this big is not metadata
MAX_DEPTH = 20  # nesting of lists/maps; real front matter is one or two levels deep


class _FrontMatterLoader(yaml.SafeLoader):
    """SafeLoader that refuses aliases and deep nesting while composing, before anything is expanded."""

    _depth = 0

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            event = self.get_event()
            raise ComposerError(None, None, f"alias *{event.anchor} refused (aliases are not expanded)", event.start_mark)
        if self._depth >= MAX_DEPTH:
            raise ComposerError(None, None, f"nested more than {MAX_DEPTH} levels deep", self.peek_event().start_mark)
        self._depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


@dataclass
class FrontMatter:
    data: dict[str, Any] = field(default_factory=dict)
    body: str = ""
    present: bool = False
    error: str | None = None  # why the block could not be parsed (the body is still used)


def split_front_matter(text: str) -> FrontMatter:
    opened = _OPEN.match(text)
    if not opened:
        return FrontMatter(body=text)
    closed = _CLOSE.search(text, opened.end())
    if not closed:
        return FrontMatter(body=text, present=True, error="front matter opened with '---' but never closed")
    raw = text[opened.end() : closed.start()]
    body = text[closed.end() :].lstrip("\r\n")
    size = len(raw.encode("utf-8", "replace"))
    if size > MAX_BYTES:
        return FrontMatter(body=body, present=True,
                           error=f"front matter too large ({size // 1024} KiB, limit {MAX_BYTES // 1024} KiB); not read")
    try:
        data = yaml.load(raw, Loader=_FrontMatterLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as err:
        return FrontMatter(body=body, present=True, error=_reason(err))
    except (ValueError, TypeError, OverflowError, RecursionError) as err:  # the constructors' own: date: 2023-02-30
        return FrontMatter(body=body, present=True, error=f"malformed YAML front matter: {err}")
    if data is None:
        data = {}
    if not isinstance(data, dict):
        return FrontMatter(body=body, present=True, error="front matter is not a YAML mapping")
    # Keep values JSON-friendly (dates → ISO strings) so metadata can be exported as is.
    return FrontMatter(data={_text(k): _plain(v) for k, v in data.items()}, body=body, present=True)


def _reason(err: yaml.YAMLError) -> str:
    mark = getattr(err, "problem_mark", None)
    where = f" (line {mark.line + 2})" if mark is not None else ""
    problem = getattr(err, "problem", None) or str(err).splitlines()[0]
    return f"malformed YAML front matter{where}: {problem}"


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {_text(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (set, frozenset)):  # !!set: in a stable order, so the output is deterministic
        return sorted((_plain(v) for v in value), key=str)
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, bool) or value is None or isinstance(value, int):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else str(value)  # .inf/.nan are not JSON
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return _text(value)


def _text(value: Any) -> str:
    """A string without the control characters a YAML escape ("\\x1b", "\\ud800") can smuggle in."""
    if isinstance(value, bytes):  # !!binary
        value = value.decode("utf-8", "replace")
    return scrub_controls(str(value))[0]
