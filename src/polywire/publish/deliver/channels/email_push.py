"""E-mail as a push channel of the deliver stage: one delivery, one recipient, one SMTP attempt.

The deliver stage owns retries, records and disabling for every channel; this adapter hands one
delivery to `EmailChannel` (DKIM, List-Unsubscribe, pacing) and says how it went. A permanent
refusal (5xx) is not retried; an address that unsubscribed ends the delivery without a send.
"""

from __future__ import annotations

import asyncio
import time

from polywire.compose import Composed
from polywire.domain import Rendition, Version
from polywire.publish.deliver.channels.base import Channel, Outcome, Outgoing
from polywire.publish.deliver.channels.email import EmailChannel
from polywire.publish.deliver.channels.email import Outgoing as Message
from polywire.publish.feeds.source import story_link
from polywire.store import stories as store
from polywire.store.db import Database


class EmailPushChannel(Channel):
    name = "email"

    def __init__(self, email: EmailChannel, database: Database, public_url: str) -> None:
        self.email = email
        self.database = database
        self.public_url = public_url

    async def send(self, outgoing: Outgoing) -> Outcome:
        composed = outgoing.composed
        version, rendition = await asyncio.to_thread(self._read, composed)
        message = Message(
            address=outgoing.destination.address,
            list_id=outgoing.destination.id,
            version=version,
            rendition=rendition,
            link=story_link(self.public_url, composed.story_id, composed.language),
            composed=composed,
        )
        started = time.perf_counter()
        [result] = await self.email.send([message])
        latency = (time.perf_counter() - started) * 1000
        if result.status == "sent":
            return Outcome(delivered=True, latency_ms=latency, response_code=result.code)
        if result.status == "unsubscribed":
            return Outcome(
                delivered=False,
                latency_ms=latency,
                error="the recipient unsubscribed from this list",
                retry=False,
            )
        return Outcome(
            delivered=False,
            latency_ms=latency,
            response_code=result.code,
            error=result.error or result.status,
            retry=result.status != "refused",
        )

    def _read(self, composed: Composed) -> tuple[Version, Rendition]:
        """In a worker thread: the loop also serves the API and the live streams."""
        with self.database.read() as conn:
            version = store.get_version(conn, composed.story_id, composed.version)
            rendition = store.get_rendition(
                conn, composed.story_id, composed.version, composed.language
            )
        return version, rendition
