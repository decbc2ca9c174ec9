"""`/readyz`: whether this process can do its work now (its database answers, its job bus is
connected), for a load balancer or a supervisor; `/healthz` only says the process is alive.

Ready: 200 with what was checked. Not ready: 503 problem+json whose `problems` list says what is
wrong, one sentence each."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from polywire.web.problems import PROBLEM_CONTENT
from polywire.wire import Wire


def router(wire: Wire) -> APIRouter:
    api = APIRouter(tags=["health"])

    @api.get(
        "/readyz",
        responses={
            503: {
                "description": "not ready (problem+json with a `problems` list)",
                "content": PROBLEM_CONTENT,
            }
        },
    )
    async def ready() -> JSONResponse:
        problems = await wire.problems()
        if not problems:
            return JSONResponse({"status": "ready", "database": "ok", "bus": wire.settings.bus})
        return JSONResponse(
            {
                "type": "about:blank",
                "title": "Not ready",
                "status": 503,
                "detail": "; ".join(problems),
                "problems": problems,
            },
            status_code=503,
            media_type="application/problem+json",
        )

    return api
