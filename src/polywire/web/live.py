"""What the feed, stream and WebSub routes of one wire share in a web process: the log tail,
the stream broadcaster, the feed cache and the token check.

`token_check` maps a reader's token to what it may read: by default the subscriber the token
was issued to (`polywire subscribers add` prints it), with its languages and sectors.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable

from polywire.publish.broadcast import Broadcaster
from polywire.publish.feed_cache import FeedCache
from polywire.publish.log_tail import LogTail
from polywire.publish.selection import Selection
from polywire.store.db import Database
from polywire.store.subscribers import subscriber_by_token
from polywire.wire import Wire

TokenCheck = Callable[[str], Selection | None]


def subscriber_token_check(database: Database) -> TokenCheck:
    """A subscriber's token grants its languages and sectors (`polywire subscribers add`)."""

    def check(token: str) -> Selection | None:
        with database.read() as conn:
            subscriber = subscriber_by_token(conn, token)
        if subscriber is None:
            return None
        return Selection.of(subscriber.languages or None, subscriber.sectors or None)

    return check


class Live:
    def __init__(self, wire: Wire) -> None:
        settings = wire.settings.deliver
        self.tail = LogTail(wire.events, settings.log_poll_seconds)
        self.broadcaster = Broadcaster(
            wire.events,
            heartbeat_seconds=settings.stream_heartbeat_seconds,
            queue_events=settings.stream_queue_events,
        )
        self.tail.listen(self.broadcaster.publish)
        self.feeds = FeedCache(wire.database, wire.settings)
        self.token_check: TokenCheck = subscriber_token_check(wire.database)


_LIVE: weakref.WeakKeyDictionary[Wire, Live] = weakref.WeakKeyDictionary()


def live_for(wire: Wire) -> Live:
    """The one `Live` of `wire` in this process."""
    found = _LIVE.get(wire)
    if found is None:
        found = _LIVE[wire] = Live(wire)
    return found
