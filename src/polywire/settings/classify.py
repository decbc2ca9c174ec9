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
    llm_url: str | None = Field(
        default=None,
        description="an OpenAI-compatible API (e.g. http://127.0.0.1:8000/v1) that then chooses "
        "the topics among the vocabulary's codes; unset: the lexical model alone",
    )
    llm_model: str = Field(default="gpt-4o-mini", description="the model asked at llm_url")
    llm_api_key: str | None = Field(default=None, description="bearer token for llm_url")
    llm_timeout_seconds: float = Field(default=30.0, gt=0)
