"""How the public newsroom names a publisher: its display name and logo (`[publishers.<id>]` in
the settings, keyed by the publisher id stories carry).

A logo is an image file on the wire's machine, served by the wire itself at
`/publishers/<id>/logo` (the pages' content policy loads images from the wire only). Raster
formats only: an SVG opened on its own would run its scripts as the wire's own page.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, Field, field_validator

LOGO_TYPES = {
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".webp": "image/webp",
    ".gif": "image/gif",
}


class PublisherProfile(BaseModel):
    name: str = Field(min_length=1, description="the publisher's name as readers know it")
    logo: Path | None = Field(
        default=None, description="a PNG, JPEG, WebP or GIF file of the publisher's logo"
    )

    @field_validator("logo")
    @classmethod
    def _raster(cls, logo: Path | None) -> Path | None:
        if logo is not None and logo.suffix.lower() not in LOGO_TYPES:
            kinds = ", ".join(sorted(LOGO_TYPES))
            raise ValueError(f"{str(logo)!r}: a logo is an image file ending in {kinds}")
        return logo

    @property
    def logo_type(self) -> str | None:
        return LOGO_TYPES[self.logo.suffix.lower()] if self.logo is not None else None
