"""RSS 2.0, Atom and JSON Feed 1.1 documents for one feed: a language × sector, or a token's.

RSS and Atom are written by feedgen. JSON Feed 1.1 is a plain JSON object, built here because
feedgen does not write it. Every timestamp in a document comes from the entries, never from the
clock, so the same entries give the same bytes (and the same ETag) in every process.

A story is plain text: every piece of it is HTML-escaped before it is put where a reader takes
HTML (RSS `<description>` and `content:encoded`, Atom `content` and `summary` of type html,
JSON Feed `content_html`), so a `<svg onload=…>` in a story arrives as the text it was. What the
document holds is text: a lone surrogate in a stored row becomes U+FFFD (`clean_text`).

An entry's summary is the subheadline when the story has one (else the first paragraph), and the
HTML opens with it. The publisher's About paragraphs and media contacts are among the notices
after the story. The story's pictures are figures in the HTML (caption and credit under each),
`media:content` in RSS and Atom (the first also the RSS enclosure), and JSON Feed's `image` and
`attachments`.
"""

from __future__ import annotations

import html
import json
import mimetypes
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Literal

from feedgen.feed import FeedGenerator

import polywire
from polywire.compose import Composed
from polywire.domain import Picture
from polywire.surrogates import clean_text, utf8

FeedKind = Literal["rss", "atom", "json"]

MEDIA_TYPES: dict[FeedKind, str] = {
    "rss": "application/rss+xml; charset=utf-8",
    "atom": "application/atom+xml; charset=utf-8",
    "json": "application/feed+json; charset=utf-8",
}

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class FeedEntry:
    """The newest released version of one story in one language, as its readers see it."""

    id: str  # a stable tag URI: the story's uri and the language
    link: str
    updated: datetime  # when this version was released in this language
    composed: Composed

    @property
    def headline(self) -> str:
        return self.composed.headline

    @property
    def published(self) -> datetime:
        return self.composed.firstcreated

    @property
    def categories(self) -> list[str]:
        """The sectors, named in the entry's language."""
        return [sector.label for sector in self.composed.sectors]

    @property
    def html(self) -> str:
        """The correction note, the subheadline, the story (the dateline opening it), the
        attribution, disclaimer and "about" paragraph, then the sectors — in the entry's
        direction."""
        composed = self.composed
        correction = [composed.correction] if composed.correction else []
        after = composed.notices[len(correction) :]  # attribution, disclaimer, about
        if composed.sector_line:
            after.append(composed.sector_line)
        notes = [f"<p><em>{html.escape(line)}</em></p>" for line in correction]
        if composed.subheadline:
            notes.append(f"<p><strong>{html.escape(composed.subheadline)}</strong></p>")
        story = [f"<p>{html.escape(p)}</p>" for p in composed.paragraphs]
        figures = [_figure(picture) for picture in composed.pictures]
        notices = [f"<p><small>{html.escape(line)}</small></p>" for line in after]
        content = "".join(notes + story + figures + notices)
        if composed.direction == "rtl":
            return f'<div dir="rtl">{content}</div>'
        return content

    @property
    def summary(self) -> str:
        """The subheadline (the release's own summary line), else the first paragraph, as plain
        text."""
        if self.composed.subheadline:
            return self.composed.subheadline
        paragraphs = self.composed.paragraphs
        return paragraphs[0] if paragraphs else self.headline


@dataclass(frozen=True)
class Feed:
    title: str
    language: str | None
    home_url: str
    self_url: str
    hub_url: str | None
    entries: list[FeedEntry]
    updated: datetime = EPOCH  # the last change, withdrawals included


def render(feed: Feed, kind: FeedKind) -> bytes:
    if kind == "rss":
        return _generator(feed).rss_str(pretty=False)  # type: ignore[no-any-return]
    if kind == "atom":
        return _generator(feed).atom_str(pretty=False)  # type: ignore[no-any-return]
    return to_json_feed(feed)


def to_json_feed(feed: Feed) -> bytes:
    """A JSON Feed 1.1 document (https://jsonfeed.org/version/1.1)."""
    document: dict[str, object] = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": feed.title,
        "home_page_url": feed.home_url,
        "feed_url": feed.self_url,
        "items": [
            {
                "id": entry.id,
                "url": entry.link,
                "title": entry.headline,
                "content_html": entry.html,
                "summary": entry.summary,
                "date_published": entry.published.isoformat(),
                "date_modified": entry.updated.isoformat(),
                "language": entry.composed.language,
                "tags": entry.categories,
                **({"authors": [{"name": entry.composed.by}]} if entry.composed.by else {}),
                **_json_pictures(entry.composed.pictures),
            }
            for entry in feed.entries
        ],
    }
    if feed.language:
        document["language"] = feed.language
    if feed.hub_url:
        document["hubs"] = [{"type": "WebSub", "url": feed.hub_url}]
    return utf8(json.dumps(document, ensure_ascii=False, separators=(",", ":")))


def _generator(feed: Feed) -> FeedGenerator:
    generator = FeedGenerator()
    generator.load_extension("media")
    generator.id(feed.self_url)
    generator.title(feed.title)
    generator.description(feed.title)
    generator.link(href=feed.self_url, rel="self")
    if feed.hub_url:
        generator.link(href=feed.hub_url, rel="hub")
    generator.link(href=feed.home_url, rel="alternate")  # last: RSS's <link> is the last one
    if feed.language:
        generator.language(feed.language)
    generator.generator("polywire", version=polywire.__version__)
    generator.updated(feed.updated)
    for entry in feed.entries:
        item = generator.add_entry(order="append")
        item.id(entry.id)
        item.guid(entry.id, permalink=False)
        item.title(clean_text(entry.headline))
        item.link(href=entry.link)
        item.published(entry.published)
        item.updated(entry.updated)
        # RSS readers take <description> as HTML: the summary goes in escaped, as in Atom's
        # summary of type html (feedgen writes this one value to both).
        item.summary(html.escape(clean_text(entry.summary)), type="html")
        item.content(clean_text(entry.html), type="html")
        if entry.composed.by:
            item.author({"name": clean_text(entry.composed.by)})
        for category in entry.categories:
            item.category(term=clean_text(category))
        pictures = entry.composed.pictures
        if pictures:
            item.enclosure(pictures[0].url, "0", picture_type(pictures[0]))
            for number, picture in enumerate(pictures):
                item.media.content(
                    url=picture.url, type=picture_type(picture), medium="image", group=str(number)
                )
    return generator


def picture_type(picture: Picture) -> str:
    """The media type its URL's extension names; `image/jpeg` when it names none."""
    guessed, _ = mimetypes.guess_type(picture.url.split("?", 1)[0])
    return guessed if guessed and guessed.startswith("image/") else "image/jpeg"


def _figure(picture: Picture) -> str:
    alt = html.escape(picture.alt or picture.caption or "", quote=True)
    image = f'<img src="{html.escape(picture.url, quote=True)}" alt="{alt}">'
    under = " ".join(part for part in (picture.caption, picture.credit) if part)
    caption = f"<figcaption>{html.escape(under)}</figcaption>" if under else ""
    return f"<figure>{image}{caption}</figure>"


def _json_pictures(pictures: list[Picture]) -> dict[str, object]:
    if not pictures:
        return {}
    return {
        "image": pictures[0].url,
        "attachments": [
            {
                "url": picture.url,
                "mime_type": picture_type(picture),
                **({"title": picture.caption} if picture.caption else {}),
            }
            for picture in pictures
        ],
    }
