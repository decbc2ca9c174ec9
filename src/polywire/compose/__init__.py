"""compose: the release as a reader sees it, per language (brand dateline, notices, sectors)."""

from polywire.compose.core import AboutParagraph, Composed, Sector, compose, contact_line
from polywire.compose.texts import TARGET_LANGUAGES, Texts, texts_for

__all__ = [
    "TARGET_LANGUAGES",
    "AboutParagraph",
    "Composed",
    "Sector",
    "Texts",
    "compose",
    "contact_line",
    "texts_for",
]
