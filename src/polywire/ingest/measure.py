"""How much text a line holds and whether it reads as prose, in any script.

Scripts written without spaces between words (Chinese, Japanese, Thai, Lao, Khmer, Myanmar) cannot
be measured in whitespace-separated words, so their characters count as fractions of a word.
"""

from __future__ import annotations

import re
import unicodedata

#: Han, kana, hangul syllables count half a word per character (a word is ~2 characters).
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]")
#: Thai, Lao, Khmer and Myanmar letters count a fifth of a word (a word is ~5 letters).
_SOUTHEAST_ASIAN = re.compile(r"[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff]")
_SENTENCE_END = ".!?。！？؟…"
_CLOSERS = "\"'”’»)]）」』›"
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")


def normalise(line: str) -> str:
    """NFC, no invisible characters, single spaces, no surrounding space."""
    line = unicodedata.normalize("NFC", line).translate(_INVISIBLE)
    return _SPACES.sub(" ", line).strip()


def weight(text: str) -> float:
    """Roughly how many words `text` holds, whatever its script."""
    cjk = len(_CJK.findall(text))
    southeast = len(_SOUTHEAST_ASIAN.findall(text))
    spaced = _SOUTHEAST_ASIAN.sub("", _CJK.sub(" ", text))
    words = sum(1 for token in spaced.split() if any(ch.isalnum() for ch in token))
    return words + cjk / 2 + southeast / 5


def ends_sentence(text: str) -> bool:
    """Whether `text` ends like a sentence (closing quotes and brackets aside)."""
    stripped = text.rstrip().rstrip(_CLOSERS).rstrip()
    return bool(stripped) and stripped[-1] in _SENTENCE_END


def is_prose(text: str, *, minimum: float = 12) -> bool:
    """A paragraph of running text: long enough, and a sentence (or long enough not to need it,
    as in Thai, which ends sentences with a space)."""
    size = weight(text)
    return size >= minimum and (ends_sentence(text) or size >= 2.5 * minimum)


def is_cased_upper(text: str) -> bool:
    """All cased letters are upper case (and there is at least one)."""
    letters = [ch for ch in text if ch.isalpha() and ch.lower() != ch.upper()]
    return bool(letters) and all(ch.isupper() for ch in letters)


def has_cased_letters(text: str) -> bool:
    return any(ch.isalpha() and ch.lower() != ch.upper() for ch in text)
