"""Telling a subscriber that one of its endpoints was disabled (a 410, or days of failures).

The deliver stage disables the endpoint and, in the same transaction, enqueues a `notice` job;
`DisabledNoticeStage` e-mails the subscriber's e-mail destinations that are still enabled. A
subscriber without one is told nothing more than the reason recorded on the destination (shown
by `polywire subscribers list` and the API), and the operator's log says so.
"""

from __future__ import annotations

import asyncio
import logging
from email.message import EmailMessage
from email.utils import formatdate, make_msgid

import aiosmtplib
from sqlalchemy import Connection

from polywire.bus.base import Commit, Lease
from polywire.bus.outbox import enqueue
from polywire.config import Settings
from polywire.domain import Destination, Subscriber
from polywire.publish.deliver.unsubscribe import sender_domain
from polywire.store import subscribers as subscriber_store
from polywire.store.db import Database

log = logging.getLogger("polywire.notices")


def enqueue_disabled_notice(conn: Connection, destination_id: str, reason: str) -> None:
    """Call in the transaction that disables the destination."""
    enqueue(
        conn,
        DisabledNoticeStage.kind,
        f"notice:disabled:{destination_id}",
        {"destination_id": destination_id, "reason": reason},
    )


class DisabledNoticeStage:
    kind = "notice"

    def __init__(self, database: Database, settings: Settings) -> None:
        self.database = database
        self.settings = settings

    async def __call__(self, lease: Lease) -> Commit:
        destination_id = str(lease.payload["destination_id"])
        reason = str(lease.payload["reason"])
        destination, subscriber = await asyncio.to_thread(self._read, destination_id)
        recipients = [
            d.address
            for d in subscriber.destinations
            if d.channel == "email" and d.enabled and d.id != destination_id
        ]
        if not recipients:
            log.warning(
                "destination %s of %s disabled (%s); the subscriber has no e-mail to tell",
                destination_id,
                subscriber.name,
                reason,
            )
        else:
            await self._send(
                recipients, subscriber.name, destination.channel, destination.address, reason
            )
            log.info("told %s that destination %s was disabled", subscriber.name, destination_id)
        return _nothing

    def _read(self, destination_id: str) -> tuple[Destination, Subscriber]:
        """In a worker thread: the loop also serves the API and the live streams."""
        with self.database.read() as conn:
            destination = subscriber_store.get_destination(conn, destination_id)
            return destination, subscriber_store.get_subscriber(conn, destination.subscriber_id)

    async def _send(
        self, recipients: list[str], name: str, channel: str, address: str, reason: str
    ) -> None:
        deliver = self.settings.deliver
        brand = self.settings.brand.name
        message = EmailMessage()
        message["From"] = deliver.smtp_from
        message["To"] = ", ".join(recipients)
        message["Subject"] = f"{brand}: your {channel} endpoint was disabled"
        message["Date"] = formatdate(usegmt=True)
        message["Message-ID"] = make_msgid(domain=sender_domain(deliver.smtp_from))
        message.set_content(
            f"Hello {name},\n\n"
            f"{brand} stopped delivering to your {channel} endpoint\n\n    {address}\n\n"
            f"because: {reason}.\n\n"
            "Nothing is sent to it until it is enabled again; stories released meanwhile can be "
            "sent again from the time it stopped (replay). Reply to this message or ask the "
            f"operator of {brand} to enable it once the endpoint works.\n"
        )
        await aiosmtplib.send(
            message,
            hostname=deliver.smtp_host,
            port=deliver.smtp_port,
            start_tls=deliver.smtp_starttls,
            username=deliver.smtp_username,
            password=deliver.smtp_password,
        )


def _nothing(conn: Connection) -> None:
    del conn
