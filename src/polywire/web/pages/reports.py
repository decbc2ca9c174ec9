"""`/desk/stories/{id}/report`: per version, language and channel, how many destinations were
targeted, got it, are still being tried or failed; a chart of deliveries since release; and the
deliveries that failed or are being retried, each naming its subscriber and why, with "send
again" right there (the desk's replay action, `/desk/deliveries/{id}/replay`, which comes back
here saying what it queued).

A subscriber the viewer may not see (another publisher's) is not named and offers no replay: the
replay action would refuse it; nor does one that was removed. What the report holds and who may see
it is the deliveries service's (`DeliveryService.report`), as for the API and `polywire report`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from markupsafe import Markup
from starlette.concurrency import run_in_threadpool

from polywire.domain import Delivery
from polywire.services import DeliveryService
from polywire.services.deliveries import Shown
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


def _trouble(shown: Shown) -> Trouble:
    """The subscriber is named when the viewer reaches it, and then it may be sent again unless
    it was removed (the replay action would refuse it)."""
    if shown.subscriber is None:
        name = "a subscriber of another publisher"
    elif shown.subscriber_removed:
        name = f"{shown.subscriber} (removed)"
    else:
        name = shown.subscriber
    may = shown.subscriber is not None and not shown.subscriber_removed
    return Trouble(shown.delivery, shown.channel, name, _reason(shown.delivery), may)


def troubles(found: list[Shown]) -> list[Trouble]:
    return [
        _trouble(shown)
        for shown in found
        if shown.delivery.status == "failed"
        or (
            shown.delivery.status == "pending"
            and (shown.delivery.error or shown.delivery.response_code)
        )
    ]


def router(wire: Wire) -> APIRouter:
    pages = APIRouter(include_in_schema=False)
    brand = wire.settings.brand.name
    service = DeliveryService(wire)

    def load(viewer: Viewer, story_id: str) -> dict[str, Any]:
        report = service.report(viewer.principal, story_id)
        found = report.deliveries
        released = {
            (s.delivery.version, s.delivery.language): s.released.timestamp() for s in found
        }
        series = delivery_series([(s.delivery, s.channel) for s in found], released)
        drawn: Markup = chart(series)
        return {
            "story": report.story,
            "headline": report.headline,
            "lines": [line.to_json() for line in report.lines],
            "chart": drawn,
            "troubles": troubles(found),
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
