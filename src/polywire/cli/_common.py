"""Options and helpers shared by the commands."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click
import httpx

from polywire.config import Settings, load_settings
from polywire.domain import NotFound, PolywireError
from polywire.runner import configure_logging

F = TypeVar("F", bound=Callable[..., Any])


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


def remote(settings: Settings, method: str, path: str, **kwargs: Any) -> Any:
    """Ask the running wire at `settings.api_url` (with `settings.api_token`); its errors become
    `NotFound` or `PolywireError` carrying the API's own detail."""
    assert settings.api_url is not None
    url = settings.api_url.rstrip("/") + path
    try:
        headers = (
            {"Authorization": f"Bearer {settings.api_token.get_secret_value()}"}
            if settings.api_token
            else {}
        )
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


def settings_from(data_dir: Path | None, database_url: str | None, **more: Any) -> Settings:
    overrides: dict[str, Any] = {k: v for k, v in more.items() if v is not None}
    if data_dir is not None:
        overrides["data_dir"] = data_dir
    if database_url is not None:
        overrides["database_url"] = database_url
    settings = load_settings(**overrides)
    _public_urls_follow_the_address(settings)
    configure_logging(settings.log_level)
    return settings


def _public_urls_follow_the_address(settings: Settings) -> None:
    """Links in feeds, e-mails and WebSub point at where this wire listens, unless the operator
    set a public URL (behind a proxy, say)."""
    here = f"http://{settings.host}:{settings.port}"
    if "public_url" not in settings.deliver.model_fields_set:
        settings.deliver = settings.deliver.model_copy(update={"public_url": here})
    if "public_url" not in settings.publish.model_fields_set:
        settings.publish = settings.publish.model_copy(update={"public_url": here})
