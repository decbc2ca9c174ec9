"""Lone surrogates at the HTTP doors (issue 13): a JSON body with a broken `\\ud800` escape is
refused with a problem naming the field, and nothing is stored; forms decoded to surrogates
(a multipart form may declare UTF-7) and query parameters give text with U+FFFD. Whatever came
in, the newsroom, the feeds and the API stay up."""

from __future__ import annotations

import asyncio
import json

import pytest
from fastapi.testclient import TestClient
from newsroom.conftest import PASSWORD, sign_in

from polywire.domain import Role
from polywire.publish.subscribers import parse_spec
from polywire.services import StoryService
from polywire.store import accounts
from polywire.store.subscribers import add_subscriber
from polywire.wire import Wire
from surrogates.conftest import STORY, SURFACES, multipart, multipart_type

JSON = {"Content-Type": "application/json"}
DESK = {
    "name": "desk",
    "kind": "desktop",
    "languages": ["en"],
    "destinations": [{"channel": "stream"}],
}


def _raw(document: dict[str, object]) -> bytes:
    """`document` as JSON bytes: json.dumps writes a lone surrogate as the `\\ud800` escape."""
    return json.dumps(document).encode("ascii")


def _release(wire: Wire, sectors: list[str]) -> str:
    submitted = StoryService(wire).submit(
        None, STORY.encode(), source="solar.txt", sectors=sectors, languages=[]
    )
    asyncio.run(wire.worker().run_until_idle())
    return submitted.story_id


def _every_surface_answers(client: TestClient, story_id: str) -> None:
    for path in SURFACES:
        answer = client.get(path.format(id=story_id))
        assert answer.status_code == 200, (path, answer.text[:300])


def test_the_audit_probe_is_refused_and_the_newsroom_stays_up(
    client: TestClient, wire: Wire
) -> None:
    probe = {"content": STORY, "sectors": ["E\ud800"], "languages": []}
    answer = client.post("/v1/stories", content=_raw(probe), headers=JSON)
    assert answer.status_code == 400, answer.text
    assert answer.headers["content-type"] == "application/problem+json"
    assert answer.json()["detail"].startswith("sectors[0]: holds a lone surrogate (\\ud800")
    assert client.get("/v1/stories").json() == {"stories": []}  # nothing stored

    story_id = _release(wire, ["Energy"])
    _every_surface_answers(client, story_id)


@pytest.mark.parametrize(
    ("document", "field"),
    [
        ({"content": "Harbor \ud800 Valley " + STORY}, "content"),
        ({"content": STORY, "filename": "solar\ud800.txt"}, "filename"),
        ({"content": STORY, "language": "e\udc00n"}, "language"),
        ({"content": STORY, "languages": ["es", "\udfff"]}, "languages[1]"),
        ({"content": STORY, "embargoed": "2026-12-01T09:00\ud800Z"}, "embargoed"),
        ({"content": STORY, "correction_reason": "typo\ud800"}, "correction_reason"),
        ({"content": STORY, "sect\ud800ors": []}, "request body: key 'sect\ufffdors'"),
    ],
)
def test_a_story_body_is_refused_naming_the_field(
    client: TestClient, document: dict[str, object], field: str
) -> None:
    for path in ("/v1/stories", "/v1/stories/0123456789abcdef0123456789abcdef/versions"):
        answer = client.post(path, content=_raw(document), headers=JSON)
        assert answer.status_code == 400, answer.text
        assert answer.json()["detail"].startswith(f"{field}: holds a lone surrogate")
    assert client.get("/v1/stories").json() == {"stories": []}


def test_subscriber_bodies_are_refused_naming_the_field(client: TestClient, wire: Wire) -> None:
    spec = {
        "name": "Desk \ud83d\ude00",  # a pair, escaped as two halves: one character, accepted
        "kind": "outlet",
        "languages": ["en"],
        "destinations": [{"channel": "webhook", "url": "https://hooks.test/\udc80"}],
    }
    answer = client.post("/v1/subscribers", content=_raw(spec), headers=JSON)
    assert answer.status_code == 400, answer.text
    assert answer.json()["detail"].startswith("destinations[0].url: holds a lone surrogate")
    with wire.database.write() as conn:
        subscriber, _ = add_subscriber(conn, parse_spec(DESK))
    edit = {"sectors": ["Energy", "E\ud800"]}
    answer = client.patch(f"/v1/subscribers/{subscriber.id}", content=_raw(edit), headers=JSON)
    assert answer.status_code == 400, answer.text
    assert answer.json()["detail"].startswith("sectors[1]: holds a lone surrogate")
    listed = client.get("/v1/subscribers").json()["subscribers"]
    assert [s["name"] for s in listed] == ["desk"] and listed[0]["sectors"] == []


