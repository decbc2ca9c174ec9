"""Translation settings: engines, routes per language, models, the chat endpoint, glossaries.

In TOML:

    [translate]
    engines = ["apertium", "ctranslate2", "openai"]   # the order for languages without a route
    pivots = ["en", "es"]                              # [] forbids pivoting
    [translate.routes]
    vi = ["openai", "ctranslate2"]
    [translate.openai]
    base_url = "http://127.0.0.1:11434/v1"
    model = "qwen2.5:7b"
    [translate.glossaries.acme]
    keep = ["Acme Cloud"]
    [translate.glossaries.acme.fixed."press release"]
    es = "comunicado de prensa"
"""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, Field, SecretStr


class OpenAISettings(BaseModel):
    """An OpenAI-compatible `/v1/chat/completions` endpoint (vLLM, Ollama, llama.cpp, hosted)."""

    base_url: str | None = Field(default=None, description="e.g. http://127.0.0.1:8000/v1")
    model: str | None = None
    api_key: SecretStr | None = None
    timeout_seconds: float = Field(default=120.0, gt=0)
    max_retries: int = Field(default=4, ge=0, description="retries on 429 and 5xx, with backoff")
    backoff_seconds: float = Field(default=1.0, ge=0)
    max_segments_per_request: int = Field(default=40, ge=1)


class Glossary(BaseModel):
    """A publisher's terms: kept as they are, or translated one fixed way per language."""

    keep: list[str] = Field(default_factory=list, description="never translated")
    fixed: dict[str, dict[str, str]] = Field(
        default_factory=dict, description="term → {language: its translation}"
    )


class TranslateSettings(BaseModel):
    engines: list[str] = Field(
        default_factory=lambda: ["apertium", "ctranslate2", "openai"],
        description="engines tried in this order for a language without a route",
    )
    routes: dict[str, list[str]] = Field(
        default_factory=dict, description="target language → engines, tried in order"
    )
    pivots: list[str] = Field(
        default_factory=lambda: ["en", "es"],
        description="languages a translation may pass through when no engine has the pair",
    )
    model_dir: Path | None = Field(
        default=None, description="CTranslate2 and Argos models (default <data_dir>/models)"
    )
    threads: int = Field(default=0, ge=0, description="CTranslate2 threads (0: all cores)")
    device: str = Field(default="cpu", description="CTranslate2 device: cpu | cuda | auto")
    max_batch_tokens: int = Field(default=2048, ge=1)
    engine_timeout_seconds: float = Field(default=120.0, gt=0)
    openai: OpenAISettings = Field(default_factory=OpenAISettings)
    glossaries: dict[str, Glossary] = Field(
        default_factory=dict, description="publisher → its glossary"
    )

    def models_path(self, data_dir: Path) -> Path:
        return self.model_dir or data_dir / "models"
