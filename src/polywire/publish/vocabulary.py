"""Checking and normalising what subscribers and stories are filed under: country
codes, IPTC Media Topic codes, sector names and keywords (language tags: `polywire.language_tags`).

One spelling per value, so that the targeting index matches `gb` with `GB` and `04000000` with
`medtop:04000000`.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache

from babel import Locale

from polywire.classify.vocabulary import load_vocabulary
from polywire.domain import BadInput

_MEDTOP = re.compile(r"^(?:medtop:)?(\d{8})$", re.IGNORECASE)
MAX_KEYWORD_WORDS = 3
#: Keywords from here up in code points (Thai, Lao, Myanmar, Khmer, kana, CJK, Hangul …) are
#: matched as substrings of the text: these scripts do not separate words with spaces.
UNSPACED_FROM = "\u0e00"


def region_code(value: str, *, source: str = "region") -> str:
    code = value.strip().upper()
    if len(code) != 2 or code not in _territories():
        raise BadInput(
            source, f"unknown country {value!r} (use an ISO 3166-1 alpha-2 code like DE)"
        )
    return code


def topic_code(value: str, *, source: str = "topic") -> str:
    match = _MEDTOP.match(value.strip())
    if match is None:
        raise BadInput(source, f"{value!r} is not an IPTC Media Topic code (e.g. medtop:04000000)")
    code = f"medtop:{match.group(1)}"
    if code not in load_vocabulary().concepts:
        raise BadInput(source, f"{code}: no such IPTC Media Topic (or a retired one)")
    return code


def topics_with_broader(codes: list[str]) -> set[str]:
    """The codes with every broader topic above them: a story about solar energy
    (medtop:20000249) is also about energy and about the economy (medtop:04000000), so a
    subscriber of either gets it."""
    vocabulary = load_vocabulary()
    found: set[str] = set()
    for code in codes:
        found.add(code)
        if code in vocabulary.concepts:
            found.update(vocabulary.ancestors(code))
    return found


def keyword_key(value: str, *, source: str = "keyword") -> str:
    words = words_of(value)
    if not words:
        raise BadInput(source, f"{value!r} has no words")
    if len(words) > MAX_KEYWORD_WORDS:
        raise BadInput(source, f"{value!r}: a keyword is at most {MAX_KEYWORD_WORDS} words")
    return " ".join(words)


def words_of(text: str) -> list[str]:
    """Case-folded words: runs of letters, marks and digits (Thai vowels and Devanagari signs are
    marks, so a word keeps them)."""
    return "".join(c if _in_word(c) else " " for c in text.casefold()).split()


@lru_cache(maxsize=65536)
def _in_word(char: str) -> bool:
    return unicodedata.category(char)[0] in "LMN"


def phrases_of(text: str) -> set[str]:
    """Every run of one to three words in `text`: what a keyword can match."""
    words = words_of(text)
    found: set[str] = set()
    for size in range(1, MAX_KEYWORD_WORDS + 1):
        for start in range(len(words) - size + 1):
            found.add(" ".join(words[start : start + size]))
    return found


@cache
def _territories() -> frozenset[str]:
    return frozenset(str(code) for code in Locale("en").territories if str(code).isalpha())
