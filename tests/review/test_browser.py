"""The review policy and the review queue in Debian's Chromium (Playwright, headless): on a wire
that trusts every passing translation, an editor makes Spanish wait for an editor on the desk's
review-policy page, submits a story with a subtitle, sees the story page count it in the header
once Spanish waits (the page's poll keeps the count live), its subtitle on a row of its own,
finds it in the review queue, approves its Spanish on a confirmation page that names the policy
and the check's finding, and the subscriber's webhook receives it. The policy page and the story
page are checked with axe-core when installed."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import free_port
from newsroom.test_browser import AXE, CHROMIUM, LAPTOP, axe_violations, browser, webhook

from polywire.config import load_settings
from polywire.domain import Role
from polywire.publish.subscribers import parse_spec
from polywire.store import accounts
from polywire.store import subscribers as subscriber_store
from polywire.wire import Wire

__all__ = ["browser", "webhook"]  # the fixtures, shared with the newsroom's browser test

pytestmark = pytest.mark.browser
playwright_sync = pytest.importorskip("playwright.sync_api")

PASSWORD = "a long test password"
SUBTITLE = "The airline adds a second Portuguese city to its routes"
STORY = (
    "Navega Air opens a route to Lisbon\n\n"
    "LISBON (Navega Air) - Navega Air will fly from Leeds to Lisbon from March 2027, the "
    "airline said on Monday.\n\nThe route will carry 300 passengers a week, the company said."
)


@pytest.fixture
def newsroom(subprocess_env: dict[str, str], webhook: str) -> Iterator[str]:
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed (scripts/setup.sh test)")
    wire = Wire(load_settings(data_dir=Path(subprocess_env["POLYWIRE_DATA_DIR"]), languages=[]))
    try:
        with wire.database.write() as conn:
            accounts.add_user(conn, "eve", PASSWORD, Role.EDITOR, "acme")
            spec = {
                "name": "Diario de Lisboa",
                "languages": ["es"],
                "destinations": [{"channel": "webhook", "address": webhook}],
            }
            subscriber, _ = subscriber_store.add_subscriber(conn, parse_spec(spec))
            accounts.set_subscriber_owner(conn, subscriber.id, "acme")
    finally:
        wire.close()
    port = free_port()
    env = {
        **subprocess_env,
        "POLYWIRE_AUTH__REQUIRED": "true",
        "POLYWIRE_LANGUAGES": '["es"]',
        "POLYWIRE_PUBLISH__OUTBOUND__ALLOW_LOOPBACK": "true",
        "POLYWIRE_REVIEW__RULES": "[]",  # the wire trusts every translation that passes
    }
    server = subprocess.Popen(
        [sys.executable, "-m", "polywire", "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert server.stdout is not None
        assert server.stdout.readline().startswith("polywire serving on")
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_an_editor_makes_spanish_wait_then_approves_it_from_the_queue(
    newsroom: str,
    browser: object,
    tmp_path: Path,
) -> None:
    context = browser.new_context(viewport=LAPTOP)  # type: ignore[attr-defined]
    if AXE.exists():
        context.add_init_script(path=str(AXE))
    page = context.new_page()
    expect = playwright_sync.expect
    page.goto(f"{newsroom}/desk")
    page.get_by_label("User name").fill("eve")
    page.get_by_label("Password").fill(PASSWORD)
    page.keyboard.press("Enter")
    expect(page.get_by_role("link", name="Needs review: 0")).to_be_visible()

    # the policy: every machine translation into Spanish waits for an editor
    page.get_by_role("link", name="Review policy").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Review policy of acme")
    page.get_by_label(re.compile("^Language")).fill("es")
    page.get_by_label("Policy").select_option("review")
    page.get_by_role("button", name="Save the rule").click()
    expect(page.get_by_role("status")).to_have_text("es by any engine: review")
    rules = page.locator("#policy-rules tbody tr")
    expect(rules.first).to_contain_text("es")
    expect(rules.first).to_contain_text("review")
    page.screenshot(path=str(tmp_path / "review-policy.png"), full_page=True)
    if AXE.exists():
        assert axe_violations(page) == []

    page.get_by_role("link", name="Submit", exact=True).click()
    page.get_by_label("Paste the text or HTML").fill(STORY)
    page.get_by_role("button", name="Extract").click()
    expect(page.get_by_label("Headline")).to_have_value("Navega Air opens a route to Lisbon")
    page.get_by_label("Subtitle").fill(SUBTITLE)
    page.get_by_label("español").check()
    page.get_by_role("button", name="Send to the wire").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Navega Air opens a route to Lisbon")
    story_id = page.url.rsplit("/", 1)[1]

    # Apertium's Spanish passes its check, and waits: the story page's poll counts it in the nav
    expect(page.get_by_role("link", name="Needs review: 1")).to_be_visible(timeout=60_000)
    subtitle = page.locator("#lang-es tr.subheadline")  # its own row, under the headline
    expect(subtitle.locator("th")).to_have_text("Subtitle")
    expect(subtitle.locator("td").first).to_have_text(SUBTITLE)
    expect(page.locator("#lang-es tbody tr").nth(1)).to_have_class(re.compile("subheadline"))
    if AXE.exists():
        assert axe_violations(page) == []
    page.goto(f"{newsroom}/desk")
    row = page.locator(f'tr[data-story="{story_id}"]')
    expect(row.locator(".pill", has_text="es ·")).to_have_text("es · needs review")
    page.get_by_role("link", name="Needs review: 1").click()
    expect(page.get_by_label("State")).to_have_value("needs_review")
    queued = page.locator("#stories tbody tr[data-story]")
    expect(queued).to_have_count(1)
    expect(queued.first).to_contain_text("needs_review")
    queued.first.get_by_role("link").click()

    spanish = page.locator("#lang-es")
    expect(spanish.locator(".verdict")).to_have_text("check: pass")
    expect(spanish.locator(".policy")).to_have_text("review policy: review")
    spanish.get_by_role("button", name="Approve es").click()
    # the approval names what it goes over: the policy, and the check's finding
    expect(page.get_by_role("heading", level=1)).to_have_text("Approve es for release?")
    asked = page.locator("main ul")
    expect(asked).to_contain_text("Held by the review policy 'review'")
    expect(asked).to_contain_text("Paragraph 1: dates (minor): The source names the month March")
    page.get_by_role("button", name="Approve es").click()
    expect(page.get_by_role("status")).to_contain_text("es: approved for release")

    page.get_by_role("link", name="Delivery report").click()
    chart = page.locator("svg.chart")
    expect(chart).to_have_attribute("aria-label", re.compile(r": 1 delivered$"), timeout=60_000)
    page.goto(f"{newsroom}/desk")
    expect(page.get_by_role("link", name="Needs review: 0")).to_be_visible()
    context.close()
