"""A headline for a story that came without one.

Scrapers and feeds hand over articles whose headline was lost (a body-only text) or never printed
apart. Such a story is still a story: its headline is made from the first paragraph when that is
title-like (short, not a sentence, and more body follows), else from the first sentence, shortened
at a word boundary to a headline's length. The extraction says the headline was derived so a desk
can write a better one.

Sentences come from `sentencex` (the segmenter the translation stage uses); the shortening is
ours: no library shortens at word boundaries in scripts written without spaces.
"""

from __future__ import annotations

from sentencex import segment

from polywire.ingest.measure import MIN_BODY_WORDS, ends_sentence, weight
from polywire.language_tags import base_language

#: A derived headline is at most this many characters (CJK and Thai: `_UNSPACED_LIMIT`) …
HEADLINE_LIMIT = 90
_UNSPACED_LIMIT = 40
#: … and a title-like first paragraph holds at most this many words.
_TITLE_WORDS = 20
_ELLIPSIS = "…"


def derive_headline(body: list[str], language: str) -> tuple[str, list[str]]:
    """The headline made from `body` and the body that remains (`body` is not empty)."""
    first = body[0]
    rest = sum(weight(paragraph) for paragraph in body[1:])
    if rest >= MIN_BODY_WORDS and not ends_sentence(first) and 2 <= weight(first) <= _TITLE_WORDS:
        return first, body[1:]
    found = [s.strip() for s in segment(base_language(language), first) if s.strip()]
    sentence = found[0] if found else first
    if sentence.endswith((".", "。")) and not sentence.endswith(".."):
        sentence = sentence[:-1]
    return shorten(sentence), body


def shorten(text: str) -> str:
    """`text` cut to a headline's length at the last word boundary, marked with an ellipsis."""
    limit = HEADLINE_LIMIT if " " in text[:HEADLINE_LIMIT] else _UNSPACED_LIMIT
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut and not text[limit - 1].isspace():
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:—–-") + _ELLIPSIS
