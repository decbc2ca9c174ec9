"""`polywire --help` starts at once: it imports none of the wire's heavy parts, and every command
it lists loads when it is asked for."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from click.testing import CliRunner

from polywire.cli import COMMANDS, main

#: What `--help` must not import: the web app, the store, scipy (via datasketch), argon2.
HEAVY = ("fastapi", "sqlalchemy", "scipy", "argon2", "polywire.web", "polywire.wire")


def imported_by(*args: str) -> set[str]:
    """The modules a fresh `polywire ARGS…` process holds once it has answered."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("POLYWIRE_")}
    env["PYTHONPATH"] = os.pathsep.join(sys.path)
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
