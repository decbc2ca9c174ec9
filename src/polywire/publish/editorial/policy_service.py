"""The review policy as the doors and the check stage use it: a publisher's rules read, set and
removed (the same rules for the HTTP API, the command line and the desk), and applied to a
translation once it is checked.

`by` is who acts: a user, kept to its publisher's policy (a user bound to a publisher sets that
publisher's, whatever it names), or None for whoever holds the store itself (the command line
on the data directory, an API that asks no one to sign in). A publisher left unnamed is the
acting user's, else `default_publisher` (where stories submitted without one go).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection

from polywire.accounts.access import Forbidden
from polywire.check.model import Report
from polywire.config import Settings
from polywire.domain import Rendition, RenditionState, User
from polywire.publish.editorial.policy import merged, policy_for, state_after_check
from polywire.settings.review import ANY, Policy, Rule
from polywire.store import review_policies as store
from polywire.store import stories as story_store


@dataclass(frozen=True)
class PolicyView:
    """A publisher's review policy: its own rules, and the wire's that apply to it."""

    publisher: str
    default: Policy
    own: list[Rule]
    wire: list[Rule]

    def to_json(self) -> dict[str, Any]:
        return {
            "publisher": self.publisher,
            "default": self.default.value,
            "rules": [_own_json(rule) for rule in self.own],
            "wire_rules": [rule.to_json() for rule in self.wire],
            "policies": {policy.value: policy.meaning for policy in Policy},
        }


def _own_json(rule: Rule) -> dict[str, str]:
    return {"language": rule.language, "engine": rule.engine, "policy": rule.policy.value}


def publisher_for(settings: Settings, by: User | None, publisher: str | None) -> str:
    """Whose policy a request is about; `Forbidden` for another publisher's."""
    named = publisher.strip() if publisher and publisher.strip() else None
    if by is None:
        return named or settings.default_publisher
    if named is None:
        return by.publisher or settings.default_publisher
    if not by.can_see(named):
        raise Forbidden(f"the review policy of {named!r} belongs to another publisher")
    return named


def show(conn: Connection, settings: Settings, publisher: str) -> PolicyView:
    own = [
        Rule(Policy(policy), publisher, language, engine)
        for language, engine, policy in store.rules_of(conn, publisher)
    ]
    wire = [r for r in settings.review.wire_rules() if r.publisher in (ANY, publisher)]
    return PolicyView(publisher, settings.review.default, own, wire)


def replace(
    conn: Connection,
    settings: Settings,
    publisher: str,
    rules: Iterable[Rule],
    by: User | None,
) -> PolicyView:
    """The publisher's own rules become `rules` (a later rule for the same language and engine
    replaces an earlier one)."""
    by_key = {(r.language, r.engine): r.policy.value for r in rules}
    store.replace_rules(
        conn,
        publisher,
        [(language, engine, policy) for (language, engine), policy in by_key.items()],
        by.name if by else None,
    )
    return show(conn, settings, publisher)


def set_rule(
    conn: Connection, settings: Settings, publisher: str, rule: Rule, by: User | None
) -> PolicyView:
    """Add a rule, or replace the publisher's rule for the same language and engine."""
    current = show(conn, settings, publisher).own
    return replace(conn, settings, publisher, [*current, rule], by)


def unset_rule(
    conn: Connection,
    settings: Settings,
    publisher: str,
    language: str,
    engine: str,
    by: User | None,
) -> PolicyView:
    """Remove the publisher's rule for a language and engine: the wire's rules apply again."""
    current = show(conn, settings, publisher).own
    kept = [r for r in current if (r.language, r.engine) != (language, engine)]
    return replace(conn, settings, publisher, kept, by)


class ReviewPolicy:
    """Applies the policy to a checked translation, inside the check stage's transaction."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def __call__(self, conn: Connection, rendition: Rendition, report: Report) -> RenditionState:
        """The translation's state after its check; records on its check report which policy
        decided and by which rule."""
        publisher = story_store.get_story(conn, rendition.story_id).publisher
        view = show(conn, self.settings, publisher)
        policy, rule = policy_for(merged(view.wire, view.own), view.default, publisher, rendition)
        state = state_after_check(policy, rendition, report, self.settings.check)
        rendition.check = {
            **report.to_json(),
            "policy": policy.value,
            "policy_rule": rule.to_json() if rule else None,
        }
        return state
