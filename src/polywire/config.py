"""All settings in one place: `POLYWIRE_*` environment variables over an optional TOML file.

Nested settings use `__` in environment variables (`POLYWIRE_BRAND__NAME=...`) and tables in the
TOML file (`[brand]`). The TOML file is `$POLYWIRE_CONFIG`, else `polywire.toml` in the current
directory when it exists.
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, Field, SecretStr, field_validator
from pydantic_settings import (
    BaseSettings,
    NoDecode,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

from polywire.settings import (
    AuthSettings,
    CheckSettings,
    ClassifySettings,
    DeliverSettings,
    IngestSettings,
    PublisherProfile,
    PublishSettings,
    ReviewSettings,
    TranslateSettings,
)


def _default_data_dir() -> Path:
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "polywire"


class BrandSettings(BaseModel):
    """The wire's own brand, printed on every release it composes."""

    name: str = "Polywire"
    url: str = "https://polywire.example"
    disclaimer: str = (
        "This content was distributed by {brand} on behalf of its publisher, who is solely "
        "responsible for it."
    )
    about: str = (
        "{brand} is an open-source multilingual news wire that delivers press releases and "
        "agency copy to media outlets and journalists in their own languages."
    )


class JobSettings(BaseModel):
    """How durable jobs are leased and retried."""

    workers: int = Field(default=2, ge=1, description="concurrent jobs per process")
    lease_seconds: float = Field(default=60.0, gt=0)
    max_attempts: int = Field(default=6, ge=1)
    backoff_base_seconds: float = Field(default=1.0, gt=0)
    backoff_max_seconds: float = Field(default=600.0, gt=0)
    poll_seconds: float = Field(default=0.5, gt=0, description="idle wait between queue polls")
    relay_hold_seconds: float = Field(
        default=300.0,
        gt=0,
        description="NATS: a job marked relayed by a process that died before publishing it is "
        "relayed again after this long (a lost connection resends at once)",
    )
    nats_reconnect_seconds: float = Field(
        default=2.0, gt=0, description="NATS: wait between reconnection attempts (forever)"
    )


class ClusterSettings(BaseModel):
    """`[cluster]`, `POLYWIRE_CLUSTER__*`: how the processes of a fleet see each other, and who
    may read their metrics (docs/operations.md)."""

    heartbeat_seconds: float = Field(
        default=5.0, gt=0, description="each process writes its heartbeat to the store this often"
    )
    seen_within_seconds: float = Field(
        default=30.0, gt=0, description="/readyz counts the processes seen within this long"
    )
    shutdown_grace_seconds: float = Field(
        default=10.0,
        gt=0,
        description="on SIGTERM, requests under way get this long before the process exits "
        "(live streams are closed at once with a retry hint)",
    )
    feed_lease_seconds: float = Field(
        default=30.0,
        gt=0,
        description="one process of the fleet polls the feeds, holding a lease this long and "
        "renewing it; another takes over when it lapses",
    )
    worker_metrics_port: int | None = Field(
        default=None,
        ge=1,
        le=65535,
        description="`polywire worker` serves /metrics (on `host`) on this port; each worker on "
        "a machine needs its own. Default: none (a worker has no HTTP port)",
    )
    metrics_token: SecretStr | None = Field(
        default=None,
        description="/metrics answers requests bearing this token (Authorization: Bearer); "
        "without it, only requests from loopback",
    )


