"""`/desk/health`: which engines serve which language pairs, what the job queue holds, the feed
sources with their errors, and the dead jobs, which an admin can retry or discard (through
`polywire.services.JobService`, as `/v1/jobs` and `polywire jobs`). Editors and
admins of the whole wire also see the fleet: the numbers `/metrics` gives (workers seen, jobs by
kind and state, how long due jobs wait, lapsed leases, deliveries by channel and outcome, live
streams, event-log lag), read by the same function.

For editors and admins; one bound to a publisher sees (and retries) only the jobs, counts and
feed sources of its publisher's stories (`list_scope`; the feeds through
`polywire.services.FeedService`, as `polywire feeds list`)."""

from __future__ import annotations

from urllib.parse import quote

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from polywire.accounts.access import Forbidden, list_scope
from polywire.domain import NotFound, Role
from polywire.services import JobService, StoryService
from polywire.services.feeds import FeedService
from polywire.web.metrics import read_numbers
from polywire.web.pages.forms import checked_form
from polywire.web.pages.render import page
from polywire.web.pages.session import Viewer, require_viewer
from polywire.web.params import RowId
from polywire.wire import Wire

#: How many dead jobs the page lists, the most recently dead first.
DEAD_LISTED = 50


def router(wire: Wire) -> APIRouter:
    stories, jobs = StoryService(wire), JobService(wire)
    pages = APIRouter(include_in_schema=False)
    brand = wire.settings.brand.name

    async def staff(request: Request) -> Viewer:
        viewer = await require_viewer(request, wire)
        if viewer.user.role == Role.PUBLISHER:
            raise Forbidden("engines and health are for editors and admins")
        return viewer

    @pages.get("/desk/health")
    async def health(request: Request, done: str | None = None) -> HTMLResponse:
        viewer = await staff(request)
        publisher = list_scope(viewer.user)
        engines = [
            {
                "name": engine.name,
                "description": engine.description,
                "pairs": sorted(engine.pairs()),
            }
            for engine in wire.pipeline.translate.router.engines.values()
        ]
        return page(
            request,
            "health.html",
            brand=brand,
            viewer=viewer,
            engines=engines,
            report=await run_in_threadpool(stories.report, viewer.principal),
            dead=await run_in_threadpool(
                lambda: jobs.visible(viewer.principal, state="dead", limit=DEAD_LISTED)
            ),
            feeds=await run_in_threadpool(FeedService(wire).visible, viewer.principal),
            fleet=None if publisher else await run_in_threadpool(read_numbers, wire),
            notice=done,
        )

    @pages.post("/desk/jobs/{job_id}/{action}")
    async def act(request: Request, job_id: RowId, action: str) -> Response:
        viewer = await require_viewer(request, wire)  # JobService refuses a non-admin
        await checked_form(request, viewer)
        if action not in ("retry", "discard"):
            raise NotFound(f"{action!r}: a dead job is retried or discarded")
        change = jobs.retry if action == "retry" else jobs.discard
        await run_in_threadpool(change, viewer.principal, job_id)
        done = f"job {job_id}: {'retrying' if action == 'retry' else 'discarded'}"
        return RedirectResponse(f"/desk/health?done={quote(done)}", status_code=303)

    return pages
