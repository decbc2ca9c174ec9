"""A submission received in a process of its own (issue 15: extracted and stored there, on a
wire of its own) answers what it answers in the caller's: the same story stored, the `BadInput`
crossing the process boundary pickled, intact, and nothing stored for it; the caller's process
runs no statement of the store transaction; a pool process that died is replaced and the
submission tried once more, and one that dies under a submission twice fails that submission with
a clear error, not every one after it."""

from __future__ import annotations

import os
import pickle
import signal
import threading
from collections.abc import Iterator
from dataclasses import asdict
from pathlib import Path
from typing import Any

import pytest
from helpers import spawned_children
from sqlalchemy import event

from polywire.config import load_settings
from polywire.domain import BadInput
from polywire.services.submission import Received
from polywire.services.users import MailFailed
from polywire.store import stories as store
from polywire.store.report_queries import count_stories
from polywire.wire import Wire

SAMPLES = Path(__file__).parent / "samples"
INPUTS = {
    "HTML page": (SAMPLES / "en-agency-page.html").read_bytes(),
    "scraped text": (SAMPLES / "ar-reuters-scraped.txt").read_bytes(),
    "redistributed release": (SAMPLES / "de-release-redistributed.txt").read_bytes(),
}
BAD = {
    "empty": b"",
    "a headline alone": b"Just a headline",
    "ninjs of the wrong shape": b'{"headline": 3}',
    "a language that is no tag among the wanted": (
        b"Budget vote\n\n" + b"The parliament voted today on a budget for the schools. " * 5
    ),
}


def received(data: bytes, source: str, **asked: Any) -> Received:
    fields: dict[str, Any] = {
        "language": None,
        "subheadline": None,
        "sectors": None,
        "languages": ["fr"],
        "publisher": None,
        "embargoed": None,
        "update_of": None,
        "correction_reason": None,
        "new_story": True,
    }
    return Received(data, source, **{**fields, **asked})


def opened(folder: Path, database_url: str | None = None) -> Wire:
    overrides = {"database_url": database_url} if database_url else {}
    return Wire(load_settings(data_dir=folder, languages=[], **overrides))


def stored(wire: Wire, story_id: str) -> dict[str, Any]:
    """The stored version and its languages, without what differs from store to store."""
    with wire.database.read() as conn:
        version = asdict(store.get_version(conn, story_id, None))
        languages = [r.language for r in store.list_renditions(conn, story_id)]
    for differs in ("story_id", "versioncreated"):
        del version[differs]
    return {**version, "languages": languages}


def stories_in(wire: Wire) -> int:
    with wire.database.read() as conn:
        return count_stories(conn, None)


@pytest.fixture(scope="module")
def here(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Wire]:
    wire = opened(tmp_path_factory.mktemp("here"))
    yield wire
    wire.close()


@pytest.fixture(scope="module")
def there(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Wire]:
    """A wire that receives submissions in a process of its own."""
    wire = opened(tmp_path_factory.mktemp("there"))
    wire.intake.use_processes(1, niceness=0, open_wire=Wire)
    yield wire
    wire.intake.stop_processes()
    wire.close()


@pytest.mark.parametrize("name", INPUTS)
def test_a_submission_received_in_another_process_is_the_one_received_here(
    here: Wire, there: Wire, name: str
) -> None:
    sent = received(INPUTS[name], name, subheadline="Given under the headline")
    in_caller, elsewhere = here.intake(sent), there.intake(sent)
    assert (in_caller.version, in_caller.created) == (elsewhere.version, elsewhere.created)
    assert stored(here, in_caller.story_id) == stored(there, elsewhere.story_id)
    assert there.intake(sent).created is False  # the same content, recognised there too


