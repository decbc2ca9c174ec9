"""Queries for stories, their versions and their renditions."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import (
    BindParameter,
    ColumnElement,
    Connection,
    String,
    and_,
    bindparam,
    case,
    exists,
    func,
    select,
    tuple_,
    update,
)

from polywire.domain import (
    About,
    Contact,
    NotFound,
    Picture,
    Place,
    Pubstatus,
    Rendition,
    RenditionState,
    Story,
    StoryState,
    Subject,
    Version,
)
from polywire.store.tables import renditions, stories, submissions, versions
from polywire.store.types import utcnow


@dataclass
class ListedStory:
    """A story as the lists show it: its latest version's headline, and the state of each of
    that version's languages."""

    headline: str
    languages: dict[str, RenditionState]


def insert_story(conn: Connection, story: Story) -> None:
    conn.execute(
        stories.insert().values(
            id=story.id,
            uri=story.uri,
            publisher=story.publisher,
            source_language=story.source_language,
            state=story.state.value,
            latest_version=story.latest_version,
            created=story.created,
            updated=story.created,
        )
    )


def set_story_state(
    conn: Connection, story_id: str, state: StoryState, *, latest_version: int | None = None
) -> None:
    values: dict[str, Any] = {"state": state.value, "updated": utcnow()}
    if latest_version is not None:
        values["latest_version"] = latest_version
    conn.execute(update(stories).where(stories.c.id == story_id).values(**values))


def get_story(conn: Connection, story_id: str, *, for_update: bool = False) -> Story:
    """The story; `for_update` locks its row until the transaction ends (PostgreSQL; SQLite
    writes one transaction at a time anyway), so a new version and a release do not cross."""
    query = select(stories).where(stories.c.id == story_id)
    row = conn.execute(query.with_for_update() if for_update else query).first()
    if row is None:
        raise NotFound(f"story {story_id!r}: no such story")
    return _story(row)


def shown_state() -> ColumnElement[str]:
    """A story's state as lists show it: the worst of its latest version's languages. A story
    with a language held for review needs review, whatever else of it was released; a withdrawn
    story stays withdrawn."""
    return case((_waiting(), StoryState.NEEDS_REVIEW.value), else_=stories.c.state)


def _waiting() -> ColumnElement[bool]:
    """A story not withdrawn with a language of its latest version held for review. The states
    are written into the SQL, not bound: a plan PostgreSQL keeps for a prepared statement would
    otherwise guess that any story may be withdrawn and probe the renditions story by story."""
    held = exists().where(
        renditions.c.story_id == stories.c.id,
        renditions.c.version == stories.c.latest_version,
        renditions.c.state == _written(RenditionState.NEEDS_REVIEW.value),
    )
    return and_(stories.c.state != _written(StoryState.WITHDRAWN.value), held)


def _written(value: str) -> BindParameter[str]:
    return bindparam(None, value, type_=String(), literal_execute=True)


def queue_order() -> list[ColumnElement[Any]]:
    """The review queue's order, on stories joined with their latest version: the most urgent
    first (ninjs urgency 1; none counts as the least urgent), then the one due first — by its
    embargo when it has one, else by when it arrived, the oldest first."""
    urgency = case((versions.c.urgency.is_(None), 10), else_=versions.c.urgency)
    due = func.coalesce(versions.c.embargoed, versions.c.versioncreated)
    return [urgency, due, stories.c.id]


def latest_version_joined() -> Any:
    """Stories joined with their latest version."""
    return stories.join(
        versions,
        and_(versions.c.story_id == stories.c.id, versions.c.version == stories.c.latest_version),
    )


