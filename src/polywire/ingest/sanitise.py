"""HTML fragments (ninjs bodies, feed entries) to plain paragraphs, through nh3 first.

nh3 (the Rust `ammonia` sanitiser) drops scripts, styles, event handlers and every tag not on the
list below before lxml reads the markup, so nothing a subscriber must never receive survives even
if the paragraph walk below missed a case.
"""

from __future__ import annotations

import lxml.html
import nh3
from lxml import etree

from polywire.ingest.measure import normalise, without_controls

_KEPT_TAGS = {
    "p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "blockquote",
    "pre", "table", "tr", "td", "th", "figure", "figcaption", "section", "article", "b",
    "strong", "i", "em", "u", "a", "span", "sub", "sup", "small", "q", "cite", "abbr",
}  # fmt: skip
_BLOCKS = {
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "tr",
    "figcaption", "section", "article", "figure", "ul", "ol", "table",
}  # fmt: skip


def sanitise(fragment: str) -> str:
    """`fragment` with only harmless structural and inline tags and no attributes but links."""
    return nh3.clean(
        fragment,
        tags=_KEPT_TAGS,
        attributes={"a": {"href"}},
        clean_content_tags={"script", "style"},
        url_schemes={"http", "https", "mailto"},
    )


def paragraphs(fragment: str) -> list[str]:
    """The text of `fragment`, one string per block (paragraph, heading, list item …)."""
    clean = sanitise(without_controls(fragment))  # lxml refuses NUL and other controls
    if not clean.strip():
        return []
    root = lxml.html.fragment_fromstring(clean, create_parent="div")
    found: list[str] = []
    current: list[str] = []

    def flush() -> None:
        text = normalise("".join(current))
        if text:
            found.append(text)
        current.clear()

    for event, element in etree.iterwalk(root, events=("start", "end")):
        tag = element.tag if isinstance(element.tag, str) else ""
        if event == "start":
            if tag in _BLOCKS or tag == "br":
                flush()
            if element.text and tag != "br":
                current.append(element.text)
        else:
            if tag in _BLOCKS:
                flush()
            if element.tail and element is not root:
                current.append(element.tail)
    flush()
    return found
