"""`/desk/subscribers`: outlets, journalists and desktops; add one, edit what one gets, pause,
resume or remove one (removing asks first), remove one of its destinations, rotate a webhook
secret, see an endpoint's recent deliveries and send one again.

A user bound to a publisher sees and changes only the subscribers its publisher added: the
subscriber and delivery services hold that rule; these pages show what they answer."""

from __future__ import annotations

from datetime import timedelta
from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData

from polywire.accounts.access import Forbidden
from polywire.domain import BadInput, Delivery, NotFound, PolywireError, Subscriber
from polywire.publish.subscribers import (
    CHANNEL_FORMATS,
    parse_destination,
    parse_edit,
    parse_spec,
    subscriber_json,
)
from polywire.services import DeliveryService, SubscriberService
from polywire.web.live import live_for
from polywire.web.pages import pickers
from polywire.web.pages.confirm import confirmation_page, confirmed
from polywire.web.pages.forms import checked_form, names, text
from polywire.web.pages.render import page
from polywire.web.pages.session import Viewer, require_viewer
from polywire.web.pages.submit import offered_languages
from polywire.wire import Wire

#: The lists a subscriber asks for: pickers (repeated fields) and comma-separated text.
_WANTS = ("languages", "sectors", "topics", "regions", "keywords")
#: The forms' fields, by the names the checks give them (`BadInput.source`'s parts).
_FIELDS = {
    "name": "name",
    "kind": "kind",
    **{field: field for field in _WANTS},
    "destination": "destination",
    "destinations": "destination",
    "add_destinations": "destination",
}


def wrong_field(problem: PolywireError) -> str | None:
    """The form field a refusal is about, to mark it (`aria-invalid`)."""
    source = problem.source if isinstance(problem, BadInput) else ""
    return next((_FIELDS[part] for part in source.split(".") if part in _FIELDS), None)


def sent_form(form: FormData) -> dict[str, Any]:
    """What was sent, to fill the form again when it is refused."""
    return {
        "name": text(form, "name"),
        "kind": text(form, "kind"),
        "destination": text(form, "destination"),
        "wants": {field: names(form, field) for field in _WANTS},
    }


