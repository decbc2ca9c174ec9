"""Password resets by e-mail: `/signin/forgot` asks for a user name and mails that user a
one-time link, `/signin/reset?token=…` sets a new password with it.

The link works once and for `auth.reset_link_hours`; it goes through the wire's SMTP settings
(`deliver.smtp_*`) to the address the user's account has. The forgot form answers the same
whether or not the name exists or has an address, so that it tells nobody who has an account.
An admin sends the same link from `/desk/users`."""

from __future__ import annotations

import contextlib
import logging
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from typing import Any
from urllib.parse import quote

import aiosmtplib
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from starlette.concurrency import run_in_threadpool

from polywire.domain import BadInput, User
from polywire.publish.deliver.unsubscribe import sender_domain
from polywire.settings.accounts import cookies_secure
from polywire.store import accounts as store
from polywire.web.pages.forms import read_form, text
from polywire.web.pages.render import page
from polywire.web.pages.session import check_pre_session_csrf, pre_session_csrf
from polywire.wire import Wire

log = logging.getLogger(__name__)

#: The shortest password a reset accepts.
MIN_PASSWORD = 12


class MailFailed(BadInput):
    """The SMTP server refused or could not be reached."""


async def send_reset_link(wire: Wire, name: str) -> str | None:
    """Mail `name` a one-time reset link; the address it went to, or None when the user does
    not exist, is disabled or has no address."""
    hours = wire.settings.auth.reset_link_hours

    def start() -> tuple[User, str] | None:
        with wire.database.write() as conn:
            return store.start_reset(conn, name, hours)

    started = await run_in_threadpool(start)
    if started is None or started[0].email is None:
        return None
    user, token = started
    deliver = wire.settings.deliver
    # the wire's own address, never the request's Host header (which anyone can set)
    link = f"{deliver.public_url.rstrip('/')}/signin/reset?token={quote(token)}"
    brand = wire.settings.brand.name
    message = EmailMessage()
    message["From"] = deliver.smtp_from
    message["To"] = started[0].email
    message["Subject"] = f"{brand}: reset your password"
    message["Date"] = formatdate(usegmt=True)
    message["Message-ID"] = make_msgid(domain=sender_domain(deliver.smtp_from))
    message.set_content(
        f"Hello {user.name},\n\nTo choose a new password for {brand}, open this link within "
        f"{hours:g} hour{'s' if hours != 1 else ''}; it works once:\n\n    {link}\n\n"
        "If you did not ask for this, ignore this message: your password stays as it is.\n"
    )
    try:
        await aiosmtplib.send(
            message,
            hostname=deliver.smtp_host,
            port=deliver.smtp_port,
            start_tls=deliver.smtp_starttls,
            username=deliver.smtp_username,
            password=deliver.smtp_password,
        )
    except (aiosmtplib.SMTPException, OSError) as error:
        log.warning("password-reset link for %s not sent: %s", user.name, error)
        raise MailFailed("e-mail", f"the reset link could not be sent ({error})") from None
    return started[0].email


def router(wire: Wire) -> APIRouter:
    pages = APIRouter(include_in_schema=False)
    brand = wire.settings.brand.name
    secure = cookies_secure(wire.settings.auth, wire.settings.deliver.public_url)

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
        with contextlib.suppress(MailFailed):  # logged; the answer tells nobody who exists
            await send_reset_link(wire, name)
        return form(request, "forgot.html", name=name, sent=True)

    @pages.get("/signin/reset")
    async def reset_form(request: Request, token: str = "") -> HTMLResponse:
        return form(request, "reset.html", token=token)

    @pages.post("/signin/reset")
    async def reset(request: Request) -> HTMLResponse:
        fields = await read_form(request)
        check_pre_session_csrf(request, fields.get("csrf"))
        token = text(fields, "token")
        password = str(fields.get("password", ""))

        def change() -> User:
            if len(password) < MIN_PASSWORD:
                raise BadInput("password", f"use at least {MIN_PASSWORD} characters")
            if password != str(fields.get("again", "")):
                raise BadInput("password", "the two passwords differ")
            with wire.database.write() as conn:
                return store.finish_reset(conn, token, password)

        try:
            user = await run_in_threadpool(change)
        except BadInput as problem:
            wrong = "password" if problem.source == "password" else None
            return form(request, "reset.html", 422, token=token, error=str(problem), wrong=wrong)
        return form(request, "reset.html", token="", done=user.name)

    return pages
