"""`/desk/users`, for admins: the wire's users; add one (a generated password, shown once),
change a role, reset a password (a new generated one, shown once; their sessions end), send a
password-reset link by e-mail, disable a user (asks first).

`polywire.services.UserService`, as `polywire users …`, with its rules (an admin cannot disable
or demote themselves, so that a wire always keeps one admin who can sign in). A form that is
refused comes back filled in as it was sent, naming the field and the problem."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from starlette.concurrency import run_in_threadpool

from polywire.domain import BadInput, PolywireError
from polywire.services.users import ROLES, UserService
from polywire.web.pages.confirm import confirmation_page, confirmed
from polywire.web.pages.forms import checked_form, text
from polywire.web.pages.render import page
from polywire.web.pages.session import Viewer, require_viewer
from polywire.wire import Wire


def router(wire: Wire) -> APIRouter:
    pages = APIRouter(include_in_schema=False)
    brand = wire.settings.brand.name
    service = UserService(wire)

    async def admin(request: Request) -> Viewer:
        viewer = await require_viewer(request, wire)
        service.check_admin(viewer.principal)
        return viewer

    async def listing(
        request: Request,
        viewer: Viewer,
        *,
        form: dict[str, str] | None = None,
        notice: str | None = None,
        secret: dict[str, str] | None = None,
        error: BadInput | str | None = None,
    ) -> HTMLResponse:
        field = error.source if isinstance(error, BadInput) else None
        return page(
            request,
            "users.html",
            brand=brand,
            viewer=viewer,
            users=await run_in_threadpool(service.visible, viewer.principal),
            roles=ROLES,
            form=form or {"name": "", "role": "editor", "publisher": "", "email": ""},
            notice=notice,
            secret=secret,
            error=str(error) if error else None,
            wrong=_field_of(field),
            status_code=422 if error else 200,
        )

    @pages.get("/desk/users")
    async def users(request: Request) -> HTMLResponse:
        return await listing(request, await admin(request))

    @pages.post("/desk/users")
    async def add(request: Request) -> HTMLResponse:
        viewer = await admin(request)
        form = await checked_form(request, viewer)
        sent = {f: text(form, f) for f in ("name", "role", "publisher", "email")}
        try:
            user, password = await run_in_threadpool(
                service.add,
                viewer.principal,
                sent["name"],
                sent["role"],
                sent["publisher"],
                sent["email"],
            )
        except BadInput as problem:
            return await listing(request, viewer, form=sent, error=problem)
        return await listing(
            request,
            viewer,
            notice=f"{user.name} added",
            secret={"label": f"Password of {user.name}", "value": password},
        )

    @pages.post("/desk/users/{name}/role")
    async def change_role(request: Request, name: str) -> HTMLResponse:
        viewer = await admin(request)
        form = await checked_form(request, viewer)
        try:
            user = await run_in_threadpool(
                service.change_role,
                viewer.principal,
                name,
                text(form, "role"),
                text(form, "publisher"),
            )
        except BadInput as problem:
            return await listing(request, viewer, error=problem)
        scope = f" of {user.publisher}" if user.publisher else ""
        return await listing(request, viewer, notice=f"{user.name} is now {user.role}{scope}")

    @pages.post("/desk/users/{name}/password")
    async def reset_password(request: Request, name: str) -> HTMLResponse:
        viewer = await admin(request)
        form = await checked_form(request, viewer)
        if not confirmed(form):
            return confirmation_page(
                request,
                viewer,
                brand=brand,
                question=f"Give {name} a new password?",
                details=["Their old password stops working and their sessions end."],
                button="Reset the password",
                back="/desk/users",
            )
        password = await run_in_threadpool(service.reset_password, viewer.principal, name)
        secret = {"label": f"New password of {name}", "value": password}
        return await listing(request, viewer, notice=f"{name}'s password reset", secret=secret)

    @pages.post("/desk/users/{name}/reset-link")
    async def reset_link(request: Request, name: str) -> HTMLResponse:
        viewer = await admin(request)
        await checked_form(request, viewer)
        try:
            email = await run_in_threadpool(service.send_reset_link, viewer.principal, name)
        except PolywireError as problem:
            return await listing(request, viewer, error=str(problem))
        if email is None:
            return await listing(request, viewer, error=f"{name}: no e-mail address to send to")
        return await listing(request, viewer, notice=f"A reset link was sent to {email}")

    @pages.post("/desk/users/{name}/disable")
    async def disable(request: Request, name: str) -> HTMLResponse:
        viewer = await admin(request)
        form = await checked_form(request, viewer)
        try:
            await run_in_threadpool(service.check_disable, viewer.principal, name)
        except BadInput as problem:
            return await listing(request, viewer, error=str(problem))
        if not confirmed(form):
            return confirmation_page(
                request,
                viewer,
                brand=brand,
                question=f"Disable {name}?",
                details=["They can no longer sign in; their sessions end and API tokens stop."],
                button=f"Disable {name}",
                back="/desk/users",
            )
        await run_in_threadpool(service.disable, viewer.principal, name)
        return await listing(request, viewer, notice=f"{name} disabled")

    return pages


def _field_of(source: str | None) -> str | None:
    """The add form's field a refusal is about (`BadInput.source`), to mark it."""
    if source is None:
        return None
    for field, words in (("email", "e-mail"), ("role", "role"), ("name", "user name")):
        if source == words:
            return field
    return "publisher" if source.startswith("user ") else None
