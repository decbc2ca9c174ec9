"""Options and helpers shared by the commands, and the one place that chooses the transport.

A command reaches the wire in one of two ways: the embedded store in the data directory
(`open_wire`), or a running wire's HTTP API when `--api URL` or `POLYWIRE_API_URL` is given.
`through` chooses between them for the commands that can use either, so every such command
behaves the same way. The store, SQLAlchemy and the pipeline are imported here only when a
command opens the store: importing this module costs click and little else.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from polywire.domain import NotFound, PolywireError

if TYPE_CHECKING:
    from polywire.config import Settings
    from polywire.wire import Wire

F = TypeVar("F", bound=Callable[..., Any])
T = TypeVar("T")


def store_options(command: F) -> F:
    """`--data-dir` and `--database-url`, over the settings from the environment and TOML."""
    command = click.option(
        "--database-url",
        default=None,
        help="SQLAlchemy URL of the store (default: SQLite in the data directory).",
    )(command)
    command = click.option(
        "--data-dir",
        type=click.Path(file_okay=False, path_type=Path),
        default=None,
        help="Where the embedded store and models live (default: ~/.local/share/polywire).",
    )(command)
    return command


api_option = click.option(
    "--api",
    "api_url",
    default=None,
    metavar="URL",
    help="A running wire's API (e.g. http://127.0.0.1:8765); default: the embedded store.",
)


class Api:
    """A running wire's API at `settings.api_url`, asked with `settings.api_token`."""

    def __init__(self, settings: Settings) -> None:
        assert settings.api_url is not None
        self.settings = settings

    def __call__(self, method: str, path: str, **kwargs: Any) -> Any:
        return remote(self.settings, method, path, **kwargs)


def remote(settings: Settings, method: str, path: str, **kwargs: Any) -> Any:
    """The JSON answer of the running wire at `settings.api_url` (with `settings.api_token`);
    its errors become `NotFound` or `PolywireError` carrying the API's own detail."""
    import httpx

    assert settings.api_url is not None
    url = settings.api_url.rstrip("/") + path
    token = settings.api_token
    headers = {"Authorization": f"Bearer {token.get_secret_value()}"} if token else {}
    try:
        response = httpx.request(method, url, timeout=60, headers=headers, **kwargs)
    except httpx.HTTPError as error:
        raise PolywireError(f"{url}: cannot reach the wire: {error}") from None
    if response.status_code == 404:
        raise NotFound(response.json().get("detail", "not found"))
    if response.status_code >= 400:
        try:
            detail = response.json().get("detail", response.text)
        except ValueError:
            detail = response.text
        raise PolywireError(f"{url}: {response.status_code} {detail}")
    return None if response.status_code == 204 else response.json()


@contextmanager
def open_wire(settings: Settings) -> Iterator[Wire]:
    """The wire on the embedded store (its schema brought up to date), closed afterwards."""
    from polywire.wire import Wire

    wire = Wire(settings)
    try:
        yield wire
    finally:
        wire.close()


def through(settings: Settings, *, api: Callable[[Api], T], store: Callable[[Wire], T]) -> T:
    """`api` with the running wire's API when the settings name one, else `store` with the
    wire on the embedded store."""
    if settings.api_url:
        return api(Api(settings))
    with open_wire(settings) as wire:
        return store(wire)


def settings_from(
    data_dir: Path | None, database_url: str | None, *, runs_the_wire: bool = False, **more: Any
) -> Settings:
    """The settings from the environment and TOML, with the command's options on top, and
    logging set up (see `_log_level`)."""
    from polywire.config import configure_logging, load_settings

    overrides: dict[str, Any] = {k: v for k, v in more.items() if v is not None}
    if data_dir is not None:
        overrides["data_dir"] = data_dir
    if database_url is not None:
        overrides["database_url"] = database_url
    settings = load_settings(**overrides)
    _public_urls_follow_the_address(settings)
    configure_logging(_log_level(settings, runs_the_wire))
    return settings


def _log_level(settings: Settings, runs_the_wire: bool) -> str:
    """`-v` (INFO) or `-vv` (DEBUG) when given; else the settings' level when they name one or
    the command runs the wire; else WARNING."""
    context = click.get_current_context(silent=True)
    verbose = context.meta.get("polywire.verbose", 0) if context is not None else 0
    if verbose:
        return "DEBUG" if verbose > 1 else "INFO"
    if runs_the_wire or "log_level" in settings.model_fields_set:
        return settings.log_level
    return "WARNING"


def _public_urls_follow_the_address(settings: Settings) -> None:
    """Links in feeds, e-mails and WebSub point at where this wire listens, unless the operator
    set a public URL (behind a proxy, say)."""
    here = f"http://{settings.host}:{settings.port}"
    if "public_url" not in settings.deliver.model_fields_set:
        settings.deliver = settings.deliver.model_copy(update={"public_url": here})
    if "public_url" not in settings.publish.model_fields_set:
        settings.publish = settings.publish.model_copy(update={"public_url": here})
