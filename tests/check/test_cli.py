"""`polywire check` as a user runs it: two story files in, a verdict and findings out."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from check.corpus import SOLAR, SOLAR_TRANSLATIONS, STRIKE, STRIKE_TRANSLATIONS
from check.faults import edit
from polywire.check import Text


def write_story(path: Path, text: Text) -> str:
    path.write_text(text.headline + "\n\n" + "\n\n".join(text.paragraphs) + "\n", "utf-8")
    return str(path)


def polywire(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "polywire", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


def test_check_json_follows_the_contract(tmp_path: Path, subprocess_env: dict[str, str]) -> None:
    source = write_story(tmp_path / "source.txt", STRIKE)
    translation = edit(STRIKE_TRANSLATIONS["de"], 1, "am Dienstag", "am Mittwoch")
    target = write_story(tmp_path / "de.txt", translation)
    result = polywire(subprocess_env, "check", source, target, "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["source_language"] == "en"
    assert report["target_language"] == "de"
    assert report["verdict"] == "review"
    assert report["aligned"] is True
    [finding] = report["findings"]
    assert set(finding) == {
        *("paragraph", "check", "severity", "source", "target", "message"),
        *("source_span", "target_span"),
    }
    assert finding["paragraph"] == 1
    assert finding["check"] == "dates"
    assert finding["severity"] == "major"
    assert "Mittwoch" in finding["target"]
    # the exact words, for the desk to highlight
    assert finding["source_span"]["text"] == "Tuesday"
    assert finding["target_span"]["text"] == "Mittwoch"
    paragraph = translation.paragraphs[0]
    span = finding["target_span"]
    assert span["paragraph"] == 1
    assert paragraph[span["start"] : span["end"]] == "Mittwoch"


def test_check_prints_a_pass_for_a_clean_translation(
    tmp_path: Path, subprocess_env: dict[str, str]
) -> None:
    source = write_story(tmp_path / "source.txt", SOLAR)
    target = write_story(tmp_path / "ja.txt", SOLAR_TRANSLATIONS["ja"])
    result = polywire(subprocess_env, "check", source, target)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("pass: 0 findings (0 major), en → ja, aligned")


def test_check_detects_traditional_chinese_and_takes_a_language_override(
    tmp_path: Path, subprocess_env: dict[str, str]
) -> None:
    source = write_story(tmp_path / "source.txt", SOLAR)
    target = write_story(tmp_path / "zh.txt", SOLAR_TRANSLATIONS["zh-Hant"])
    detected = json.loads(polywire(subprocess_env, "check", source, target, "--json").stdout)
    assert detected["target_language"] == "zh-Hant"
    forced = polywire(
        subprocess_env, "check", source, target, "--json", "--target-language", "zh-Hant-TW"
    )
    assert json.loads(forced.stdout)["target_language"] == "zh-Hant-TW"


def test_check_names_a_missing_file_and_an_unknown_language(
    tmp_path: Path, subprocess_env: dict[str, str]
) -> None:
    source = write_story(tmp_path / "source.txt", SOLAR)
    missing = polywire(subprocess_env, "check", source, str(tmp_path / "nope.txt"))
    assert missing.returncode == 2
    assert "nope.txt: no such file" in missing.stderr
    unknown = polywire(subprocess_env, "check", source, source, "--target-language", "xx-Qqqq")
    assert unknown.returncode == 2
    assert "--target-language xx-Qqqq: not a BCP 47 language tag" in unknown.stderr
