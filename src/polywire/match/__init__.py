"""Match: whether an incoming story is one the wire holds already (a new version of it, or the
same story in another language), judged against the stored candidates.

Its public face is these modules.
"""

__all__ = [
    "candidates",
    "same_story",
]
