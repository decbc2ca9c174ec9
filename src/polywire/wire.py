"""The wire as one object: what the command line and the HTTP API ask of it.

`Wire` is the composition root: it opens the store, brings its schema up to date, and puts
together the event log, the job queue and the pipeline's stages. It holds no business rule and
no SQL of its own: the use cases are the services' (`polywire.services`), which a door gives
this wire to (`StoryService(wire)`).
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.exc import SQLAlchemyError

from polywire.bus.base import EventLog, JobQueue
from polywire.bus.event_log import SqlEventLog
from polywire.bus.event_stream import EventPublisher, JetStreamEventLog
from polywire.bus.nats_queue import NatsJobQueue
from polywire.bus.sql_queue import SqlJobQueue
from polywire.bus.worker import Worker
from polywire.config import Settings
from polywire.pipeline import Pipeline
from polywire.store import report_queries as counts
from polywire.store.db import Database, wait_until_reachable
from polywire.store.migrate import upgrade_once

log = logging.getLogger("polywire.wire")

#: How long a readiness check waits for the database.
READY_WAIT_SECONDS = 5.0


@dataclass
class Report:
    """What the wire holds: for `polywire demo --once` and health pages."""

    stories: int
    versions: int
    languages: list[str]
    renditions: dict[str, int]
    events: int
    deliveries: int
    jobs: dict[str, int] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "stories": self.stories,
            "versions": self.versions,
            "languages": self.languages,
            "renditions": self.renditions,
            "events": self.events,
            "deliveries": self.deliveries,
            "jobs": self.jobs,
        }


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

    def report(self, publisher: str | None = None) -> Report:
        """What the wire holds; only `publisher`'s stories and the work on them when given."""
        with self.database.read() as conn:
            return Report(
                stories=counts.count_stories(conn, publisher),
                versions=counts.count_versions(conn, publisher),
                languages=counts.released_languages(conn, publisher),
                renditions=counts.count_renditions_by_state(conn, publisher),
                events=(
                    self.events.last_seq()
                    if publisher is None
                    else counts.count_events(conn, publisher)
                ),
                deliveries=counts.count_delivered(conn, publisher),
                jobs=counts.count_jobs_by_state(conn, publisher),
            )
