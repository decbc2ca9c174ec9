"""compose: the release as a reader sees it, per language (brand dateline, notices, sectors)."""

from polywire.compose.core import Composed, Sector, compose
from polywire.compose.texts import TARGET_LANGUAGES, Texts, texts_for

__all__ = ["TARGET_LANGUAGES", "Composed", "Sector", "Texts", "compose", "texts_for"]
