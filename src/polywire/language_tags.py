"""The one check of a language tag, at every door where a language enters the wire.

A language enters through the command line (`--language`, `--to`), the API (`language`,
`languages` of stories and versions), the desk's forms, ninjs `language`, feed entries, review
edits and subscriber filters. Each door calls `language_tag`: one spelling per language (`zh-hans`
→ `zh-Hans`, `en_gb` → `en-GB`, `eng` → `en`), and a tag CLDR does not know (through Babel's
`Locale.parse`) is bad input that names the door and the value and, when it can, suggests the tag
meant (`english` → `en`, from CLDR's English display names of languages). A row stored before
this check, or written around it, is found with `is_language_tag`: readers and the matcher skip it
with a warning instead of failing for every other story.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from functools import cache, lru_cache

from babel import Locale, UnknownLocaleError
from babel.core import get_global

from polywire.domain import BadInput

_SUBTAG = re.compile(r"[A-Za-z0-9]{1,8}")
#: A value longer than this is shown cut in an error message.
_SHOWN = 40


def language_tag(value: str, *, source: str = "language") -> str:
    """The wire's spelling of the BCP 47 tag `value`; `BadInput` naming `source` if it is none."""
    tag = _canonical(value)
    if tag is None:
        shown = value if len(value) <= _SHOWN else value[:_SHOWN] + "…"
        suggestion = suggest(value)
        hint = f"did you mean {suggestion!r}?" if suggestion else "use a tag such as fr or zh-Hans"
        named = f"{source} {shown}" if shown.strip() else f"{source} (empty)"
        raise BadInput(named, f"not a BCP 47 language tag; {hint}")
    return tag


def is_language_tag(value: str) -> bool:
    """Whether `value` is a tag the wire would store, in the wire's spelling."""
    return _canonical(value) == value


def same_language(one: str, other: str) -> bool:
    """Whether two tags name one language in one script, whatever the region (`en`, `en-GB`)."""
    return _language_and_script(one) == _language_and_script(other)


def _language_and_script(tag: str) -> tuple[str, ...]:
    parts = tag.split("-")
    return (parts[0], *[p for p in parts[1:2] if len(p) == 4 and p.isalpha()])


@lru_cache(maxsize=1024)
def _canonical(value: str) -> str | None:
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
        tag = _canonical(str(code))
        if tag is not None:
            found.setdefault(str(name).casefold(), tag)
    return found
