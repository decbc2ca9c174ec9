"""The wire's public feeds by name: `/feeds/{lang}/{sector}.{rss|atom|json}`, and a
publisher's: `/feeds/{lang}/publishers/{publisher}.{rss|atom|json}`.

One place turns a feed's path into what it selects and how it is titled, so the HTTP routes,
the WebSub hub (whose topics are these URLs) and the content it distributes agree.
"""

from __future__ import annotations

import unicodedata
from typing import get_args
from urllib.parse import urlsplit

from polywire.domain import BadInput, NotFound, sector_slug
from polywire.language_tags import is_language_tag, locale_for
from polywire.publish.feeds.cache import FeedRequest
from polywire.publish.feeds.selection import Selection
from polywire.publish.formats.feeds import FeedKind

KINDS: tuple[FeedKind, ...] = get_args(FeedKind)
ALL = "all"


def language_name(language: str) -> str:
    """`fr` → `français`: the language's own name (the tag itself when CLDR does not know it)."""
    try:
        locale = locale_for(language)
    except BadInput:
        return language
    return locale.get_display_name(locale) or language


def split_filename(filename: str) -> tuple[str, FeedKind]:
    """`energy.atom` → (`energy`, `atom`)."""
    name, _, extension = filename.rpartition(".")
    for kind in KINDS:
        if name and extension == kind:
            return name, kind
    raise NotFound(f"{filename!r}: a feed ends in .rss, .atom or .json")


def language_feed(brand: str, language: str, filename: str) -> FeedRequest:
    """The feed of `language` and one sector (`all` for every sector)."""
    sector, kind = split_filename(filename)
    if not is_language_tag(language):
        raise NotFound(f"{language!r} is not a language tag such as fr or pt-BR")
    if any(unicodedata.category(c) in ("Cc", "Cs") for c in sector):  # not in an XML title
        raise NotFound(f"{sector!r} is not a sector name")
    selection = Selection.of([language], None if sector == ALL else [sector])
    title = f"{brand} · {language_name(language)}" + ("" if sector == ALL else f" · {sector}")
    return FeedRequest(selection, title, f"/feeds/{language}/{filename}", kind)


def publisher_feed(brand: str, language: str, filename: str) -> FeedRequest:
    """The feed of one publisher's stories in `language`: `/feeds/{lang}/publishers/{name}.atom`
    (not a WebSub topic: the hub announces the language × sector feeds)."""
    publisher, kind = split_filename(filename)
    if not is_language_tag(language):
        raise NotFound(f"{language!r} is not a language tag such as fr or pt-BR")
    if any(unicodedata.category(c) in ("Cc", "Cs") for c in publisher):
        raise NotFound(f"{publisher!r} is not a publisher name")
    return FeedRequest(
        Selection.of([language]),
        f"{brand} · {language_name(language)} · {publisher}",
        f"/feeds/{language}/publishers/{filename}",
        kind,
        advertise_hub=False,
        publisher=publisher,
    )


def feed_for_topic(public_url: str, brand: str, topic: str) -> FeedRequest:
    """The feed a WebSub topic URL names; BadInput when it names none of this wire's feeds."""
    base = urlsplit(public_url.rstrip("/"))
    url = urlsplit(topic)
    parts = url.path[len(base.path) :].split("/") if url.path.startswith(base.path) else []
    ours = (url.scheme, url.netloc) == (base.scheme, base.netloc)
    if not ours or len(parts) != 4 or parts[:2] != ["", "feeds"]:
        raise BadInput(
            "hub.topic",
            f"{topic!r} is not a feed of this wire ({public_url}/feeds/LANG/SECTOR.atom)",
            status=400,
        )
    try:
        return language_feed(brand, parts[2], parts[3])
    except NotFound as error:
        raise BadInput("hub.topic", str(error), status=400) from None


def topics_for(public_url: str, language: str, sectors: list[str]) -> list[str]:
    """The feed URLs a release in `language` with `sectors` appears in."""
    base = public_url.rstrip("/")
    names = [ALL, *dict.fromkeys(sector_slug(s) for s in sectors if sector_slug(s))]
    return [f"{base}/feeds/{language}/{name}.{kind}" for name in names for kind in KINDS]