@pytest.mark.parametrize("name", BAD)
def test_bad_input_in_another_process_is_the_same_error(here: Wire, there: Wire, name: str) -> None:
    wanted = ["not a tag!"] if name.startswith("a language") else ["fr"]
    sent = received(BAD[name], name, languages=wanted)
    with pytest.raises(BadInput) as in_caller:
        here.intake(sent)
    holds = stories_in(there)
    with pytest.raises(BadInput) as elsewhere:
        there.intake(sent)
    assert (
        str(elsewhere.value),
        elsewhere.value.source,
        elsewhere.value.problem,
        elsewhere.value.status,
    ) == (
        str(in_caller.value),
        in_caller.value.source,
        in_caller.value.problem,
        in_caller.value.status,
    )
    assert stories_in(there) == holds


def test_an_error_is_pickled_without_calling_its_constructor_again() -> None:
    for error in (BadInput("upload.html", "too big", status=413), MailFailed("mail", "refused")):
        copy = pickle.loads(pickle.dumps(error))
        assert type(copy) is type(error)
        assert (copy.args, copy.__dict__) == (error.args, error.__dict__)


def test_the_caller_runs_no_statement_of_the_store_transaction(
    tmp_path: Path, database_url: str
) -> None:
    """On SQLite and PostgreSQL: the story is stored, by the other process's connection."""
    wire = opened(tmp_path, database_url)
    statements: list[str] = []
    event.listen(
        wire.database.engine,
        "before_cursor_execute",
        lambda conn, cursor, statement, *rest: statements.append(statement),
    )
    wire.intake.use_processes(1, niceness=0, open_wire=Wire)
    try:
        submitted = wire.intake(received(INPUTS["scraped text"], "scraped text"))
        assert submitted.created
        assert not statements
        assert stored(wire, submitted.story_id)["language"] == "ar"
    finally:
        wire.intake.stop_processes()
        wire.close()


def test_a_process_that_died_idle_costs_the_next_submission_nothing(tmp_path: Path) -> None:
    others = spawned_children()
    wire = opened(tmp_path)
    wire.intake.use_processes(1, niceness=0, open_wire=Wire)
    try:
        assert wire.intake(received(INPUTS["scraped text"], "first")).created
        (pid,) = spawned_children() - others
        os.kill(pid, signal.SIGKILL)
        assert wire.intake(received(INPUTS["redistributed release"], "second")).created
        assert wire.intake(received(INPUTS["HTML page"], "third")).created
        assert len(spawned_children() - others - {pid}) == 1
        assert stories_in(wire) == 3
    finally:
        wire.intake.stop_processes()
        wire.close()


def test_a_submission_that_kills_the_fresh_process_too_fails_with_503(tmp_path: Path) -> None:
    """Every receiving process dies under it (as under an input that exhausts the memory):
    one retry on a fresh pool, then a 503; the submission after it has a pool that works."""
    story = INPUTS["scraped text"]
    others = spawned_children()
    wire = opened(tmp_path)
    wire.intake.use_processes(1, niceness=0, open_wire=Wire)
    killed: set[int] = set()
    stopped = threading.Event()

    def kill_each_new_process() -> None:
        while not stopped.wait(0.005):
            for pid in spawned_children() - others - killed:
                os.kill(pid, signal.SIGKILL)
                killed.add(pid)

    killer = threading.Thread(target=kill_each_new_process)
    killer.start()
    try:
        with pytest.raises(BadInput) as lost:
            wire.intake(received(story, "second"))
        stopped.set()
        killer.join()
        assert lost.value.status == 503
        assert str(lost.value).startswith("second: its extraction stopped before it finished")
        assert len(killed) == 2
        assert wire.intake(received(story, "third")).created
    finally:
        stopped.set()
        killer.join()
        wire.intake.stop_processes()
        wire.close()


def test_stopped_it_receives_in_the_caller_again(tmp_path: Path) -> None:
    page = INPUTS["HTML page"]
    others = spawned_children()
    wire = opened(tmp_path)
    wire.intake.use_processes(1, niceness=0, open_wire=Wire)
    try:
        wire.intake(received(page, "page"))
        assert spawned_children() - others
    finally:
        wire.intake.stop_processes()
    assert not spawned_children() - others
    assert wire.intake(received(page, "page again")).created is False  # the same, stored
    wire.close()
