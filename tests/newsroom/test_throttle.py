"""Sign-in throttling: guessing is slowed per account and address, an attacker cannot lock the
real user out, and a flood of junk neither grows memory nor resets what is held back. The
throttle runs on a clock the tests move by hand."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from newsroom.conftest import PASSWORD
from polywire.web.pages.throttle import SignInThrottle, account_of, network_of
from polywire.wire import Wire

HOME = "198.51.100.7"


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


def guess(throttle: SignInThrottle, name: str, address: str) -> float:
    """One wrong password, if the throttle lets it be tried; returns the wait it asked for."""
    wait = throttle.admit(name, address)
    if wait == 0:
        throttle.failed(name, address)
    return wait


def test_one_address_guessing_one_account_is_held_back(clock: Clock) -> None:
    throttle = SignInThrottle(clock=clock)
    assert [guess(throttle, "ada", "203.0.113.1") for _ in range(5)] == [0] * 5
    assert throttle.admit("ada", "203.0.113.1") == 900
    clock.now += 600
    assert throttle.admit("ADA", "203.0.113.1") == 300  # names are counted case-blind
    clock.now += 300
    assert throttle.admit("ada", "203.0.113.1") == 0


def test_one_address_guessing_many_names_is_held_back(clock: Clock) -> None:
    throttle = SignInThrottle(clock=clock)
    waits = [guess(throttle, f"user{n}", "203.0.113.1") for n in range(25)]
    assert waits[:20] == [0] * 20 and all(w > 0 for w in waits[20:])
    assert throttle.admit("someone-else", "203.0.113.1") == 900
    assert throttle.admit("someone-else", "203.0.113.2") == 0  # other addresses are not


def test_guesses_from_many_addresses_cannot_lock_the_real_user_out(clock: Clock) -> None:
    throttle = SignInThrottle(clock=clock)
    assert throttle.admit("ada", HOME) == 0
    throttle.succeeded("ada", HOME)  # ada signed in from home before
    for n in range(5):
        assert guess(throttle, "ada", f"203.0.113.{n}") == 0
    # from home: not held back at all, however the attack goes on
    assert throttle.admit("ada", HOME) == 0
    for n in range(5, 40):
        guess(throttle, "ada", f"203.0.113.{n}")
        clock.now += 1
    assert throttle.admit("ada", HOME) == 0
    # from an address it never used: slowed, never locked; it gets a turn within max_delay
    wait = throttle.admit("ada", "192.0.2.44")
    assert 0 < wait <= 60
    clock.now += wait
    assert throttle.admit("ada", "192.0.2.44") == 0
    throttle.succeeded("ada", "192.0.2.44")


def test_an_account_under_attack_takes_turns_ever_more_slowly(clock: Clock) -> None:
    throttle = SignInThrottle(clock=clock)
    turns = []
    for n in range(12):
        address = f"203.0.113.{n}"
        wait = throttle.admit("ada", address)
        if wait:
            turns.append(wait)
            clock.now += wait
            assert throttle.admit("ada", address) == 0
        throttle.failed("ada", address)
    assert turns == [1, 2, 4, 8, 16, 32, 60]  # doubling after the 5th failure, up to a minute


def test_a_flood_of_junk_does_not_reset_what_is_held_back(clock: Clock) -> None:
    throttle = SignInThrottle(clock=clock, max_keys=100)
    for _ in range(5):
        guess(throttle, "ada", "203.0.113.1")
    held = throttle.admit("ada", "203.0.113.1")
    assert held == 900
    # 5,000 failures of made-up names from fresh addresses
    for n in range(5000):
        throttle.failed(f"junk{n}", f"10.{n // 65536}.{n // 256 % 256}.{n % 256}")
    assert throttle.keys_held <= 3 * 100
    assert throttle.admit("ada", "203.0.113.1") == held
    assert throttle.admit("ada", "192.0.2.1") > 0  # the account is still under attack


def test_memory_stays_bounded(clock: Clock) -> None:
    throttle = SignInThrottle(clock=clock, max_keys=50)
    for n in range(2000):
        address = f"2001:db8:{n:x}::1"
        guess(throttle, f"name{n % 300}", address)
        throttle.succeeded(f"name{n}", address)
        clock.now += 0.5
    assert throttle.keys_held <= 4 * 50


def test_a_success_forgets_that_addresss_failures_only(clock: Clock) -> None:
    throttle = SignInThrottle(clock=clock)
    for _ in range(4):
        guess(throttle, "ada", HOME)
    throttle.succeeded("ada", HOME)
    assert [guess(throttle, "ada", HOME) for _ in range(5)] == [0] * 5
    assert throttle.admit("ada", HOME) > 0  # its own failures still count, known or not


def test_names_are_counted_case_blind_and_cut_to_a_user_names_length() -> None:
    assert account_of("Ada") == "ada"
    assert account_of("x" * 100_000) == "x" * 101


def test_networks_are_counted_by_ipv4_address_and_ipv6_slash_64() -> None:
    assert network_of("203.0.113.9") == "203.0.113.9"
    assert network_of("2001:db8:1:2:aaaa::1") == network_of("2001:db8:1:2:bbbb::2")
    assert network_of("2001:db8:1:2::1") == "2001:db8:1:2::/64"
    assert network_of("::ffff:203.0.113.9") == "203.0.113.9"
    assert network_of("testclient") == "testclient"


def _signin(client: TestClient, name: str, password: str) -> object:
    form = client.get("/signin")
    csrf = form.text.split('name="csrf" value="')[1].split('"')[0]
    return client.post(
        "/signin",
        data={"name": name, "password": password, "csrf": csrf},
        follow_redirects=False,
    )


@pytest.fixture
def clients(wire: Wire, clock: Clock) -> Iterator[dict[str, TestClient]]:
    """Clients of one served app (one throttle, on the test's clock), each from its own address."""
    from polywire.web.app import create_app

    app = create_app(wire)
    app.state.signin_throttle = SignInThrottle(clock=clock)
    addresses = [HOME, "192.0.2.44"] + [f"203.0.113.{n}" for n in range(5)]
    opened = {a: TestClient(app, client=(a, 50000)) for a in addresses}
    for client in opened.values():
        client.__enter__()
    yield opened
    for client in opened.values():
        client.__exit__(None, None, None)


def test_wrong_passwords_from_five_addresses_do_not_stop_the_real_user(
    clients: dict[str, TestClient], clock: Clock
) -> None:
    home = clients[HOME]
    assert _signin(home, "ada", PASSWORD).status_code == 303  # type: ignore[attr-defined]
    home.cookies.clear()
    for n in range(5):
        wrong = _signin(clients[f"203.0.113.{n}"], "ada", "guess")
        assert wrong.status_code == 401  # type: ignore[attr-defined]
    assert _signin(home, "ada", PASSWORD).status_code == 303  # type: ignore[attr-defined]
    # elsewhere, ada is slowed and told for how long, not locked out
    slowed = _signin(clients["192.0.2.44"], "ada", PASSWORD)
    assert slowed.status_code == 429  # type: ignore[attr-defined]
    assert 0 < int(slowed.headers["retry-after"]) <= 60  # type: ignore[attr-defined]
    assert "Try again in 1 second." in slowed.text  # type: ignore[attr-defined]
    clock.now += 1
    assert _signin(clients["192.0.2.44"], "ada", PASSWORD).status_code == 303  # type: ignore[attr-defined]
    # the attackers' own addresses stay as they were: each may guess again, and waits its turn
    assert _signin(clients["203.0.113.0"], "ada", "guess").status_code == 429  # type: ignore[attr-defined]
