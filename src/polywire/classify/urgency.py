"""Urgency (ninjs 1–9, 1 the most urgent) from simple signals.

A publisher's choice wins. Otherwise a slug opening the headline or the first paragraph —
"BREAKING", "URGENT", "FLASH" and their usual forms in the target languages, in capitals or set
off by a colon — raises the urgency; everything else is routine (5).
"""

from __future__ import annotations

import re

ROUTINE = 5

_SLUGS: tuple[tuple[int, tuple[str, ...]], ...] = (
    (1, ("FLASH", "ÉCLAIR", "速報", "快讯", "快訊", "속보", "عاجل")),
    (
        2,
        (
            "BREAKING NEWS", "BREAKING", "URGENT", "ALERTE", "EILMELDUNG", "EILT",
            "ÚLTIMA HORA", "URGENTE", "ÚLTIMAS NOTÍCIAS", "СРОЧНО", "突发", "突發", "緊急",
            "긴급", "KHẨN", "NÓNG", "TIN NÓNG", "ด่วน", "TERKINI", "BERITA TERKINI", "SEGERA",
        ),
    ),
    (3, ("UPDATE", "MISE À JOUR", "ACTUALIZACIÓN", "ATUALIZAÇÃO", "AKTUALISIERT")),
)  # fmt: skip


def _slug_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    """The slug in capitals, or in any case when a colon or a dash sets it off ("Breaking:")."""
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    capitals = rf"(?-i:{alternatives})(?:\W|$)"
    set_off = rf"(?:{alternatives})\s*[:：—–-]"
    return re.compile(rf"^\W{{0,3}}(?:{set_off}|{capitals})", re.IGNORECASE)


_PATTERNS = [(level, _slug_pattern(words)) for level, words in _SLUGS]


def urgency_of(headline: str, body: list[str], publisher_urgency: int | None = None) -> int:
    if publisher_urgency is not None:
        return publisher_urgency
    openings = [headline, body[0] if body else ""]
    for level, pattern in _PATTERNS:
        if any(pattern.match(text.strip()) for text in openings):
            return level
    return ROUTINE
