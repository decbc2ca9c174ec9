"""`polywire doctor`: stored rows no door would let in now, found and repaired or quarantined.

Readers and the matcher already step around such a row with a warning; the doctor takes it out
of their way for good. What it looks for, and what `repair=True` does with each:

- a language that is not a BCP 47 tag, or not in the wire's spelling (stories, versions,
  renditions, deliveries): rewritten in the wire's spelling when it has one (`EN` → `en`,
  `pt_br` → `pt-BR`); otherwise the row is quarantined (a version with everything hanging off
  it; a story with no version left);
- a version whose language is not its story's (a translation is a rendition, never a version):
  quarantined; for version 1, the one the story was made from, the story takes its language;
- a JSON column holding a lone surrogate (rows SQLite kept from before the doors refused them):
  rewritten with U+FFFD in its place;
- a job still leased after its lease ran out: made ready again (dead after its last attempt);
- a delivery of a rendition or to a destination that does not exist: quarantined with its
  attempts.

Quarantined rows are kept in the `quarantine` table as JSON, with the problem found, so that an
operator can read or restore them. Everything runs in the caller's transaction.
"""

from __future__ import annotations

import base64
import json
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    Column,
    Connection,
    Table,
    Text,
    and_,
    delete,
    exists,
    func,
    or_,
    select,
    type_coerce,
    update,
)
from sqlalchemy.sql.elements import ColumnElement

from polywire.domain import BadInput
from polywire.language_tags import is_language_tag, language_tag, same_language
from polywire.store.classify_tables import classifications, classify_corrections
from polywire.store.doctor_tables import quarantine
from polywire.store.ingest_tables import story_fingerprints
from polywire.store.publish_tables import deliveries, delivery_attempts, destinations
from polywire.store.tables import jobs, metadata, renditions, stories, submissions, versions
from polywire.store.types import JSONDocument, utcnow
from polywire.surrogates import clean_document, has_surrogate

Repair = Callable[[Connection], str]


@dataclass
class Finding:
    """One bad row: where it is, what is wrong, and what repairing does (or did)."""

    kind: str  # bad-language, version-language, surrogate, stuck-job, orphan-delivery
    where: str
    problem: str
    fix: str
    done: str | None = None

    def line(self) -> str:
        outcome = f"repaired: {self.done}" if self.done else f"--repair would {self.fix}"
        return f"{self.where}: {self.problem} ({outcome})"

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "where": self.where,
            "problem": self.problem,
            "fix": self.fix,
            "repaired": self.done is not None,
            "done": self.done,
        }


def examine(conn: Connection, *, repair: bool = False) -> list[Finding]:
    """Every bad row, each check run after the repairs of the ones before it."""
    found: list[Finding] = []
    for check in (_bad_languages, _foreign_versions, _surrogates, _stuck_jobs, _orphans):
        for finding, action in list(check(conn)):
            if repair:
                finding.done = action(conn)
            found.append(finding)
    return found


# --- languages ------------------------------------------------------------------------------


def _bad_languages(conn: Connection) -> Iterator[tuple[Finding, Repair]]:
    """Versions first: a story whose versions all go takes its language from none of them."""
    for version in conn.execute(
        select(versions.c.story_id, versions.c.version, versions.c.language)
    ):
        key = and_(versions.c.story_id == version.story_id, versions.c.version == version.version)
        where = f"story {version.story_id} version {version.version}"
        fix = _quarantines_version(version.story_id, version.version)
        yield from _language_of(where, version.language, versions.c.language, key, fix)
    found = select(renditions.c.story_id, renditions.c.version, renditions.c.language)
    for rendition in conn.execute(found):
        clash = _rendition_in(rendition.story_id, rendition.version)
        key = clash(rendition.language)
        where = (
            f"story {rendition.story_id} version {rendition.version} "
            f"rendition {rendition.language!r}"
        )
        fix = _quarantines(renditions, key)
        yield from _language_of(
            where, rendition.language, renditions.c.language, key, fix, clash=clash
        )
    for delivery in conn.execute(select(deliveries.c.id, deliveries.c.language)):
        key = deliveries.c.id == delivery.id
        fix = _quarantines_delivery(delivery.id)
        where = f"delivery {delivery.id}"
        yield from _language_of(where, delivery.language, deliveries.c.language, key, fix)
    for story in conn.execute(select(stories.c.id, stories.c.source_language)):
        key = stories.c.id == story.id
        fix = _story_fix(story.id)
        where = f"story {story.id}"
        yield from _language_of(where, story.source_language, stories.c.source_language, key, fix)


def _rendition_in(story_id: str, number: int) -> Callable[[str], ColumnElement[bool]]:
    def key(language: str) -> ColumnElement[bool]:
        return and_(
            renditions.c.story_id == story_id,
            renditions.c.version == number,
            renditions.c.language == language,
        )

    return key


