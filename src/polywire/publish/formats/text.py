"""Plain text: the release as a reader would paste it (the subheadline on the line under the
headline), its pictures (caption, credit, URL) and
notices after the story."""

from __future__ import annotations

from polywire.compose import Composed
from polywire.domain import Picture


def to_text(composed: Composed) -> str:
    parts = [composed.headline, *([composed.subheadline] if composed.subheadline else [])]
    parts += ["", *_spaced(composed.paragraphs)]
    if composed.pictures:
        parts += ["", *_spaced([picture_text(p) for p in composed.pictures])]
    if composed.sector_line:
        parts += ["", composed.sector_line]
    parts += ["", "---", "", *_spaced(composed.notices)]
    return "\n".join(parts) + "\n"


def picture_text(picture: Picture) -> str:
    """`[The new plant in Leeds. Photo: Acme] <https://…/plant.jpg>`."""
    words = " ".join(part for part in (picture.caption, picture.credit) if part)
    return f"[{words}] <{picture.url}>" if words else f"<{picture.url}>"


def _spaced(paragraphs: list[str]) -> list[str]:
    spaced: list[str] = []
    for paragraph in paragraphs:
        if spaced:
            spaced.append("")
        spaced.append(paragraph)
    return spaced
