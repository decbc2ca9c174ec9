"""The `polywire` command line, which starts at once.

Every command is one line of `COMMANDS`: its name, the module and attribute that define it, and
the line `polywire --help` shows for it. A command's module is imported only when that command
runs (or shows its own `--help`), and the modules import the store, the pipeline or the web app
inside the commands that use them, so `polywire --help` costs little more than importing click.
A name with a space (`"review policy"`) adds a subcommand, defined in a module of its own, to
the group named by its first word.

Errors a user can fix (`PolywireError`) print one line and exit with status 2. Commands other
than the ones that run the wire log at WARNING unless `-v` (INFO) or `-vv` (DEBUG) is given or
the settings name a level (`POLYWIRE_LOG_LEVEL`).
"""

from __future__ import annotations

import importlib
import sys
from typing import Any

import click

from polywire.domain import PolywireError

__all__ = ["COMMANDS", "load", "main"]

#: name: ("module:attribute", the line `polywire --help` shows). One line per command.
COMMANDS: dict[str, tuple[str, str]] = {
    "check": ("polywire.cli.check:check", "Check that TRANSLATION says what SOURCE says."),
    "classify": ("polywire.cli.classify:classify", "Classify a story FILE, or correct its tags."),
    "deliveries": ("polywire.cli.publish:deliveries", "Delivery records: list and replay them."),
    "demo": ("polywire.cli.run:demo", "Run the wire with the sample stories loaded."),
    "doctor": ("polywire.cli.doctor:doctor", "Find bad stored rows; --repair repairs them."),
    "engines": ("polywire.cli.translate:engines", "List the engines and their language pairs."),
    "extract": ("polywire.cli.ingest:extract_command", "Extract the story in FILE and print it."),
    "feeds": ("polywire.cli.ingest:feeds", "RSS, Atom and JSON Feed sources polled into stories."),
    "glossary": ("polywire.cli.glossary:glossary", "A publisher's glossary: terms kept or fixed."),
    "jobs": ("polywire.cli.jobs:jobs", "Jobs: list, show, retry, requeue and discard them."),
    "match": ("polywire.cli.match:match", "Tell whether story files A and B are the same story."),
    "migrate": ("polywire.cli.run:migrate", "Bring the store's schema up to date."),
    "models": ("polywire.cli.models:models", "Translation models for the ctranslate2 engine."),
    "report": ("polywire.cli.publish:report_command", "Who got a story, and how fast."),
    "review": ("polywire.cli.review:review", "Approve, hold or correct a story's translations."),
    "review policy": ("polywire.cli.policy:policy", "A publisher's review policy."),
    "serve": ("polywire.cli.run:serve", "Serve the HTTP API and run job workers."),
    "show": ("polywire.cli.stories:show", "Show one story: versions, renditions, findings."),
    "stories": ("polywire.cli.stories:list_stories", "List stories with their headlines."),
    "submit": ("polywire.cli.stories:submit", "Submit a story FILE and print its id."),
    "subscribers": ("polywire.cli.publish:subscribers", "Who gets what, and where."),
    "tokens": ("polywire.cli.accounts:tokens", "API tokens for the HTTP API."),
    "translate": ("polywire.cli.translate:translate", "Translate a story FILE into languages."),
    "translation-memory": (
        "polywire.cli.translate:translation_memory",
        "Show the store's translation memory.",
    ),
    "users": ("polywire.cli.accounts:users", "People who sign in to the newsroom."),
    "withdraw": ("polywire.cli.publish:withdraw_command", "Withdraw a story from subscribers."),
    "worker": ("polywire.cli.run:worker", "Run job workers only."),
}


def load(name: str) -> click.Command:
    """The command registered as `name`, with the subcommands registered under it."""
    from polywire.cli._text import refuse_non_text

    module_name, _, attribute = COMMANDS[name][0].partition(":")
    command = getattr(importlib.import_module(module_name), attribute)
    if not isinstance(command, click.Command):
        raise TypeError(f"{COMMANDS[name][0]} is not a click command")
    if isinstance(command, click.Group):
        for sub in COMMANDS:
            group, _, subname = sub.partition(" ")
            if group == name and subname and subname not in command.commands:
                command.add_command(load(sub), subname)
    refuse_non_text(command)
    return command


class _LazyGroup(click.Group):
    """The top-level group: commands from `COMMANDS`, each loaded when it is asked for."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(name for name in COMMANDS if " " not in name)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS or " " in cmd_name:
            return None
        if cmd_name not in self.commands:
            self.commands[cmd_name] = load(cmd_name)
        return self.commands[cmd_name]

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The list of commands from `COMMANDS`, importing none of them."""
        rows = [(name, COMMANDS[name][1]) for name in self.list_commands(ctx)]
        with formatter.section("Commands"):
            formatter.write_dl(rows)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except PolywireError as error:
            click.echo(f"polywire: error: {error}", err=True)
            sys.exit(2)


@click.group(cls=_LazyGroup)
@click.version_option(package_name="polywire")
@click.option(
    "-v",
    "--verbose",
    count=True,
    help="Log more: -v for what the wire does (INFO), -vv for DEBUG.",
)
@click.pass_context
def main(ctx: click.Context, verbose: int) -> None:
    """polywire: a self-hosted multilingual news wire."""
    ctx.meta["polywire.verbose"] = verbose
