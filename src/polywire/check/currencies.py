"""The currencies a text names: as an amount's unit, or anywhere in a sentence (issue 14).

A translation that changes a currency changes the fact, whether the currency is an amount's unit
(`$39,014` → `€39,014`) or stands alone in an exchange rate (`the rupiah held steady against the
dollar`, `15,820 per dollar`). `checks/currency.py` compares what this module reads on both sides.

Currencies are compared by family, the English CLDR name's last word (`US Dollar` and `Canadian
Dollar` are both dollars; `$` may be any of them), because a translation may write `$` as
`dólares` or `USD`. Every name comes from CLDR through Babel: each currency in use, its display
name and its plural forms (`get_currency_name`) in the text's language. A family's words are those
its currencies' names share (`dólar` in `dólar estadounidense` and `dólar canadiense`) and the
words that start as the English name does (`yen japonés` → `yen`, `Schweizer Franken`);
a word that names the territory (`estadounidense`, `Korean`, `Costa`) is never a currency's word.

A currency named in full (`dólar canadiense`, `Australian dollars`, `カナダ ドル`) also carries
its ISO code, so that one dollar in another's place is found; a bare `dollar` or `$` is any.

Two readings:

- `find_currencies`, the strict one, in order: an amount's unit (a symbol or ISO 4217 code right
  before or after a number, `$5`, `5 €`, `USD 5`, or a currency word among the three words after
  it, `5 millones de dólares`, `39,014ドル`, `39014 دولارا`; a common word, below, only after a
  number with a scale word or as a unit of measure too: `2 trillion won`, `243 pounds`, not
  `2 real chances`); then a currency's word anywhere else.
  A word that may be something else counts only beside another currency named for sure outside
  an amount (within a few words: `the won fell against the dollar`; an exchange rate sets a
  currency against a currency, while `real income of $1.4 billion` sets a word beside an amount),
  or, a number's unit, beside any other currency (a conversion: `400 rand ($22)`),
  or in a sentence about currencies, one that says `exchange rate`, `currency`, `divisa`, `為替`
  (`_CUES`).
  Such a word is one written with a capital where the language writes the currency in lower case
  (`Euro 2024`, `Rand Paul`, `Real Madrid`, `Mark`), a word of three letters or fewer (`won`,
  `sol`, `yen`; in Japanese, Chinese and Korean one character, `元`, `円`, `원`, is read beside
  an amount only), a lone Vietnamese syllable (`đồng` is also `cộng đồng`), an ISO code outside
  an amount (`CAD`, `ALL`), and the common words of `_COMMON_WORDS` (`real`, `pound`, `libra`,
  `Pfund`). A word followed by a year is a name (`Euro 2024`); two currency words in a row are
  one name (`đồng rupiah`, `yuan renminbi`: the last word's currency). `find_doubtful` gives
  the doubtful words it leaves out (`the stronger yen`), for a check to set against a currency
  the other side names for sure.
- `named_families`, the lenient one: every family any word of the text may name, in its
  language or left in English or in a language engines translate through (`chelines` in a
  French translation made through Spanish), alone or starting a compound (`eurozona`), a word
  an amount is counted in one letter off a currency word (`livras`: Spanish `libras` carried
  into Portuguese), and any symbol wherever it stands (`$payera`), for a translation (a currency
  is not reported dropped when the translation may be naming it).

Small tables, where CLDR lacks a form: `_LOCAL_WORDS`, the words Japanese, Chinese, Korean,
Arabic and Vietnamese glue or split (`米ドル`, `đô la`); `_EXTRA_WORDS`, news forms (`greenback`,
`renminbi`, `sterling` and its `esterlina`, `billet vert`); `_NOT_CURRENCIES`, families whose
English word is a common noun (`gold`: the Zimbabwe gold).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from datetime import date
from difflib import SequenceMatcher
from functools import lru_cache
from itertools import islice

from anyascii import anyascii
from babel.core import get_global
from babel.numbers import get_currency_name, get_territory_currencies

from polywire.check.numbers import find_numbers, scale_words
from polywire.check.text import fold
from polywire.check.units import find_units
from polywire.language_tags import base_language, locale_for

__all__ = ["CurrencyMention", "find_currencies", "find_doubtful", "named_families"]

_WORDS_AFTER = 3
#: A word this long or longer one letter off a currency word names the currency to the lenient
#: reading (`livras`); shorter words are too often other words (`sol`, `son`).
_MISSPELT = 5
#: What may stand between a number and its currency: `5 millones de dólares`, `88 billion Hong
#: Kong dollars` (capitalised words: a country's name).
_CONNECTORS = {"de", "of", "d", "des", "do", "da", "di", "del"}
#: Currency words CLDR does not give as words of their own: Japanese, Chinese and Korean write
#: a currency's name in one run with its country (`米ドル`, `欧元`), Vietnamese in two words.
_LOCAL_WORDS: dict[str, dict[str, str]] = {
    "ja": {"ドル": "dollar", "ユーロ": "euro", "円": "yen", "ポンド": "pound", "人民元": "yuan",
           "元": "yuan", "ウォン": "won", "ルピー": "rupee", "ルーブル": "ruble",
           "フラン": "franc", "ルピア": "rupiah"},
    "zh": {"美元": "dollar", "元": "yuan", "欧元": "euro", "歐元": "euro", "日元": "yen",
           "英镑": "pound", "英鎊": "pound", "韩元": "won", "韓元": "won", "人民币": "yuan",
           "卢比": "rupee", "卢布": "ruble", "印尼盾": "rupiah"},
    "ko": {"달러": "dollar", "유로": "euro", "엔": "yen", "파운드": "pound", "위안": "yuan",
           "원": "won", "루피": "rupee", "루블": "ruble", "루피아": "rupiah"},
    "ar": {"دولار": "dollar", "يورو": "euro", "ين": "yen", "جنيه": "pound", "يوان": "yuan",
           "روبية": "rupee", "روبل": "ruble"},
    "vi": {"đô": "dollar", "đô la": "dollar", "euro": "euro", "yên": "yen"},
}  # fmt: skip
#: News forms CLDR does not list.
_EXTRA_WORDS: dict[str, dict[str, str]] = {
    "en": {"greenback": "dollar", "renminbi": "yuan", "sterling": "pound"},
    "fr": {"billet vert": "dollar", "sterling": "pound"},
    "es": {"billete verde": "dollar", "esterlina": "pound", "esterlinas": "pound"},
    "pt": {"esterlina": "pound", "esterlinas": "pound"},
}
#: Currency words that are as often common words of the language: read only in a sentence
#: about currencies.
_COMMON_WORDS: dict[str, set[str]] = {
    "en": {"real", "mark", "marks", "pound", "pounds", "rand", "lira", "peso"},
    "es": {"real", "reales", "peso", "pesos", "sol", "soles", "libra", "libras", "corona",
           "coronas", "franco", "marco", "marcos", "rand"},
    "fr": {"livre", "livres", "couronne", "couronnes", "réal", "sol", "sols", "rand", "mark"},
    "pt": {"real", "reais", "peso", "pesos", "libra", "libras", "coroa", "coroas", "marco",
           "sol", "rand"},
    "de": {"pfund", "krone", "kronen", "mark", "real", "rand", "won"},
    "vi": {"bảng", "đồng", "đô", "yên"},
    "ar": {"ريال", "جنيه"},
}  # fmt: skip
#: Words of a sentence about currencies (matched as a part of a word, in lower case).
_CUES: dict[str, tuple[str, ...]] = {
    "en": ("currenc", "exchange rate", "forex"),
    "es": ("divisa", "moneda", "tipo de cambio"),
    "fr": ("devise", "monnaie", "taux de change"),
    "pt": ("moeda", "câmbio", "divisa"),
    "de": ("währung", "wechselkurs", "devisen"),
    "vi": ("tỷ giá", "tiền tệ", "ngoại tệ"),
    "ja": ("為替", "通貨"),
    "zh": ("汇率", "匯率", "货币", "貨幣"),
    "ko": ("환율", "통화"),
    "ar": ("عملة", "صرف"),
    "ru": ("валют", "курс"),
    "id": ("kurs", "mata uang", "nilai tukar"),
}
#: Families whose English word is a common noun: not read as currencies (`ZWG`, Zimbabwe gold).
_NOT_CURRENCIES = {"gold"}
#: Languages whose currency words a translation may keep, for the lenient reading: English, the
#: source's usual language, and the languages engines translate through (Apertium's en→fr and
#: en→pt go through Spanish).
_LEFT_OVER = ("en", "es", "fr", "pt", "de")
#: Languages that glue a currency word to what follows (`ドルする`, `달러에`).
_UNSPACED = {"ja", "zh", "ko", "th", "lo", "km", "my"}
#: Languages that add endings to a currency word (`دولارا`, `долларов`); Arabic also attaches
#: its article and particles (`والدولار`).
_INFLECTED = {"ar", "ru", "uk", "be", "bg", "pl", "cs", "sk", "sl", "hr", "sr", "bs", "lt", "lv"}
#: Letters an inflected language may add to a currency word (`دولارا`, `دولارات`).
_ENDING = 2
#: A currency word this short may be another word (`won`, `sol`).
_SHORT = 3
#: How near another currency outside an amount must be to make a doubtful word one (`the won
#: fell against the dollar`), in characters.
_NEAR = 40
#: A number right before a word (`400 rand`).
_NUMBER_BEFORE = re.compile(r"\d\s?$")
_SENTENCE_END = re.compile(r"[.!?;。！？\n]\s")
#: An ISO 4217 code outside an amount (`USD/IDR`).
_CODE = re.compile(r"(?<![\w$])[A-Z]{3}(?!\w)")
_YEAR_AFTER = re.compile(r"\s+(?:19|20)\d\d(?!\d)")


@lru_cache(maxsize=1)
def _word() -> re.Pattern[str]:
    """A word: letters with the marks that belong to them (Thai `ยูโร`, Arabic `دولارًا`),
    built once, when first needed (a walk over the Basic Multilingual Plane)."""
    ranges: list[list[int]] = []
    for point in range(0x300, 0x10000):
        if unicodedata.category(chr(point)).startswith("M"):
            if ranges and ranges[-1][1] == point - 1:
                ranges[-1][1] = point
            else:
                ranges.append([point, point])
    marks = "".join(f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in ranges)
    letters = rf"[^\W\d_](?:[^\W\d_]|[{marks}])*"
    return re.compile(rf"{letters}(?:['’]{letters})?")


@dataclass(frozen=True)
class CurrencyMention:
    """A currency as written: the families it may be, and, where the text names it in full
    (`dólar canadiense`, `Australian dollars`), its ISO code (empty: any of the families)."""

    families: frozenset[str]
    text: str
    start: int
    end: int
    codes: frozenset[str] = frozenset()


def find_currencies(text: str, language: str) -> list[CurrencyMention]:
    """The currencies `text` names for sure, in the order of the text."""
    return _readings(text, language)[0]


def find_doubtful(text: str, language: str) -> list[CurrencyMention]:
    """The words of `text` that may be currencies and that `find_currencies` does not take for
    sure (`the stronger yen`: a short word, with no other currency or cue beside it)."""
    return _readings(text, language)[1]


def _readings(text: str, language: str) -> tuple[list[CurrencyMention], list[CurrencyMention]]:
    """The currencies named for sure, and the doubtful words left out, in the order of the text."""
    language = base_language(language)
    folded = fold(text)
    amounts = _amounts(folded, language)
    taken = [(m.start, m.end) for m in amounts]
    sure: list[CurrencyMention] = []
    doubtful: list[CurrencyMention] = []
    for mention, ambiguous in _free(folded, language):
        if any(start < mention.end and mention.start < end for start, end in taken):
            continue
        if language in _UNSPACED and len(mention.text) == 1:
            continue  # `원` of `조합원` (member), `元` of `元大統領` (former): amounts only
        (doubtful if ambiguous else sure).append(mention)
    found = amounts + sure
    left_out = []
    for mention in doubtful:
        start, end = _sentence(folded, mention.start)
        sentence = folded[start:end].lower()
        near = range(mention.start - _NEAR, mention.end + _NEAR)
        # a number's unit beside another amount is a conversion: `400 rand ($22)`
        beside = found if _NUMBER_BEFORE.search(folded, 0, mention.start) else sure
        others = any(m.start in near and m.families != mention.families for m in beside)
        if others or any(cue in sentence for cue in _CUES.get(language, ())):
            found.append(mention)
        else:
            left_out.append(mention)
    return sorted(_in_full(found, folded, language), key=lambda m: m.start), left_out


def _in_full(found: list[CurrencyMention], text: str, language: str) -> list[CurrencyMention]:
    """The mentions inside a currency's full name, with its code (`5 Australian dollars`)."""
    names = _full_names(language)
    spans = [
        (match.start(), match.end(), names[match.group().lower()])
        for match in _full_pattern(language).finditer(text)
    ]
    return [
        next(
            (
                replace(m, codes=frozenset({code}), text=text[a:b], start=a, end=b)
                for a, b, code in spans
                if a <= m.start < b
            ),
            m,
        )
        for m in found
    ]


