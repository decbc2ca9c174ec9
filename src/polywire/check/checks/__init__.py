"""The fidelity checks, one module each; every one takes an aligned `Pair` and the
settings, and returns issues.

`PAIR_CHECKS` is the order they run in and the names findings carry.
"""

from __future__ import annotations

from collections.abc import Callable

from polywire.check.checks.currency import check_currency
from polywire.check.checks.dates import check_dates
from polywire.check.checks.glossary import check_glossary
from polywire.check.checks.length import check_length
from polywire.check.checks.names import check_names
from polywire.check.checks.negation import check_negation
from polywire.check.checks.numbers import check_numbers
from polywire.check.checks.quotes import check_quotes
from polywire.check.checks.roles import check_roles
from polywire.check.checks.script import check_script
from polywire.check.checks.sentences import check_sentences
from polywire.check.checks.units import check_units
from polywire.check.checks.untranslated import check_untranslated
from polywire.check.model import Issue, Pair
from polywire.settings.check import CheckSettings

PairCheck = Callable[[Pair, CheckSettings], list[Issue]]

PAIR_CHECKS: dict[str, PairCheck] = {
    "numbers": check_numbers,
    "dates": check_dates,
    "currency": check_currency,
    "units": check_units,
    "names": check_names,
    "negation": check_negation,
    "quotes": check_quotes,
    "sentences": check_sentences,
    "roles": check_roles,
    "untranslated": check_untranslated,
    "script": check_script,
    "length": check_length,
    "glossary": check_glossary,
}

__all__ = ["PAIR_CHECKS", "PairCheck"]
