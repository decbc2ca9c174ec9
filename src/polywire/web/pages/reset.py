"""Password resets by e-mail: `/signin/forgot` asks for a user name and mails that user a
one-time link, `/signin/reset?token=…` sets a new password with it.

The link works once and for `auth.reset_link_hours`; it goes through the wire's SMTP settings
(`deliver.smtp_*`) to the address the user's account has. The forgot form answers the same
whether or not the name exists or has an address, so that it tells nobody who has an account.
An admin sends the same link from `/desk/users`; both through `polywire.services.UserService`."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from starlette.concurrency import run_in_threadpool

from polywire.domain import BadInput
from polywire.services.users import UserService
from polywire.settings.accounts import cookies_secure
from polywire.web.pages.forms import read_form, text
from polywire.web.pages.render import page
from polywire.web.pages.session import check_pre_session_csrf, pre_session_csrf
from polywire.wire import Wire


def router(wire: Wire) -> APIRouter:
    pages = APIRouter(include_in_schema=False)
    brand = wire.settings.brand.name
    secure = cookies_secure(wire.settings.auth, wire.settings.deliver.public_url)
    service = UserService(wire)

    def form(request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
        cookie = HTMLResponse("")
        token = pre_session_csrf(request, cookie, secure)
        rendered = page(
            request, template, brand=brand, status_code=status, signin_csrf=token, **context
        )
        for key, value in cookie.headers.items():
            if key == "set-cookie":
                rendered.headers.append(key, value)
        return rendered

    @pages.get("/signin/forgot")
    async def forgot_form(request: Request) -> HTMLResponse:
        return form(request, "forgot.html", name="", sent=False)

    @pages.post("/signin/forgot")
    async def forgot(request: Request) -> HTMLResponse:
        fields = await read_form(request)
        check_pre_session_csrf(request, fields.get("csrf"))
        name = text(fields, "name")
        if not name:
            return form(
                request, "forgot.html", 422, name="", sent=False, error="User name: give yours"
            )
        await run_in_threadpool(service.ask_reset_link, name)
        return form(request, "forgot.html", name=name, sent=True)

    @pages.get("/signin/reset")
    async def reset_form(request: Request, token: str = "") -> HTMLResponse:
        return form(request, "reset.html", token=token)

    @pages.post("/signin/reset")
    async def reset(request: Request) -> HTMLResponse:
        fields = await read_form(request)
        check_pre_session_csrf(request, fields.get("csrf"))
        token = text(fields, "token")
        password, again = (str(fields.get(f, "")) for f in ("password", "again"))
        try:
            user = await run_in_threadpool(service.finish_reset, token, password, again)
        except BadInput as problem:
            wrong = "password" if problem.source == "password" else None
            return form(request, "reset.html", 422, token=token, error=str(problem), wrong=wrong)
        return form(request, "reset.html", token="", done=user.name)

    return pages
