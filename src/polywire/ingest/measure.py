"""How much text a line holds and whether it reads as prose, in any script; whether a body
holds enough of it to be a story.

Scripts written without spaces between words (Chinese, Japanese, Thai, Lao, Khmer, Myanmar) cannot
be measured in whitespace-separated words, so their characters count as fractions of a word.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

#: Han, kana, hangul syllables count half a word per character (a word is ~2 characters).
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]")
#: Thai, Lao, Khmer and Myanmar letters count a fifth of a word (a word is ~5 letters).
_SOUTHEAST_ASIAN = re.compile(r"[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff]")
#: What is neither a letter, a digit nor a space: a token left empty without it was no word.
_NOT_WORD = re.compile(r"[^\w\s]|_")
_SENTENCE_END = ".!?。！？؟…"
_SENTENCE_INSIDE = re.compile(r"[.!?。！？؟][\"'”’»)]?\s")
_CLOSERS = "\"'”’»)]）」』›"
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
#: C0 and C1 control characters but tab and line breaks (NUL, BEL, ESC, DEL …): no text holds
#: them, and XML and most renderings refuse them. Those that separate (vertical tab, form feed,
#: NEL …) become a space, the others nothing.
_CONTROLS = {
    code: " " if chr(code).isspace() else None
    for code in [*range(0x20), *range(0x7F, 0xA0)]
    if chr(code) not in "\t\n\r"
}
_SPACES = re.compile(r"\s+")
#: A story has at least this many words of body (a 404 page or a lone headline has fewer) …
MIN_BODY_WORDS = 15
#: … unless it opens with a dateline and holds a sentence this long: a flash or an agency snap
#: (`BRUSSELS (AP) — The Commission fined Acme on Tuesday.`). No error page opens with a dateline.
MIN_DATED_SENTENCE_WORDS = 5


def normalise(line: str) -> str:
    """NFC, no invisible or control characters, single spaces, no surrounding space."""
    line = without_controls(unicodedata.normalize("NFC", line).translate(_INVISIBLE))
    return _SPACES.sub(" ", line).strip()


def without_controls(text: str) -> str:
    """`text` without control characters but tab and line breaks."""
    return text.translate(_CONTROLS)


@lru_cache(maxsize=1024)
def weight(text: str) -> float:
    """Roughly how many words `text` holds, whatever its script (cached: every predicate asks)."""
    cjk = len(_CJK.findall(text))
    southeast = len(_SOUTHEAST_ASIAN.findall(text))
    spaced = _SOUTHEAST_ASIAN.sub("", _CJK.sub(" ", text))
    words = len(_NOT_WORD.sub("", spaced).split())
    return words + cjk / 2 + southeast / 5


def ends_sentence(text: str) -> bool:
    """Whether `text` ends like a sentence (closing quotes and brackets aside)."""
    stripped = text.rstrip().rstrip(_CLOSERS).rstrip()
    return bool(stripped) and stripped[-1] in _SENTENCE_END


def is_prose(text: str, *, minimum: float = 12) -> bool:
    """A paragraph of running text: long enough, and a sentence (or, in Thai, Lao, Khmer and
    Burmese, which end sentences with a space, long enough)."""
    size = weight(text)
    if size < minimum:
        return False
    if ends_sentence(text):
        return True
    return size >= 2.5 * minimum and (
        _without_full_stops(text) or len(_SENTENCE_INSIDE.findall(text)) >= 2
    )


def body_shortfall(body: list[str], *, dated: bool) -> str | None:
    """Why the paragraphs of `body` are no story; None when they are one.

    `dated`: the body opened with a dateline (which the paragraphs no longer hold)."""
    if not body:
        return "no paragraph of running text"
    words = sum(weight(paragraph) for paragraph in body)
    if words >= MIN_BODY_WORDS:
        return None
    if dated and any(
        weight(paragraph) >= MIN_DATED_SENTENCE_WORDS and ends_sentence(paragraph)
        for paragraph in body
    ):
        return None
    return (
        f"only {words:.0f} words of body text; a story needs {MIN_BODY_WORDS}, or a dateline "
        f"and a sentence of {MIN_DATED_SENTENCE_WORDS}"
    )


def _without_full_stops(text: str) -> bool:
    """Mostly in a script that writes no full stops."""
    return len(_SOUTHEAST_ASIAN.findall(text)) * 2 > len(text)


def is_cased_upper(text: str) -> bool:
    """All cased letters are upper case (and there is at least one)."""
    letters = [ch for ch in text if ch.isalpha() and ch.lower() != ch.upper()]
    return bool(letters) and all(ch.isupper() for ch in letters)


def has_cased_letters(text: str) -> bool:
    return any(ch.isalpha() and ch.lower() != ch.upper() for ch in text)
