"""Where a submitted story is extracted: in the calling process, or in processes of its own while
`polywire serve` answers the API.

Extraction (decoding; trafilatura and lxml for HTML, jsonschema for ninjs; the text cleaner;
language identification) is CPU-bound Python. In a thread of the serving process it holds the
interpreter's lock that the event loop answering requests and feeding the live streams waits for
(issue 15). `Extractor.use_processes` moves it to a pool of spawned processes, at a lower
scheduling priority, started at the first submission after it; `stop_processes` shuts them down.
Until then, and after, it runs in the caller (the command line, tests, `serve --workers 0`).

The contract is the same answer either way: the `Extraction`, or the `BadInput` that names the
input (both cross the process boundary pickled). A pool process that dies under a submission
(killed, out of memory, or gone while idle) is replaced by a fresh pool that tries the submission
once more; if that one dies too, the submission fails with a `BadInput` of status 503, nothing
stored, and the next submission starts a fresh pool: a lost process never wedges the server, and
never costs an innocent submission its answer.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import signal
import threading
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from multiprocessing.connection import wait

from polywire.domain import BadInput, Extraction
from polywire.ingest.core import extract

log = logging.getLogger(__name__)


class Extractor:
    """`extract`, called as it is, in this process or in a pool of processes; safe to call from
    several threads at once (the API runs each submission in a thread of its own)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._processes = 0
        self._niceness = 0
        self._pool: ProcessPoolExecutor | None = None

    def __call__(self, data: bytes, *, source: str, language: str | None = None) -> Extraction:
        for attempt in (1, 2):
            pool = self._current_pool()
            if pool is None:
                return extract(data, source=source, language=language)
            try:
                return pool.submit(extract, data, source=source, language=language).result()
            except BrokenProcessPool:
                self._discard(pool)
                # the process may have died before this submission (idle, or under another):
                # a fresh pool tries it once more; if that one dies too, this input is the cause
                log.warning("%s: the extracting process exited (attempt %d)", source, attempt)
        raise BadInput(
            source,
            "its extraction stopped before it finished (the extracting process exited: "
            "killed, or out of memory); nothing was stored, send it again",
            status=503,
        )

    def use_processes(self, count: int, *, niceness: int) -> None:
        """From now on extract in `count` processes (none: in this one), `niceness` lower in
        the scheduler's ranking than this one; they start with the first submission."""
        with self._lock:
            self._processes, self._niceness = count, niceness

    def stop_processes(self) -> None:
        """Extract in this process again, and shut down the pool's processes, if any started."""
        with self._lock:
            pool, self._pool, self._processes = self._pool, None, 0
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)

    def _current_pool(self) -> ProcessPoolExecutor | None:
        with self._lock:
            if self._processes and self._pool is None:
                self._pool = ProcessPoolExecutor(
                    max_workers=self._processes,
                    # a fork would copy the serving loop's threads and their locks
                    mp_context=multiprocessing.get_context("spawn"),
                    initializer=_start_process,
                    initargs=(self._niceness,),
                )
            return self._pool

    def _discard(self, broken: ProcessPoolExecutor) -> None:
        with self._lock:
            if self._pool is broken:
                self._pool = None
        broken.shutdown(wait=False, cancel_futures=True)


def _start_process(niceness: int) -> None:
    """A pool process's start: lower its priority, leave Ctrl+C to its parent (which shuts the
    pool down), and exit when the parent is gone, however it went (its sentinel is readable)."""
    os.nice(niceness)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    parent = multiprocessing.parent_process()
    if parent is not None:
        sentinel = parent.sentinel
        threading.Thread(target=_exit_with, args=(sentinel,), daemon=True).start()


def _exit_with(parent_sentinel: int) -> None:
    wait([parent_sentinel])
    os._exit(0)
