"""`polywire extract FILE [--json]` as a user runs it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

SAMPLES = Path(__file__).parent / "samples"
KEYS = {
    "headline", "language", "date", "dateline", "byline", "credit", "captions", "body",
    "sectors", "notices", "headline_derived", "about", "contacts", "pictures", "subheadline",
}  # fmt: skip


def polywire(
    env: dict[str, str], *args: str, stdin: bytes | None = None
) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "polywire", *args],
        input=stdin,
        capture_output=True,
        env=env,
        timeout=60,
    )


def test_json_contract(subprocess_env: dict[str, str]) -> None:
    done = polywire(subprocess_env, "extract", str(SAMPLES / "en-ap-scraped.txt"), "--json")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert set(result) == KEYS
    assert result["dateline"] == {"place": "MOSCOW", "source": "AP"}
    assert all(isinstance(p, str) for p in result["body"])


def test_reader_text_from_stdin(subprocess_env: dict[str, str]) -> None:
    page = (SAMPLES / "de-release-redistributed.txt").read_bytes()
    done = polywire(subprocess_env, "extract", "-", stdin=page)
    assert done.returncode == 0, done.stderr
    text = done.stdout.decode()
    assert text.startswith("Solarhersteller eröffnet neues Werk in Sachsen\n\n")
    assert "\n\nDRESDEN (BrandWire) — Die Sonnfeld AG hat am Dienstag" in text
    assert text.rstrip().endswith("Sectors: Energie, Industrie, Umwelt")


def test_bad_input_is_a_one_line_error(subprocess_env: dict[str, str], tmp_path: Path) -> None:
    file = tmp_path / "headline.txt"
    file.write_bytes(b"Just a headline")
    done = polywire(subprocess_env, "extract", str(file), "--json")
    assert done.returncode == 2
    assert done.stdout == b""
    assert (
        done.stderr.decode()
        == f"polywire: error: {file}: no story found: no paragraph of running text\n"
    )


def test_missing_file(subprocess_env: dict[str, str], tmp_path: Path) -> None:
    done = polywire(subprocess_env, "extract", str(tmp_path / "nope.txt"))
    assert done.returncode == 2
    assert b"no such file" in done.stderr
