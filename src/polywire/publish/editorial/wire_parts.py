"""What editorial operations (review, corrections, withdrawals, replays) use of the running wire.

They take the wire's parts through this Protocol rather than importing the `polywire.wire` façade,
which sits above them (the layers in pyproject.toml): `Wire` has these attributes, so callers
pass it unchanged, and the operations can reach nothing else of it.
"""

from __future__ import annotations

from typing import Protocol

from sqlalchemy import Connection

from polywire.config import Settings
from polywire.domain import Rendition
from polywire.store.db import Database


class Releases(Protocol):
    def release_now(self, conn: Connection, renditions: list[Rendition]) -> None:
        """Queue the release of renditions that need no stage before (see `Pipeline`)."""


class WireParts(Protocol):
    @property
    def settings(self) -> Settings: ...

    @property
    def database(self) -> Database: ...

    @property
    def pipeline(self) -> Releases: ...
