"""The desk and the public newsroom, page by page, without a browser."""

from __future__ import annotations

import asyncio
import re
from pathlib import Path

from fastapi.testclient import TestClient

from newsroom.conftest import sign_in
from polywire.services import StoryService
from polywire.wire import Wire

STORY = (
    "Acme opens a plant in Leeds\n\nLEEDS (Acme) - Acme Ltd opened a bicycle plant in Leeds on "
    "Monday that will employ 300 people and build 20,000 bicycles a year.\n\nThe plant cost "
    "12 million pounds, the company said in a statement on Monday."
)


def csrf_of(html: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', html)
    assert found, html[:500]
    return found.group(1)


def test_submit_review_release_and_read(client: TestClient, wire: Wire) -> None:
    sign_in(client, "acme")
    form = client.get("/desk/submit")
    assert form.status_code == 200
    csrf = csrf_of(form.text)
    preview = client.post(
        "/desk/submit/preview", data={"csrf": csrf, "content": STORY}, files={"file": ("", b"")}
    )
    assert preview.status_code == 200, preview.text
    assert 'value="Acme opens a plant in Leeds"' in preview.text
    assert 'name="located" value="LEEDS"' in preview.text
    assert "LEEDS (Acme) — Acme Ltd opened" in preview.text
    sent = client.post(
        "/desk/submit",
        data={
            "csrf": csrf,
            "language": "en",
            "headline": "Acme opens a bicycle plant in Leeds",
            "located": "LEEDS",
            "body": "LEEDS (Acme) - Acme Ltd opened a bicycle plant in Leeds on Monday that "
            "will employ 300 people.\n\nThe plant cost 12 million pounds, the company said.",
            "languages": ["es"],
            "sectors": "Manufacturing",
        },
        follow_redirects=False,
    )
    assert sent.status_code == 303, sent.text
    story_page = sent.headers["location"]
    story_id = story_page.rsplit("/", 1)[1]
    view = StoryService(wire).story(None, story_id)
    assert view.story.publisher == "acme"
    assert view.versions[0].located == "LEEDS"
    assert view.versions[0].body[0].startswith("Acme Ltd opened")
    asyncio.run(wire.worker().run_until_idle())

    review = client.get(story_page)
    assert review.status_code == 200
    assert "Acme opens a bicycle plant in Leeds" in review.text
    assert 'id="lang-es"' in review.text and "check:" in review.text
    assert client.get(f"{story_page}/report").status_code == 200

    listing = client.get("/desk/stories.json").json()
    assert listing["stories"][0]["id"] == story_id
    assert set(listing["stories"][0]["languages"]) == {"en", "es"}

    public = client.get(f"/news/es/{story_id}")
    assert public.status_code == 200, public.text
    assert f'hreflang="en" href="http://testserver/news/en/{story_id}"' in public.text
    assert 'type="application/atom+xml" href="/feeds/es/all.atom"' in public.text
    assert '<link rel="hub" href="/websub">' in public.text
    assert client.get("/news/es").status_code == 200
    assert story_id in client.get("/news/latest.json").text

    assert client.get("/desk/health").status_code == 403  # a publisher's desk has no engine room
    other = client.get("/desk/subscribers")
    assert other.status_code == 200


def test_the_delivery_chart_draws_one_line_per_language() -> None:
    from datetime import UTC, datetime, timedelta

    from polywire.domain import Delivery
    from polywire.web.pages.chart import chart, delivery_series

    released = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)

    def delivery(language: str, seconds: float | None, status: str = "delivered") -> Delivery:
        arrived = released + timedelta(seconds=seconds) if seconds is not None else None
        return Delivery("d", "dest", "s", 1, language, status, 1, released, delivered=arrived)

    found = [
        (delivery("es", 2.0), "webhook"),
        (delivery("es", 0.5), "webhook"),
        (delivery("ar", 1.0), "email"),
        (delivery("ar", None, "failed"), "email"),
    ]
    series = delivery_series(
        found, {(1, "es"): released.timestamp(), (1, "ar"): released.timestamp()}
    )
    assert series == {"ar": [1.0], "es": [0.5, 2.0]}
    svg = str(chart(series))
    assert svg.count("<polyline") == 2
    assert 'aria-label="Deliveries over time since release: 3 delivered"' in svg
    assert "time after release (s)" in svg
    assert "No delivery" in str(chart({}))


