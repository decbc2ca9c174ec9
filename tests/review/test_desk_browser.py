"""The desk in Debian's Chromium (Playwright, headless), as an editor uses it: the story page
follows its story through the stages without a reload, and every desk page (the delivery report
with a subscriber whose endpoint does not answer included) fits a phone (390 px) and a laptop
(1366 px) without scrolling sideways, with no axe-core violation when axe is installed."""

from __future__ import annotations

import re

import pytest
from helpers import free_port
from newsroom.test_browser import AXE, LAPTOP, PHONE, axe_violations, browser, webhook

from review.test_browser import PASSWORD, STORY, newsroom

__all__ = ["browser", "newsroom", "webhook"]  # the fixtures, shared with the other browser tests

pytestmark = pytest.mark.browser
playwright_sync = pytest.importorskip("playwright.sync_api")


def test_the_story_page_follows_its_story_live_and_shows_its_versions(
    newsroom: str, browser: object
) -> None:
    context = browser.new_context(viewport=LAPTOP)  # type: ignore[attr-defined]
    page = context.new_page()
    expect = playwright_sync.expect
    page.goto(f"{newsroom}/desk")
    page.get_by_label("User name").fill("eve")
    page.get_by_label("Password").fill(PASSWORD)
    page.keyboard.press("Enter")
    page.get_by_role("link", name="Submit", exact=True).click()
    page.get_by_label("Paste the text or HTML").fill(STORY)
    page.get_by_role("button", name="Extract").click()
    page.get_by_label("español").check()
    page.get_by_role("button", name="Send to the wire").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Navega Air opens a route to Lisbon")
    page.evaluate("window.openedBeforeTheWork = true")

    # Apertium translates, the check passes, the wire releases: the page shows each as it comes
    spanish = page.locator("#lang-es")
    expect(spanish.locator(".pill").first).to_have_text("released", timeout=60_000)
    expect(spanish.locator(".verdict")).to_have_text("check: pass")
    expect(spanish.locator("td[lang=es]").first).to_contain_text("Lisboa")
    expect(page.locator("#story-state")).to_have_text("released")
    assert page.evaluate("window.openedBeforeTheWork") is True  # no reload

    # a correction: a new version, its line and what changed in the history, Spanish again
    page.get_by_text("Correct the story (a new version)").click()
    body = page.get_by_label(re.compile(r"^Body \(en"))
    body.fill(body.input_value().replace("300 passengers", "350 passengers"))
    page.get_by_label("What the correction corrects").fill("The route carries 350 a week.")
    page.get_by_role("button", name="Submit the correction").click()
    expect(page.get_by_role("status")).to_have_text("version 2 submitted")
    history = page.locator("#history")
    expect(history.locator("li").first).to_contain_text("Version 2")
    expect(history).to_contain_text("Correction: The route carries 350 a week.")
    history.get_by_text("What changed from version 1").click()
    expect(history.locator(".diff del")).to_have_text("300")
    expect(history.locator(".diff ins")).to_have_text("350")
    expect(spanish.locator("td[lang=es]").nth(2)).to_contain_text("350", timeout=60_000)
    context.close()


