"""Fidelity checks of a translation against its source, and their verdict.

Engine-agnostic: a translation by any engine, a person or another wire is judged from the two
texts alone. `check_translation(source, translation)` returns a `Report` whose JSON form is the
`polywire check --json` contract.
"""

from polywire.check.core import check_translation, clear_caches, verdict
from polywire.check.model import Finding, Report, Severity, Text, Verdict
from polywire.check.settings import CheckSettings

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
