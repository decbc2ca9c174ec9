"""HTML pages: trafilatura finds the body, title, author and date; the scraped-text cleaner's
steps then find what it leaves in or misses (dateline, captions, sign-off, wire notices).

Bodies leave this module as plain paragraphs: trafilatura's text carries no markup, so scripts,
tracking pixels and event handlers cannot reach a subscriber.
"""

from __future__ import annotations

from configparser import ConfigParser
from functools import cache

import trafilatura
from lxml.html import HtmlElement
from trafilatura.settings import use_config
from trafilatura.utils import load_html

from polywire.domain import BadInput
from polywire.ingest.measure import is_prose, normalise
from polywire.ingest.scraped import Draft, clean
from polywire.ingest.text import units

#: trafilatura gives up on trees bigger than this (elements): a bound on time and memory.
MAX_TREE_SIZE = 500_000


def from_html(markup: str, source: str) -> Draft:
    tree = load_html(markup)
    if tree is None:
        raise BadInput(source, "cannot parse the input as HTML")
    captions = _figure_captions(tree)
    document = trafilatura.bare_extraction(
        tree,
        with_metadata=True,
        include_comments=False,
        # Dates from markup only: the extensive search takes "© 2026" for a publication date.
        date_extraction_params={"extensive_search": False, "original_date": True},
        config=_config(),
    )
    if document is None or isinstance(document, dict) or not document.text:
        raise BadInput(source, "no story found: no article in the HTML page")
    title = normalise(str(document.title or ""))
    lines = units(str(document.text))
    if not title and lines:
        title, lines = lines[0], lines[1:]
    draft = clean(lines, headline=title or None)
    if not any(is_prose(paragraph) for paragraph in draft.body):
        raise BadInput(source, "no story found: no paragraph of running text in the HTML page")
    draft.date = draft.date or (str(document.date) if document.date else None)
    draft.byline = draft.byline or (normalise(str(document.author)) if document.author else None)
    draft.captions.extend(c for c in captions if c not in draft.captions and c not in draft.body)
    draft.body = [p for p in draft.body if p not in captions]
    return draft


def _figure_captions(tree: HtmlElement) -> list[str]:
    found: list[str] = []
    for element in tree.iter("figcaption"):
        text = normalise(element.text_content())
        if text and text not in found:
            found.append(text)
    return found


@cache
def _config() -> ConfigParser:
    config = use_config()
    config.set("DEFAULT", "MAX_TREE_SIZE", str(MAX_TREE_SIZE))
    return config