@lru_cache(maxsize=64)
def _full_names(language: str) -> dict[str, str]:
    """A currency's full names of two words or more (`dólar canadiense`, `dólares canadienses`,
    `US dollars`) → its ISO code; a name two currencies share is left out."""
    codes: dict[str, set[str]] = {}
    for code in _families():
        for name in _names(code, language):
            if len(name.split()) >= 2 or language in _UNSPACED:
                codes.setdefault(name.lower(), set()).add(code)
    return {name: next(iter(c)) for name, c in codes.items() if len(c) == 1}


@lru_cache(maxsize=64)
def _full_pattern(language: str) -> re.Pattern[str]:
    names = sorted(_full_names(language), key=len, reverse=True)
    alternatives = "|".join(re.escape(name) for name in names) or "(?!)"
    edge = "" if language in _UNSPACED else r"(?<!\w)"
    tail = "" if language in _UNSPACED else r"(?!\w)"
    return re.compile(f"{edge}(?:{alternatives}){tail}", re.IGNORECASE)


def named_families(text: str, language: str) -> frozenset[str]:
    """Every family a word or symbol of `text` may name, wherever it stands: a symbol glued to
    a word (`Il $payera 92`: the engine moved `$` off its number), a word left in English or in
    a language an engine goes through (`300 milliers de millions chelines`: Spanish, in French
    translated through Spanish)."""
    language = base_language(language)
    folded = fold(text)
    mentions = _amounts(folded, language)
    for other in dict.fromkeys((language, *_LEFT_OVER)):
        mentions += [m for m, _ in _free(folded, other)]
    families: set[str] = set().union(*(m.families for m in mentions))
    for symbol, named in _symbols().items():
        if symbol in folded and not any(char.isalpha() for char in symbol):
            families |= named
    words = _words(language)
    for match in _compound_pattern(language).finditer(folded):
        families |= words.get(match.group("word").lower(), frozenset())
    return frozenset(families | _misspelt_units(folded, language))


