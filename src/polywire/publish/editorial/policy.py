"""The review policy: which translations go out when their check passes, and which wait for an
editor, per publisher, language and engine.

Three policies, from the most to the least trusting:

- `auto` — a translation whose check passes is released; one the check doubts is held (as
  `check.policy` says);
- `hold-on-findings` — any finding at all, even one minor, holds it for an editor;
- `review` — every translation an editor did not write waits for one, whatever its check said.

A rule names a policy for a publisher, a language and an engine, each of which may be any (`*`).
An engine is one of the translation engines (`apertium`, `ctranslate2`, `openai`), `pivot` (a
route through another language) or `received` (a translation that came from elsewhere, such as a
partner wire). The wire's rules come from settings (`[review]`); a publisher's own rules, set from
the API, the command line or the desk, are kept in the store and come first. For one translation
the most specific matching rule wins (a publisher's before the wire's, then a language's before
any language's, then an engine's before any engine's); among equally specific ones, the strictest.
A translation no rule names follows `review.default`.

By default rule-based translations (Apertium) and pivot routes wait for an editor; neural and
received translations that pass go out. A translation an editor wrote (engine `human`) is the
review: it follows its check's verdict.

This module is the rule and nothing else: no store, no HTTP.
`polywire.publish.editorial.policy_service` reads and writes a publisher's rules and applies
them to a checked rendition.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, Field, field_validator

from polywire.check.model import Report, Verdict
from polywire.check.settings import CheckSettings
from polywire.domain import BadInput, Rendition, RenditionState
from polywire.language_tags import language_tag
from polywire.translate.human import HUMAN

ANY = "*"
#: What an engine of a rule may name besides the engines themselves.
PIVOT = "pivot"
RECEIVED = "received"
#: The engines a rule may name: the translation engines, pivot routes, received translations.
ENGINES = ("apertium", "ctranslate2", "openai", PIVOT, RECEIVED)

_ENGINE_PARTS = re.compile(r"[+>]")
_VIA = re.compile(r"\s*\(via [^)]*\)")


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


def engines_of(rendition: Rendition) -> frozenset[str]:
    """What made a translation, as rules name it: `apertium>apertium (via es)+human` is
    `{apertium, pivot}` (the `human` part is an editor's, from the translation memory)."""
    made_by = rendition.engine or ""
    found = {
        part.strip()
        for part in _ENGINE_PARTS.split(_VIA.sub("", made_by))
        if part.strip() and part.strip() != HUMAN
    }
    if "(via " in made_by:
        found.add(PIVOT)
    return frozenset(found)


def written_by_an_editor(rendition: Rendition) -> bool:
    return rendition.engine == HUMAN


def policy_for(
    rules: Iterable[Rule], default: Policy, publisher: str, rendition: Rendition
) -> tuple[Policy, Rule | None]:
    """The policy of one translation and the rule that gave it (None: the default)."""
    engines = engines_of(rendition)
    matching = [r for r in rules if r.matches(publisher, rendition.language, engines)]
    if not matching:
        return default, None
    best = max(r.specificity for r in matching)
    rule = max((r for r in matching if r.specificity == best), key=lambda r: r.policy.strictness)
    return rule.policy, rule


def merged(wire_rules: Iterable[Rule], own: Iterable[Rule]) -> list[Rule]:
    """The wire's rules with a publisher's own over them (one rule per publisher, language and
    engine)."""
    by_key = {rule.key: rule for rule in wire_rules}
    by_key.update({rule.key: rule for rule in own})
    return list(by_key.values())


def state_after_check(
    policy: Policy, rendition: Rendition, report: Report, check: CheckSettings
) -> RenditionState:
    """Where a checked translation goes under `policy`: on to release, or to an editor."""
    if written_by_an_editor(rendition):
        policy = Policy.AUTO
    if policy == Policy.REVIEW:
        return RenditionState.NEEDS_REVIEW
    if policy == Policy.HOLD_ON_FINDINGS and report.findings:
        return RenditionState.NEEDS_REVIEW
    if report.verdict == Verdict.PASS or check.policy == "release":
        return RenditionState.CHECKED
    return RenditionState.NEEDS_REVIEW
