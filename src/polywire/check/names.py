"""Names and acronyms, and the ways a translation may write them.

A name is found in a translation as written, transliterated (anyascii folds `Нгуен` to `Nguen`
and `HÀ NỘI` to `HA NOI`), as a consonant skeleton that survives transliteration (`Weselsky`,
`Веселски` and `فيسيلسكي` all become `bsrsk`; in the same script, only where it is spelled
nearly alike too), or as the CLDR name of a country, territory,
language or city (the exemplar cities of the time zones: `Moscow` is `Москва`, `Germany` is
`ドイツ`). The skeleton is hand-written: phonetic libraries (metaphone, soundex) are made for
English spellings, not for the output of a transliterator.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache

from anyascii import anyascii

from polywire.check.numbers import ROMAN, scale_words
from polywire.language_tags import base_language, locale_for, script_of

_DIGRAPHS = (
    ("sch", "s"),
    ("ch", "s"),
    ("sh", "s"),
    ("ph", "f"),
    ("th", "t"),
    ("kh", "k"),
    ("gh", "g"),
    ("ck", "k"),
    ("ng", "n"),
    ("x", "ks"),
)
_NOUNS_CAPITALISED = {"de", "lb"}
_HYPHEN_OR_SPACE = re.compile(r"[\s-]*")
#: Shorter skeletons turn up by chance in any paragraph.
_MIN_SKELETON = 4
#: Names this long or longer may be spelled the local way (`Misisipi`) in one script.
_FUZZY_MIN = 6
#: How alike two spellings of a name in one script must be (difflib's ratio).
_ALIKE = 0.75
_CONSONANTS = str.maketrans("cqgjzvwfpdmlhy", "kkkssbbbbtnr  ")
#: Letters of alphabets with words between spaces: an acronym is not part of a longer word of
#: them, while Chinese, Japanese and Korean glue it to the next character (`IMFによると`).
_ALPHABETIC = r"0-9A-Za-zÀ-ɏͰ-ϿЀ-ӿḀ-ỿ"
_ACRONYM = re.compile(
    rf"(?<![{_ALPHABETIC}])[A-ZА-ЯЁΑ-Ω][A-Za-zА-Яа-яЁёΑ-Ωα-ω0-9&]*[A-ZА-ЯЁΑ-Ω0-9](?![{_ALPHABETIC}])"
)
_CAPITALISED = re.compile(rf"(?<![\w'’])[A-ZÀ-ÖØ-ÞĀ-ſА-ЯЁΑ-Ω][{_ALPHABETIC}'’-]*")
_SENTENCE_END = '.!?:;"“”«»„—–-([‘'
#: A parenthesis holding a name or an acronym: what precedes it is its translation.
_GLOSS = re.compile(r"[(（][^()（）]{1,40}[)）]")
#: What may stand between two words of one name: a space, a hyphen, a particle (`de`, `van`,
#: `of`: `Ministry of Industry`).
_JOINER = re.compile(
    r"[\s-]*|\s+(?:de|del|da|das|do|dos|di|du|des|la|le|van|von|der|den|bin|binti|al|ibn"
    r"|of|of the|for)\s+"
)
_LOWER_NEXT = re.compile(r" [^\W\d_A-ZÀ-ÖØ-ÞĀ-ſ]")
#: A Vietnamese syllable, diacritics folded: `Tổng`, `Kinh` are; `Trump`, `Musk` are not.
_VIETNAMESE_SYLLABLE = re.compile(
    r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?[aeiouy]{1,3}(?:ch|nh|ng|[cmnpt])?"
)
#: A name that ends in a possessive ends there: `Alibaba’s New York-listed shares`.
_POSSESSIVE_END = re.compile(r"['’]s?$")
#: A title or month abbreviated before a name does not end a sentence: `Mr. Trump`, `Gov.`, `Oct.`
ABBREVIATION = re.compile(r"(?:^|[\s(])[A-Z][a-z]{0,3}\.$")
_DATELINE = re.compile(r"^[\w\s.,'’()-]{0,60}?\s[—–-]{1,2}\s")


@dataclass(frozen=True)
class Span:
    """A run of capitalised words (a name) or an acronym, where it is in the text."""

    text: str
    start: int
    end: int


def skeleton(text: str) -> str:
    """Consonants of the transliterated text, with sounds that transliterations confuse merged."""
    folded = re.sub(r"[^a-z]", "", anyascii(text).lower())
    for digraph, sound in _DIGRAPHS:
        folded = folded.replace(digraph, sound)
    consonants = re.sub(r"[aeiou ]", "", folded.translate(_CONSONANTS))
    return re.sub(r"(.)\1+", r"\1", consonants)


@lru_cache(maxsize=4096)
def word_skeletons(text: str) -> str:
    """The skeletons of the words of a text, `|` between them: a name must start on a word."""
    words = (skeleton(word) for word in re.findall(r"[^\W\d_]+", text))
    return "|".join(bones for bones in words if bones)


def clear_cache() -> None:
    ascii_fold.cache_clear()
    folded_words.cache_clear()
    word_skeletons.cache_clear()


@lru_cache(maxsize=8192)
def ascii_fold(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", anyascii(text).lower())


def acronyms(text: str) -> list[Span]:
    """Acronyms (`ADB`, `АБР`, `BAsD`, `COVID-19`'s `COVID`), the dateline left out."""
    body_start = _dateline_end(text)
    found = []
    for match in _ACRONYM.finditer(text, body_start):
        word = match.group()
        if len(word) >= 2 and ROMAN.fullmatch(word):
            continue  # a century or an ordinal (`siglo XIV`), a number
        if sum(char.isupper() for char in word) >= 2 and sum(c.islower() for c in word) <= 1:
            found.append(Span(word, match.start(), match.end()))
    return found


def acronym_key(word: str) -> str:
    return "".join(char for char in anyascii(word).upper() if char.isalnum())


def expands(text: str, acronym: Span) -> bool:
    """Whether the words before the acronym spell it (`Banco Asiático de Desarrollo (BAsD)`)."""
    return _expansion_start(text, acronym) is not None


def _expansion_start(text: str, acronym: Span) -> int | None:
    letters = [c for c in anyascii(acronym.text) if c.isupper()]
    words = [
        w
        for w in re.finditer(r"[^\W\d_]+", text[: acronym.start])
        if not (w.group().islower() and len(w.group()) <= 3)
    ]
    tail = words[-len(letters) :] if letters else []
    if len(tail) == len(letters) and all(
        anyascii(w.group())[:1].upper() == letter for w, letter in zip(tail, letters, strict=True)
    ):
        return tail[0].start()
    return None


def _gloss_start(text: str, parenthesis: int) -> int:
    """Where the words glossed by a parenthesis begin: twelve words back, or the clause start
    (`Управление по контролю качества пищевых продуктов и лекарственных средств (FDA)`)."""
    before = text[:parenthesis]
    clause = max(before.rfind(mark) for mark in ",.;:—–") + 1
    words = list(re.finditer(r"\S+", before[clause:]))
    return clause + words[-12].start() if len(words) > 12 else clause


def glossary(text: str) -> dict[str, str]:
    """Latin-script names glossed in parentheses → the words the text writes them with:
    `ヘリックス・セラピューティクス（Helix Therapeutics）` gives `helixtherapeutics` →
    `ヘリックス・セラピューティクス`."""
    entries = {}
    for match in _GLOSS.finditer(text):
        inner = match.group()[1:-1]
        if any("a" <= char.lower() <= "z" for char in inner):
            local = text[_gloss_start(text, match.start()) : match.start()].strip(" —–-")
            if local:
                entries[ascii_fold(inner)] = local
    return entries


def names(text: str, language: str) -> list[Span]:
    """Runs of capitalised words that do not start a sentence; acronyms, the words that spell
    an acronym and the dateline apart. Short lower-case words may join a run (`Banco de España`).

    German capitalises every noun but writes adjectives in lower case: there, only runs of two or
    more capitalised words are names (`Claus Weselsky`, `Deutsche Bahn`)."""
    start = _dateline_end(text)
    spelled = [
        (begin, a.end) for a in acronyms(text) if (begin := _expansion_start(text, a)) is not None
    ]
    spelled += [
        (_gloss_start(text, m.start()), m.end())
        for m in _GLOSS.finditer(text)
        if not _no_gloss(text, m, spelled)
    ]
    spans: list[Span] = []
    for match in _CAPITALISED.finditer(text, start):
        word = match.group().rstrip("'’-")
        capitals = max(sum(char.isupper() for char in part) for part in word.split("-"))
        if not word[:1].isupper() or len(word) < 2 or capitals >= 2:
            continue  # not capitalised, an initial, or an acronym (`ADB`, `BAsD`)
        if any(begin <= match.start() < end for begin, end in spelled):
            continue
        before = text[start : match.start()].rstrip()
        end = match.start() + len(word)
        if not before or _ends_sentence(before):
            # a sentence's first word is a name only when the next word is one too
            following = _CAPITALISED.match(text, end + 1)
            if (
                len(word) > 3
                and text[end : end + 1] == " "
                and following
                and following.group()[:1].isupper()
                and not following.group().isupper()
                and base_language(language) not in _NOUNS_CAPITALISED
            ):
                spans.append(Span(word, match.start(), end))
            continue
        gap = text[spans[-1].end : match.start()] if spans else "."
        joiner = _HYPHEN_OR_SPACE if base_language(language) in _NOUNS_CAPITALISED else _JOINER
        if spans and joiner.fullmatch(gap) and not _POSSESSIVE_END.search(spans[-1].text):
            spans[-1] = Span(text[spans[-1].start : end], spans[-1].start, end)
        else:
            spans.append(Span(word, match.start(), end))
    if base_language(language) == "vi":
        # a name capitalises every syllable (`Nguyễn Thị Lan`, `Hà Nội`); a title or a common
        # noun capitalises the first only (`Tổng thống`, `Liên minh`, `Kinh tế`), while a
        # foreign name before a lower-case word is no Vietnamese syllable (`Trump và`)
        spans = [
            s
            for s in spans
            if " " in s.text
            or not _LOWER_NEXT.match(text, s.end)
            or not _VIETNAMESE_SYLLABLE.fullmatch(anyascii(s.text).lower())
        ]
    units = _unit_words(base_language(language))
    spans = [s for s in spans if not any(w.lower() in units for w in s.text.split())]
    if base_language(language) in _NOUNS_CAPITALISED:
        return [span for span in spans if " " in span.text.strip()]
    return spans


def _no_gloss(text: str, parenthesis: re.Match[str], spelled: list[tuple[int, int]]) -> bool:
    """Whether a parenthesis glosses no words before it: it holds a handle (`(@RobertMaguire_)`)
    or an acronym the words before it spell (`Hang Seng Index (HSI)`: only those words are
    its spelling, not `Hong Kong's` before them)."""
    inner = parenthesis.group()[1:-1].strip()
    return inner[:1] in "@#" or any(end == parenthesis.end() - 1 for _, end in spelled)


def _ends_sentence(before: str) -> bool:
    """Whether text ending so ends a sentence (or opens a quotation): `.`, `:`, `“`, a closing
    quote after a full stop (`more.’ They`), but not a title's abbreviation (`Mr.`)."""
    if before[-1] in "’'" and before.rstrip("’'")[-1:] in ".!?,":
        return True
    return before[-1] in _SENTENCE_END and not ABBREVIATION.search(before)


@lru_cache(maxsize=64)
def _unit_words(language: str) -> frozenset[str]:
    """Words of currency names and scale words (`Millionen Dollar`, `Milliarden Euro`): capitalised
    nouns in German, never names. Elsewhere a currency's name ends in an adjective that names
    do have (`franco CFA de África Central`: `Central Avenue`), so only scale words count."""
    words = {w for scale in scale_words(language) for w in scale.split()}
    if language in _NOUNS_CAPITALISED:
        currencies = locale_for(language).currencies.values()
        words |= {re.split(r"[\s-]", name)[-1].lower() for name in currencies}  # `US-Dollar`
    return frozenset(words)


def found_in(name: str, text: str, language: str, name_language: str) -> bool:
    """Whether a name of a text in `name_language` is in `text` (in `language`) in any form."""
    folded, haystack = ascii_fold(name), ascii_fold(text)
    # a case ending may follow a name (Меконга, Германии): try the word without it
    stems = [folded] + ([folded[:-1], folded[:-2]] if len(folded) >= 6 else [])
    if folded and any(stem in haystack for stem in stems):
        return True
    bones = word_skeletons(name)
    if (
        len(bones.replace("|", "")) >= _MIN_SKELETON
        and "|" + bones in "|" + word_skeletons(text)
        and (script_of(language) != script_of(name_language) or _spelled_alike(name, text))
    ):
        return True
    if (
        len(folded) >= _FUZZY_MIN
        and script_of(language) == script_of(name_language)
        and _spelled_alike(name, text)
    ):
        return True  # spelled the local way (`Louisiana`, `Luisiana`; `Mississippi`, `Misisipi`)
    # inflected languages change the ending: Германия, в Германии
    table = place_names(name_language, language)
    lowered = name.lower()
    local = table.get(lowered) or _by_stem(name_language, language, lowered)
    return any(form[: max(4, len(form) - 2)] in text for form in local)


def _by_stem(source: str, target: str, lowered: str) -> tuple[str, ...]:
    """The local forms of the first place name (in table order) whose name less its last two
    letters starts `lowered` (`Germany`'s forms for `Germany's`)."""
    stems = _stems(source, target)
    found = [
        stems[lowered[:size]] for size in range(3, len(lowered) + 1) if lowered[:size] in stems
    ]
    return min(found)[1] if found else ()


@lru_cache(maxsize=128)
def _stems(source: str, target: str) -> dict[str, tuple[int, tuple[str, ...]]]:
    """Stem (a place name of more than four letters less its last two) → (its place in the
    table, its local forms): an index that spares reading the whole table per name."""
    stems: dict[str, tuple[int, tuple[str, ...]]] = {}
    for order, (key, forms) in enumerate(place_names(source, target).items()):
        if len(key) > 4:
            stems.setdefault(key[:-2], (order, forms))
    return stems


def _spelled_alike(name: str, text: str) -> bool:
    """Whether words of `text` spell the name nearly as it is (`Zelensky`, `Zelenski`): in one
    script a skeleton alone is too lenient (`Trump` and `Triunfo` are both `trnb`). A local
    spelling keeps the first letter and about the length (`Misisipi`), which spares comparing
    every other run of words."""
    folded = ascii_fold(name)
    if not folded:
        return False
    size = len(name.split())
    words = folded_words(text)
    slack = len(folded) * (1 - _ALIKE) + 1
    for i in range(len(words)):
        candidate = "".join(words[i : i + size])
        if candidate[:1] != folded[:1] or abs(len(candidate) - len(folded)) > slack:
            continue
        matcher = SequenceMatcher(None, folded, candidate)
        if matcher.quick_ratio() >= _ALIKE and matcher.ratio() >= _ALIKE:
            return True
    return False


@lru_cache(maxsize=1024)
def folded_words(text: str) -> tuple[str, ...]:
    return tuple(ascii_fold(w) for w in re.findall(r"[^\W\d_]+", text))


def _dateline_end(text: str) -> int:
    match = _DATELINE.match(text)
    return match.end() if match and match.group().split()[0].isupper() else 0


@lru_cache(maxsize=128)
def place_names(source: str, target: str) -> dict[str, tuple[str, ...]]:
    """A source-language name (lower case) of a country, territory, language or city → the
    target language's CLDR names for the same thing."""
    source_locale, target_locale = locale_for(source), locale_for(target)
    table: dict[str, set[str]] = {}
    for attribute in ("territories", "languages"):
        theirs = getattr(target_locale, attribute)
        for code, name in getattr(source_locale, attribute).items():
            if code in theirs:
                table.setdefault(str(name).lower(), set()).add(str(theirs[code]))
    for zone, names_ in target_locale.time_zones.items():
        local = names_.get("city")
        if not local or "/" not in zone:
            continue
        ours = source_locale.time_zones.get(zone, {}).get("city")
        english = ours or zone.rsplit("/", 1)[1].replace("_", " ")
        table.setdefault(str(english).lower(), set()).add(str(local))
    return {name: tuple(forms) for name, forms in table.items()}
