"""feeds: the pull side; feeds, the WebSub hub and the live stream, read from the event log."""

__all__ = [
    "broadcast",
    "cache",
    "catalog",
    "log_tail",
    "selection",
    "source",
    "stream_tail",
    "websub",
]
