"""The desk's delivery report as an editor reads it: each subscriber that failed, named with why,
and "send again" right there; the chart's time axis in the unit the story was delivered in."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient
from newsroom.conftest import sign_in
from newsroom.test_pages import csrf_of
from publish.flow import Flow, add_subscriber, webhook
from publish.receiver import Answer, Receiver

from polywire.store import accounts
from polywire.web.pages.chart import chart
from polywire.wire import Wire
from review.conftest import PASSWORD, held_story


async def test_the_report_names_who_failed_and_why_and_sends_again(
    wire: Wire, flow: Flow, receiver: Receiver, client: TestClient
) -> None:
    receiver.answer("gone", Answer(410), Answer(410))
    gone = add_subscriber(wire, "Gone Daily", destinations=webhook(receiver.url("gone")))
    other = add_subscriber(wire, "Globex Gazette", destinations=webhook(receiver.url("gone")))
    add_subscriber(wire, "Leeds Post", destinations=webhook(receiver.url("ok")))
    with wire.database.write() as conn:
        accounts.set_subscriber_owner(conn, gone["id"], "acme")
        accounts.set_subscriber_owner(conn, other["id"], "globex")
    story_id = held_story(wire)
    await flow.settle()

    sign_in(client, "eve", PASSWORD)
    report = client.get(f"/desk/stories/{story_id}/report").text
    rows = re.findall(r'<tr data-delivery="([^"]+)">(.*?)</tr>', report, re.S)
    assert len(rows) == 2
    named = {row: text for row, text in rows}
    (ours,) = [d for d, text in named.items() if "Gone Daily" in text]
    assert "410 Gone" in named[ours] and "after 1 attempt)" in named[ours]
    assert "failed" in named[ours]
    assert f'action="/desk/deliveries/{ours}/replay"' in named[ours]
    assert "Send again to Gone Daily" in named[ours]
    (theirs,) = [d for d in named if d != ours]
    assert "a subscriber of another publisher" in named[theirs]
    assert "Globex Gazette" not in report and "Send again" not in named[theirs]
    assert "Leeds Post" not in report  # delivered: not a trouble

    # sent again from the report: back on the report, which says what was queued
    form = re.search(rf'action="/desk/deliveries/{ours}/replay">(.*?)</form>', report, re.S)
    assert form is not None and 'name="back" value="report"' in form.group(1)
    sent = client.post(
        f"/desk/deliveries/{ours}/replay",
        data={"csrf": csrf_of(report), "back": "report"},
        follow_redirects=False,
    )
    assert sent.status_code == 303
    assert sent.headers["location"].startswith(f"/desk/stories/{story_id}/report?done=")
    back = client.get(sent.headers["location"]).text
    assert re.search(
        r'<p class="notice" role="status">en \(version 1\) queued to be sent again to Gone Daily '
        r"by webhook</p>",
        back,
    )
    # from the destination's page (no `back`): its page, as before
    elsewhere = client.post(
        f"/desk/deliveries/{ours}/replay", data={"csrf": csrf_of(report)}, follow_redirects=False
    )
    assert elsewhere.headers["location"].startswith("/desk/destinations/")
    assert f"delivery%20{ours}%20queued%20to%20be%20sent%20again" in elsewhere.headers["location"]


def test_the_time_axis_reads_in_the_unit_of_the_story() -> None:
    quick = str(chart({"es": [0.2, 0.9]}))
    assert "time after release (ms)" in quick
    assert re.findall(r">(\d+)</text>", quick)[2:] == ["0", "200", "400", "600", "800", "1000"]
    slow = str(chart({"es": [30.0, 3600.0 * 20], "ar": [86400.0]}))
    assert "time after release (h)" in slow
    assert re.findall(r">\d+<", slow)[2:8] == [">0<", ">5<", ">10<", ">15<", ">20<", ">25<"]
    days = str(chart({"es": [7 * 86400.0]}))
    assert "time after release (d)" in days
