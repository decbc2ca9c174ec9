"""The feeds a public page advertises: a language's, whole or of one sector, in the three kinds
(`/feeds/{lang}/{sector}.rss|.atom|.json`, see `polywire.web.feeds`)."""

from __future__ import annotations

from dataclasses import dataclass

from polywire.publish.feed_catalog import ALL, language_name
from polywire.publish.selection import sector_slug

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


def feeds_of(language: str, sector: str | None) -> list[Feed]:
    name = sector_slug(sector) if sector else ALL
    about = language_name(language) + (f" · {sector}" if sector else "")
    return [
        Feed(f"/feeds/{language}/{name}.{kind}", media, f"{about} · {label}", language, kind)
        for kind, (media, label) in FEED_TYPES.items()
    ]
