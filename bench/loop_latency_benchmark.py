"""Event loop under load (issue 15): API latency and live-stream delivery time while stories run
through the pipeline, against the same wire idle.

The wire runs in this process as `polywire serve` runs it (`polywire.runner.run`: the API, the
live streams and the feed poller on one event loop, the jobs in `--workers` worker processes
beside it and the extraction and store transaction of submitted stories in a process of its
own, or with `--workers 0` all in this process; SQLite store in a temporary folder). The
measuring clients (httpx) run in a child process of their own, as real clients do: in this
process they would wait for the interpreter's lock behind the wire's threads, and the figures
would be theirs as much as the wire's. Two probes run side by side:

- API: `GET /healthz` (no store) and `GET /v1/stories` (a store read) in turn, one request at a
  time, every `--interval` seconds; the figure is the 99th percentile of each.
- Live stream: a desk reads `/v1/stream`; the probe appends an event to the log (in the child,
  on the same SQLite file) and times it from its commit to its arrival on the stream, one at a
  time.
  The wire's log tail polls every `deliver.log_poll_seconds` (0.2 s by default), so up to one
  poll interval is part of every such time, idle or busy.

First `--warm` stories run through unmeasured, so that the story list reads as many stories idle
as busy. Idle: the probes alone for `--idle-seconds`. Busy: `--stories` stories (bench/data's
classification stories, in 15 languages) are submitted through the API, each to be translated
into English and Spanish (Apertium; pairs it lacks end as unsupported), checked and released
(`review.rules` empty: nothing waits for an editor); the probes run until no job is left. The
stories' own releases are timed too, from the event's `created` to its arrival on the stream.

`--rounds N` runs idle and busy in turn N times (1 by default), `--stories` more stories in each
busy phase, and gives the figures of all rounds' probes together and of each round: a busy phase
of 50 stories lasts 7–10 s on a quiet machine, about 60 probes of each kind, whose 99th
percentile is their second-largest. bench/data holds about 75 inputs the wire takes, so after
the first round the inputs come round again (as new stories); each pass over them carries its
number before the end of every sentence, so that the wire translates and checks sentences it has
not seen (its translation memory holds those it has: unmarked, a second busy phase lasted 6–8 s
where the first took 28–56 s). Each round's ratios are reported; the issue's measure is a
round's. With `--pages`, pages come round unchanged.

    python bench/loop_latency_benchmark.py --stories 50

With `--pages` the stories are the article-extraction benchmark's HTML pages instead, uploaded
as files in no declared language: their extraction, on the API's request path, costs tens of
milliseconds of CPU each where bench/data's short texts cost a fraction of one.

    python bench/loop_latency_benchmark.py --stories 50 \
        --pages ../shared/datasets/article-extraction-benchmark

With `--profile FILE` a sampler thread charges the serving process's CPU, thread by thread, to
the stacks it was spent in, per phase, and writes the largest to FILE (its own CPU counts in
`serving_process_cpu_s`: take the figures from runs without it).

With `--trace FILE` each process notes its event loop's stalls and its garbage collections, the
serving process its threads' CPU and stacks every 2 ms, and FILE lists the slowest probes of each
phase with what overlapped them (`loop_trace.py`; a diagnostic run, not one for figures).
"""

from __future__ import annotations

import argparse
import asyncio
import gzip
import json
import re
import socket
import statistics
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import AsyncIterator, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import httpx
from loop_trace import Stalls, Timeline
from loop_trace import report as trace_report

from polywire.bus.event_log import SqlEventLog
from polywire.config import load_settings
from polywire.publish.subscribers import parse_spec
from polywire.runner import run
from polywire.store.db import Database
from polywire.store.report_queries import count_jobs_by_state
from polywire.store.subscribers import add_subscriber
from polywire.wire import Wire

