"""Outbound network access: every request the wire makes to an address a user gave it."""

from polywire.net.guarded import (
    BlockedAddress,
    GuardedClient,
    OutboundError,
    OutboundResponse,
    check_address,
)
from polywire.settings.outbound import OutboundSettings

__all__ = [
    "BlockedAddress",
    "GuardedClient",
    "OutboundError",
    "OutboundResponse",
    "OutboundSettings",
    "check_address",
]
