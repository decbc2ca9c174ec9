"""Which released renditions a reader asked for: languages and sectors (by URL-safe slug).

Feeds, the live stream and WebSub topics all filter with the same rule, so a story that appears
in a feed is the story the stream sent and the story WebSub announced.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from polywire.domain import sector_slug


@dataclass(frozen=True)
class Selection:
    """None means any language (or any sector)."""

    languages: frozenset[str] | None = None
    sectors: frozenset[str] | None = None  # slugs

    @classmethod
    def of(
        cls, languages: Iterable[str] | None = None, sectors: Iterable[str] | None = None
    ) -> Selection:
        langs = frozenset(languages) if languages else None
        slugs = frozenset(sector_slug(s) for s in sectors) if sectors else None
        return cls(langs, slugs)

    def narrowed(self, other: Selection) -> Selection:
        """What both selections allow (a reader's filters within what a token grants)."""

        def both(a: frozenset[str] | None, b: frozenset[str] | None) -> frozenset[str] | None:
            if a is None:
                return b
            return a if b is None else a & b

        return Selection(both(self.languages, other.languages), both(self.sectors, other.sectors))

    def wants(self, language: str | None, sectors: Iterable[str]) -> bool:
        if self.languages is not None and language not in self.languages:
            return False
        if self.sectors is None:
            return True
        return any(sector_slug(s) in self.sectors for s in sectors)
