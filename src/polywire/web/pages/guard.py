"""Access to the HTTP API (`/v1/...`): API tokens, sessions, scopes and per-publisher separation.

A pure ASGI middleware in front of the API routers, so that every route of every area is covered
without each one taking part. Who is asking is resolved from `Authorization: Bearer <API token>`
or, for the newsroom's own pages, the session cookie (unsafe methods then also need the session's
`X-CSRF-Token` header). It is put on `request.state.principal` for routes that act on it.

- A bad or revoked token is always refused (401), whatever the settings.
- With `auth.required`, a request with neither is refused (401, `WWW-Authenticate: Bearer`).
- A token without the `write` scope may only read (GET/HEAD), else 403.
- Which publisher's data a principal reaches (stories, subscribers, destinations, deliveries)
  is not decided here: the services refuse it (`polywire.services`, which the desk and the
  command line call too), and lists and counts hold only its publisher's (`acting_publisher`).

`/v1/stream` is left to its own subscriber tokens.
"""

from __future__ import annotations

from http.cookies import SimpleCookie

from sqlalchemy import Connection
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.types import ASGIApp, Receive, Scope, Send

from polywire.accounts import access
from polywire.domain import Principal
from polywire.domain import Scope as TokenScope
from polywire.store import accounts as store
from polywire.web.problems import problem
from polywire.wire import Wire

SESSION_COOKIE = "polywire_session"
_SAFE = {"GET", "HEAD", "OPTIONS"}
_EXEMPT = {"/v1/stream"}


class ApiGuard:
    def __init__(self, app: ASGIApp, wire: Wire, required: bool) -> None:
        self.app = app
        self.wire = wire
        self.required = required

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "")
        if scope["type"] != "http" or not path.startswith("/v1/") or path in _EXEMPT:
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        method = scope["method"]
        refusal = await run_in_threadpool(self._check, method, headers, scope)
        if refusal is None:
            await self.app(scope, receive, send)
            return
        status, detail = refusal
        response = problem(status, "Unauthorized" if status == 401 else "Forbidden", detail)
        if status == 401:
            response.headers["WWW-Authenticate"] = 'Bearer realm="polywire"'
        await response(scope, receive, send)

    def _check(self, method: str, headers: dict[str, str], scope: Scope) -> tuple[int, str] | None:
        authorization = headers.get("authorization", "")
        if not authorization and SESSION_COOKIE not in headers.get("cookie", ""):
            if self.required:
                return 401, "this API needs an API token: Authorization: Bearer <token>"
            return None
        # a token's use is recorded (last_used); a session is only read
        transaction = self.wire.database.write if authorization else self.wire.database.read
        with transaction() as conn:
            if authorization:
                kind, _, token = authorization.partition(" ")
                token = token.strip()
                bearer = kind.lower() == "bearer" and token
                found = store.token_principal(conn, token) if bearer else None
                if found is None:
                    return 401, "the API token is not valid (unknown, revoked or malformed)"
                principal = found
            else:
                from_session = _session_principal(conn, headers, method)
                if from_session is None:
                    return (
                        (401, "this API needs an API token: Authorization: Bearer <token>")
                        if (self.required)
                        else None
                    )
                principal = from_session
            needed = TokenScope.READ if method in _SAFE else TokenScope.WRITE
            try:
                access.require_scope(principal, needed)
            except access.Forbidden as error:
                return 403, str(error)
            scope.setdefault("state", {})["principal"] = principal
        return None


def _session_principal(conn: Connection, headers: dict[str, str], method: str) -> Principal | None:
    cookie = SimpleCookie()
    cookie.load(headers.get("cookie", ""))
    morsel = cookie.get(SESSION_COOKIE)
    if morsel is None:
        return None
    found = store.session_user(conn, morsel.value)
    if found is None:
        return None
    user, csrf = found
    if method not in _SAFE and headers.get("x-csrf-token") != csrf:
        return None
    return Principal(user)


def principal_of(request: Request) -> Principal | None:
    """Who a request acts as, for the services (`polywire.services.Actor`): the principal the
    guard found, or None when the API lets a request through without anyone (loopback)."""
    principal = getattr(request.state, "principal", None)
    return principal if isinstance(principal, Principal) else None


def acting_publisher(request: Request) -> str | None:
    """The publisher a request acts for when its principal is bound to one (a publisher's API
    token or session), else None: routes that create or list things pass it on, so that a
    publisher's token submits and lists as that publisher only."""
    principal = getattr(request.state, "principal", None)
    return access.list_scope(principal.user if isinstance(principal, Principal) else None)
