"""English currency words given their CLDR rendering before an engine sees them.

Apertium reaches French and Portuguese through Spanish, where a currency word may be read as
another word: `pesos` → `poids` (weight), `libras` → `livras` (you free), and a story's amount
then names no currency. In English these words are unambiguous, so the translator protects them
(`protect.Protector`, like a name) and puts back the target language's CLDR word (Babel's
`get_currency_name`, singular or plural as the English says): `95 pesos` → `95 pesos` in French,
`11.2 billion pounds` → `libras` in Portuguese, `Swiss francs` → `francs suisses`.

What is protected, in an English sentence:

- a currency's full name, singular or plural (`Swiss franc`, `Mexican pesos`, `US dollars`);
- a family's word (the last word of its currencies' English names: `peso`, `rupee`, `dollar`),
  except words that are also common English words (`pound`, `real`, `rand`, `mark`, and words of
  three letters or fewer but `yen`: `won`), which count only after an amount with a scale word
  (`1.2 billion pound budget`, `2 trillion won`) — the same caution as `check/currencies.py`.

Only for targets whose currency names are Latin script and open with the family's word (`peso
argentin`, `peso Mexico`): their word stands alone in running text, uninflected but for number.
Elsewhere (German, Russian, Arabic, Japanese …) the engine keeps its own word. No library marks
currency words in text; the names all come from CLDR.
"""

from __future__ import annotations

import datetime
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import cache

from babel import Locale
from babel.numbers import get_currency_name, get_territory_currencies

from polywire.domain import BadInput
from polywire.language_tags import locale_for

#: English currency words that are also common English words, named only beside a scaled amount.
_COMMON_ENGLISH = frozenset({"pound", "pounds", "real", "reals", "rand", "rands", "mark", "marks"})
_UNAMBIGUOUS_SHORT = frozenset({"yen"})
_SCALED_AMOUNT = re.compile(
    r"\d(?:[\d.,]*\d)?\s+(?:thousand|million|billion|trillion|bn|mn|m)\s+$", re.IGNORECASE
)
_ONE = re.compile(r"(?:^|\s)(?:1|one|a|an)\s+(?:\w+\s+)?$", re.IGNORECASE)


@dataclass(frozen=True)
class _Name:
    codes: frozenset[str]
    #: Plural, singular, or None when the English word is both (`yen`, `won`).
    plural: bool | None
    family: bool  # a family's word rather than one currency's full name


def currency_spans(sentence: str, target: str) -> list[tuple[int, int, str]]:
    """The English `sentence`'s currency words (start, end) and their rendering in `target` (a
    language tag); none for a target whose currency names do not open with their word."""
    if not _head_first(target):
        return []
    spans: list[tuple[int, int, str]] = []
    for match in _english_pattern().finditer(sentence):
        word, before = match[0], sentence[: match.start()]
        name = _english_names()[word.lower()]
        if name.family and not _said_as_currency(word, before):
            continue
        plural = name.plural if name.plural is not None else _ONE.search(before) is None
        rendering = _rendering(name, plural, target)
        if rendering is None:
            continue
        if word[0].isupper() and name.family:
            rendering = rendering[0].upper() + rendering[1:]
        spans.append((match.start(), match.end(), rendering))
    return spans


def _said_as_currency(word: str, before: str) -> bool:
    lowered = word.lower()
    short = len(lowered) <= 3 and lowered not in _UNAMBIGUOUS_SHORT
    if lowered in _COMMON_ENGLISH or short:
        return _SCALED_AMOUNT.search(before) is not None
    return True


def _rendering(name: _Name, plural: bool, target: str) -> str | None:
    """The target's word for `name`: a family's shared first word, or a currency's full name."""
    count, locale = (2 if plural else 1), locale_for(target)
    if not name.family:
        (code,) = name.codes
        full = get_currency_name(code, count, locale)
        return full[0].lower() + full[1:]
    words = {get_currency_name(code, count, locale).split()[0].lower() for code in name.codes}
    return words.pop() if len(words) == 1 else None


@cache
def _current_currencies() -> frozenset[str]:
    today = datetime.date.today()
    found: set[str] = set()
    for territory in Locale("en").territories:
        try:
            found.update(get_territory_currencies(str(territory), today))
        except (KeyError, ValueError):
            continue
    return frozenset(found)


@cache
def _english_names() -> dict[str, _Name]:
    """Lower-cased English currency words and full names → what they name."""
    forms: dict[str, set[bool]] = defaultdict(set)
    codes: dict[str, set[str]] = defaultdict(set)
    for code in sorted(_current_currencies()):
        for plural in (False, True):
            full = get_currency_name(code, 2 if plural else 1, "en").lower()
            if full != code.lower():  # a currency without an English name gives its code
                forms[full].add(plural)
                codes[full].add(code)
                forms[full.split()[-1]].add(plural)
                codes[full.split()[-1]].add(code)
    return {
        text: _Name(
            frozenset(codes[text]),
            next(iter(plurals)) if len(plurals) == 1 else None,
            family=" " not in text,
        )
        for text, plurals in forms.items()
    }


@cache
def _english_pattern() -> re.Pattern[str]:
    words = sorted(_english_names(), key=len, reverse=True)
    return re.compile(
        r"(?<![\w-])(?:" + "|".join(re.escape(w) for w in words) + r")(?![\w-])", re.IGNORECASE
    )


@cache
def _head_first(target: str) -> bool:
    """Whether `target`'s currency names are Latin script and open with their family's one
    word (the names of several pesos, and of several dollars, share their first word only), with
    one plural form."""
    try:
        locale = locale_for(target)
    except BadInput:
        return False
    for family in (("ARS", "MXN", "CLP", "COP"), ("AUD", "CAD", "NZD", "HKD")):
        names = [get_currency_name(code, 1, locale).lower().split() for code in family]
        if not all(len(n) > 1 and n[0] == names[0][0] and _latin(n[0]) for n in names):
            return False
        if len({n[1] for n in names}) == 1:
            return False  # the word is longer than one word (Vietnamese `đô la`)
    # one plural for every count above one: the word does not take the cases of Polish numerals
    return get_currency_name("MXN", 2, locale) == get_currency_name("MXN", 5, locale)


def _latin(text: str) -> bool:
    return all(c.isascii() or "À" <= c <= "ɏ" for c in text if c.isalpha())