def test_an_admin_retries_or_discards_a_dead_job(client: TestClient, wire: Wire) -> None:
    from sqlalchemy import select, update

    from polywire.bus.outbox import enqueue
    from polywire.store.tables import jobs

    with wire.database.write() as conn:
        for key in ("broken:1", "broken:2"):
            enqueue(conn, "translate", key, {"story_id": "x", "version": 1, "language": "es"})
        conn.execute(
            update(jobs).values(state="dead", attempts=6, last_error="engine on fire", finished=1.0)
        )
        ids = [row.id for row in conn.execute(select(jobs.c.id).order_by(jobs.c.id))]

    sign_in(client, "acme")
    assert client.get("/desk/health").status_code == 403
    client.cookies.clear()
    sign_in(client, "ada")
    health = client.get("/desk/health")
    assert "engine on fire" in health.text and "broken:1" in health.text
    csrf = csrf_of(health.text)
    assert client.post(f"/desk/jobs/{ids[0]}/retry", data={"csrf": "forged"}).status_code == 403
    retried = client.post(f"/desk/jobs/{ids[0]}/retry", data={"csrf": csrf})
    assert retried.status_code == 200 and "retrying" in retried.text
    client.post(f"/desk/jobs/{ids[1]}/discard", data={"csrf": csrf})
    with wire.database.read() as conn:
        rows = conn.execute(select(jobs.c.state, jobs.c.max_attempts).order_by(jobs.c.id)).all()
    assert rows[0] == ("ready", 6 + wire.settings.jobs.max_attempts)
    assert rows[1][0] == "discarded"
    assert "No dead job." in client.get("/desk/health").text


def test_a_correction_is_a_new_version_and_a_withdrawal_is_refused_across_publishers(
    client: TestClient, wire: Wire
) -> None:
    story_id = (
        StoryService(wire)
        .submit(None, STORY.encode(), source="story.txt", publisher="acme")
        .story_id
    )
    theirs = (
        StoryService(wire)
        .submit(None, STORY.encode(), source="story.txt", publisher="globex")
        .story_id
    )
    asyncio.run(wire.worker().run_until_idle())
    sign_in(client, "acme")
    review = client.get(f"/desk/stories/{story_id}")
    csrf = csrf_of(review.text)
    no_reason = client.post(
        f"/desk/stories/{story_id}/correct",
        data={"csrf": csrf, "headline": "Acme opens a plant in York", "body": "x", "reason": ""},
    )
    assert no_reason.status_code == 422 and "say what the correction corrects" in no_reason.text
    corrected = client.post(
        f"/desk/stories/{story_id}/correct",
        data={
            "csrf": csrf,
            "headline": "Acme opens a plant in York",
            "body": "Acme Ltd opened a bicycle plant in York on Monday that will employ 300 "
            "people and build 20,000 bicycles a year.\n\nThe plant cost 12 million pounds.",
            "reason": "Corrects the city",
        },
    )
    assert corrected.status_code == 200 and "version 2 submitted" in corrected.text
    view = StoryService(wire).story(None, story_id)
    assert view.story.latest_version == 2 and view.story.uri.endswith(story_id)
    assert view.versions[1].correction_reason == "Corrects the city"
    assert view.versions[1].headline == "Acme opens a plant in York"

    refused = client.post(
        f"/desk/stories/{theirs}/withdraw", data={"csrf": csrf, "reason": "not ours"}
    )
    assert refused.status_code == 403
    assert StoryService(wire).story(None, theirs).story.state.value == "released"
    asked = client.post(
        f"/desk/stories/{story_id}/withdraw", data={"csrf": csrf, "reason": "Sent in error"}
    )
    assert (
        asked.status_code == 200 and "Withdraw &#39;Acme opens a plant in York&#39;?" in asked.text
    )
    assert (
        StoryService(wire).story(None, story_id).story.latest_version == 2
    )  # nothing withdrawn unconfirmed
    withdrawn = client.post(
        f"/desk/stories/{story_id}/withdraw",
        data={"csrf": csrf, "reason": "Sent in error", "confirm": "yes"},
    )
    assert withdrawn.status_code == 200 and "withdrawn as version 3" in withdrawn.text


