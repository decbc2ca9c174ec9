"""`/desk/stories/{id}/report`: per version, language and channel, how many destinations were
targeted, got it, are still being tried or failed; a chart of deliveries since release; and the
deliveries that failed or are being retried, each naming its subscriber and why, with "send
again" right there (the desk's replay action, `/desk/deliveries/{id}/replay`, which comes back
here saying what it queued).

A subscriber the viewer may not see (another publisher's) is not named and offers no replay: the
replay action would refuse it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from markupsafe import Markup
from sqlalchemy import Connection
from starlette.concurrency import run_in_threadpool

from polywire.accounts.access import Forbidden, check_subscriber, story_for
from polywire.domain import Delivery, NotFound, Story
from polywire.publish.reports.story import story_report
from polywire.store import deliveries as records
from polywire.store import stories
from polywire.store import subscribers as subscriber_store
from polywire.web.pages.chart import chart, delivery_series, duration
from polywire.web.pages.render import page
from polywire.web.pages.session import Viewer, require_viewer
from polywire.wire import Wire


@dataclass
class Trouble:
    """A delivery that failed or is being tried again, as the report names it."""

    delivery: Delivery
    channel: str
    subscriber: str
    reason: str
    can_replay: bool


def _reason(delivery: Delivery) -> str:
    code, error = delivery.response_code, delivery.error or ""
    said = [f"HTTP {code}"] if code and str(code) not in error else []
    if error:
        said.append(error)
    attempts = f"after {delivery.attempts} attempt{'s' if delivery.attempts != 1 else ''}"
    return f"{': '.join(said) or 'no answer recorded'} ({attempts})"


def _subscriber(conn: Connection, viewer: Viewer, destination_id: str) -> tuple[str, bool]:
    """The subscriber's name and whether the viewer may send again to it."""
    subscriber_id = subscriber_store.get_destination(conn, destination_id).subscriber_id
    try:
        check_subscriber(conn, viewer.user, subscriber_id)
    except NotFound:
        return "a removed subscriber", False
    except Forbidden:
        return "a subscriber of another publisher", False
    return subscriber_store.get_subscriber(conn, subscriber_id).name, True


def troubles(
    conn: Connection, viewer: Viewer, found: list[tuple[Delivery, str, Any]]
) -> list[Trouble]:
    listed: list[Trouble] = []
    for delivery, channel, _ in found:
        failing = delivery.status == "failed" or (
            delivery.status == "pending" and (delivery.error or delivery.response_code)
        )
        if not failing:
            continue
        name, may = _subscriber(conn, viewer, delivery.destination_id)
        listed.append(Trouble(delivery, channel, name, _reason(delivery), may))
    return listed


def router(wire: Wire) -> APIRouter:
    pages = APIRouter(include_in_schema=False)
    brand = wire.settings.brand.name

    def load(viewer: Viewer, story_id: str) -> dict[str, Any]:
        with wire.database.read() as conn:
            story: Story = story_for(conn, viewer.user, story_id)
            report = story_report(conn, story_id)
            found = records.deliveries_of_story(conn, story_id)
            headline = stories.get_version(conn, story_id, story.latest_version).headline
            failing = troubles(conn, viewer, found)
        released = {(d.version, d.language): at.timestamp() for d, _, at in found}
        series = delivery_series([(d, channel) for d, channel, _ in found], released)
        drawn: Markup = chart(series)
        return {
            "story": story,
            "headline": headline,
            "lines": report["lines"],
            "chart": drawn,
            "troubles": failing,
        }

    @pages.get("/desk/stories/{story_id}/report")
    async def report(request: Request, story_id: str, done: str | None = None) -> HTMLResponse:
        viewer = await require_viewer(request, wire)
        found = await run_in_threadpool(load, viewer, story_id)
        return page(
            request,
            "report.html",
            brand=brand,
            viewer=viewer,
            duration=duration,
            notice=done,
            **found,
        )

    return pages
