"""Same story, new version: small edits are recognised, other stories on the subject are not."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Connection

from polywire.domain import Extraction
from polywire.ingest import extract
from polywire.ingest.same_story import find_same_story, minhash_of, remember, signature
from polywire.settings.ingest import IngestSettings
from polywire.store.db import Database
from polywire.store.migrate import upgrade
from polywire.store.types import utcnow

SAMPLES = Path(__file__).parent / "samples"
SETTINGS = IngestSettings()


def story(name: str, *, replace: tuple[str, str] | None = None) -> Extraction:
    text = (SAMPLES / name).read_text(encoding="utf-8")
    if replace:
        assert replace[0] in text
        text = text.replace(*replace)
    return extract(text.encode(), source=name)


def similarity(one: Extraction, other: Extraction) -> float:
    return float(minhash_of(signature(one)).jaccard(minhash_of(signature(other))))


ORIGINAL = story("en-ap-scraped.txt")
CORRECTED = story(
    "en-ap-scraped.txt",
    replace=("up to 9,000 passengers an hour at peak times", "up to 8,000 passengers an hour"),
)
UPDATED = story(
    "en-ap-scraped.txt",
    replace=(
        "The city plans to convert two more tram lines by 2027",
        "Officials said ticket prices would not change. The city plans to convert two more "
        "tram lines by 2027",
    ),
)
SAME_SUBJECT = extract(
    (
        "Moscow tram passengers complain of delays on driverless line\n\n"
        "MOSCOW (AP) — Passengers on Moscow's new driverless tram line complained of delays on "
        "Thursday after a software fault stopped trams for more than an hour during the morning "
        "rush.\n\nThe city's transport department said the fault had been fixed and that no one "
        "was hurt. Drivers who stay on board during the trial took manual control of the trams.\n"
    ).encode(),
    source="other.txt",
)


def test_the_threshold_sits_between_edits_and_other_stories() -> None:
    assert similarity(ORIGINAL, CORRECTED) >= 0.7
    assert similarity(ORIGINAL, UPDATED) >= 0.7
    assert similarity(ORIGINAL, SAME_SUBJECT) < 0.1
    chinese = story("zh-xinhua-scraped.txt")
    chinese_fixed = story("zh-xinhua-scraped.txt", replace=("9.5公里", "9.8公里"))
    assert similarity(chinese, chinese_fixed) >= 0.7
    assert similarity(chinese, ORIGINAL) < 0.1


def matched(conn: Connection, publisher: str, extraction: Extraction, now: datetime) -> str:
    found = find_same_story(conn, publisher, extraction, now=now, settings=SETTINGS)
    assert found is not None and 0.5 <= found.score <= 1
    return found.story_id


@pytest.fixture
def database(database_url: str) -> Iterator[Database]:
    database = Database(database_url)
    upgrade(database)
    yield database
    database.dispose()


def test_find_same_story_within_the_publisher_and_window(database: Database) -> None:
    now = utcnow()
    with database.write() as conn:
        remember(conn, "s-tram", "agency", ORIGINAL, now=now - timedelta(hours=2))
        remember(conn, "s-kazan", "agency", story("ru-tass-scraped.txt"), now=now)
        remember(conn, "s-old", "other", ORIGINAL, now=now - timedelta(hours=200))
    with database.read() as conn:
        assert matched(conn, "agency", CORRECTED, now) == "s-tram"
        assert matched(conn, "agency", UPDATED, now) == "s-tram"
        assert find_same_story(conn, "agency", SAME_SUBJECT, now=now, settings=SETTINGS) is None
        assert find_same_story(conn, "other", CORRECTED, now=now, settings=SETTINGS) is None
        assert find_same_story(conn, "nobody", CORRECTED, now=now, settings=SETTINGS) is None
    with database.write() as conn:  # the story moved on: its new version is what matches now
        remember(conn, "s-tram", "agency", UPDATED, now=now)
    with database.read() as conn:
        assert matched(conn, "agency", UPDATED, now) == "s-tram"
