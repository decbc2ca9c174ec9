"""The scraped-text cleaner: a story and its metadata out of a page's text and its clutter.

A scraped page reads, top to bottom: site furniture and an optional metadata line, the headline
(often printed twice), a photo caption, the byline and timestamps, the body opened by a dateline,
a sign-off, then either more furniture (teasers, share buttons) or, for a release redistributed by
another wire, its notices (disclaimer, "About …", "Sectors: …"). `clean` finds the story region
(the run of lines with the most running text, net of the short lines and furniture markers in
it, from the dateline when there is one), reads the headline, date, byline and captions
above it, walks the body to its sign-off or wire notices (skipping widgets inside it), and picks
notices and sectors out of what follows. What a line *is* is decided in
`polywire.ingest.furniture`. The HTML path runs the same steps over the blocks trafilatura found,
with the headline already known and all of them as the region.

No library cleans scraped text in any language (trafilatura and its peers work on HTML), hence
this module.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from polywire.domain import About, Contact, Dateline, Picture
from polywire.ingest import furniture as f
from polywire.ingest.datelines import find_dateline
from polywire.ingest.dates import parse_date
from polywire.ingest.measure import ends_sentence, is_prose, weight
from polywire.ingest.subheadlines import is_subheadline

#: Datelines are looked for among the first units only: deeper down they are teasers' datelines.
_DATELINE_SEARCH = 80
#: A unit of this many words is running text even without a full stop.
_RUNNING_TEXT = 15
#: What a short line (a link, a label) and a furniture marker ("Top Stories") cost the region.
_SHORT_LINE = 3.0
_BARRIER = 25.0
#: In scraped text a widget heading ("Related", "Most Read") ends the story once this many words
#: of it were read, unless two paragraphs of this many words follow within so many units (then
#: it was a teaser box inside the story).
_STORY_READ = 100
_RESUMED_PARAGRAPH = 20
_WIDGET_SPAN = 8
#: A subheadline found in text (and the headline above it) has at least this many words.
_SUBHEADLINE_WORDS = 5
#: A story's closing sentences after its running text: at most so many, of at least so many words.
_CLOSING_LINES = 2
_CLOSING_WORDS = 4
#: A contact block holds up to this many lines (two or three people with phone and e-mail).
_CONTACT_LINES = 13


@dataclass
class Draft:
    """What the cleaner found; `polywire.ingest.core` turns it into an `Extraction`."""

    headline: str | None = None
    subheadline: str | None = None
    language: str | None = None
    date: str | None = None
    dateline: Dateline | None = None
    byline: str | None = None
    credit: str | None = None
    captions: list[str] = field(default_factory=list)
    body: list[str] = field(default_factory=list)
    sectors: list[str] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    #: Given as data by the input (a ninjs document's About body, contacts and pictures, an HTML
    #: page's figures); the notices' About paragraphs and contacts are read in `core.finish`.
    about: list[About] = field(default_factory=list)
    contacts: list[Contact] = field(default_factory=list)
    pictures: list[Picture] = field(default_factory=list)


def clean(
    units: list[str], *, headline: str | None = None, italic: frozenset[str] = frozenset()
) -> Draft:
    """Clean normalised, non-empty `units` (lines or paragraphs) of a page; `italic` are those
    the text printed in italics.

    With `headline` (the HTML path) the units are already the page's main content."""
    draft = Draft(headline=headline)
    region = (0, len(units)) if headline is not None else _body_region(units)
    if region is None or not units:
        return draft
    start, stop = region
    if headline is None:
        stop = _closing_sentences(units, stop)
    _read_head(units[:start], draft)
    if draft.headline is None and start == 1 and _short_headline(units[0]):
        draft.headline = units[0]
    if headline is None and find_dateline(units[start]) is not None:
        _release_head(units[:start], draft, italic)
    if draft.headline is None and _headline_like(units[start]):
        draft.headline = units[start]  # a long headline opened the region: it is no paragraph
    end = start + _read_body(units[start:stop], draft, scraped=headline is None)
    if end < len(units) and draft.body and f.is_signoff(units[end], _signoff_names(draft)):
        draft.credit = _signoff(units[end])
        end += 1
    _read_notices(units[end:], draft)
    return draft


