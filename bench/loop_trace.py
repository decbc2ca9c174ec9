"""`loop_latency_benchmark.py --trace FILE`: what the serving process (and the measuring one) did
while the slowest probes waited, to line a slow probe up with its cause.

Both processes share the machine's monotonic clock (`CLOCK_MONOTONIC` is system-wide on Linux),
so a probe's start and end in the measuring child bound a window in the serving process's
records. Each process records, while it runs:

- its event loop's stalls: a task that asks to wake every millisecond notes each wake-up later
  than `LAG_NOTED` (the loop ran something else, or waited for the interpreter's lock);
- its garbage collections (`gc.callbacks`): when, which generation, how long;
- in the serving process, every `period` seconds, each thread's CPU since the last sample and
  the innermost frames of polywire (or of the library) it is in, and the number of runnable
  tasks on the machine (`/proc/loadavg`'s fourth field: how many want a core now).

The report lists the slowest probes of each phase with what overlapped them. It is a diagnostic
run: the records cost CPU of their own, so figures come from runs without `--trace`.
"""

from __future__ import annotations

import asyncio
import gc
import sys
import threading
import time
from dataclasses import dataclass, field
from typing import Any

#: A wake-up this much later than asked for (seconds) is a stall worth noting.
LAG_NOTED = 0.002


@dataclass
class Stalls:
    """A process's loop stalls and garbage collections, by monotonic time."""

    lags: list[tuple[float, float]] = field(default_factory=list)  # (start, seconds)
    collections: list[tuple[float, float, int]] = field(default_factory=list)  # (start, s, gen)
    _gc_started: float = 0.0

    async def watch_loop(self, stop: asyncio.Event) -> None:
        while not stop.is_set():
            asked = time.monotonic()
            await asyncio.sleep(0.001)
            late = time.monotonic() - asked - 0.001
            if late > LAG_NOTED:
                self.lags.append((asked + 0.001, late))

    def on_gc(self, phase: str, info: dict[str, Any]) -> None:
        if phase == "start":
            self._gc_started = time.monotonic()
        else:
            now = time.monotonic()
            self.collections.append((self._gc_started, now - self._gc_started, info["generation"]))

    def start(self) -> None:
        gc.callbacks.append(self.on_gc)

    def stop(self) -> None:
        gc.callbacks.remove(self.on_gc)

    def as_json(self) -> dict[str, Any]:
        return {"lags": self.lags, "collections": self.collections}


def where(frame: Any) -> str:
    """The innermost two frames of polywire in a stack (or the innermost frame if none)."""
    ours = []
    innermost = frame
    while frame is not None and len(ours) < 2:
        name = frame.f_code.co_filename
        if "/polywire/" in name and "/site-packages/" not in name:
            ours.append(f"{name.split('/polywire/')[-1]}:{frame.f_code.co_name}")
        frame = frame.f_back
    short = innermost.f_code.co_filename.split("/site-packages/")[-1].split("/lib/python")[-1]
    return " < ".join([f"{short}:{innermost.f_code.co_name}", *ours])


class Timeline:
    """The serving process's threads, sample by sample: (time, runnable tasks on the machine,
    [(thread, CPU seconds since the last sample, where)])."""

    def __init__(self, period: float = 0.002) -> None:
        self.period = period
        # tuples of atoms: the collector stops tracking them, so the records do not make the
        # serving process's collections longer
        self.samples: list[tuple[float, int, tuple[tuple[str, float, str], ...]]] = []
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self.run, name="timeline", daemon=True)

    def run(self) -> None:
        used: dict[int, float] = {}
        me = threading.get_ident()
        with open("/proc/loadavg") as loadavg:
            while not self.stopped.wait(self.period):
                loadavg.seek(0)
                runnable = int(loadavg.read().split()[3].split("/")[0])
                names = {t.ident: t.name for t in threading.enumerate()}
                now_t = time.monotonic()
                row = []
                for ident, frame in sys._current_frames().items():
                    if ident == me:
                        continue
                    try:
                        now = time.clock_gettime(time.pthread_getcpuclockid(ident))
                    except OSError:
                        continue
                    cpu, used[ident] = now - used.get(ident, now), now
                    if cpu > 0:
                        row.append((names.get(ident, "?"), cpu, where(frame)))
                self.samples.append((now_t, runnable, tuple(row)))


