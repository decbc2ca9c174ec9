"""The desk's people pages in Debian's Chromium (Playwright, headless), at 1366 and 390 px: an
admin adds a user (a refused form keeps what was typed), makes an API token, pauses a
subscriber, and every page is axe-clean and no wider than the screen."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import free_port

from newsroom.test_browser import AXE, CHROMIUM, LAPTOP, PHONE, axe_violations, browser
from polywire.config import load_settings
from polywire.domain import Role
from polywire.publish.subscribers import parse_spec
from polywire.store import accounts
from polywire.store import subscribers as subscriber_store
from polywire.wire import Wire

pytestmark = pytest.mark.browser
playwright_sync = pytest.importorskip("playwright.sync_api")
__all__ = ["browser"]  # the fixture, shared with test_browser

PASSWORD = "a long test password"


@pytest.fixture
def desk(subprocess_env: dict[str, str]) -> Iterator[str]:
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed (scripts/setup.sh test)")
    wire = Wire(load_settings(data_dir=Path(subprocess_env["POLYWIRE_DATA_DIR"]), languages=[]))
    try:
        with wire.database.write() as conn:
            accounts.add_user(conn, "ada", PASSWORD, Role.ADMIN, None, "ada@wire.example")
            subscriber_store.add_subscriber(
                conn,
                parse_spec(
                    {
                        "name": "Diario de Leeds",
                        "languages": ["es"],
                        "destinations": [{"channel": "feed"}],
                    }
                ),
            )
    finally:
        wire.close()
    port = free_port()
    env = {**subprocess_env, "POLYWIRE_AUTH__REQUIRED": "true"}
    server = subprocess.Popen(
        [sys.executable, "-m", "polywire", "serve", "--port", str(port), "--no-workers"],
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


def test_users_tokens_and_subscribers_on_the_desk(desk: str, browser: object) -> None:
    context = browser.new_context(viewport=LAPTOP)  # type: ignore[attr-defined]
    if AXE.exists():
        context.add_init_script(path=str(AXE))
    page = context.new_page()
    expect = playwright_sync.expect
    problems: dict[str, list[str]] = {}

    def audit(name: str) -> None:
        for label, size in (("laptop", LAPTOP), ("phone", PHONE)):
            page.set_viewport_size(size)
            wide = page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
            found = [f"wider than {size['width']} px"] if wide else []
            if AXE.exists():
                found += axe_violations(page)
            if found:
                problems[f"{name} ({label})"] = found
        page.set_viewport_size(LAPTOP)

    page.goto(f"{desk}/signin/forgot")
    audit("forgot")
    page.goto(f"{desk}/signin")
    page.get_by_label("User name").fill("ada")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(r"/desk$"))

    page.get_by_role("link", name="Users").click()
    audit("users")
    page.get_by_label("User name").fill("eve")
    page.get_by_label("E-mail (for reset links; optional)").fill("eve@acme")
    page.get_by_role("button", name="Add user").click()
    expect(page.get_by_role("alert")).to_contain_text("not an e-mail address")
    expect(page.get_by_label("User name")).to_have_value("eve")
    audit("users-refused")
    page.get_by_label("E-mail (for reset links; optional)").fill("eve@acme.example")
    page.get_by_role("button", name="Add user").click()
    expect(page.get_by_role("status").first).to_contain_text("eve added")
    audit("users-added")

    page.get_by_role("link", name="API tokens").click()
    page.get_by_label("What it is for").fill("our CMS")
    page.get_by_role("button", name="Create token").click()
    expect(page.get_by_text(re.compile("pwt_"))).to_be_visible()
    audit("tokens")

    page.get_by_role("link", name="Subscribers").click()
    page.get_by_role("button", name="Pause Diario de Leeds").click()
    expect(page.get_by_role("status")).to_contain_text("Diario de Leeds paused")
    audit("subscribers-paused")
    page.get_by_label("Name").fill("Leeds Daily")
    page.locator("#s-destination").fill("webhook:ninjs3:ftp://nowhere")
    page.get_by_role("button", name="Add subscriber").click()
    expect(page.get_by_role("alert")).to_contain_text("subscriber.languages")
    expect(page.get_by_role("group", name="Languages it reads")).to_have_attribute(
        "aria-invalid", "true"
    )
    page.get_by_role("checkbox", name=re.compile("español")).check()
    page.get_by_role("button", name="Add subscriber").click()
    expect(page.get_by_role("alert")).to_contain_text("http(s) URL")
    expect(page.get_by_role("checkbox", name=re.compile("español"))).to_be_checked()
    expect(page.get_by_label("Name")).to_have_value("Leeds Daily")
    audit("subscribers-refused")
    context.close()
    assert not problems, problems
