"""One story through every stage of the wired pipeline, run by the wire's own workers: classified,
translated by Apertium, checked, released at its embargo, fanned out, and delivered to a webhook
receiver (verified with `standardwebhooks`) and an SMTP server (aiosmtpd, DKIM verified)."""

from __future__ import annotations

import asyncio
import email
from collections.abc import Iterator
from email.policy import default
from pathlib import Path

import dkim
import pytest
from aiosmtpd.controller import Controller
from deliver.test_email import Mailbox, dkim_keys  # noqa: F401  (fixture)
from helpers import free_port
from publish.receiver import Answer, Receiver
from standardwebhooks import Webhook

from polywire.config import load_settings
from polywire.publish.subscribers import parse_spec
from polywire.services import DeliveryService, StoryService
from polywire.store import subscribers as subscriber_store
from polywire.wire import Wire

STORY = """Harbor Valley opens a solar cooperative

HARBOR VALLEY (BrandWire) – The town of Harbor Valley opened a solar cooperative on Monday that will
supply 1,200 homes, the council said.

The cooperative cost 4.5 million dollars and was paid for by 300 residents.
""".encode()


@pytest.fixture
def mailbox() -> Iterator[tuple[Mailbox, int]]:
    handler = Mailbox()
    port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    yield handler, port
    controller.stop()


@pytest.fixture
def wire(
    tmp_path: Path,
    database_url: str,
    mailbox: tuple[Mailbox, int],
    dkim_keys: tuple[Path, bytes],  # noqa: F811
) -> Iterator[Wire]:
    settings = load_settings(
        data_dir=tmp_path / "data",
        database_url=database_url,
        languages=["es"],
        check={"policy": "release"},
        review={"rules": []},
        publish={"outbound": {"allow_loopback": True}},
        deliver={
            "smtp_host": "127.0.0.1",
            "smtp_port": mailbox[1],
            "smtp_from": "Polywire News <news@wire.test>",
            "dkim_selector": "pw2026",
            "dkim_key_path": str(dkim_keys[0]),
            "public_url": "https://wire.test",
        },
    )
    opened = Wire(settings)
    yield opened
    opened.close()


async def test_a_story_reaches_a_webhook_and_a_mailbox_in_the_subscribers_language(
    wire: Wire,
    mailbox: tuple[Mailbox, int],
    dkim_keys: tuple[Path, bytes],  # noqa: F811
) -> None:
    async with Receiver().running() as receiver:
        spec = parse_spec(
            {
                "name": "Diario del Valle",
                "languages": ["es"],
                "destinations": [
                    {"channel": "webhook", "format": "ninjs2", "address": receiver.url("desk")},
                    {"channel": "email", "format": "email", "address": "mesa@diario.test"},
                ],
            }
        )
        with wire.database.write() as conn:
            subscriber, _ = subscriber_store.add_subscriber(conn, spec)
        secret = subscriber.destinations[0].secret
        assert secret is not None

        story_id = (
            StoryService(wire).submit(None, STORY, source="cooperative.txt", language="en").story_id
        )
        ran = await wire.worker().run_until_idle()
        assert ran >= 7  # classify, translate, check, two releases, fan-outs, deliveries
        await receiver.wait_for(1, "desk")

    [arrival] = receiver.at("desk")
    message = Webhook(secret).verify(arrival.body, arrival.headers)
    assert message["type"] == "story.released"
    document = message["data"]
    assert document["language"] == "es"
    assert "1.200" in str(document) or "1,200" in str(document)

    handler, _ = mailbox
    [(address, raw)] = handler.received
    assert address == "mesa@diario.test"
    public_key = dkim_keys[1]
    assert dkim.verify(raw, dnsfunc=lambda name, timeout=5: public_key)
    mail = email.message_from_bytes(raw, policy=default)
    assert mail["Content-Language"] == "es"

    report = (await asyncio.to_thread(DeliveryService(wire).report, None, story_id)).to_json()
    delivered = {(line["language"], line["channel"]): line["delivered"] for line in report["lines"]}
    assert delivered == {("es", "webhook"): 1, ("es", "email"): 1}, report


async def test_the_owner_of_an_endpoint_that_is_gone_is_told_by_email(
    wire: Wire, mailbox: tuple[Mailbox, int]
) -> None:
    async with Receiver().running() as receiver:
        receiver.answer("gone", Answer(410))
        spec = parse_spec(
            {
                "name": "Diario del Valle",
                "languages": ["es"],
                "destinations": [
                    {"channel": "webhook", "format": "ninjs2", "address": receiver.url("gone")},
                    {"channel": "email", "format": "email", "address": "mesa@diario.test"},
                ],
            }
        )
        with wire.database.write() as conn:
            subscriber, _ = subscriber_store.add_subscriber(conn, spec)
        StoryService(wire).submit(None, STORY, source="cooperative.txt", language="en")
        await wire.worker().run_until_idle()

    with wire.database.read() as conn:
        webhook = subscriber_store.get_destination(conn, subscriber.destinations[0].id)
    assert not webhook.enabled
    handler, _ = mailbox
    notices = [
        email.message_from_bytes(raw, policy=default)
        for _, raw in handler.received
        if b"endpoint was disabled" in raw
    ]
    [notice] = notices
    assert notice["To"] == "mesa@diario.test"
    text = notice.get_content()
    assert receiver.url("gone") in text and "410" in text
