"""Plain text: the release as a reader would paste it, notices after the story."""

from __future__ import annotations

from polywire.compose import Composed


def to_text(composed: Composed) -> str:
    parts = [composed.headline, "", *_spaced(composed.paragraphs)]
    if composed.sector_line:
        parts += ["", composed.sector_line]
    parts += ["", "---", "", *_spaced(composed.notices)]
    return "\n".join(parts) + "\n"


def _spaced(paragraphs: list[str]) -> list[str]:
    spaced: list[str] = []
    for paragraph in paragraphs:
        if spaced:
            spaced.append("")
        spaced.append(paragraph)
    return spaced
