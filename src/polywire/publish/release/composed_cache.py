"""Released renditions composed once and kept: many feeds, pushes and deliveries show the same
release, and a released version and its rendition never change (an editor changes a translation
only before it is released; a change after that is a new version).
"""

from __future__ import annotations

import threading
from collections import OrderedDict

from sqlalchemy import Connection

from polywire.compose import Composed, compose
from polywire.config import Settings
from polywire.domain import Version
from polywire.store import stories as store


class ComposedReleases:
    """The composed release of each (story, version, language), least recently used dropped
    first. Safe to share between threads (feeds are built in a thread pool)."""

    def __init__(self, settings: Settings, *, kept: int = 2048) -> None:
        self.settings = settings
        self.kept = kept
        self._releases: OrderedDict[tuple[str, int, str], tuple[Version, Composed]] = OrderedDict()
        self._lock = threading.Lock()

    def get(
        self, conn: Connection, story_id: str, version: int, language: str
    ) -> tuple[Version, Composed]:
        """The version and its composed rendition in `language`; NotFound when either is not
        stored."""
        key = (story_id, version, language)
        with self._lock:
            found = self._releases.get(key)
            if found is not None:
                self._releases.move_to_end(key)
                return found
        story = store.get_story(conn, story_id)
        stored = store.get_version(conn, story_id, version)
        rendition = store.get_rendition(conn, story_id, version, language)
        found = (stored, compose(stored, rendition, self.settings, story=story))
        with self._lock:
            self._releases[key] = found
            while len(self._releases) > self.kept:
                self._releases.popitem(last=False)
        return found
