"""The API explorer works offline: /docs (Swagger UI) and /redoc (ReDoc) load their assets from
the wire itself, and their content policy would refuse anything from another site."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

URL = re.compile(r"""(?:src|href)\s*=\s*["']([^"']+)["']|url:\s*["']([^"']+)["']""")


def test_the_api_explorer_references_no_other_site(client: TestClient) -> None:
    for path in ("/docs", "/redoc"):
        page = client.get(path)
        assert page.status_code == 200, path
        assert "http://" not in page.text and "https://" not in page.text, path
        addresses = [a or b for a, b in URL.findall(page.text)]
        assert "/openapi.json" in page.text
        assert addresses and all(a.startswith("/") for a in addresses), addresses
        for address in addresses:
            if address.startswith("/docs/assets/"):
                assert client.get(address).status_code == 200, address
        policy = page.headers["content-security-policy"]
        assert "default-src 'self'" in policy and "frame-ancestors 'none'" in policy
    assert client.get("/openapi.json").json()["info"]["title"] == "polywire"
