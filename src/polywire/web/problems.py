"""Errors as RFC 9457 problem details (`application/problem+json`), and their place in the
OpenAPI document.

Every answer that is not a success is a problem, whoever raised it: the wire's own errors (bad
input 4xx, not found 404), request validation (422), routing (404, and 405 with an `Allow` that
names every method of the path), a database that cannot be reached (503 with `Retry-After`: the
client may try again, nothing was changed), and anything unexpected (500, logged with its
traceback and a reference that the answer repeats; nothing of the error itself is shown).

`install` sets the handlers; `DatabaseFaults` is the ASGI layer to put around every middleware
that reads the store. `responses(...)` describes the problems a route may answer, for its
`responses=`.
"""

from __future__ import annotations

import logging
import secrets
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from sqlalchemy.exc import DataError, DBAPIError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from starlette.exceptions import HTTPException
from starlette.routing import Match, Mount
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from polywire.domain import BadInput, NotFound, PolywireError

MEDIA_TYPE = "application/problem+json"
#: Seconds a client is asked to wait before trying again while the database is unreachable.
RETRY_AFTER_SECONDS = 5

_METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE")

log = logging.getLogger(__name__)


class Problem(BaseModel):
    """An error (RFC 9457 problem details)."""

    type: str = Field(default="about:blank", description="always about:blank: see `status`")
    title: str = Field(description="the HTTP status in words")
    status: int = Field(description="the HTTP status code")
    detail: str = Field(description="what went wrong: the input it concerns and the problem")


def problem(
    status: int, title: str, detail: str, headers: dict[str, str] | None = None
) -> JSONResponse:
    return JSONResponse(
        Problem(title=title, status=status, detail=detail).model_dump(),
        status_code=status,
        media_type=MEDIA_TYPE,
        headers=headers,
    )


_TITLES = {
    400: "Bad request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not found",
    405: "Method not allowed",
    409: "Conflict",
    413: "Payload too large",
    415: "Unsupported media type",
    422: "Invalid request",
    429: "Too many requests",
    500: "Internal error",
    503: "Service unavailable",
}

_DESCRIPTIONS = {
    400: "The request is malformed (e.g. a body that is not JSON)",
    401: "No API token, or one that is unknown, revoked or malformed",
    403: "The token lacks the scope, or the thing belongs to another publisher",
    404: "Not found",
    409: "Conflicts with what is stored",
    413: "The body is larger than the limit",
    415: "The body's content type is not one this operation reads",
    422: "A parameter or the body is invalid; `detail` names it",
    503: "The database cannot be reached: try again after `Retry-After` seconds",
}

_HEADERS: dict[int, dict[str, Any]] = {
    401: {"WWW-Authenticate": {"schema": {"type": "string"}, "description": "Bearer"}},
    503: {"Retry-After": {"schema": {"type": "integer"}, "description": "seconds"}},
}

#: What any `/v1` route may answer: no or a bad token (401), not allowed (403), no database (503).
API = (401, 403, 503)
#: What a route that reads a body may answer: malformed (400), too large (413), of a type it does
#: not read (415), invalid (422).
BODY = (400, 413, 415, 422)

PROBLEM_CONTENT = {MEDIA_TYPE: {"schema": {"$ref": "#/components/schemas/Problem"}}}


def responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """The OpenAPI description of problems with `statuses`, for a route's `responses=` (the
    `Problem` schema is among the document's components, see `web.openapi`)."""
    described: dict[int | str, dict[str, Any]] = {}
    for status in statuses:
        answer: dict[str, Any] = {"description": _DESCRIPTIONS[status], "content": PROBLEM_CONTENT}
        if status in _HEADERS:
            answer["headers"] = _HEADERS[status]
        described[status] = answer
    return described


def title(status: int) -> str:
    return _TITLES.get(status, "Bad input" if status < 500 else "Server error")


def database_problem(error: BaseException) -> JSONResponse | None:
    """The answer to a database error that is not the code's fault, else None: 503 while the
    database cannot be reached or used (down, refusing connections, unreadable, locked past the
    timeout, no connection free in the pool), 422 for a value it cannot store (PostgreSQL takes
    no NUL character in a text)."""
    if isinstance(error, OperationalError | PoolTimeout) or (
        isinstance(error, DBAPIError) and error.connection_invalidated
    ):
        detail = "the database cannot be reached; nothing was changed, try again later"
        retry = {"Retry-After": str(RETRY_AFTER_SECONDS)}
        return problem(503, title(503), detail, headers=retry)
    if isinstance(error, DataError):
        detail = f"a value the database cannot store: {_first_line(error.orig)}"
        return problem(422, title(422), detail)
    return None


class DatabaseFaults:
    """ASGI layer around the routes and the middlewares that read the store (the API guard, the
    live streams' token check): a database error that `database_problem` answers is answered so
    (and logged in a line) rather than as a 500."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def tracked(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, tracked)
        except (DBAPIError, PoolTimeout) as error:
            answer = database_problem(error)
            if answer is None or started:
                raise
            log.warning(
                "%s %s: %s",
                scope["method"],
                scope["path"],
                _first_line(getattr(error, "orig", error)),
            )
            await answer(scope, receive, send)


def _first_line(error: object) -> str:
    return str(error).strip().split("\n")[0]


def install(app: FastAPI) -> None:
    @app.exception_handler(BadInput)
    async def bad_input(_: Request, error: BadInput) -> JSONResponse:
        return problem(error.status, title(error.status), str(error))

    @app.exception_handler(NotFound)
    async def not_found(_: Request, error: NotFound) -> JSONResponse:
        return problem(404, title(404), str(error))

    @app.exception_handler(PolywireError)
    async def other(_: Request, error: PolywireError) -> JSONResponse:
        return problem(400, title(400), str(error))

    @app.exception_handler(RequestValidationError)
    async def invalid(_: Request, error: RequestValidationError) -> JSONResponse:
        details = "; ".join(
            f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in error.errors()
        )
        return problem(422, title(422), details)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, error: HTTPException) -> JSONResponse:
        headers = dict(error.headers or {})
        if error.status_code == 405:
            headers["Allow"] = _allowed(request, headers.get("Allow", ""))
        return problem(error.status_code, title(error.status_code), str(error.detail), headers)

    # Starlette's outermost layer calls this for an exception nothing else handled (also one
    # raised by a middleware), then raises it again for the server to log.
    @app.exception_handler(Exception)
    async def unexpected(request: Request, error: Exception) -> JSONResponse:
        reference = secrets.token_hex(6)
        log.error(
            "%s %s: unexpected error (reference %s)",
            request.method,
            request.url.path,
            reference,
            exc_info=error,
        )
        detail = f"an unexpected error; the server's log has it under {reference}"
        return problem(500, title(500), detail)


def _allowed(request: Request, given: str) -> str:
    """Every method the app's routes answer on the request's path (Starlette's router names only
    those of the first route that matched it), else what the 405 said (a mounted app's own)."""
    routes = [route for route in request.app.router.routes if not isinstance(route, Mount)]
    methods = [
        method
        for method in _METHODS
        if any(
            route.matches({**request.scope, "method": method})[0] == Match.FULL for route in routes
        )
    ]
    return ", ".join(methods) or given
