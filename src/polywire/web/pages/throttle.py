"""Slowing down password guessing: after `max_failures` failed sign-ins for one user name, or
from one client address, within `window_seconds`, sign-ins for it are refused until the oldest
failure leaves the window.

Counted in the serving process (a deployment with several API processes multiplies the budget by
their number; argon2's cost per guess still holds). Hand-written: a dozen lines, where a rate-limit
library would bring its own storage and middleware for one form.
"""

from __future__ import annotations

import time
from collections import deque

#: How many keys are remembered at most, so a flood of made-up names cannot exhaust memory.
_MAX_KEYS = 10_000


class SignInThrottle:
    def __init__(self, max_failures: int = 5, window_seconds: float = 900.0) -> None:
        self.max_failures = max_failures
        self.window = window_seconds
        self._failures: dict[str, deque[float]] = {}

    def wait_seconds(self, *keys: str) -> float:
        """0 when a sign-in may be tried now, else how long to wait."""
        now = time.monotonic()
        longest = 0.0
        for key in keys:
            failures = self._recent(key, now)
            if len(failures) >= self.max_failures:
                longest = max(longest, failures[0] + self.window - now)
        return longest

    def failed(self, *keys: str) -> None:
        now = time.monotonic()
        if len(self._failures) >= _MAX_KEYS:
            self._failures.clear()
        for key in keys:
            self._recent(key, now).append(now)

    def succeeded(self, name_key: str) -> None:
        self._failures.pop(name_key, None)

    def _recent(self, key: str, now: float) -> deque[float]:
        failures = self._failures.setdefault(key, deque())
        while failures and failures[0] <= now - self.window:
            failures.popleft()
        return failures
