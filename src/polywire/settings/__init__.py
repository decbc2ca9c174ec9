"""The settings models of every part of the wire, below `polywire.config`, which assembles them
into `Settings` and loads them from the environment and polywire.toml.

Each part declares its own table (`[check]`, `[translate]`, `[review]` …) here rather than beside
its code, so that reading the settings imports none of the code they configure, and the config
layer imports nothing above it (the import-linter layers in pyproject.toml).
"""

from __future__ import annotations

from polywire.settings.accounts import AuthSettings
from polywire.settings.check import CheckSettings
from polywire.settings.classify import ClassifySettings
from polywire.settings.deliver import DeliverSettings
from polywire.settings.ingest import IngestSettings
from polywire.settings.outbound import OutboundSettings
from polywire.settings.profiles import PublisherProfile
from polywire.settings.publish import PublishSettings
from polywire.settings.review import ReviewSettings
from polywire.settings.translate import TranslateSettings

__all__ = [
    "AuthSettings",
    "CheckSettings",
    "ClassifySettings",
    "DeliverSettings",
    "IngestSettings",
    "OutboundSettings",
    "PublishSettings",
    "PublisherProfile",
    "ReviewSettings",
    "TranslateSettings",
]
