"""The job queue through every door: the HTTP API (`/v1/jobs`), the desk's health page, the
command line against the running wire (`polywire jobs --api` with a token) and on the embedded
store (the operator) all answer and refuse what `JobService` does. Editors and admins see the
queue, only an admin retries a job; a publisher's user is refused both, with the same words on
every door, and one bound to a publisher finds no job of another publisher's stories."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from click.testing import CliRunner, Result
from fastapi.testclient import TestClient
from sqlalchemy import select, update

from newsroom.conftest import PASSWORD, sign_in, token_for
from polywire.bus.outbox import enqueue
from polywire.cli import main
from polywire.domain import Forbidden, NotFound, Principal, Role, Scope
from polywire.services import JobService, StoryService
from polywire.services.jobs import ACTS, SEES
from polywire.store import accounts
from polywire.store.tables import jobs
from polywire.wire import Wire

from .stories import ACME_STORY, GLOBEX_STORY

API = "http://testserver"
#: The doors an admin bound to acme retries one of acme's dead jobs through, one job each.
DOORS = ("api", "cli", "desk", "service")


@dataclass
class Queue:
    """A dead job of acme's story for each door, and one of globex's; who asks."""

    mine: dict[str, int]
    theirs: int
    people: dict[str, Principal]
    tokens: dict[str, str]

    def not_found(self, job_id: int) -> str:
        return f"job {job_id}: no such job"


def _dead_job(wire: Wire, story_id: str, key: str) -> int:
    with wire.database.write() as conn:
        enqueue(conn, "translate", key, {"story_id": story_id, "language": "es"})
        conn.execute(
            update(jobs)
            .where(jobs.c.key == key)
            .values(state="dead", attempts=6, last_error=f"{key} on fire", finished=1.0)
        )
        return int(conn.execute(select(jobs.c.id).where(jobs.c.key == key)).scalar_one())


@pytest.fixture
def queue(wire: Wire) -> Queue:
    stories = StoryService(wire)
    mine = stories.submit(None, ACME_STORY, source="acme.txt", publisher="acme").story_id
    theirs = stories.submit(None, GLOBEX_STORY, source="globex.txt", publisher="globex").story_id
    with wire.database.write() as conn:
        accounts.add_user(conn, "eve", PASSWORD, Role.EDITOR, None)
        accounts.add_user(conn, "root", PASSWORD, Role.ADMIN, "acme")
    with wire.database.read() as conn:
        people = {
            name: Principal(accounts.get_user_by_name(conn, name))
            for name in ("acme", "eve", "root")
        }
    return Queue(
        mine={door: _dead_job(wire, mine, f"acme-{door}") for door in DOORS},
        theirs=_dead_job(wire, theirs, "globex"),
        people=people,
        tokens={
            name: token_for(wire, name, Scope.READ, Scope.WRITE) for name in ("acme", "eve", "root")
        },
    )


def _cli(queue: Queue, name: str, *args: str) -> Result:
    env = {"POLYWIRE_API_TOKEN": queue.tokens[name], "POLYWIRE_LANGUAGES": "[]"}
    return CliRunner().invoke(main, ["jobs", *args, "--api", API], env=env, catch_exceptions=False)


def _api(client: TestClient, queue: Queue, name: str, method: str, path: str) -> Any:
    headers = {"Authorization": f"Bearer {queue.tokens[name]}"}
    return client.request(method, f"/v1/jobs{path}", headers=headers)


def _desk_retry(client: TestClient, name: str, job_id: int) -> Any:
    client.cookies.clear()
    sign_in(client, name)
    csrf = re.search(r'name="csrf" value="([^"]+)"', client.get("/desk").text)
    assert csrf
    return client.post(f"/desk/jobs/{job_id}/retry", data={"csrf": csrf.group(1)})


@pytest.mark.usefixtures("through_the_api")
def test_the_dead_jobs_listed_are_the_service_s_through_every_door(
    client: TestClient, wire: Wire, queue: Queue
) -> None:
    service = JobService(wire)
    for name, keys in (
        ("eve", {"acme-api", "acme-cli", "acme-desk", "acme-service", "globex"}),
        ("root", {"acme-api", "acme-cli", "acme-desk", "acme-service"}),
    ):
        expected = [job.to_json(0) for job in service.visible(queue.people[name], state="dead")]
        assert {job["key"] for job in expected} == keys, name
        by_api = _api(client, queue, name, "GET", "?state=dead")
        assert by_api.status_code == 200 and by_api.json() == expected, name
        by_cli = _cli(queue, name, "list", "--state", "dead", "--json")
        assert by_cli.exit_code == 0 and json.loads(by_cli.output) == expected, name
        shown = _cli(queue, name, "show", str(queue.mine["api"]))
        assert json.loads(shown.output) == service.get(None, queue.mine["api"]).to_json(0)
        client.cookies.clear()
        sign_in(client, name)
        health = client.get("/desk/health").text
        assert {key for key in ("acme-api", "globex") if f"{key} on fire" in health} == (
            keys & {"acme-api", "globex"}
        ), name


@pytest.mark.usefixtures("through_the_api")
def test_only_an_admin_retries_a_job_and_only_its_publisher_s_through_every_door(
    client: TestClient, wire: Wire, queue: Queue
) -> None:
    service = JobService(wire)
    job = queue.mine["api"]
    # a publisher's user sees no queue, and neither it nor an editor retries
    with pytest.raises(Forbidden, match=SEES):
        service.visible(queue.people["acme"])
    listed = _api(client, queue, "acme", "GET", "")
    assert (listed.status_code, listed.json()["detail"]) == (403, SEES)
    assert _cli(queue, "acme", "list").output.endswith(f" 403 {SEES}\n")
    for name in ("acme", "eve"):
        with pytest.raises(Forbidden, match=ACTS):
            service.retry(queue.people[name], job)
        by_api = _api(client, queue, name, "POST", f"/{job}/retry")
        assert (by_api.status_code, by_api.json()["detail"]) == (403, ACTS), name
        by_cli = _cli(queue, name, "retry", str(job))
        assert by_cli.exit_code == 2 and by_cli.output.endswith(f" 403 {ACTS}\n"), name
        on_desk = _desk_retry(client, name, job)
        assert on_desk.status_code == 403 and ACTS in on_desk.text, name

    # an admin bound to acme finds no job of globex's story
    theirs = queue.theirs
    with pytest.raises(NotFound, match=queue.not_found(theirs)):
        service.retry(queue.people["root"], theirs)
    by_api = _api(client, queue, "root", "POST", f"/{theirs}/retry")
    assert (by_api.status_code, by_api.json()["detail"]) == (404, queue.not_found(theirs))
    by_cli = _cli(queue, "root", "retry", str(theirs))
    assert by_cli.exit_code == 2 and by_cli.output.endswith(f"{queue.not_found(theirs)}\n")
    on_desk = _desk_retry(client, "root", theirs)
    assert on_desk.status_code == 404 and queue.not_found(theirs) in on_desk.text
    assert len(service.visible(None, state="dead")) == len(DOORS) + 1  # nothing was retried

    # it retries acme's, each door one, with the same outcome
    retry_by: dict[str, Callable[[int], None]] = {
        "api": lambda j: _api(client, queue, "root", "POST", f"/{j}/retry").raise_for_status(),
        "cli": lambda j: _succeeded(_cli(queue, "root", "retry", str(j))),
        "desk": lambda j: _succeeded_on_desk(_desk_retry(client, "root", j)),
        "service": lambda j: _retried(service.retry(queue.people["root"], j)),
    }
    for door, retry in retry_by.items():
        retry(queue.mine[door])
    more = wire.settings.jobs.max_attempts
    now = {
        job.key: (job.state, job.attempts, job.max_attempts)
        for job in service.visible(None)
        if job.kind == "translate"
    }
    assert now == {
        **{f"acme-{door}": ("ready", 6, 6 + more) for door in DOORS},
        "globex": ("dead", 6, 6),
    }
    # the operator, on the embedded store, retries any publisher's
    data_dir = ["--data-dir", str(wire.settings.data_dir)]
    operator = CliRunner().invoke(main, ["jobs", "retry", str(theirs), *data_dir])
    assert operator.exit_code == 0 and " ready " in operator.output, operator.output


def test_a_read_only_token_of_an_admin_retries_nothing(wire: Wire, queue: Queue) -> None:
    reader = Principal(queue.people["root"].user, frozenset({Scope.READ}))
    with pytest.raises(Forbidden, match="the token lacks the 'write' scope"):
        JobService(wire).retry(reader, queue.mine["service"])


def _succeeded(result: Result) -> None:
    assert result.exit_code == 0 and " ready " in result.output, result.output


def _succeeded_on_desk(answer: Any) -> None:
    assert answer.status_code == 200 and "retrying" in answer.text, answer.text


def _retried(job: Any) -> None:
    assert job.state == "ready"
