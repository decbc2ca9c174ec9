"""`/desk/tokens`: the signed-in user's own API tokens; create one (the token is shown once)
and revoke one. The same store functions as `polywire tokens …`: a token acts as its user, with
the scopes chosen (read: GET; write: everything else). An admin sees and revokes everyone's."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from starlette.concurrency import run_in_threadpool

from polywire.accounts.access import Forbidden
from polywire.domain import ApiToken, BadInput, Scope
from polywire.store import accounts as store
from polywire.web.pages.forms import checked_form, names, text
from polywire.web.pages.render import page
from polywire.web.pages.session import Viewer, require_viewer
from polywire.wire import Wire

SCOPES = [scope.value for scope in Scope]


def router(wire: Wire) -> APIRouter:
    pages = APIRouter(include_in_schema=False)
    brand = wire.settings.brand.name

    def visible(viewer: Viewer) -> list[ApiToken]:
        mine = None if viewer.user.is_admin else viewer.user.name
        with wire.database.read() as conn:
            return [t for t in store.list_tokens(conn, mine) if t.revoked is None]

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
            name = text(form, "name")
            if not name:
                raise BadInput("token name", "say what the token is for (e.g. the CMS)")
            chosen = names(form, "scopes")
            unknown = [s for s in chosen if s not in SCOPES]
            if unknown:
                raise BadInput("scopes", f"{', '.join(unknown)}: choose read and/or write")
            with wire.database.write() as conn:
                return store.add_token(conn, viewer.user.name, name, [Scope(s) for s in chosen])

        try:
            record, token = await run_in_threadpool(create)
        except BadInput as problem:
            return await listing(request, viewer, form=sent, error=str(problem))
        return await listing(request, viewer, notice=f"Token {record.name} added", created=token)

    @pages.post("/desk/tokens/{token_id}/revoke")
    async def revoke(request: Request, token_id: str) -> HTMLResponse:
        viewer = await require_viewer(request, wire)
        await checked_form(request, viewer)

        def drop() -> str:
            with wire.database.write() as conn:
                found = {t.id: t for t in store.list_tokens(conn)}.get(token_id)
                theirs = found is not None and found.user_name != viewer.user.name
                if theirs and not viewer.user.is_admin:
                    raise Forbidden("this API token belongs to another user")
                store.revoke_token(conn, token_id)
            return found.name if found else token_id

        name = await run_in_threadpool(drop)
        return await listing(request, viewer, notice=f"Token {name} revoked: it stops working now")

    return pages
