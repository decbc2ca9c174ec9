"""A feed document into entries: RSS and Atom with feedparser; JSON Feed 1.0/1.1, which
feedparser 6.0 does not read, with the few lines its flat format needs.

Each entry becomes a ninjs 2.1 document (headline, HTML body, language, time, link as `uri`)
that goes through the same ninjs import as any other wire's copy, so feed content is validated
and sanitised on the one path.

A feed is text decoded from another site's bytes: a lone surrogate in it (a JSON `\\ud800`
escape, an XML `&#xD800;` reference) becomes U+FFFD, like any undecodable character, and the
entry is kept (see `polywire.surrogates`).
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from html import escape
from time import struct_time
from typing import Any

import feedparser

from polywire.domain import BadInput
from polywire.surrogates import clean_document, clean_text

#: A numeric character reference, which feedparser turns into a character (and fails to encode
#: when it names a surrogate, U+D800 to U+DFFF).
_CHARACTER_REFERENCE = re.compile(rb"&#([xX][0-9a-fA-F]{1,8}|[0-9]{1,10});")


@dataclass(frozen=True)
class FeedEntry:
    key: str  # sha256 of the entry's id: stable across polls
    id: str
    link: str | None
    title: str
    html: str
    language: str | None
    updated: datetime | None

    @property
    def content_hash(self) -> str:
        return hashlib.sha256(json.dumps([self.title, self.html]).encode()).hexdigest()

    def to_ninjs(self) -> bytes:
        document: dict[str, Any] = {
            "uri": self.link or self.id,
            "standard": {"name": "ninjs", "version": "2.1"},
            "type": "text",
            "headlines": [{"role": "main", "value": self.title}],
            "bodies": [{"role": "main", "contenttype": "text/html", "value": self.html}],
        }
        if self.language:
            document["language"] = self.language
        if self.updated:
            document["versioncreated"] = self.updated.isoformat().replace("+00:00", "Z")
        return json.dumps(document, ensure_ascii=False).encode()


def parse_feed(body: bytes, url: str, *, content_type: str | None, limit: int) -> list[FeedEntry]:
    """The entries of a feed document, newest first; `BadInput` when it is not a feed."""
    if "json" in (content_type or "") or body.lstrip()[:1] == b"{":
        entries = _json_feed(body, url)
    else:
        entries = _xml_feed(body, url)
    found = [entry for entry in entries if entry is not None]
    found.sort(key=lambda e: e.updated or datetime.min.replace(tzinfo=UTC), reverse=True)
    return found[:limit]


def _xml_feed(body: bytes, url: str) -> list[FeedEntry | None]:
    try:
        parsed = feedparser.parse(
            _CHARACTER_REFERENCE.sub(_no_surrogate, body),
            sanitize_html=False,
            resolve_relative_uris=False,
        )
    except UnicodeError as error:  # a reference in a feed not in an ASCII-based encoding
        raise BadInput(url, f"not a readable feed ({error})") from None
    if not parsed.get("version") and not parsed.entries:
        problem = parsed.get("bozo_exception")
        detail = f" ({problem})" if problem else ""
        raise BadInput(url, f"not an RSS, Atom or JSON feed{detail}")
    language = parsed.feed.get("language")
    return [_entry(raw, language) for raw in parsed.entries]


def _no_surrogate(reference: re.Match[bytes]) -> bytes:
    number = reference.group(1)
    code = int(number[1:], 16) if number[:1] in (b"x", b"X") else int(number)
    return b"&#xFFFD;" if 0xD800 <= code <= 0xDFFF else reference.group()


def _json_feed(body: bytes, url: str) -> list[FeedEntry | None]:
    try:
        document = clean_document(json.loads(body))
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise BadInput(url, f"not an RSS, Atom or JSON feed (invalid JSON: {error})") from None
    version = document.get("version", "") if isinstance(document, dict) else ""
    items = document.get("items") if isinstance(document, dict) else None
    if not str(version).startswith("https://jsonfeed.org/version/") or not isinstance(items, list):
        raise BadInput(url, "not an RSS, Atom or JSON feed (JSON without a JSON Feed version)")
    language = document.get("language")
    return [_json_item(item, language) for item in items if isinstance(item, dict)]


def _json_item(item: dict[str, Any], feed_language: str | None) -> FeedEntry | None:
    identifier = item.get("id") or item.get("url")
    title = str(item.get("title") or "").strip()
    if not identifier or not title:
        return None
    html = item.get("content_html") or escape(str(item.get("content_text") or ""))
    moment = item.get("date_modified") or item.get("date_published")
    return FeedEntry(
        key=hashlib.sha256(str(identifier).encode()).hexdigest(),
        id=str(identifier),
        link=item.get("url"),
        title=title,
        html=str(html or item.get("summary") or ""),
        language=str(item.get("language") or feed_language or "") or None,
        updated=_iso_utc(moment),
    )


def _entry(raw: Any, feed_language: str | None) -> FeedEntry | None:
    identifier = clean_text(str(raw.get("id") or raw.get("link") or raw.get("title") or ""))
    title = clean_text(str(raw.get("title") or "")).strip()
    if not identifier or not title:
        return None
    contents = raw.get("content") or []
    html = str(contents[0].get("value", "")) if contents else str(raw.get("summary") or "")
    html = clean_text(html)
    link = raw.get("link")
    language = (contents[0].get("language") if contents else None) or feed_language
    moment = raw.get("published_parsed") or raw.get("updated_parsed")
    return FeedEntry(
        key=hashlib.sha256(str(identifier).encode()).hexdigest(),
        id=str(identifier),
        link=clean_text(str(link)) if link else None,
        title=title,
        html=html,
        language=clean_text(str(language)) if language else None,
        updated=_utc(moment),
    )


def _iso_utc(moment: Any) -> datetime | None:
    try:
        parsed = datetime.fromisoformat(str(moment).replace("Z", "+00:00")) if moment else None
        if parsed is None:
            return None
        return parsed.astimezone(UTC) if parsed.tzinfo else parsed.replace(tzinfo=UTC)
    except (ValueError, OverflowError):  # not a date, or one that UTC puts out of range
        return None


def _utc(moment: struct_time | None) -> datetime | None:
    if moment is None:
        return None
    try:
        return datetime(*moment[:6], tzinfo=UTC)
    except ValueError:  # feedparser moves `0001-01-01T00:00+01:00` to year 0
        return None
