"""`/desk/health`: which engines serve which language pairs, and what the job queue holds."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from starlette.concurrency import run_in_threadpool

from polywire.accounts.access import Forbidden
from polywire.accounts.model import Role
from polywire.web.pages.render import page
from polywire.web.pages.session import require_viewer
from polywire.wire import Wire


def router(wire: Wire) -> APIRouter:
    pages = APIRouter(include_in_schema=False)
    brand = wire.settings.brand.name

    @pages.get("/desk/health")
    async def health(request: Request) -> HTMLResponse:
        viewer = await require_viewer(request, wire)
        if viewer.user.role == Role.PUBLISHER:
            raise Forbidden("engines and health are for editors and admins")
        engines = [
            {
                "name": engine.name,
                "description": engine.description,
                "pairs": sorted(engine.pairs()),
            }
            for engine in wire.pipeline.translate.router.engines.values()
        ]
        report = await run_in_threadpool(wire.report)
        return page(
            request, "health.html", brand=brand, viewer=viewer, engines=engines, report=report
        )

    return pages