def _misspelt_units(folded: str, language: str) -> set[str]:
    """The families of the words an amount is counted in that are one letter off a currency word
    of the language or of one an engine goes through (`11,2 milhares de milhões livras`: the
    Spanish `libras` carried into Portuguese letter by letter)."""
    scales = scale_words(language)
    families: set[str] = set()
    for number in find_numbers(folded, language):
        for match in islice(_word().finditer(folded, number.end), _WORDS_AFTER):
            word = match.group().lower()
            if word in _CONNECTORS or word in scales:
                continue
            if len(word) >= _MISSPELT:
                families |= _one_letter_off(word, language)
            break
    return families


@lru_cache(maxsize=4096)
def _one_letter_off(word: str, language: str) -> frozenset[str]:
    """The families of the currency words (`_LEFT_OVER` languages too) one letter off `word`:
    one letter changed, added or left out."""
    found: set[str] = set()
    for other in dict.fromkeys((language, *_LEFT_OVER)):
        for known, families in _words(other).items():
            if len(known) >= _MISSPELT and _one_edit(word, known.lower()):
                found |= families
    return frozenset(found)


def _one_edit(one: str, other: str) -> bool:
    if abs(len(one) - len(other)) > 1 or one == other:
        return False
    head = next((i for i, (a, b) in enumerate(zip(one, other, strict=False)) if a != b), None)
    if head is None:
        return True  # one is the other with a letter added at the end
    if len(one) == len(other):
        return one[head + 1 :] == other[head + 1 :]
    longer, shorter = (one, other) if len(one) > len(other) else (other, one)
    return longer[head + 1 :] == shorter[head:]


