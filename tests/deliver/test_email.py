"""E-mail through a real SMTP server (aiosmtpd on 127.0.0.1): DKIM signatures that dkimpy
verifies and that cover List-Unsubscribe, per-recipient one-click unsubscribe links that work,
right-to-left HTML for Arabic, refused recipients, batches per connection and pacing."""

from __future__ import annotations

import base64
import dataclasses
import email
import re
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, field
from email.message import Message
from email.policy import default
from pathlib import Path
from typing import Any

import dkim
import httpx
import pytest
from aiosmtpd.controller import Controller
from helpers import free_port

from deliver.conftest import release
from polywire.publish.deliver.channels import email as email_channel
from polywire.publish.deliver.channels.email import EmailChannel, Outgoing, Pacer
from polywire.publish.deliver.unsubscribe import UnsubscribeLinks
from polywire.store import stories as store
from polywire.wire import Wire


@dataclass
class Mailbox:
    """An SMTP server's handler: keeps every message as received; refuses nobody@."""

    received: list[tuple[str, bytes]] = field(default_factory=list)
    connections: set[Any] = field(default_factory=set)

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, options: Any
    ) -> str:
        if address.startswith("nobody@"):
            return "550 5.1.1 no such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.connections.add(session.peer)
        self.received.append((envelope.rcpt_tos[0], envelope.original_content))
        return "250 OK"


@pytest.fixture
def mailbox() -> Iterator[tuple[Mailbox, int]]:
    handler = Mailbox()
    port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    yield handler, port
    controller.stop()


@pytest.fixture(scope="module")
def dkim_keys(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, bytes]:
    """An RSA key pair: the private key's path and the DNS TXT record of the public key."""
    folder = tmp_path_factory.mktemp("dkim")
    key = folder / "dkim.pem"
    subprocess.run(
        ["openssl", "genrsa", "-traditional", "-out", str(key), "2048"],
        check=True,
        capture_output=True,
    )
    public = subprocess.run(
        ["openssl", "rsa", "-in", str(key), "-pubout", "-outform", "DER"],
        check=True,
        capture_output=True,
    ).stdout
    return key, b"v=DKIM1; k=rsa; p=" + base64.b64encode(public)


@pytest.fixture
def channel(
    wire: Wire, mailbox: tuple[Mailbox, int], dkim_keys: tuple[Path, bytes]
) -> EmailChannel:
    wire.settings.deliver = wire.settings.deliver.model_copy(
        update={
            "smtp_port": mailbox[1],
            "smtp_from": "Polywire News <news@wire.test>",
            "dkim_selector": "pw2026",
            "dkim_key_path": dkim_keys[0],
            "public_url": "https://wire.test",
            "send_rate": 1000.0,
            "send_batch": 2,
        }
    )
    return EmailChannel.from_settings(wire.settings, wire.database)


def outgoing(wire: Wire, story_id: str, address: str, list_id: str = "dest-1") -> Outgoing:
    with wire.database.read() as conn:
        version = store.get_version(conn, story_id)
        rendition = store.get_rendition(conn, story_id, version.version, version.language)
    link = f"https://wire.test/v1/stories/{story_id}/ninjs?lang={rendition.language}"
    return Outgoing(address, list_id, version, rendition, link)


def parsed(raw: bytes) -> Message:
    return email.message_from_bytes(raw, policy=default)


def unsubscribe_url(message: Message) -> str:
    found = re.search(r"<(https://[^>]+)>", str(message["List-Unsubscribe"]))
    assert found is not None
    return found.group(1)


