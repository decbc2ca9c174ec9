"""Security headers: a content policy without inline script on every page (and pages that need
none), no framing, nosniff everywhere, no caching of the desk, Secure cookies over https."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from polywire.config import load_settings
from polywire.publish.deliver.unsubscribe import UnsubscribeLinks
from polywire.web.pages.render import STATIC
from polywire.wire import Wire

TEMPLATES = STATIC.parent / "templates"
# a JSON-LD block is data, not script: no browser runs it
INLINE = re.compile(
    r'<script(?![^>]*\b(?:src=|type="application/ld\+json"))|\sstyle=|\son[a-z]+=|<style',
    re.IGNORECASE,
)


def policy(answer_headers: dict[str, str]) -> dict[str, str]:
    directives = (
        d.strip().split(" ", 1) for d in answer_headers["content-security-policy"].split(";")
    )
    return {d[0]: d[1] if len(d) > 1 else "" for d in directives}


def test_pages_forbid_inline_script_and_framing(client: TestClient, wire: Wire) -> None:
    links = UnsubscribeLinks.from_settings(wire.settings)
    pages = ["/", "/news/en", "/signin", f"/unsubscribe/{links.token('a@b.test', 'en')}"]
    for path in pages:
        answer = client.get(path)
        assert answer.headers["content-type"].startswith("text/html"), path
        rules = policy(dict(answer.headers))
        assert rules["script-src"] == "'self'", path
        assert rules["frame-ancestors"] == "'none'", path
        assert "'unsafe-inline'" not in answer.headers["content-security-policy"]
        assert answer.headers["x-frame-options"] == "DENY"
        assert answer.headers["x-content-type-options"] == "nosniff"
        assert answer.headers["referrer-policy"] == "same-origin"
        assert not INLINE.search(answer.text), (path, INLINE.search(answer.text))


def test_templates_keep_script_and_style_in_static_files() -> None:
    for template in TEMPLATES.glob("*.html"):
        assert not INLINE.search(template.read_text()), template.name


def test_the_desk_and_sign_in_are_not_cached_but_the_newsroom_and_feeds_are(
    client: TestClient,
) -> None:
    for path in ("/signin", "/desk", "/desk/submit"):
        answer = client.get(path, follow_redirects=False)
        assert answer.headers["cache-control"] == "no-store", path
    for path in ("/", "/news/en", "/feeds/en/all.atom", "/healthz"):
        answer = client.get(path)
        assert answer.status_code == 200, path
        assert "no-store" not in answer.headers.get("cache-control", ""), path
        assert answer.headers["x-content-type-options"] == "nosniff", path


def test_api_answers_say_nosniff_without_a_page_policy(client: TestClient) -> None:
    for answer in (client.get("/v1/stories/nope"), client.get("/healthz")):
        assert answer.headers["x-content-type-options"] == "nosniff"
        assert "content-security-policy" not in answer.headers


@pytest.mark.parametrize(
    ("public_url", "secure_cookies", "secure"),
    [
        ("https://wire.example", None, True),
        ("http://127.0.0.1:8765", None, False),
        ("https://wire.example", False, False),
        ("http://127.0.0.1:8765", True, True),
    ],
)
def test_cookies_are_secure_when_the_wire_is_reached_over_https(
    tmp_path: Path, public_url: str, secure_cookies: bool | None, secure: bool
) -> None:
    from polywire.web.app import create_app

    settings = load_settings(
        data_dir=tmp_path / "data",
        languages=[],
        deliver={"public_url": public_url},
        auth={"secure_cookies": secure_cookies},
    )
    wire = Wire(settings)
    try:
        with TestClient(create_app(wire), base_url="https://testserver") as client:
            cookie = client.get("/signin").headers["set-cookie"]
        assert ("; secure" in cookie.lower()) is secure, cookie
    finally:
        wire.close()
