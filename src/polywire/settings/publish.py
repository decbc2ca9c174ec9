"""Settings of publishing: outbound HTTP limits, webhook retries, secrets, the brand's texts."""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, Field

from polywire.settings.outbound import OutboundSettings


class WebhookSettings(BaseModel):
    """Webhook delivery per the Standard Webhooks spec."""

    retry_schedule_seconds: list[float] = Field(
        default=[0, 5, 300, 1800, 7200, 18000, 36000, 36000],
        description="delay before each attempt (the first is immediate); jittered by `jitter`",
    )
    jitter: float = Field(default=0.1, ge=0, le=1, description="± fraction of each delay")
    timeout_seconds: float = Field(default=15.0, gt=0)
    disable_after_days: float = Field(
        default=5.0, gt=0, description="an endpoint failing this long without a success is disabled"
    )
    secret_overlap_hours: float = Field(
        default=24.0, ge=0, description="after a rotation, the old secret still signs this long"
    )
    max_retry_after_seconds: float = Field(default=36000.0, gt=0)


class PublishSettings(BaseModel):
    """Everything `polywire.publish` and `polywire.compose` read from the settings."""

    outbound: OutboundSettings = Field(default_factory=OutboundSettings)
    webhook: WebhookSettings = Field(default_factory=WebhookSettings)
    deliver_concurrency: int = Field(
        default=64, ge=1, description="deliveries in flight at once per process"
    )
    deliver_batch: int = Field(
        default=32,
        ge=1,
        description="deliver jobs leased in one request and completed in one transaction",
    )
    texts_dir: Path | None = Field(
        default=None,
        description="a folder of <language>.toml files overriding the shipped notice texts",
    )
    dateline_template: str | None = Field(
        default=None,
        description="the brand dateline opening the first paragraph in every language, e.g. "
        "'/{brand}/ --'; default: each language's own (`dateline` in its texts)",
    )
    dateline_date: str = Field(
        default="MMMd",
        description="the CLDR date skeleton of the date in a dateline, written as each language "
        "writes it ('MMMd': 'LISBON, Dec 7', 'LISBOA, 7 dic', 'リスボン、12月7日'); 'yMMMd' adds "
        "the year; '' leaves the date out",
    )
    public_url: str = Field(
        default="http://127.0.0.1:8765", description="where subscribers reach this wire"
    )