STORIES = Path(__file__).parent / "data" / "classify_stories.jsonl"
#: Job states that are finished: the pipeline is done when every job is in one of them.
FINISHED = {"done", "dead"}
PROBE_STORY = "0" * 32
PHASES = ("idle", "busy")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def percentile(values: list[float], share: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def figures(values: list[float]) -> dict[str, float]:
    """Milliseconds: median, 99th percentile, largest; and how many samples."""
    return {
        "n": len(values),
        "p50_ms": round(1000 * statistics.median(values), 1) if values else float("nan"),
        "p99_ms": round(1000 * percentile(values, 0.99), 1),
        "max_ms": round(1000 * max(values), 1) if values else float("nan"),
    }


def ratio(busy: dict[str, float], idle: dict[str, float]) -> float:
    return round(busy["p99_ms"] / idle["p99_ms"], 2)


class Stream:
    """The desk's `/v1/stream`: when each event id arrived, and the released stories' events."""

    def __init__(self) -> None:
        self.arrived: dict[int, float] = {}
        self.waiting: dict[int, asyncio.Event] = {}
        self.releases: list[float] = []  # created → arrival, seconds, of the stories' events

    async def read(self, lines: AsyncIterator[str]) -> None:
        seq = None
        async for line in lines:
            if line.startswith("id: "):
                seq = int(line[4:])
            elif line.startswith("data: ") and seq is not None:
                self.arrived[seq] = time.monotonic()
                data = json.loads(line[6:])
                if data["story_id"] != PROBE_STORY:
                    created = datetime.fromisoformat(data["created"]).timestamp()
                    self.releases.append(time.time() - created)
                if seq in self.waiting:
                    self.waiting.pop(seq).set()

    async def wait_for(self, seq: int) -> float:
        if seq not in self.arrived:
            self.waiting.setdefault(seq, asyncio.Event())
            await asyncio.wait_for(self.waiting[seq].wait(), 60)
        return self.arrived[seq]


def append_probe(events: SqlEventLog) -> tuple[int, float]:
    """Append an event to the log as a release does; its sequence number and commit time."""
    with events.database.write() as conn:
        seq = events.append(
            conn,
            "released",
            PROBE_STORY,
            1,
            "en",
            {"uri": f"urn:polywire:story:{PROBE_STORY}", "headline": "Probe", "sectors": []},
        )
    return seq, time.monotonic()


#: `--trace`: every probe as (phase, what, start, seconds, round), by the machine's monotonic
#: clock.
PROBES: list[tuple[str, str, float, float, int]] = []


async def probe_api(
    client: httpx.AsyncClient, until: asyncio.Event, interval: float, phase: str, round_: int
) -> dict[str, list[float]]:
    taken: dict[str, list[float]] = {"/healthz": [], "/v1/stories": []}
    while not until.is_set():
        for path, times in taken.items():
            started = time.monotonic()
            answer = await client.get(path, params={"limit": 20} if path != "/healthz" else None)
            times.append(time.monotonic() - started)
            PROBES.append((phase, path, started, times[-1], round_))
            answer.raise_for_status()
            await asyncio.sleep(interval)
    return taken


async def probe_stream(
    events: SqlEventLog,
    stream: Stream,
    until: asyncio.Event,
    interval: float,
    phase: str,
    round_: int,
) -> list[float]:
    times = []
    while not until.is_set():
        seq, committed = await asyncio.to_thread(append_probe, events)
        times.append(await stream.wait_for(seq) - committed)
        PROBES.append((phase, "stream", committed, times[-1], round_))
        await asyncio.sleep(interval)
    return times


def unfinished_jobs(database: Database) -> int:
    with database.read() as conn:
        counts = count_jobs_by_state(conn)
    return sum(n for state, n in counts.items() if state not in FINISHED)


def story_requests() -> Iterator[dict[str, Any]]:
    """bench/data's classification stories, as JSON submissions in their language."""
    for line in STORIES.read_text().splitlines():
        story = json.loads(line)
        yield {
            "json": {
                "content": story["headline"] + "\n\n" + "\n\n".join(story["body"]),
                "language": story["language"],
                "languages": ["en", "es"],
                "new_story": True,
            }
        }


def page_requests(dataset: Path) -> Iterator[dict[str, Any]]:
    """The article-extraction benchmark's HTML pages (English news sites), as file uploads whose
    language the wire identifies: extraction (trafilatura, lxml) costs tens of milliseconds
    each, where a story of bench/data's costs well under one."""
    for page in sorted((dataset / "html").glob("*.html.gz")):
        html = gzip.decompress(page.read_bytes())
        yield {
            "files": {"file": (page.name.removesuffix(".gz"), html, "text/html")},
            "data": {"languages": "en,es", "new_story": "true"},
        }


#: The end of a sentence: a full stop, question or exclamation mark after a word (not inside a
#: number), or the ideographic ones, which need no space after them.
SENTENCE_END = re.compile(r"(?<=\w)([.!?؟।۔])(?!\w)|([。！？])")


def marked(request: dict[str, Any], passes: int) -> dict[str, Any]:
    """A JSON submission sent for the `passes`-th time, with that number before the end of each
    of its sentences: sentences the wire has not seen (its translation memory holds those it
    has, by sentence). The first pass, and an uploaded page, go as they are."""
    if passes == 1 or "json" not in request:
        return request
    content = SENTENCE_END.sub(lambda end: f" {passes}{end[0]}", request["json"]["content"])
    return {**request, "json": {**request["json"], "content": content}}


class Inputs:
    """The inputs to submit, over and over (each as a new story: `new_story`), for as many rounds
    as asked, each pass over them with its number in every sentence (`marked`); one the wire
    refused is not sent again."""

    def __init__(self, requests: Iterator[dict[str, Any]]) -> None:
        self.requests = list(requests)
        self.next = 0
        self.passes = 1

    def take(self) -> dict[str, Any]:
        if not self.requests:
            raise SystemExit("no input the wire takes as a story")
        if self.next >= len(self.requests):
            self.next, self.passes = 0, self.passes + 1
        self.next += 1
        return marked(self.requests[self.next - 1], self.passes)

    def refused(self) -> None:
        """The wire refused the input taken last."""
        self.next -= 1
        del self.requests[self.next]


async def submit(client: httpx.AsyncClient, inputs: Inputs, count: int) -> int:
    """Submit the next of `inputs` until `count` were taken (the wire refuses the shortest, 422:
    too few words for a story); how many were refused."""
    refused = 0
    while count:
        answer = await client.post("/v1/stories", **inputs.take())
        if answer.status_code == 422:
            inputs.refused()
            refused += 1
            continue
        answer.raise_for_status()
        count -= 1
    return refused


async def run_through(
    client: httpx.AsyncClient, database: Database, stories: Inputs, count: int
) -> int:
    """Submit `count` stories and wait until the pipeline has no job left; how many stories the
    wire refused on the way."""
    refused = await submit(client, stories, count)
    # the jobs are the other process's: its store is all this one can watch
    while await asyncio.to_thread(unfinished_jobs, database):  # noqa: ASYNC110
        await asyncio.sleep(0.5)
    return refused


#: What is probed, as the figures name it.
PROBED = ("/healthz", "/v1/stories", "stream")


def summary(idle: dict[str, list[float]], busy: dict[str, list[float]]) -> dict[str, Any]:
    """Figures of each probe idle and busy, and p99 busy ÷ idle."""
    return {
        "idle": {what: figures(times) for what, times in idle.items()},
        "busy": {what: figures(times) for what, times in busy.items()},
        "ratio_busy_over_idle": {
            what: ratio(figures(busy[what]), figures(idle[what])) for what in PROBED
        },
    }


async def measure(args: argparse.Namespace) -> dict[str, Any]:
    """The child's part: fill the wire with `--warm` stories, then `--rounds` times probe it
    idle, then busy with `--stories` more; the figures of each round, and of all rounds' probes
    together. (The story list reads the newest 20: idle and busy list as many.)"""
    stories = Inputs(story_requests() if args.pages is None else page_requests(args.pages))
    database = Database(args.database_url)
    events = SqlEventLog(database)
    stream = Stream()
    base = f"http://127.0.0.1:{args.port}"
    pooled: dict[str, dict[str, list[float]]] = {p: {w: [] for w in PROBED} for p in PHASES}
    rounds = []
    async with (
        httpx.AsyncClient(base_url=base, timeout=120) as client,
        httpx.AsyncClient(base_url=base, timeout=None) as listener,
        listener.stream("GET", "/v1/stream", params={"token": args.token}) as response,
    ):
        response.raise_for_status()
        reading = asyncio.create_task(stream.read(response.aiter_lines()))
        stalls, watched = Stalls(), asyncio.Event()
        if args.trace is not None:
            stalls.start()
            watching = asyncio.create_task(stalls.watch_loop(watched))
        await run_through(client, database, stories, args.warm)
        for round_ in range(1, args.rounds + 1):
            taken: dict[str, dict[str, list[float]]] = {}
            seconds: dict[str, float] = {}
            for phase in PHASES:
                print(f"phase: {phase}", file=sys.stderr, flush=True)  # for --profile
                until = asyncio.Event()
                api = asyncio.create_task(probe_api(client, until, args.interval, phase, round_))
                sse = asyncio.create_task(
                    probe_stream(events, stream, until, args.interval, phase, round_)
                )
                started = time.monotonic()
                if phase == "idle":
                    await asyncio.sleep(args.idle_seconds)
                else:
                    stream.releases.clear()
                    async with httpx.AsyncClient(base_url=base, timeout=120) as submitter:
                        refused = await run_through(submitter, database, stories, args.stories)
                until.set()
                print("phase: done", file=sys.stderr, flush=True)
                seconds[phase] = round(time.monotonic() - started, 1)
                taken[phase] = {**await api, "stream": await sse}
                for what, times in taken[phase].items():
                    pooled[phase][what] += times
            rounds.append(
                {
                    "seconds": seconds,
                    **summary(taken["idle"], taken["busy"]),
                    "refused_as_too_short": refused,
                    "story_releases": figures(stream.releases),
                }
            )
        reading.cancel()
        results: dict[str, Any] = {"stories_per_round": args.stories, "rounds": rounds}
        if args.trace is not None:
            watched.set()
            await watching
            stalls.stop()
            results["trace"] = {"probes": PROBES, "client": stalls.as_json()}
    database.dispose()
    return {**results, **summary(pooled["idle"], pooled["busy"])}


class Sampler:
    """`--profile`: where the serving process's threads spend their CPU, without a profiler
    hook (which would slow every call). Every `period` seconds a thread reads each thread's CPU
    clock and stack (`sys._current_frames`) and charges the CPU the thread used since the last
    sample to the stack it is in now; the totals per phase of the child (warm-up, idle, busy)
    by thread, by function itself (the innermost frame) and by function with its callees."""

    def __init__(self, period: float = 0.005) -> None:
        self.period = period
        self.phase = "warm"
        self.itself: dict[str, Counter[str]] = {}
        self.inclusive: dict[str, Counter[str]] = {}
        self.threads: dict[str, Counter[str]] = {}
        self.seconds: Counter[str] = Counter()
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self.run, name="sampler", daemon=True)

    def run(self) -> None:
        used: dict[int, float] = {}
        me = threading.get_ident()
        while not self.stopped.wait(self.period):
            names = {t.ident: t.name for t in threading.enumerate()}
            phase = self.phase
            for ident, frame in sys._current_frames().items():
                if ident == me:
                    continue
                try:
                    now = time.clock_gettime(time.pthread_getcpuclockid(ident))
                except OSError:  # the thread ended meanwhile
                    continue
                cpu, used[ident] = now - used.get(ident, now), now
                if cpu <= 0:
                    continue
                stack = []
                while frame is not None:
                    code = frame.f_code
                    stack.append(f"{code.co_filename.split('/site-packages/')[-1]}:{code.co_name}")
                    frame = frame.f_back
                self.seconds[phase] += cpu
                self.itself.setdefault(phase, Counter())[stack[0]] += cpu
                for function in set(stack):
                    self.inclusive.setdefault(phase, Counter())[function] += cpu
                name = names.get(ident, "?").split("(")[0].rstrip("_0123456789")
                self.threads.setdefault(phase, Counter())[name] += cpu

    def report(self, path: Path, top: int = 40) -> None:
        lines = []
        for phase, seconds in self.seconds.items():
            lines.append(f"== {phase}: {seconds:.2f} s of CPU sampled")
            for title, table in (
                ("threads", self.threads),
                ("itself", self.itself),
                ("with callees", self.inclusive),
            ):
                lines.append(f"-- {title}")
                for function, cpu in table[phase].most_common(top):
                    lines.append(f"{cpu:8.2f} s {100 * cpu / seconds:5.1f}%  {function}")
        path.write_text("\n".join(lines) + "\n")


