"""The guarded client: refuses internal addresses, connects only where it checked, caps answers."""

from __future__ import annotations

import asyncio
import ipaddress
import re

import pytest
from pretend_network import PretendNetwork

from polywire.domain import BadInput
from polywire.net import BlockedAddress, GuardedClient, OutboundError, OutboundSettings
from polywire.net.guarded import check_address
from polywire.web.pages.fetch import fetch_page
from publish.receiver import Answer, Receiver

PUBLIC = "8.8.8.8"  # looks public; the pretend network leads it to 127.0.0.1


@pytest.mark.parametrize(
    ("address", "reason"),
    [
        ("127.0.0.1", "a loopback address"),
        ("::1", "a loopback address"),
        ("10.1.2.3", "a private address"),
        ("172.16.0.9", "a private address"),
        ("192.168.1.1", "a private address"),
        ("fc00::1", "a private address"),
        ("169.254.169.254", "a link-local address"),
        ("fe80::1", "a link-local address"),
        ("100.64.0.1", "a shared (CGNAT) address"),
        ("224.0.0.251", "a multicast address"),
        ("ff02::1", "a multicast address"),
        ("::ffff:8.8.8.8", "an IPv4-mapped IPv6 address"),
        ("0.0.0.0", "the unspecified address"),
        ("240.0.0.1", "a reserved address"),
        ("8.8.8.8", None),
        ("2606:4700:4700::1111", None),
    ],
)
def test_address_rules(address: str, reason: str | None) -> None:
    assert check_address(ipaddress.ip_address(address)) == reason


def test_loopback_only_when_allowed() -> None:
    assert check_address(ipaddress.ip_address("127.0.0.1"), allow_loopback=True) is None
    assert check_address(ipaddress.ip_address("10.0.0.1"), allow_loopback=True) is not None


@pytest.mark.parametrize(
    ("address", "reason"),
    [
        # 6to4 (2002::/16): the IPv4 address in bits 16-47
        ("2002:a00:1::1", "a 6to4 address embedding 10.0.0.1, a private address"),
        ("2002:7f00:1::", "a 6to4 address embedding 127.0.0.1, a loopback address"),
        ("2002:a9fe:a9fe::", "a 6to4 address embedding 169.254.169.254, a link-local address"),
        ("2002:6440:1::", "a 6to4 address embedding 100.64.0.1, a shared (CGNAT) address"),
        ("2002:c000:201::", "a 6to4 address embedding 192.0.2.1, a reserved address"),
        ("2002:808:808::1", None),
        # NAT64, well-known prefix 64:ff9b::/96: the last 32 bits
        ("64:ff9b::c0a8:101", "a NAT64 address embedding 192.168.1.1, a private address"),
        ("64:ff9b::7f00:1", "a NAT64 address embedding 127.0.0.1, a loopback address"),
        ("64:ff9b::a9fe:a9fe", "a NAT64 address embedding 169.254.169.254, a link-local address"),
        ("64:ff9b::808:808", None),
        # NAT64, local-use prefix 64:ff9b:1::/48: refused whatever it carries
        ("64:ff9b:1::a00:1", "a local-use NAT64 address embedding 10.0.0.1, a private address"),
        ("64:ff9b:1::808:808", "a local-use NAT64 address"),
        # Teredo (2001::/32): the server (bits 32-63) and the client (last 32 bits, inverted)
        ("2001:0:a00:1::f7f7:f7f7", "a Teredo address embedding 10.0.0.1, a private address"),
        ("2001:0:808:808::f5ff:fffe", "a Teredo address embedding 10.0.0.1, a private address"),
        ("2001:0:808:808::80ff:fffe", "a Teredo address embedding 127.0.0.1, a loopback address"),
        ("2001:0:808:808::f7f7:f7f7", None),
        # IPv4-compatible ::a.b.c.d (deprecated): refused whatever it carries
        ("::a00:1", "an IPv4-compatible address embedding 10.0.0.1, a private address"),
        ("::7f00:1", "an IPv4-compatible address embedding 127.0.0.1, a loopback address"),
        ("::808:808", "an IPv4-compatible address (deprecated)"),
        ("::1", "a loopback address"),
        ("::", "the unspecified address"),
    ],
)
def test_ipv6_addresses_that_carry_an_ipv4_address_are_judged_by_it(
    address: str, reason: str | None
) -> None:
    assert check_address(ipaddress.ip_address(address)) == reason


