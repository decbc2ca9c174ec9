"""Language tags as the checks need them: the base language, its CLDR locales and its script.

Tags are BCP 47 (`zh-Hant`, `pt-BR`, `sr-Latn`); CLDR likely subtags (through Babel) give the
script a tag implies when it does not say it, so `zh-TW` is Traditional and `zh` Simplified.
"""

from __future__ import annotations

from functools import lru_cache

from babel import Locale, UnknownLocaleError
from babel.core import get_global
from babel.localedata import locale_identifiers

from polywire.domain import BadInput


def base_language(tag: str) -> str:
    """`zh-Hant-TW` → `zh`."""
    return tag.replace("_", "-").split("-")[0].lower()


@lru_cache(maxsize=256)
def locale_for(tag: str) -> Locale:
    """The CLDR locale of a BCP 47 tag; an unknown tag is bad input."""
    try:
        return Locale.parse(tag.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        problem = "not a language CLDR knows (expected a BCP 47 tag such as vi or zh-Hant)"
        raise BadInput(tag, problem) from None


@lru_cache(maxsize=64)
def regional_locales(language: str) -> tuple[Locale, ...]:
    """The locale of a base language and every regional or script variant CLDR has of it.

    Regional variants write some names differently (Arabic `مارس` and `آذار` for March), and a
    translation may use any of them."""
    found = [Locale.parse(language)]
    for identifier in locale_identifiers():
        if identifier.startswith(language + "_"):
            found.append(Locale.parse(identifier))
    return tuple(found)


def script_of(tag: str) -> str:
    """The ISO 15924 script a tag implies (`zh-TW` → `Hant`, `ru` → `Cyrl`)."""
    locale = locale_for(tag)
    if locale.script:
        return str(locale.script)
    likely = get_global("likely_subtags")
    key = f"{locale.language}_{locale.territory}" if locale.territory else locale.language
    full = likely.get(key) or likely.get(locale.language) or ""
    parts = full.split("_")
    return parts[1] if len(parts) > 2 else "Latn"


def language_name(tag: str) -> str:
    """The English CLDR name of a language, for messages an editor reads."""
    return locale_for(tag).get_display_name("en") or tag
