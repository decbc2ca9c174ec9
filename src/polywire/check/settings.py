"""The checks' settings, `polywire.settings.check`, by the name the checks that other changes own
still import them from (`currency`, `names`, `negation` and `roles` in `check/checks/`). Every
other module imports `polywire.settings.check` itself; this re-export goes with its last importer
(tests/architecture/test_shims.py keeps the list, which only shrinks).
"""

from __future__ import annotations

from polywire.settings.check import CheckSettings

__all__ = ["CheckSettings"]
