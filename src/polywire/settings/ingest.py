"""Settings of ingest: feed polling, the processes that extract submissions while the wire serves,
and same-story recognition (`[ingest]` in polywire.toml, `POLYWIRE_INGEST__*` in the
environment)."""

from __future__ import annotations

from pydantic import BaseModel, Field


class IngestSettings(BaseModel):
    feed_every_seconds: float = Field(
        default=300.0, ge=10, description="default interval between two polls of one feed"
    )
    feed_pause_after_errors: int = Field(
        default=5, ge=1, description="consecutive failed polls after which a feed is paused"
    )
    feed_timeout_seconds: float = Field(default=20.0, gt=0, description="per HTTP request")
    feed_max_bytes: int = Field(default=5 * 1024 * 1024, ge=1024, description="largest feed read")
    feed_max_entries: int = Field(
        default=100, ge=1, description="entries taken from one feed document, newest first"
    )
    allow_private_addresses: bool = Field(
        default=False,
        description="let feeds live on loopback and private networks (10/8, 172.16/12, "
        "192.168/16, fc00::/7, 100.64/10: tests, intranets); off by default so a feed URL cannot "
        "reach into the wire's own network. Link-local addresses (cloud metadata services) are "
        "refused either way",
    )
    extraction_processes: int = Field(
        default=1,
        ge=0,
        description="processes that extract and store submitted stories while `polywire serve` "
        "answers the API with its jobs in worker processes (`--workers` 1 or more), at the "
        "workers' lower priority, so that neither holds the interpreter lock the API waits for; "
        "0 extracts and stores in the serving process, as the command line and `--workers 0` "
        "always do",
    )
    same_story_threshold: float = Field(
        default=0.5,
        gt=0,
        le=1,
        description="estimated Jaccard similarity of word 3-gram shingles from which a "
        "submission is a new version of a recent story of the same publisher",
    )
    same_story_window_hours: float = Field(
        default=72.0, gt=0, description="how far back a submission's earlier version is looked for"
    )