def _language_of(
    where: str,
    value: str,
    column: Column[Any],
    key: ColumnElement[bool],
    otherwise: Callable[[str], Repair],
    *,
    clash: Callable[[str], ColumnElement[bool]] | None = None,
) -> Iterator[tuple[Finding, Repair]]:
    """A finding when `value` is not a tag in the wire's spelling: respelt when it has one
    (unless a row keyed by the respelt tag exists: `clash`), else `otherwise`."""
    try:
        tag = language_tag(value)
    except BadInput as error:
        problem = f"language {value!r} is {error.problem}"
        yield Finding("bad-language", where, problem, "quarantine it"), otherwise(problem)
        return
    if tag == value:
        return
    problem = f"language {value!r} is spelt {tag!r} by the wire"
    table = column.table

    def respell(conn: Connection) -> str:
        if clash is not None:
            taken = select(func.count()).select_from(table).where(clash(tag))
            if conn.execute(taken).scalar_one():
                return otherwise(f"{problem}, and its row in {tag!r} exists")(conn)
        conn.execute(update(table).where(key).values({column.name: tag}))
        return f"rewritten as {tag!r}"

    yield Finding("bad-language", where, problem, f"rewrite it as {tag!r}"), respell


def _story_fix(story_id: str) -> Callable[[str], Repair]:
    """A story's language that is no tag: its first version's when that one is, else out."""

    def fix(problem: str) -> Repair:
        def repair(conn: Connection) -> str:
            first = conn.execute(
                select(versions.c.language)
                .where(versions.c.story_id == story_id)
                .order_by(versions.c.version)
                .limit(1)
            ).scalar_one_or_none()
            if first is not None and is_language_tag(first):
                conn.execute(
                    update(stories).where(stories.c.id == story_id).values(source_language=first)
                )
                return f"takes the language of its first version, {first!r}"
            _quarantine_story(conn, story_id, problem)
            return "quarantined with its versions"

        return repair

    return fix


def _foreign_versions(conn: Connection) -> Iterator[tuple[Finding, Repair]]:
    rows = conn.execute(
        select(
            versions.c.story_id, versions.c.version, versions.c.language, stories.c.source_language
        )
        .join(stories, stories.c.id == versions.c.story_id)
        .order_by(versions.c.story_id, versions.c.version)
    )
    for row in rows:
        if not (is_language_tag(row.language) and is_language_tag(row.source_language)):
            continue  # a bad tag is the language check's
        if same_language(row.language, row.source_language):
            continue
        where = f"story {row.story_id} version {row.version}"
        problem = (
            f"in {row.language!r}, its story in {row.source_language!r}: a version is never a "
            "translation"
        )
        if row.version == 1:
            finding = Finding("version-language", where, problem, "give the story its language")
            yield finding, _story_takes(row.story_id, row.language)
        else:
            repair = _quarantines_version(row.story_id, row.version)(problem)
            yield Finding("version-language", where, problem, "quarantine it"), repair


def _story_takes(story_id: str, language: str) -> Repair:
    def repair(conn: Connection) -> str:
        conn.execute(
            update(stories).where(stories.c.id == story_id).values(source_language=language)
        )
        return f"the story's language is now {language!r}, its first version's"

    return repair


# --- lone surrogates ------------------------------------------------------------------------


def _surrogates(conn: Connection) -> Iterator[tuple[Finding, Repair]]:
    """JSON columns whose text holds a lone surrogate's escape. Only SQLite can hold one:
    PostgreSQL's JSONB refuses the escape."""
    if conn.dialect.name != "sqlite":
        return
    for table in metadata.sorted_tables:
        keys = list(table.primary_key.columns)
        for column in table.columns:
            if not isinstance(column.type, JSONDocument) or not keys:
                continue
            raw = type_coerce(column, Text)
            escaped = or_(*(func.lower(raw).like(f"%\\ud{c}%") for c in "89abcdef"))
            for row in conn.execute(select(*keys, raw.label("raw")).where(escaped)):
                document = json.loads(row.raw)
                if not _holds_surrogate(document):
                    continue
                ids = [row[i] for i in range(len(keys))]
                where = f"{table.name} {' '.join(str(i) for i in ids)} {column.name}"
                key = and_(*(k == i for k, i in zip(keys, ids, strict=True)))
                yield (
                    Finding("surrogate", where, "holds a lone surrogate", "replace it by U+FFFD"),
                    _cleans(table, column, key, document),
                )


def _holds_surrogate(document: Any) -> bool:
    if isinstance(document, str):
        return has_surrogate(document)
    if isinstance(document, dict):
        return any(_holds_surrogate(k) or _holds_surrogate(v) for k, v in document.items())
    if isinstance(document, list):
        return any(_holds_surrogate(v) for v in document)
    return False


def _cleans(table: Table, column: Column[Any], key: ColumnElement[bool], document: Any) -> Repair:
    def repair(conn: Connection) -> str:
        conn.execute(update(table).where(key).values({column.name: clean_document(document)}))
        return "each lone surrogate is U+FFFD"

    return repair


# --- jobs and deliveries ------------------------------------------------------------------


