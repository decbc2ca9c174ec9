"""`polywire review` as an operator runs it (real subprocesses): on the embedded store, and
against a running wire's API with an API token."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import free_port

from polywire.domain import RenditionState
from polywire.translate.human import human_key
from polywire.translate.sql_memory import SqlMemory
from polywire.wire import Wire
from review.conftest import (
    SPANISH_HEADLINE,
    add_people,
    held_story,
    run_jobs,
    spanish,
    state_of,
    token_for,
    wire_settings,
)

NUMBERS_FINDING = (
    "  paragraph 1: numbers, major: The number 500 of the source is not in the translation, "
    "which has 600 where the source has no such number."
)


def polywire(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "polywire", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def translation_file(tmp_path: Path, jobs: str) -> Path:
    file = tmp_path / f"es-{jobs}.txt"
    file.write_text(f"{SPANISH_HEADLINE}\n\n" + "\n\n".join(spanish(jobs)) + "\n", "utf-8")
    return file


@pytest.fixture
def store_wire(subprocess_env: dict[str, str]) -> Iterator[Wire]:
    """The wire in the data directory the subprocesses use (closed while they run)."""
    wire = Wire(wire_settings(Path(subprocess_env["POLYWIRE_DATA_DIR"])))
    yield wire
    wire.close()


def test_review_on_the_embedded_store(
    subprocess_env: dict[str, str], store_wire: Wire, tmp_path: Path
) -> None:
    story_id = held_story(store_wire)
    run_jobs(store_wire)
    store_wire.close()

    held = polywire(subprocess_env, "review", "hold", story_id, "--language", "es")
    assert held.returncode == 0, held.stderr
    assert held.stdout.splitlines() == [
        "es: held for review (state: needs_review, check: review)",
        NUMBERS_FINDING,
    ]

    bad_file = tmp_path / "headline-only.txt"
    bad_file.write_text(SPANISH_HEADLINE, "utf-8")
    refused = polywire(subprocess_env, "review", "edit", story_id, "-l", "es", str(bad_file))
    assert refused.returncode == 2
    assert refused.stderr.strip().endswith(
        f"{bad_file}: a translation needs the headline on its first line, the subheadline (if "
        "any) on the next, a blank line, then the paragraphs separated by blank lines"
    )

    good_file = str(translation_file(tmp_path, "500"))
    fixed = polywire(subprocess_env, "review", "edit", story_id, "-l", "es", good_file)
    assert fixed.returncode == 0, fixed.stderr
    assert fixed.stdout == "es: saved, checked: pass (state: checked, check: pass)\n"
    polywire(subprocess_env, "review", "hold", story_id, "-l", "es")

    approved = polywire(subprocess_env, "review", "approve", story_id, "-l", "es", "--json")
    assert approved.returncode == 0, approved.stderr
    answer = json.loads(approved.stdout)
    assert (answer["state"], answer["verdict"]) == ("released", "pass")  # the release job ran

    left = polywire(subprocess_env, "review", "release", story_id)
    assert left.stdout == f"{story_id}: nothing left to release\n"
    missing = polywire(subprocess_env, "review", "approve", "nope", "-l", "es")
    assert missing.returncode == 2
    assert missing.stderr.strip().endswith("story 'nope': no such story")

    reopened = Wire(wire_settings(Path(subprocess_env["POLYWIRE_DATA_DIR"])))
    try:
        assert state_of(reopened, story_id) == RenditionState.RELEASED
        source = "Acme Ltd opened a solar plant in Leeds on Monday, creating 500 jobs."
        key = human_key(source, "en", "es")
        assert SqlMemory(reopened.database).lookup([key]) == {key: spanish("500")[0]}
    finally:
        reopened.close()


def test_review_against_a_running_wire(
    subprocess_env: dict[str, str], store_wire: Wire, tmp_path: Path
) -> None:
    add_people(store_wire)
    ours = held_story(store_wire, "acme")
    theirs = held_story(store_wire, "globex")
    run_jobs(store_wire)
    editor = token_for(store_wire, "eve")["Authorization"].removeprefix("Bearer ")
    store_wire.close()
    port = free_port()
    api = f"http://127.0.0.1:{port}"
    server_env = {**subprocess_env, "POLYWIRE_AUTH__REQUIRED": "true", "POLYWIRE_LANGUAGES": "[]"}
    server = subprocess.Popen(
        [sys.executable, "-m", "polywire", "serve", "--port", str(port)],
        env=server_env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    operator = {**subprocess_env, "POLYWIRE_API_TOKEN": editor}
    try:
        assert server.stdout is not None
        assert server.stdout.readline().startswith(f"polywire serving on {api}")

        held = polywire(operator, "review", "hold", ours, "-l", "es", "--api", api)
        assert held.returncode == 0, held.stderr
        assert held.stdout.splitlines() == [
            "es: held for review (state: needs_review, check: review)",
            NUMBERS_FINDING,
        ]
        fixed = polywire(
            operator,
            "review",
            "edit",
            ours,
            "-l",
            "es",
            str(translation_file(tmp_path, "500")),
            "--api",
            api,
        )
        assert fixed.returncode == 0, fixed.stderr
        assert fixed.stdout == "es: saved, checked: pass (state: checked, check: pass)\n"
        released = polywire(operator, "review", "release", ours, "--api", api, "--json")
        assert released.returncode == 0, released.stderr
        answer = json.loads(released.stdout)
        assert [a["language"] for a in answer["approved"]] == ["es"]

        approved = polywire(operator, "review", "approve", theirs, "-l", "es", "--api", api)
        assert approved.returncode == 2
        assert "403" in approved.stderr and "belongs to another publisher" in approved.stderr
        german = polywire(operator, "review", "approve", ours, "-l", "de", "--api", api)
        assert german.returncode == 2
        assert german.stderr.strip().endswith(
            f"story '{ours}' version 1 has no 'de' (its languages: en, es)"
        )
        anonymous = polywire(subprocess_env, "review", "hold", ours, "-l", "es", "--api", api)
        assert anonymous.returncode == 2 and "401" in anonymous.stderr

        # the review policy, over the API: the editor's publisher's, never another's
        policy = polywire(operator, "review", "policy", "set", "review", "-l", "pt", "--api", api)
        assert policy.returncode == 0, policy.stderr
        assert policy.stdout.splitlines()[:2] == [
            "review policy of acme:",
            "  pt       *            review            (publisher)",
        ]
        other = ("review", "policy", "show", "--publisher", "globex", "--api", api)
        refused = polywire(operator, *other)
        assert refused.returncode == 2 and "belongs to another publisher" in refused.stderr
    finally:
        server.terminate()
        assert server.wait(timeout=30) == 0
