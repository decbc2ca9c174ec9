"""`/signin` and `/signout`. Sign-ins go through the app's `SignInThrottle` (see its module for
the policy); one held back is answered 429 with `Retry-After`."""

from __future__ import annotations

import math

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from polywire.domain import User
from polywire.settings.accounts import cookies_secure
from polywire.store import accounts as store
from polywire.web.pages.forms import read_form
from polywire.web.pages.guard import SESSION_COOKIE
from polywire.web.pages.render import page
from polywire.web.pages.session import (
    check_csrf,
    check_pre_session_csrf,
    clear_session_cookie,
    pre_session_csrf,
    require_viewer,
    set_session_cookie,
)
from polywire.web.pages.throttle import SignInThrottle
from polywire.wire import Wire


def _safe_next(value: object) -> str:
    """Only a path of this site: never an open redirect."""
    text = value if isinstance(value, str) else ""
    return text if text.startswith("/") and not text.startswith("//") else "/desk"


def throttle_of(request: Request) -> SignInThrottle:
    """The served app's sign-in throttle, `app.state.signin_throttle`, made on first use (a test
    puts one with its own clock there first)."""
    found = getattr(request.app.state, "signin_throttle", None)
    if not isinstance(found, SignInThrottle):
        found = request.app.state.signin_throttle = SignInThrottle()
    return found


def _duration(seconds: int) -> str:
    if seconds < 60:
        return f"{seconds} second{'s' if seconds != 1 else ''}"
    minutes = math.ceil(seconds / 60)
    return f"{minutes} minute{'s' if minutes != 1 else ''}"


def router(wire: Wire) -> APIRouter:
    pages = APIRouter(include_in_schema=False)
    brand = wire.settings.brand.name
    auth = wire.settings.auth
    secure = cookies_secure(auth, wire.settings.deliver.public_url)

    def form(
        request: Request, *, name: str, next_path: str, error: str | None, status: int = 401
    ) -> HTMLResponse:
        response = HTMLResponse("")
        token = pre_session_csrf(request, response, secure)
        rendered = page(
            request,
            "signin.html",
            brand=brand,
            status_code=status if error else 200,
            signin_csrf=token,
            next=next_path,
            name=name,
            error=error,
        )
        for key, value in response.headers.items():
            if key == "set-cookie":
                rendered.headers.append(key, value)
        return rendered

    @pages.get("/signin")
    async def signin_form(request: Request, next: str = "/desk") -> HTMLResponse:
        return form(request, name="", next_path=_safe_next(next), error=None)

    @pages.post("/signin")
    async def signin(request: Request) -> Response:
        fields = await read_form(request)
        check_pre_session_csrf(request, fields.get("csrf"))
        name = str(fields.get("name", "")).strip()
        password = str(fields.get("password", ""))
        next_path = _safe_next(fields.get("next"))
        address = request.client.host if request.client else ""
        throttle = throttle_of(request)
        wait = throttle.admit(name, address)
        if wait > 0:
            seconds = math.ceil(wait)
            refused = form(
                request,
                name=name,
                next_path=next_path,
                error=f"Too many failed sign-ins. Try again in {_duration(seconds)}.",
                status=429,
            )
            refused.headers["Retry-After"] = str(seconds)
            return refused

        def start() -> tuple[User, str] | None:
            with wire.database.write() as conn:
                user = store.authenticate(conn, name, password)
                if user is None:
                    return None
                token, _ = store.start_session(conn, user, auth.session_hours)
                return user, token

        started = await run_in_threadpool(start)
        if started is None:
            throttle.failed(name, address)
            return form(
                request, name=name, next_path=next_path, error="Wrong user name or password."
            )
        throttle.succeeded(name, address)
        response = RedirectResponse(next_path, status_code=303)
        set_session_cookie(response, started[1], hours=auth.session_hours, secure=secure)
        return response

    @pages.post("/signout")
    async def signout(request: Request) -> Response:
        viewer = await require_viewer(request, wire)
        check_csrf(viewer, (await read_form(request)).get("csrf"))
        token = request.cookies.get(SESSION_COOKIE, "")

        def end() -> None:
            with wire.database.write() as conn:
                store.end_session(conn, token)

        await run_in_threadpool(end)
        response = RedirectResponse("/", status_code=303)
        clear_session_cookie(response, secure)
        return response

    return pages