def list_stories(
    conn: Connection,
    *,
    publisher: str | None = None,
    state: StoryState | None = None,
    limit: int = 50,
    offset: int = 0,
) -> list[Story]:
    """Stories, most recently updated first, each in its shown state (`shown_state`); the
    review queue (`needs_review`) in `queue_order`."""
    shown = shown_state()
    columns = [c for c in stories.c if c.name != "state"]
    query = select(*columns, shown.label("state")).select_from(latest_version_joined())
    if state == StoryState.NEEDS_REVIEW:
        query = query.order_by(*queue_order())
    else:
        query = query.order_by(stories.c.updated.desc(), stories.c.id)
    if publisher is not None:
        query = query.where(stories.c.publisher == publisher)
    if state is not None:
        query = query.where(shown == state.value)
    return [_story(row) for row in conn.execute(query.limit(limit).offset(offset))]


def count_needing_review(conn: Connection, publisher: str | None = None) -> int:
    """Stories a language of whose latest version waits for an editor: the desk's queue, whose
    length every desk page shows. The condition stands alone in the WHERE (not as `shown_state()
    == needs_review`, a CASE evaluated story by story), so PostgreSQL reads it as a semi-join:
    20,000 stories, median 32 ms instead of 84 for the whole wire, 20 instead of 31 for one
    publisher, on a machine loaded 18 on 2 cores (`bench/nav_queue_benchmark.py`). It still reads
    every story: an index on the renditions' state would make it constant."""
    query = select(func.count()).select_from(stories).where(_waiting())
    if publisher is not None:
        query = query.where(stories.c.publisher == publisher)
    return int(conn.execute(query).scalar_one())


def insert_version(conn: Connection, version: Version) -> None:
    values = asdict(version)
    values["pubstatus"] = version.pubstatus.value
    values["subjects"] = [asdict(s) for s in version.subjects]
    values["places"] = [asdict(p) for p in version.places]
    values["about"] = [a.to_json() for a in version.about]
    values["contacts"] = [c.to_json() for c in version.contacts]
    values["pictures"] = [p.to_json() for p in version.pictures]
    conn.execute(versions.insert().values(**values))


def get_version(conn: Connection, story_id: str, version: int | None = None) -> Version:
    query = select(versions).where(versions.c.story_id == story_id)
    if version is None:
        query = query.order_by(versions.c.version.desc()).limit(1)
    else:
        query = query.where(versions.c.version == version)
    row = conn.execute(query).first()
    if row is None:
        wanted = "any version" if version is None else f"version {version}"
        raise NotFound(f"story {story_id!r}: no {wanted}")
    return _version(row)


def list_versions(conn: Connection, story_id: str) -> list[Version]:
    rows = conn.execute(
        select(versions).where(versions.c.story_id == story_id).order_by(versions.c.version)
    )
    return [_version(row) for row in rows]


def find_version_by_hash(conn: Connection, publisher: str, content_hash: str) -> Version | None:
    row = conn.execute(
        select(versions)
        .join(stories, stories.c.id == versions.c.story_id)
        .where(stories.c.publisher == publisher, versions.c.content_hash == content_hash)
        .order_by(versions.c.version)
        .limit(1)
    ).first()
    return _version(row) if row is not None else None


def insert_submission(
    conn: Connection, story_id: str, version: int, source_name: str, raw: bytes
) -> None:
    conn.execute(
        submissions.insert().values(
            story_id=story_id,
            version=version,
            source_name=source_name[:500],
            received=utcnow(),
            raw=raw,
        )
    )


def save_rendition(conn: Connection, rendition: Rendition) -> None:
    """Insert or replace one language of one version (stages re-run harmlessly). A rendition
    carried unchanged into a later version keeps the time it last changed (lists of released
    stories order by it)."""
    carried = rendition.carried_from is not None and rendition.updated is not None
    key = (
        (renditions.c.story_id == rendition.story_id)
        & (renditions.c.version == rendition.version)
        & (renditions.c.language == rendition.language)
    )
    values = {
        "state": rendition.state.value,
        "is_source": rendition.is_source,
        "headline": rendition.headline,
        "body": list(rendition.body),
        "engine": rendition.engine,
        "model": rendition.model,
        "check_result": rendition.check,
        "error": rendition.error,
        "updated": rendition.updated if carried else utcnow(),
        "edited_by": rendition.edited_by,
        "carried_from": rendition.carried_from,
        "extras": {
            "about": rendition.about,
            "picture_captions": rendition.picture_captions,
            "subheadline": rendition.subheadline,
        },
    }
    if conn.execute(update(renditions).where(key).values(**values)).rowcount == 0:
        conn.execute(
            renditions.insert().values(
                story_id=rendition.story_id,
                version=rendition.version,
                language=rendition.language,
                **values,
            )
        )


