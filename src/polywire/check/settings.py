"""The checks' settings, `polywire.settings.check`, by the name the checks in `check/checks/`
import them from (the settings models live below `polywire.config`, which assembles them)."""

from __future__ import annotations

from polywire.settings.check import CheckSettings

__all__ = ["CheckSettings"]
