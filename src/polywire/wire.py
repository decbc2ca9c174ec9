"""The wire as one object: what the command line and the HTTP API ask of it.

`Wire` is the composition root: it opens the store, brings its schema up to date, and puts
together the event log, the job queue and the pipeline's stages. It holds no business rule and
no SQL of its own: the use cases are the services' (`polywire.services`), which a door gives
this wire to (`StoryService(wire)`).
"""

from __future__ import annotations

import asyncio

from sqlalchemy.exc import SQLAlchemyError

from polywire.bus.base import EventLog, JobQueue
from polywire.bus.event_log import SqlEventLog
from polywire.bus.event_stream import EventPublisher, JetStreamEventLog
from polywire.bus.nats_queue import NatsJobQueue
from polywire.bus.sql_queue import SqlJobQueue
from polywire.bus.worker import Worker
from polywire.config import Settings
from polywire.pipeline import Pipeline
from polywire.services.intake import Intake
from polywire.store.db import Database, wait_until_reachable
from polywire.store.migrate import upgrade_once

#: How long a readiness check waits for the database.
READY_WAIT_SECONDS = 5.0


class Wire:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.database = Database(settings.resolved_database_url)
        wait_until_reachable(self.database, settings.database_wait_seconds)
        upgrade_once(self.database)
        self.events: EventLog = (
            JetStreamEventLog(
                self.database,
                EventPublisher(
                    settings.nats_url, settings.nats_prefix, settings.jobs.nats_reconnect_seconds
                ),
            )
            if settings.bus == "nats"
            else SqlEventLog(self.database)
        )
        self.queue: JobQueue = (
            NatsJobQueue(self.database, settings.jobs, settings.nats_url, settings.nats_prefix)
            if settings.bus == "nats"
            else SqlJobQueue(self.database, settings.jobs)
        )
        self.pipeline = Pipeline(settings, self.database, self.events)
        #: extracts and stores submissions: in this process, or in processes of its own (each
        #: on a `Wire` of its own) while it serves
        self.intake = Intake(self)

    def close(self) -> None:
        self.events.close()
        self.database.dispose()

    async def problems(self) -> list[str]:
        """What keeps this process from doing its work, for `/readyz`: the database does not
        answer, or the job bus is not connected. Empty when it is ready."""
        found: list[str] = []
        try:
            await asyncio.wait_for(asyncio.to_thread(self.database.ping), READY_WAIT_SECONDS)
        except (SQLAlchemyError, TimeoutError) as error:
            found.append(
                f"the database at {self.database.where} does not answer ({type(error).__name__})"
            )
        bus = await self.queue.problem()
        if bus is not None:
            found.append(bus)
        return found

    def worker(self, *, name: str | None = None) -> Worker:
        return Worker(
            self.queue,
            self.pipeline.handlers,
            concurrency=self.settings.jobs.workers,
            poll_seconds=self.settings.jobs.poll_seconds,
            lease_seconds=self.settings.jobs.lease_seconds,
            name=name,
        )
