"""`/desk/tokens`: the signed-in user's own API tokens; create one (the token is shown once)
and revoke one. The same service as `polywire tokens …` (`polywire.services.TokenService`): a
token acts as its user, with the scopes chosen (read: GET; write: everything else). An admin
sees and revokes everyone's."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from starlette.concurrency import run_in_threadpool

from polywire.domain import ApiToken, BadInput, Scope
from polywire.services import TokenService
from polywire.services.tokens import SCOPES
from polywire.web.pages.forms import checked_form, names, text
from polywire.web.pages.render import page
from polywire.web.pages.session import Viewer, require_viewer
from polywire.wire import Wire


def router(wire: Wire) -> APIRouter:
    pages = APIRouter(include_in_schema=False)
    brand = wire.settings.brand.name
    service = TokenService(wire)

    def visible(viewer: Viewer) -> list[ApiToken]:
        return [t for t in service.visible(viewer.principal) if t.revoked is None]

    async def listing(
        request: Request,
        viewer: Viewer,
        *,
        form: dict[str, object] | None = None,
        notice: str | None = None,
        created: str | None = None,
        error: str | None = None,
    ) -> HTMLResponse:
        return page(
            request,
            "tokens.html",
            brand=brand,
            viewer=viewer,
            tokens=await run_in_threadpool(visible, viewer),
            scopes=SCOPES,
            form=form or {"name": "", "scopes": [Scope.READ.value]},
            notice=notice,
            created=created,
            error=error,
            status_code=422 if error else 200,
        )

    @pages.get("/desk/tokens")
    async def tokens(request: Request) -> HTMLResponse:
        return await listing(request, await require_viewer(request, wire))

    @pages.post("/desk/tokens")
    async def add(request: Request) -> HTMLResponse:
        viewer = await require_viewer(request, wire)
        form = await checked_form(request, viewer)
        sent: dict[str, object] = {"name": text(form, "name"), "scopes": names(form, "scopes")}

        def create() -> tuple[ApiToken, str]:
            chosen = names(form, "scopes")
            return service.add(viewer.principal, viewer.user.name, text(form, "name"), chosen)

        try:
            record, token = await run_in_threadpool(create)
        except BadInput as problem:
            return await listing(request, viewer, form=sent, error=str(problem))
        return await listing(request, viewer, notice=f"Token {record.name} added", created=token)

    @pages.post("/desk/tokens/{token_id}/revoke")
    async def revoke(request: Request, token_id: str) -> HTMLResponse:
        viewer = await require_viewer(request, wire)
        await checked_form(request, viewer)

        name = await run_in_threadpool(service.revoke, viewer.principal, token_id)
        return await listing(request, viewer, notice=f"Token {name} revoked: it stops working now")

    return pages
