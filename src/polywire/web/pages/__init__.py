"""The newsroom in a browser: the signed-in desk, the public newsroom, and access to the API.

`install(app, wire)` mounts the pages, their static files and the answers to the pages' own
errors (sign-in needed, forbidden, not found, bad CSRF token, and any refused input: a job the
desk's button no longer fits, a search the wire does not run), as a page and not as the API's
problem details. The API guard is one of the app's doors (`polywire.web.app`).
"""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import RedirectResponse, Response
from fastapi.staticfiles import StaticFiles

from polywire.accounts.access import Forbidden
from polywire.domain import BadInput, NotFound
from polywire.web.pages import (
    desk,
    glossary,
    health,
    policy,
    public,
    reports,
    reset,
    review,
    signin,
    submit,
    subscribers,
    tokens,
    users,
)
from polywire.web.pages.render import STATIC, page
from polywire.web.pages.session import BadCsrf, SignInNeeded
from polywire.web.problems import problem, title
from polywire.wire import Wire

__all__ = ["install"]


def install(app: FastAPI, wire: Wire) -> None:
    settings = wire.settings
    brand = settings.brand.name
    app.mount("/static", StaticFiles(directory=str(STATIC)), name="static")
    for module in (
        signin,
        desk,
        submit,
        review,
        policy,
        reports,
        subscribers,
        glossary,
        health,
        users,
        tokens,
        reset,
        public,
    ):
        app.include_router(module.router(wire))
    app.include_router(subscribers.destination_router(wire))

    @app.exception_handler(SignInNeeded)
    async def sign_in_needed(_: Request, error: SignInNeeded) -> Response:
        return RedirectResponse(error.location, status_code=303)

    @app.exception_handler(BadCsrf)
    async def bad_csrf(request: Request, _: BadCsrf) -> Response:
        detail = "The form was out of date or came from elsewhere. Reload the page and try again."
        return page(
            request, "error.html", brand=brand, status_code=403, title="Refused", detail=detail
        )

    @app.exception_handler(Forbidden)
    async def forbidden(request: Request, error: Forbidden) -> Response:
        if not _is_page(request.url.path):
            return problem(403, "Forbidden", str(error))
        return page(
            request,
            "error.html",
            brand=brand,
            status_code=403,
            title="Forbidden",
            detail=str(error),
        )

    @app.exception_handler(NotFound)
    async def not_found(request: Request, error: NotFound) -> Response:
        if not _is_page(request.url.path):
            return problem(404, "Not found", str(error))
        return page(
            request,
            "error.html",
            brand=brand,
            status_code=404,
            title="Not found",
            detail=str(error),
        )

    @app.exception_handler(BadInput)
    async def refused(request: Request, error: BadInput) -> Response:
        if not _is_page(request.url.path):
            return problem(error.status, title(error.status), str(error))
        return page(
            request,
            "error.html",
            brand=brand,
            status_code=error.status,
            title=title(error.status),
            detail=str(error),
        )


def _is_page(path: str) -> bool:
    """Pages answer errors in HTML; the API, feeds, hooks and the pages' own JSON (`….json`)
    in problem details."""
    return not path.endswith(".json") and (
        path == "/" or path.startswith(("/desk", "/news", "/signin", "/publishers", "/search"))
    )
