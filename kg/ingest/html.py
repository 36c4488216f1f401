"""HTML → paragraphs with lxml: scripts, styles, navigation and image boxes dropped; block elements
become paragraphs (text that trails an image box inside a container is kept as its own paragraph).

Hostile nesting: libxml2 stops at 256 levels (2,048 with huge_tree) and drops the rest of the page, so a page
that hits the limit is parsed again with everything below MAX_DEPTH levels unwrapped (_Flattener); the tree
is walked without recursion.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

import lxml.html
from lxml import etree

from kg.ingest.normalize import scrub_controls

_DROP_TAGS = {"script", "style", "noscript", "template", "iframe", "svg", "nav", "footer", "form", "button", "select", "head"}
_BLOCK_TAGS = {
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "header",
    "table", "tr", "td", "th", "blockquote", "pre", "dd", "dt", "dl", "figure", "figcaption", "hr", "main", "aside",
}
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
MAX_DEPTH = 200  # nesting kept when a page is flattened; real pages stay well under 100
_WS = re.compile(r"[ \t\r\n\f\v\u00a0\u3000]+")


@dataclass
class HtmlText:
    title: str | None
    paragraphs: list[str] = field(default_factory=list)
    headings: dict[int, int] = field(default_factory=dict)  # paragraph index → heading level
    dropped: dict[str, int] = field(default_factory=dict)  # tag → count, for the document metadata
    controls_removed: int = 0  # control characters that character references (&#27; &#xFFFE;) produced


def looks_like_html(text: str) -> bool:
    head = text[:4000].lower()
    if "<html" in head or "<!doctype html" in head or "<body" in head:
        return True
    return len(re.findall(r"</?(?:p|div|br|span|a|img|h[1-6]|li|table)\b", head)) >= 3


def html_to_text(markup: str) -> HtmlText:
    result = HtmlText(title=None)
    markup, result.controls_removed = _without_bad_references(markup)
    root = _parse(markup)
    if root is None:
        return result
    title = root.find(".//title")
    if title is not None and title.text_content().strip():
        result.title = _WS.sub(" ", _clean(result, title.text_content())).strip()
    for element in list(root.iter(etree.Element)):
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag in _DROP_TAGS or "img_box" in (element.get("class") or ""):
            result.dropped[tag or "comment"] = result.dropped.get(tag or "comment", 0) + 1
            _remove_keep_tail(element)
    for comment in root.iter(etree.Comment):
        _remove_keep_tail(comment)

    buffer: list[str] = []
    level = 0

    def flush() -> None:
        nonlocal level
        text = _WS.sub(" ", _clean(result, "".join(buffer))).strip()
        buffer.clear()
        if text:
            if level:
                result.headings[len(result.paragraphs)] = level
            result.paragraphs.append(text)
        level = 0

    body = root.find(".//body")
    for event, element in etree.iterwalk(body if body is not None else root, events=("start", "end")):
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag in _BLOCK_TAGS:
            flush()
            if event == "start":
                level = _HEADINGS.get(tag, 0)
        if event == "start" and element.text:
            buffer.append(element.text)
        if event == "end" and element.tail:
            buffer.append(element.tail)
    flush()
    return result


def _clean(result: HtmlText, text: str) -> str:
    text, removed = scrub_controls(text)
    result.controls_removed += removed
    return text


_CHAR_REF = re.compile(r"&#(?:[xX]([0-9a-fA-F]{1,8})|([0-9]{1,10}));?")


def _without_bad_references(markup: str) -> tuple[str, int]:
    """Character references to code points no text may hold (&#0; &#27; &#xD800; &#xFFFE; &#1114112;) removed
    before parsing: lxml would put them in the tree, where they break every later edit of it. References to
    U+0080–U+009F stay: HTML reads them as Windows-1252 (&#133; is …)."""
    removed = 0

    def check(match: re.Match[str]) -> str:
        nonlocal removed
        code = int(match.group(1), 16) if match.group(1) else int(match.group(2))
        if 0x80 <= code <= 0x9F or (code <= 0x10FFFF and scrub_controls(chr(code)) == (chr(code), 0)):
            return match.group()
        removed += 1
        return ""

    return (_CHAR_REF.sub(check, markup), removed) if "&#" in markup else (markup, 0)


def _parse(markup: str):
    """The page's root element, or None. huge_tree lifts libxml2's 10 MB text-node limit (a one-line page)."""
    if not markup.strip():
        return None
    parser = lxml.html.HTMLParser(huge_tree=True)
    try:
        root = lxml.html.fromstring(markup, parser=parser)
        if any(error.type_name == "ERR_RESOURCE_LIMIT" for error in parser.error_log):
            root = lxml.html.fromstring(_Flattener.flatten(markup), parser=lxml.html.HTMLParser(huge_tree=True))
    except (etree.ParserError, ValueError):
        return None
    return root


class _Flattener(HTMLParser):
    """Re-emits markup with the elements nested deeper than MAX_DEPTH unwrapped: a block element's tags become
    <br> (its text stays a paragraph of its own), an inline element's go. Elements whose content is dropped
    (script, nav, …) and headings keep their tags a little deeper, so their meaning survives."""

    @classmethod
    def flatten(cls, markup: str) -> str:
        flattener = cls()
        flattener.feed(markup)
        flattener.close()
        return "".join(flattener.out)

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.out: list[str] = []
        self.open: list[tuple[str, bool]] = []  # (tag, whether its tags were kept)
        self.depth = 0  # kept elements open

    def _unwrapped(self, tag: str) -> str:
        return "<br>" if tag in _BLOCK_TAGS else ""

    def handle_starttag(self, tag, attrs) -> None:
        keep = self.depth < MAX_DEPTH or (tag in _DROP_TAGS | set(_HEADINGS) and self.depth < MAX_DEPTH + 50)
        self.out.append(self.get_starttag_text() if keep else self._unwrapped(tag))
        if tag not in _VOID:
            self.open.append((tag, keep))
            self.depth += keep

    def handle_startendtag(self, tag, attrs) -> None:
        self.out.append(self.get_starttag_text())

    def handle_endtag(self, tag) -> None:
        for index in range(len(self.open) - 1, -1, -1):
            if self.open[index][0] == tag:
                keep = self.open[index][1]
                self.depth -= sum(kept for _, kept in self.open[index:])
                del self.open[index:]
                self.out.append(f"</{tag}>" if keep else self._unwrapped(tag))
                return
        self.out.append(f"</{tag}>")  # a stray end tag: lxml decides

    def handle_data(self, data) -> None:
        self.out.append(data)

    def handle_entityref(self, name) -> None:
        self.out.append(f"&{name};")

    def handle_charref(self, name) -> None:
        self.out.append(f"&#{name};")

    def handle_comment(self, data) -> None:
        self.out.append(f"<!--{data}-->")

    def handle_decl(self, decl) -> None:
        self.out.append(f"<!{decl}>")

    def handle_pi(self, data) -> None:
        self.out.append(f"<?{data}>")

    def unknown_decl(self, data) -> None:
        self.out.append(f"<![{data}]>")


def _remove_keep_tail(element) -> None:
    """Remove an element but keep the text that follows it (lxml stores it on the element)."""
    parent = element.getparent()
    if parent is None:
        return
    tail = scrub_controls(element.tail)[0] if element.tail else None  # lxml refuses to be given what it parsed
    previous = element.getprevious()
    if tail:
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(element)
