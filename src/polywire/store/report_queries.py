"""Counts of what the wire holds, for its report (`GET /v1/report`, `/desk/health`, the demo):
wire-wide, or one publisher's only.

With `publisher` given every count is limited to that publisher's stories: their versions,
renditions and events, the deliveries of them, and the jobs working on them (a job belongs to a
story through its payload's `story_id`; jobs about no story, such as WebSub verifications and
notices, are the operator's and counted only wire-wide). The jobs clause is shared with the dead
job list (`polywire.store.job_admin`), so both scope the same way.
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, Connection, Select, func, select

from polywire.domain import RenditionState
from polywire.store.publish_tables import deliveries
from polywire.store.tables import events, jobs, renditions, stories, versions


def stories_of(publisher: str) -> Select[tuple[str]]:
    """The ids of a publisher's stories, as a subquery for `IN`."""
    return select(stories.c.id).where(stories.c.publisher == publisher)


def jobs_of(publisher: str) -> ColumnElement[bool]:
    """Jobs working on one of the publisher's stories."""
    story_id: ColumnElement[str] = jobs.c.payload["story_id"].as_string()
    return story_id.in_(stories_of(publisher))


def count_stories(conn: Connection, publisher: str | None = None) -> int:
    query = select(func.count()).select_from(stories)
    if publisher is not None:
        query = query.where(stories.c.publisher == publisher)
    return int(conn.execute(query).scalar_one())


def count_versions(conn: Connection, publisher: str | None = None) -> int:
    query = select(func.count()).select_from(versions)
    if publisher is not None:
        query = query.where(versions.c.story_id.in_(stories_of(publisher)))
    return int(conn.execute(query).scalar_one())


def count_renditions_by_state(conn: Connection, publisher: str | None = None) -> dict[str, int]:
    query = select(renditions.c.state, func.count()).group_by(renditions.c.state)
    if publisher is not None:
        query = query.where(renditions.c.story_id.in_(stories_of(publisher)))
    return {state: int(count) for state, count in conn.execute(query).all()}


def released_languages(conn: Connection, publisher: str | None = None) -> list[str]:
    query = (
        select(renditions.c.language)
        .where(renditions.c.state == RenditionState.RELEASED.value)
        .distinct()
        .order_by(renditions.c.language)
    )
    if publisher is not None:
        query = query.where(renditions.c.story_id.in_(stories_of(publisher)))
    return [row.language for row in conn.execute(query)]


def count_events(conn: Connection, publisher: str) -> int:
    """The events of a publisher's stories (wire-wide, the report gives the log's position)."""
    query = select(func.count()).where(events.c.story_id.in_(stories_of(publisher)))
    return int(conn.execute(query).scalar_one())


def count_delivered(conn: Connection, publisher: str | None = None) -> int:
    query = select(func.count()).where(deliveries.c.status == "delivered")
    if publisher is not None:
        query = query.where(deliveries.c.story_id.in_(stories_of(publisher)))
    return int(conn.execute(query).scalar_one())


def count_jobs_by_state(conn: Connection, publisher: str | None = None) -> dict[str, int]:
    query = select(jobs.c.state, func.count()).group_by(jobs.c.state)
    if publisher is not None:
        query = query.where(jobs_of(publisher))
    return {state: int(count) for state, count in conn.execute(query).all()}
