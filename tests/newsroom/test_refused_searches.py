"""A mistaken or hostile headline search through every door: the API's `q=`, the command line's
`--search` on the store and the desk's box. LIKE's wildcards are searched as
themselves; a search holding a control character (U+0000 made SQLite find every story) or longer
than `MAX_SEARCH` is refused naming the search and the problem, on the desk as a page; blank is
no search."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from newsroom.conftest import sign_in, token_for
from polywire.cli import main
from polywire.domain import Scope
from polywire.services import StoryService
from polywire.services.stories import MAX_SEARCH
from polywire.wire import Wire

from .stories import ACME_STORY, GLOBEX_STORY

NUL_REFUSED = "search 'ship\\x00': holds the control character U+0000"


@pytest.fixture
def two_stories(wire: Wire) -> None:
    service = StoryService(wire)
    service.submit(None, ACME_STORY, source="acme.txt", publisher="acme")
    service.submit(None, GLOBEX_STORY, source="globex.txt", publisher="globex")


@pytest.mark.usefixtures("two_stories")
def test_the_api_refuses_a_control_character_and_finds_wildcards_as_themselves(
    client: TestClient, wire: Wire
) -> None:
    admin = {"Authorization": f"Bearer {token_for(wire, 'ada', Scope.READ)}"}

    def searched(q: str) -> list[object]:
        answer = client.get("/v1/stories", params={"q": q}, headers=admin)
        assert answer.status_code == 200, answer.text
        return list(answer.json()["stories"])

    for wildcard in ("%", "_", "\\", "%%", "a_b"):
        assert searched(wildcard) == []
    assert len(searched("  ")) == 2  # blank is no search

    refused = client.get("/v1/stories", params={"q": "ship\x00"}, headers=admin)
    assert refused.status_code == 422
    assert refused.json()["detail"].startswith(NUL_REFUSED)
    too_long = client.get("/v1/stories", params={"q": "a" * (MAX_SEARCH + 1)}, headers=admin)
    assert too_long.status_code == 422
    assert "query.q" in too_long.json()["detail"]


@pytest.mark.usefixtures("two_stories")
def test_the_command_line_refuses_them_on_the_store(wire: Wire) -> None:
    data_dir = ["--data-dir", str(wire.settings.data_dir)]

    def polywire(search: str) -> tuple[int, str]:
        result = CliRunner().invoke(main, ["stories", "--search", search, *data_dir])
        return result.exit_code, result.output

    code, output = polywire("a" * (MAX_SEARCH + 1))
    assert code != 0
    assert f"{MAX_SEARCH + 1} characters; a search holds {MAX_SEARCH} at most" in output
    code, output = polywire("ship\x07")
    assert code != 0 and "holds the control character U+0007" in output
    assert polywire("%") == (0, "no story's headline holds '%'\n")


@pytest.mark.usefixtures("two_stories")
def test_the_desk_answers_a_refused_search_with_a_page(client: TestClient) -> None:
    sign_in(client, "ada")
    page = client.get("/desk", params={"q": "ship\x00"})
    assert page.status_code == 422
    assert page.headers["content-type"].startswith("text/html")
    assert "holds the control character U+0000" in page.text
    # the desk's script reads the list as JSON, and its refusal too
    listed = client.get("/desk/stories.json", params={"q": "ship\x00"})
    assert listed.status_code == 422
    assert listed.json()["detail"].startswith(NUL_REFUSED)