async def test_signed_messages_with_their_own_unsubscribe_links(
    wire: Wire, channel: EmailChannel, mailbox: tuple[Mailbox, int], dkim_keys: tuple[Path, bytes]
) -> None:
    clinic = await release(wire, "clinic", ["Health"])
    solar = await release(wire, "solar", ["Energy"])
    results = await channel.send(
        [
            outgoing(wire, clinic, "layla@desk.test"),
            outgoing(wire, solar, "nobody@desk.test"),
            outgoing(wire, solar, "sam@desk.test"),
        ]
    )
    assert [(r.address, r.status, r.code) for r in results] == [
        ("layla@desk.test", "sent", 250),
        ("nobody@desk.test", "refused", 550),
        ("sam@desk.test", "sent", 250),
    ]
    received = dict(mailbox[0].received)
    assert set(received) == {"layla@desk.test", "sam@desk.test"}

    def dns(name: bytes, timeout: int = 5) -> bytes:
        assert name == b"pw2026._domainkey.wire.test."
        return dkim_keys[1]

    for raw in received.values():
        assert dkim.verify(raw, dnsfunc=dns)
        message = parsed(raw)
        signed = re.search(r"h=([^;]+)", str(message["DKIM-Signature"]).replace(" ", ""))
        assert signed is not None
        covered = signed.group(1).lower().split(":")
        assert {"list-unsubscribe", "list-unsubscribe-post", "from", "subject"} <= set(covered)
        assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert "<mailto:unsubscribe@wire.test?subject=unsubscribe%20" in message["List-Unsubscribe"]

    arabic = parsed(received["layla@desk.test"])
    assert arabic["Subject"] == "عيادة جديدة تفتح أبوابها في عمّان"
    assert arabic["Content-Language"] == "ar"
    html_part = arabic.get_body(("html",))
    text_part = arabic.get_body(("plain",))
    assert html_part is not None and text_part is not None
    assert '<html lang="ar" dir="rtl">' in html_part.get_content()
    assert "عيادة جديدة" in text_part.get_content()
    english = parsed(received["sam@desk.test"]).get_body(("html",))
    assert english is not None and '<html lang="en" dir="ltr">' in english.get_content()
    assert unsubscribe_url(arabic) != unsubscribe_url(parsed(received["sam@desk.test"]))
    assert mailbox[0].connections and len(mailbox[0].connections) == 2  # batches of two


