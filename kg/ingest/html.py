"""HTML → paragraphs with lxml: scripts, styles, navigation and image boxes dropped; block elements
become paragraphs (text that trails an image box inside a container is kept as its own paragraph).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import lxml.html
from lxml import etree

_DROP_TAGS = {"script", "style", "noscript", "template", "iframe", "svg", "nav", "footer", "form", "button", "select", "head"}
_BLOCK_TAGS = {
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "header",
    "table", "tr", "td", "th", "blockquote", "pre", "dd", "dt", "dl", "figure", "figcaption", "hr", "main", "aside",
}
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_WS = re.compile(r"[ \t\r\n\f\v\u00a0\u3000]+")


@dataclass
class HtmlText:
    title: str | None
    paragraphs: list[str] = field(default_factory=list)
    headings: dict[int, int] = field(default_factory=dict)  # paragraph index → heading level
    dropped: dict[str, int] = field(default_factory=dict)  # tag → count, for the document metadata


def looks_like_html(text: str) -> bool:
    head = text[:4000].lower()
    if "<html" in head or "<!doctype html" in head or "<body" in head:
        return True
    return len(re.findall(r"</?(?:p|div|br|span|a|img|h[1-6]|li|table)\b", head)) >= 3


def html_to_text(markup: str) -> HtmlText:
    try:
        root = lxml.html.fromstring(markup) if markup.strip() else None
    except (etree.ParserError, ValueError):
        root = None
    result = HtmlText(title=None)
    if root is None:
        return result
    title = root.find(".//title")
    if title is not None and title.text_content().strip():
        result.title = _WS.sub(" ", title.text_content()).strip()
    for element in list(root.iter(etree.Element)):
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag in _DROP_TAGS or "img_box" in (element.get("class") or ""):
            result.dropped[tag or "comment"] = result.dropped.get(tag or "comment", 0) + 1
            _remove_keep_tail(element)
    for comment in root.iter(etree.Comment):
        _remove_keep_tail(comment)

    buffer: list[str] = []
    level = [0]

    def flush() -> None:
        text = _WS.sub(" ", "".join(buffer)).strip()
        buffer.clear()
        if text:
            if level[0]:
                result.headings[len(result.paragraphs)] = level[0]
            result.paragraphs.append(text)
        level[0] = 0

    def walk(element) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        block = tag in _BLOCK_TAGS
        if block:
            flush()
            level[0] = _HEADINGS.get(tag, 0)
        if element.text:
            buffer.append(element.text)
        for child in element:
            walk(child)
        if block:
            flush()
        if element.tail:
            buffer.append(element.tail)

    body = root.find(".//body")
    walk(body if body is not None else root)
    flush()
    return result


def _remove_keep_tail(element) -> None:
    """Remove an element but keep the text that follows it (lxml stores it on the element)."""
    parent = element.getparent()
    if parent is None:
        return
    tail = element.tail
    previous = element.getprevious()
    if tail:
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(element)
