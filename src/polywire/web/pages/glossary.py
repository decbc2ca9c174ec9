"""`/desk/glossary`: the publisher's glossary; add or replace a term, remove one.

A user bound to a publisher sees and edits its own glossary; an admin or editor picks the
publisher (`?publisher=`, the wire's default publisher otherwise): the rule of
`polywire.services.GlossaryService`, as the API's and `polywire glossary`'s. A refused term is
shown with what was typed, to be fixed and sent again.
"""

from __future__ import annotations

from urllib.parse import quote

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from polywire.domain import PolywireError
from polywire.glossary import parse_term
from polywire.services.glossary import GlossaryService
from polywire.web.pages.forms import checked_form, text
from polywire.web.pages.render import page
from polywire.web.pages.session import Viewer, require_viewer
from polywire.wire import Wire


def parse_renderings(lines: str) -> dict[str, str]:
    """`es = comunicado de prensa`, one a line, as language → rendering."""
    found: dict[str, str] = {}
    for number, line in enumerate(lines.splitlines(), start=1):
        if not line.strip():
            continue
        language, equals, rendering = line.partition("=")
        if not equals:
            raise PolywireError(
                f"translations, line {number} ({line.strip()!r}): expected LANG = rendering"
            )
        found[language.strip()] = rendering.strip()
    return found


def router(wire: Wire) -> APIRouter:
    pages = APIRouter(include_in_schema=False)
    brand = wire.settings.brand.name
    service = GlossaryService(wire)

    def owner(request: Request, viewer: Viewer) -> str:
        return service.owner(viewer.principal, request.query_params.get("publisher") or None)

    async def listing(
        request: Request,
        viewer: Viewer,
        publisher: str,
        *,
        notice: str | None = None,
        error: str | None = None,
        typed: dict[str, str] | None = None,
    ) -> HTMLResponse:
        _, terms = await run_in_threadpool(service.terms, viewer.principal, publisher)
        return page(
            request,
            "glossary.html",
            brand=brand,
            viewer=viewer,
            publisher=publisher,
            terms=terms,
            notice=notice,
            error=error,
            typed=typed or {},
            status_code=422 if error else 200,
        )

    def back(publisher: str, notice: str) -> Response:
        where = f"/desk/glossary?publisher={quote(publisher)}&done={quote(notice)}"
        return RedirectResponse(where, status_code=303)

    @pages.get("/desk/glossary")
    async def glossary(request: Request) -> HTMLResponse:
        viewer = await require_viewer(request, wire)
        done = request.query_params.get("done")
        return await listing(request, viewer, owner(request, viewer), notice=done)

    @pages.post("/desk/glossary")
    async def set_term(request: Request) -> Response:
        viewer = await require_viewer(request, wire)
        publisher = owner(request, viewer)
        form = await checked_form(request, viewer)
        typed = {
            "term": text(form, "term"),
            "keep": "on" if text(form, "keep") else "",
            "translations": text(form, "translations"),
        }
        try:
            term = parse_term(
                typed["term"],
                {
                    "keep": bool(typed["keep"]),
                    "translations": parse_renderings(typed["translations"]),
                },
            )
            await run_in_threadpool(service.set, viewer.principal, term, publisher)
        except PolywireError as problem:
            return await listing(request, viewer, publisher, error=str(problem), typed=typed)
        return back(publisher, f"{term.term} saved.")

    @pages.post("/desk/glossary/remove")
    async def remove_term(request: Request) -> Response:
        viewer = await require_viewer(request, wire)
        publisher = owner(request, viewer)
        form = await checked_form(request, viewer)
        try:
            term = await run_in_threadpool(
                service.remove, viewer.principal, text(form, "term"), publisher
            )
        except PolywireError as problem:
            return await listing(request, viewer, publisher, error=str(problem))
        return back(publisher, f"{term} removed.")

    return pages
