"""Signed-in sessions of the newsroom's pages, and CSRF protection of their forms.

The session cookie carries a random token (the store keeps its digest), `HttpOnly`,
`SameSite=Lax`, and `Secure` when the wire's public URL is https (or `auth.secure_cookies`
says so: `settings.accounts.cookies_secure`). Every form carries a CSRF token:
the session's own once signed in; before that (the sign-in form) a random value that must match
a cookie of the same value (double submit).
"""

from __future__ import annotations

import hmac
import secrets
from dataclasses import dataclass
from urllib.parse import quote

from fastapi import Request, Response
from starlette.concurrency import run_in_threadpool

from polywire.accounts.access import list_scope
from polywire.domain import Principal, User
from polywire.store import accounts as store
from polywire.store.stories import count_needing_review
from polywire.web.pages.guard import SESSION_COOKIE
from polywire.wire import Wire

PRE_SESSION_COOKIE = "polywire_csrf"


@dataclass(frozen=True)
class Viewer:
    """A signed-in user, the CSRF token of their session, and how many stories they may see
    wait for an editor: the count every desk page's nav shows, read with the session (one
    query, in the same transaction); the JSON the pages poll carries it too, and their scripts
    keep the nav's count live with it."""

    user: User
    csrf: str
    needs_review: int

    @property
    def principal(self) -> Principal:
        """The viewer as the services' actor: a session may do all its user's role allows."""
        return Principal(self.user)


class SignInNeeded(Exception):
    """Raised by a page that needs a signed-in user: the answer is a redirect to /signin."""

    def __init__(self, next_path: str) -> None:
        super().__init__(next_path)
        self.location = f"/signin?next={quote(next_path, safe='/')}"


class BadCsrf(Exception):
    """A form came without the CSRF token of the session (HTTP 403)."""


async def viewer_of(request: Request, wire: Wire) -> Viewer | None:
    """The signed-in user of the request, with the review queue's length."""
    token = request.cookies.get(SESSION_COOKIE)
    if not token:
        return None

    def read() -> Viewer | None:
        with wire.database.read() as conn:
            found = store.session_user(conn, token)
            if found is None:
                return None
            user, csrf = found
            return Viewer(user, csrf, count_needing_review(conn, list_scope(user)))

    return await run_in_threadpool(read)


async def require_viewer(request: Request, wire: Wire) -> Viewer:
    viewer = await viewer_of(request, wire)
    if viewer is None:
        path = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        raise SignInNeeded(path)
    return viewer


def check_csrf(viewer: Viewer, submitted: object) -> None:
    if not isinstance(submitted, str) or not _same_token(submitted, viewer.csrf):
        raise BadCsrf()


def pre_session_csrf(request: Request, response: Response, secure: bool) -> str:
    """The sign-in form's CSRF value, set as a cookie when the browser has none yet."""
    value = request.cookies.get(PRE_SESSION_COOKIE) or secrets.token_urlsafe(32)
    response.set_cookie(
        PRE_SESSION_COOKIE, value, httponly=True, samesite="lax", secure=secure, path="/signin"
    )
    return value


def check_pre_session_csrf(request: Request, submitted: object) -> None:
    expected = request.cookies.get(PRE_SESSION_COOKIE)
    if not expected or not isinstance(submitted, str):
        raise BadCsrf()
    if not _same_token(submitted, expected):
        raise BadCsrf()


def _same_token(submitted: str, expected: str) -> bool:
    """Compared as bytes: `compare_digest` raises on a str that is not ASCII, and a form may
    send anything."""
    return hmac.compare_digest(submitted.encode("utf-8", "replace"), expected.encode("utf-8"))


def set_session_cookie(response: Response, token: str, *, hours: float, secure: bool) -> None:
    response.set_cookie(
        SESSION_COOKIE,
        token,
        max_age=int(hours * 3600),
        httponly=True,
        samesite="lax",
        secure=secure,
        path="/",
    )


def clear_session_cookie(response: Response, secure: bool) -> None:
    response.delete_cookie(SESSION_COOKIE, path="/", httponly=True, samesite="lax", secure=secure)
