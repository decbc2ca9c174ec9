"""The feeds a public page advertises, in the three kinds: a language's, whole or of one sector
(`/feeds/{lang}/{sector}.rss|.atom|.json`), and a publisher's in a language
(`/feeds/{lang}/publishers/{publisher}.…`); see `polywire.web.feeds`."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from polywire.domain import sector_slug
from polywire.publish.feeds.catalog import ALL, language_name

FEED_TYPES = {
    "rss": ("application/rss+xml", "RSS"),
    "atom": ("application/atom+xml", "Atom"),
    "json": ("application/feed+json", "JSON Feed"),
}


@dataclass(frozen=True)
class Feed:
    href: str
    type: str
    title: str
    language: str
    kind: str


def feeds_of(language: str, sector: str | None, *, label: str | None = None) -> list[Feed]:
    """The language's feeds, of one sector when given (`label`: its name on the page)."""
    name = sector_slug(sector) if sector else ALL
    about = language_name(language) + (f" · {label or sector}" if sector else "")
    return _kinds(f"/feeds/{language}/{quote(name)}", about, language)


def publisher_feeds(language: str, publisher: str) -> list[Feed]:
    about = f"{language_name(language)} · {publisher}"
    return _kinds(f"/feeds/{language}/publishers/{quote(publisher)}", about, language)


def _kinds(path: str, about: str, language: str) -> list[Feed]:
    return [
        Feed(f"{path}.{kind}", media, f"{about} · {label}", language, kind)
        for kind, (media, label) in FEED_TYPES.items()
    ]
