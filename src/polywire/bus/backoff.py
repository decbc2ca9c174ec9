"""Retry delays: exponential backoff with full jitter (AWS architecture blog, "Exponential
Backoff And Jitter"), so that jobs failing together do not retry together."""

from __future__ import annotations

import random


def retry_delay(attempt: int, base: float, cap: float, rng: random.Random | None = None) -> float:
    """Seconds to wait before attempt `attempt + 1`, given `attempt` attempts so far (>= 1)."""
    ceiling = min(cap, base * 2 ** max(0, attempt - 1))
    return (rng or random).uniform(ceiling / 2, ceiling)
