"""Settings of outbound HTTP requests (`[publish.outbound]`), which `polywire.net.guarded`
enforces: kept here so that reading the settings does not load the HTTP client."""

from __future__ import annotations

from pydantic import BaseModel, Field


class OutboundSettings(BaseModel):
    """Limits of outbound HTTP requests to user-given addresses."""

    timeout_seconds: float = Field(default=15.0, gt=0, description="whole exchange, per request")
    max_response_bytes: int = Field(default=64 * 1024, ge=0)
    max_connections: int = Field(default=1000, ge=1)
    max_connections_per_host: int = Field(
        default=8, ge=1, description="connections open at once to one receiver (scheme, host, port)"
    )
    allow_loopback: bool = Field(
        default=False, description="let requests reach 127.0.0.0/8 and ::1 (tests, one-box setups)"
    )
    allow_private_networks: bool = Field(
        default=False,
        description="let requests reach loopback and private networks (10/8, 172.16/12, "
        "192.168/16, fc00::/7, 100.64/10) too (intranets); link-local addresses, where cloud "
        "metadata services live, stay refused",
    )
    user_agent: str = "polywire"
