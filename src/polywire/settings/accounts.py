"""Settings of accounts and access (`[auth]`, `POLYWIRE_AUTH__*`)."""

from __future__ import annotations

from pydantic import BaseModel, Field


class AuthSettings(BaseModel):
    required: bool | None = Field(
        default=None,
        description=(
            "whether the HTTP API needs an API token (Authorization: Bearer) or a session; "
            "unset: required whenever the wire listens on an address other than loopback"
        ),
    )
    secure_cookies: bool | None = Field(
        default=None,
        description="mark cookies Secure (sent over https only); unset: whenever the wire's "
        "public URL (deliver.public_url) is https",
    )
    session_hours: float = Field(default=12.0, gt=0, description="a sign-in lasts this long")
    reset_link_hours: float = Field(
        default=1.0,
        gt=0,
        description="an e-mailed password-reset link works once, for this long (sent through "
        "the deliver.smtp_* settings)",
    )


def api_auth_required(settings: AuthSettings, host: str) -> bool:
    """An explicit `required` wins; otherwise only a wire reachable from elsewhere demands it."""
    if settings.required is not None:
        return settings.required
    return host not in ("127.0.0.1", "::1", "localhost")


def cookies_secure(settings: AuthSettings, public_url: str) -> bool:
    """An explicit `secure_cookies` wins; otherwise a wire reached over https marks them Secure."""
    if settings.secure_cookies is not None:
        return settings.secure_cookies
    return public_url.lower().startswith("https://")
