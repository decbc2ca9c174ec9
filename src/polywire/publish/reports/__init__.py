"""reports: what happened to a story's deliveries, per version, language and channel."""

__all__ = ["story"]