def test_subscribers_are_kept_apart_and_a_delivery_is_sent_again(
    client: TestClient, wire: Wire
) -> None:
    from sqlalchemy import select, update

    from polywire.publish.deliver.stages import DeliverStage
    from polywire.store import deliveries as records
    from polywire.store.publish_tables import deliveries
    from polywire.store.tables import jobs
    from polywire.store.types import utcnow

    story_id = (
        StoryService(wire)
        .submit(None, STORY.encode(), source="story.txt", publisher="acme")
        .story_id
    )
    sign_in(client, "acme")
    csrf = csrf_of(client.get("/desk/subscribers").text)
    bad = client.post(
        "/desk/subscribers",
        data={"csrf": csrf, "name": "Leeds Daily", "languages": "", "destination": "feed:rss"},
    )
    assert bad.status_code == 422 and "languages" in bad.text
    added = client.post(
        "/desk/subscribers",
        data={
            "csrf": csrf,
            "name": "Leeds Daily",
            "languages": "en, es",
            "destination": "webhook:ninjs3:https://hooks.example/leeds",
        },
    )
    assert added.status_code == 200 and "Leeds Daily added" in added.text
    assert "whsec_" in added.text  # the webhook secret, shown once
    destination_id = re.search(r'href="/desk/destinations/([0-9a-f]+)"', added.text).group(1)  # type: ignore[union-attr]
    with wire.database.write() as conn:
        now = utcnow()
        delivery_id = records.add_pending(
            conn,
            [(destination_id, "webhook")],
            story_id=story_id,
            version=1,
            language="en",
            event_seq=1,
            released=now,
            now=now,
        )[destination_id]
    with wire.database.write() as conn:
        conn.execute(
            update(deliveries)
            .where(deliveries.c.id == delivery_id)
            .values(status="delivered", delivered=utcnow())
        )
    listed = client.get("/desk/stories.json").json()["stories"]
    assert listed[0]["delivered"] == {"en": 1}
    assert "en · pending · 1 delivered" in client.get("/desk").text
    page = client.get(f"/desk/destinations/{destination_id}")
    assert page.status_code == 200 and story_id[:8] in page.text
    replayed = client.post(f"/desk/deliveries/{delivery_id}/replay", data={"csrf": csrf})
    assert replayed.status_code == 200 and "queued to be sent again" in replayed.text
    with wire.database.read() as conn:
        kinds = set(conn.execute(select(jobs.c.kind)).scalars())
    assert DeliverStage.kind in kinds

    client.cookies.clear()
    sign_in(client, "globex")
    assert "Leeds Daily" not in client.get("/desk/subscribers").text
    assert client.get(f"/desk/destinations/{destination_id}").status_code == 403
    other_csrf = csrf_of(client.get("/desk/subscribers").text)
    refused = client.post(f"/desk/deliveries/{delivery_id}/replay", data={"csrf": other_csrf})
    assert refused.status_code == 403


