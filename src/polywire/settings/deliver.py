"""Settings of the pull channels (feeds, WebSub, live stream) and of e-mail delivery."""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, Field


class DeliverSettings(BaseModel):
    """`[deliver]` in polywire.toml, `POLYWIRE_DELIVER__*` in the environment."""

    public_url: str = Field(
        default="http://127.0.0.1:8765",
        description="the wire's address as subscribers reach it (feed links, WebSub topics, "
        "unsubscribe links); use https in production",
    )
    signing_secret: str | None = Field(
        default=None,
        description="key that signs unsubscribe links; when absent one is generated in the data "
        "directory (set it explicitly when several machines serve the wire)",
    )
    feed_items: int = Field(default=50, ge=1, le=1000, description="entries per feed")
    log_poll_seconds: float = Field(
        default=0.2, gt=0, description="how often a web process looks for new events"
    )
    log_check_seconds: float = Field(
        default=10.0,
        gt=0,
        description="NATS bus: web processes follow the event stream, and read the store this "
        "often while it is quiet (for an event whose announcement was lost)",
    )
    stream_heartbeat_seconds: float = Field(default=15.0, gt=0)
    stream_regrant_seconds: float = Field(
        default=5.0,
        gt=0,
        description="how often open streams re-read their subscribers: an edit reaches them, "
        "and a removed subscriber's streams close, within this",
    )
    stream_queue_events: int = Field(
        default=256, ge=1, description="events buffered per stream client before it is dropped"
    )
    websub_lease_seconds: int = Field(default=10 * 86400, ge=60)
    websub_max_lease_seconds: int = Field(default=30 * 86400, ge=60)
    smtp_host: str = "127.0.0.1"
    smtp_port: int = 25
    smtp_username: str | None = None
    smtp_password: str | None = None
    smtp_starttls: bool = False
    smtp_from: str = "Polywire <wire@polywire.example>"
    unsubscribe_mailbox: str | None = Field(
        default=None,
        description="mailto: address in List-Unsubscribe; unsubscribe@<from domain> if absent",
    )
    dkim_selector: str | None = None
    dkim_domain: str | None = Field(
        default=None, description="d= of DKIM; the From domain if absent"
    )
    dkim_key_path: Path | None = Field(
        default=None, description="RSA private key, PEM (PKCS#1: `openssl genrsa -traditional`)"
    )
    send_rate: float = Field(default=10.0, gt=0, description="e-mails per second, at most")
    send_batch: int = Field(default=50, ge=1, description="e-mails per SMTP connection")
