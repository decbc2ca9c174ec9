"""An OpenAI-compatible chat model as topic classifier, constrained to the vocabulary's codes.

Optional (`ClassifySettings.llm_url`). The model is shown the story and a short list of allowed
Media Topics — the 17 top-level ones and the concepts the lexical model and corrected neighbours
found — and must answer `{"topics": [codes]}`; the request carries a JSON schema whose items are
an enum of exactly those codes, and the answer is filtered against them again, so a code outside
the vocabulary (or a retired one) can never come back. Spoken over plain HTTP with httpx: the
protocol is one endpoint (`POST /chat/completions`), smaller than a client library. The URL is
the operator's (settings only, never taken from a request), usually on loopback or the LAN, so it
is reached with a plain client, not the guarded one that user-given URLs go through.
"""

from __future__ import annotations

import json
from typing import Any

from polywire.classify.vocabulary import Vocabulary
from polywire.domain import PolywireError
from polywire.settings.classify import ClassifySettings

MAX_TOPICS = 4
MAX_STORY_CHARS = 6000


class LlmUnavailable(PolywireError):
    """The model could not be asked or gave no usable answer."""


class LlmTopicChooser:
    def __init__(self, settings: ClassifySettings, vocabulary: Vocabulary) -> None:
        if not settings.llm_url:
            raise ValueError("LlmTopicChooser needs ClassifySettings.llm_url")
        self.url = settings.llm_url.rstrip("/") + "/chat/completions"
        self.model = settings.llm_model
        self.timeout = settings.llm_timeout_seconds
        self.headers = (
            {"Authorization": f"Bearer {settings.llm_api_key}"} if settings.llm_api_key else {}
        )
        self.vocabulary = vocabulary

    def allowed(self, candidates: list[str]) -> list[str]:
        codes = [*self.vocabulary.top_level, *candidates]
        return [c for c in dict.fromkeys(codes) if c in self.vocabulary.concepts]

    def choose(self, headline: str, body: list[str], candidates: list[str]) -> list[str]:
        """The model's topics for the story, most relevant first, all among the allowed codes."""
        import httpx  # here, not at import: a classifier without a chat model never needs it

        allowed = self.allowed(candidates)
        try:
            response = httpx.post(
                self.url,
                json=self._request(headline, body, allowed),
                headers=self.headers,
                timeout=self.timeout,
            )
            response.raise_for_status()
            content = response.json()["choices"][0]["message"]["content"]
            answer = json.loads(content)
        except (httpx.HTTPError, ValueError, KeyError, IndexError, TypeError) as error:
            raise LlmUnavailable(f"{self.url}: no usable answer: {error}") from None
        topics = answer.get("topics") if isinstance(answer, dict) else None
        if not isinstance(topics, list):
            raise LlmUnavailable(f"{self.url}: the answer has no 'topics' list")
        chosen = [t for t in topics if isinstance(t, str) and t in allowed]
        return list(dict.fromkeys(chosen))[:MAX_TOPICS]

    def _request(self, headline: str, body: list[str], allowed: list[str]) -> dict[str, Any]:
        listing = "\n".join(f"{code}: {self.vocabulary.concepts[code].label()}" for code in allowed)
        story = (headline + "\n\n" + "\n\n".join(body))[:MAX_STORY_CHARS]
        return {
            "model": self.model,
            "temperature": 0,
            "messages": [
                {
                    "role": "system",
                    "content": "You classify news stories with IPTC Media Topics. Choose up to "
                    f"{MAX_TOPICS} topics, most relevant first, only from this list:\n{listing}\n"
                    'Answer with JSON: {"topics": [codes]}.',
                },
                {"role": "user", "content": story},
            ],
            "response_format": {
                "type": "json_schema",
                "json_schema": {
                    "name": "media_topics",
                    "strict": True,
                    "schema": {
                        "type": "object",
                        "properties": {
                            "topics": {
                                "type": "array",
                                "items": {"type": "string", "enum": allowed},
                                "maxItems": MAX_TOPICS,
                            }
                        },
                        "required": ["topics"],
                        "additionalProperties": False,
                    },
                },
            },
        }