def _sentence(text: str, at: int) -> tuple[int, int]:
    starts = [m.end() for m in _SENTENCE_END.finditer(text, 0, at)]
    end = _SENTENCE_END.search(text, at)
    return (starts[-1] if starts else 0), (end.start() + 1 if end else len(text))


def _free(text: str, language: str) -> list[tuple[CurrencyMention, bool]]:
    """Currency words and ISO codes anywhere, each with whether it may be something else."""
    words = _words(language)
    found: list[tuple[CurrencyMention, bool]] = []
    for match in _pattern(language).finditer(text):
        start, end = match.start("word"), match.end()
        word = text[start:end]
        families = words.get(word.lower()) or _families_of_inflected(word.lower(), words)
        if not families or _YEAR_AFTER.match(text, end):
            continue
        previous = found[-1][0] if found else None
        if previous and not text[previous.end : start].strip():
            # one name in two currency words: `đồng rupiah`, `yuan renminbi`
            start, word = previous.start, text[previous.start : end]
            found.pop()
        found.append((CurrencyMention(families, word, start, end), _doubtful(word, language)))
    for match in _CODE.finditer(text):
        named = _symbols().get(match.group(), frozenset())
        if named:
            code = CurrencyMention(named, match.group(), match.start(), match.end())
            found.append((code, True))
    return found


