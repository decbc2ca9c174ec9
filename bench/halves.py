"""The fixed split of benchmark data into a tuning half and a held-out half.

Heuristics (the scraped-text cleaner, the HTML path, the classifier's rules) may be tuned on the
tuning half only; the held-out half is measured, never looked at while tuning. An item's half
follows from its id alone — the first byte of the SHA-256 of the id, even for tuning — the same
rule as `check_benchmark.py`, so the split never moves when data or code change.

Every benchmark that scores against this data takes `--half tuning|heldout|both` (`add_option`)
and reports each half it was asked for separately (`chosen`, `split`).
"""

from __future__ import annotations

import argparse
import hashlib
from collections.abc import Callable, Sequence
from typing import TypeVar

HALVES = ("tuning", "heldout")

Item = TypeVar("Item")


def half_of(item_id: str) -> str:
    """ "tuning" or "heldout" for an item id (a page id, a story id)."""
    return "tuning" if hashlib.sha256(item_id.encode()).digest()[0] % 2 == 0 else "heldout"


def add_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--half",
        choices=[*HALVES, "both"],
        default="both",
        help="score the tuning half, the held-out half, or each of them (default: both)",
    )


def chosen(option: str) -> tuple[str, ...]:
    """The halves a `--half` value asks for, tuning first."""
    return HALVES if option == "both" else (option,)


def split(
    items: Sequence[Item], item_id: Callable[[Item], str], option: str
) -> list[tuple[str, list[Item]]]:
    """(half, its items in their original order) for each half asked for."""
    return [(half, [i for i in items if half_of(item_id(i)) == half]) for half in chosen(option)]
