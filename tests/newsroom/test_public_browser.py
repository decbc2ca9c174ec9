"""The public newsroom in Debian's Chromium (Playwright, headless), at laptop and phone widths:
every public page (home, a list per language, the release page in five languages, corrected
(with a long subheadline) and withdrawn, a publisher's page, search) scrolls only downwards,
has no axe-core violation, and speaks the story's language (Arabic, Japanese, Vietnamese,
Spanish); the API explorer at /docs draws the API without asking another site for anything.

Screenshots go under the test's tmp dir, and also to `$POLYWIRE_SCREENSHOTS` when set (that is
how the ones in docs/ are made: see README)."""

from __future__ import annotations

import asyncio
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from helpers import free_port

from newsroom.test_public import CHROME, STORY, TRANSLATIONS, released_in_five
from polywire.config import load_settings
from polywire.publish.editorial.operations import withdraw_story
from polywire.services import StoryService
from polywire.wire import Wire

pytestmark = pytest.mark.browser
playwright_sync = pytest.importorskip("playwright.sync_api")

CHROMIUM = Path("/usr/bin/chromium")
AXE = Path(__file__).resolve().parents[1] / ".npm" / "node_modules" / "axe-core" / "axe.min.js"
WIDTHS = {"laptop": {"width": 1366, "height": 860}, "phone": {"width": 390, "height": 844}}
#: The screenshots README shows (docs/newsroom-*.png)
PUBLISHED = ("release-es-laptop", "release-ar-phone", "release-ja-phone")
#: Where each tested language's chrome says "Skip to content".
#: The corrected story's subheadline: long, with a word longer than a phone is wide.
LONG_SUBHEADLINE = (
    "The York plant will employ 350 people, build 20,000 bicycles a year and run on solar power "
    "from its own roof, says Acme-Fahrradwerkstattbetriebsgesellschaftsvorsitzende Jane Doe"
)
SKIP = {
    "es": "Saltar al contenido",
    "ar": "انتقل إلى المحتوى",
    "ja": "本文へスキップ",
    "vi": "Chuyển đến nội dung",
}


@dataclass
class Newsroom:
    url: str
    story_id: str
    corrected: str
    withdrawn: str


def corrected_and_withdrawn(wire: Wire) -> tuple[str, str]:
    """A story corrected once, and one withdrawn, both in English."""
    found = []
    for city in ("York", "Hull"):
        text = STORY.replace("LEEDS", city.upper()).replace("Leeds", city)
        found.append(
            StoryService(wire)
            .submit(
                None,
                text.encode(),
                source="story.txt",
                publisher="acme",
                languages=[],
                new_story=True,
            )
            .story_id
        )
        asyncio.run(wire.worker().run_until_idle())
    corrected, withdrawn = found
    StoryService(wire).submit(
        None,
        STORY.replace("Leeds", "York").replace("LEEDS", "YORK").replace("300", "350").encode(),
        source="story.txt",
        publisher="acme",
        update_of=corrected,
        correction_reason="Corrects the number of jobs",
        languages=[],
        subheadline=LONG_SUBHEADLINE,
    )
    withdraw_story(wire, withdrawn, "Sent in error")
    asyncio.run(wire.worker().run_until_idle())
    return corrected, withdrawn


