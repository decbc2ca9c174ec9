"""Errors as RFC 9457 problem details (`application/problem+json`)."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

from polywire.domain import BadInput, NotFound, PolywireError


def problem(status: int, title: str, detail: str) -> JSONResponse:
    return JSONResponse(
        {"type": "about:blank", "title": title, "status": status, "detail": detail},
        status_code=status,
        media_type="application/problem+json",
    )


_TITLES = {409: "Conflict", 413: "Payload too large"}


def install(app: FastAPI) -> None:
    @app.exception_handler(BadInput)
    async def bad_input(_: Request, error: BadInput) -> JSONResponse:
        title = _TITLES.get(error.status, "Bad input")
        return problem(error.status, title, str(error))

    @app.exception_handler(NotFound)
    async def not_found(_: Request, error: NotFound) -> JSONResponse:
        return problem(404, "Not found", str(error))

    @app.exception_handler(PolywireError)
    async def other(_: Request, error: PolywireError) -> JSONResponse:
        return problem(400, "Bad request", str(error))

    @app.exception_handler(RequestValidationError)
    async def invalid(_: Request, error: RequestValidationError) -> JSONResponse:
        details = "; ".join(
            f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in error.errors()
        )
        return problem(422, "Invalid request", details)
