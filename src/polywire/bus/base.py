"""The durable-job and event-log interfaces every back-end implements.

Jobs are written through the outbox (`polywire.bus.outbox.enqueue`) in the same transaction as
the state they follow from. A back-end hands them to workers: `SqlJobQueue` leases them straight
from the outbox table; a distributed back-end relays them to its own transport. Completing a job
commits its effects and the jobs it causes in one transaction, fenced by the lease, so a job whose
lease was lost (its worker stalled or died) can never commit twice.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection

from polywire.domain import Event

#: Writes a job's effects (and enqueues the jobs that follow) inside the completing transaction.
Commit = Callable[[Connection], None]


@dataclass(frozen=True)
class Lease:
    """A job handed to one worker until `until` (a UNIX time); `token` fences its completion."""

    job_id: int
    kind: str
    key: str
    payload: dict[str, Any]
    attempt: int
    token: str
    until: float


class QueueUnavailable(ConnectionError):
    """The queue's transport cannot be reached now; the worker tries again after its poll."""


class JobQueue(ABC):
    """Hands durable jobs to workers, one worker per job at a time."""

    async def problem(self) -> str | None:
        """What keeps the queue's transport from working, for a readiness check; None when it
        works (the outbox table's health is the database's)."""
        return None

    @abstractmethod
    async def lease(self, worker: str, kinds: Collection[str]) -> Lease | None:
        """The next job due of one of `kinds`, leased to `worker`; None when none is due."""

    async def lease_batch(self, worker: str, kinds: Collection[str], limit: int) -> list[Lease]:
        """Up to `limit` jobs due of one of `kinds`, leased to `worker` together."""
        lease = await self.lease(worker, kinds)
        return [] if lease is None else [lease]

    @abstractmethod
    async def extend(self, lease: Lease) -> Lease | None:
        """Renew a lease still held; None when it was lost."""

    @abstractmethod
    async def complete(self, lease: Lease, commit: Commit) -> bool:
        """Commit the job's effects and mark it done.

        Returns False, having written nothing, when the lease was lost."""

    async def complete_batch(self, done: Sequence[tuple[Lease, Commit]]) -> list[bool]:
        """Complete several jobs, all or none: one result per job as `complete` gives it.

        Raises when any commit fails; the caller may then complete them one by one."""
        return [await self.complete(lease, commit) for lease, commit in done]

    @abstractmethod
    async def fail(self, lease: Lease, error: str, *, retry_in: float | None = None) -> bool:
        """Record a failed attempt: retry later with backoff, or park the job as dead.

        Returns True when the job will be retried."""

    async def close(self) -> None:  # noqa: B027 - most back-ends hold no connection
        """Let go of connections; the queue reconnects when used again."""


class EventLog(ABC):
    """The append-only log of what was released; `seq` increases strictly with every append."""

    @abstractmethod
    def append(
        self,
        conn: Connection,
        type: str,
        story_id: str,
        version: int,
        language: str | None,
        payload: dict[str, Any],
    ) -> int:
        """Append an event inside the caller's transaction; returns its sequence number."""

    @abstractmethod
    def read(self, after: int = 0, limit: int = 1000) -> list[Event]:
        """Events with `seq > after`, oldest first."""

    @abstractmethod
    def last_seq(self) -> int:
        """The sequence number of the newest event, 0 when the log is empty."""

    def close(self) -> None:  # noqa: B027 - most logs hold nothing beyond the database
        """Let go of what the log holds besides the database (a bus connection)."""
