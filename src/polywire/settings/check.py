"""Settings of the fidelity checks, mounted as `check` in `polywire.config.Settings`
(`[check]` in polywire.toml, `POLYWIRE_CHECK__POLICY=release` in the environment)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field


class CheckSettings(BaseModel):
    policy: Literal["hold", "release"] = Field(
        default="hold",
        description="a rendition whose verdict is `review`: hold it for an editor, or release it",
    )
    minor_findings_for_review: int = Field(
        default=3, ge=1, description="this many minor findings make the verdict `review`"
    )
    length_tolerance: float = Field(
        default=2.0,
        gt=1.0,
        description="a paragraph this many times longer or shorter than the language pair "
        "usually makes it is a finding",
    )
    untranslated_min_letters: int = Field(
        default=24, ge=1, description="shorter paragraphs are not judged by language id"
    )
    disabled: list[str] = Field(
        default_factory=list, description="checks not to run (numbers, dates, names …)"
    )
