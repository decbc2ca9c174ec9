"""`/desk/stories/{id}/report`: per version, language and channel, how many destinations were
targeted, got it, are still being tried or failed, and a chart of deliveries since release."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from markupsafe import Markup
from starlette.concurrency import run_in_threadpool

from polywire.accounts.access import story_for
from polywire.domain import Story
from polywire.publish.report import story_report
from polywire.store import deliveries as records
from polywire.store import stories
from polywire.web.pages.chart import chart, delivery_series
from polywire.web.pages.render import page
from polywire.web.pages.session import Viewer, require_viewer
from polywire.wire import Wire


def router(wire: Wire) -> APIRouter:
    pages = APIRouter(include_in_schema=False)
    brand = wire.settings.brand.name

    def load(viewer: Viewer, story_id: str) -> tuple[Story, str, dict[str, Any], Markup]:
        with wire.database.read() as conn:
            story = story_for(conn, viewer.user, story_id)
            report = story_report(conn, story_id)
            found = records.deliveries_of_story(conn, story_id)
            headline = stories.get_version(conn, story_id, story.latest_version).headline
        released = {(d.version, d.language): at.timestamp() for d, _, at in found}
        series = delivery_series([(d, channel) for d, channel, _ in found], released)
        return story, headline, report, chart(series)

    @pages.get("/desk/stories/{story_id}/report")
    async def report(request: Request, story_id: str) -> HTMLResponse:
        viewer = await require_viewer(request, wire)
        story, headline, found, drawn = await run_in_threadpool(load, viewer, story_id)
        return page(
            request,
            "report.html",
            brand=brand,
            viewer=viewer,
            story=story,
            headline=headline,
            lines=found["lines"],
            chart=drawn,
        )

    return pages
