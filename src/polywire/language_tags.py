"""The one reading of a language tag, at every door and in every stage.

A language enters through the command line (`--language`, `--to`), the API (`language`,
`languages` of stories and versions), the desk's forms, ninjs `language`, feed entries, review
edits and subscriber filters. Each door calls `language_tag`: one spelling per language (`zh-hans`
→ `zh-Hans`, `en_gb` → `en-GB`, `eng` → `en`), and a tag CLDR does not know (through Babel's
`Locale.parse`) is bad input that names the door and the value and, when it can, suggests the tag
meant (`english` → `en`, from CLDR's English display names of languages). A row stored before
this check, or written around it, is found with `is_language_tag`: readers and the matcher skip it
with a warning instead of failing for every other story.

The stages read tags here too, so that no two of them disagree on what a tag means:

- `base_language`: the language alone (`zh-Hant-TW` → `zh`, `pt-BR` → `pt`), for per-language
  data such as word lists and typical lengths;
- `written_language`: the language as a reader or an engine sees it, which for Chinese is one of
  two written forms (`zh-TW` → `zh-Hant`, `zh` → `zh-Hans`, `pt-BR` → `pt`);
- `direction`: right to left or left to right, by CLDR's character order;
- `script_of`: the ISO 15924 script a tag says or implies (CLDR likely subtags: `zh-TW` → `Hant`);
- `fallbacks`: where to look, in order, for something kept per language (texts, catalogs);
- `chinese_script`: which written form a Chinese text is in, by hanzidentifier's tables, and
  `chinese_characters`: the evidence for each form a text holds, by the same tables.

Every function agrees on a tag the wire cannot read: `canonical_tag` gives None,
`is_language_tag` False, `fallbacks` nothing, and the others raise `BadInput`.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from functools import cache, lru_cache
from typing import NamedTuple

from babel import Locale, UnknownLocaleError
from babel.core import get_global, parse_locale
from babel.localedata import locale_identifiers

from polywire.domain import BadInput

_SUBTAG = re.compile(r"[A-Za-z0-9]{1,8}")
#: A value longer than this is shown cut in an error message.
_SHOWN = 40
#: Languages whose written forms are different targets (engines, word lists), by script.
_WRITTEN_FORMS = {"zh": ("Hans", "Hant")}

__all__ = [
    "ChineseCharacters",
    "base_language",
    "canonical_tag",
    "chinese_characters",
    "chinese_script",
    "cldr_key",
    "direction",
    "fallbacks",
    "is_language_tag",
    "language_name",
    "language_tag",
    "locale_for",
    "regional_locales",
    "same_language",
    "script_of",
    "suggest",
    "written_language",
]


def language_tag(value: str, *, source: str = "language") -> str:
    """The wire's spelling of the BCP 47 tag `value`; `BadInput` naming `source` if it is none."""
    tag = canonical_tag(value)
    if tag is None:
        shown = value if len(value) <= _SHOWN else value[:_SHOWN] + "…"
        suggestion = suggest(value)
        hint = f"did you mean {suggestion!r}?" if suggestion else "use a tag such as fr or zh-Hans"
        named = f"{source} {shown}" if shown.strip() else f"{source} (empty)"
        raise BadInput(named, f"not a BCP 47 language tag; {hint}")
    return tag


def is_language_tag(value: str) -> bool:
    """Whether `value` is a tag the wire would store, in the wire's spelling."""
    return canonical_tag(value) == value


def same_language(one: str, other: str) -> bool:
    """Whether two tags name one language in one script, whatever the region (`en`, `en-GB`)."""
    first, second = locale_for(one), locale_for(other)
    return (first.language, _said_script(one)) == (second.language, _said_script(other))


def _said_script(tag: str) -> str | None:
    """The script subtag a tag says (not one CLDR would imply)."""
    parts = language_tag(tag).split("-")
    return next((p for p in parts[1:2] if len(p) == 4 and p.isalpha()), None)


@lru_cache(maxsize=1024)
def base_language(tag: str) -> str:
    """The language subtag alone: `zh-Hant-TW` → `zh`, `pt_br` → `pt`, `eng` → `en`."""
    return str(locale_for(tag).language)


@lru_cache(maxsize=1024)
def written_language(tag: str, *, source: str = "language") -> str:
    """The language as its readers and the engines tell it apart: `pt-BR` → `pt`, and for
    Chinese the written form (`zh-TW` → `zh-Hant`, `zh` → `zh-Hans`), which are two targets."""
    language = base_language(language_tag(tag, source=source))
    forms = _WRITTEN_FORMS.get(language)
    if forms is None:
        return language
    script = script_of(tag)
    return f"{language}-{script if script in forms else forms[0]}"


@lru_cache(maxsize=1024)
def script_of(tag: str) -> str:
    """The ISO 15924 script a tag says or implies (`zh-TW` → `Hant`, `ru` → `Cyrl`)."""
    locale = locale_for(tag)
    if locale.script:
        return str(locale.script)
    likely: Mapping[str, str] = get_global("likely_subtags")
    key = f"{locale.language}_{locale.territory}" if locale.territory else locale.language
    full = likely.get(key) or likely.get(locale.language)
    return (parse_locale(full)[2] if full else None) or "Latn"


