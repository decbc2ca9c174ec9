"""HTML pages: trafilatura finds the body, title, author and date; the scraped-text cleaner's
steps then find what it leaves in or misses (dateline, captions, sign-off, wire notices).

The page is parsed once. Metadata comes from the parts of trafilatura's metadata pipeline a story
needs: meta tags and JSON-LD (title, author), the title heuristics, and htmldate on markup only (its
extensive search takes "© 2026" for a publication date). Its search for an author in the page's
markup, and for sitename, categories, tags and licence, would cost a third of the extraction time;
the byline in the text is found by the cleaner instead. The figures' pictures are read by
`polywire.ingest.pictures`. Bodies leave this module as plain
paragraphs, so scripts, tracking pixels and event handlers cannot reach a subscriber. Time and
memory are bounded by the input size limit of `polywire.ingest.decode` and by `MAX_ELEMENTS`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import trafilatura
from htmldate import find_date
from lxml.etree import XPath
from lxml.html import HtmlElement
from trafilatura.metadata import examine_meta, extract_meta_json, extract_title
from trafilatura.utils import load_html

from polywire.domain import BadInput
from polywire.ingest import furniture as f
from polywire.ingest.measure import ends_sentence, is_prose, normalise, weight
from polywire.ingest.pictures import html_pictures
from polywire.ingest.scraped import Draft, clean

_BYLINE_XPATH = XPath(
    "//*[contains(@class, 'byline') or @itemprop='author' or @rel='author']"
    "[not(self::meta) and not(self::link)]"
)
_HEADINGS_XPATH = XPath("//h2|//h3|//h4|//h5|//h6")
#: trafilatura's time grows faster than the number of elements (20,000 take ~3 s, 40,000 ~10 s);
#: news pages have a few thousand (at most 1,600 in the 181 pages of the benchmark).
MAX_ELEMENTS = 20_000
#: Elements of trafilatura's XML whose children are the blocks (list items, rows, quoted paras).
_NESTED = {"list", "item", "table", "row", "quote"}


@dataclass
class PageMetadata:
    title: str | None
    author: str | None
    date: str | None


def from_html(markup: str, source: str) -> Draft:
    tree = load_html(markup)
    if tree is None:
        raise BadInput(source, "cannot parse the input as HTML")
    elements = sum(1 for _ in tree.iter())
    if elements > MAX_ELEMENTS:
        raise BadInput(
            source, f"the page has {elements} elements, more than {MAX_ELEMENTS}", status=413
        )
    metadata = page_metadata(tree)
    captions = _figure_captions(tree)
    pictures = html_pictures(tree)
    about_sections = _about_sections(tree)
    document = trafilatura.bare_extraction(tree, include_comments=False)
    if document is None or isinstance(document, dict) or document.body is None:
        raise BadInput(source, "no story found: no article in the HTML page")
    lines = _blocks(document.body)
    title = metadata.title
    if not title and lines:
        title, lines = lines[0], lines[1:]
    draft = clean(lines, headline=title or None)
    if draft.dateline is None and not any(is_prose(paragraph) for paragraph in draft.body):
        raise BadInput(source, "no story found: no paragraph of running text in the HTML page")
    draft.date = draft.date or metadata.date
    draft.byline = draft.byline or metadata.author or _marked_byline(tree)
    for paragraph in [p for p in draft.body if p in about_sections]:
        draft.body.remove(paragraph)  # trafilatura drops "About …" headings, not their text
        draft.notices.insert(0, f"{about_sections[paragraph]}\n{paragraph}")
    draft.captions.extend(c for c in captions if c not in draft.captions and c not in draft.body)
    draft.body = [p for p in draft.body if p not in captions]
    draft.pictures = pictures
    return draft


def page_metadata(tree: HtmlElement) -> PageMetadata:
    """Title, author and date from meta tags, JSON-LD and markup, as trafilatura reads them."""
    found = extract_meta_json(tree, examine_meta(tree))
    title = found.title or extract_title(tree)
    author = found.author if found.author and " " in found.author else None
    published = find_date(
        tree,
        extensive_search=False,
        original_date=True,
        max_date=date.today().isoformat(),
    )
    return PageMetadata(
        title=normalise(title) if title else None,
        author=normalise(author) if author else None,
        date=str(published) if published else None,
    )


def _blocks(body: Any) -> list[str]:
    """One string per paragraph, heading, list item, table row or quoted paragraph of
    trafilatura's XML body, and one per run of text between them (its plain text keeps the page
    source's line breaks inside paragraphs)."""
    for line_break in body.iter("lb"):
        line_break.tail = " " + (line_break.tail or "")
    found = [normalise(body.text or "")]
    for block in body:
        parts = [child for child in block if child.tag in _NESTED] if block.tag in _NESTED else []
        for part in parts or [block]:
            if part.tag == "row":
                found.append(" ".join(normalise("".join(cell.itertext())) for cell in part))
            else:
                found.append(normalise("".join(part.itertext())))
        found.append(normalise(block.tail or ""))
    return [text for text in found if text]


def _marked_byline(tree: HtmlElement) -> str | None:
    """The text of the first element marked as a byline or author, if it reads like one."""
    for element in _BYLINE_XPATH(tree)[:3]:
        text = normalise(element.text_content())
        if text and f.is_byline(text):
            return f.byline_name(text)
        if text and weight(text) <= 6 and not ends_sentence(text):
            return text
    return None


def _about_sections(tree: HtmlElement) -> dict[str, str]:
    """Paragraphs that follow an "About …" heading, with that heading."""
    sections: dict[str, str] = {}
    for heading in _HEADINGS_XPATH(tree):
        title = normalise(heading.text_content())
        following = heading.getnext()
        if following is None or not f.is_about_heading(title):
            continue
        text = normalise(following.text_content())
        if text:
            sections[text] = title
    return sections


def _figure_captions(tree: HtmlElement) -> list[str]:
    found: list[str] = []
    for element in tree.iter("figcaption"):
        text = normalise(element.text_content())
        if text and text not in found:
            found.append(text)
    return found