def overlapping(
    records: list[tuple[float, float]] | list[tuple[float, float, int]], start: float, end: float
) -> list[Any]:
    return [r for r in records if r[0] < end and r[0] + r[1] > start]


def report(
    probes: list[list[Any]],
    serving: Stalls,
    timeline: Timeline,
    client: dict[str, Any],
    top: int = 6,
) -> str:
    """The slowest `top` probes of each phase, each with what overlapped it. `probes` are
    (phase, what, start, seconds, round) from the measuring child."""
    probes = [tuple(p) for p in probes]  # lists, through JSON
    lines = []
    rounds = {(p[4], p[0] != "idle", p[0]) for p in probes}
    for round_, _, phase in sorted(rounds):
        spans = [(p[2], p[2] + p[3]) for p in probes if (p[0], p[4]) == (phase, round_)]
        start, end = min(s for s, _ in spans), max(e for _, e in spans)
        full = [c for c in serving.collections if c[2] == 2 and start <= c[0] <= end]
        lags = [lag for at, lag in serving.lags if start <= at <= end]
        lines.append(
            f"== round {round_}, {phase}: serving loop stalls over 2 ms: {len(lags)}, the longest "
            f"{', '.join(f'{1000 * lag:.0f}' for lag in sorted(lags)[-5:])} ms; full collections: "
            f"{', '.join(f'{1000 * took:.0f} ms' for _, took, _ in full) or 'none'}"
        )
    kinds = sorted({(p[0], p[1]) for p in probes}, key=lambda kind: kind[0] != "idle")
    for phase, kind in kinds:
        ours = sorted((p for p in probes if p[:2] == (phase, kind)), key=lambda p: -p[3])[:top]
        lines.append(f"== {phase}, {kind}: the {len(ours)} slowest probes")
        for _, what, start, seconds, _ in ours:
            end = start + seconds
            lines.append(f"-- {what} {1000 * seconds:.1f} ms at {start:.3f}")
            for at, late in overlapping(serving.lags, start, end):
                lines.append(f"   serving loop stalled {1000 * late:.1f} ms at {at - start:+.4f}")
            for at, took, generation in overlapping(serving.collections, start, end):
                lines.append(
                    f"   serving gc gen {generation} {1000 * took:.1f} ms at {at - start:+.4f}"
                )
            for at, late in overlapping(client["lags"], start, end):
                lines.append(f"   client loop stalled {1000 * late:.1f} ms at {at - start:+.4f}")
            for at, took, generation in overlapping(client["collections"], start, end):
                lines.append(
                    f"   client gc gen {generation} {1000 * took:.1f} ms at {at - start:+.4f}"
                )
            cpu: dict[str, float] = {}
            spots: dict[str, float] = {}
            runnable = []
            for at, count, row in timeline.samples:
                if start - timeline.period <= at <= end + timeline.period:
                    runnable.append(count)
                    for thread, used, spot in row:
                        cpu[thread] = cpu.get(thread, 0.0) + used
                        spots[f"{thread.split('(')[0]}: {spot}"] = (
                            spots.get(f"{thread.split('(')[0]}: {spot}", 0.0) + used
                        )
            if runnable:
                lines.append(
                    f"   runnable tasks on the machine: max {max(runnable)}, "
                    f"mean {sum(runnable) / len(runnable):.1f}"
                )
            for thread, used in sorted(cpu.items(), key=lambda kv: -kv[1])[:5]:
                lines.append(f"   cpu {1000 * used:6.1f} ms  {thread}")
            for spot, used in sorted(spots.items(), key=lambda kv: -kv[1])[:6]:
                lines.append(f"     {1000 * used:6.1f} ms  {spot}")
    return "\n".join(lines) + "\n"
