"""The story lists (`GET /v1/stories`, `polywire stories`) read each story's latest headline and
languages in a few queries for the whole page (issue 15: one version and its renditions per story,
bodies and checks included, made the list the serving process's largest cost). They show what the
story's own reads show, on each store."""

from __future__ import annotations

from pathlib import Path

from polywire.config import load_settings
from polywire.services import StoryService
from polywire.store import stories as store
from polywire.wire import Wire

FIRST = (
    b"Acme opens a bicycle plant in Leeds\n\nLEEDS (Acme) - Acme Ltd opened a bicycle plant in "
    b"Leeds on Monday, hiring 300 people.\n\nThe plant will make 50,000 bicycles a year."
)
FIRST_CORRECTED = FIRST.replace(b"opens a bicycle plant", b"opens a cargo-bike plant")
SECOND = (
    b"Globex buys a shipyard in Gdansk\n\nGDANSK (Globex) - Globex Corp bought a shipyard in "
    b"Gdansk on Tuesday for 80 million euros, keeping its 1,200 workers.\n\nThe yard builds "
    b"ferries and tugs, the company said."
)


def test_the_list_shows_each_story_s_latest_headline_and_languages(
    database_url: str, tmp_path: Path
) -> None:
    wire = Wire(load_settings(data_dir=tmp_path / "data", database_url=database_url, languages=[]))
    try:
        service = StoryService(wire)
        first = service.submit(None, FIRST, source="first.txt", language="en").story_id
        service.submit(None, SECOND, source="second.txt", language="en", languages=["es", "fr"])
        service.submit(
            None,
            FIRST_CORRECTED,
            source="first.txt",
            language="en",
            update_of=first,
            correction_reason="the plant makes cargo bikes",
        )
        listed = [
            {key: value for key, value in line.to_json().items() if key != "delivered"}
            for line in service.lines(None)
        ]
        with wire.database.read() as conn:
            expected = [
                {
                    "id": story.id,
                    "uri": story.uri,
                    "state": story.state.value,
                    "latest_version": story.latest_version,
                    "source_language": story.source_language,
                    "headline": store.get_version(conn, story.id, story.latest_version).headline,
                    "languages": {
                        r.language: r.state.value
                        for r in store.list_renditions(conn, story.id, story.latest_version)
                    },
                }
                for story in store.list_stories(conn)
            ]
        assert listed == expected
        assert [line["headline"] for line in listed if line["id"] == first] == [
            "Acme opens a cargo-bike plant in Leeds"
        ]
        assert [line["latest_version"] for line in listed if line["id"] == first] == [2]
        assert service.lines(None, limit=1, offset=5) == []
    finally:
        wire.close()
