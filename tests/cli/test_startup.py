"""`polywire --help` starts at once: it imports none of the wire's heavy parts, and every command
it lists loads when it is asked for."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from importlib.resources import files
from pathlib import Path

import pytest
from click.testing import CliRunner

from polywire.cli import COMMANDS, main

#: What `--help` must not import: the web app, the store, scipy (via datasketch), argon2.
HEAVY = ("fastapi", "sqlalchemy", "scipy", "argon2", "polywire.web", "polywire.wire")


def imported_by(*args: str, data_dir: Path | None = None) -> set[str]:
    """The modules a fresh `polywire ARGS…` process holds once it has answered."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("POLYWIRE_")}
    env["PYTHONPATH"] = os.pathsep.join(sys.path)
    if data_dir is not None:
        env["POLYWIRE_DATA_DIR"] = str(data_dir)
    program = (
        "import contextlib, io, json, sys\n"
        "from polywire.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    main(sys.argv[1:], standalone_mode=False)\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", program, *args], env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return set(json.loads(result.stdout))


def test_help_imports_nothing_heavy() -> None:
    modules = imported_by("--help")
    assert "click" in modules
    heavy = sorted(m for m in modules if m.split(".")[0] in HEAVY or m.startswith(HEAVY))
    assert heavy == []


def test_a_command_s_help_imports_no_store() -> None:
    modules = imported_by("stories", "--help")
    assert "polywire.cli.stories" in modules
    assert not {"sqlalchemy", "polywire.wire", "fastapi"} & modules


def test_classifying_a_text_file_needs_no_store_web_or_html_reader(tmp_path: Path) -> None:
    story = files("polywire.samples").joinpath("01-solar-cooperative.txt")
    modules = imported_by("classify", str(story), data_dir=tmp_path / "empty")
    assert "polywire.classify.classifier" in modules
    assert not {"sqlalchemy", "fastapi", "trafilatura", "polywire.wire", "scipy"} & modules
    # the outbound limits are settings, read without the HTTP client that enforces them
    assert not {"httpcore", "httpx", "polywire.net"} & modules


def test_help_lists_every_command_without_loading_it() -> None:
    result = CliRunner().invoke(main, ["--help"])
    assert result.exit_code == 0
    for name, (_, line) in COMMANDS.items():
        if " " not in name:
            assert f"{name}  " in result.output and line in result.output


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_registered_command_loads_and_helps(name: str) -> None:
    result = CliRunner().invoke(main, [*name.split(), "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage: " in result.output


def test_an_unknown_command_is_named() -> None:
    result = CliRunner().invoke(main, ["storeis"])
    assert result.exit_code == 2
    assert "No such command 'storeis'" in result.output


def test_a_subcommand_registered_in_one_line_joins_its_group(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from polywire.cli.review import review

    monkeypatch.setitem(COMMANDS, "review second-opinion", ("polywire.cli.check:check", "-"))
    monkeypatch.setattr(review, "commands", dict(review.commands))
    monkeypatch.setattr(main, "commands", {})
    result = CliRunner().invoke(main, ["review", "--help"])
    assert result.exit_code == 0
    assert "second-opinion  Check that TRANSLATION says what SOURCE says" in result.output
    assert "second-opinion" not in CliRunner().invoke(main, ["--help"]).output