async def follow_phases(lines: asyncio.StreamReader, sampler: Sampler) -> None:
    """The child's `phase: …` lines on its standard error: the sampler's current phase."""
    async for line in lines:
        text = line.decode()
        if text.startswith("phase: "):
            sampler.phase = text.removeprefix("phase: ").strip()
        else:
            sys.stderr.write(text)


async def serve(
    wire: Wire, client: list[str], workers: int, profile: Path | None, trace: Path | None
) -> dict[str, Any]:
    """Run the wire until the child that measures it is done; the child's figures, and the CPU
    time of the serving process from the first warm-up story to the last job (all its threads,
    none of its children's: what of the work held this process's interpreter lock)."""
    stop = asyncio.Event()
    ready = asyncio.Event()
    serving = asyncio.create_task(
        run(wire, worker_processes=workers, on_ready=ready.set, stop=stop)
    )
    try:
        await ready.wait()
        started = time.process_time()
        sampler = Sampler()
        if profile is not None:
            sampler.thread.start()
        stalls, timeline, watched = Stalls(), Timeline(), asyncio.Event()
        if trace is not None:
            stalls.start()
            watching = asyncio.create_task(stalls.watch_loop(watched))
            timeline.thread.start()
        child = await asyncio.create_subprocess_exec(
            *client, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE
        )
        assert child.stdout is not None and child.stderr is not None
        out, _ = await asyncio.gather(child.stdout.read(), follow_phases(child.stderr, sampler))
        await child.wait()
        if profile is not None:
            sampler.stopped.set()
            sampler.thread.join()
            sampler.report(profile)
        if child.returncode:
            raise SystemExit(f"the measuring process failed ({child.returncode})")
        results = json.loads(out)
        if trace is not None:
            watched.set()
            await watching
            stalls.stop()
            timeline.stopped.set()
            timeline.thread.join()
            traced = results.pop("trace")
            written = trace_report(traced["probes"], stalls, timeline, traced["client"])
            await asyncio.to_thread(trace.write_text, written)
        return {**results, "serving_process_cpu_s": round(time.process_time() - started, 1)}
    finally:
        stop.set()
        await serving


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--stories", type=int, default=50)
    parser.add_argument("--warm", type=int, default=20, help="stories stored before idle")
    parser.add_argument(
        "--pages",
        type=Path,
        help="the article-extraction-benchmark folder: submit its HTML pages, not bench/data's "
        "stories",
    )
    parser.add_argument(
        "--rounds",
        type=int,
        default=1,
        help="idle and busy phases in turn, this many of each (their probes pooled, and each "
        "round's figures too); after the first, inputs come round again, lighter",
    )
    parser.add_argument("--idle-seconds", type=float, default=20.0)
    parser.add_argument("--interval", type=float, default=0.05, help="seconds between probes")
    parser.add_argument(
        "--workers", type=int, default=1, help="worker processes (serve's default); 0: in-process"
    )
    parser.add_argument(
        "--profile",
        type=Path,
        help="write where the serving process's threads spent their CPU, per phase, to this file",
    )
    parser.add_argument(
        "--trace",
        type=Path,
        help="write the slowest probes of each phase, with what each process did meanwhile "
        "(loop stalls, garbage collections, CPU by thread), to this file",
    )
    parser.add_argument("--port", type=int, help=argparse.SUPPRESS)  # the child's
    parser.add_argument("--token", help=argparse.SUPPRESS)
    parser.add_argument("--database-url", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.port is not None:
        print(json.dumps(asyncio.run(measure(args))))
        return
    with tempfile.TemporaryDirectory() as folder:
        port = free_port()
        settings = load_settings(
            data_dir=Path(folder),
            port=port,
            host="127.0.0.1",
            languages=["en", "es"],
            review={"rules": []},
            log_level="WARNING",
        )
        wire = Wire(settings)
        desk = {"name": "desk", "kind": "desktop", "destinations": [{"channel": "stream"}]}
        with wire.database.write() as conn:
            _, token = add_subscriber(conn, parse_spec({**desk, "languages": ["en", "es"]}))
        # `--token=` keeps a token that begins with "-" from reading as an option
        client = [sys.executable, __file__, *sys.argv[1:], "--port", str(port), f"--token={token}"]
        client += ["--database-url", settings.resolved_database_url]
        try:
            results = asyncio.run(serve(wire, client, args.workers, args.profile, args.trace))
        finally:
            wire.close()
    results["workers"] = args.workers
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
