"""The newsroom in Debian's Chromium (Playwright, headless): an editor signs in, submits a story,
sees it translated and checked, fixes a flagged paragraph of a hand-made Arabic translation,
releases it, watches the delivery report fill as a subscriber's webhook takes it, sees it arrive
in the public newsroom's live list (opened before the release, fed by the stream), edits a
subscriber, and reads the story on the public newsroom in Spanish and in Arabic (right to left);
another publisher's story is refused by URL and by API; every main page is screenshotted at
laptop and phone widths (under the test's tmp dir) and checked with axe-core when it is
installed."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from helpers import free_port

from polywire.config import load_settings
from polywire.domain import Role, Scope
from polywire.publish.subscribers import parse_spec
from polywire.services import StoryService
from polywire.store import accounts
from polywire.store import subscribers as subscriber_store
from polywire.wire import Wire

pytestmark = pytest.mark.browser
playwright_sync = pytest.importorskip("playwright.sync_api")

CHROMIUM = Path("/usr/bin/chromium")
AXE = Path(__file__).resolve().parents[1] / ".npm" / "node_modules" / "axe-core" / "axe.min.js"
PASSWORD = "a long test password"
AUDITED = (
    "signin",
    "submit",
    "submit-extracted",
    "stories",
    "review-flagged",
    "report",
    "subscribers",
    "subscriber-edit",
    "glossary-refused",
    "glossary",
    "health",
    "public-story-ar",
    "public-story-es",
    "public-home",
)
LAPTOP = {"width": 1366, "height": 860}
PHONE = {"width": 390, "height": 844}
STORY = (
    "Acme opens a bicycle plant in Leeds\n\n"
    "LEEDS (Acme) - Acme Ltd opened a bicycle plant in Leeds on Monday that will employ "
    "300 people.\n\nThe plant cost 12 million pounds, the company said."
)
ARABIC_HEADLINE = "أكمي تفتتح مصنعا للدراجات في ليدز"
ARABIC_BODY = (
    "ليدز (أكمي) - افتتحت شركة أكمي المحدودة يوم الاثنين مصنعا للدراجات في ليدز سيوظف {n} شخص."
    "\n\nوقالت الشركة إن المصنع كلف 12 مليون جنيه إسترليني."
)


@dataclass
class Newsroom:
    url: str
    other_story: str
    acme_token: str


class _Newsdesk(BaseHTTPRequestHandler):
    """A subscriber's webhook endpoint: takes every delivery."""

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("content-length", "0")))
        self.send_response(204)
        self.end_headers()

    def log_message(self, *_: object) -> None:
        return


@pytest.fixture
def webhook() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Newsdesk)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/hook"
    server.shutdown()


@pytest.fixture
def newsroom(subprocess_env: dict[str, str], webhook: str) -> Iterator[Newsroom]:
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed (scripts/setup.sh test)")
    wire = Wire(load_settings(data_dir=Path(subprocess_env["POLYWIRE_DATA_DIR"]), languages=[]))
    try:
        with wire.database.write() as conn:
            accounts.add_user(conn, "eve", PASSWORD, Role.EDITOR, "acme")
            _, token = accounts.add_token(conn, "eve", "browser test", [Scope.READ])
            subscriber, _ = subscriber_store.add_subscriber(
                conn,
                parse_spec(
                    {
                        "name": "Diario de Leeds",
                        "languages": ["es", "ar"],
                        "destinations": [{"channel": "webhook", "address": webhook}],
                    }
                ),
            )
            accounts.set_subscriber_owner(conn, subscriber.id, "acme")
        other = (
            StoryService(wire)
            .submit(None, STORY.encode(), source="story.txt", publisher="globex")
            .story_id
        )
    finally:
        wire.close()
    port = free_port()
    env = {
        **subprocess_env,
        "POLYWIRE_AUTH__REQUIRED": "true",
        "POLYWIRE_LANGUAGES": '["es"]',
        "POLYWIRE_PUBLISH__OUTBOUND__ALLOW_LOOPBACK": "true",
        "POLYWIRE_REVIEW__RULES": "[]",  # Apertium's Spanish goes out when it passes
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
        yield Newsroom(f"http://127.0.0.1:{port}", other, token)
    finally:
        server.terminate()
        server.wait(timeout=30)


@pytest.fixture
def browser() -> Iterator[object]:
    with playwright_sync.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True)
        yield launched
        launched.close()


def shoot(page: object, folder: Path, name: str) -> None:
    """The page at laptop and phone widths, as PNGs under the test's tmp dir."""
    folder.mkdir(parents=True, exist_ok=True)
    for label, size in (("laptop", LAPTOP), ("phone", PHONE)):
        page.set_viewport_size(size)  # type: ignore[attr-defined]
        page.screenshot(path=str(folder / f"{name}-{label}.png"), full_page=True)  # type: ignore[attr-defined]
    page.set_viewport_size(LAPTOP)  # type: ignore[attr-defined]


