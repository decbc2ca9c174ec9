"""The web doors: the HTTP API, the desk and newsroom pages, feeds and the live stream.

Its public face is these modules; nothing is re-exported, so a command that needs one helper does
not build the app.
"""

__all__ = [
    "app",
    "body",
    "headers",
    "hosts",
    "limits",
    "live",
    "media_types",
    "metrics",
    "openapi",
    "origin",
    "pages",
    "params",
    "problems",
    "server",
    "stream",
]
