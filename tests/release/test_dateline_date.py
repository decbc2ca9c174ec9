"""A story's dateline keeps the date its source printed, in every language, instead of the
date the wire filed it: `LISBON, Dec 3 (Polywire) -` filed on December 7 is dated December 3."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from polywire.compose import compose
from polywire.config import Settings, load_settings
from polywire.domain import Rendition, RenditionState, Version
from polywire.services import StoryService
from polywire.wire import Wire

STORY = (
    b"Port traffic rises by a fifth\n\n"
    b"LISBON, Dec 3 (Polywire) - The port authority said on Wednesday that container traffic "
    b"rose by a fifth in the year to November, the fastest growth among the region's ports.\n"
)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return load_settings(data_dir=tmp_path / "data", languages=[])


@pytest.fixture
def wire(settings: Settings) -> Iterator[Wire]:
    opened = Wire(settings)
    yield opened
    opened.close()


def rendition(language: str) -> Rendition:
    return Rendition("s", 1, language, RenditionState.RELEASED, "Headline", ["Text."])


@pytest.mark.parametrize(
    ("language", "dateline"),
    [
        ("en", "LISBON, Dec 3 (Polywire) –"),
        ("es", "LISBOA, 3 dic (Polywire) –"),
        ("ar", "لشبونة، 3 ديسمبر (Polywire) –"),
        ("ja", "リスボン、12月3日（Polywire）－"),
    ],
)
def test_the_source_date_is_stored_and_printed_in_each_language(
    wire: Wire, settings: Settings, language: str, dateline: str
) -> None:
    story_id = StoryService(wire).submit(None, STORY, source="port.txt", language="en").story_id
    (version,) = StoryService(wire).story(None, story_id).versions
    assert version.dateline_date == "--12-03"
    filed = version.versioncreated.replace(month=12, day=7)
    composed = compose(
        Version(**{**version.__dict__, "versioncreated": filed}), rendition(language), settings
    )
    assert composed.dateline == dateline
    assert composed.paragraphs[0].startswith(dateline)


def test_a_late_december_dateline_filed_in_january_is_last_years() -> None:
    settings = load_settings(publish={"dateline_date": "yMMMd"})
    version = Version(
        "s", 1, datetime(2027, 1, 1, 8, tzinfo=UTC), "en", "Headline", ["Text."],
        located="LISBON", dateline_date="--12-31",
    )  # fmt: skip
    assert compose(version, rendition("es"), settings).dateline == (
        "LISBOA, 31 dic 2026 (Polywire) –"
    )


def test_without_a_printed_date_the_filing_date_is_used() -> None:
    version = Version(
        "s", 1, datetime(2026, 12, 7, 8, tzinfo=UTC), "en", "Headline", ["Text."],
        located="LISBON",
    )  # fmt: skip
    assert compose(version, rendition("es"), load_settings()).dateline == (
        "LISBOA, 7 dic (Polywire) –"
    )