def fallbacks(tag: str) -> tuple[str, ...]:
    """Where to look, nearest first, for something kept per language: the tag, its shorter
    forms, its written language, its base language (`zh-Hant-TW` → `zh-Hant-TW`, `zh-Hant`,
    `zh`; `zh-TW` → `zh-TW`, `zh-Hant`, `zh`). Nothing for a tag the wire cannot read."""
    canonical = canonical_tag(tag)
    if canonical is None:
        return ()
    parts = canonical.split("-")
    longer = ["-".join(parts[:size]) for size in range(len(parts), 1, -1)]
    return tuple(dict.fromkeys([*longer, written_language(canonical), parts[0]]))


@lru_cache(maxsize=256)
def locale_for(tag: str) -> Locale:
    """The CLDR locale of a tag; `BadInput` for a tag CLDR does not know."""
    return Locale.parse(language_tag(tag), sep="-")


def cldr_key(tag: str) -> str:
    """The key of a tag in CLDR's tables, which Babel spells with `_` (`pt-BR` → `pt_BR`)."""
    return language_tag(tag).replace("-", "_")


def direction(tag: str) -> str:
    """`rtl` for a language CLDR writes right to left (`ar`, `he`, `fa`), else `ltr`."""
    return "rtl" if locale_for(tag).character_order == "right-to-left" else "ltr"


def language_name(tag: str) -> str:
    """The English CLDR name of a language, for messages an editor reads."""
    return str(locale_for(tag).get_display_name("en") or tag)


@lru_cache(maxsize=64)
def regional_locales(tag: str) -> tuple[Locale, ...]:
    """The locale of a tag's base language and every regional or script variant CLDR has of it
    (`ar-EG` → `ar`, `ar_EG`, `ar_SA` …).

    Regional variants write some names differently (Arabic `مارس` and `آذار` for March), and a
    translation may use any of them."""
    language = base_language(tag)
    prefix = f"{language}_"
    found = [locale_for(language)]
    found.extend(Locale.parse(name) for name in locale_identifiers() if name.startswith(prefix))
    return tuple(found)


def chinese_script(text: str) -> str:
    """`zh-Hant` for Chinese text written mostly in characters only Traditional Chinese uses,
    else `zh-Hans`: hanzidentifier's tables (from CC-CEDICT), counted, so a name quoted in the
    other form does not turn a whole story."""
    from hanzidentifier import helpers  # its tables take a moment to read; Chinese is rare

    characters = [c for c in text if c in helpers.ALL_CHARACTERS]
    traditional = sum(c not in helpers.SIMPLIFIED_CHARACTERS for c in characters)
    simplified = sum(c not in helpers.TRADITIONAL_CHARACTERS for c in characters)
    return "zh-Hant" if traditional > simplified else "zh-Hans"


class ChineseCharacters(NamedTuple):
    """How many different characters of a text only one written form of Chinese writes."""

    #: Characters hanzidentifier's Traditional table lacks.
    simplified: int
    #: Characters hanzidentifier's Simplified table lacks.
    traditional: int


def chinese_characters(text: str) -> ChineseCharacters:
    """The different Chinese characters of `text` only Simplified, and only Traditional, Chinese
    writes, each counted once: for judging a paragraph, where a character written five times is
    no more evidence than one written once. A character in neither table counts for both."""
    from hanzidentifier import helpers  # its tables take a moment to read; Chinese is rare

    hanzi = helpers.get_hanzi(text)
    return ChineseCharacters(
        simplified=len(hanzi - helpers.TRADITIONAL_CHARACTERS),
        traditional=len(hanzi - helpers.SIMPLIFIED_CHARACTERS),
    )


@lru_cache(maxsize=1024)
def canonical_tag(value: str) -> str | None:
    """`value` in the wire's spelling (`pt_br` → `pt-BR`, `EN` → `en`); None if it is no tag
    CLDR knows."""
    parts = value.strip().replace("_", "-").split("-")
    if not all(_SUBTAG.fullmatch(part) for part in parts) or not parts[0].isalpha():
        return None
    aliases: Mapping[str, str] = get_global("language_aliases")
    primary = parts[0].lower()
    alias = aliases.get(primary, primary)
    primary = alias if alias.isalpha() else primary
    canonical = [primary]
    for part in parts[1:]:
        if len(part) == 4 and part.isalpha():
            canonical.append(part.title())
        elif len(part) == 2 or (len(part) == 3 and part.isdigit()):
            canonical.append(part.upper())
        else:
            canonical.append(part.lower())
    tag = "-".join(canonical)
    try:
        locale = Locale.parse(tag, sep="-")
    except (UnknownLocaleError, ValueError):
        return None
    # Babel fills in likely subtags: `und` would become English, which nobody asked for
    return tag if locale.language == primary else None


def suggest(value: str) -> str | None:
    """The tag of the language whose English name `value` is or nearly is (`english` → `en`)."""
    names = _languages_by_name()
    key = value.strip().casefold()
    if key in names:
        return names[key]
    close = difflib.get_close_matches(key, list(names), n=1, cutoff=0.8)
    return names[close[0]] if close else None


@cache
def _languages_by_name() -> dict[str, str]:
    found: dict[str, str] = {}
    for code, name in Locale("en").languages.items():
        tag = canonical_tag(str(code))
        if tag is not None:
            found.setdefault(str(name).casefold(), tag)
    return found
