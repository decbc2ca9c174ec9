"""E-mail bodies for one rendition: HTML and plain text, in the language's own direction.

The templates ship in `templates/` (Jinja2). The HTML carries `lang` and `dir` on its root, so
Arabic, Hebrew, Persian or Urdu read right to left in every mail client that renders HTML.
A composed release's pictures follow the story (the image by its URL, caption and credit under
it; in the text part, caption, credit and URL), then its notices (the publisher's About
paragraphs and media contacts among them).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from polywire.compose import Composed
from polywire.domain import BadInput, Pubstatus, Rendition, Version
from polywire.language_tags import direction
from polywire.publish.formats.text import picture_text


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
        return direction(language)
    except BadInput:
        return "ltr"


def render_email(
    version: Version,
    rendition: Rendition,
    *,
    brand: str,
    link: str,
    unsubscribe_url: str,
) -> EmailContent:
    """The message one reader gets for `rendition` as stored (without composed notices)."""
    withdrawn = version.pubstatus == Pubstatus.CANCELED
    before = [_WITHDRAWN] if withdrawn else []
    if version.correction_reason:
        before.append(f"Correction: {version.correction_reason}")
    return _render(
        subject=("WITHDRAWN: " if withdrawn else "") + rendition.headline,
        view={
            "brand": brand,
            "headline": rendition.headline,
            "subheadline": None if withdrawn else rendition.subheadline,
            "paragraphs": rendition.body,
            "language": rendition.language,
            "before": before,
            "after": [],
            "pictures": [],
            "link": link,
            "unsubscribe_url": unsubscribe_url,
        },
    )


def render_composed_email(composed: Composed, *, link: str, unsubscribe_url: str) -> EmailContent:
    """The message one reader gets for a composed release: the dateline on the first paragraph,
    then the correction, attribution, disclaimer, "about" paragraph and sectors, all in the
    reader's language (a withdrawal's notice is its body)."""
    after = list(composed.notices)
    if composed.sector_line:
        after.append(composed.sector_line)
    return _render(
        subject=composed.headline,
        view={
            "brand": composed.brand,
            "headline": composed.headline,
            "subheadline": composed.subheadline,
            "paragraphs": composed.paragraphs,
            "language": composed.language,
            "before": [],
            "after": after,
            "pictures": [{**p.to_json(), "text": picture_text(p)} for p in composed.pictures],
            "link": link,
            "unsubscribe_url": unsubscribe_url,
        },
    )


def _render(subject: str, view: dict[str, object]) -> EmailContent:
    language = str(view["language"])
    view["direction"] = direction = direction_of(language)
    environment = _environment()
    return EmailContent(
        subject=subject,
        text=environment.get_template("email.txt").render(view),
        html=environment.get_template("email.html").render(view),
        language=language,
        direction=direction,
    )


_WITHDRAWN = "WITHDRAWN: the publisher has withdrawn this story. Please do not use it."


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
