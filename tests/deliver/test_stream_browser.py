"""A browser's EventSource (Debian's Chromium, driven by Playwright) receives live events and,
after the server drops it, reconnects with Last-Event-ID and gets what it missed, once."""

from __future__ import annotations

import asyncio
import shutil
import threading

import pytest

from deliver.conftest import add_desk, release
from polywire.publish.feeds.selection import Selection
from polywire.web.live import live_for
from polywire.wire import Wire

CHROMIUM = "/usr/bin/chromium"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(shutil.which(CHROMIUM) is None, reason="Debian's chromium is missing"),
]

LISTEN = """(token) => {
window.received = [];
window.opened = 0;
const source = new EventSource("/v1/stream?token=" + token);
source.onopen = () => { window.opened += 1; };
source.addEventListener("released", (event) => {
    window.received.push({id: event.lastEventId, story: JSON.parse(event.data).story_id});
});
}"""


async def test_event_source_receives_live_events_and_resumes_after_a_disconnect(
    wire: Wire, server: str
) -> None:
    from playwright.async_api import async_playwright

    token = add_desk(wire, ["en", "ar"])
    live = live_for(wire)
    reconnect_allowed = threading.Event()
    reconnect_allowed.set()
    check = live.token_check

    def gated_check(token: str) -> Selection | None:
        reconnect_allowed.wait(timeout=10)
        return check(token)

    live.token_check = gated_check

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, headless=True)
        try:
            page = await browser.new_page()
            await page.goto(f"{server}/healthz")
            await page.evaluate(LISTEN, token)
            await page.wait_for_function("window.opened === 1")

            first = await release(wire, "solar", ["Energy"])
            await page.wait_for_function("window.received.length === 1")

            reconnect_allowed.clear()  # the browser's reconnection waits at the token check
            live.broadcaster.close_all()
            seen = asyncio.ensure_future(live.tail.advanced())
            missed = await release(wire, "rail", ["Transport"])
            await asyncio.wait_for(seen, timeout=5)  # live delivery of `missed` is over
            reconnect_allowed.set()
            await page.wait_for_function("window.opened === 2")
            await page.wait_for_function("window.received.length === 2")

            after = await release(wire, "clinic", ["Health"])
            await page.wait_for_function("window.received.length === 3")
            received = await page.evaluate("window.received")
        finally:
            await browser.close()

    assert [r["story"] for r in received] == [first, missed, after]
    ids = [int(r["id"]) for r in received]
    assert ids == sorted(set(ids)) and ids[-1] == wire.events.last_seq()
