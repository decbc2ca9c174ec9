"""Settings of classification (`[classify]` in polywire.toml, `POLYWIRE_CLASSIFY__*`)."""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, Field


class ClassifySettings(BaseModel):
    sectors_file: Path | None = Field(
        default=None, description="a JSON sector list replacing the shipped default"
    )
    max_regions: int = Field(default=5, ge=1)
    neighbours: int = Field(
        default=5, ge=1, description="corrected stories consulted for each new story"
    )
    min_similarity: float = Field(
        default=0.2, gt=0, le=1, description="how alike a corrected story must be to count"
    )
