"""The review policy (issue 16, finding 3: bad machine translations went out as "check: pass"
with no editor, and no setting made them wait): per publisher, language and engine, from
settings, the HTTP API, the command line and the desk; applied by the pipeline when a
translation is checked."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient
from newsroom.conftest import sign_in

from polywire.check.model import Finding, Report, Severity, Verdict
from polywire.cli import main
from polywire.config import load_settings
from polywire.domain import Rendition, RenditionState, StoryState
from polywire.publish.editorial.policy import engines_of, policy_for, state_after_check
from polywire.services import StoryService
from polywire.settings.check import CheckSettings
from polywire.settings.review import Policy, Rule
from polywire.store import stories as store
from polywire.wire import Wire
from review.conftest import (
    PASSWORD,
    STORY,
    received_in_spanish,
    run_jobs,
    state_of,
    token_for,
)

WIRE_RULES = [Rule(Policy.REVIEW, engine="apertium"), Rule(Policy.REVIEW, engine="pivot")]


def made_by(engine: str, language: str = "es") -> Rendition:
    return Rendition("s", 1, language, RenditionState.PENDING, engine=engine)


def received_story(wire: Wire, jobs: str, publisher: str = "acme") -> str:
    """A story of its own whose Spanish, received from a partner wire, is faithful (its check
    passes)."""
    return received_in_spanish(wire, jobs, publisher=publisher)


def check_of(wire: Wire, story_id: str) -> dict[str, object]:
    with wire.database.read() as conn:
        return store.get_rendition(conn, story_id, 1, "es").check or {}


# --- the rule itself -------------------------------------------------------------------------


def test_by_default_rule_based_and_pivot_translations_wait_and_the_rest_go_out() -> None:
    rules = load_settings().review.wire_rules()
    assert policy_for(rules, Policy.AUTO, "acme", made_by("apertium"))[0] == Policy.REVIEW
    pivoted = made_by("ctranslate2>ctranslate2 (via en)", "pt")
    assert engines_of(pivoted) == {"ctranslate2", "pivot"}
    assert policy_for(rules, Policy.AUTO, "acme", pivoted)[0] == Policy.REVIEW
    for engine in ("ctranslate2", "openai", "received", "ctranslate2+human"):
        assert policy_for(rules, Policy.AUTO, "acme", made_by(engine))[0] == Policy.AUTO


def test_the_most_specific_rule_wins_then_the_strictest() -> None:
    own = [
        Rule(Policy.AUTO, "acme", "es", "*"),
        Rule(Policy.HOLD_ON_FINDINGS, "acme", "*", "openai"),
        Rule(Policy.REVIEW, "acme", "*", "ctranslate2"),
    ]
    rules = [*WIRE_RULES, *own]
    # the publisher's Spanish rule beats the wire's Apertium rule
    assert policy_for(rules, Policy.AUTO, "acme", made_by("apertium"))[0] == Policy.AUTO
    # and names a region of its language too; another publisher keeps the wire's
    assert policy_for(rules, Policy.AUTO, "acme", made_by("apertium", "es-MX"))[0] == Policy.AUTO
    assert policy_for(rules, Policy.AUTO, "globex", made_by("apertium"))[0] == Policy.REVIEW
    # two engines, two equally specific rules: the strictest
    mixed = made_by("openai+ctranslate2", "fr")
    policy, rule = policy_for(rules, Policy.AUTO, "acme", mixed)
    assert (policy, rule) == (Policy.REVIEW, own[2])


def test_what_each_policy_does_with_a_checked_translation() -> None:
    check = CheckSettings()
    clean = Report("en", "es", Verdict.PASS, True)
    minor = Report(
        "en", "es", Verdict.PASS, True, [Finding(1, "names", Severity.MINOR, "Navega Air", "", "m")]
    )
    doubtful = Report(
        "en", "es", Verdict.REVIEW, True, [Finding(1, "numbers", Severity.MAJOR, "500", "600", "m")]
    )
    machine, editor = made_by("apertium"), made_by("human")
    expected = {
        Policy.AUTO: ("checked", "checked", "needs_review"),
        Policy.HOLD_ON_FINDINGS: ("checked", "needs_review", "needs_review"),
        Policy.REVIEW: ("needs_review", "needs_review", "needs_review"),
    }
    for policy, states in expected.items():
        found = tuple(
            state_after_check(policy, machine, report, check).value
            for report in (clean, minor, doubtful)
        )
        assert found == states, policy
        # what an editor wrote is the review: it follows its check
        assert state_after_check(policy, editor, clean, check) == RenditionState.CHECKED


# --- the pipeline applies it -------------------------------------------------------------------


def test_a_publishers_rule_holds_what_the_check_passed(wire: Wire, client: TestClient) -> None:
    passed = received_story(wire, "500")
    assert state_of(wire, passed) == RenditionState.RELEASED  # received, passing: auto
    assert check_of(wire, passed)["policy"] == "auto"

    answer = client.put(
        "/v1/review-policy",
        json={"rules": [{"language": "es", "policy": "review"}]},
        headers=token_for(wire, "eve"),
    )
    assert answer.status_code == 200, answer.text
    assert answer.json()["rules"] == [{"language": "es", "engine": "*", "policy": "review"}]

    held = received_story(wire, "510")
    assert state_of(wire, held) == RenditionState.NEEDS_REVIEW
    check = check_of(wire, held)
    assert (check["verdict"], check["policy"]) == ("pass", "review")
    assert check["policy_rule"] == {
        "publisher": "acme",
        "language": "es",
        "engine": "*",
        "policy": "review",
    }
    # another publisher's Spanish is not held by acme's rule
    theirs = received_story(wire, "520", publisher="globex")
    assert state_of(wire, theirs) == RenditionState.RELEASED


def test_apertium_translations_wait_for_an_editor_by_default(tmp_path: Path) -> None:
    wire = Wire(load_settings(data_dir=tmp_path / "data", languages=["es"]))
    try:
        story_id = (
            StoryService(wire).submit(None, STORY, source="story.txt", language="en").story_id
        )
        run_jobs(wire)
        with wire.database.read() as conn:
            spanish_rendition = store.get_rendition(conn, story_id, 1, "es")
        assert spanish_rendition.engine == "apertium"
        assert spanish_rendition.state == RenditionState.NEEDS_REVIEW
        assert (spanish_rendition.check or {})["policy_rule"]["engine"] == "apertium"
        assert [s.id for s in StoryService(wire).stories(None, state=StoryState.NEEDS_REVIEW)] == [
            story_id
        ]
    finally:
        wire.close()


def test_the_wires_rules_come_from_settings(tmp_path: Path) -> None:
    settings = load_settings(
        data_dir=tmp_path / "data",
        languages=["es"],
        review={"default": "review", "rules": [{"engine": "apertium", "policy": "auto"}]},
    )
    wire = Wire(settings)
    try:
        story_id = (
            StoryService(wire).submit(None, STORY, source="story.txt", language="en").story_id
        )
        run_jobs(wire)
        assert state_of(wire, story_id) == RenditionState.RELEASED
    finally:
        wire.close()
    with pytest.raises(ValueError, match="engine: unknown engine 'deepl'"):
        load_settings(review={"rules": [{"engine": "deepl", "policy": "auto"}]})


# --- the doors ---------------------------------------------------------------------------------


def test_the_api_keeps_each_publisher_to_its_own_policy(wire: Wire, client: TestClient) -> None:
    acme = token_for(wire, "acme")
    shown = client.get("/v1/review-policy", headers=acme).json()
    assert shown["publisher"] == "acme" and shown["rules"] == []
    assert {(r["engine"], r["policy"]) for r in shown["wire_rules"]} == {
        ("apertium", "review"),
        ("pivot", "review"),
    }
    assert shown["policies"]["review"] == "every machine translation waits for an editor"

    other = client.get("/v1/review-policy", params={"publisher": "globex"}, headers=acme)
    assert other.status_code == 403 and "another publisher" in other.json()["detail"]
    admin = client.get(
        "/v1/review-policy", params={"publisher": "globex"}, headers=token_for(wire, "ada")
    )
    assert admin.status_code == 200 and admin.json()["publisher"] == "globex"

    for rule, said in (
        ({"language": "english", "policy": "review"}, "language english: not a BCP 47"),
        ({"engine": "deepl", "policy": "review"}, "engine: unknown engine 'deepl'"),
        ({"policy": "sometimes"}, "policy: unknown policy 'sometimes'"),
    ):
        bad = client.put("/v1/review-policy", json={"rules": [rule]}, headers=acme)
        assert bad.status_code == 422 and said in bad.json()["detail"], bad.text
    assert client.get("/v1/review-policy", headers=acme).json()["rules"] == []

    rules = [{"engine": "apertium", "policy": "auto"}, {"language": "pt-BR", "policy": "review"}]
    done = client.put("/v1/review-policy", json={"rules": rules}, headers=acme)
    assert done.json()["rules"] == [
        {"language": "*", "engine": "apertium", "policy": "auto"},
        {"language": "pt-BR", "engine": "*", "policy": "review"},
    ]
    unauthenticated = client.put("/v1/review-policy", json={"rules": []})
    assert unauthenticated.status_code == 401


def test_the_command_line_sets_and_shows_a_policy(tmp_path: Path) -> None:
    runner = CliRunner()
    store_options = ["--data-dir", str(tmp_path / "data"), "--publisher", "acme"]

    def run(*args: str) -> str:
        result = runner.invoke(main, ["review", "policy", *args, *store_options])
        assert result.exit_code == 0, result.output
        return result.output

    run("set", "review", "--language", "es")
    run("set", "hold-on-findings", "--engine", "openai")
    shown = run("show")
    assert shown.splitlines() == [
        "review policy of acme:",
        "  *        openai       hold-on-findings  (publisher)",
        "  es       *            review            (publisher)",
        "  *        apertium     review            (wire)",
        "  *        pivot        review            (wire)",
        "  *        *            auto              (wire default)",
    ]
    run("unset", "--language", "es")
    assert "review            (publisher)" not in run("show")
    bad = runner.invoke(
        main, ["review", "policy", "set", "review", "-l", "english", *store_options]
    )
    assert bad.exit_code == 2 and "language english: not a BCP 47" in bad.output


def test_the_desk_sets_a_rule_with_a_form(wire: Wire, client: TestClient) -> None:
    sign_in(client, "eve", PASSWORD)
    page = client.get("/desk/review-policy")
    assert page.status_code == 200 and "Review policy of acme" in page.text
    csrf = page.text.split('name="csrf" value="')[1].split('"')[0]
    saved = client.post(
        "/desk/review-policy",
        data={"csrf": csrf, "language": "es", "engine": "*", "policy": "review"},
    )
    assert saved.status_code == 200 and "es by any engine: review" in saved.text
    assert client.get("/v1/review-policy").json()["rules"] == [
        {"language": "es", "engine": "*", "policy": "review"}
    ]
    bad = client.post(
        "/desk/review-policy",
        data={"csrf": csrf, "language": "spanish", "engine": "*", "policy": "review"},
    )
    assert bad.status_code == 422 and "not a BCP 47 language tag" in bad.text
    removed = client.post(
        "/desk/review-policy",
        data={"csrf": csrf, "language": "es", "engine": "*", "policy": "wire"},
    )
    assert "es by any engine: the wire&#39;s rules apply" in removed.text
    assert client.get("/desk/review-policy", params={"publisher": "globex"}).status_code == 403
    client.cookies.clear()
    sign_in(client, "ada", PASSWORD)  # an admin, bound to no publisher, picks one
    theirs = client.get("/desk/review-policy", params={"publisher": "globex"})
    assert "Review policy of globex" in theirs.text and 'id="p-publisher"' in theirs.text
