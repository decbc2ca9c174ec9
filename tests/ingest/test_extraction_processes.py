"""Extraction in a process of its own answers what it answers in the caller's (issue 15): the
`Extraction` and the `BadInput` cross the process boundary pickled, intact; a pool process that
died is replaced and the submission tried once more, and one that dies under a submission twice
fails that submission with a clear error, not every one after it."""

from __future__ import annotations

import os
import pickle
import signal
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import spawned_children

from polywire.domain import BadInput
from polywire.ingest import extract
from polywire.ingest.pool import Extractor
from polywire.services.users import MailFailed

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
}


@pytest.fixture(scope="module")
def elsewhere() -> Iterator[Extractor]:
    extractor = Extractor()
    extractor.use_processes(1, niceness=0)
    yield extractor
    extractor.stop_processes()


@pytest.mark.parametrize("name", INPUTS)
def test_an_extraction_in_another_process_is_the_one_made_here(
    elsewhere: Extractor, name: str
) -> None:
    assert elsewhere(INPUTS[name], source=name) == extract(INPUTS[name], source=name)


@pytest.mark.parametrize("name", BAD)
def test_bad_input_in_another_process_is_the_same_error(elsewhere: Extractor, name: str) -> None:
    with pytest.raises(BadInput) as here:
        extract(BAD[name], source=name)
    with pytest.raises(BadInput) as there:
        elsewhere(BAD[name], source=name)
    assert (str(there.value), there.value.source, there.value.problem, there.value.status) == (
        str(here.value),
        here.value.source,
        here.value.problem,
        here.value.status,
    )


def test_an_error_is_pickled_without_calling_its_constructor_again() -> None:
    for error in (BadInput("upload.html", "too big", status=413), MailFailed("mail", "refused")):
        copy = pickle.loads(pickle.dumps(error))
        assert type(copy) is type(error)
        assert (copy.args, copy.__dict__) == (error.args, error.__dict__)


def test_a_process_that_died_idle_costs_the_next_submission_nothing() -> None:
    story = INPUTS["scraped text"]
    others = spawned_children()
    extractor = Extractor()
    extractor.use_processes(1, niceness=0)
    try:
        first = extractor(story, source="first")
        (pid,) = spawned_children() - others
        os.kill(pid, signal.SIGKILL)
        assert extractor(story, source="second") == first
        assert extractor(story, source="third") == first
        assert len(spawned_children() - others - {pid}) == 1
    finally:
        extractor.stop_processes()


def test_a_submission_that_kills_the_fresh_process_too_fails_with_503() -> None:
    """Every extracting process dies under it (as under an input that exhausts the memory):
    one retry on a fresh pool, then a 503; the submission after it has a pool that works."""
    story = INPUTS["scraped text"]
    others = spawned_children()
    extractor = Extractor()
    extractor.use_processes(1, niceness=0)
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
            extractor(story, source="second")
        stopped.set()
        killer.join()
        assert lost.value.status == 503
        assert str(lost.value).startswith("second: its extraction stopped before it finished")
        assert len(killed) == 2
        assert extractor(story, source="third") == extract(story, source="third")
    finally:
        stopped.set()
        killer.join()
        extractor.stop_processes()


def test_stopped_it_extracts_in_the_caller_again() -> None:
    page = INPUTS["HTML page"]
    others = spawned_children()
    extractor = Extractor()
    extractor.use_processes(1, niceness=0)
    extractor(page, source="page")
    assert spawned_children() - others
    extractor.stop_processes()
    assert not spawned_children() - others
    assert extractor(page, source="page") == extract(page, source="page")
