"""The review policy's vocabulary, as settings and people write it: the three policies, a rule
(publisher, language, engine → policy) and `[review]` in polywire.toml.

It sits below `polywire.config` so the settings can hold the wire's rules without importing the
publishing code; `polywire.publish.editorial.policy` decides with these rules, and describes them.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, Field, field_validator

from polywire.domain import BadInput
from polywire.language_tags import language_tag

ANY = "*"
#: What an engine of a rule may name besides the engines themselves.
PIVOT = "pivot"
RECEIVED = "received"
#: The engines a rule may name: the translation engines, pivot routes, received translations.
ENGINES = ("apertium", "ctranslate2", "openai", PIVOT, RECEIVED)


class Policy(enum.StrEnum):
    AUTO = "auto"
    HOLD_ON_FINDINGS = "hold-on-findings"
    REVIEW = "review"

    @property
    def strictness(self) -> int:
        return list(Policy).index(self)

    @property
    def meaning(self) -> str:
        return _MEANINGS[self]

    @classmethod
    def parse(cls, value: str, *, source: str = "policy") -> Policy:
        try:
            return cls(value.strip().lower().replace("_", "-"))
        except ValueError:
            known = ", ".join(p.value for p in cls)
            raise BadInput(source, f"unknown policy {value!r} (one of: {known})") from None


_MEANINGS = {
    Policy.AUTO: "released when its check passes",
    Policy.HOLD_ON_FINDINGS: "held for an editor on any finding of its check",
    Policy.REVIEW: "every machine translation waits for an editor",
}


@dataclass(frozen=True)
class Rule:
    """A policy for a publisher's translations into a language by an engine (`*`: any)."""

    policy: Policy
    publisher: str = ANY
    language: str = ANY
    engine: str = ANY

    @property
    def key(self) -> tuple[str, str, str]:
        return self.publisher, self.language, self.engine

    @property
    def specificity(self) -> tuple[bool, bool, bool]:
        return self.publisher != ANY, self.language != ANY, self.engine != ANY

    def matches(self, publisher: str, language: str, engines: Iterable[str]) -> bool:
        if self.publisher not in (ANY, publisher):
            return False
        if self.language != ANY and not (
            language == self.language or language.startswith(self.language + "-")
        ):
            return False
        return self.engine == ANY or self.engine in engines

    def to_json(self) -> dict[str, Any]:
        return {
            "publisher": self.publisher,
            "language": self.language,
            "engine": self.engine,
            "policy": self.policy.value,
        }

    @classmethod
    def parse(
        cls, *, policy: str, publisher: str = ANY, language: str = ANY, engine: str = ANY
    ) -> Rule:
        """A rule from what a person typed; `BadInput` naming the field that is wrong."""
        return cls(
            Policy.parse(policy),
            publisher.strip() or ANY,
            parse_language(language),
            parse_engine(engine),
        )


def parse_language(value: str | None) -> str:
    """`*` (or nothing) for any language, else the wire's spelling of a BCP 47 tag."""
    if value is None or value.strip() in ("", ANY, "any"):
        return ANY
    return language_tag(value, source="language")


def parse_engine(value: str | None) -> str:
    """`*` (or nothing) for any engine, else one of `ENGINES`."""
    if value is None or value.strip() in ("", ANY, "any"):
        return ANY
    engine = value.strip().lower()
    if engine not in ENGINES:
        known = ", ".join([*ENGINES, ANY])
        raise BadInput("engine", f"unknown engine {value!r} (one of: {known})")
    return engine


class RuleSettings(BaseModel):
    """One rule of `[review]`: `{engine = "apertium", policy = "review"}`."""

    policy: Policy
    publisher: str = ANY
    language: str = ANY
    engine: str = ANY

    @field_validator("language")
    @classmethod
    def _language(cls, value: str) -> str:
        try:
            return parse_language(value)
        except BadInput as error:
            raise ValueError(str(error)) from None

    @field_validator("engine")
    @classmethod
    def _engine(cls, value: str) -> str:
        try:
            return parse_engine(value)
        except BadInput as error:
            raise ValueError(str(error)) from None

    def rule(self) -> Rule:
        return Rule(self.policy, self.publisher, self.language, self.engine)


def _default_rules() -> list[RuleSettings]:
    return [
        RuleSettings(engine="apertium", policy=Policy.REVIEW),
        RuleSettings(engine=PIVOT, policy=Policy.REVIEW),
    ]


class ReviewSettings(BaseModel):
    """`[review]` in polywire.toml (`POLYWIRE_REVIEW__DEFAULT=review` in the environment): the
    wire's review policy; publishers add their own rules from the API, the CLI or the desk."""

    default: Policy = Field(
        default=Policy.AUTO, description="the policy of a translation no rule names"
    )
    rules: list[RuleSettings] = Field(
        default_factory=_default_rules,
        description="policies per publisher, language and engine (`*`: any); by default "
        "rule-based (Apertium) and pivot translations wait for an editor",
    )

    def wire_rules(self) -> list[Rule]:
        return [rule.rule() for rule in self.rules]
