"""`polywire doctor` finds the stored rows no door would let in now and, with --repair, repairs
or quarantines each (issue 16, finding 1: version 2 stored in a language called "english").
Readers and the matcher already step around such rows (tests/spine/test_language_doors.py);
after the doctor they are gone from their way, and kept in the quarantine."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from publish.flow import add_subscriber, webhook
from spine.samples import STORY, distinct_story
from sqlalchemy import func, select, update

from polywire.cli import main
from polywire.config import load_settings
from polywire.domain import Rendition, RenditionState
from polywire.services import StoryService
from polywire.store import stories as store
from polywire.store.doctor_tables import quarantine
from polywire.store.publish_tables import deliveries
from polywire.store.tables import jobs, renditions, stories, versions
from polywire.store.types import utcnow
from polywire.wire import Wire


@pytest.fixture
def wire(tmp_path: Path, database_url: str) -> Iterator[Wire]:
    opened = Wire(
        load_settings(data_dir=tmp_path / "data", database_url=database_url, languages=[])
    )
    yield opened
    opened.close()


def doctor(wire: Wire, *args: str) -> Result:
    where = ["--data-dir", str(wire.settings.data_dir)]
    where += ["--database-url", wire.settings.resolved_database_url]
    return CliRunner().invoke(main, ["doctor", *args, *where])


def a_version_in(wire: Wire, story_id: str, language: str) -> None:
    """What the door let in before: version 2 of a released story in `language`."""
    with wire.database.write() as conn:
        first = store.get_version(conn, story_id, 1)
        store.insert_version(conn, replace(first, version=2, language=language))
        source = Rendition(story_id, 2, language, RenditionState.PENDING, "H", ["B"], True)
        store.save_rendition(conn, source)
        store.set_story_state(
            conn, story_id, store.get_story(conn, story_id).state, latest_version=2
        )


def test_doctor_finds_repairs_and_quarantines_bad_rows(wire: Wire) -> None:
    english = StoryService(wire).submit(None, STORY, source="a.txt", language="en").story_id
    french = (
        StoryService(wire).submit(None, distinct_story(1), source="b.txt", language="en").story_id
    )
    spelt = (
        StoryService(wire).submit(None, distinct_story(2), source="c.txt", language="en").story_id
    )
    asyncio.run(wire.worker().run_until_idle())
    a_version_in(wire, english, "english")
    a_version_in(wire, french, "fr")
    outlet = add_subscriber(wire, "outlet", destinations=webhook("https://outlet.test/hook"))
    now = time.time()
    with wire.database.write() as conn:
        conn.execute(update(renditions).where(renditions.c.story_id == spelt).values(language="EN"))
        conn.execute(
            jobs.insert().values(
                kind="translate",
                key="translate:gone:v1:fr",
                payload={},
                state="leased",
                attempts=1,
                max_attempts=5,
                run_at=now - 600,
                lease_owner="worker-on-a-dead-host",
                lease_token="t" * 32,
                lease_until=now - 300,
                created=now - 600,
            )
        )
        conn.execute(
            deliveries.insert().values(
                id="d" * 32,
                destination_id=outlet["destinations"][0].id,
                story_id="no-such-story",
                version=1,
                language="en",
                event_seq=1,
                channel="webhook",
                status="pending",
                attempts=0,
                released=utcnow(),
                created=utcnow(),
            )
        )
        if wire.database.dialect == "sqlite":  # only SQLite's JSON kept a lone surrogate
            conn.exec_driver_sql(
                "UPDATE versions SET sectors = ? WHERE story_id = ?", ('["E\\ud800"]', spelt)
            )

    seen = doctor(wire)
    assert seen.exit_code == 1, seen.output
    lines = seen.output.splitlines()
    assert (
        f"story {english} version 2: language 'english' is not a BCP 47 language tag; did you "
        "mean 'en'? (--repair would quarantine it)"
    ) in lines
    assert (
        f"story {french} version 2: in 'fr', its story in 'en': a version is never a "
        "translation (--repair would quarantine it)"
    ) in lines
    assert (
        f"story {spelt} version 1 rendition 'EN': language 'EN' is spelt 'en' by the wire "
        "(--repair would rewrite it as 'en')"
    ) in lines
    assert any(
        line.startswith("job ") and "leased by worker-on-a-dead-host" in line for line in lines
    )
    assert (
        f"delivery {'d' * 32}: a delivery of what does not exist: no story no-such-story "
        "version 1 in 'en' (--repair would quarantine it)"
    ) in lines
    surrogate = f"versions {spelt} 1 sectors: holds a lone surrogate"
    assert any(line.startswith(surrogate) for line in lines) == (wire.database.dialect == "sqlite")
    assert lines[-1].endswith(" repaired") and " 0 repaired" in lines[-1]

    repaired = doctor(wire, "--repair", "--json")
    assert repaired.exit_code == 0, repaired.output
    found = json.loads(repaired.output)
    assert all(f["repaired"] for f in found)
    assert {f["kind"] for f in found} >= {
        "bad-language",
        "version-language",
        "stuck-job",
        "orphan-delivery",
    }
    again = doctor(wire)
    assert (again.exit_code, again.output) == (0, "no bad rows found\n")

    for story_id in (english, french):
        view = StoryService(wire).story(None, story_id)
        assert view.story.latest_version == 1
        assert [v.version for v in view.versions] == [1]
    assert {r.language for r in StoryService(wire).story(None, spelt).renditions} == {"en"}
    if wire.database.dialect == "sqlite":
        assert StoryService(wire).story(None, spelt).versions[0].sectors == ["E\ufffd"]
    with wire.database.read() as conn:
        kept = conn.execute(select(quarantine.c.table_name, func.count()).group_by("table_name"))
        assert dict(kept.all()) == {"versions": 2, "renditions": 2, "deliveries": 1}
        job = conn.execute(
            select(jobs.c.state, jobs.c.lease_owner).where(jobs.c.key.like("translate:gone%"))
        ).one()
        assert tuple(job) == ("ready", None)
    later = StoryService(wire).submit(None, distinct_story(3), source="d.txt", language="en")
    assert later.created


def test_a_story_in_no_language_at_all_is_quarantined_whole(wire: Wire) -> None:
    """The state tests/spine/test_language_doors.py shows readers skipping: story, version and
    rendition all in "english"."""
    spoilt = StoryService(wire).submit(None, STORY, source="a.txt").story_id
    kept = StoryService(wire).submit(None, distinct_story(4), source="b.txt").story_id
    asyncio.run(wire.worker().run_until_idle())
    with wire.database.write() as conn:
        conn.execute(
            update(versions).where(versions.c.story_id == spoilt).values(language="english")
        )
        conn.execute(
            update(renditions).where(renditions.c.story_id == spoilt).values(language="english")
        )
        conn.execute(
            update(stories).where(stories.c.id == spoilt).values(source_language="english")
        )
    done = doctor(wire, "--repair")
    assert done.exit_code == 0, done.output
    assert (
        f"story {spoilt} version 1: language 'english' is not a BCP 47 language tag" in done.output
    )
    assert "(repaired: quarantined with its story, which has no other version)" in done.output
    assert [s.id for s in StoryService(wire).stories(None)] == [kept]
    with wire.database.read() as conn:
        tables = set(conn.execute(select(quarantine.c.table_name)).scalars())
    assert {"stories", "versions", "renditions", "submissions"} <= tables
