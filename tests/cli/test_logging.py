"""Commands log warnings only, unless `-v` asks for what the wire does."""

from __future__ import annotations

import subprocess
import sys

from review.conftest import STORY


def polywire(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "polywire", *args],
        env={**env, "POLYWIRE_LANGUAGES": "[]"},
        input=STORY.decode(),
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_a_command_is_quiet_unless_asked(subprocess_env: dict[str, str]) -> None:
    quiet = polywire(subprocess_env, "submit", "-", "--language", "en")
    assert quiet.returncode == 0, quiet.stderr
    assert quiet.stderr == ""
    told = polywire(subprocess_env, "-v", "submit", "-", "--language", "en")
    assert told.returncode == 0, told.stderr
    assert " INFO    polywire.wire: story " in told.stderr and "received again" in told.stderr
    assert " DEBUG " not in told.stderr
