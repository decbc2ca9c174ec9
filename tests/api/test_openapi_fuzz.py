"""schemathesis against the app's own OpenAPI document, in-process: every operation, with data
that fits the document and data that does not, with an admin's API token and without one, a
bounded number of examples, derandomized (the same cases every run).

With a token it runs on SQLite and on PostgreSQL (which, unlike SQLite, stores no NUL in a text).
It fails on any 5xx, and on an answer the document does not describe (status code, content type,
body schema, headers). Path parameters are half the time the ids of what the store holds (so
operations reach their work) and half the time generated. The live streams (`/v1/stream`,
`/newsroom/stream`) are not in the document and so are not called.

The operations are driven through Hypothesis with schemathesis's strategies (`as_strategy`)
rather than `schemathesis.pytest.from_fixture`, whose lazy loader does not run on pytest 9.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import CheckFunction
from schemathesis.python.asgi import shutdown_lifespans
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from api.conftest import Stocked, stocked_wire

#: Examples per operation and generation mode (negative only where a query or body can be wrong).
EXAMPLES = 25
CHECKS: list[CheckFunction] = [
    schemathesis.checks.not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    response_headers_conformance,
]


@pytest.fixture
def fuzzed(tmp_path: Path, database_url: str) -> Iterator[Stocked]:
    found = stocked_wire(tmp_path / "data", database_url)
    yield found
    found.wire.close()


def _known(stocked: Stocked) -> dict[str, str]:
    return {
        "story_id": stocked.story_id,
        "subscriber_id": stocked.subscriber_id,
        "destination_id": stocked.destination_id,
        "language": "en",
        "lang": "en",
        "filename": "all.rss",
    }


def _use_known(case: Any, known: dict[str, str]) -> None:
    """Half of the generated path parameters (chosen by their value, so the same every run)
    become the ids of what the store holds."""
    for name, value in list((case.path_parameters or {}).items()):
        if name in known and zlib.crc32(str(value).encode("utf-8", "surrogatepass")) % 2 == 0:
            case.path_parameters[name] = known[name]


def _fuzz(stocked: Stocked, headers: dict[str, str]) -> list[str]:
    schema = schemathesis.openapi.from_asgi("/openapi.json", stocked.app)
    known = _known(stocked)
    failures: list[str] = []
    try:
        _fuzz_operations(schema, known, headers, failures)
    finally:
        shutdown_lifespans()  # the app's, started by the first call: stops its event-log tail
    return failures


def _fuzz_operations(
    schema: Any, known: dict[str, str], headers: dict[str, str], failures: list[str]
) -> None:
    for result in schema.get_all_operations():
        operation = result.ok()
        negatable = len(operation.query) > 0 or len(operation.body) > 0
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE)[: 2 if negatable else 1]:

            @settings(
                max_examples=EXAMPLES,
                derandomize=True,
                database=None,
                deadline=None,
                phases=[Phase.explicit, Phase.generate],
                suppress_health_check=list(HealthCheck),
            )
            @given(case=operation.as_strategy(generation_mode=mode))
            def run(case: Any) -> None:
                _use_known(case, known)
                case.call_and_validate(headers=headers, checks=CHECKS)

            try:
                run()
            except (Exception, BaseExceptionGroup) as failure:
                failures.append(f"{operation.label} ({mode.value}): {failure}")


def test_with_an_admin_token(fuzzed: Stocked) -> None:
    failures = _fuzz(fuzzed, {"Authorization": f"Bearer {fuzzed.admin_token}"})
    assert not failures, "\n\n".join(failures)


def test_without_a_token(tmp_path: Path) -> None:
    """Only the doors without a token (feeds, WebSub, unsubscribe) and the 401s: SQLite will do."""
    anonymous = stocked_wire(tmp_path / "data")
    try:
        failures = _fuzz(anonymous, {})
    finally:
        anonymous.wire.close()
    assert not failures, "\n\n".join(failures)
