"""`polywire submit --subheadline` gives a story the line under its headline; `show` prints it
under the headline."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from cli.conftest import Polywire
from polywire.cli import main
from polywire.services import StoryService
from polywire.wire import Wire

STORY = (
    "Acme opens a solar plant in Leeds\n\nLEEDS (BrandWire) - Acme Ltd opened a solar plant in "
    "Leeds on Monday that will employ 500 people by the end of next year.\n\nThe plant cost 12 "
    "million pounds, the company said in a statement on Monday.\n"
)
SUB = "The plant will employ 500 people by the end of next year"


def test_submit_takes_a_subheadline_and_show_prints_it(
    wire: Wire, polywire: Polywire, tmp_path: Path
) -> None:
    story = tmp_path / "story.txt"
    story.write_text(STORY)
    submitted = polywire("submit", str(story), "--subheadline", f" {SUB} ")
    assert submitted.exit_code == 0, submitted.output
    story_id = submitted.output.split()[-1]
    assert StoryService(wire).story(None, story_id).versions[0].subheadline == SUB
    lines = polywire("show", story_id).output.splitlines()
    headline = lines.index("    Acme opens a solar plant in Leeds")
    assert lines[headline + 1] == f"    {SUB}"
    refused = polywire("submit", str(story), "--subheadline", "x" * 401, "--new-story")
    assert refused.exit_code == 2 and "subheadline: 401 characters" in refused.output


def test_extract_prints_the_subheadline_in_italics_under_the_headline(tmp_path: Path) -> None:
    release = tmp_path / "release.txt"
    release.write_text(STORY.replace("\n\n", f"\n*{SUB}*\n\n", 1))
    lines = CliRunner().invoke(main, ["extract", str(release)]).output.splitlines()
    assert lines[:2] == ["Acme opens a solar plant in Leeds", SUB]
