"""Lone surrogates at the doors that decode bytes (issue 13): an uploaded file, a ninjs document,
a feed. What cannot be decoded becomes U+FFFD, like any undecodable byte, and the story is kept.
On the command line, a text option that is not text is refused, naming it; a file name is not
text and keeps its bytes."""

from __future__ import annotations

import asyncio
import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from polywire.cli import main
from polywire.domain import BadInput
from polywire.ingest.core import extract
from polywire.ingest.feeds.parse import parse_feed
from polywire.wire import Wire
from surrogates.conftest import STORY, SURFACES

HEADLINE, BODY = STORY.split("\n\n", 1)


def _utf16_with_half_a_pair() -> bytes:
    """STORY in UTF-16 with its mark, a high surrogate alone after the headline's first word."""
    first, rest = HEADLINE.split(" ", 1)
    return (
        b"\xff\xfe"
        + f"{first} ".encode("utf-16-le")
        + b"\x00\xd8"
        + f"{rest}\n\n{BODY}".encode("utf-16-le")
    )


def test_a_utf16_file_with_half_a_pair_is_read_with_a_replacement() -> None:
    extraction = extract(_utf16_with_half_a_pair(), source="solar.txt")
    assert extraction.headline == "Harbor \ufffdValley opens a community solar farm"
    assert extraction.body[0].startswith("Harbor Valley Energy Cooperative opened")


def test_an_uploaded_utf16_file_is_released_and_read(client: TestClient, wire: Wire) -> None:
    files = {"file": ("solar.txt", _utf16_with_half_a_pair(), "text/plain")}
    answer = client.post("/v1/stories", files=files, data={"languages": ""})
    assert answer.status_code == 201, answer.text
    asyncio.run(wire.worker().run_until_idle())
    story_id = answer.json()["id"]
    for path in SURFACES:
        assert client.get(path.format(id=story_id)).status_code == 200, path


def test_a_ninjs_escape_of_a_lone_surrogate_is_a_replacement() -> None:
    document = {
        "uri": "urn:other-wire:1",
        "standard": {"name": "ninjs", "version": "2.1"},
        "type": "text",
        "language": "en",
        "headlines": [{"role": "main", "value": "Harbor \ud800Valley opens a solar farm"}],
        "bodies": [{"role": "main", "contenttype": "text/plain", "value": BODY + "\udfff"}],
        "by": "Sam \udc80Lee",
    }
    extraction = extract(json.dumps(document).encode("ascii"), source="other.json")
    assert extraction.headline == "Harbor \ufffdValley opens a solar farm"
    assert extraction.byline == "Sam \ufffdLee"
    assert "\ufffd" in extraction.body[-1]


def test_json_feed_escapes_become_replacements() -> None:
    feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "language": "e\ud800n",
        "items": [
            {
                "id": "urn:x:\ud800",
                "url": "https://news.test/\udc00",
                "title": "Harbor \ud800Valley opens a solar farm",
                "content_text": BODY + "\ud800",
            }
        ],
    }
    [entry] = parse_feed(
        json.dumps(feed).encode("ascii"), "https://news.test/feed.json", content_type=None, limit=5
    )
    assert entry.title == "Harbor \ufffdValley opens a solar farm"
    assert (entry.id, entry.link, entry.language) == (
        "urn:x:\ufffd",
        "https://news.test/\ufffd",
        "e\ufffdn",
    )
    # the entry goes on as any ninjs document, whose language is checked as at every door
    with pytest.raises(BadInput, match=r"language e\ufffdn: not a BCP 47 language tag"):
        extract(entry.to_ninjs(), source=entry.id)


@pytest.mark.parametrize("reference", ["&#xD800;", "&#xdfff;", "&#55296;", "&#0056320;"])
def test_rss_character_references_to_surrogates_become_replacements(reference: str) -> None:
    rss = (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>t</title>'
        f"<item><guid>urn:x:{reference}</guid><title>Harbor {reference}Valley</title>"
        f"<link>https://news.test/{reference}</link>"
        f"<description>{BODY} {reference} &#x263A; &#65;</description></item>"
        "</channel></rss>"
    ).encode()
    [entry] = parse_feed(rss, "https://news.test/rss", content_type=None, limit=5)
    assert entry.title == "Harbor \ufffdValley"
    assert entry.id == "urn:x:\ufffd"
    assert entry.html.endswith("\ufffd \u263a A")  # other references are as they were
    extract(entry.to_ninjs(), source=entry.id)


def test_a_command_line_option_that_is_not_text_is_refused(tmp_path: Path) -> None:
    story = tmp_path / "solar.txt"
    story.write_text(STORY, encoding="utf-8")
    env = {"POLYWIRE_DATA_DIR": str(tmp_path / "data")}
    undecodable = os.fsdecode(b"\xff")  # what Python makes of `--sector $'\xff'`
    runner = CliRunner()
    refused = runner.invoke(main, ["submit", "--sector", undecodable, str(story)], env=env)
    assert refused.exit_code == 2, refused.output
    assert "Invalid value for '--sector': b'\\xff' is not UTF-8 text" in refused.output
    shown = runner.invoke(main, ["show", "abc" + undecodable], env=env)
    assert shown.exit_code == 2 and "Invalid value for 'STORY_ID'" in shown.output


def test_a_file_name_that_is_not_utf8_is_still_read(tmp_path: Path) -> None:
    """A path is bytes to the file system: it keeps them, and the label the store keeps is
    text."""
    named = tmp_path / os.fsdecode(b"solar-\xff.txt")
    named.write_text(STORY, encoding="utf-8")
    env = {"POLYWIRE_DATA_DIR": str(tmp_path / "data")}
    runner = CliRunner()
    submitted = runner.invoke(main, ["submit", "--no-wait", "--to", "", str(named)], env=env)
    assert submitted.exit_code == 0, submitted.output
    story_id = submitted.output.strip().splitlines()[-1]
    shown = runner.invoke(main, ["show", story_id], env=env)
    assert shown.exit_code == 0 and HEADLINE in shown.output