class HttpSettings(BaseModel):
    """`[http]`, `POLYWIRE_HTTP__*`: what the HTTP doors accept, and how long they wait.

    The defaults suit a wire on loopback or behind a reverse proxy (docs/reverse-proxy.md)."""

    allowed_hosts: Annotated[list[str], NoDecode] = Field(
        default_factory=list,
        description="Host header names accepted besides loopback, the public URL's host and "
        "`host`; comma-separated in the environment; `*.example.com` for sub-domains, `*` for any",
    )
    api_body_bytes: int = Field(
        default=1024 * 1024,
        ge=1024,
        description="largest body of an API write or a desk form (uploads: max_upload_bytes)",
    )
    form_body_bytes: int = Field(
        default=64 * 1024,
        ge=1024,
        description="largest body of any other request (sign-in, WebSub, unsubscribe)",
    )
    header_timeout_seconds: float = Field(
        default=10.0, gt=0, description="a request's line and headers must arrive within this"
    )
    body_timeout_seconds: float = Field(
        default=30.0, gt=0, description="a request body that makes no progress this long is cut"
    )
    keep_alive_seconds: int = Field(default=5, ge=1, description="idle keep-alive connections")
    max_connections: int | None = Field(
        default=None,
        ge=1,
        description="open connections at most (more are closed at once, requests past it get "
        "503); default: the open-files limit less a reserve for the store and outbound calls",
    )
    max_connections_per_client: int = Field(
        default=64,
        ge=1,
        description="open connections from one address at most (more are closed at once); "
        "the proxies of forwarded_allow_ips are not limited",
    )
    backlog: int = Field(default=256, ge=1, description="connections waiting to be accepted")
    forwarded_allow_ips: str = Field(
        default="127.0.0.1",
        description="proxies whose X-Forwarded-For/-Proto are believed (comma-separated, `*`)",
    )
    log_repeat_seconds: float = Field(
        default=60.0, gt=0, description="the same server log line is written once per interval"
    )

    @field_validator("allowed_hosts", mode="before")
    @classmethod
    def _comma_separated(cls, value: object) -> object:
        if isinstance(value, str):
            if value.lstrip().startswith("["):
                return json.loads(value)
            return [name.strip() for name in value.split(",") if name.strip()]
        return value


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="POLYWIRE_", env_nested_delimiter="__", extra="ignore"
    )

    data_dir: Path = Field(default_factory=_default_data_dir)
    database_url: str | None = Field(
        default=None,
        description="SQLAlchemy URL; default SQLite (WAL) at <data_dir>/polywire.db",
    )
    database_wait_seconds: float = Field(
        default=180.0,
        ge=0,
        description="a process started before its database waits this long for it, retrying",
    )
    bus: Literal["sql", "nats"] = Field(
        default="sql", description="job queue back-end: sql (embedded, PostgreSQL) | nats (cluster)"
    )
    nats_url: str = "nats://127.0.0.1:4222"
    nats_prefix: str = Field(
        default="polywire", pattern=r"^[a-z][a-z0-9_]*$", description="NATS subject/stream prefix"
    )
    host: str = "127.0.0.1"
    port: int = 8765
    api_url: str | None = Field(
        default=None, description="a running wire's API; CLI commands use it instead of the store"
    )
    api_token: SecretStr | None = Field(
        default=None, description="the API token CLI commands send with --api (POLYWIRE_API_TOKEN)"
    )
    max_upload_bytes: int = Field(default=10 * 1024 * 1024, ge=1024)
    default_publisher: str = "demo"
    publishers: dict[str, PublisherProfile] = Field(
        default_factory=dict,
        description="the newsroom's name and logo of each publisher, by publisher id",
    )
    languages: list[str] = Field(
        default_factory=lambda: ["es", "pt", "fr"],
        description="target languages of a story whose submission names none",
    )
    log_level: str = "INFO"
    brand: BrandSettings = Field(default_factory=BrandSettings)
    jobs: JobSettings = Field(default_factory=JobSettings)
    deliver: DeliverSettings = Field(default_factory=DeliverSettings)
    publish: PublishSettings = Field(default_factory=PublishSettings)
    translate: TranslateSettings = Field(default_factory=TranslateSettings)
    check: CheckSettings = Field(default_factory=CheckSettings)
    review: ReviewSettings = Field(default_factory=ReviewSettings)
    classify: ClassifySettings = Field(default_factory=ClassifySettings)
    ingest: IngestSettings = Field(default_factory=IngestSettings)
    auth: AuthSettings = Field(default_factory=AuthSettings)
    http: HttpSettings = Field(default_factory=HttpSettings)
    cluster: ClusterSettings = Field(default_factory=ClusterSettings)

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        toml_file = os.environ.get("POLYWIRE_CONFIG") or "polywire.toml"
        return (
            init_settings,
            env_settings,
            TomlConfigSettingsSource(settings_cls, toml_file=toml_file),
        )

    @property
    def resolved_database_url(self) -> str:
        return self.database_url or f"sqlite:///{self.data_dir / 'polywire.db'}"


def load_settings(**overrides: Any) -> Settings:
    """Settings from the environment and TOML file, with explicit overrides on top."""
    return Settings(**overrides)


def configure_logging(level: str) -> None:
    """The log format of every polywire process (the CLI's and `serve`'s worker processes')."""
    logging.basicConfig(
        level=level.upper(),
        format="%(asctime)s %(levelname)-7s %(name)s: %(message)s",
        datefmt="%Y-%m-%dT%H:%M:%S",
    )
    # a line per request of the CLI's --api client and of outbound calls is noise, not news
    for chatty in ("alembic", "httpx", "httpcore"):
        logging.getLogger(chatty).setLevel(logging.WARNING)
