"""The currencies of the source's amounts are the translation's: `$39,014` is not `€39,014`.

A currency is read next to a number only: a symbol or ISO 4217 code right before or after it
(`$5`, `5 €`, `US$ 5`, `USD 5`), or a currency word among the three words after it (`5 millones
de dólares`, `1.5 million euros`; `39,014ドル`, `39014 دولارا`, `달러에`: the start of a word
in a language that glues or inflects it). Currencies are compared by family, the English CLDR name's
last word (`US Dollar` and `Canadian Dollar` are both dollars; `$` may be any of them), because a
translation may write `$` as `dólares` or `USD`. The words of each family in each language come
from CLDR through Babel (singular and plural names); a word that names two families is left out.

A source currency the translation lacks, where it names another, is major; lacking it without
another is not reported (the unit may be implied, or written in a way not read here: `150万ドル`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from itertools import islice

from anyascii import anyascii
from babel import Locale
from babel.core import get_global
from babel.numbers import get_currency_name, get_territory_currencies

from polywire.check.languages import base_language, locale_for
from polywire.check.model import Issue, Pair, Severity
from polywire.check.numbers import find_numbers, scale_words
from polywire.check.settings import CheckSettings
from polywire.check.text import excerpt, fold

_WORDS_AFTER = 3
#: What may stand between a number and its currency: `5 millones de dólares`, `88 billion Hong
#: Kong dollars` (capitalised words: a country's name).
_CONNECTORS = {"de", "of", "d", "des", "do", "da", "di", "del"}
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
#: Currency words CLDR does not give as words of their own: Japanese, Chinese and Korean write
#: a currency's name in one run with its country (`米ドル`, `欧元`), Vietnamese in two words.
_LOCAL_WORDS: dict[str, dict[str, str]] = {
    "ja": {"ドル": "dollar", "ユーロ": "euro", "円": "yen", "ポンド": "pound", "人民元": "yuan",
           "元": "yuan", "ウォン": "won", "ルピー": "rupee", "ルーブル": "ruble",
           "フラン": "franc"},
    "zh": {"美元": "dollar", "元": "yuan", "欧元": "euro", "歐元": "euro", "日元": "yen",
           "英镑": "pound", "英鎊": "pound", "韩元": "won", "韓元": "won", "人民币": "yuan",
           "卢比": "rupee", "卢布": "ruble"},
    "ko": {"달러": "dollar", "유로": "euro", "엔": "yen", "파운드": "pound", "위안": "yuan",
           "원": "won", "루피": "rupee", "루블": "ruble"},
    "ar": {"دولار": "dollar", "يورو": "euro", "ين": "yen", "جنيه": "pound", "يوان": "yuan",
           "روبية": "rupee", "روبل": "ruble"},
    "vi": {"đô": "dollar", "euro": "euro", "yên": "yen"},
}  # fmt: skip
#: Languages that glue a currency word to what follows (`ドルする`, `달러에`).
_UNSPACED = {"ja", "zh", "ko"}
#: Letters an inflected language may add to a currency word (`دولارا`, `دولارات`, `euros`).
_ENDING = 2


@dataclass(frozen=True)
class CurrencyMention:
    families: frozenset[str]
    text: str
    start: int
    end: int


def check_currency(pair: Pair, settings: CheckSettings) -> list[Issue]:
    wanted = currencies(pair.source, pair.source_language)
    if not wanted:
        return []
    present = currencies(pair.target, pair.target_language)
    named = frozenset().union(*(m.families for m in present)) if present else frozenset()
    expected = frozenset().union(*(m.families for m in wanted))
    issues = []
    reported: set[frozenset[str]] = set()
    source, target = fold(pair.source), fold(pair.target)
    for mention in wanted:
        if mention.families & named or mention.families in reported:
            continue
        reported.add(mention.families)
        other = next((m for m in present if not m.families & expected), None)
        if other is not None:
            issues.append(
                Issue(
                    "currency",
                    Severity.MAJOR,
                    excerpt(source, mention.start, mention.end),
                    excerpt(target, other.start, other.end),
                    f"The source's amount is in {_name(mention)} ({mention.text}); the "
                    f"translation says {other.text} ({_name(other)}).",
                    source_span=(mention.start, mention.end),
                    target_span=(other.start, other.end),
                )
            )
    return issues


def _name(mention: CurrencyMention) -> str:
    return " or ".join(sorted(mention.families))


def currencies(text: str, language: str) -> list[CurrencyMention]:
    """The currencies written next to the numbers of `text`."""
    folded = fold(text)
    symbols, words = _symbols(), _words(base_language(language))
    found = []
    numbers = find_numbers(folded, language)
    for number in numbers:
        before = folded[max(0, number.start - 4) : number.start].rstrip()
        after = folded[number.end : number.end + 4].lstrip()
        near = [
            (symbol, families)
            for symbol, families in symbols.items()
            if before.endswith(symbol) or after.startswith(symbol)
        ]
        if near:
            symbol, families = max(near, key=lambda item: len(item[0]))
            at = folded.rfind(symbol, max(0, number.start - 4), number.start)
            if at < 0:
                at = folded.find(symbol, number.end)
            found.append(CurrencyMention(families, symbol, at, at + len(symbol)))
            continue
        for match in islice(_WORD.finditer(folded, number.end), _WORDS_AFTER):
            if any(mark in folded[number.end : match.start()] for mark in ".!?;:,"):
                break  # the next sentence or clause: `6%. Đồng rupiah`
            named, size = _currency_word(match.group().lower(), words, base_language(language))
            if named:
                start, end = match.start(), match.start() + size
                found.append(CurrencyMention(named, folded[start:end], start, end))
                break
            if match.group().lower() not in _CONNECTORS and not match.group()[:1].isupper():
                break  # `5.75% as the rupiah`: the currency is not the number's
    # an amount without digits: `billions of dollars`, `miles de millones de dólares`
    scales = _scale_words(base_language(language))
    for scale in scales.finditer(folded) if scales else ():
        if any(n.start <= scale.start() < n.end for n in numbers):
            continue
        following = _WORD.findall(folded[scale.end() : scale.end() + 40])[:2]
        for word in following:
            named, size = _currency_word(word.lower(), words, base_language(language))
            if named:
                at = folded.index(word, scale.end())
                found.append(CurrencyMention(named, word[:size], at, at + size))
                break
            if word.lower() not in _CONNECTORS:
                break
    return found


@lru_cache(maxsize=64)
def _scale_words(language: str) -> re.Pattern[str] | None:
    """Scale words of three letters or more, in the plural too (`billions`, `millones`)."""
    words = sorted((w for w in scale_words(language) if len(w) >= 3), key=len, reverse=True)
    if not words:
        return None
    alternatives = "|".join(re.escape(w) for w in words)
    return re.compile(rf"(?<!\w)(?:{alternatives})s?(?!\w)", re.IGNORECASE)


def _currency_word(
    word: str, words: dict[str, frozenset[str]], language: str
) -> tuple[frozenset[str], int]:
    """The families a word names and how much of it names them: the word itself, or (in a
    language that glues or inflects them) the longest currency word it starts with."""
    if word in words:
        return words[word], len(word)
    shortest = 1 if language in _UNSPACED else max(2, len(word) - _ENDING)
    for size in range(len(word) - 1, shortest - 1, -1):
        if word[:size] in words:
            return words[word[:size]], size
    return frozenset(), 0


@lru_cache(maxsize=1)
def _families() -> dict[str, str]:
    """ISO code of a currency in use → family, the last word of the English name (`US Dollar`
    → `dollar`)."""
    english = Locale.parse("en").currencies
    in_use = {
        code
        for territory in get_global("territory_currencies")
        for code in get_territory_currencies(territory, date.today())
    }
    return {
        code: english[code].split()[-1].lower()
        for code in in_use
        if english.get(code, "").split()[-1:] != [] and english[code].split()[-1].isalpha()
    }


@lru_cache(maxsize=1)
def _symbols() -> dict[str, frozenset[str]]:
    """Symbols (`$`, `US$`, `€`, `R$`) and ISO codes → the families they may mean."""
    table: dict[str, set[str]] = {"$": {"dollar"}}
    for code, family in _families().items():
        table.setdefault(code, set()).add(family)
        for language in ("en", "es", "fr", "pt", "de"):
            symbol = Locale.parse(language).currency_symbols.get(code, "")
            if symbol and not symbol.isalpha() and symbol != code:
                table.setdefault(symbol, set()).add(family)
    return {symbol: frozenset(f) for symbol, f in table.items()}


@lru_cache(maxsize=64)
def _words(language: str) -> dict[str, frozenset[str]]:
    """A language's words for currencies (`dólares`, `euros`, `libras`) → the family.

    A family's word is one its currencies' names share (`dólar` in `dólar estadounidense` and
    `dólar canadiense`, in half of them at least); a family of one currency keeps the words that
    start as the family's English name does (`yen japonés` → `yen`). A word may name several
    families (`roupie`: rupees and the rupiah); a mention of it is any of them."""
    locale = locale_for(language)
    by_family: dict[str, list[set[str]]] = {}
    heads: dict[str, set[str]] = {}
    vocabulary: dict[str, set[str]] = {}
    single_word: dict[str, str] = {}
    for code, family in _families().items():
        labels = {locale.currencies.get(code, "")}
        labels |= {str(get_currency_name(code, count, locale)) for count in (1, 2, 5)}
        words = {w for label in labels for w in _WORD.findall(label.lower()) if len(w) >= 3}
        by_family.setdefault(family, []).append(words)
        for label in labels:
            if len(_WORD.findall(label.lower())) == 1 and len(label) >= 2:
                single_word[label.lower()] = family
    for family, codes in by_family.items():
        if len(codes) > 1:
            half = max(2, len(codes) // 2)
            shared = {w for w in set().union(*codes) if sum(w in c for c in codes) >= half}
            shared = {w for w in shared if len(w) > 3 or anyascii(w) == family}
        else:
            # `yen japonés` → `yen`; a name of one word is the family's word (`евро`, `유로`)
            shared = {w for w in codes[0] if anyascii(w)[:2] == family[:2]}
            shared |= {w for w in codes[0] if single_word.get(w) == family}
        heads[family] = shared | {family}
        vocabulary[family] = set().union(*codes)
    seen: dict[str, set[str]] = {}
    for family, words in heads.items():
        for word in words:
            seen.setdefault(word, set()).add(family)
    # a family of one currency named with another family's word (`roupie indonésienne`, the
    # rupiah) may be meant by that word too: it names either
    for family, words in vocabulary.items():
        for word in words & set(seen):
            seen[word].add(family)
    for word, family in _LOCAL_WORDS.get(language, {}).items():
        seen.setdefault(word, set()).add(family)
    return {word: frozenset(f) for word, f in seen.items()}
