"""A confirmation step for the desk's actions that cannot be undone: release, withdraw, rotate a
webhook secret.

The step is a page of its own, served by the same POST that acts: without `confirm=yes` the
action is not taken, and the page says what it would do (which languages go out, which are left
out and why) with a form that sends the same fields again, confirmed. No script is needed, so the
step holds under a `script-src 'self'` policy and without JavaScript.
"""

from __future__ import annotations

from fastapi import Request
from fastapi.responses import HTMLResponse
from starlette.datastructures import FormData

from polywire.web.pages.forms import text
from polywire.web.pages.render import page
from polywire.web.pages.session import Viewer

CONFIRMED = "yes"


def confirmed(form: FormData) -> bool:
    return text(form, "confirm") == CONFIRMED


def confirmation_page(
    request: Request,
    viewer: Viewer,
    *,
    brand: str,
    question: str,
    details: list[str],
    button: str,
    back: str,
    fields: dict[str, str] | None = None,
) -> HTMLResponse:
    """The page that asks: `question`, what it means (`details`), and a form posting back to the
    same address with `fields` and `confirm=yes`; `back` cancels."""
    return page(
        request,
        "confirm.html",
        brand=brand,
        viewer=viewer,
        question=question,
        details=details,
        button=button,
        action=request.url.path,
        back=back,
        fields=fields or {},
        confirm=CONFIRMED,
    )