def _body_region(units: list[str]) -> tuple[int, int] | None:
    """The span of units that holds the story: the run with the most running text in it, net of
    the short lines and furniture inside it (a maximum-sum segment). It starts at the dateline
    when there is one. A line printed twice in a row (a picture's alt text and title, as text
    browsers show them) or three times on the page (a gallery's alt text) is no running text."""
    counts = Counter(units)
    scores = [_score(unit) for unit in units]
    for index in range(1, len(units)):
        if units[index] == units[index - 1]:
            scores[index - 1] = scores[index] = min(scores[index], 0.0)
    for index, unit in enumerate(units):
        if counts[unit] >= 3:
            scores[index] = min(scores[index], 0.0)
    for index, unit in enumerate(units[:_DATELINE_SEARCH]):
        if scores[index] > 0 and not f.is_caption(unit) and find_dateline(unit) is not None:
            return index, index + 1 + _best_end(scores[index + 1 :])
    best, span = 0.0, None
    total, begin = 0.0, 0
    for index, value in enumerate(scores):
        if total <= 0:
            total, begin = 0.0, index
        total += value
        if total > best:
            best, span = total, (begin, index + 1)
    return span


def _closing_sentences(units: list[str], stop: int) -> int:
    """The story region's end, taken on to the end of the text when all that follows it is one
    or two short sentences (`El operador no comentó las conversaciones.`): a story's closing
    line, too short to count as running text, which the region alone left out. A page's own
    last lines (copyright, share links, notices, contacts) are furniture or no sentence."""
    rest = units[stop:]
    if not rest or len(rest) > _CLOSING_LINES:
        return stop
    closing = all(
        ends_sentence(unit)
        and weight(unit) >= _CLOSING_WORDS
        and -_BARRIER < _score(unit) < 0
        and _candidate(unit)
        and not _notice(unit)
        for unit in rest
    )
    return len(units) if closing else stop


def _notice(unit: str) -> bool:
    return (
        f.is_disclaimer(unit)
        or f.is_contact(unit)
        or f.is_about_paragraph(unit)
        or f.about_name(unit) is not None
    )


def _best_end(scores: list[float]) -> int:
    """How many of `scores` to take for the largest running sum (0 when none helps)."""
    best, total, end = 0.0, 0.0, 0
    for index, value in enumerate(scores):
        total += value
        if total > best:
            best, end = total, index + 1
    return end


def _score(unit: str) -> float:
    """What a unit adds to the story region: running text its words, furniture a penalty."""
    if f.is_block_end(unit) or f.is_relative_time(unit) or f.is_notice_start(unit):
        return -_BARRIER
    if f.is_navigation(unit):
        return -_SHORT_LINE * 2
    if f.is_caption(unit) or f.is_timestamp(unit) or f.is_byline(unit):
        return 0.0
    if f.is_inline_furniture(unit):
        return 0.0
    size = weight(unit)
    if is_prose(unit, minimum=8) or size >= _RUNNING_TEXT:
        return size
    return -_SHORT_LINE


def _read_head(units: list[str], draft: Draft) -> None:
    """Headline, date, byline and captions above the body."""
    candidates: list[str] = []
    for unit in units:
        if (metadata := f.metadata_and_headline(unit)) is not None:
            draft.date = draft.date or metadata[0]
            candidates.append(metadata[1])
        elif f.is_caption(unit):
            draft.captions.append(unit)
        elif f.is_byline(unit):
            draft.byline = draft.byline or f.byline_name(unit)
        elif f.is_timestamp(unit):
            draft.date = draft.date or parse_date(unit)
        elif _plain_line(unit):
            candidates.append(unit)
    if draft.headline is None and candidates:
        draft.headline = _pick_headline(candidates)


def _plain_line(unit: str, shortest: int = 3) -> bool:
    """A line above the body that is no furniture: it may be the headline."""
    return (
        not (
            f.is_relative_time(unit)
            or f.is_inline_furniture(unit)
            or f.is_navigation(unit)
            or f.is_block_end(unit)
        )
        and weight(unit) >= shortest
    )


def _short_headline(unit: str) -> bool:
    """A two-word line in sentence case that opens the text right above its body (`Deal
    stalls`): a headline. Above a scraped page's story short lines are mostly furniture, but a
    text whose only line above the body is such a line is a story file written by hand or by a
    wire. Two capitalised words (`Staff Reports`, `World News`) or a place (`BAAR,
    SWITZERLAND`) are a byline, a label or a dateline as often."""
    words = unit.split()
    return (
        weight(unit) == 2
        and len(words) == 2
        and words[0][:1].isupper()
        and words[1][:1].islower()
        and not ends_sentence(unit)
        and _candidate(unit, shortest=2)
    )


def _candidate(unit: str, shortest: int = 3) -> bool:
    """A line `_read_head` would take for the headline (no caption, byline or timestamp)."""
    return not (f.is_caption(unit) or f.is_byline(unit) or f.is_timestamp(unit)) and (
        f.metadata_and_headline(unit) is None and _plain_line(unit, shortest)
    )


