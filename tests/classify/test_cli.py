"""`polywire classify FILE [--json]`: the contract, as a user runs it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from .stories import STORIES


def _run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "polywire", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


def test_json_contract(tmp_path: Path, subprocess_env: dict[str, str]) -> None:
    story = STORIES[2]  # German earthquake in Turkey
    path = tmp_path / "story.txt"
    path.write_text(story.text(), encoding="utf-8")
    done = _run(["classify", str(path), "--json"], subprocess_env)
    assert done.returncode == 0, done.stderr
    document = json.loads(done.stdout)
    assert set(document) >= {"topics", "sectors", "regions", "urgency"}
    topic = document["topics"][0]
    assert topic["code"] == "medtop:03000000"
    assert isinstance(topic["label"], str) and isinstance(topic["confidence"], float)
    assert all(isinstance(word, str) for word in topic["evidence"])
    assert document["sectors"] == ["Disasters & Accidents"]
    assert document["regions"][0] == {
        "code": "TR",
        "name": "Türkiye",
        "evidence": document["regions"][0]["evidence"],
    }
    assert isinstance(document["urgency"], int) and 1 <= document["urgency"] <= 9


def test_text_output(tmp_path: Path, subprocess_env: dict[str, str]) -> None:
    path = tmp_path / "story.txt"
    path.write_text(STORIES[1].text(), encoding="utf-8")
    done = _run(["classify", str(path)], subprocess_env)
    assert done.returncode == 0, done.stderr
    assert "medtop:15000000  sport" in done.stdout
    assert "sectors: Sports" in done.stdout


def test_missing_file_is_named(tmp_path: Path, subprocess_env: dict[str, str]) -> None:
    done = _run(["classify", str(tmp_path / "nope.txt"), "--json"], subprocess_env)
    assert done.returncode == 2
    assert "nope.txt: no such file" in done.stderr


def test_correct_then_classify_learns(tmp_path: Path, subprocess_env: dict[str, str]) -> None:
    from .conftest import HACK_A, HACK_B

    first = tmp_path / "a.txt"
    first.write_text(HACK_A, encoding="utf-8")
    second = tmp_path / "b.txt"
    second.write_text(HACK_B, encoding="utf-8")
    submitted = _run(["submit", str(first), "--no-wait"], subprocess_env)
    assert submitted.returncode == 0, submitted.stderr
    story_id = submitted.stdout.strip().splitlines()[-1]

    done = _run(
        ["classify", "correct", story_id, "--topic", "medtop:02000000", "--region", "US", "--json"],
        subprocess_env,
    )
    assert done.returncode == 0, done.stderr
    corrected = json.loads(done.stdout)
    assert [t["code"] for t in corrected["topics"]] == ["medtop:02000000"]
    assert corrected["learned_from"] == 1

    done = _run(["classify", str(second), "--json"], subprocess_env)
    assert done.returncode == 0, done.stderr
    document = json.loads(done.stdout)
    assert document["topics"][0]["code"] == "medtop:02000000"
    assert document["learned_from"] == 1


def test_correct_needs_something_to_change(subprocess_env: dict[str, str]) -> None:
    done = _run(["classify", "correct", "abc"], subprocess_env)
    assert done.returncode == 2
    assert "give at least one --topic, --region or --urgency" in done.stderr


def test_unreachable_store_is_named(tmp_path: Path, subprocess_env: dict[str, str]) -> None:
    from helpers import free_port

    path = tmp_path / "story.txt"
    path.write_text(STORIES[1].text(), encoding="utf-8")
    url = f"postgresql+psycopg://nobody@127.0.0.1:{free_port()}/none"
    done = _run(["classify", str(path), "--database-url", url], subprocess_env)
    assert done.returncode == 2
    assert "cannot read editors' corrections" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
