"""Review: what an editor does to the languages of a story's latest version. Hold one back,
approve one (also over the check's doubts), put a translation written by hand (a released one is
corrected as a new version), and release every language that is ready (or say what that would
do, for the desk's confirmation).

The rule of who may do what: a principal bound to a publisher reaches only its publisher's
stories; writing a translation needs an editor or an admin; changing anything needs the `write`
scope. The editorial rules themselves (which state allows which action, what a correction is)
are `polywire.publish.editorial.review`'s: this service is the one way the doors reach them,
each action one transaction.
"""

from __future__ import annotations

from polywire.domain import User
from polywire.publish.editorial import review as actions
from polywire.publish.editorial.review import Release, Reviewed
from polywire.services.acting import Actor, may_write
from polywire.services.parts import Parts


class ReviewService:
    def __init__(self, wire: Parts) -> None:
        self.wire = wire

    def hold(self, actor: Actor, story_id: str, language: str) -> Reviewed:
        """Keep a language back for review: nothing releases it until it is approved."""
        may_write(actor)
        with self.wire.database.write() as conn:
            return actions.hold(conn, story_id, language, _user(actor))

    def approve(self, actor: Actor, story_id: str, language: str) -> Reviewed:
        """Release a language (at its embargo time), whatever the check thought of it."""
        may_write(actor)
        with self.wire.database.write() as conn:
            return actions.approve(conn, self.wire, story_id, language, _user(actor))

    def edit_translation(
        self,
        actor: Actor,
        story_id: str,
        language: str,
        headline: str,
        body: list[str],
        *,
        note: str | None = None,
        subheadline: str | None = None,
    ) -> Reviewed:
        """Save a translation written by hand, checked against the source first."""
        may_write(actor)
        with self.wire.database.write() as conn:
            return actions.edit_translation(
                conn,
                self.wire,
                story_id,
                language,
                headline,
                body,
                _user(actor),
                note=note,
                subheadline=subheadline,
            )

    def plan_release(self, actor: Actor, story_id: str) -> Release:
        """What `release_ready` would do, without doing it."""
        with self.wire.database.read() as conn:
            return actions.plan_release(conn, story_id, _user(actor))

    def release_ready(self, actor: Actor, story_id: str) -> Release:
        """Release the source and every language that passed its check or was approved; says
        what it left out and why."""
        may_write(actor)
        with self.wire.database.write() as conn:
            return actions.release_ready(conn, self.wire, story_id, _user(actor))


def _user(actor: Actor) -> User | None:
    """Whom the editorial rules see acting: the principal's user, or None for the operator."""
    return None if actor is None else actor.user