@pytest.mark.parametrize(
    ("address", "reason"),
    [
        ("127.0.0.1", None),
        ("10.1.2.3", None),
        ("192.168.1.1", None),
        ("fd00::1", None),
        ("100.64.0.1", None),
        ("2002:a00:1::", None),
        ("64:ff9b:1::a00:1", None),
        ("169.254.169.254", "a link-local address"),
        ("2002:a9fe:a9fe::", "a 6to4 address embedding 169.254.169.254, a link-local address"),
        ("224.0.0.251", "a multicast address"),
        ("0.0.0.0", "the unspecified address"),
        ("240.0.0.1", "a reserved address"),
    ],
)
def test_private_networks_when_allowed_but_never_link_local(
    address: str, reason: str | None
) -> None:
    assert check_address(ipaddress.ip_address(address), allow_private=True) == reason


async def test_refuses_loopback_by_default_and_sends_nothing(receiver: Receiver) -> None:
    async with GuardedClient() as client:
        for url in (receiver.url("hook"), f"http://localhost:{receiver.port}/hook"):
            with pytest.raises(BlockedAddress, match="loopback"):
                await client.post(url, b"{}")
    assert receiver.arrivals == []


async def test_reaches_loopback_when_allowed(receiver: Receiver) -> None:
    async with GuardedClient(OutboundSettings(allow_loopback=True)) as client:
        response = await client.post(receiver.url("hook"), b'{"a":1}', {"x-test": "1"})
    assert response.status == 200
    assert response.body == b"ok"
    assert response.address == "127.0.0.1"
    assert receiver.at("hook")[0].body == b'{"a":1}'
    assert receiver.at("hook")[0].headers["x-test"] == "1"


async def test_redirects_are_returned_not_followed(receiver: Receiver) -> None:
    receiver.answer("old", Answer(302, {"location": receiver.url("new")}))
    async with GuardedClient(OutboundSettings(allow_loopback=True)) as client:
        response = await client.post(receiver.url("old"), b"{}")
    assert response.status == 302
    assert receiver.at("new") == []


async def test_answers_are_capped(receiver: Receiver) -> None:
    receiver.answer("big", Answer(body=b"x" * 100_000), Answer(body=b"x" * 100_000))
    async with GuardedClient(OutboundSettings(allow_loopback=True, max_response_bytes=1000)) as c:
        response = await c.get(receiver.url("big"))
        larger = await c.get(receiver.url("big"), max_bytes=50_000)
    assert len(response.body) == 1000
    assert response.truncated
    assert len(larger.body) == 50_000 and larger.truncated  # the cap of one call


async def test_a_name_is_looked_up_once_and_connected_to_as_checked(
    receiver: Receiver, monkeypatch: pytest.MonkeyPatch
) -> None:
    """DNS rebinding: a public answer to the first lookup, 127.0.0.1 to any later one. The
    client asks once and connects to the address it checked."""
    network = PretendNetwork.install(monkeypatch)
    network.names["hooks.example"] = [PUBLIC, "127.0.0.1"]
    async with GuardedClient() as client:
        with pytest.raises(OutboundError, match="cannot connect") as caught:
            await client.post(f"http://hooks.example:{receiver.port}/hook", b"{}")
    assert caught.value.reason == "connect"
    assert network.lookups_of("hooks.example") == 1
    assert network.connections == [PUBLIC]
    assert receiver.arrivals == []


