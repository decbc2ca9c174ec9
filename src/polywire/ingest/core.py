"""Extraction in one function: decode, tell ninjs from HTML from text, run that path, then
identify the language and check that a story was found.

    bytes ─► decode ─► ninjs? ─► polywire.ingest.ninjs
                       HTML?  ─► polywire.ingest.html  (trafilatura + the cleaner's steps)
                       text   ─► polywire.ingest.scraped (the scraped-text cleaner)
"""

from __future__ import annotations

import sys
from pathlib import Path

from polywire.domain import BadInput, Extraction
from polywire.ingest.boilerplate import publisher_boilerplate
from polywire.ingest.decode import decode
from polywire.ingest.furniture import is_error_status
from polywire.ingest.headlines import derive_headline
from polywire.ingest.language import detect_language
from polywire.ingest.measure import body_shortfall
from polywire.ingest.scraped import Draft, clean
from polywire.ingest.subheadlines import italic_lines
from polywire.ingest.text import units
from polywire.language_tags import is_language_tag, language_tag

#: Bounds on the text path's time and memory: every step is linear in the text, and a scraped
#: page holds a few hundred lines; lines past the 5,000th are page furniture, never looked at.
MAX_TEXT_CHARS = 2_000_000
MAX_UNITS = 5_000


def extract_path(path: str) -> Extraction:
    """Extract the file at `path` (`-` reads standard input)."""
    if path == "-":
        return extract(sys.stdin.buffer.read(), source="<stdin>")
    file = Path(path)
    if not file.is_file():
        raise BadInput(path, "no such file")
    return extract(file.read_bytes(), source=path)


def extract(data: bytes, *, source: str, language: str | None = None) -> Extraction:
    """Extract a story draft from raw bytes; `source` names the input in error messages."""
    text = decode(data, source)
    stripped = text.lstrip()
    # the HTML and ninjs readers (trafilatura, jsonschema) are imported by the inputs that need
    # them: a text story is read without them, and a command that reads one starts sooner
    if stripped.startswith("{"):
        from polywire.ingest.ninjs import from_ninjs

        draft = from_ninjs(stripped, source)
    elif stripped[:1] == "<":
        from polywire.ingest.html import from_html

        draft = from_html(text, source)
    else:
        if len(text) > MAX_TEXT_CHARS:
            raise BadInput(
                source, f"{len(text)} characters of text, more than {MAX_TEXT_CHARS}", status=413
            )
        draft = clean(units(text)[:MAX_UNITS], italic=italic_lines(text))
    return finish(draft, source, language)


def _language(draft: Draft, source: str, given: str | None) -> str:
    """The tag given by the sender, else the one the document declares (ninjs, a feed entry),
    else the detected one; each is checked, so no story is stored in a language CLDR lacks."""
    if given:
        return language_tag(given, source="language")
    if draft.language:
        return language_tag(draft.language, source=f"{source}: language")
    detected = detect_language(" ".join(draft.body))
    if not is_language_tag(detected):
        raise BadInput(
            source,
            f"its language looks like {detected!r}, which CLDR does not know; "
            "say which it is (--language, or the API's language)",
        )
    return detected


def finish(draft: Draft, source: str, language: str | None) -> Extraction:
    """Check that `draft` holds a story (running text) and give it its language, and a headline
    derived from the body when it came without one."""
    shortfall = body_shortfall(draft.body, dated=draft.dateline is not None)
    if shortfall is not None:
        raise BadInput(source, f"no story found: {shortfall}")
    if draft.headline and is_error_status(draft.headline):
        raise BadInput(source, f"no story found: an error page ({draft.headline!r})")
    language = _language(draft, source, language)
    headline, body = draft.headline, draft.body
    if not headline:
        headline, body = derive_headline(body, language)
    wire = draft.dateline.source if draft.dateline else None
    about, contacts = publisher_boilerplate(draft.notices, wire=wire)
    return Extraction(
        headline=headline,
        headline_derived=not draft.headline,
        subheadline=draft.subheadline,
        language=language,
        body=body,
        date=draft.date,
        dateline=draft.dateline,
        byline=draft.byline,
        credit=draft.credit,
        captions=draft.captions,
        sectors=draft.sectors,
        notices=draft.notices,
        about=[*draft.about, *(a for a in about if a not in draft.about)],
        contacts=[*draft.contacts, *(c for c in contacts if c not in draft.contacts)],
        pictures=draft.pictures,
    )