def test_submit_from_an_address(tmp_path: Path) -> None:
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    from polywire.config import load_settings
    from polywire.domain import Role
    from polywire.store import accounts
    from polywire.web.app import create_app

    page_html = (
        "<html><head><title>Acme</title></head><body><nav>Home | About</nav><article>"
        "<h1>Acme opens a plant in Leeds</h1>"
        f"<p>{STORY.split(chr(10) * 2)[1]}</p><p>{STORY.split(chr(10) * 2)[2]}</p>"
        "</article></body></html>"
    ).encode()

    class Pages(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            if self.path == "/old":
                self.send_response(301)
                self.send_header("Location", "/story")
                self.end_headers()
                return
            self.send_response(200 if self.path == "/story" else 404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(page_html)

        def log_message(self, *_: object) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Pages)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    results = {}
    try:
        for allow in (False, True):
            wire = Wire(
                load_settings(
                    data_dir=tmp_path / f"data-{allow}",
                    languages=[],
                    publish={"outbound": {"allow_loopback": allow}},
                )
            )
            with wire.database.write() as conn:
                accounts.add_user(conn, "ada", "a long password 1", Role.ADMIN, None)
            try:
                with TestClient(create_app(wire)) as client:
                    sign_in(client, "ada", "a long password 1")
                    csrf = csrf_of(client.get("/desk/submit").text)
                    for path in ("/old", "/missing"):
                        results[allow, path] = client.post(
                            "/desk/submit/preview", data={"csrf": csrf, "url": base + path}
                        ).text
            finally:
                wire.close()
    finally:
        server.shutdown()
    assert "loopback" in results[False, "/old"]
    assert 'value="Acme opens a plant in Leeds"' in results[True, "/old"]
    assert "the server answered HTTP 404" in results[True, "/missing"]


def test_the_engine_room_shows_feed_sources_and_their_errors(
    client: TestClient, wire: Wire
) -> None:
    from datetime import UTC, datetime

    from polywire.store import feeds

    now = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
    with wire.database.write() as conn:
        feeds.insert_source(
            conn,
            feeds.FeedSource(
                id="feed-1",
                url="https://partner.example/rss",
                every_seconds=300,
                publisher="acme",
                etag=None,
                last_modified=None,
                errors=5,
                paused=True,
                last_error="HTTP 503 from https://partner.example/rss",
                last_polled=now,
                next_poll=now,
                created=now,
            ),
        )
    sign_in(client, "ada")
    health = client.get("/desk/health")
    assert health.status_code == 200
    assert "<title>Engines and health" in health.text
    assert "https://partner.example/rss" in health.text and "paused" in health.text
    assert "HTTP 503 from https://partner.example/rss" in health.text


def test_a_subscriber_is_edited_on_its_page_by_its_publisher_only(
    client: TestClient, wire: Wire
) -> None:
    from polywire.store import subscribers as store

    sign_in(client, "acme")
    csrf = csrf_of(client.get("/desk/subscribers").text)
    added = client.post(
        "/desk/subscribers",
        data={"csrf": csrf, "name": "Leeds Daily", "languages": "en", "destination": "feed:rss"},
    )
    edit_path = re.search(r'href="(/desk/subscribers/[0-9a-f]+)"', added.text).group(1)  # type: ignore[union-attr]
    subscriber_id = edit_path.rsplit("/", 1)[1]
    form = client.get(edit_path)
    assert form.status_code == 200
    for field in ("name", "kind", "languages", "sectors", "topics", "regions", "keywords"):
        assert f'<label for="e-{field}">' in form.text and f'id="e-{field}"' in form.text
    assert 'value="Leeds Daily"' in form.text

    wanted = {
        "csrf": csrf,
        "name": "Leeds Daily Energy",
        "kind": "outlet",
        "languages": "en, es",
        "sectors": "Energy",
        "topics": "medtop:20000249",
        "regions": "gb",
        "keywords": "",
        "destination": "webhook:https://hooks.example/leeds",
    }
    bad = client.post(edit_path, data={**wanted, "regions": "gb, xx"})
    assert bad.status_code == 422 and "unknown country" in bad.text
    assert '<option value="xx" selected>' in bad.text  # what was sent stays in the form
    assert client.post(edit_path, data={**wanted, "csrf": "forged"}).status_code == 403
    with wire.database.read() as conn:
        assert store.get_subscriber(conn, subscriber_id).name == "Leeds Daily"

    saved = client.post(edit_path, data=wanted)
    assert saved.status_code == 200 and "Leeds Daily Energy saved" in saved.text
    assert "whsec_" in saved.text  # the added webhook's secret, shown once
    with wire.database.read() as conn:
        subscriber = store.get_subscriber(conn, subscriber_id)
    assert (subscriber.languages, subscriber.sectors) == (["en", "es"], ["Energy"])
    assert (subscriber.topics, subscriber.regions) == (["medtop:20000249"], ["GB"])
    assert [d.channel for d in subscriber.destinations] == ["feed", "webhook"]

    client.cookies.clear()
    sign_in(client, "globex")
    assert client.get(edit_path).status_code == 403
    other_csrf = csrf_of(client.get("/desk/subscribers").text)
    assert client.post(edit_path, data={**wanted, "csrf": other_csrf}).status_code == 403
    assert client.get("/desk/subscribers/nope").status_code == 404


def test_a_destination_is_removed_from_the_edit_page_and_keeps_its_page(
    client: TestClient, wire: Wire
) -> None:
    from polywire.store import subscribers as store

    sign_in(client, "acme")
    csrf = csrf_of(client.get("/desk/subscribers").text)
    added = client.post(
        "/desk/subscribers",
        data={"csrf": csrf, "name": "Leeds Daily", "languages": "en", "destination": "feed,stream"},
    )
    edit_path = re.search(r'href="(/desk/subscribers/[0-9a-f]+)"', added.text).group(1)  # type: ignore[union-attr]
    with wire.database.read() as conn:
        feed, stream = store.get_subscriber(conn, edit_path.rsplit("/", 1)[1]).destinations
    form = client.get(edit_path).text
    remove = f"{edit_path}/destinations/{feed.id}/remove"
    assert f'action="{remove}"' in form
    assert f'action="{edit_path}/destinations/{stream.id}/remove"' in form
    assert 'aria-label="Remove feed · rss"' in form

    assert client.post(remove, data={"csrf": "forged"}).status_code == 403
    client.cookies.clear()
    sign_in(client, "globex")
    other_csrf = csrf_of(client.get("/desk/subscribers").text)
    assert client.post(remove, data={"csrf": other_csrf}).status_code == 403
    client.cookies.clear()
    sign_in(client, "acme")
    csrf = csrf_of(client.get(edit_path).text)

    removed = client.post(remove, data={"csrf": csrf}, follow_redirects=False)
    assert removed.status_code == 303
    page = client.get(removed.headers["location"])
    assert "feed · rss removed" in page.text
    assert f"/desk/destinations/{feed.id}" not in page.text
    assert "/remove" not in page.text  # the last destination stays: no remove button
    assert f"/desk/destinations/{feed.id}" not in client.get("/desk/subscribers").text
    again = client.post(f"{edit_path}/destinations/{stream.id}/remove", data={"csrf": csrf})
    assert again.status_code == 422 and "keeps at least one destination" in again.text

    history = client.get(f"/desk/destinations/{feed.id}")
    assert history.status_code == 200 and "removed 20" in history.text