@pytest.fixture
def newsroom(subprocess_env: dict[str, str]) -> Iterator[Newsroom]:
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed (scripts/setup.sh test)")
    wire = Wire(load_settings(data_dir=Path(subprocess_env["POLYWIRE_DATA_DIR"]), languages=[]))
    try:
        story_id = released_in_five(wire)
        corrected, withdrawn = corrected_and_withdrawn(wire)
    finally:
        wire.close()
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "polywire", "serve", "--port", str(port)],
        env={**subprocess_env, "POLYWIRE_LANGUAGES": "[]"},
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert server.stdout is not None
        assert server.stdout.readline().startswith("polywire serving on")
        yield Newsroom(f"http://127.0.0.1:{port}", story_id, corrected, withdrawn)
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_every_public_page_at_laptop_and_phone_widths(newsroom: Newsroom, tmp_path: Path) -> None:
    story = newsroom.story_id
    pages = {
        "home": "/",
        "publisher": "/publishers/acme",
        "search-ja": "/search?q=%E8%87%AA%E8%BB%A2%E8%BB%8A&lang=ja",
        "release-en": f"/news/en/{story}",
        "release-corrected": f"/news/en/{newsroom.corrected}",
        "release-withdrawn": f"/news/en/{newsroom.withdrawn}",
        **{f"list-{lang}": f"/news/{lang}" for lang in TRANSLATIONS},
        **{f"release-{lang}": f"/news/{lang}/{story}" for lang in TRANSLATIONS},
    }
    screens = tmp_path / "screenshots"
    screens.mkdir()
    problems: dict[str, list[str]] = {}
    outside: list[str] = []
    with playwright_sync.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True)
        context = browser.new_context()
        if AXE.exists():
            context.add_init_script(path=str(AXE))
        context.route(
            re.compile(r"^(?!" + re.escape(newsroom.url) + ").*"),
            lambda route: (outside.append(route.request.url), route.abort()),
        )
        page = context.new_page()
        for name, path in pages.items():
            answer = page.goto(newsroom.url + path)
            status = 410 if name == "release-withdrawn" else 200
            assert answer is not None and answer.status == status, (name, answer and answer.status)
            for label, size in WIDTHS.items():
                page.set_viewport_size(size)
                wide = page.evaluate("document.documentElement.scrollWidth")
                assert wide <= size["width"], (name, label, wide)
                page.screenshot(path=str(screens / f"{name}-{label}.png"), full_page=True)
                if AXE.exists():
                    found = axe_violations(page)
                    if found:
                        problems[f"{name}-{label}"] = found
            language = path.split("/")[2] if path.startswith("/news/") else None
            if language in CHROME:
                chrome_speaks(page, language)
        page.goto(f"{newsroom.url}/news/en/{newsroom.corrected}")
        playwright_sync.expect(page.locator("article p.subheadline")).to_have_text(LONG_SUBHEADLINE)

        # the release page as a reader uses it: the tags lead to lists, print is offered
        page.goto(f"{newsroom.url}/news/es/{story}")
        page.get_by_role("link", name="Industria", exact=True).click()
        playwright_sync.expect(page).to_have_url(f"{newsroom.url}/news/es?sector=Manufacturing")
        page.go_back()
        playwright_sync.expect(page.get_by_role("button", name="Imprimir")).to_be_visible()
        page.emulate_media(media="print")  # on paper: the release alone
        playwright_sync.expect(page.locator("article h1")).to_be_visible()
        for chrome in ("header.top", "aside.release-side"):
            playwright_sync.expect(page.locator(chrome)).to_be_hidden()
        page.screenshot(path=str(screens / "release-es-print.png"), full_page=True)
        page.emulate_media(media="screen")
        page.get_by_role("link", name="日本語", exact=True).click()
        playwright_sync.expect(page.locator("h1")).to_have_text(TRANSLATIONS["ja"][1])

        # the API explorer draws the operations with nothing from elsewhere
        page.goto(f"{newsroom.url}/docs")
        playwright_sync.expect(page.locator(".opblock").first).to_be_visible(timeout=20_000)
        page.goto(f"{newsroom.url}/redoc")
        playwright_sync.expect(
            page.get_by_text("A self-hosted multilingual news wire.")
        ).to_be_visible(timeout=20_000)
        browser.close()
    assert outside == [], outside
    assert not problems, json.dumps(problems, indent=2, ensure_ascii=False)
    published = os.environ.get("POLYWIRE_SCREENSHOTS")
    if published:
        for shot in PUBLISHED:
            shutil.copy(screens / f"{shot}.png", Path(published) / f"newsroom-{shot}.png")


def chrome_speaks(page: object, language: str) -> None:
    expect = playwright_sync.expect
    direction = "rtl" if language == "ar" else "ltr"
    expect(page.locator("html")).to_have_attribute("lang", language)  # type: ignore[attr-defined]
    expect(page.locator("html")).to_have_attribute("dir", direction)  # type: ignore[attr-defined]
    sign_in, _, _ = CHROME[language]
    expect(page.get_by_role("link", name=sign_in)).to_be_visible()  # type: ignore[attr-defined]
    expect(page.locator("a.skip")).to_have_text(SKIP[language])  # type: ignore[attr-defined]


def axe_violations(page: object) -> list[str]:
    found = page.evaluate(  # type: ignore[attr-defined]
        "async () => (await axe.run(document, {runOnly: ['wcag2a', 'wcag2aa']})).violations"
        ".map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '))"
    )
    return list(found)
