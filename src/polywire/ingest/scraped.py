"""The scraped-text cleaner: a story and its metadata out of a page's text and its clutter.

A scraped page reads, top to bottom: site furniture and an optional metadata line, the headline
(often printed twice), a photo caption, the byline and timestamps, the body opened by a dateline,
a sign-off, then either more furniture (teasers, share buttons) or, for a release redistributed by
another wire, its notices (disclaimer, "About …", "Sectors: …"). `clean` walks those regions in
order; each step is one function below, and what a line *is* is decided in
`polywire.ingest.furniture`. The HTML path runs the same steps over trafilatura's text, with the
headline already known and a lenient end of body (trafilatura has already dropped the page
furniture, so only wire furniture and sign-offs end the story there).

No library cleans scraped text in any language (trafilatura and its peers work on HTML), hence
this module.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from polywire.domain import Dateline
from polywire.ingest import furniture as f
from polywire.ingest.datelines import find_dateline
from polywire.ingest.dates import parse_date
from polywire.ingest.measure import ends_sentence, is_prose, weight

#: Datelines are looked for among the first units only: deeper down they are teasers' datelines
#: (on the HTML path, where trafilatura has found the body, only among its first three).
_DATELINE_SEARCH = 80
#: A body unit shorter than this (in words) without a full stop is a subheading or furniture.
_RUNNING_TEXT = 15


@dataclass
class Draft:
    """What the cleaner found; `polywire.ingest.core` turns it into an `Extraction`."""

    headline: str | None = None
    language: str | None = None
    date: str | None = None
    dateline: Dateline | None = None
    byline: str | None = None
    credit: str | None = None
    captions: list[str] = field(default_factory=list)
    body: list[str] = field(default_factory=list)
    sectors: list[str] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)


def clean(units: list[str], *, headline: str | None = None) -> Draft:
    """Clean normalised, non-empty `units` (lines or paragraphs) of a page.

    With `headline` (the HTML path) the units are already the page's main content."""
    draft = Draft(headline=headline)
    start = _body_start(units, lenient=headline is not None)
    if start is None:
        return draft
    _read_head(units[:start], draft)
    end = _read_body(units[start:], draft, lenient=headline is not None)
    _read_notices(units[start + end :], draft)
    return draft


def _body_start(units: list[str], *, lenient: bool) -> int | None:
    """Where the story begins: its dateline, else its first paragraph of running text."""
    for index, unit in enumerate(units[: 3 if lenient else _DATELINE_SEARCH]):
        if f.is_caption(unit) or f.is_timestamp(unit):
            continue
        if find_dateline(unit) is not None:
            return index
    for index, unit in enumerate(units):
        if _head_furniture(unit) or f.is_block_end(unit) or f.is_notice_start(unit):
            continue
        if lenient or is_prose(unit):
            return index
    return None


def _head_furniture(unit: str) -> bool:
    return (
        f.is_caption(unit)
        or f.is_byline(unit)
        or f.is_timestamp(unit)
        or f.is_relative_time(unit)
        or f.is_inline_furniture(unit)
        or f.is_navigation(unit)
    )


def _read_head(units: list[str], draft: Draft) -> None:
    """Headline, date, byline and captions above the body."""
    candidates: list[str] = []
    for unit in units:
        if f.is_caption(unit):
            draft.captions.append(unit)
        elif f.is_byline(unit):
            draft.byline = draft.byline or f.byline_name(unit)
        elif f.is_timestamp(unit):
            draft.date = draft.date or parse_date(unit)
        elif (
            not (
                f.is_relative_time(unit)
                or f.is_inline_furniture(unit)
                or f.is_navigation(unit)
                or f.is_block_end(unit)
            )
            and weight(unit) >= 3
        ):
            candidates.append(unit)
    if draft.headline is None and candidates:
        draft.headline = _pick_headline(candidates)


def _pick_headline(candidates: list[str]) -> str:
    """A headline printed twice wins; else the last line that is not a sentence (a deck is)."""
    for candidate in reversed(candidates):
        if candidates.count(candidate) > 1:
            return candidate
    for candidate in reversed(candidates):
        if not ends_sentence(candidate):
            return candidate
    return candidates[-1]


def _read_body(units: list[str], draft: Draft, *, lenient: bool) -> int:
    """Body paragraphs up to the sign-off or the first furniture; returns where it stopped."""
    found = find_dateline(units[0])
    if found is not None:
        draft.dateline = found.dateline
        if found.by and not draft.byline:
            draft.byline = f.byline_name(found.by)
        units = [found.rest, *units[1:]]
    for index, unit in enumerate(units):
        following = units[index + 1] if index + 1 < len(units) else None
        if draft.body and unit == draft.headline:
            if lenient:
                continue
            return index
        if f.is_inline_furniture(unit):
            continue
        if f.is_caption(unit):
            draft.captions.append(unit)
        elif f.is_byline(unit) and not draft.body:
            draft.byline = draft.byline or f.byline_name(unit)
        elif f.is_timestamp(unit):
            draft.date = draft.date or parse_date(unit)
        elif f.is_block_end(unit) or f.is_relative_time(unit):
            if not lenient:
                return index
            # trafilatura keeps widgets ("Most read in world news") inside the story: skip them
        elif f.is_notice_start(unit):
            return index
        elif (
            draft.body
            and f.is_signoff(unit, _signoff_names(draft))
            and not _story_goes_on(units[index + 1 :])
        ):
            draft.credit = unit.strip().lstrip("—–―-").strip()
            return index + 1
        elif ends_sentence(unit) or weight(unit) >= _RUNNING_TEXT or lenient:
            if not draft.body or draft.body[-1] != unit:
                draft.body.append(unit)
        elif (
            following is not None
            and is_prose(following, minimum=8)
            and not (_head_furniture(following) or f.is_notice_start(following))
        ):
            draft.body.append(unit)  # a subheading
        else:
            return index
    return len(units)


def _story_goes_on(units: list[str]) -> bool:
    """Running text follows before any furniture (so a short line was not the sign-off)."""
    for unit in units[:3]:
        if f.is_notice_start(unit) or f.is_block_end(unit):
            return False
        if is_prose(unit, minimum=8) or weight(unit) >= 12:
            return True
    return False


def _signoff_names(draft: Draft) -> set[str]:
    names = set()
    if draft.byline:
        names.add(draft.byline)
    if draft.dateline and draft.dateline.source:
        names.add(draft.dateline.source)
    return names


def _read_notices(units: list[str], draft: Draft) -> None:
    """Sectors and notices among whatever follows the body; the rest is dropped."""
    index = 0
    while index < len(units):
        unit = units[index]
        following = units[index + 1] if index + 1 < len(units) else None
        index += 1
        sectors = f.sectors_of(unit)
        if sectors is not None and sectors:
            draft.sectors.extend(sectors)
        elif f.is_sectors_label(unit) and following is not None:
            draft.sectors.extend(f.sectors_of(f"Sectors: {following}") or [])
            index += 1
        elif f.is_about_paragraph(unit) or f.is_disclaimer(unit):
            draft.notices.append(unit)
        elif f.is_about_heading(unit) and following is not None and is_prose(following, minimum=8):
            draft.notices.append(f"{unit}\n{following}")
            index += 1
        elif f.is_contact(unit):
            lines = [unit]
            while index < len(units) and len(lines) < 5 and _contact_line(units[index]):
                lines.append(units[index])
                index += 1
            draft.notices.append("\n".join(lines))


def _contact_line(unit: str) -> bool:
    return weight(unit) <= 15 and not (
        f.is_notice_start(unit) or f.is_block_end(unit) or f.is_relative_time(unit)
    )
