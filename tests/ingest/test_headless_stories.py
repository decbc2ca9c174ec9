"""Stories with running text but no line that stands alone as a headline are accepted: a body-only
article gets a derived headline (and says so), and a scraper's first line holding metadata and the
headline together is read as both. What has no running text is still refused
(tests/ingest/test_bad_input.py)."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from polywire.config import load_settings
from polywire.ingest import extract
from polywire.wire import Wire

BODY = (
    "Armenia's prime minister stepped down on Wednesday after weeks of protests against a border "
    "deal with Azerbaijan that handed four villages back to its neighbour.\n\n"
    "The resignation was announced in a televised address from Yerevan, where thousands had "
    "gathered outside parliament for a third night.\n"
)
HEADLINE = "Armenia's prime minister resigns after border deal protests"
METADATA_FIRST = f"date 2024-05-08 {HEADLINE}\n\n{BODY}"


def test_a_body_only_story_gets_a_derived_headline() -> None:
    result = extract(BODY.encode(), source="body.txt")
    assert result.headline_derived
    assert result.headline.startswith("Armenia's prime minister stepped down on Wednesday")
    assert len(result.headline) <= 100 and not result.headline.endswith(" ")
    assert result.body[0].startswith("Armenia's prime minister stepped down")
    assert len(result.body) == 2


def test_a_title_like_first_line_becomes_the_headline() -> None:
    text = f"Armenian leader quits\n{BODY}"
    result = extract(text.encode(), source="body.txt")
    assert result.headline == "Armenian leader quits"
    assert result.body[0].startswith("Armenia's prime minister stepped down")


def test_a_two_word_first_line_becomes_the_headline_not_lost() -> None:
    result = extract(f"Deal stalls\n\n{BODY}".encode(), source="short.txt")
    assert result.headline == "Deal stalls"
    assert not result.headline_derived
    assert result.body[0].startswith("Armenia's prime minister stepped down")


def test_a_short_closing_sentence_stays_in_the_body() -> None:
    text = f"Deal stalls\n\n{BODY}\nThe operator did not comment.\n"
    result = extract(text.encode(), source="short.txt")
    assert result.body[-1] == "The operator did not comment."
    assert len(result.body) == 3


def test_a_pages_closing_furniture_stays_out_of_the_body() -> None:
    text = f"Deal stalls\n\n{BODY}\nShare this article.\n\nAll rights reserved.\n"
    result = extract(text.encode(), source="scraped.txt")
    assert len(result.body) == 2


def test_a_lone_furniture_word_above_the_body_is_no_headline() -> None:
    for line in ("Home", "Staff Reports", "BAAR, SWITZERLAND"):
        result = extract(f"{line}\n\n{BODY}".encode(), source="scraped.txt")
        assert result.headline_derived, line


def test_a_long_first_sentence_is_shortened_at_a_word_boundary() -> None:
    sentence = " ".join(["word"] * 60) + "."
    result = extract(f"{sentence}\n\n{BODY}".encode(), source="long.txt")
    assert result.headline_derived
    assert result.headline.endswith("…")
    assert 20 <= len(result.headline) <= 100
    assert all(word == "word" for word in result.headline.rstrip("…").split())


def test_metadata_and_headline_on_one_line_are_both_read() -> None:
    result = extract(METADATA_FIRST.encode(), source="scraped.txt")
    assert result.headline == HEADLINE
    assert not result.headline_derived
    assert result.date == "2024-05-08"
    assert result.body[0].startswith("Armenia's prime minister stepped down")


def test_a_story_with_its_headline_is_not_derived() -> None:
    result = extract(f"{HEADLINE}\n\n{BODY}".encode(), source="story.txt")
    assert result.headline == HEADLINE and not result.headline_derived


def run(env: dict[str, str], *args: str, stdin: bytes) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "polywire", *args],
        input=stdin,
        capture_output=True,
        env=env,
        timeout=120,
    )


@pytest.mark.parametrize("text", [BODY, METADATA_FIRST])
def test_extract_command_accepts_it(subprocess_env: dict[str, str], text: str) -> None:
    done = run(subprocess_env, "extract", "-", "--json", stdin=text.encode())
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["headline_derived"] is (text == BODY)
    shown = run(subprocess_env, "extract", "-", stdin=text.encode())
    assert shown.returncode == 0, shown.stderr
    derived_note = b"headline derived from the body" in shown.stderr
    assert derived_note is (text == BODY)


@pytest.mark.parametrize("text", [BODY, METADATA_FIRST])
def test_submit_command_accepts_it(subprocess_env: dict[str, str], text: str) -> None:
    done = run(subprocess_env, "submit", "-", "--no-wait", stdin=text.encode())
    assert done.returncode == 0, done.stderr
    assert len(done.stdout.strip()) == 32


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    from polywire.web.app import create_app

    wire = Wire(load_settings(data_dir=tmp_path / "data", languages=[]))
    try:
        with TestClient(create_app(wire)) as test_client:
            yield test_client
    finally:
        wire.close()


@pytest.mark.parametrize("text", [BODY, METADATA_FIRST])
def test_the_api_accepts_it(client: TestClient, text: str) -> None:
    response = client.post("/v1/stories", json={"content": text})
    assert response.status_code == 201, response.text
    story = client.get(f"/v1/stories/{response.json()['id']}").json()
    headline = story["versions"][0]["headline"]
    assert headline == HEADLINE if text == METADATA_FIRST else headline.startswith("Armenia's")
