"""The review policy: which of a publisher's translations are released when their check passes
and which wait for an editor. Reading a publisher's policy, replacing its own rules, setting one
rule and removing one (the wire's rules then apply again).

The rule of who may do what: a principal bound to a publisher reads and sets that publisher's
policy only (naming another is Forbidden); one bound to none, and the operator, name the
publisher, the acting user's publisher (else the wire's default one) when they name none.
Changing needs the `write` scope. The policy itself (how rules merge, which one decides a
translation) is `polywire.publish.editorial.policy_service`'s: this service is the one way the
doors reach it, each action one transaction.
"""

from __future__ import annotations

from collections.abc import Iterable

from polywire.domain import User
from polywire.publish.editorial import policy_service as policies
from polywire.publish.editorial.policy_service import PolicyView
from polywire.services.acting import Actor, may_write
from polywire.services.parts import Stored
from polywire.settings.review import Rule


class PolicyService:
    def __init__(self, wire: Stored) -> None:
        self.database = wire.database
        self.settings = wire.settings

    def publisher(self, actor: Actor, publisher: str | None = None) -> str:
        """Whose policy the actor reads or sets when it names `publisher` (or none)."""
        return policies.publisher_for(self.settings, _user(actor), publisher)

    def show(self, actor: Actor, publisher: str | None = None) -> PolicyView:
        """A publisher's own rules and the wire's that apply to it."""
        whose = self.publisher(actor, publisher)
        with self.database.read() as conn:
            return policies.show(conn, self.settings, whose)

    def replace(
        self, actor: Actor, rules: Iterable[Rule], publisher: str | None = None
    ) -> PolicyView:
        """The publisher's own rules become `rules` (`[]` leaves only the wire's); a later rule
        for the same language and engine replaces an earlier one."""
        may_write(actor)
        whose = self.publisher(actor, publisher)
        with self.database.write() as conn:
            return policies.replace(conn, self.settings, whose, _for(whose, rules), _user(actor))

    def set_rule(self, actor: Actor, rule: Rule, publisher: str | None = None) -> PolicyView:
        """Add a rule, or replace the publisher's rule for the same language and engine."""
        may_write(actor)
        whose = self.publisher(actor, publisher)
        [own] = _for(whose, [rule])
        with self.database.write() as conn:
            return policies.set_rule(conn, self.settings, whose, own, _user(actor))

    def unset_rule(
        self, actor: Actor, language: str, engine: str, publisher: str | None = None
    ) -> PolicyView:
        """Remove the publisher's rule for a language and an engine."""
        may_write(actor)
        whose = self.publisher(actor, publisher)
        with self.database.write() as conn:
            return policies.unset_rule(conn, self.settings, whose, language, engine, _user(actor))


def _for(publisher: str, rules: Iterable[Rule]) -> list[Rule]:
    """The rules as the publisher's own, whatever publisher they were parsed with."""
    return [Rule(r.policy, publisher, r.language, r.engine) for r in rules]


def _user(actor: Actor) -> User | None:
    return None if actor is None else actor.user