async def test_redirects_are_followed_one_checked_hop_at_a_time(
    receiver: Receiver, monkeypatch: pytest.MonkeyPatch
) -> None:
    network = PretendNetwork.install(monkeypatch)
    network.names["pages.example"] = [PUBLIC]
    network.routes.add(PUBLIC)
    public = f"http://pages.example:{receiver.port}"
    receiver.answer("old", Answer(301, {"location": "/new"}))
    receiver.answer("inside", Answer(302, {"location": receiver.url("secret")}))
    receiver.answer("loop", *[Answer(302, {"location": "/loop"})] * 3)
    async with GuardedClient() as client:
        followed = await client.get_following_redirects(f"{public}/old", max_redirects=2)
        with pytest.raises(BlockedAddress) as blocked:
            await client.get_following_redirects(f"{public}/inside", max_redirects=2)
        with pytest.raises(OutboundError, match="more than 2 redirects") as looped:
            await client.get_following_redirects(f"{public}/loop", max_redirects=2)
    assert (followed.status, followed.body, followed.url) == (200, b"ok", f"{public}/new")
    assert str(blocked.value) == (
        f"{receiver.url('secret')}: refused: 127.0.0.1 is a loopback address"
    )
    assert blocked.value.url == receiver.url("secret")
    assert looped.value.reason == "redirects"
    assert receiver.at("secret") == []
    assert len(receiver.at("loop")) == 3


async def test_the_desk_fetch_refuses_a_redirect_inside(
    receiver: Receiver, monkeypatch: pytest.MonkeyPatch
) -> None:
    network = PretendNetwork.install(monkeypatch)
    network.names["pages.example"] = [PUBLIC]
    network.routes.add(PUBLIC)
    receiver.answer("story", Answer(302, {"location": receiver.url("admin")}))
    with pytest.raises(BadInput, match=r"refused: 127\.0\.0\.1 is a loopback address"):
        await fetch_page(f"http://pages.example:{receiver.port}/story", OutboundSettings(), 100_000)
    receiver.answer("big", Answer(body=b"x" * 5000))
    with pytest.raises(BadInput, match="the page is more than the limit of 1000 bytes"):
        await fetch_page(f"http://pages.example:{receiver.port}/big", OutboundSettings(), 1000)
    assert receiver.at("admin") == []


async def test_a_slow_answer_times_out(receiver: Receiver) -> None:
    receiver.answer("slow", Answer(delay=5))
    async with GuardedClient(OutboundSettings(allow_loopback=True, timeout_seconds=0.3)) as c:
        with pytest.raises(OutboundError, match=r"within 0\.3 s") as caught:
            await c.post(receiver.url("slow"), b"{}")
    assert caught.value.reason == "timeout"


async def test_bad_urls_are_named() -> None:
    async with GuardedClient() as client:
        with pytest.raises(OutboundError) as caught:
            await client.get("ftp://example.org/x")
    assert caught.value.reason == "url"


async def test_a_kept_connection_the_server_closed_is_not_reused() -> None:
    """A receiver that closes idle keep-alive connections: the next request goes on a new
    connection instead of failing on the closed one (the pool sees the closed socket)."""
    connections = 0
    closed = asyncio.Event()

    async def answer_once_then_close(
        reader: asyncio.StreamReader, writer: asyncio.StreamWriter
    ) -> None:
        nonlocal connections
        connections += 1
        head = await reader.readuntil(b"\r\n\r\n")
        length = int(re.search(rb"(?i)content-length: *(\d+)", head).group(1))  # type: ignore[union-attr]
        await reader.readexactly(length)
        writer.write(b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nok")  # keep-alive by default
        await writer.drain()
        writer.close()
        await writer.wait_closed()
        closed.set()

    server = await asyncio.start_server(answer_once_then_close, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    async with server, GuardedClient(OutboundSettings(allow_loopback=True)) as client:
        first = await client.post(f"http://127.0.0.1:{port}/a", b"{}")
        await closed.wait()
        await asyncio.sleep(0)  # let the loop see the end of the first connection's stream
        second = await client.post(f"http://127.0.0.1:{port}/b", b"{}")
    assert (first.status, second.status, connections) == (200, 200, 2)
