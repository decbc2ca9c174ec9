"""Every benchmark in `bench/` still imports what it uses: a module moved in `src/` (issue 15's
folders) breaks a script nobody runs in the test suite, until someone wants its figure. Each
script's top level runs (its imports and definitions, not `main`); a script whose optional
dependency (the `bench` extra) is missing is skipped, not failed."""

from __future__ import annotations

import runpy
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench"


@pytest.mark.parametrize("script", sorted(BENCH.glob("*.py")), ids=lambda path: path.name)
def test_the_script_imports_what_it_uses(script: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.syspath_prepend(str(BENCH))  # as `python bench/X.py` runs it: its neighbours
    try:
        runpy.run_path(str(script), run_name="bench_import_check")
    except ModuleNotFoundError as missing:
        if missing.name and missing.name.split(".")[0] == "polywire":
            raise
        pytest.skip(f"{script.name} needs {missing.name} (pip install .[bench])")
