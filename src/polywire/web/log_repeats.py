"""The same server log line at most once per interval, with a count of those held back.

A flood of identical failures (a thousand refused connections, `accept()` out of descriptors)
otherwise writes one traceback each, and can fill a disk in minutes. Records are the same when
their logger, level and the first line of their message template are (asyncio adds lines that
differ each time: the timer handle, the socket). Hand-written: the standard library has no such
filter, and a dozen lines do not warrant a dependency.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

#: The server's loggers (a filter on a logger does not see its children's records): asyncio's
#: (accept errors), uvicorn's, the doors' own.
SERVER_LOGGERS = ("asyncio", "uvicorn.error", "polywire.web.server")
_KEYS_KEPT = 1024


class RepeatFilter(logging.Filter):
    def __init__(self, interval: float, clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__()
        self.interval = interval
        self.clock = clock
        self.seen: dict[tuple[str, int, str], tuple[float, int]] = {}  # since, held back

    def filter(self, record: logging.LogRecord) -> bool:
        key = (record.name, record.levelno, str(record.msg).partition("\n")[0])
        now = self.clock()
        previous = self.seen.get(key)
        if previous is not None and now - previous[0] < self.interval:
            self.seen[key] = (previous[0], previous[1] + 1)
            return False
        if len(self.seen) >= _KEYS_KEPT:
            self.seen.clear()
        self.seen[key] = (now, 0)
        if previous is not None and previous[1]:
            since, held = previous
            record.msg = f"{record.msg} [{held} more like it in the last {now - since:.0f}s]"
        return True


def install(interval: float) -> None:
    """Put one filter on each server logger (again: the interval is updated, not doubled)."""
    for name in SERVER_LOGGERS:
        logger = logging.getLogger(name)
        for present in logger.filters:
            if isinstance(present, RepeatFilter):
                present.interval = interval
                break
        else:
            logger.addFilter(RepeatFilter(interval))
