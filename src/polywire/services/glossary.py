"""The glossary: a publisher's terms, kept as written or rendered one fixed way per language.
Listing them, adding or replacing one, removing one.

The rule of who may do what: a principal bound to a publisher reads and edits that publisher's
glossary only (naming another is Forbidden); one bound to none, and the operator, name the
publisher, the wire's default publisher otherwise (`polywire.glossary.whose`). Changing needs
the `write` scope. What a term may be is `polywire.glossary.parse_term`'s, which each door
applies to what it was sent (a JSON body, a form, options) before it comes here.
"""

from __future__ import annotations

from polywire.glossary import whose
from polywire.services.acting import Actor, may_write, publisher_of
from polywire.services.parts import Parts
from polywire.store import glossary as store
from polywire.store.glossary import Term


class GlossaryService:
    def __init__(self, wire: Parts) -> None:
        self.database = wire.database
        self.default = wire.settings.default_publisher

    def owner(self, actor: Actor, publisher: str | None = None) -> str:
        """Whose glossary the actor reads or edits when it names `publisher` (or none)."""
        return whose(publisher_of(actor), publisher, self.default)

    def terms(self, actor: Actor, publisher: str | None = None) -> tuple[str, list[Term]]:
        """Whose glossary it is, and its terms in alphabetical order (the settings' glossary,
        which the translator also applies, is not listed)."""
        owner = self.owner(actor, publisher)
        with self.database.read() as conn:
            return owner, store.list_terms(conn, owner)

    def set(self, actor: Actor, term: Term, publisher: str | None = None) -> bool:
        """Add or replace a term; True when it is new."""
        may_write(actor)
        owner = self.owner(actor, publisher)
        with self.database.write() as conn:
            return store.set_term(conn, owner, term)

    def remove(self, actor: Actor, term: str, publisher: str | None = None) -> str:
        """Remove a term (spaces in it normalised): translations no longer apply it and checks
        no longer enforce it. Answers the term as removed."""
        may_write(actor)
        owner = self.owner(actor, publisher)
        name = " ".join(term.split())
        with self.database.write() as conn:
            store.remove_term(conn, owner, name)
        return name