@pytest.mark.parametrize(
    ("method", "path", "document", "field"),
    [
        ("PUT", "/languages/es", {"headline": "Tit\ud800", "body": ["x"]}, "body.headline"),
        ("PUT", "/languages/es", {"headline": "T", "body": ["ok", "\udc00"]}, "body.body.1"),
        ("POST", "/classification", {"editor": "ada\ud800"}, "body.editor"),
        ("POST", "/classification", {"regions": ["F\ud800"]}, "body.regions.0"),
        ("POST", "/withdraw", {"reason": "wrong\udfff"}, "body.reason"),
    ],
)
def test_model_bodies_are_refused_naming_the_field(
    client: TestClient, wire: Wire, method: str, path: str, document: object, field: str
) -> None:
    story_id = _release(wire, ["Energy"])
    answer = client.request(
        method, f"/v1/stories/{story_id}{path}", content=_raw(document), headers=JSON
    )
    assert answer.status_code == 422, answer.text
    detail = answer.json()["detail"]
    # pydantic refuses a constrained string itself; polywire's Text type refuses the others
    assert detail.startswith(f"{field}: Value error, holds a lone surrogate") or detail.startswith(
        f"{field}: Input should be a valid string, unable to parse raw data as a unicode string"
    ), detail
    assert (
        StoryService(wire).story(None, story_id).story.state.value == "released"
    )  # nothing changed


def test_a_multipart_upload_in_utf7_gives_text(client: TestClient, wire: Wire) -> None:
    """A form decoded with a charset the client declares (UTF-7 decodes `+2AA-` to U+D800): its
    fields and file name become text with U+FFFD, like any undecodable byte, and the story goes
    through."""
    body = multipart(
        [("sectors", "E\ud800"), ("languages", "")],
        charset="utf-7",
        file=("solar\ud800.txt", STORY.encode()),
    )
    answer = client.post("/v1/stories", content=body, headers=multipart_type("utf-7"))
    assert answer.status_code == 201, answer.text
    story_id = answer.json()["id"]
    asyncio.run(wire.worker().run_until_idle())
    assert StoryService(wire).story(None, story_id).versions[0].sectors == ["E\ufffd"]
    _every_surface_answers(client, story_id)


def test_a_websub_form_in_utf7_is_answered(client: TestClient) -> None:
    body = multipart(
        [
            ("hub.mode", "subscribe"),
            ("hub.topic", "http://wire.test/feeds/en/all.rss"),
            ("hub.callback", "https://reader.test/\ud800"),
        ],
        charset="utf-7",
        file=("", b""),
    )
    answer = client.post("/websub", content=body, headers=multipart_type("utf-7"))
    assert answer.status_code < 500, answer.text


def test_query_and_path_parameters_are_text(client: TestClient, wire: Wire) -> None:
    """Starlette decodes a percent-escaped surrogate's bytes (%ED%A0%80) to U+FFFD; a feed
    named so (any sector has a feed, empty until a story is filed under it) is served, its
    `Link` header percent-encoded."""
    story_id = _release(wire, ["Energy"])
    for path in (
        f"/v1/stories/{story_id}/ninjs?lang=%ED%A0%80",
        "/news/%ED%A0%80",
        f"/news/en/{story_id}%ED%A0%80",
        "/feeds/%ED%A0%80/all.rss",
        "/feeds/en/%ED%A0%80.json",
        "/feeds/token/%ED%A0%80.rss",
        "/v1/stories/%ED%A0%80",
    ):
        answer = client.get(path)
        assert answer.status_code < 500, (path, answer.status_code, answer.text[:200])
    feed = client.get("/feeds/ar/%D8%B7%D8%A7%D9%82%D8%A9.rss")  # a sector named in Arabic too
    assert feed.status_code == 200
    assert (
        '<http://wire.test/feeds/ar/%D8%B7%D8%A7%D9%82%D8%A9.rss>; rel="self"'
        in feed.headers["Link"]
    )


def test_a_desk_form_in_utf7_gives_text(client: TestClient, wire: Wire) -> None:
    with wire.database.write() as conn:
        accounts.add_user(conn, "ada", PASSWORD, Role.ADMIN, None)
    sign_in(client, "ada")
    csrf = client.get("/desk/submit").text.split('name="csrf" value="')[1].split('"')[0]
    body = multipart(
        [
            ("csrf", csrf),
            ("language", "en"),
            ("headline", "Harbor Valley opens a solar farm \ud800"),
            ("body", STORY.split("\n\n", 1)[1]),
            ("sectors", "E\udc00"),
        ],
        charset="utf-7",
        file=("", b""),
    )
    sent = client.post(
        "/desk/submit", content=body, headers=multipart_type("utf-7"), follow_redirects=False
    )
    assert sent.status_code == 303, sent.text
    story_id = sent.headers["location"].rsplit("/", 1)[1]
    version = StoryService(wire).story(None, story_id).versions[0]
    assert version.headline == "Harbor Valley opens a solar farm \ufffd"
    assert version.sectors == ["E\ufffd"]
    asyncio.run(wire.worker().run_until_idle())
    _every_surface_answers(client, story_id)
