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

import re
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
from polywire.ingest.subheadlines import is_subheadline

_BYLINE_XPATH = XPath(
    "//*[contains(@class, 'byline') or @itemprop='author' or @rel='author']"
    "[not(self::meta) and not(self::link)]"
)
_HEADINGS_XPATH = XPath("//h2|//h3|//h4|//h5|//h6")
#: The page's first `<h1>`: the element right after it may hold the line under the headline.
_FIRST_H1_XPATH = XPath("(//h1)[1]")
#: Elements that may be marked as the line under the headline: near after the `<h1>` (before it
#: are the site's own deck and log-in links), or anywhere when the page has none.
_CLASSED = "*[@class or @itemprop='alternativeHeadline']"
_AFTER_H1_XPATH = XPath(f"(//h1)[1]/following::{_CLASSED}")
_CLASSED_XPATH = XPath(f"//body//{_CLASSED}")
_NEAR_H1 = 30
#: Class names that mark the line under the headline (whole, or after an article's or a BEM
#: block's prefix: `article-dek`, `c-header__subtitle`; not `modal-subtitle`).
_SUBHEADLINE_CLASSES = frozenset(
    {"subtitle", "subheadline", "sub-headline", "subhead", "standfirst", "dek", "deck"}
)
_SUBHEADLINE_CLASS = re.compile(
    rf"(?:(?:article|story|entry|post|page|c-[a-z]+|[a-z]+-header)(?:-|__))?"
    rf"(?:{'|'.join(sorted(_SUBHEADLINE_CLASSES))})"
)
_OUTSIDE_STORY = {"nav", "aside", "footer", "form", "button", "a"}
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
    subheadline = _subheadline(tree, metadata.title or "")  # before trafilatura prunes it
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
    if subheadline is not None:
        lines = [line for line in lines if line != subheadline]
    draft = clean(lines, headline=title or None)
    draft.subheadline = subheadline
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


def _subheadline(tree: HtmlElement, headline: str) -> str | None:
    """The line under the headline: an `<h2>` or `<h3>` right after the `<h1>` that holds the
    headline, or the first element marked as one by its class (`subtitle`, `subheadline`,
    `dek`, `standfirst` …) or by schema.org's `alternativeHeadline`, outside navigation."""
    found: list[HtmlElement] = []
    h1s = _FIRST_H1_XPATH(tree)
    for h1 in h1s:
        heading = normalise(h1.text_content())
        under = next((e for e in h1.itersiblings() if isinstance(e.tag, str)), None)
        if under is not None and under.tag in ("h2", "h3") and heading and heading in headline:
            found.append(under)
    classed = _AFTER_H1_XPATH(tree)[:_NEAR_H1] if h1s else _CLASSED_XPATH(tree)
    found += [element for element in classed if _marked_subheadline(element)][:1]
    for element in found[:1]:
        text = normalise(element.text_content())
        if text and is_subheadline(text) and not _furniture(text):
            return text
    return None


def _marked_subheadline(element: HtmlElement) -> bool:
    if element.get("itemprop") == "alternativeHeadline":
        return True
    names = str(element.get("class") or "").lower().split()
    if not any(_SUBHEADLINE_CLASS.fullmatch(name) for name in names):
        return False
    return not any(a.tag in _OUTSIDE_STORY for a in element.iterancestors()) and (
        element.tag not in _OUTSIDE_STORY
    )


def _furniture(text: str) -> bool:
    return (
        f.is_byline(text)
        or f.is_navigation(text)
        or f.is_block_end(text)
        or f.is_inline_furniture(text)
        or f.is_timestamp(text)
    )


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
