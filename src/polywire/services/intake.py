"""Where a submitted story is extracted and stored: in the calling process, or in processes of
its own while `polywire serve` answers the API.

Both are CPU-bound Python: extraction (decoding; trafilatura and lxml for HTML, jsonschema for
ninjs; the text cleaner; language identification) and the store transaction (SQLAlchemy's
statement building and compiling, the same-story signature, the outbox). In a thread of the
serving process they hold the interpreter's lock that the event loop answering requests and
feeding the live streams waits for (issue 15; bench/README.md, "Event loop under load").
`Intake.use_processes` moves both to a pool of spawned processes, at a lower scheduling
priority, each with a wire of its own on the same store (opened by the pool's initializer: the
same settings, the fenced outbox the same), started at the first submission after it;
`stop_processes` shuts them down. Until then, and after, they run in the caller (the command
line, tests, `serve --workers 0`).

The contract is the same answer either way: the `Submitted`, or the `BadInput` that names the
input (or `NotFound`: both cross the process boundary pickled). A pool process that dies under a
submission (killed, out of memory, or gone while idle) is replaced by a fresh pool that tries the
submission once more; if that one dies too, the submission fails with a `BadInput` of status
503, and the next submission starts a fresh pool: a lost process never wedges the server, and
never costs an innocent submission its answer. Its transaction is all or nothing, so a process
that died under it stored nothing, unless it died after the commit, in which case the try on the
fresh pool finds the same content stored and answers it (`created` false).
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import signal
import threading
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from multiprocessing.connection import wait

from polywire.config import Settings, configure_logging
from polywire.domain import BadInput
from polywire.services.parts import Parts
from polywire.services.submission import Received, Submitted, receive

log = logging.getLogger(__name__)

#: Opens a pool process's own wire from the serving process's settings (`polywire.wire.Wire`,
#: which sits above the services).
OpenWire = Callable[[Settings], Parts]


@dataclass(frozen=True)
class _Processes:
    count: int
    niceness: int
    open_wire: OpenWire


class Intake:
    """`receive`, called as it is, on `wire` in this process or on a wire of their own in a pool
    of processes; safe to call from several threads at once (the API runs each submission in a
    thread of its own)."""

    def __init__(self, wire: Parts) -> None:
        self.wire = wire
        self._lock = threading.Lock()
        self._elsewhere: _Processes | None = None
        self._pool: ProcessPoolExecutor | None = None

    def __call__(self, received: Received) -> Submitted:
        for attempt in (1, 2):
            pool = self._current_pool()
            if pool is None:
                return receive(self.wire, received)
            try:
                return pool.submit(_receive_here, received).result()
            except BrokenProcessPool:
                self._discard(pool)
                # the process may have died before this submission (idle, or under another):
                # a fresh pool tries it once more; if that one dies too, this input is the cause
                log.warning(
                    "%s: the receiving process exited (attempt %d)", received.source, attempt
                )
        raise BadInput(
            received.source,
            "its extraction stopped before it finished (the extracting process exited: "
            "killed, or out of memory); send it again: if it was stored before the process "
            "exited, the wire recognises it and stores nothing twice",
            status=503,
        )

    def use_processes(self, count: int, *, niceness: int, open_wire: OpenWire) -> None:
        """From now on extract and store in `count` processes (none: in this one), `niceness`
        lower in the scheduler's ranking than this one, each on the wire `open_wire` opens with
        this wire's settings; they start with the first submission."""
        with self._lock:
            self._elsewhere = _Processes(count, niceness, open_wire) if count else None

    def stop_processes(self) -> None:
        """Extract and store in this process again, and shut down the pool's processes, if any
        started."""
        with self._lock:
            pool, self._pool, self._elsewhere = self._pool, None, None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)

    def _current_pool(self) -> ProcessPoolExecutor | None:
        with self._lock:
            elsewhere = self._elsewhere
            if elsewhere is not None and self._pool is None:
                level = logging.getLevelName(logging.getLogger().getEffectiveLevel())
                self._pool = ProcessPoolExecutor(
                    max_workers=elsewhere.count,
                    # a fork would copy the serving loop's threads and their locks
                    mp_context=multiprocessing.get_context("spawn"),
                    initializer=_start_process,
                    initargs=(elsewhere.niceness, elsewhere.open_wire, self.wire.settings, level),
                )
            return self._pool

    def _discard(self, broken: ProcessPoolExecutor) -> None:
        with self._lock:
            if self._pool is broken:
                self._pool = None
        broken.shutdown(wait=False, cancel_futures=True)


#: A pool process's own wire, opened by `_start_process`.
_wire: Parts | None = None


def _start_process(niceness: int, open_wire: OpenWire, settings: Settings, log_level: str) -> None:
    """A pool process's start: lower its priority, log as its parent does, leave Ctrl+C to its
    parent (which shuts the pool down), exit when the parent is gone, however it went (its
    sentinel is readable), and open its wire (closed with the process)."""
    global _wire
    os.nice(niceness)
    configure_logging(log_level)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    parent = multiprocessing.parent_process()
    if parent is not None:
        sentinel = parent.sentinel
        threading.Thread(target=_exit_with, args=(sentinel,), daemon=True).start()
    _wire = open_wire(settings)


def _receive_here(received: Received) -> Submitted:
    """`receive` on the pool process's own wire."""
    assert _wire is not None, "opened by the pool's initializer"
    return receive(_wire, received)


def _exit_with(parent_sentinel: int) -> None:
    wait([parent_sentinel])
    os._exit(0)
