"""The desk in Debian's Chromium (Playwright, headless), as an editor uses it: the story page
follows its story through the stages without a reload, and every desk page fits a phone."""

from __future__ import annotations

import pytest
from newsroom.test_browser import LAPTOP, browser, webhook

from review.test_browser import PASSWORD, STORY, newsroom

__all__ = ["browser", "newsroom", "webhook"]  # the fixtures, shared with the other browser tests

pytestmark = pytest.mark.browser
playwright_sync = pytest.importorskip("playwright.sync_api")


def test_the_story_page_follows_its_story_live(newsroom: str, browser: object) -> None:
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
    context.close()
