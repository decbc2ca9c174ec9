"""The `polywire` command line.

Each module in this package contributes its commands through a module-level `commands` list;
they are discovered here so that a new area of the wire adds a module, not an edit to this file.
Errors a user can fix (`PolywireError`) print one line and exit with status 2.
"""

from __future__ import annotations

import importlib
import pkgutil
import sys
from typing import Any

import click

from polywire.domain import PolywireError


class _WireGroup(click.Group):
    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except PolywireError as error:
            click.echo(f"polywire: error: {error}", err=True)
            sys.exit(2)


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
            main.add_command(command)


_register_commands()
