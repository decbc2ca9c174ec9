"""What the command line shows and takes: headlines in `stories`, the desk's short ids
everywhere, findings in `show`, subscribers in `report`, and `deliveries list` for `replay`."""

from __future__ import annotations

from datetime import UTC, datetime

from helpers import free_port
from review.conftest import SPANISH_HEADLINE, STORY, held_story, run_jobs

from cli.conftest import Polywire
from polywire.domain import Story, StoryState
from polywire.services import StoryService
from polywire.store import stories as store
from polywire.wire import Wire

HEADLINE = "Acme opens a solar plant in Leeds"
FINDING = (
    "    finding: paragraph 1: numbers, major: The number 500 of the source is not in the "
    "translation, which has 600 where the source has no such number."
)


def test_stories_show_headlines_and_the_review_queue(wire: Wire, polywire: Polywire) -> None:
    held = held_story(wire)
    york = STORY.replace(b"Leeds", b"York")
    other = (
        StoryService(wire)
        .submit(None, york, source="york.txt", language="en", new_story=True)
        .story_id
    )
    run_jobs(wire)

    listed = polywire("stories")
    assert listed.exit_code == 0, listed.output
    lines = listed.output.splitlines()
    assert lines[lines.index(f"{held}  v1  needs_review  en:released es:needs_review") + 1] == (
        f"    {HEADLINE}"
    )
    assert f"    {HEADLINE.replace('Leeds', 'York')}" in lines

    queue = polywire("stories", "--state", "needs-review")
    assert queue.exit_code == 0 and held in queue.output and other not in queue.output
    assert f"    {HEADLINE}" in queue.output


def test_show_takes_the_desk_s_short_id_and_gives_findings(wire: Wire, polywire: Polywire) -> None:
    held = held_story(wire)
    run_jobs(wire)

    shown = polywire("show", held[:8])
    assert shown.exit_code == 0, shown.output
    lines = shown.output.splitlines()
    assert lines[0].startswith(f"{held}  ")
    spanish = lines.index("  [es] needs_review received  check: review")
    assert lines[spanish + 1] == FINDING
    assert lines[spanish + 2] == f"    {SPANISH_HEADLINE}"

    approved = polywire("review", "approve", held[:6], "--language", "es")
    assert approved.exit_code == 0, approved.output
    assert approved.output.startswith("es: approved")


def test_an_id_that_is_ambiguous_unknown_or_too_short_is_refused(
    wire: Wire, polywire: Polywire
) -> None:
    now = datetime.now(UTC)
    alike = ["abcd" + "0" * 28, "abcd" + "1" * 28]
    with wire.database.write() as conn:
        for number, story_id in enumerate(alike):
            story = Story(story_id, f"urn:test:{number}", "demo", "en", StoryState.RELEASED, now, 1)
            store.insert_story(conn, story)

    ambiguous = polywire("show", "abcd")
    assert ambiguous.exit_code == 2
    assert ambiguous.stderr.strip() == (
        f"polywire: error: story id 'abcd': begins several ids; give more of it: "
        f"{alike[0]}, {alike[1]}"
    )
    unknown = polywire("withdraw", "abce", "--reason", "test")
    assert unknown.exit_code == 2
    assert unknown.stderr.strip() == "polywire: error: story 'abce': no such story"
    short = polywire("report", "abc")
    assert short.exit_code == 2
    assert "story id 'abc': give the id, or at least its first 4 characters" in short.stderr
    # a beginning that is only itself a prefix of the search pattern is taken literally
    assert polywire("show", "abc%").exit_code == 2
    assert polywire("show", "ab__").exit_code == 2


def test_report_names_subscribers_and_deliveries_list_finds_what_replay_needs(
    wire: Wire, polywire: Polywire
) -> None:
    nobody = f"http://127.0.0.1:{free_port()}/hook"
    added = polywire(
        "subscribers", "add", "Leeds Gazette", "--language", "en",
        "--destination", f"webhook:ninjs3:{nobody}",
    )  # fmt: skip
    assert added.exit_code == 0, added.output
    destination = added.output.splitlines()[3].split()[0]
    story_id = StoryService(wire).submit(None, STORY, source="story.txt", language="en").story_id
    run_jobs(wire)

    report = polywire("report", story_id[:8])
    assert report.exit_code == 0, report.output
    lines = report.output.splitlines()
    assert "not delivered (send one again: polywire deliveries replay ID)" in lines
    failing = lines[
        lines.index("not delivered (send one again: polywire deliveries replay ID)") + 1
    ]
    delivery_id, status = failing.split()[:2]
    assert status in {"pending", "failed"}
    assert f"Leeds Gazette (webhook {nobody}, destination {destination})" in failing

    listed = polywire("deliveries", "list", "--story", story_id[:8], "--subscriber", "")
    assert listed.exit_code == 2  # an empty id is refused, not taken as "any"
    listed = polywire("deliveries", "list", "--destination", destination[:8])
    assert listed.exit_code == 0, listed.output
    assert listed.output.splitlines()[0].startswith(f"{delivery_id}  {status}")
    assert "attempt" in listed.output.splitlines()[1]

    replayed = polywire("deliveries", "replay", delivery_id[:8])
    assert replayed.exit_code == 0, replayed.output
    assert replayed.output == "1 deliveries queued again\n"


def test_a_job_id_that_is_no_number_of_the_store_is_refused_naming_it(polywire: Polywire) -> None:
    """Past 2**63 the SQLite driver crashed with OverflowError; a word got click's 'not a valid
    integer range'. Each is now refused before the store is asked, and so is every action."""
    for action in ("show", "retry", "requeue", "discard"):
        for given in ("abc", "0", "-5", "../1", str(2**63)):
            refused = polywire("jobs", action, "--", given)
            assert refused.exit_code == 2, refused.output
            assert f"'{given}' is not a job id: a number from 1 to {2**63 - 1}" in refused.stderr
    unknown = polywire("jobs", "show", str(2**63 - 1))
    assert unknown.exit_code != 0
    assert f"job {2**63 - 1}: no such job" in unknown.stderr


def test_a_list_s_limit_is_bounded_as_the_api_bounds_it(polywire: Polywire) -> None:
    """`--limit 0` said "no stories yet" and `--limit -3` listed every story (SQLite's LIMIT -3
    is none); each list now takes what its API takes, and says so naming the option."""
    for args, bound in (
        (("stories",), "1<=x<=500"),
        (("deliveries", "list"), "1<=x<=1000"),
        (("subscribers", "list"), "1<=x<=1000"),
    ):
        for given in ("0", "-3", "100000"):
            refused = polywire(*args, "--limit", given)
            assert refused.exit_code == 2, (args, refused.output)
            assert f"Invalid value for '--limit': {given} is not in the range {bound}" in (
                refused.stderr
            )
    assert polywire("stories", "--limit", "500").exit_code == 0


def test_replay_takes_a_delivery_or_a_destination_and_a_time_not_both(
    polywire: Polywire,
) -> None:
    """`replay ID --destination D` sent ID again and ignored the option; nothing is sent now."""
    both = "polywire: error: replay: give a DELIVERY_ID, or --destination and --since, not both"
    for extra in (["--destination", "abcd"], ["--since", "2026-11-25T09:00Z"]):
        refused = polywire("deliveries", "replay", "abcd", *extra)
        assert refused.exit_code == 2, refused.output
        assert refused.stderr.strip() == both
    alone = polywire("deliveries", "replay", "--destination", "abcd")
    assert alone.stderr.strip() == (
        "polywire: error: replay: give a DELIVERY_ID, or --destination and --since"
    )