def _families_of_inflected(word: str, words: dict[str, frozenset[str]]) -> frozenset[str]:
    for size in range(len(word) - 1, max(2, len(word) - _ENDING) - 1, -1):
        if word[:size] in words:
            return words[word[:size]]
    return frozenset()


def _doubtful(word: str, language: str) -> bool:
    key = word.lower()
    if key in _COMMON_WORDS.get(language, set()):
        return True
    if language == "vi" and " " not in word.strip():
        return True  # a lone syllable: `đồng` is also `cộng đồng`, `hội đồng`
    if len(key) <= (1 if language in _UNSPACED else _SHORT):
        return True
    return word[:1].isupper() and key not in _capitalised_words(language)


@lru_cache(maxsize=64)
def _pattern(language: str) -> re.Pattern[str]:
    """Any currency word of the language, longest first, as a whole word (with Arabic's
    attached article and particles, and the endings of an inflected language)."""
    alternatives = _alternatives(language)
    if language in _UNSPACED:
        return re.compile(f"(?P<word>{alternatives})", re.IGNORECASE)
    ending = rf"\w{{0,{_ENDING}}}" if language in _INFLECTED else ""
    return re.compile(
        rf"{_before(language)}(?P<word>(?:{alternatives}){ending})(?!\w)", re.IGNORECASE
    )


@lru_cache(maxsize=64)
def _compound_pattern(language: str) -> re.Pattern[str]:
    """A currency word at the start of a word, for the lenient reading (`eurozona`, `Euroraum`,
    `Dollarkurs`: compounds that name the currency too)."""
    return re.compile(rf"{_before(language)}(?P<word>{_alternatives(language)})", re.IGNORECASE)


def _before(language: str) -> str:
    if language in _UNSPACED:
        return ""
    if language == "ar":
        return r"(?<!\w)(?:[وفبلك]{0,2}ال|[وفبلك]{1,2})?"
    return r"(?<!\w)"


def _alternatives(language: str) -> str:
    words = sorted(_words(language), key=len, reverse=True)
    return "|".join(re.escape(w) for w in words if w.strip())


def _amounts(folded: str, language: str) -> list[CurrencyMention]:
    """The currencies written next to the numbers of `folded`."""
    symbols, words = _symbols(), _words(language)
    common = _COMMON_WORDS.get(language, set())
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
        for match in islice(_word().finditer(folded, number.end), _WORDS_AFTER):
            if any(mark in folded[number.end : match.start()] for mark in ".!?;:,"):
                break  # the next sentence or clause: `6%. Đồng rupiah`
            named, size = _currency_word(match.group().lower(), words, language)
            if (
                named
                and number.scale == 1
                and match.group().lower() in common
                and match.start() not in _measured(folded, language)
            ):
                break  # `2 real chances`, `3 marks`: read as the word alone is (`_free`)
            if named:
                start, end = match.start(), match.start() + size
                found.append(CurrencyMention(named, folded[start:end], start, end))
                break
            if match.group().lower() not in _CONNECTORS and not match.group()[:1].isupper():
                break  # `5.75% as the rupiah`: the currency is not the number's
    # an amount without digits: `billions of dollars`, `miles de millones de dólares`
    scales = _scale_words(language)
    for scale in scales.finditer(folded) if scales else ():
        if any(n.start <= scale.start() < n.end for n in numbers):
            continue
        following = _word().findall(folded[scale.end() : scale.end() + 40])[:2]
        for word in following:
            named, size = _currency_word(word.lower(), words, language)
            if named:
                at = folded.index(word, scale.end())
                found.append(CurrencyMention(named, word[:size], at, at + size))
                break
            if word.lower() not in _CONNECTORS:
                break
    unique = {(m.start, m.end): m for m in found}  # `1万5820ルピア`: two numbers, one currency
    return list(unique.values())


