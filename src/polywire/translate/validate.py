"""Telling a translation from garbage: empty text, the source unchanged, the wrong script, or
protected terms lost. A segment that fails goes to the next route."""

from __future__ import annotations

from polywire.translate.languages import in_script
from polywire.translate.protect import PLACEHOLDER, placeholders

LOST_PLACEHOLDERS = "protected terms (placeholders) lost or duplicated"
#: Below this many words, a segment may rightly come back unchanged (a name, a figure).
_UNCHANGED_MIN_WORDS = 4


def problem(source: str, output: str, source_language: str, target_language: str) -> str | None:
    """What is wrong with `output` as a translation of `source`, or None."""
    if not output.strip():
        return "empty translation"
    if placeholders(output) != placeholders(source):
        return LOST_PLACEHOLDERS
    plain = PLACEHOLDER.sub(" ", output)
    if (
        source_language != target_language
        and " ".join(output.split()) == " ".join(source.split())
        and sum(any(c.isalpha() for c in w) for w in PLACEHOLDER.sub(" ", source).split())
        >= _UNCHANGED_MIN_WORDS
    ):
        return "returned the source unchanged"
    if not in_script(plain, target_language):
        return f"not in a script {target_language} is written in"
    return None


def needs_engine(masked: str) -> bool:
    """Whether a segment has words to translate (not only placeholders, figures, punctuation)."""
    return any(c.isalpha() for c in PLACEHOLDER.sub(" ", masked))
