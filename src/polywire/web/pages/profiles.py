"""The publishers as the public pages name them: the display name and logo address the settings
give a publisher id (`publishers.<id>`, see `polywire.settings.profiles`), else the id itself."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import quote

from polywire.settings.profiles import PublisherProfile


@dataclass(frozen=True)
class Profiles:
    profiles: Mapping[str, PublisherProfile]

    def name(self, publisher: str) -> str:
        profile = self.profiles.get(publisher)
        return profile.name if profile is not None else publisher

    def logo(self, publisher: str) -> str | None:
        """Where the page loads the publisher's logo from; None without one."""
        profile = self.profiles.get(publisher)
        if profile is None or profile.logo is None:
            return None
        return f"/publishers/{quote(publisher)}/logo"
