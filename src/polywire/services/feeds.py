"""Feed sources: the RSS, Atom and JSON Feed addresses the wire polls into stories. Listing them
with their health, adding one (fetched once first, so that a bad address is refused before it
is stored) and resuming one that repeated failures paused.

The rule of who may do what: a principal bound to a publisher sees and resumes only the feeds
whose entries become its publisher's stories, and those it adds are its publisher's; one bound
to none, and the operator, reach every feed and file a new one under the publisher they name
(the wire's default publisher otherwise). Changing anything needs the `write` scope. A feed
that does not exist is `NotFound` before it is anyone's.
"""

from __future__ import annotations

import asyncio

from polywire.domain import Forbidden
from polywire.ingest.feeds import add_feed, resume_feed
from polywire.services.acting import Actor, may_write, publisher_of
from polywire.services.parts import Parts
from polywire.store import feeds as store
from polywire.store.feeds import FeedSource


class FeedService:
    def __init__(self, wire: Parts) -> None:
        self.database = wire.database
        self.settings = wire.settings

    def visible(self, actor: Actor) -> list[FeedSource]:
        """The feeds the actor may see, in the order they were added."""
        with self.database.read() as conn:
            return store.list_sources(conn, publisher_of(actor))

    def add(
        self,
        actor: Actor,
        url: str,
        *,
        every_seconds: float | None = None,
        publisher: str | None = None,
    ) -> FeedSource:
        """Add a feed, polled from the next pass on (every `ingest.feed_every_seconds` unless
        said); its address is fetched once first, off the caller's event loop."""
        may_write(actor)
        own = publisher_of(actor)
        if own is not None and publisher not in (None, own):
            raise Forbidden(f"a feed of {publisher!r} is added by that publisher")
        ingest = self.settings.ingest
        adding = add_feed(
            self.database,
            url,
            every_seconds=ingest.feed_every_seconds if every_seconds is None else every_seconds,
            publisher=own or publisher or self.settings.default_publisher,
            settings=ingest,
        )
        return asyncio.run(adding)

    def resume(self, actor: Actor, feed_id: str) -> None:
        """Unpause a feed that was paused after repeated failures; it is polled at the next
        pass."""
        may_write(actor)
        own = publisher_of(actor)
        with self.database.read() as conn:
            source = store.get_source(conn, feed_id)
        if own is not None and source.publisher != own:
            raise Forbidden(f"feed {feed_id!r} belongs to another publisher")
        resume_feed(self.database, feed_id)