def get_rendition(conn: Connection, story_id: str, version: int, language: str) -> Rendition:
    row = conn.execute(
        select(renditions).where(
            renditions.c.story_id == story_id,
            renditions.c.version == version,
            renditions.c.language == language,
        )
    ).first()
    if row is None:
        raise NotFound(f"story {story_id!r} version {version}: no rendition in {language!r}")
    return _rendition(row)


def list_lines(conn: Connection, found: list[Story]) -> dict[str, ListedStory]:
    """The headline and each language's state of each story's latest version, as the story lists
    show them, in two queries of the few columns they need (a story's whole version and
    renditions, bodies and check results included, are not read)."""
    latest = [(story.id, story.latest_version) for story in found]
    headlines = conn.execute(
        select(versions.c.story_id, versions.c.headline).where(
            tuple_(versions.c.story_id, versions.c.version).in_(latest)
        )
    )
    lines = {row.story_id: ListedStory(row.headline, {}) for row in headlines}
    states = conn.execute(
        select(renditions.c.story_id, renditions.c.language, renditions.c.state)
        .where(tuple_(renditions.c.story_id, renditions.c.version).in_(latest))
        .order_by(renditions.c.language)
    )
    for row in states:
        lines[row.story_id].languages[row.language] = RenditionState(row.state)
    return lines


def list_renditions(conn: Connection, story_id: str, version: int | None = None) -> list[Rendition]:
    query = select(renditions).where(renditions.c.story_id == story_id)
    if version is not None:
        query = query.where(renditions.c.version == version)
    rows = conn.execute(query.order_by(renditions.c.version, renditions.c.language))
    return [_rendition(row) for row in rows]


def _story(row: Any) -> Story:
    return Story(
        id=row.id,
        uri=row.uri,
        publisher=row.publisher,
        source_language=row.source_language,
        state=StoryState(row.state),
        created=row.created,
        latest_version=row.latest_version,
    )


def _version(row: Any) -> Version:
    return Version(
        story_id=row.story_id,
        version=row.version,
        versioncreated=row.versioncreated,
        language=row.language,
        headline=row.headline,
        body=list(row.body),
        pubstatus=Pubstatus(row.pubstatus),
        located=row.located,
        by=row.by,
        dateline_source=row.dateline_source,
        credit=row.credit,
        captions=list(row.captions),
        notices=list(row.notices),
        sectors=list(row.sectors),
        subjects=[Subject(**s) for s in row.subjects],
        places=[Place(**p) for p in row.places],
        urgency=row.urgency,
        embargoed=row.embargoed,
        target_languages=list(row.target_languages),
        correction_reason=row.correction_reason,
        content_hash=row.content_hash,
        dateline_date=row.dateline_date,
        about=[About(a["name"], a["text"]) for a in row.about or []],
        contacts=[Contact.from_json(c) for c in row.contacts or []],
        pictures=[Picture.from_json(p) for p in row.pictures or []],
        subheadline=row.subheadline,
    )


def _rendition(row: Any) -> Rendition:
    updated: datetime = row.updated
    extras: dict[str, Any] = row.extras or {}
    return Rendition(
        story_id=row.story_id,
        version=row.version,
        language=row.language,
        state=RenditionState(row.state),
        headline=row.headline,
        body=list(row.body),
        is_source=row.is_source,
        engine=row.engine,
        model=row.model,
        check=row.check_result,
        error=row.error,
        updated=updated,
        edited_by=row.edited_by,
        carried_from=row.carried_from,
        about=list(extras.get("about") or []),
        picture_captions=list(extras.get("picture_captions") or []),
        subheadline=extras.get("subheadline"),
    )
