"""An OpenAI-compatible chat endpoint (`POST {base_url}/chat/completions`): vLLM, Ollama,
llama.cpp's server, or a hosted service.

Segments go in batches as a JSON list in the user message; the system prompt asks for a news
translation that keeps names, numbers, quotations and the placeholders of protected terms, and
lists the glossary's fixed translations. The answer must be a JSON object with one translation per
segment, in order; anything else is a fault. 429 and 5xx answers, timeouts and refused
connections are retried with exponential backoff (honouring `Retry-After`). `base_url` is the
operator's (settings only, never taken from a request), usually on loopback or the LAN, so it is
reached with a plain client, not the guarded one that user-given URLs go through.
"""

from __future__ import annotations

import json
import time
from collections.abc import Sequence
from typing import Any

import httpx

from polywire import language_tags
from polywire.domain import BadInput
from polywire.settings.translate import OpenAISettings
from polywire.translate.engines.base import ANY, Engine, EngineFault, Model

SYSTEM_PROMPT = """You are a professional news translator for a news wire.
Translate each segment from {source} into {target}, as a news agency would publish it.
- Keep every name, number, date, figure and unit exactly as meant in the source.
- Keep quotations as quotations, and keep each segment a separate item: never merge or split them.
- Copy placeholders such as ⟦1⟧ exactly as they are, once each, where they belong.
- Do not add explanations, notes or anything that is not in the source.
{glossary}Answer with only a JSON object: {{"translations": ["...", ...]}}, one string per segment,
in the same order as the input list."""

_RETRY_STATUS = frozenset({408, 409, 425, 429, 500, 502, 503, 504})


def language_name(tag: str) -> str:
    """`es` → `Spanish`, `zh-Hant` → `Chinese (Traditional)`, for the prompt."""
    try:
        return language_tags.language_name(tag)
    except BadInput:
        return tag


class OpenAIChatEngine(Engine):
    name = "openai"
    description = "OpenAI-compatible chat model (vLLM, Ollama, llama.cpp server or hosted)"

    def __init__(self, settings: OpenAISettings) -> None:
        self.settings = settings
        headers = {}
        if settings.api_key is not None:
            headers["Authorization"] = f"Bearer {settings.api_key.get_secret_value()}"
        self._client = httpx.Client(
            base_url=(settings.base_url or "").rstrip("/") + "/",
            headers=headers,
            timeout=settings.timeout_seconds,
        )

    @property
    def configured(self) -> bool:
        return bool(self.settings.base_url and self.settings.model)

    def pairs(self) -> list[tuple[str, str]]:
        return [(ANY, ANY)] if self.configured else []

    def model(self, source: str, target: str) -> Model | None:
        return Model(self.settings.model) if self.settings.model else None

    def translate(
        self,
        segments: Sequence[str],
        source: str,
        target: str,
        *,
        glossary: dict[str, str] | None = None,
    ) -> list[str]:
        if not self.configured:
            raise EngineFault(self.name, "no base_url and model set in [translate.openai]")
        size = self.settings.max_segments_per_request
        out: list[str] = []
        for start in range(0, len(segments), size):
            out += self._batch(list(segments[start : start + size]), source, target, glossary)
        return out

    def _batch(
        self, segments: list[str], source: str, target: str, glossary: dict[str, str] | None
    ) -> list[str]:
        terms = "".join(f"  {term} → {fixed}\n" for term, fixed in (glossary or {}).items())
        prompt = SYSTEM_PROMPT.format(
            source=language_name(source),
            target=language_name(target),
            glossary=f"- Always translate these terms so:\n{terms}" if terms else "",
        )
        body = {
            "model": self.settings.model,
            "temperature": 0,
            "messages": [
                {"role": "system", "content": prompt},
                {"role": "user", "content": json.dumps({"segments": segments}, ensure_ascii=False)},
            ],
        }
        reply = self._post(body)
        try:
            content = reply["choices"][0]["message"]["content"]
            translations = json.loads(_unfenced(content))["translations"]
        except (KeyError, IndexError, TypeError, ValueError) as error:
            raise EngineFault(self.name, f"answer is not the JSON asked for ({error!r})") from None
        if not isinstance(translations, list) or not all(isinstance(t, str) for t in translations):
            raise EngineFault(self.name, "answer's translations are not a list of strings")
        if len(translations) != len(segments):
            raise EngineFault(
                self.name, f"answered {len(translations)} translations for {len(segments)} segments"
            )
        return [t.strip() for t in translations]

    def _post(self, body: dict[str, Any]) -> Any:
        attempt = 0
        while True:
            try:
                response = self._client.post("chat/completions", json=body)
            except httpx.TransportError as error:
                problem = f"{type(error).__name__}: {error}"
                wait = None
            else:
                if response.status_code < 300:
                    try:
                        return response.json()
                    except ValueError:
                        raise EngineFault(self.name, "answer is not JSON") from None
                problem = f"HTTP {response.status_code}: {response.text[:200]}"
                if response.status_code not in _RETRY_STATUS:
                    raise EngineFault(self.name, problem)
                wait = _retry_after(response)
            if attempt >= self.settings.max_retries:
                raise EngineFault(self.name, f"gave up after {attempt + 1} tries: {problem}")
            time.sleep(wait if wait is not None else self.settings.backoff_seconds * 2**attempt)
            attempt += 1


def _retry_after(response: httpx.Response) -> float | None:
    try:
        return max(0.0, float(response.headers["retry-after"]))
    except (KeyError, ValueError):
        return None


def _unfenced(content: str) -> str:
    """The JSON inside a reply, without the Markdown code fence some models put around it."""
    text = content.strip()
    if text.startswith("```"):
        text = text.split("\n", 1)[1] if "\n" in text else ""
        text = text.rsplit("```", 1)[0]
    return text.strip()