@lru_cache(maxsize=8)
def _measured(folded: str, language: str) -> frozenset[int]:
    """Where a unit of measure follows a number: `243 pounds` is an amount whether the pounds
    are money or weight (both are `libras`, `livres`), so a common word there stays the
    number's currency."""
    return frozenset(unit.start for unit in find_units(folded, language))


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
    """The families a word after a number names and how much of it names them: the word itself,
    or, in a language that glues or inflects it, the longest currency word it starts with
    (`ドルする`, `دولارا`)."""
    if word in words:
        return words[word], len(word)
    if language not in _UNSPACED and language not in _INFLECTED:
        return frozenset(), 0  # `Solar` is not `sol` with an ending
    shortest = 1 if language in _UNSPACED else max(2, len(word) - _ENDING)
    for size in range(len(word) - 1, shortest - 1, -1):
        if word[:size] in words:
            return words[word[:size]], size
    return frozenset(), 0


@lru_cache(maxsize=1)
def _families() -> dict[str, str]:
    """ISO code of a currency in use → family, the last word of the English name (`US Dollar`
    → `dollar`)."""
    english = locale_for("en").currencies
    family = {
        code: english[code].split()[-1].lower()
        for code in _in_use()
        if english.get(code, "").split()[-1:] != [] and english[code].split()[-1].isalpha()
    }
    return {code: name for code, name in family.items() if name not in _NOT_CURRENCIES}


@lru_cache(maxsize=1)
def _in_use() -> dict[str, set[str]]:
    """ISO code of a currency in use → the territories that use it."""
    territories: dict[str, set[str]] = {}
    for territory in get_global("territory_currencies"):
        for code in get_territory_currencies(territory, date.today()):
            territories.setdefault(code, set()).add(territory)
    return territories


@lru_cache(maxsize=1)
def _symbols() -> dict[str, frozenset[str]]:
    """Symbols (`$`, `US$`, `€`, `R$`) and ISO codes → the families they may mean."""
    table: dict[str, set[str]] = {"$": {"dollar"}}
    for code, family in _families().items():
        table.setdefault(code, set()).add(family)
        for language in ("en", "es", "fr", "pt", "de"):
            symbol = locale_for(language).currency_symbols.get(code, "")
            if symbol and not symbol.isalpha() and symbol != code:
                table.setdefault(symbol, set()).add(family)
    return {symbol: frozenset(f) for symbol, f in table.items()}


def _names(code: str, language: str) -> set[str]:
    locale = locale_for(language)
    labels = {locale.currencies.get(code, "")}
    labels |= {str(get_currency_name(code, count, locale)) for count in (1, 2, 5)}
    return {label for label in labels if label}


@lru_cache(maxsize=64)
def _capitalised_words(language: str) -> frozenset[str]:
    """The currency words CLDR writes with a capital in the language (`Dollar`, `Euro` in
    German), in lower case; the others are names when capitalised (`Euro 2024`, `Rand Paul`)."""
    return frozenset(
        word.lower()
        for code in _families()
        for name in (str(get_currency_name(code, count, locale_for(language))) for count in (2, 5))
        for word in _word().findall(name)
        if word[:1].isupper()
    )


