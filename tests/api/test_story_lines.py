"""The story lists (`GET /v1/stories`, `polywire stories`) read each story's latest headline and
languages in a few queries for the whole page (issue 15: one version and its renditions per story,
bodies and checks included, made the list the serving process's largest cost). They show what the
story's own reads show, on each store."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from api.conftest import stocked_wire
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


#: Running text under each headline below (the search reads headlines only).
BODY = SECOND[SECOND.index(b"\n\n") :]

#: A headline in each script the search must read in any case, and the searches that find it.
FOUND_IN_ANY_CASE = {
    "ru": ("Привет из Казани: завод открыт", ["ПРИВЕТ", "привет", "КАЗАНИ"]),
    "el": ("Σεισμός στην Αθήνα", ["ΣΕΙΣΜΌΣ", "σεισμόσ", "ΑΘΉΝΑ"]),
    "fr": ("L'énergie solaire gagne du terrain", ["ÉNERGIE", "L'ÉNERGIE SOLAIRE"]),
    "de": ("Neue Straße für Berlin", ["STRASSE", "strasse", "STRAẞE", "straße"]),
    "tr": ("İstanbul'da yeni köprü", ["istanbul", "İSTANBUL", "KÖPRÜ"]),
    "en": ("Rates rise 5% in zone a_b", ["5% IN", "A_B"]),
}


def test_the_search_finds_headlines_in_any_case_in_every_script(
    database_url: str, tmp_path: Path
) -> None:
    stocked = stocked_wire(tmp_path / "data", database_url)
    try:
        service = StoryService(stocked.wire)
        ids = {
            language: service.submit(
                None,
                headline.encode() + BODY,
                source=f"{language}.txt",
                new_story=True,
                language=language,
            ).story_id
            for language, (headline, _) in FOUND_IN_ANY_CASE.items()
        }
        client = TestClient(stocked.app)
        admin = {"Authorization": f"Bearer {stocked.admin_token}"}

        def found(q: str) -> set[str]:
            answer = client.get("/v1/stories", params={"q": q}, headers=admin)
            assert answer.status_code == 200, answer.text
            return {line["id"] for line in answer.json()["stories"]}

        for language, (_, searches) in FOUND_IN_ANY_CASE.items():
            for search in searches:
                assert found(search) == {ids[language]}, search
        assert found("energie") == set()  # accents are not folded
        assert found("5_") == found("A%B") == set()  # wildcards are searched as themselves
        assert found("ıstanbul") == set()  # nor is Turkish's dotless ı
    finally:
        stocked.wire.close()
