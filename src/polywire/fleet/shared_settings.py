"""The settings every process of a fleet must share, and the start-up check that they do.

Processes that disagree on these do not fail loudly on their own: a worker with a shorter lease
than its peers takes over jobs still running, one with another NATS prefix never sees the jobs,
one with another public URL or signing secret sends links and signatures the others do not
accept. So each process writes a digest of each of these settings with its heartbeat (never the
value: some are secrets), and a starting process compares its own with those of the processes
seen recently, and refuses to start when one differs, naming the setting and the process.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from typing import Any

from pydantic import SecretStr

from polywire.config import Settings
from polywire.domain import PolywireError
from polywire.store.cluster import Process

#: Dotted names of the settings every process must share (docs/operations.md lists them).
SHARED = (
    "bus",
    "nats_prefix",
    "jobs.lease_seconds",
    "jobs.max_attempts",
    "jobs.relay_hold_seconds",
    "deliver.public_url",
    "deliver.signing_secret",
    "publish.public_url",
    "brand.name",
    "languages",
    "cluster.feed_lease_seconds",
)


class SettingsDisagree(PolywireError):
    """A setting every process must share differs from a running process's."""


def digests(settings: Settings) -> dict[str, str]:
    """A short digest of each shared setting's value. A public URL left to follow the process's
    own address (none set: a laptop's wire) is not compared: processes on one machine listen on
    different ports, and a fleet behind a proxy sets its public URL."""
    own_address = f"http://{settings.host}:{settings.port}"
    values = {name: _value(settings, name) for name in SHARED}
    return {
        name: _digest(value)
        for name, value in values.items()
        if not (name.endswith("public_url") and value == own_address)
    }


def check_agreement(ours: dict[str, str], others: Iterable[Process]) -> None:
    """Raise `SettingsDisagree` naming every shared setting that differs from a process in
    `others` (a setting a process did not report, from an older release, is not compared)."""
    found: list[str] = []
    for process in others:
        differ = [
            name
            for name, digest in ours.items()
            if name in process.settings and process.settings[name] != digest
        ]
        if differ:
            found.append(f"{', '.join(differ)} (unlike {process.role} {process.name})")
    if found:
        raise SettingsDisagree(
            "settings every process of the fleet must share differ from running processes': "
            + "; ".join(found)
            + ": give every process the same values (docs/operations.md, shared settings)"
        )


def _value(settings: Settings, name: str) -> Any:
    value: Any = settings
    for part in name.split("."):
        value = getattr(value, part)
    return value.get_secret_value() if isinstance(value, SecretStr) else value


def _digest(value: Any) -> str:
    canonical = json.dumps(value, sort_keys=True, default=str)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:16]
