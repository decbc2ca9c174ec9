"""The command line as a user runs it: real subprocesses of `python -m polywire`."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import httpx
from helpers import free_port

from spine.samples import STORY


def polywire(
    env: dict[str, str], *args: str, stdin: bytes | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "polywire", *args],
        env=env,
        input=stdin.decode() if stdin is not None else None,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_quick_start_demo_once(subprocess_env: dict[str, str]) -> None:
    result = polywire(subprocess_env, "demo", "--once", "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["stories"] == 5
    assert report["versions"] == 5
    # the default target languages are the ones Apertium can reach from English here; by the
    # default review policy, Apertium's translations (and pivots) wait for an editor
    assert report["languages"] == ["en"]
    assert report["renditions"] == {"released": 5, "needs_review": 15}
    assert report["events"] == report["renditions"]["released"]
    assert set(report["jobs"]) == {"done"}
    again = polywire(subprocess_env, "demo", "--once")
    assert again.returncode == 0
    assert again.stdout.startswith("stories: 5  versions: 5  languages: en  events: ")


def test_submit_list_and_show(subprocess_env: dict[str, str], tmp_path: Path) -> None:
    story = tmp_path / "story.txt"
    story.write_bytes(STORY)
    submitted = polywire(subprocess_env, "submit", str(story), "--sector", "Business")
    assert submitted.returncode == 0, submitted.stderr
    story_id = submitted.stdout.strip()
    assert len(story_id) == 32

    listed = polywire(subprocess_env, "stories")
    # the source is out; its Apertium translations wait for an editor (the review policy)
    assert listed.stdout.startswith(f"{story_id}  v1  needs_review")
    assert "en:released es:needs_review" in listed.stdout

    shown = polywire(subprocess_env, "show", story_id, "--json")
    document = json.loads(shown.stdout)
    assert document["versions"][0]["sectors"] == ["Business"]
    assert document["versions"][0]["renditions"][0]["state"] == "released"

    updated = polywire(
        subprocess_env,
        "submit",
        "-",
        "--update",
        story_id,
        "--correction",
        "job count",
        stdin=STORY.replace(b"500 jobs", b"550 jobs"),
    )
    assert updated.stdout.strip() == story_id
    text = polywire(subprocess_env, "show", story_id).stdout
    assert "version 2" in text and "correction: job count" in text and "550 jobs" in text


def test_bad_input_exits_2_with_one_line(subprocess_env: dict[str, str], tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "image.png"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20)
    cases = {
        (str(empty),): f"{empty}: input is empty",
        (str(binary),): f"{binary}: input is binary",
        (str(tmp_path / "missing.txt"),): "missing.txt: no such file",
    }
    for args, message in cases.items():
        result = polywire(subprocess_env, "submit", *args)
        assert result.returncode == 2, result.stderr
        assert message in result.stderr.strip().splitlines()[-1]
    result = polywire(subprocess_env, "show", "no-such-story")
    assert result.returncode == 2
    assert result.stderr.strip().endswith("story 'no-such-story': no such story")
    assert "no stories yet" in polywire(subprocess_env, "stories").stdout


def test_submit_to_a_running_wire(subprocess_env: dict[str, str], tmp_path: Path) -> None:
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "polywire", "serve", "--port", str(port)],
        env=subprocess_env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert server.stdout is not None
        assert server.stdout.readline().startswith(f"polywire serving on http://127.0.0.1:{port}")
        story = tmp_path / "story.txt"
        story.write_bytes(STORY)
        api = f"http://127.0.0.1:{port}"
        submitted = polywire(subprocess_env, "submit", str(story), "--api", api)
        assert submitted.returncode == 0, submitted.stderr
        story_id = submitted.stdout.strip()
        assert httpx.get(f"{api}/v1/stories/{story_id}").json()["id"] == story_id
        listed = polywire(subprocess_env, "stories", "--api", api, "--json")
        assert story_id in listed.stdout
        missing = polywire(subprocess_env, "show", "nope", "--api", api)
        assert missing.returncode == 2 and "no such story" in missing.stderr
    finally:
        server.terminate()
        assert server.wait(timeout=30) == 0
