"""Queries of classification: results per version, corrections, and the version's tag columns."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from sqlalchemy import Connection, func, select, update

from polywire.domain import NotFound, Place, Subject
from polywire.store.classify_tables import classifications, classify_corrections
from polywire.store.tables import versions
from polywire.store.types import utcnow


@dataclass
class StoredClassification:
    story_id: str
    version: int
    result: dict[str, Any]
    publisher_sectors: list[str]
    publisher_places: list[str]
    publisher_urgency: int | None
    corrected: bool


@dataclass
class CorrectionRow:
    id: int
    story_id: str
    version: int
    language: str
    headline: str
    body: list[str]
    topics: list[str]
    removed_topics: list[str]
    regions: list[str]
    editor: str | None


def set_classification(
    conn: Connection,
    story_id: str,
    version: int,
    *,
    subjects: list[Subject],
    places: list[Place],
    urgency: int,
    sectors: list[str],
) -> None:
    """Write the tags on the version itself (its ninjs `subjects`, `places`, `urgency`)."""
    done = conn.execute(
        update(versions)
        .where(versions.c.story_id == story_id, versions.c.version == version)
        .values(
            subjects=[asdict(s) for s in subjects],
            places=[asdict(p) for p in places],
            urgency=urgency,
            sectors=list(sectors),
        )
    )
    if done.rowcount == 0:
        raise NotFound(f"story {story_id!r}: no version {version}")


def get_classification(conn: Connection, story_id: str, version: int) -> StoredClassification:
    row = conn.execute(
        select(classifications).where(
            classifications.c.story_id == story_id, classifications.c.version == version
        )
    ).first()
    if row is None:
        raise NotFound(f"story {story_id!r} version {version}: not classified yet")
    return StoredClassification(
        story_id=row.story_id,
        version=row.version,
        result=dict(row.result),
        publisher_sectors=list(row.publisher_sectors),
        publisher_places=list(row.publisher_places),
        publisher_urgency=row.publisher_urgency,
        corrected=row.corrected,
    )


def find_classification(
    conn: Connection, story_id: str, version: int
) -> StoredClassification | None:
    try:
        return get_classification(conn, story_id, version)
    except NotFound:
        return None


def save_classification(conn: Connection, stored: StoredClassification) -> None:
    """Insert or replace the classification of one version."""
    key = (classifications.c.story_id == stored.story_id) & (
        classifications.c.version == stored.version
    )
    values = {
        "result": stored.result,
        "publisher_sectors": stored.publisher_sectors,
        "publisher_places": stored.publisher_places,
        "publisher_urgency": stored.publisher_urgency,
        "corrected": stored.corrected,
        "updated": utcnow(),
    }
    if conn.execute(update(classifications).where(key).values(**values)).rowcount == 0:
        conn.execute(
            classifications.insert().values(
                story_id=stored.story_id, version=stored.version, **values
            )
        )


def insert_correction(conn: Connection, row: CorrectionRow) -> int:
    values = asdict(row)
    values.pop("id")
    result = conn.execute(classify_corrections.insert().values(created=utcnow(), **values))
    return int(result.inserted_primary_key[0])  # type: ignore[index]


def corrections_after(conn: Connection, after_id: int) -> list[CorrectionRow]:
    rows = conn.execute(
        select(classify_corrections)
        .where(classify_corrections.c.id > after_id)
        .order_by(classify_corrections.c.id)
    )
    return [
        CorrectionRow(
            id=row.id,
            story_id=row.story_id,
            version=row.version,
            language=row.language,
            headline=row.headline,
            body=list(row.body),
            topics=list(row.topics),
            removed_topics=list(row.removed_topics),
            regions=list(row.regions),
            editor=row.editor,
        )
        for row in rows
    ]


def count_corrections(conn: Connection) -> int:
    return int(conn.execute(select(func.count()).select_from(classify_corrections)).scalar_one())
