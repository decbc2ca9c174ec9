"""The chrome of the public pages in the page's language: the words around a story ("Also in",
"Newsroom", "Sign in"…), its dates, and the names of languages, sectors and regions.

The words are Babel message catalogs, `web/locale/<language>/LC_MESSAGES/messages.po`, one for
each of the fifteen languages the wire serves (`compose.texts.TARGET_LANGUAGES`), read with Babel
and compiled in memory the first time a language is asked for (no build step: the `.po` files are
the source and what ships). A language without a catalog falls back to its nearest one (`pt-BR` →
`pt`, `zh-TW` → `zh-Hant`, `zh` → `zh-Hans`: `language_tags.fallbacks`), then to English.
Templates mark the words with `_()` (Jinja2's i18n extension, new-style:
`_("News from %(publisher)s", publisher=…)` escapes what it puts in); the language is the page's
`page_language`, so the desk stays English and an Arabic story's page is Arabic throughout.

Dates are CLDR's long date and short time, in UTC, named as such; names of languages and regions
are CLDR's in the page's language (the language's own name where CLDR has none); topics are
named by `topics`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from functools import cache
from io import BytesIO
from pathlib import Path
from typing import Any

from babel import Locale
from babel.dates import format_date, format_time
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations
from jinja2 import pass_context
from jinja2.runtime import Context

from polywire.compose.texts import texts_for
from polywire.config import Settings
from polywire.domain import BadInput
from polywire.language_tags import cldr_key, fallbacks, locale_for
from polywire.publish.feeds.catalog import language_name

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
DOMAIN = "messages"


def catalog_language(language: str) -> str | None:
    """The language whose catalog serves `language`; None for English (the msgids)."""
    found = (tag for tag in fallbacks(language) if tag != "en" and _po_file(tag).is_file())
    return next(found, None)


@cache
def translations(language: str) -> NullTranslations:
    """The compiled catalog for `language` (English: the msgids as they are)."""
    found = catalog_language(language)
    if found is None:
        return NullTranslations()
    with _po_file(found).open("rb") as source:
        catalog = read_po(source, locale=locale_for(found), domain=DOMAIN)
    compiled = BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return Translations(compiled, domain=DOMAIN)


def _po_file(language: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def _page_language(context: Context) -> str:
    return str(context.get("page_language") or "en")


@pass_context
def gettext(context: Context, message: str) -> str:
    return translations(_page_language(context)).gettext(message)


@pass_context
def ngettext(context: Context, singular: str, plural: str, n: int) -> str:
    return translations(_page_language(context)).ngettext(singular, plural, n)


def _locale(language: str) -> Locale:
    try:
        return locale_for(language)
    except BadInput:
        return Locale("en")


def when(moment: datetime, language: str) -> str:
    """`moment` as the language writes a date and a time, in UTC: "7 de diciembre de 2026 9:05
    UTC"."""
    utc = moment.astimezone(UTC)
    locale = _locale(language)
    date = format_date(utc, "long", locale=locale)
    return f"{date} {format_time(utc, 'short', tzinfo=UTC, locale=locale)} UTC"


def language_in(language: str, page_language: str) -> str:
    """`language` named in `page_language` ("inglés" on a Spanish page), else its own name."""
    names = _locale(page_language).languages
    found = (names.get(cldr_key(tag)) for tag in fallbacks(language))
    return str(next((name for name in found if name), "")) or language_name(language)


def region_in(code: str, name: str, page_language: str) -> str:
    """A place, by its ISO 3166 code, named in `page_language`; `name` when CLDR does not know
    the code."""
    found = _locale(page_language).territories.get(code.upper())
    return str(found) if found else name


def sector_namer(settings: Settings) -> Callable[[str, str], str]:
    """`sector_label(name, language)`: a sector as the wire's texts name it in `language` (the
    names releases carry, `compose/texts`), else as filed."""

    @cache
    def names(language: str) -> dict[str, str]:
        return texts_for(language, settings.brand, settings.publish.texts_dir).sectors

    def sector_label(name: str, language: str) -> str:
        return names(language).get(" ".join(name.split()).casefold(), name)

    return sector_label


def install(env: Any) -> None:
    """Give a Jinja2 environment `_()` and the date and name helpers."""
    env.add_extension("jinja2.ext.i18n")
    env.install_gettext_callables(gettext, ngettext, newstyle=True)
    env.globals.update(when=when, language_in=language_in, region_in=region_in)