def _release_head(units: list[str], draft: Draft, italic: frozenset[str]) -> None:
    """A release's headline and subheadline: the two lines right above its dateline, the second
    in italics, or in sentence case under a title-cased first (`Acme Opens Plant in Leeds` /
    `New site brings 500 jobs to West Yorkshire`), or a sentence the headline picker passed
    over. Nowhere else: above a scraped page's story, the lines are as often furniture as a
    deck."""
    if len(units) < 2 or draft.headline is None:
        return
    upper, lower = units[-2], units[-1]
    if not (is_subheadline(lower) and weight(lower) >= _SUBHEADLINE_WORDS):
        return
    if draft.headline == upper and ends_sentence(lower):
        draft.subheadline = lower
    elif (
        draft.headline == lower
        and _candidate(upper)
        and not ends_sentence(upper)
        and (
            lower in italic
            or (
                _title_cased(upper)
                and not _title_cased(lower)
                and weight(upper) >= _SUBHEADLINE_WORDS
            )
        )
    ):
        draft.headline, draft.subheadline = upper, lower


def _title_cased(line: str) -> bool:
    """Most of the line's longer words open with a capital (an English headline's style)."""
    words = [w for w in line.split() if len(w) > 3 and w[0].isalpha()]
    return len(words) >= 2 and sum(w[0].isupper() for w in words) >= 0.75 * len(words)


def _headline_like(unit: str) -> bool:
    return not ends_sentence(unit) and weight(unit) <= 30 and find_dateline(unit) is None


def _pick_headline(candidates: list[str]) -> str:
    """A headline printed twice wins; else the last line that is not a sentence (a deck is)."""
    for candidate in reversed(candidates):
        if candidates.count(candidate) > 1:
            return candidate
    for candidate in reversed(candidates):
        if not ends_sentence(candidate):
            return candidate
    return candidates[-1]


def _read_body(units: list[str], draft: Draft, *, scraped: bool) -> int:
    """Body paragraphs up to the sign-off or wire furniture; returns where it stopped.

    Widgets inside the story ("Most read in world news", "Advertisement") are skipped; in scraped
    text (`scraped`) one after a good part of the story ends it, and so do stray labels."""
    for index, unit in enumerate(units):
        if unit == draft.headline:
            continue
        if scraped and f.is_block_end(unit) and _story_ended(units[index + 1 :], draft):
            return index
        if f.is_inline_furniture(unit) or f.is_block_end(unit) or f.is_relative_time(unit):
            continue
        if f.is_caption(unit):
            draft.captions.append(unit)
        elif f.is_byline(unit) and not draft.body:
            draft.byline = draft.byline or f.byline_name(unit)
        elif f.is_timestamp(unit):
            draft.date = draft.date or parse_date(unit)
        elif f.is_notice_start(unit):
            return index
        elif (
            draft.body
            and f.is_signoff(unit, _signoff_names(draft))
            and not _story_goes_on(units[index + 1 :])
        ):
            draft.credit = _signoff(unit)
            return index + 1
        elif scraped and f.is_stray_label(unit):
            continue
        elif not draft.body:
            draft.body.append(_open(unit, draft))
        elif draft.body[-1] != unit:
            draft.body.append(unit)
    return len(units)


def _story_ended(following: list[str], draft: Draft) -> bool:
    """Whether a widget heading closes the story: a good part of it was read and it does not
    resume after the widget's links."""
    if sum(weight(paragraph) for paragraph in draft.body) < _STORY_READ:
        return False
    window = following[:_WIDGET_SPAN]
    return sum(1 for unit in window if is_prose(unit, minimum=_RESUMED_PARAGRAPH)) < 2


def _open(paragraph: str, draft: Draft) -> str:
    """The first paragraph without its dateline, which goes to the draft."""
    found = find_dateline(paragraph)
    if found is None:
        return paragraph
    draft.dateline = found.dateline
    if found.by and not draft.byline:
        draft.byline = f.byline_name(found.by)
    return found.rest


def _signoff(unit: str) -> str:
    return unit.strip().lstrip("—–―-").strip()


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
        elif f.is_about_heading(unit) and following is not None and _about_text(following):
            draft.notices.append(f"{unit}\n{following}")
            index += 1
        elif f.described_name(unit) is not None:
            draft.notices.append(unit)  # "BrandWire là nhà phân phối …": a description
        elif f.is_contact(unit):
            lines = [unit]
            while (
                index < len(units) and len(lines) < _CONTACT_LINES and _contact_line(units[index])
            ):
                lines.append(units[index])
                index += 1
            draft.notices.append("\n".join(lines))


def _about_text(unit: str) -> bool:
    """The text under an About heading: running text (in Thai, which ends no sentence with a
    stop, a few words are enough once the heading said what follows)."""
    return is_prose(unit, minimum=8) or (weight(unit) >= 8 and not f.is_notice_start(unit))


def _contact_line(unit: str) -> bool:
    return weight(unit) <= 15 and not (
        f.is_notice_start(unit)
        or f.is_block_end(unit)
        or f.is_relative_time(unit)
        or f.described_name(unit) is not None
    )