def _fits(page: object) -> int:
    """How many pixels the document is wider than the window (0 when nothing scrolls sideways)."""
    return int(
        page.evaluate(  # type: ignore[attr-defined]
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
    )


def test_every_desk_page_fits_a_phone_and_a_laptop(newsroom: str, browser: object) -> None:
    context = browser.new_context(viewport=LAPTOP)  # type: ignore[attr-defined]
    if AXE.exists():
        context.add_init_script(path=str(AXE))
    page = context.new_page()
    expect = playwright_sync.expect
    page.goto(f"{newsroom}/desk")
    page.get_by_label("User name").fill("eve")
    page.get_by_label("Password").fill(PASSWORD)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Stories")).to_be_visible()

    # a subscriber whose endpoint does not answer: the report has a delivery being retried
    page.goto(f"{newsroom}/desk/subscribers")
    page.get_by_label("Name").fill("Silent Courier of the Very Long Name")
    page.get_by_role("checkbox", name=re.compile("español")).check()
    dead = f"webhook:ninjs2:http://127.0.0.1:{free_port()}/a/rather/long/path/to/the/hook"
    page.get_by_label(re.compile("^Destination")).fill(dead)
    page.get_by_role("button", name="Add subscriber").click()
    expect(page.get_by_role("status")).to_contain_text("added")
    subscriber = page.get_by_role("link", name=re.compile("Silent Courier")).first
    subscriber_page = subscriber.get_attribute("href")
    destination_page = page.locator('a[href^="/desk/destinations/"]').first.get_attribute("href")

    page.goto(f"{newsroom}/desk/submit")
    page.get_by_label("Paste the text or HTML").fill(STORY)
    page.get_by_role("button", name="Extract").click()
    page.get_by_label("español").check()
    page.get_by_role("button", name="Send to the wire").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Navega Air opens a route to Lisbon")
    story = page.url
    expect(page.locator("#lang-es .pill").first).to_have_text("released", timeout=60_000)
    page.goto(f"{story}/report")
    expect(page.locator("table.troubles")).to_contain_text("Silent Courier", timeout=60_000)
    # "send again" comes back to the report, saying what it queued
    page.get_by_role("button", name=re.compile("^Send again to Silent Courier")).first.click()
    expect(page).to_have_url(re.compile(r"/report\?done="))
    expect(page.get_by_role("status")).to_have_text(
        re.compile(r"^es \(version 1\) queued to be sent again to Silent Courier.* by webhook$")
    )

    # an embargoed story counts down on its page
    page.goto(f"{newsroom}/desk/submit")
    page.get_by_label("Paste the text or HTML").fill(STORY.replace("Lisbon", "Porto"))
    page.get_by_role("button", name="Extract").click()
    page.get_by_label("Embargo until (UTC, optional)").fill("2099-01-01T09:00")
    page.get_by_role("button", name="Send to the wire").click()
    countdown = page.locator("#embargo-countdown")
    expect(countdown).to_have_text(re.compile(r"^\d+ d \d+ h \d+ min \d+ s$"))
    ticking = countdown.text_content()
    expect(countdown).not_to_have_text(ticking or "", timeout=3_000)
    embargoed = page.url.removeprefix(newsroom)
    # and on the stories list, in its row
    page.goto(f"{newsroom}/desk")
    embargoed_id = embargoed.split("?")[0].rsplit("/", 1)[1]
    row = page.locator(f'tr[data-story="{embargoed_id}"]')
    clock = row.locator("[data-until]")
    expect(clock).to_have_text(re.compile(r"^\d+ d \d+ h \d+ min \d+ s$"))
    ticking = clock.text_content()
    expect(clock).not_to_have_text(ticking or "", timeout=3_000)
    expect(row.locator(".embargo")).to_contain_text("embargoed until 2099-01-01 09:00 UTC")

    pages = [
        "/desk",
        embargoed,
        "/desk/submit",
        story.removeprefix(newsroom),
        f"{story.removeprefix(newsroom)}/report",
        "/desk/subscribers",
        subscriber_page,
        destination_page,
        "/desk/review-policy",
        "/desk/glossary",
        "/desk/health",
    ]
    wide: dict[str, int] = {}
    violations: dict[str, list[str]] = {}
    for size in (PHONE, LAPTOP):
        page.set_viewport_size(size)
        for path in pages:
            page.goto(f"{newsroom}{path}")
            key = f"{path} at {size['width']} px"
            if _fits(page) > 0:
                wide[key] = _fits(page)
            if AXE.exists() and (found := axe_violations(page)):
                violations[key] = found
    assert wide == {}
    assert violations == {}
    context.close()
