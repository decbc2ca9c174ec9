"""API tokens: list, add and revoke them. A token acts as its user, with the scopes chosen (read:
GET; write: everything else).

The rule of who may do what: a user sees, adds and revokes its own tokens; an admin sees and
revokes everyone's; the operator (the command line on the embedded store) may do everything,
adding a token for any user. The token itself is shown once, in the answer that adds it.
"""

from __future__ import annotations

from polywire.domain import ApiToken, BadInput, Forbidden, Scope
from polywire.services.acting import Actor, may_write
from polywire.services.parts import Parts
from polywire.store import accounts as store

#: The scopes a token may have, by name.
SCOPES = [scope.value for scope in Scope]


class TokenService:
    def __init__(self, wire: Parts) -> None:
        self.database = wire.database

    def visible(self, actor: Actor, *, user_name: str | None = None) -> list[ApiToken]:
        """The tokens the actor may see (revoked ones too), oldest first; only `user_name`'s
        when given."""
        if actor is not None and not actor.user.is_admin:
            user_name = actor.user.name
        with self.database.read() as conn:
            return store.list_tokens(conn, user_name)

    def add(
        self, actor: Actor, user_name: str, name: str, scopes: list[str]
    ) -> tuple[ApiToken, str]:
        """A new token for `user_name` (an actor's own, unless the operator adds it): answers
        the record and the token (shown once)."""
        may_write(actor)
        if actor is not None and user_name != actor.user.name:
            raise Forbidden("an API token is added by the user it acts as")
        if not name:
            raise BadInput("token name", "say what the token is for (e.g. the CMS)")
        unknown = [s for s in scopes if s not in SCOPES]
        if unknown:
            raise BadInput("scopes", f"{', '.join(unknown)}: choose read and/or write")
        with self.database.write() as conn:
            return store.add_token(conn, user_name, name, [Scope(s) for s in scopes])

    def revoke(self, actor: Actor, token_id: str) -> str:
        """Revoke a live token (it stops working at once); answers its name."""
        may_write(actor)
        with self.database.write() as conn:
            found = {t.id: t for t in store.list_tokens(conn)}.get(token_id)
            if found is not None and not _may_revoke(actor, found):
                raise Forbidden("this API token belongs to another user")
            store.revoke_token(conn, token_id)
        return found.name if found else token_id


def _may_revoke(actor: Actor, token: ApiToken) -> bool:
    return actor is None or actor.user.is_admin or token.user_name == actor.user.name