def _stuck_jobs(conn: Connection) -> Iterator[tuple[Finding, Repair]]:
    now = time.time()
    rows = conn.execute(
        select(jobs.c.id, jobs.c.key, jobs.c.lease_owner, jobs.c.lease_until, jobs.c.attempts)
        .add_columns(jobs.c.max_attempts)
        .where(jobs.c.state == "leased", jobs.c.lease_until < now)
        .order_by(jobs.c.id)
    )
    for row in rows:
        late = now - float(row.lease_until)
        problem = (
            f"leased by {row.lease_owner or 'a worker'} and still not done {late:.0f} s after "
            "its lease ran out"
        )
        last = row.attempts >= row.max_attempts
        fix = "mark it dead (its last attempt)" if last else "make it ready again"
        yield Finding("stuck-job", f"job {row.id} {row.key}", problem, fix), _frees(row.id, last)


def _frees(job_id: int, last: bool) -> Repair:
    def repair(conn: Connection) -> str:
        now = time.time()
        values: dict[str, Any] = {"lease_owner": None, "lease_token": None, "lease_until": None}
        if last:
            values |= {"state": "dead", "finished": now, "last_error": "stuck: freed by doctor"}
        else:
            values |= {"state": "ready", "run_at": now}
        conn.execute(
            update(jobs).where(jobs.c.id == job_id, jobs.c.state == "leased").values(**values)
        )
        return "dead" if last else "ready again"

    return repair


def _orphans(conn: Connection) -> Iterator[tuple[Finding, Repair]]:
    has_rendition = exists().where(
        renditions.c.story_id == deliveries.c.story_id,
        renditions.c.version == deliveries.c.version,
        renditions.c.language == deliveries.c.language,
    )
    has_destination = exists().where(destinations.c.id == deliveries.c.destination_id)
    rows = conn.execute(
        select(deliveries.c.id, deliveries.c.story_id, deliveries.c.version, deliveries.c.language)
        .add_columns(has_destination.label("to_somewhere"))
        .where(or_(~has_rendition, ~has_destination))
        .order_by(deliveries.c.id)
    )
    for row in rows:
        missing = (
            "its destination"
            if not row.to_somewhere
            else f"story {row.story_id} version {row.version} in {row.language!r}"
        )
        problem = f"a delivery of what does not exist: no {missing}"
        yield (
            Finding("orphan-delivery", f"delivery {row.id}", problem, "quarantine it"),
            _quarantines_delivery(row.id)(problem),
        )


# --- quarantine -----------------------------------------------------------------------------


def _quarantines(table: Table, key: ColumnElement[bool]) -> Callable[[str], Repair]:
    def fix(problem: str) -> Repair:
        def repair(conn: Connection) -> str:
            _move(conn, table, key, problem)
            return "quarantined"

        return repair

    return fix


def _quarantines_delivery(delivery_id: str) -> Callable[[str], Repair]:
    def fix(problem: str) -> Repair:
        def repair(conn: Connection) -> str:
            _move(conn, delivery_attempts, delivery_attempts.c.delivery_id == delivery_id, problem)
            _move(conn, deliveries, deliveries.c.id == delivery_id, problem)
            return "quarantined with its attempts"

        return repair

    return fix


def _quarantines_version(story_id: str, number: int) -> Callable[[str], Repair]:
    def fix(problem: str) -> Repair:
        def repair(conn: Connection) -> str:
            _quarantine_version(conn, story_id, number, problem)
            left = conn.execute(
                select(func.max(versions.c.version)).where(versions.c.story_id == story_id)
            ).scalar_one_or_none()
            if left is None:
                _quarantine_story(conn, story_id, problem)
                return "quarantined with its story, which has no other version"
            conn.execute(
                update(stories)
                .where(stories.c.id == story_id)
                .values(latest_version=left, updated=utcnow())
            )
            return f"quarantined; the story's latest version is {left} again"

        return repair

    return fix


def _quarantine_version(conn: Connection, story_id: str, number: int, problem: str) -> None:
    for table in (classify_corrections, classifications, renditions, submissions, versions):
        key = and_(table.c.story_id == story_id, table.c.version == number)
        _move(conn, table, key, problem)


def _quarantine_story(conn: Connection, story_id: str, problem: str) -> None:
    numbers = conn.execute(select(versions.c.version).where(versions.c.story_id == story_id))
    for number in list(numbers.scalars()):
        _quarantine_version(conn, story_id, number, problem)
    _move(conn, story_fingerprints, story_fingerprints.c.story_id == story_id, problem)
    _move(conn, stories, stories.c.id == story_id, problem)


def _move(conn: Connection, table: Table, key: ColumnElement[bool], problem: str) -> None:
    """Copy the rows of `table` that `key` selects into the quarantine, then delete them."""
    rows = conn.execute(select(table).where(key)).mappings().all()
    if not rows:
        return
    keys = [c.name for c in table.primary_key.columns]
    conn.execute(
        quarantine.insert(),
        [
            {
                "table_name": table.name,
                "row_key": " ".join(str(row[k]) for k in keys)[:300],
                "problem": problem,
                "row": {name: _plain(value) for name, value in row.items()},
                "created": utcnow(),
            }
            for row in rows
        ],
    )
    conn.execute(delete(table).where(key))


def _plain(value: Any) -> Any:
    """A column's value as JSON holds it."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, bytes):
        return base64.b64encode(value).decode("ascii")
    return value
