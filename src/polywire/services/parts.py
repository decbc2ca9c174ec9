"""What the services use of the running wire, as a Protocol: `polywire.wire.Wire` sits above the
services (the layers in pyproject.toml) and has these attributes, so a door passes its wire
unchanged and the services reach nothing else of it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from sqlalchemy import Connection

from polywire.bus.base import EventLog
from polywire.config import Settings
from polywire.domain import Rendition, Version
from polywire.store.db import Database

if TYPE_CHECKING:  # the intake receives submissions on these parts: a cycle when run
    from polywire.services.intake import Intake


class Releases(Protocol):
    def after_submit(self, conn: Connection, version: Version) -> None:
        """Queue the stages of a version just stored (see `Pipeline`)."""

    def check_received(self, conn: Connection, rendition: Rendition) -> None:
        """Queue the check of a translation received from elsewhere."""

    def release_now(self, conn: Connection, renditions: list[Rendition]) -> None:
        """Queue the release of renditions that need no stage before (see `Pipeline`)."""


class Stored(Protocol):
    """The parts a service that only reads and writes the store uses: what the command line
    opens on the data directory when it needs no pipeline."""

    @property
    def settings(self) -> Settings: ...

    @property
    def database(self) -> Database: ...


class Parts(Stored, Protocol):
    @property
    def events(self) -> EventLog: ...

    @property
    def pipeline(self) -> Releases: ...

    @property
    def intake(self) -> Intake: ...