def router(wire: Wire) -> APIRouter:
    pages = APIRouter(include_in_schema=False)
    brand = wire.settings.brand.name
    service = SubscriberService(wire)
    overlap = service.secret_overlap
    picker_languages = pickers.languages(offered_languages(wire.settings.languages))
    empty = {"name": "", "kind": "outlet", "destination": "", "wants": {key: [] for key in _WANTS}}

    def visible(viewer: Viewer) -> list[Subscriber]:
        return service.visible(viewer.principal, limit=1000)

    async def listing(
        request: Request,
        viewer: Viewer,
        *,
        created: dict[str, Any] | None = None,
        notice: str | None = None,
        error: str | None = None,
        form: dict[str, Any] | None = None,
        wrong: str | None = None,
    ) -> HTMLResponse:
        shown = form or empty
        return page(
            request,
            "subscribers.html",
            brand=brand,
            viewer=viewer,
            subscribers=await run_in_threadpool(visible, viewer),
            channels=CHANNEL_FORMATS,
            created=created,
            notice=notice,
            error=error,
            form=shown,
            wants=shown["wants"],
            wrong=wrong,
            picker_languages=picker_languages,
            status_code=422 if error else 200,
        )

    @pages.get("/desk/subscribers")
    async def subscribers(request: Request) -> HTMLResponse:
        return await listing(request, await require_viewer(request, wire))

    @pages.post("/desk/subscribers")
    async def add(request: Request) -> HTMLResponse:
        viewer = await require_viewer(request, wire)
        form = await checked_form(request, viewer)

        def create() -> dict[str, Any]:
            spec = parse_spec(
                {
                    "name": text(form, "name"),
                    "kind": text(form, "kind") or "outlet",
                    **{field: names(form, field) for field in _WANTS},
                    "destinations": [
                        parse_destination(d).model_dump() for d in names(form, "destination")
                    ],
                }
            )
            subscriber, token = service.add(viewer.principal, spec)
            return subscriber_json(subscriber, token=token, secrets_shown=True)

        try:
            created = await run_in_threadpool(create)
        except PolywireError as problem:
            return await listing(
                request,
                viewer,
                error=str(problem),
                form=sent_form(form),
                wrong=wrong_field(problem),
            )
        return await listing(request, viewer, created=created)

    def editable(viewer: Viewer, subscriber_id: str) -> Subscriber:
        return service.get(viewer.principal, subscriber_id)

    async def edit_page(
        request: Request,
        viewer: Viewer,
        subscriber: Subscriber,
        *,
        form: dict[str, Any] | None = None,
        notice: str | None = None,
        error: str | None = None,
        wrong: str | None = None,
    ) -> HTMLResponse:
        """The edit form, filled with the subscriber's choices (or with what was sent)."""
        shown = form or {
            "name": subscriber.name,
            "kind": subscriber.kind,
            "destination": "",
            "wants": {field: list(getattr(subscriber, field)) for field in _WANTS},
        }
        return page(
            request,
            "subscriber_edit.html",
            brand=brand,
            viewer=viewer,
            subscriber=subscriber,
            form=shown,
            wants=shown["wants"],
            wrong=wrong,
            picker_languages=picker_languages,
            channels=CHANNEL_FORMATS,
            notice=notice,
            error=error,
            status_code=422 if error else 200,
        )

    @pages.get("/desk/subscribers/{subscriber_id}")
    async def edit_form(
        request: Request, subscriber_id: str, done: str | None = None
    ) -> HTMLResponse:
        viewer = await require_viewer(request, wire)
        subscriber = await run_in_threadpool(editable, viewer, subscriber_id)
        return await edit_page(request, viewer, subscriber, notice=done)

    @pages.post("/desk/subscribers/{subscriber_id}/destinations/{destination_id}/remove")
    async def remove_destination(
        request: Request, subscriber_id: str, destination_id: str
    ) -> Response:
        """Stop sending to one destination; its past deliveries stay on its page and in the
        reports."""
        viewer = await require_viewer(request, wire)
        await checked_form(request, viewer)

        def remove() -> str:
            removed = service.remove_destination(viewer.principal, subscriber_id, destination_id)
            where = f" {removed.address}" if removed.address else ""
            return f"{removed.channel} · {removed.format}{where} removed"

        try:
            done = await run_in_threadpool(remove)
        except PolywireError as problem:
            if isinstance(problem, Forbidden | NotFound):
                raise
            subscriber = await run_in_threadpool(editable, viewer, subscriber_id)
            return await edit_page(request, viewer, subscriber, error=str(problem))
        return RedirectResponse(
            f"/desk/subscribers/{subscriber_id}?done={quote(done)}", status_code=303
        )

    @pages.post("/desk/subscribers/{subscriber_id}")
    async def edit(request: Request, subscriber_id: str) -> HTMLResponse:
        viewer = await require_viewer(request, wire)
        form = await checked_form(request, viewer)
        sent = sent_form(form)

        def change() -> dict[str, Any]:
            edit = parse_edit(
                {
                    "name": sent["name"],
                    "kind": sent["kind"] or None,
                    **{field: names(form, field) for field in _WANTS},
                    "add_destinations": [
                        parse_destination(d).model_dump() for d in names(form, "destination")
                    ],
                }
            )
            subscriber, added = service.edit(viewer.principal, subscriber_id, edit)
            return subscriber_json(subscriber, secrets_of=added)

        try:
            changed = await run_in_threadpool(change)
        except PolywireError as problem:
            if isinstance(problem, Forbidden | NotFound):
                raise
            subscriber = await run_in_threadpool(editable, viewer, subscriber_id)
            return await edit_page(
                request,
                viewer,
                subscriber,
                form=sent,
                error=str(problem),
                wrong=wrong_field(problem),
            )
        live_for(wire).broadcaster.regrant_soon()  # its open streams follow at once
        secrets = [
            f"{d['address']}: {d['secret']}" for d in changed["destinations"] if "secret" in d
        ]
        notice = f"{changed['name']} saved" + (
            f"; new webhook secret (shown once) for {'; '.join(secrets)}" if secrets else ""
        )
        return await listing(request, viewer, notice=notice)

    async def set_paused(request: Request, subscriber_id: str, paused: bool) -> HTMLResponse:
        viewer = await require_viewer(request, wire)
        await checked_form(request, viewer)

        subscriber = await run_in_threadpool(
            service.set_paused, viewer.principal, subscriber_id, paused
        )
        notice = (
            f"{subscriber.name} paused: nothing is sent to it until it is resumed"
            if paused
            else f"{subscriber.name} resumed: it gets what is released from now on"
        )
        return await listing(request, viewer, notice=notice)

    @pages.post("/desk/subscribers/{subscriber_id}/pause")
    async def pause(request: Request, subscriber_id: str) -> HTMLResponse:
        return await set_paused(request, subscriber_id, True)

    @pages.post("/desk/subscribers/{subscriber_id}/resume")
    async def resume(request: Request, subscriber_id: str) -> HTMLResponse:
        return await set_paused(request, subscriber_id, False)

    @pages.post("/desk/subscribers/{subscriber_id}/remove")
    async def remove(request: Request, subscriber_id: str) -> HTMLResponse:
        viewer = await require_viewer(request, wire)
        form = await checked_form(request, viewer)
        subscriber = await run_in_threadpool(editable, viewer, subscriber_id)
        if not confirmed(form):
            return confirmation_page(
                request,
                viewer,
                brand=brand,
                question=f"Remove {subscriber.name}?",
                details=[
                    "Nothing is sent to it any more and its token stops working; its delivery "
                    "history stays in the reports. To stop for a while, pause it instead."
                ],
                button=f"Remove {subscriber.name}",
                back="/desk/subscribers",
            )

        await run_in_threadpool(service.remove, viewer.principal, subscriber_id)
        live_for(wire).broadcaster.regrant_soon()  # its open streams close
        return await listing(request, viewer, notice=f"{subscriber.name} removed")

    @pages.post("/desk/destinations/{destination_id}/rotate-secret")
    async def rotate(request: Request, destination_id: str) -> HTMLResponse:
        viewer = await require_viewer(request, wire)
        form = await checked_form(request, viewer)
        if not confirmed(form):
            return confirmation_page(
                request,
                viewer,
                brand=brand,
                question="Rotate this webhook's signing secret?",
                details=[
                    f"The old secret keeps signing for {overlap / timedelta(hours=1):g} hours: "
                    "give the new one to the endpoint's owner before then."
                ],
                button="Rotate the secret",
                back="/desk/subscribers",
            )

        secret = await run_in_threadpool(service.rotate_secret, viewer.principal, destination_id)
        hours = overlap / timedelta(hours=1)
        notice = f"New secret: {secret} (the old one keeps signing for {hours:g} hours)"
        return await listing(request, viewer, notice=notice)

    return pages


