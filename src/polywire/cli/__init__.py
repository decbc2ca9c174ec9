"""The `polywire` command line.

Each module in this package contributes its commands through a module-level `commands` list;
they are discovered here so that a new area of the wire adds a module, not an edit to this file.
Errors a user can fix (`PolywireError`) print one line and exit with status 2.

Text options and arguments are refused when they are not text: Python decodes an argument's
undecodable bytes (`$'\\xff'`) to lone surrogates, which no store, feed or page can encode, and
the one who typed it can fix it (see `polywire.surrogates`). Paths (`click.Path`) keep them:
a file name is bytes to the file system, and opening the file needs them as they are.
"""

from __future__ import annotations

import importlib
import os
import pkgutil
import sys
from typing import Any

import click

from polywire.domain import PolywireError
from polywire.surrogates import has_surrogate


class _WireGroup(click.Group):
    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except PolywireError as error:
            click.echo(f"polywire: error: {error}", err=True)
            sys.exit(2)


class _Text(click.types.StringParamType):
    """click's text type, refusing a value that is not text."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        text = super().convert(value, param, ctx)
        if isinstance(text, str) and has_surrogate(text):
            raw = os.fsencode(text)
            self.fail(f"{raw!r} is not UTF-8 text: give it as UTF-8", param, ctx)
        return text


_TEXT = _Text()


def _text_params(command: click.Command) -> None:
    """Give every plain text parameter of `command` and its subcommands the refusing type."""
    for param in command.params:
        if type(param.type) is click.types.StringParamType:
            param.type = _TEXT
    if isinstance(command, click.Group):
        for subcommand in command.commands.values():
            _text_params(subcommand)


@click.group(cls=_WireGroup)
@click.version_option(package_name="polywire")
def main() -> None:
    """polywire: a self-hosted multilingual news wire."""


def _register_commands() -> None:
    for module_info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if module_info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{module_info.name}")
        for command in getattr(module, "commands", []):
            _text_params(command)
            main.add_command(command)


_register_commands()
