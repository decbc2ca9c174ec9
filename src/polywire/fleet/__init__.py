"""The fleet: how the processes of one wire see each other (heartbeats), agree on the settings
they must share, and let one of them at a time do a fleet-wide chore (leases).

Its public face is these modules.
"""

__all__ = [
    "heartbeat",
    "lease",
    "shared_settings",
]