def axe_violations(page: object) -> list[str]:
    """axe-core's findings; axe is put on every page by the context (an init script: the pages'
    content policy runs no script but their own)."""
    found = page.evaluate(  # type: ignore[attr-defined]
        "async () => (await axe.run(document, {runOnly: ['wcag2a', 'wcag2aa']})).violations"
        ".map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '))"
    )
    return list(found)


def test_from_submission_to_the_public_newsroom(
    newsroom: Newsroom, browser: object, tmp_path: Path
) -> None:
    screens = tmp_path / "screenshots"
    checked_pages: dict[str, list[str]] = {}
    context = browser.new_context(viewport=LAPTOP)  # type: ignore[attr-defined]
    if AXE.exists():
        context.add_init_script(path=str(AXE))
    refused_by_policy: list[str] = []  # what the pages' Content-Security-Policy blocked
    context.on(
        "console",
        lambda message: (
            refused_by_policy.append(message.text)
            if "Content Security Policy" in message.text
            else None
        ),
    )
    page = context.new_page()
    expect = playwright_sync.expect

    def audit(name: str) -> None:
        shoot(page, screens, name)
        if AXE.exists():
            checked_pages[name] = axe_violations(page)

    page.goto(f"{newsroom.url}/desk")
    expect(page).to_have_url(re.compile(r"/signin\?next=/desk$"))
    audit("signin")
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Skip to content")).to_be_focused()
    page.get_by_label("User name").fill("eve")
    page.get_by_label("Password").fill(PASSWORD)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Stories")).to_be_visible()

    page.get_by_role("link", name="Submit a story").click()
    audit("submit")
    page.get_by_label("Paste the text or HTML").fill(STORY)
    page.get_by_role("button", name="Extract").click()
    headline = page.get_by_label("Headline")
    expect(headline).to_have_value("Acme opens a bicycle plant in Leeds")
    audit("submit-extracted")
    headline.fill("Acme opens a new bicycle plant in Leeds")
    page.get_by_label("español").check()
    page.get_by_label("العربية").check()
    page.get_by_label("Sectors").fill("Manufacturing")
    page.get_by_role("button", name="Send to the wire").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Acme opens a new bicycle plant in Leeds"
    )
    story_url = page.url
    story_id = story_url.rsplit("/", 1)[1]

    # the stories list follows the jobs live: Spanish translated by Apertium, and checked
    page.goto(f"{newsroom.url}/desk")
    row = page.locator(f'tr[data-story="{story_id}"]')
    expect(row.locator(".pill", has_text="es ·")).to_have_text(
        re.compile(r"es · (checked|needs review|released)"), timeout=60_000
    )
    expect(row.locator(".pill", has_text="ar ·")).to_have_text("ar · unsupported")
    audit("stories")

    page.goto(story_url)
    spanish = page.locator("#lang-es")
    expect(spanish.locator(".verdict")).to_contain_text("check:")
    expect(spanish.locator("td[lang=es]").first).to_contain_text("Leeds")

    # no engine does Arabic here: the editor writes it, the check flags a number, they fix it
    arabic = page.locator("#lang-ar")
    arabic.get_by_text("Edit the العربية translation").click()
    arabic.get_by_label("Headline (ar)").fill(ARABIC_HEADLINE)
    arabic.get_by_label(re.compile(r"Body \(ar")).fill(ARABIC_BODY.format(n="400"))
    arabic.get_by_role("button", name="Check and save").click()
    arabic = page.locator("#lang-ar")
    expect(arabic.locator(".verdict")).to_have_text("check: review")
    flagged = arabic.locator("tr.flagged")
    expect(flagged).to_have_count(1)
    expect(flagged.locator("td[dir=rtl] mark")).to_contain_text("400")
    expect(flagged.locator(".findings")).to_contain_text("The number 300")
    audit("review-flagged")
    page.set_viewport_size({"width": 1024, "height": 700})
    arabic.screenshot(path=str(screens / "review-flagged-arabic.png"))
    page.set_viewport_size(LAPTOP)
    arabic.get_by_label(re.compile(r"Body \(ar")).fill(ARABIC_BODY.format(n="300"))
    arabic.get_by_role("button", name="Check and save").click()
    arabic = page.locator("#lang-ar")
    expect(arabic.locator(".verdict")).to_have_text("check: pass")
    expect(arabic.locator("tr.flagged")).to_have_count(0)

    # the public Arabic list, open before the release: the story will arrive on the stream
    public = context.new_page()
    public.goto(f"{newsroom.url}/news/ar")
    expect(public.locator("#latest")).to_contain_text("لم يُنشر شيء بعد.")  # in Arabic
    public.evaluate("window.openedBeforeTheRelease = true")

    page.get_by_role("button", name="Release all ready languages").click()
    # the desk asks first, naming what goes out
    expect(page.get_by_role("heading", level=1)).to_have_text("Release ar?")
    page.get_by_role("button", name="Release", exact=True).click()
    expect(page.get_by_role("status")).to_contain_text("approved for release")
    page.get_by_role("link", name="Delivery report").click()
    expect(page.get_by_role("heading", name="Delivery report")).to_be_visible()
    # the report fills in place as the webhook deliveries arrive (Spanish and Arabic)
    chart = page.locator("svg.chart")
    expect(chart).to_have_attribute("aria-label", re.compile(r": 2 delivered$"), timeout=60_000)
    expect(chart.locator("polyline")).to_have_count(2)
    expect(page.locator("#report-live table")).to_contain_text("webhook")
    audit("report")

    page.get_by_role("link", name="Subscribers").click()
    page.get_by_label("Name").fill("Leeds Weekly")
    page.get_by_role("checkbox", name=re.compile("español")).check()
    page.get_by_role("checkbox", name=re.compile("العربية")).check()
    page.get_by_label(re.compile("^Destination")).fill("feed:rss")
    page.get_by_role("button", name="Add subscriber").click()
    expect(page.get_by_role("status")).to_contain_text("Leeds Weekly added")
    expect(page.locator("table")).to_contain_text("Diario de Leeds")
    expect(page.locator("table")).to_contain_text("Leeds Weekly")
    audit("subscribers")
    page.get_by_role("link", name="Edit Leeds Weekly").click()
    expect(page.get_by_role("checkbox", name=re.compile("español"))).to_be_checked()
    expect(page.get_by_role("checkbox", name=re.compile("العربية"))).to_be_checked()
    page.get_by_label(re.compile("^Sectors")).fill("Manufacturing")
    audit("subscriber-edit")
    page.get_by_role("button", name="Save changes").click()
    expect(page.get_by_role("status")).to_contain_text("Leeds Weekly saved")
    expect(page.locator("table")).to_contain_text("Manufacturing")
    page.get_by_role("link", name="Glossary").click()
    page.get_by_label("Term, as the source writes it").fill("Leeds Weekly")
    page.get_by_label(re.compile("^Or its rendering")).fill("es = Semanario de Leeds\nxx-!! = ?")
    page.get_by_role("button", name="Save term").click()
    expect(page.get_by_role("alert")).to_contain_text("translations xx-!!")
    expect(page.get_by_label("Term, as the source writes it")).to_have_value("Leeds Weekly")
    audit("glossary-refused")
    page.get_by_label(re.compile("^Or its rendering")).fill("es = Semanario de Leeds")
    page.get_by_role("button", name="Save term").click()
    expect(page.get_by_role("status")).to_contain_text("Leeds Weekly saved")
    expect(page.locator("table")).to_contain_text("Semanario de Leeds")
    audit("glossary")
    page.get_by_role("link", name="Engines & health").click()
    expect(page.locator("table").first).to_contain_text("apertium")
    audit("health")

    # the public newsroom: the Arabic story came into the open list live, without a reload
    page.close()
    page = public
    link = page.locator(f'#latest a[href="/news/ar/{story_id}"]')
    expect(link).to_have_text(ARABIC_HEADLINE, timeout=30_000)
    assert page.evaluate("window.openedBeforeTheRelease") is True
    expect(page.locator("#latest li.muted")).to_have_count(0)
    link.click()
    article = page.locator("article")
    expect(article).to_have_attribute("dir", "rtl")
    expect(article).to_have_attribute("lang", "ar")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(article.locator("h1")).to_have_text(ARABIC_HEADLINE)
    audit("public-story-ar")
    page.get_by_role("link", name="español").click()
    expect(page.locator("article")).to_have_attribute("dir", "ltr")
    expect(page.locator("article h1")).to_contain_text("Leeds")
    alternates = page.locator("link[rel=alternate][hreflang]")
    expect(alternates).to_have_count(3)
    expect(
        page.locator('link[rel=alternate][type="application/atom+xml"]').first
    ).to_have_attribute("href", "/feeds/es/all.atom")
    audit("public-story-es")
    page.goto(newsroom.url + "/")
    audit("public-home")

    # another publisher's story: refused in the desk and on the API
    refused = page.goto(f"{newsroom.url}/desk/stories/{newsroom.other_story}")
    assert refused is not None and refused.status == 403
    api = context.request.get(
        f"{newsroom.url}/v1/stories/{newsroom.other_story}",
        headers={"Authorization": f"Bearer {newsroom.acme_token}"},
    )
    assert api.status == 403
    assert "another publisher" in api.json()["detail"]
    own = context.request.get(
        f"{newsroom.url}/v1/stories/{story_id}",
        headers={"Authorization": f"Bearer {newsroom.acme_token}"},
    )
    assert own.status == 200
    context.close()
    assert refused_by_policy == []

    shots = {p.name for p in screens.iterdir()}
    assert {"review-flagged-laptop.png", "public-story-ar-phone.png"} <= shots
    assert len(shots) == 2 * len(AUDITED) + 1
    if AXE.exists():
        assert set(checked_pages) == set(AUDITED)
        problems = {name: found for name, found in checked_pages.items() if found}
        assert not problems, json.dumps(problems, indent=2, ensure_ascii=False)
