"""Jobs: the queue an operator looks after, the same through `polywire jobs` (on the store, or
`--api`), `/v1/jobs` and the desk's health page: list it (by state or kind, the stuck ones),
show a job, retry a dead one, requeue one that waits or is stuck, discard a dead one. What each
does to a job is `polywire.store.job_tools`'.

The rule of who may: editors and admins see the queue, and only an admin retries, requeues or
discards (a token of theirs needs the `write` scope); a publisher's user is refused both. One
bound to a publisher sees and acts on the jobs of its publisher's stories only: another's job is
as unknown to it as a job that does not exist (`NotFound`). The operator (None: the command
line on the store, a background job, the API open on loopback) does everything.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Connection

from polywire.domain import Forbidden, Role
from polywire.services.acting import Actor, may_write, publisher_of
from polywire.services.parts import Stored
from polywire.store import job_tools
from polywire.store.job_tools import Job as Job  # what the service answers

SEES = "the job queue is for editors and admins"
ACTS = "only an admin retries, requeues or discards jobs"


class JobService:
    def __init__(self, wire: Stored) -> None:
        self.wire = wire

    def visible(
        self,
        actor: Actor,
        *,
        state: str | None = None,
        kind: str | None = None,
        stuck: bool = False,
        limit: int = 50,
    ) -> list[Job]:
        """The newest jobs first (the dead: the most recently dead first), only those in
        `state` or of `kind` when given; with `stuck`, only leased jobs whose lease ran out."""
        publisher = _may_see(actor)
        with self.wire.database.read() as conn:
            return job_tools.list_jobs(
                conn, state=state, kind=kind, stuck=stuck, publisher=publisher, limit=limit
            )

    def get(self, actor: Actor, job_id: int) -> Job:
        with self.wire.database.read() as conn:
            return job_tools.get_job(conn, job_id, publisher=_may_see(actor))

    def retry(self, actor: Actor, job_id: int) -> Job:
        """A dead job gets another round of attempts (`jobs.max_attempts`), due now."""
        more = self.wire.settings.jobs.max_attempts
        return self._act(
            actor, lambda conn, publisher: job_tools.retry(conn, job_id, more, publisher=publisher)
        )

    def requeue(self, actor: Actor, job_id: int) -> Job:
        """A job waiting for its next attempt, on the job bus, or stuck, is due now."""
        return self._act(
            actor, lambda conn, publisher: job_tools.requeue(conn, job_id, publisher=publisher)
        )

    def discard(self, actor: Actor, job_id: int) -> Job:
        """A dead job is kept as discarded: no queue runs it again."""
        return self._act(
            actor, lambda conn, publisher: job_tools.discard(conn, job_id, publisher=publisher)
        )

    def _act(self, actor: Actor, change: Callable[[Connection, str | None], Job]) -> Job:
        publisher = _may_act(actor)
        with self.wire.database.write() as conn:
            return change(conn, publisher)


def _may_see(actor: Actor) -> str | None:
    """Whose jobs the actor sees (None: every one's); Forbidden for a publisher's user."""
    if actor is not None and actor.user.role == Role.PUBLISHER:
        raise Forbidden(SEES)
    return publisher_of(actor)


def _may_act(actor: Actor) -> str | None:
    """Whose jobs the actor changes (None: every one's); Forbidden for any but an admin."""
    if actor is not None and not actor.user.is_admin:
        raise Forbidden(ACTS)
    may_write(actor)
    return publisher_of(actor)