def destination_router(wire: Wire) -> APIRouter:
    """`/desk/destinations/{id}`: an endpoint's recent deliveries and their attempts, each of
    which can be sent again."""
    pages = APIRouter(include_in_schema=False)
    brand = wire.settings.brand.name

    service, subscribers = DeliveryService(wire), SubscriberService(wire)

    @pages.get("/desk/destinations/{destination_id}")
    async def destination(
        request: Request, destination_id: str, done: str | None = None
    ) -> HTMLResponse:
        viewer = await require_viewer(request, wire)
        found = await run_in_threadpool(service.recent, viewer.principal, destination_id)
        return page(
            request,
            "destination.html",
            brand=brand,
            viewer=viewer,
            notice=done,
            destination=found.destination,
            deliveries=found.deliveries,
            attempts=found.attempts,
        )

    @pages.post("/desk/deliveries/{delivery_id}/replay")
    async def replay(request: Request, delivery_id: str) -> Response:
        """Queue the delivery again; back to the page the button was on: the story's delivery
        report (`back=report`) saying what was queued, else the destination's page."""
        viewer = await require_viewer(request, wire)
        form = await checked_form(request, viewer)

        def send_again() -> tuple[Delivery, str]:
            delivery = service.replay(viewer.principal, delivery_id)
            destination = subscribers.destination(viewer.principal, delivery.destination_id)
            name = subscribers.get(viewer.principal, destination.subscriber_id).name
            version = f"{delivery.language} (version {delivery.version})"
            return delivery, f"{version} queued to be sent again to {name} by {destination.channel}"

        delivery, queued = await run_in_threadpool(send_again)
        if text(form, "back") == "report":
            where = f"/desk/stories/{delivery.story_id}/report"
        else:
            where = f"/desk/destinations/{delivery.destination_id}"
            queued = f"delivery {delivery_id} queued to be sent again"
        return RedirectResponse(f"{where}?done={quote(queued)}", status_code=303)

    return pages
