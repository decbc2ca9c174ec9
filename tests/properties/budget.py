"""The Hypothesis profile every property test runs under: the same cases on every run.

`derandomize` seeds each test from its own source, and no example database is kept, so CI and a
developer's machine try exactly the same inputs; `deadline` is off because a loaded machine is
slow, not wrong. `max_examples` is set per test with `examples(n)` so that the whole folder stays
within a minute on a loaded two-core machine (`pytest tests/properties --durations=0`);
`POLYWIRE_PROPERTY_SCALE=10` tries ten times as many cases (still the same ones on every run), and
`POLYWIRE_PROPERTY_EXPLORE=1` new ones on every run: for a developer hunting bugs, never for CI.
A case found that way goes into the test as an `@example(...)`.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

settings.register_profile(
    "polywire-properties",
    deadline=None,
    derandomize=not os.environ.get("POLYWIRE_PROPERTY_EXPLORE"),
    database=None,
    print_blob=False,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

#: The parent of every `@settings(...)` in this folder.
PROPERTIES = settings.get_profile("polywire-properties")

_SCALE = float(os.environ.get("POLYWIRE_PROPERTY_SCALE", "1"))


def examples(count: int) -> int:
    """`count` cases, times `POLYWIRE_PROPERTY_SCALE`."""
    return max(1, round(count * _SCALE))
