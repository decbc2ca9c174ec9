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

This module is the rule and nothing else: no store, no HTTP. Its vocabulary (the policies, a
rule, `[review]`) is `polywire.settings.review`, below the settings that hold the wire's rules.
`polywire.publish.editorial.policy_service` reads and writes a publisher's rules and applies
them to a checked rendition.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from polywire.check.model import Report, Verdict
from polywire.domain import Rendition, RenditionState
from polywire.settings.check import CheckSettings
from polywire.settings.review import PIVOT, Policy, Rule
from polywire.translate.human import HUMAN

_ENGINE_PARTS = re.compile(r"[+>]")
_VIA = re.compile(r"\s*\(via [^)]*\)")


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
