"""Feeds: RSS, Atom and JSON Feed sources polled into stories."""

from polywire.ingest.feeds.poller import FeedPoller, PollReport, add_feed, resume_feed

__all__ = ["FeedPoller", "PollReport", "add_feed", "resume_feed"]
