"""Slowing down password guessing without handing an attacker a way to lock people out.

Failed sign-ins are counted in a sliding window (`window_seconds`, 15 minutes) under three keys,
and a sign-in is held back (HTTP 429 with `Retry-After`: the longest wait of those that apply):

- **the account from this address** (the user name and the client's network): after
  `pair_limit` (5) failures it is refused until the oldest of them leaves the window. One address
  guessing one account gets 5 guesses per window.
- **the address**, whatever the names: after `address_limit` (20) failures it is refused the same
  way. One address trying many names gets 20 guesses per window.
- **the account, from everywhere**: after `account_limit` (5) failures from any addresses the
  account is under attack. It is then never locked, only slowed: sign-ins from addresses other
  than its known ones take turns, one every `base_delay` seconds (1 s), doubling with each
  further failure up to `max_delay` (60 s). An attacker with many addresses gets one guess per
  turn; the real user on a new address waits for a turn (a minute at most, and told how long),
  sharing the turns with the attacker until the attack stops.

An address from which the account signed in successfully (remembered for `known_seconds`, 30
days) is held back only by its own failures on that account: neither the account's attack nor
its shared address's (an office behind one NAT) stops the real user where they signed in before.
A success forgets that address's failures on the account; it does not clear the account's or the
address's counts, which an attacker holding an account of their own could otherwise reset.
The address is the connection's peer: behind a reverse proxy, let uvicorn take the client's from
`X-Forwarded-For` (`--forwarded-allow-ips`), or every sign-in counts as the proxy's.

The client's network is its IPv4 address, or its IPv6 /64 (one host usually holds a whole /64).
Unknown user names are counted like real ones, so throttling tells nothing of which names exist;
a name is counted by its first 101 characters (user names have at most 100).

Memory is bounded: each key table holds at most `max_keys` entries and, when full, drops the least
recently used entry that is not holding anything back; only when every entry is, the least
recently used of them. A flood of made-up names or addresses therefore cannot push out the keys
under attack, and nothing is ever cleared wholesale.

Counted in the serving process (several API processes multiply the budget by their number;
argon2's cost per guess still holds), on an injectable clock. Hand-written: rate-limit libraries
bring their own storage and middleware for what is one form here.
"""

from __future__ import annotations

import ipaddress
import math
import time
from collections import OrderedDict, deque
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field

#: User names have at most 100 characters (`polywire.store.accounts`).
_NAME_CHARS = 101


@dataclass
class _Entry:
    """Recent failure times of one key, oldest first, and (for an account under attack) when the
    next sign-in from an unknown address may be tried."""

    failures: deque[float]
    next_turn: float = 0.0


@dataclass
class _Table:
    """Entries by key, least recently used first, bounded to `max_keys`."""

    limit: int
    window: float
    max_keys: int
    keep: int  # failures remembered per key
    entries: OrderedDict[Hashable, _Entry] = field(default_factory=OrderedDict)

    def peek(self, key: Hashable, now: float) -> _Entry | None:
        entry = self.entries.get(key)
        if entry is not None:
            self._expire(entry, now)
        return entry

    def touch(self, key: Hashable, now: float) -> _Entry:
        entry = self.entries.get(key)
        if entry is None:
            self._make_room(now)
            entry = self.entries[key] = _Entry(deque(maxlen=self.keep))
        else:
            self.entries.move_to_end(key)
            self._expire(entry, now)
        return entry

    def wait(self, key: Hashable, now: float) -> float:
        """Seconds until the key's oldest counted failure leaves the window, once at the limit."""
        entry = self.peek(key, now)
        if entry is None or len(entry.failures) < self.limit:
            return 0.0
        return entry.failures[-self.limit] + self.window - now

    def holding(self, entry: _Entry, now: float) -> bool:
        self._expire(entry, now)
        return len(entry.failures) >= self.limit or entry.next_turn > now

    def _expire(self, entry: _Entry, now: float) -> None:
        while entry.failures and entry.failures[0] <= now - self.window:
            entry.failures.popleft()

    def _make_room(self, now: float) -> None:
        """Drop the least recently used entry holding nothing back (or, if all are, the least
        recently used), so that one more fits. A table full of held-back entries costs one pass
        over it per new key: an attacker pays five failures for each such entry."""
        for _ in range(len(self.entries) - self.max_keys + 1):
            for _ in range(len(self.entries)):
                key, entry = next(iter(self.entries.items()))
                if not self.holding(entry, now):
                    break
                self.entries.move_to_end(key)  # under attack: kept, looked at again last
            del self.entries[next(iter(self.entries))]