async def test_one_click_unsubscribe_stops_the_next_message(
    wire: Wire, channel: EmailChannel, mailbox: tuple[Mailbox, int], client: httpx.AsyncClient
) -> None:
    solar = await release(wire, "solar", ["Energy"])
    await channel.send([outgoing(wire, solar, "Sam@Desk.test")])
    url = unsubscribe_url(parsed(mailbox[0].received[0][1]))
    path = url.removeprefix("https://wire.test")

    page = await client.get(path)
    assert page.status_code == 200
    assert 'method="post"' in page.text and "sam@desk.test" in page.text
    again = await channel.send([outgoing(wire, solar, "sam@desk.test")])
    assert again[0].status == "sent"  # looking at the page changed nothing

    clicked = await client.post(
        path,
        content=b"List-Unsubscribe=One-Click",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert clicked.status_code == 200
    after = await channel.send(
        [outgoing(wire, solar, "sam@desk.test"), outgoing(wire, solar, "sam@desk.test", "dest-2")]
    )
    assert [r.status for r in after] == ["unsubscribed", "sent"]  # only that list
    assert len(mailbox[0].received) == 3

    forged = await client.post(path[:-3] + "abc", content=b"List-Unsubscribe=One-Click")
    assert forged.status_code == 400
    assert "not a valid link" in forged.text


async def test_an_unreachable_server_fails_every_recipient(wire: Wire) -> None:
    settings = wire.settings.deliver.model_copy(update={"smtp_port": free_port()})
    channel = EmailChannel(
        settings, UnsubscribeLinks.from_settings(wire.settings), wire.database, brand="Polywire"
    )
    solar = await release(wire, "solar", ["Energy"])
    results = await channel.send([outgoing(wire, solar, "a@desk.test")])
    assert results[0].status == "failed"
    assert results[0].error is not None and results[0].error.startswith("connect:")


async def test_pacer_spaces_sends_by_the_rate(monkeypatch: pytest.MonkeyPatch) -> None:
    slept: list[float] = []

    async def fake_sleep(seconds: float) -> None:
        slept.append(seconds)

    monkeypatch.setattr(email_channel.time, "monotonic", lambda: 100.0)
    monkeypatch.setattr(email_channel.asyncio, "sleep", fake_sleep)
    pacer = Pacer(rate=4.0)
    for _ in range(4):
        await pacer.wait()
    assert slept == pytest.approx([0.25, 0.5, 0.75])


def test_corrections_and_withdrawals_say_so_in_both_parts() -> None:
    from datetime import UTC, datetime

    from polywire.domain import Pubstatus, Rendition, RenditionState, Version
    from polywire.publish.formats.email import render_email

    version = Version(
        story_id="s1",
        version=2,
        versioncreated=datetime(2026, 11, 25, tzinfo=UTC),
        language="he",
        headline="כותרת",
        body=["פסקה <ראשונה>"],
        correction_reason="fixed the date",
    )
    rendition = Rendition("s1", 2, "he", RenditionState.RELEASED, "כותרת", ["פסקה <ראשונה>"])
    content = render_email(
        version, rendition, brand="Polywire", link="https://w.test/s1", unsubscribe_url="https://u"
    )
    assert content.direction == "rtl"
    assert "Correction: fixed the date" in content.text
    assert "<strong>Correction: fixed the date</strong>" in content.html
    assert "פסקה &lt;ראשונה&gt;" in content.html and "פסקה <ראשונה>" in content.text
    version.pubstatus = Pubstatus.CANCELED
    withdrawn = render_email(
        version, rendition, brand="Polywire", link="https://w.test/s1", unsubscribe_url="https://u"
    )
    assert withdrawn.subject == "WITHDRAWN: כותרת"
    assert "<strong>WITHDRAWN: the publisher has withdrawn this story." in withdrawn.html


async def test_a_composed_release_is_what_the_reader_gets(
    wire: Wire, channel: EmailChannel, mailbox: tuple[Mailbox, int]
) -> None:
    from polywire.compose import compose

    clinic = await release(wire, "clinic", ["Health"])
    message = outgoing(wire, clinic, "layla@desk.test")
    composed = compose(message.version, message.rendition, wire.settings)
    [result] = await channel.send([dataclasses.replace(message, composed=composed)])
    assert result.status == "sent"
    received = parsed(mailbox[0].received[0][1])
    text_part = received.get_body(("plain",))
    html_part = received.get_body(("html",))
    assert text_part is not None and html_part is not None
    text = text_part.get_content()
    assert composed.paragraphs[0] in text  # the dateline opens the first paragraph
    for notice in composed.notices:
        assert notice in text
    assert composed.sector_line is not None and composed.sector_line in text
    assert '<html lang="ar" dir="rtl">' in html_part.get_content()


async def test_list_unsubscribe_arrives_literally_for_one_click(
    wire: Wire, channel: EmailChannel, mailbox: tuple[Mailbox, int], dkim_keys: tuple[Path, bytes]
) -> None:
    """RFC 8058: the header's bytes hold the two links as they are (no RFC 2047 encoded-words
    that a mail client cannot read as links), beside List-Unsubscribe-Post, under DKIM."""
    solar = await release(wire, "solar", ["Energy"])
    [result] = await channel.send([outgoing(wire, solar, "sam@desk.test")])
    assert result.status == "sent"
    raw = mailbox[0].received[0][1]
    headers = raw.split(b"\r\n\r\n", 1)[0]
    line = re.search(rb"^List-Unsubscribe: ([^\r\n]*)\r\n", headers + b"\r\n", re.MULTILINE)
    assert line is not None
    value = line.group(1).decode("ascii")
    assert re.fullmatch(
        r"<https://wire\.test/unsubscribe/[\w.-]+>, "
        r"<mailto:unsubscribe@wire\.test\?subject=unsubscribe%20[\w.-]+>",
        value,
    ), value
    assert b"=?" not in headers
    assert b"\r\nList-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n" in headers
    assert dkim.verify(raw, dnsfunc=lambda name, timeout=5: dkim_keys[1])
    signed = re.search(rb"h=([^;]+)", raw.replace(b"\r\n", b"").replace(b" ", b""))
    assert signed is not None
    assert {b"list-unsubscribe", b"list-unsubscribe-post"} <= set(signed.group(1).split(b":"))
