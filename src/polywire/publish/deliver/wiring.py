"""The publishing stages with what they need, built once per process: a guarded HTTP client,
the push channels by name (webhook, e-mail), `FanoutStage` and `DeliverStage`.

Deliveries wait on the network, so they run on their own worker with many slots
(`publish.deliver_concurrency`): a slow endpoint holds one slot for at most its timeout.
"""

from __future__ import annotations

from collections.abc import Mapping

from polywire.bus.base import JobQueue
from polywire.bus.worker import Handler, Worker
from polywire.config import Settings
from polywire.net import GuardedClient
from polywire.publish.deliver.channels.base import Channel
from polywire.publish.deliver.channels.email import EmailChannel
from polywire.publish.deliver.channels.email_push import EmailPushChannel
from polywire.publish.deliver.channels.webhook import WebhookChannel
from polywire.publish.deliver.stages import DeliverStage, FanoutStage
from polywire.publish.deliver.unsubscribe import UnsubscribeLinks
from polywire.store.db import Database


class PublishStages:
    def __init__(
        self,
        settings: Settings,
        database: Database,
        *,
        channels: Mapping[str, Channel] | None = None,
    ) -> None:
        self.settings = settings
        self.client = GuardedClient(settings.publish.outbound)
        email = EmailChannel(
            settings.deliver,
            UnsubscribeLinks.from_settings(settings),
            database,
            brand=settings.brand.name,
        )
        known: dict[str, Channel] = {
            "webhook": WebhookChannel(self.client, settings.publish.webhook),
            "email": EmailPushChannel(email, database, settings.deliver.public_url),
        }
        known.update(channels or {})
        self.fanout = FanoutStage(database)
        self.deliver = DeliverStage(database, settings, known)

    @property
    def handlers(self) -> dict[str, Handler]:
        return {self.fanout.kind: self.fanout, self.deliver.kind: self.deliver}

    def delivery_worker(self, queue: JobQueue, *, name: str | None = None) -> Worker:
        """A worker for `fanout` and `deliver` jobs, with `publish.deliver_concurrency` slots,
        leasing and completing `publish.deliver_batch` jobs at a time. Fan-outs run here too (they
        are short) so that a release never waits for a slot behind translations."""
        return Worker(
            queue,
            {self.fanout.kind: self.fanout, self.deliver.kind: self.deliver},
            concurrency=self.settings.publish.deliver_concurrency,
            poll_seconds=self.settings.jobs.poll_seconds,
            lease_seconds=self.settings.jobs.lease_seconds,
            batch=self.settings.publish.deliver_batch,
            name=name,
        )

    async def aclose(self) -> None:
        await self.client.aclose()
