"""Text options and arguments are refused when they are not text.

Python decodes an argument's undecodable bytes (`$'\\xff'`) to lone surrogates, which no store,
feed or page can encode, and the one who typed it can fix it (see `polywire.surrogates`). Paths
(`click.Path`) keep them: a file name is bytes to the file system, and opening the file needs
them as they are.
"""

from __future__ import annotations

import os
from typing import Any

import click

from polywire.surrogates import has_surrogate


class _Text(click.types.StringParamType):
    """click's text type, refusing a value that is not text."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        text = super().convert(value, param, ctx)
        if isinstance(text, str) and has_surrogate(text):
            raw = os.fsencode(text)
            self.fail(f"{raw!r} is not UTF-8 text: give it as UTF-8", param, ctx)
        return text


_TEXT = _Text()


def refuse_non_text(command: click.Command) -> None:
    """Give every plain text parameter of `command` and its subcommands the refusing type."""
    for param in command.params:
        if type(param.type) is click.types.StringParamType:
            param.type = _TEXT
    if isinstance(command, click.Group):
        for subcommand in command.commands.values():
            refuse_non_text(subcommand)
