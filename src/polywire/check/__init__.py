"""Fidelity checks of a translation against its source, and their verdict.

Engine-agnostic: a translation by any engine, a person or another wire is judged from the two
texts alone. `check_translation(source, translation)` returns a `Report` whose JSON form is the
`polywire check --json` contract.

The names below are imported when first used: a process that imports one of the package's
modules (its settings, its model) should not pay for the checks' language data.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from polywire.check.core import check_translation, clear_caches, verdict
    from polywire.check.model import Finding, Report, Severity, Text, Verdict
    from polywire.settings.check import CheckSettings

_WHERE = {
    "CheckSettings": "polywire.settings.check",
    "Finding": "polywire.check.model",
    "Report": "polywire.check.model",
    "Severity": "polywire.check.model",
    "Text": "polywire.check.model",
    "Verdict": "polywire.check.model",
    "check_translation": "polywire.check.core",
    "clear_caches": "polywire.check.core",
    "verdict": "polywire.check.core",
}

__all__ = [
    "CheckSettings",
    "Finding",
    "Report",
    "Severity",
    "Text",
    "Verdict",
    "check_translation",
    "clear_caches",
    "verdict",
]


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(_WHERE[name]), name)
    globals()[name] = value
    return value
