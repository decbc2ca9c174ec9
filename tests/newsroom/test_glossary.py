"""A publisher's glossary from the API, the desk and the CLI: each publisher sees and edits its
own; bad input is named and, on the desk, left in the form to fix."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from fastapi.testclient import TestClient

from newsroom.conftest import sign_in, token_for
from polywire.cli import main
from polywire.domain import Scope
from polywire.wire import Wire


def _auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_a_publisher_token_edits_its_own_glossary(client: TestClient, wire: Wire) -> None:
    acme = _auth(token_for(wire, "acme", Scope.READ, Scope.WRITE))
    globex = _auth(token_for(wire, "globex", Scope.READ, Scope.WRITE))
    answer = client.put(
        "/v1/glossary/press release",
        json={"translations": {"es": "comunicado de prensa", "pt-br": "nota à imprensa"}},
        headers=acme,
    )
    assert answer.status_code == 201, answer.text
    assert answer.json()["translations"] == {
        "es": "comunicado de prensa",
        "pt-BR": "nota à imprensa",
    }
    assert (
        client.put("/v1/glossary/Navega Air", json={"keep": True}, headers=acme).status_code == 201
    )
    replaced = client.put("/v1/glossary/Navega Air", json={"keep": True}, headers=acme)
    assert replaced.status_code == 200

    listed = client.get("/v1/glossary", headers=acme).json()
    assert listed["publisher"] == "acme"
    assert [t["term"] for t in listed["terms"]] == ["Navega Air", "press release"]
    assert listed["terms"][0] == {"term": "Navega Air", "keep": True, "translations": {}}
    assert client.get("/v1/glossary", headers=globex).json() == {"publisher": "globex", "terms": []}

    refused = client.get("/v1/glossary?publisher=acme", headers=globex)
    assert refused.status_code == 403
    assert "edits only its own glossary" in refused.json()["detail"]
    assert client.delete("/v1/glossary/Navega Air", headers=globex).status_code == 404
    assert client.delete("/v1/glossary/Navega Air", headers=acme).status_code == 204
    assert [t["term"] for t in client.get("/v1/glossary", headers=acme).json()["terms"]] == [
        "press release"
    ]


def test_an_admin_names_the_publisher(client: TestClient, wire: Wire) -> None:
    admin = _auth(token_for(wire, "ada", Scope.READ, Scope.WRITE))
    put = client.put("/v1/glossary/Acme Cloud?publisher=acme", json={"keep": True}, headers=admin)
    assert put.status_code == 201
    acme = _auth(token_for(wire, "acme"))
    assert [t["term"] for t in client.get("/v1/glossary", headers=acme).json()["terms"]] == [
        "Acme Cloud"
    ]
    default = client.get("/v1/glossary", headers=admin).json()
    assert default == {"publisher": wire.settings.default_publisher, "terms": []}


def test_bad_terms_are_named(client: TestClient, wire: Wire) -> None:
    acme = _auth(token_for(wire, "acme", Scope.READ, Scope.WRITE))
    cases = [
        ({"translations": {"klingon!": "x"}}, "translations klingon!: not a BCP 47 language tag"),
        ({"translations": {"es": " "}}, "translations.es: empty"),
        ({"keep": True, "translations": {"es": "x"}}, "either keep: true"),
        ({}, "either keep: true"),
        ({"keep": "yes"}, "keep: expected true or false"),
        ({"colour": 1}, "colour: not a field"),
    ]
    for body, message in cases:
        answer = client.put("/v1/glossary/term", json=body, headers=acme)
        assert answer.status_code == 422, body
        assert message in answer.json()["detail"], answer.json()


def test_the_desk_page_keeps_what_was_typed(client: TestClient) -> None:
    sign_in(client, "acme")
    desk = client.get("/desk/glossary")
    assert desk.status_code == 200
    assert 'href="/desk/glossary"' in desk.text and "Glossary of acme" in desk.text
    csrf = desk.text.split('name="csrf" value="')[1].split('"')[0]
    bad = client.post(
        "/desk/glossary",
        data={"csrf": csrf, "term": "Navega Air", "translations": "es Navega Air"},
    )
    assert bad.status_code == 422
    assert "line 1" in bad.text and 'value="Navega Air"' in bad.text
    assert ">es Navega Air</textarea>" in bad.text
    good = client.post("/desk/glossary", data={"csrf": csrf, "term": "Navega Air", "keep": "on"})
    assert good.status_code == 200 and "Navega Air saved." in good.text
    assert "kept as written" in good.text
    other = client.get("/desk/glossary?publisher=globex")
    assert other.status_code == 403
    removed = client.post("/desk/glossary/remove", data={"csrf": csrf, "term": "Navega Air"})
    assert "Navega Air removed." in removed.text and "No terms yet." in removed.text


def test_the_cli_sets_lists_and_removes_terms(tmp_path: Path) -> None:
    runner = CliRunner()
    store = ["--data-dir", str(tmp_path / "data")]
    added = runner.invoke(
        main, ["glossary", "set", "press release", "--to", "es=comunicado de prensa", *store]
    )
    assert added.exit_code == 0, added.output
    assert "press release → es: comunicado de prensa" in added.output
    kept = runner.invoke(main, ["glossary", "set", "Navega Air", "--keep", *store])
    assert kept.exit_code == 0, kept.output
    listed = runner.invoke(main, ["glossary", "list", *store])
    assert listed.output == "Navega Air\tkeep\npress release\tes=comunicado de prensa\n"
    bad = runner.invoke(main, ["glossary", "set", "x", "--to", "es", *store])
    assert bad.exit_code == 2 and "--to es: expected LANG=TEXT" in bad.output
    gone = runner.invoke(main, ["glossary", "remove", "Navega Air", *store])
    assert gone.exit_code == 0 and "Navega Air removed" in gone.output
    missing = runner.invoke(main, ["glossary", "remove", "Navega Air", *store])
    assert missing.exit_code == 2 and "not found" in missing.output
    other = runner.invoke(main, ["glossary", "list", "--publisher", "acme", *store])
    assert other.output == ""
