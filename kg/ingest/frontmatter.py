"""YAML front matter (`---` … `---` at the top of a file), as written by static-site scrapers."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

_OPEN = re.compile(r"\A\ufeff?\s*---[ \t]*\r?\n")
_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.M)


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
    try:
        data = yaml.safe_load(raw)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f" (line {mark.line + 2})" if mark is not None else ""
        problem = getattr(err, "problem", None) or str(err).splitlines()[0]
        return FrontMatter(body=body, present=True, error=f"malformed YAML front matter{where}: {problem}")
    if data is None:
        data = {}
    if not isinstance(data, dict):
        return FrontMatter(body=body, present=True, error="front matter is not a YAML mapping")
    # Keep values JSON-friendly (dates → ISO strings) so metadata can be exported as is.
    return FrontMatter(data={str(k): _plain(v) for k, v in data.items()}, body=body, present=True)


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value
