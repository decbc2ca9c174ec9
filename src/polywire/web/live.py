"""What the feed, stream and WebSub routes of one wire share in a web process: the log tail
(following the JetStream announcements with the NATS bus, polling the store otherwise), the
stream broadcaster, the feed cache and the token check.

`token_check` maps a reader's token to what it may read: by default the subscriber the token
was issued to (`polywire subscribers add` prints it), with its languages and sectors. The
broadcaster's `check_many` does the same for the tokens of all open streams at once, to let them
follow edits and removals of their subscribers.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Collection

from polywire.domain import Subscriber
from polywire.publish.feeds.broadcast import Broadcaster, TokenCheckMany
from polywire.publish.feeds.cache import FeedCache
from polywire.publish.feeds.log_tail import LogTail
from polywire.publish.feeds.selection import Selection
from polywire.publish.feeds.stream_tail import StreamTail
from polywire.store.db import Database
from polywire.store.subscribers import subscriber_by_token, subscribers_by_token_hashes
from polywire.subscriptions import token_hash
from polywire.wire import Wire

TokenCheck = Callable[[str], Selection | None]


def subscriber_token_check(database: Database) -> TokenCheck:
    """A subscriber's token grants its languages and sectors (`polywire subscribers add`)."""

    def check(token: str) -> Selection | None:
        with database.read() as conn:
            subscriber = subscriber_by_token(conn, token)
        return None if subscriber is None else _granted(subscriber)

    return check


def subscriber_token_check_many(database: Database) -> TokenCheckMany:
    """`subscriber_token_check` for many tokens in one read; removed subscribers' tokens are left
    out."""

    def check_many(tokens: Collection[str]) -> dict[str, Selection]:
        by_hash = {token_hash(token): token for token in tokens}
        with database.read() as conn:
            found = subscribers_by_token_hashes(conn, by_hash.keys())
        return {by_hash[hashed]: _granted(subscriber) for hashed, subscriber in found.items()}

    return check_many


def _granted(subscriber: Subscriber) -> Selection:
    return Selection.of(subscriber.languages or None, subscriber.sectors or None)


class Live:
    def __init__(self, wire: Wire) -> None:
        settings = wire.settings.deliver
        self.tail: LogTail = (
            StreamTail(
                wire.events,
                settings.log_poll_seconds,
                nats_url=wire.settings.nats_url,
                prefix=wire.settings.nats_prefix,
                check_seconds=settings.log_check_seconds,
                reconnect_seconds=wire.settings.jobs.nats_reconnect_seconds,
            )
            if wire.settings.bus == "nats"
            else LogTail(wire.events, settings.log_poll_seconds)
        )
        self.broadcaster = Broadcaster(
            wire.events,
            heartbeat_seconds=settings.stream_heartbeat_seconds,
            queue_events=settings.stream_queue_events,
            regrant_seconds=settings.stream_regrant_seconds,
            check_many=subscriber_token_check_many(wire.database),
        )
        self.tail.listen(self.broadcaster.publish)
        self.feeds = FeedCache(wire.database, wire.settings)
        self.token_check: TokenCheck = subscriber_token_check(wire.database)
        #: set when the process stops: open streams end with a retry hint, new ones are refused
        self.closing = False

    def close_streams(self) -> None:
        """The process is stopping: end every open stream (each with a hint to reconnect, which
        the browser does, to another process behind the proxy) and refuse new ones."""
        self.closing = True
        self.broadcaster.close_all()


_LIVE: weakref.WeakKeyDictionary[Wire, Live] = weakref.WeakKeyDictionary()


def live_for(wire: Wire) -> Live:
    """The one `Live` of `wire` in this process."""
    found = _LIVE.get(wire)
    if found is None:
        found = _LIVE[wire] = Live(wire)
    return found
