"""A desk form the wire refuses for what it holds (a job's Discard or Retry button on a page
opened before another admin acted, or before the job was retried) answers with a page naming the
job and why, as its other refusals do, not with the API's problem details; nothing changes."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy import update

from newsroom.conftest import sign_in
from polywire.bus.outbox import enqueue
from polywire.store.tables import jobs
from polywire.wire import Wire


def test_the_desk_answers_a_job_no_longer_dead_with_a_page(client: TestClient, wire: Wire) -> None:
    with wire.database.write() as conn:
        enqueue(conn, "translate", "done-already", {"story_id": "x", "language": "es"})
        conn.execute(update(jobs).where(jobs.c.key == "done-already").values(state="done"))
    sign_in(client, "ada")
    form = client.get("/desk/health").text
    csrf = form.split('name="csrf" value="')[1].split('"')[0]
    answer = client.post("/desk/jobs/1/discard", data={"csrf": csrf}, follow_redirects=False)
    assert answer.status_code == 409
    assert answer.headers["content-type"].startswith("text/html")
    assert "job 1: it is done, not dead: only a dead job is discarded" in answer.text
    with wire.database.read() as conn:
        assert conn.execute(jobs.select()).one().state == "done"
