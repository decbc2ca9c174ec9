"""E-mail bodies for one rendition: HTML and plain text, in the language's own direction.

The templates ship in `templates/` (Jinja2). The HTML carries `lang` and `dir` on its root, so
Arabic, Hebrew, Persian or Urdu read right to left in every mail client that renders HTML.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from babel import Locale, UnknownLocaleError
from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from polywire.domain import Pubstatus, Rendition, Version


@dataclass(frozen=True)
class EmailContent:
    subject: str
    text: str
    html: str
    language: str
    direction: str  # "ltr" or "rtl"


def direction_of(language: str) -> str:
    """`rtl` for languages written right to left (CLDR character order), else `ltr`."""
    try:
        locale = Locale.parse(language.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return "ltr"
    return "rtl" if locale.character_order == "right-to-left" else "ltr"


def render_email(
    version: Version,
    rendition: Rendition,
    *,
    brand: str,
    link: str,
    unsubscribe_url: str,
) -> EmailContent:
    """The message one reader gets for `rendition` (their own unsubscribe link included)."""
    withdrawn = version.pubstatus == Pubstatus.CANCELED
    values = {
        "brand": brand,
        "headline": rendition.headline,
        "paragraphs": rendition.body,
        "language": rendition.language,
        "direction": direction_of(rendition.language),
        "link": link,
        "unsubscribe_url": unsubscribe_url,
        "correction": version.correction_reason,
        "withdrawn": withdrawn,
    }
    environment = _environment()
    subject = ("WITHDRAWN: " if withdrawn else "") + rendition.headline
    return EmailContent(
        subject=subject,
        text=environment.get_template("email.txt").render(values),
        html=environment.get_template("email.html").render(values),
        language=rendition.language,
        direction=str(values["direction"]),
    )


@cache
def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("polywire.publish.formats", "templates"),
        autoescape=select_autoescape(enabled_extensions=("html",), default=False),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
