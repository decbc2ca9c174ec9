"""Data derived from libraries is built once and kept (`polywire.derived`): read back while what
it was built from is the same, built again when that changes or the cache cannot be used."""

from __future__ import annotations

from pathlib import Path

import pytest

from polywire.derived import kept


def test_kept_until_its_inputs_change(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("POLYWIRE_CACHE_DIR", str(tmp_path / "cache"))
    builds: list[int] = []

    def build() -> dict[str, int]:
        builds.append(1)
        return {"built": len(builds)}

    assert kept("names", build, inputs=["v1"]) == {"built": 1}
    assert kept("names", build, inputs=["v1"]) == {"built": 1}
    assert kept("names", build, inputs=["v2"]) == {"built": 2}
    assert len(builds) == 2
    assert len(list((tmp_path / "cache").glob("names-*.pickle"))) == 1  # the stale one is gone


def test_a_cache_that_cannot_be_used_is_built_around(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    blocked = tmp_path / "a file, not a directory"
    blocked.write_text("")
    monkeypatch.setenv("POLYWIRE_CACHE_DIR", str(blocked))
    assert kept("names", lambda: 42, inputs=[]) == 42
    assert "cannot keep it" in caplog.text

    monkeypatch.setenv("POLYWIRE_CACHE_DIR", str(tmp_path / "cache"))
    kept("names", lambda: 1, inputs=[])
    [path] = (tmp_path / "cache").glob("names-*.pickle")
    path.write_bytes(b"not a pickle")
    assert kept("names", lambda: 2, inputs=[]) == 2
    assert "cannot read the kept names" in caplog.text
    assert kept("names", lambda: 3, inputs=[]) == 2  # kept again, whole
