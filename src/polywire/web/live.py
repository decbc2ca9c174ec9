"""What the feed, stream and WebSub routes of one wire share in a web process: the log tail,
the stream broadcaster, the feed cache and the token check.

`token_check` maps a reader's token to what it may read; by default the `access_tokens` table
(`polywire tokens add`). Replace it (e.g. with subscriber tokens) before the app serves.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable

from polywire.publish.broadcast import Broadcaster
from polywire.publish.feed_cache import FeedCache
from polywire.publish.log_tail import LogTail
from polywire.publish.selection import Selection
from polywire.store import deliver_queries as queries
from polywire.store.db import Database
from polywire.wire import Wire

TokenCheck = Callable[[str], Selection | None]


def token_table_check(database: Database) -> TokenCheck:
    def check(token: str) -> Selection | None:
        with database.read() as conn:
            access = queries.find_token(conn, token)
        if access is None:
            return None
        return Selection.of(access.languages or None, access.sectors or None)

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
        self.feeds = FeedCache(wire.database, settings)
        self.token_check: TokenCheck = token_table_check(wire.database)


_LIVE: weakref.WeakKeyDictionary[Wire, Live] = weakref.WeakKeyDictionary()


def live_for(wire: Wire) -> Live:
    """The one `Live` of `wire` in this process."""
    found = _LIVE.get(wire)
    if found is None:
        found = _LIVE[wire] = Live(wire)
    return found
