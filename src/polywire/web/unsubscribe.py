"""`/unsubscribe/{token}`: the link in every e-mail's `List-Unsubscribe` header and footer.

`POST` is RFC 8058's one-click unsubscribe (mail clients send `List-Unsubscribe=One-Click`);
`GET` only shows a page with a button that POSTs, because link scanners follow GETs.
"""

from __future__ import annotations

import html
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from starlette.concurrency import run_in_threadpool

from polywire.domain import BadInput
from polywire.publish.deliver.unsubscribe import UnsubscribeLinks
from polywire.store import deliver_queries as queries
from polywire.web.problems import responses
from polywire.wire import Wire

_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title}</title>
<link rel="stylesheet" href="/static/newsroom.css"></head>
<body><main class="narrow">
<h1>{title}</h1>
{body}
</main></body></html>
"""


def router(wire: Wire) -> APIRouter:
    api = APIRouter(tags=["e-mail"], responses=_ANSWERS)
    links = UnsubscribeLinks.from_settings(wire.settings)

    @api.get("/unsubscribe/{token}", response_class=HTMLResponse)
    async def confirm_page(token: str) -> HTMLResponse:
        """A page asking to confirm (nothing changes until its button is pressed)."""
        try:
            who = links.read(token)
        except BadInput as error:
            return _page(400, "Unsubscribe", error.problem)
        address = html.escape(who.address)
        form = (
            f"<p>Stop e-mails from this list to <strong>{address}</strong>?</p>"
            f'<form method="post"><input type="hidden" name="List-Unsubscribe" '
            f'value="One-Click"><button type="submit">Unsubscribe</button></form>'
        )
        return _page(200, "Unsubscribe", form)

    @api.post("/unsubscribe/{token}", response_class=HTMLResponse)
    async def unsubscribe(token: str, request: Request) -> HTMLResponse:
        """One-click unsubscribe (RFC 8058): takes effect at once, answers 200."""
        try:
            who = links.read(token)
        except BadInput as error:
            return _page(400, "Unsubscribe", error.problem)
        form = await request.form()
        how = "one-click" if form.get("List-Unsubscribe") == "One-Click" else "post"

        def record() -> None:
            with wire.database.write() as conn:
                queries.record_unsubscribe(conn, who.address, who.list_id, how)

        await run_in_threadpool(record)
        address = html.escape(who.address)
        return _page(200, "Unsubscribed", f"<p>{address} will get no more e-mails from it.</p>")

    return api


_ANSWERS: dict[int | str, dict[str, Any]] = {
    400: {"description": "Not a valid link", "content": {"text/html": {}}},
    **responses(413, 503),
}


def _page(status: int, title: str, body: str) -> HTMLResponse:
    return HTMLResponse(_PAGE.format(title=html.escape(title), body=body), status_code=status)