def _glued_heads(family: str, language: str) -> set[str]:
    """In a language written without spaces, the part of its currencies' names that a family's
    share, at their start or end (`ดอลลาร์` of `ดอลลาร์สหรัฐ`, `ดอลลาร์แคนาดา`), or a word they
    share where CLDR spaces them (`ドル` of `カナダ ドル`); a name of one currency whole (`ยูโร`)."""
    labels = [
        {label.lower() for label in _names(code, language)}
        for code, named in _families().items()
        if named == family
    ]
    if len(labels) == 1:
        return {label for label in labels[0] if len(label) >= 2 and " " not in label}
    spaced = any(" " in form for forms in labels for form in forms)
    counts: dict[str, int] = {}
    for forms in labels:
        words = {word for form in forms for word in form.split()}
        parts = set(words)
        if not spaced:  # `ดอลลาร์สหรัฐ`; a spaced name's words are whole (`カナダ ドル`)
            parts |= {w[:size] for w in words for size in range(3, len(w))}
            parts |= {w[-size:] for w in words for size in range(3, len(w))}
        for part in parts:
            counts[part] = counts.get(part, 0) + 1
    shared = {
        part
        for part, count in counts.items()
        if count >= max(2, len(labels) // 2) and _word().fullmatch(part)
    }
    return {part for part in shared if not any(part != other and part in other for other in shared)}


def _sounds_like(word: str, family: str) -> bool:
    """Whether a word of a currency's name is the family's English word in the language's
    spelling: it starts alike (`yen` → `yenes`), or, in Latin letters, half its letters run as
    the English word's do (`iene`, `esloti`, `grivna`, `séquel`; not `oro` of `córdoba oro`)."""
    if anyascii(word)[:2] == family[:2]:
        return True
    ascii = anyascii(word).lower()
    if len(ascii) < 4 or word.isascii() != ascii.isascii():
        return False
    return SequenceMatcher(None, ascii, family).ratio() >= 0.5


def _territorial(word: str, code: str, language: str) -> bool:
    """Whether a word of a currency's name names its territory (`Korean`, `Costa`)."""
    names = locale_for(language).territories
    stem = anyascii(word).lower()[:4]
    return any(
        anyascii(part).lower()[:4] == stem
        for territory in _in_use().get(code, ())
        for part in _word().findall(str(names.get(territory, "")))
    )


@lru_cache(maxsize=64)
def _words(language: str) -> dict[str, frozenset[str]]:
    """A language's words for currencies (`dólares`, `euros`, `libras`) → the family.

    A family's word is one its currencies' names share (`dólar` in `dólar estadounidense` and
    `dólar canadiense`, in half of them at least); a family of one currency keeps the words that
    start as the family's English name does (`yen japonés` → `yen`). A word may name several
    families (`roupie`: rupees and the rupiah); a mention of it is any of them."""
    by_family: dict[str, list[set[str]]] = {}
    heads: dict[str, set[str]] = {}
    vocabulary: dict[str, set[str]] = {}
    single_word: dict[str, str] = {}
    for code, family in _families().items():
        labels = _names(code, language)
        alone = {label.lower() for label in labels if len(_word().findall(label)) == 1}
        words = {
            w
            for label in labels
            for w in _word().findall(label.lower())
            if len(w) >= 3 and (w in alone or not _territorial(w, code, language))
        }
        by_family.setdefault(family, []).append(words)
        for label in alone:
            if len(label) >= 2:
                single_word[label] = family
    for family, codes in by_family.items():
        if len(codes) > 1:
            half = max(2, len(codes) // 2)
            shared = {w for w in set().union(*codes) if sum(w in c for c in codes) >= half}
            shared = {w for w in shared if len(w) > 3 or anyascii(w) == family}
            # one currency's own form of the family's word: `Schweizer Franken`
            shared |= {w for w in set().union(*codes) if anyascii(w)[:4] == family[:4]}
        else:
            # `yen japonés` → `yen`, `iene japonês` → `iene`, `esloti polaco` → `esloti` (spelt
            # as the language hears it); a name of one word is the family's word (`евро`, `유로`)
            shared = {w for w in codes[0] if _sounds_like(w, family)}
            shared |= {w for w in codes[0] if single_word.get(w) == family}
        if language in _UNSPACED:
            shared |= _glued_heads(family, language)
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
    for table in (_LOCAL_WORDS, _EXTRA_WORDS):
        for word, family in table.get(language, {}).items():
            seen.setdefault(word, set()).add(family)
    return {word: frozenset(f) for word, f in seen.items()}
