"""Rendering the pages: one Jinja2 environment over `web/templates`, the context every page
shares (the signed-in user, their CSRF token, the brand), the writing direction of a
language, and the chrome's words in the page's language (`chrome`)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from markupsafe import Markup, escape

from polywire import language_tags
from polywire.domain import BadInput
from polywire.publish.feeds.catalog import language_name
from polywire.web.pages import chrome, pickers, topics
from polywire.web.pages.session import Viewer

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
STATIC = Path(__file__).resolve().parent.parent / "static"


def direction(language: str) -> str:
    """`rtl` for a language CLDR writes right to left; `ltr` too for a tag the wire can't read."""
    try:
        return language_tags.direction(language)
    except BadInput:
        return "ltr"


templates = Jinja2Templates(directory=str(TEMPLATES))
templates.env.globals["direction"] = direction
templates.env.globals["language_name"] = language_name
chrome.install(templates.env)
templates.env.globals.update(topic_in=topics.topic_in, topic_tags=topics.topic_tags)


def page(
    request: Request,
    template: str,
    *,
    brand: str,
    viewer: Viewer | None = None,
    status_code: int = 200,
    **context: Any,
) -> HTMLResponse:
    return templates.TemplateResponse(
        request,
        template,
        {"viewer": viewer, "csrf": viewer.csrf if viewer else "", "brand": brand, **context},
        status_code=status_code,
    )


def marked(text: str, needles: list[str]) -> Markup:
    """`text`, escaped, with each occurrence of the needles wrapped in <mark> (findings quote
    their passage with `…` where they cut it)."""
    trimmed = (n.strip().strip("…").strip() for n in needles if n)
    wanted = sorted({n for n in trimmed if n}, key=len, reverse=True)
    if not wanted:
        return Markup(escape(text))
    pattern = re.compile("|".join(re.escape(n) for n in wanted))
    pieces: list[str] = []
    last = 0
    for found in pattern.finditer(text):
        pieces.append(str(escape(text[last : found.start()])))
        pieces.append(f"<mark>{escape(found.group(0))}</mark>")
        last = found.end()
    pieces.append(str(escape(text[last:])))
    return Markup("".join(pieces))


templates.env.globals["marked"] = marked
templates.env.globals.update(
    topic_groups=pickers.topic_groups,
    countries=pickers.countries,
    unlisted=pickers.unlisted,
    unlisted_topics=pickers.unlisted_topics,
)
templates.env.filters["topic_code"] = pickers.topic_code
