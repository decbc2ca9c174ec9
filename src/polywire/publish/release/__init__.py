"""release: compose → release → fan-out; an embargoed rendition becomes an event on the log,
composed once for every reader, and targeted to the destinations that get it."""

__all__ = ["composed_cache", "stage", "targeting"]
