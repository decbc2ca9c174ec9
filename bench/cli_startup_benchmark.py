"""How long the command line takes to start, against a bare `python -c "import click"`.

Each command runs as a fresh process, as a user starts it, `--runs` times in turn with the
baseline (interleaved, so a burst of load on the shared machine hits both); the figure is the
fastest run of each (the least disturbed), and the ratio is against the baseline's fastest run.
Processor time (user + system of the child) is given beside the wall time: on a loaded machine it
is what the command costs, whatever else runs.

Commands measured:
- `polywire --help` (goal: within 4x of the baseline);
- `polywire stories --help` (a command's own help: its module, not the store);
- `polywire classify FILE` on a sample story, in an empty data directory (goal: under 1 s),
  after a first run has filled the user's cache (`polywire.derived`).

`--before SRC` times the same commands from another checkout's `src/` in the same run.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path


@dataclass
class Timing:
    name: str
    command: list[str]
    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)

    def run(self, env: dict[str, str]) -> None:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        subprocess.run(self.command, env=env, check=True, stdout=subprocess.DEVNULL)
        self.wall.append(time.perf_counter() - started)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        self.cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10, help="Runs of each command.")
    parser.add_argument("--json", action="store_true", help="Print the figures as JSON.")
    parser.add_argument(
        "--before",
        type=Path,
        default=None,
        metavar="SRC",
        help="Also time the same commands from another checkout's src/ (e.g. main's).",
    )
    args = parser.parse_args()

    story = str(files("polywire.samples").joinpath("01-solar-cooperative.txt"))
    python = sys.executable
    checkouts = [("", Path(__file__).resolve().parents[1] / "src")]
    if args.before is not None:
        checkouts.append((" (before)", args.before.resolve()))
    with tempfile.TemporaryDirectory() as data_dir:
        env = {k: v for k, v in os.environ.items() if not k.startswith("POLYWIRE_")}
        env["POLYWIRE_DATA_DIR"] = data_dir
        baseline = Timing("python -c 'import click'", [python, "-c", "import click"])
        timings: list[tuple[Timing, dict[str, str]]] = [(baseline, env)]
        for label, src in checkouts:
            at = {**env, "PYTHONPATH": str(src) + os.pathsep + env.get("PYTHONPATH", "")}
            for name, words in (
                ("polywire --help", ["--help"]),
                ("polywire stories --help", ["stories", "--help"]),
                ("polywire classify FILE", ["classify", story]),
            ):
                timings.append((Timing(name + label, [python, "-m", "polywire", *words]), at))
        for _ in range(args.runs):
            for timing, timing_env in timings:
                timing.run(timing_env)

    rows = [
        {
            "command": t.name,
            "wall_s": round(min(t.wall), 3),
            "cpu_s": round(min(t.cpu), 3),
            "ratio_wall": round(min(t.wall) / min(baseline.wall), 2),
            "ratio_cpu": round(min(t.cpu) / min(baseline.cpu), 2),
        }
        for t, _ in timings
    ]
    if args.json:
        print(json.dumps({"runs": args.runs, "commands": rows}, indent=2))
        return
    print(f"fastest of {args.runs} runs; ratios against {baseline.name}")
    print(f"{'command':<37} {'wall':>8} {'cpu':>8} {'wall ratio':>11} {'cpu ratio':>10}")
    for row in rows:
        print(
            f"{row['command']:<37} {row['wall_s']:>7.3f}s {row['cpu_s']:>7.3f}s "
            f"{row['ratio_wall']:>11.2f} {row['ratio_cpu']:>10.2f}"
        )


if __name__ == "__main__":
    main()
