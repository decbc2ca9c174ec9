"""Users: who may sign in to the newsroom. Listing them, adding one (with a generated password,
shown once), changing a role, giving a new generated password, disabling one, and the password
reset by an e-mailed one-time link (asked for by the user at sign-in, or sent by an admin).

The rule of who may do what: only an admin manages users (the operator, on the embedded store,
too); changing anything needs the `write` scope; an admin can neither disable nor demote
themselves, so that a wire always keeps an admin who can sign in (the operator may, and can add
one again). Asking for a reset link needs nobody: the link goes to the account's own address,
and the answer is the same whether or not the name exists. The link itself is the authority to
set the new password. Each change is one transaction.
"""

from __future__ import annotations

import asyncio
import logging
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from urllib.parse import quote

import aiosmtplib
from sqlalchemy import Connection

from polywire.domain import BadInput, Forbidden, Role, User
from polywire.publish.deliver.unsubscribe import sender_domain
from polywire.services.acting import Actor, may_write
from polywire.services.parts import Parts
from polywire.store import accounts as store
from polywire.store.secrets import new_password

log = logging.getLogger(__name__)

#: The roles a user may have, by name.
ROLES = [role.value for role in Role]

#: The shortest password a reset link accepts.
MIN_PASSWORD = 12


class MailFailed(BadInput):
    """The SMTP server refused or could not be reached."""


class UserService:
    def __init__(self, wire: Parts) -> None:
        self.database = wire.database
        self.settings = wire.settings

    @staticmethod
    def check_admin(actor: Actor) -> None:
        """Forbidden unless the actor may manage users: the desk asks before showing a form."""
        _admin(actor)

    def visible(self, actor: Actor) -> list[User]:
        """The wire's users who may sign in, by name."""
        _admin(actor)
        with self.database.read() as conn:
            return store.list_users(conn)

    def add(
        self,
        actor: Actor,
        name: str,
        role: str,
        publisher: str | None = None,
        email: str | None = None,
    ) -> tuple[User, str]:
        """Add a user; answers it and its generated password (not stored: show it once)."""
        _admin(actor)
        may_write(actor)
        chosen = _role(role)
        with self.database.write() as conn:
            return _added(conn, name, chosen, publisher, email)

    def add_first_admin(self, actor: Actor, name: str = "admin") -> tuple[User, str] | None:
        """When the wire has no user yet (a new wire: the demo), add an admin bound to no
        publisher; answers it and its generated password (show it once), or None when there are
        users already (nothing is changed)."""
        _admin(actor)
        may_write(actor)
        with self.database.write() as conn:
            if store.has_users(conn):
                return None
            return _added(conn, name, Role.ADMIN, None, None)

    def change_role(self, actor: Actor, name: str, role: str, publisher: str | None) -> User:
        """Change what a user may do and whose work they see; their sessions end."""
        _admin(actor)
        may_write(actor)
        chosen = _role(role)
        if actor is not None and name == actor.user.name and chosen != Role.ADMIN:
            raise BadInput("role", "you cannot take your own admin role away")
        with self.database.write() as conn:
            return store.set_role(conn, name, chosen, publisher)

    def reset_password(self, actor: Actor, name: str) -> str:
        """Give a user a new generated password (answered: show it once); their sessions end and
        any reset link still open stops working."""
        _admin(actor)
        may_write(actor)
        password = new_password()
        with self.database.write() as conn:
            store.set_password(conn, name, password)
        return password

    def check_disable(self, actor: Actor, name: str) -> None:
        """Refuse what `disable` would refuse, before the desk asks whether to go on."""
        _admin(actor)
        may_write(actor)
        if actor is not None and name == actor.user.name:
            raise BadInput("user name", "you cannot disable yourself")

    def disable(self, actor: Actor, name: str) -> None:
        """Stop a user signing in; their sessions end and their API tokens stop working."""
        self.check_disable(actor, name)
        with self.database.write() as conn:
            store.disable_user(conn, name)

    def send_reset_link(self, actor: Actor, name: str) -> str | None:
        """An admin's mail to `name` of a one-time reset link; the address it went to, or None
        when the user does not exist, is disabled or has no address. MailFailed when the SMTP
        server refuses."""
        _admin(actor)
        may_write(actor)
        return self._mail_reset_link(name)

    def ask_reset_link(self, name: str) -> None:
        """Someone at the sign-in page asks for a link for `name`: mailed to that account's
        address if there is one; says nothing of whether there is (a mail that fails is
        logged), so that it tells nobody who has an account."""
        try:
            self._mail_reset_link(name)
        except MailFailed:
            return

    def finish_reset(self, token: str, password: str, again: str) -> User:
        """Set the password of the user a reset link was sent to; the link stops working."""
        if len(password) < MIN_PASSWORD:
            raise BadInput("password", f"use at least {MIN_PASSWORD} characters")
        if password != again:
            raise BadInput("password", "the two passwords differ")
        with self.database.write() as conn:
            return store.finish_reset(conn, token, password)

    def _mail_reset_link(self, name: str) -> str | None:
        hours = self.settings.auth.reset_link_hours
        with self.database.write() as conn:
            started = store.start_reset(conn, name, hours)
        if started is None or started[0].email is None:
            return None
        user, token = started
        deliver = self.settings.deliver
        # the wire's own address, never a request's Host header (which anyone can set)
        link = f"{deliver.public_url.rstrip('/')}/signin/reset?token={quote(token)}"
        brand = self.settings.brand.name
        message = EmailMessage()
        message["From"] = deliver.smtp_from
        message["To"] = user.email
        message["Subject"] = f"{brand}: reset your password"
        message["Date"] = formatdate(usegmt=True)
        message["Message-ID"] = make_msgid(domain=sender_domain(deliver.smtp_from))
        message.set_content(
            f"Hello {user.name},\n\nTo choose a new password for {brand}, open this link within "
            f"{hours:g} hour{'s' if hours != 1 else ''}; it works once:\n\n    {link}\n\n"
            "If you did not ask for this, ignore this message: your password stays as it is.\n"
        )
        sending = aiosmtplib.send(
            message,
            hostname=deliver.smtp_host,
            port=deliver.smtp_port,
            start_tls=deliver.smtp_starttls,
            username=deliver.smtp_username,
            password=deliver.smtp_password,
        )
        try:
            # a service method runs off the event loop (the doors call it in a thread)
            asyncio.run(sending)
        except (aiosmtplib.SMTPException, OSError) as error:
            log.warning("password-reset link for %s not sent: %s", user.name, error)
            raise MailFailed("e-mail", f"the reset link could not be sent ({error})") from None
        return user.email


def _added(
    conn: Connection, name: str, role: Role, publisher: str | None, email: str | None
) -> tuple[User, str]:
    """A new user with a generated password: the one place users are added."""
    password = new_password()
    return store.add_user(conn, name, password, role, publisher, email), password


def _admin(actor: Actor) -> None:
    """Forbidden unless the actor is an admin (or the operator)."""
    if actor is not None and not actor.user.is_admin:
        raise Forbidden("only an admin manages users")


def _role(value: str) -> Role:
    try:
        return Role(value)
    except ValueError:
        raise BadInput("role", f"{value!r}: choose one of {', '.join(ROLES)}") from None