def account_of(name: str) -> str:
    """The account as the throttle counts it: the user name, case-blind, cut to one character
    more than a user name may have (so a junk name costs no more memory than a real one)."""
    return name[:_NAME_CHARS].casefold()


def network_of(address: str) -> str:
    """The client's network as the throttle counts it: an IPv4 address, an IPv6 /64."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return str(ip.ipv4_mapped)
        return str(ipaddress.IPv6Network((ip, 64), strict=False))
    return str(ip)


class SignInThrottle:
    def __init__(
        self,
        *,
        pair_limit: int = 5,
        address_limit: int = 20,
        account_limit: int = 5,
        window_seconds: float = 900.0,
        base_delay: float = 1.0,
        max_delay: float = 60.0,
        known_seconds: float = 30 * 86400.0,
        max_keys: int = 10_000,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.base_delay = base_delay
        self.max_delay = max_delay
        self.known_seconds = known_seconds
        self.clock = clock
        doublings = math.ceil(math.log2(max(1.0, max_delay / base_delay)))
        self._pairs = _Table(pair_limit, window_seconds, max_keys, pair_limit)
        self._addresses = _Table(address_limit, window_seconds, max_keys, address_limit)
        self._accounts = _Table(
            account_limit, window_seconds, max_keys, account_limit + doublings + 1
        )
        self._known: OrderedDict[tuple[str, str], float] = OrderedDict()
        self._max_keys = max_keys

    @property
    def keys_held(self) -> int:
        """How many keys the throttle remembers, over all its tables."""
        return sum(len(t.entries) for t in (self._pairs, self._addresses, self._accounts)) + len(
            self._known
        )

    def admit(self, name: str, address: str) -> float:
        """0 when a sign-in as `name` from `address` may be tried now (it then takes the account's
        turn if the account is under attack), else how many seconds to wait."""
        now = self.clock()
        account, network = account_of(name), network_of(address)
        wait = self._pairs.wait((account, network), now)
        if self._is_known(account, network, now):
            return max(0.0, wait)
        wait = max(wait, self._addresses.wait(network, now))
        attacked = self._accounts.peek(account, now)
        if attacked is not None and attacked.next_turn > now:
            wait = max(wait, attacked.next_turn - now)
        if wait <= 0 and attacked is not None and self._under_attack(attacked):
            attacked.next_turn = now + self._delay(attacked)
        return max(0.0, wait)

    def failed(self, name: str, address: str) -> None:
        now = self.clock()
        account, network = account_of(name), network_of(address)
        self._pairs.touch((account, network), now).failures.append(now)
        self._addresses.touch(network, now).failures.append(now)
        attacked = self._accounts.touch(account, now)
        attacked.failures.append(now)
        if self._under_attack(attacked):
            attacked.next_turn = max(attacked.next_turn, now + self._delay(attacked))

    def succeeded(self, name: str, address: str) -> None:
        now = self.clock()
        key = (account_of(name), network_of(address))
        self._pairs.entries.pop(key, None)
        self._known[key] = now
        self._known.move_to_end(key)
        while len(self._known) > self._max_keys:
            self._known.popitem(last=False)

    def _is_known(self, account: str, network: str, now: float) -> bool:
        since = self._known.get((account, network))
        return since is not None and now - since < self.known_seconds

    def _under_attack(self, entry: _Entry) -> bool:
        return len(entry.failures) >= self._accounts.limit

    def _delay(self, entry: _Entry) -> float:
        beyond = len(entry.failures) - self._accounts.limit
        return float(min(self.max_delay, self.base_delay * 2**beyond))
