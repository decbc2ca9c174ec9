"""`/desk`: the stories a signed-in user may see, with the state of each language, filtered by
state (a story's is the worst of its languages; `needs_review` is the review queue, counted in
every desk page's nav: `session.Viewer`) and searched by headline; an embargoed story counts
down to its embargo as on its own page (the time left is written in, `static/countdown.js`
ticks it); `/desk/stories.json` feeds the page's live refresh, the nav's queue count with it."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse
from starlette.concurrency import run_in_threadpool

from polywire.domain import StoryState
from polywire.services import StoryLine, StoryService
from polywire.store.types import utcnow
from polywire.web.pages.history import countdown
from polywire.web.pages.render import page
from polywire.web.pages.session import Viewer, require_viewer
from polywire.wire import Wire

#: How many stories the desk lists at once (the newest, or the first of the review queue).
DESK_LIMIT = 100


def router(wire: Wire) -> APIRouter:
    pages = APIRouter(include_in_schema=False)
    brand = wire.settings.brand.name
    stories_of = StoryService(wire)

    def lines(viewer: Viewer, state: str | None, search: str | None) -> list[StoryLine]:
        wanted = StoryState.parse(state) if state else None
        return stories_of.lines(viewer.principal, state=wanted, search=search, limit=DESK_LIMIT)

    @pages.get("/desk")
    async def stories(
        request: Request, state: str | None = Query(None), q: str | None = Query(None)
    ) -> HTMLResponse:
        viewer = await require_viewer(request, wire)
        found = await run_in_threadpool(lines, viewer, state, q)
        now = utcnow()
        embargo_left = {
            s.id: countdown(s.embargoed - now) for s in found if s.embargoed and s.embargoed > now
        }
        return page(
            request,
            "desk.html",
            brand=brand,
            viewer=viewer,
            stories=found,
            states=[s.value for s in StoryState],
            state=StoryState.parse(state).value if state else "",
            embargo_left=embargo_left,
            q=q or "",
        )

    @pages.get("/desk/stories.json")
    async def stories_json(
        request: Request, state: str | None = Query(None), q: str | None = Query(None)
    ) -> dict[str, Any]:
        viewer = await require_viewer(request, wire)
        found = await run_in_threadpool(lines, viewer, state, q)
        return {
            "needs_review": viewer.needs_review,
            "stories": [
                {
                    "id": s.id,
                    "state": s.state,
                    "headline": s.headline,
                    "languages": s.languages,
                    "delivered": s.delivered,
                }
                for s in found
            ],
        }

    return pages
