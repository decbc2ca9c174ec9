"""The fidelity checks, one module each; every one takes an aligned `Pair` and the
settings, and returns issues.

`PAIR_CHECKS` is the order they run in and the names findings carry.
"""

from __future__ import annotations

from collections.abc import Callable

from polywire.check.checks.dates import check_dates
from polywire.check.checks.numbers import check_numbers
from polywire.check.model import Issue, Pair
from polywire.check.settings import CheckSettings

PairCheck = Callable[[Pair, CheckSettings], list[Issue]]

PAIR_CHECKS: dict[str, PairCheck] = {
    "numbers": check_numbers,
    "dates": check_dates,
}

__all__ = ["PAIR_CHECKS", "PairCheck"]
