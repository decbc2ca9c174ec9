"""Signed unsubscribe links: the token names an address and a list (a destination), so the
one-click endpoint needs no login and no lookup, and cannot be forged for someone else."""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from itsdangerous import BadSignature, URLSafeSerializer

from polywire.config import Settings
from polywire.domain import BadInput

_SALT = "polywire-unsubscribe"


def signing_secret(settings: Settings) -> str:
    """`deliver.signing_secret`, else a secret generated once in the data directory."""
    if settings.deliver.signing_secret:
        return settings.deliver.signing_secret
    path = Path(settings.data_dir) / "signing-secret"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w") as file:
            file.write(secrets.token_urlsafe(32))
    return path.read_text().strip()


@dataclass(frozen=True)
class Unsubscription:
    address: str
    list_id: str


class UnsubscribeLinks:
    def __init__(self, secret: str, public_url: str, mailbox: str) -> None:
        self._serializer = URLSafeSerializer(secret, salt=_SALT)
        self.public_url = public_url.rstrip("/")
        self.mailbox = mailbox

    @classmethod
    def from_settings(cls, settings: Settings) -> UnsubscribeLinks:
        deliver = settings.deliver
        mailbox = deliver.unsubscribe_mailbox or "unsubscribe@" + sender_domain(deliver.smtp_from)
        return cls(signing_secret(settings), deliver.public_url, mailbox)

    def token(self, address: str, list_id: str) -> str:
        return str(self._serializer.dumps([address.lower(), list_id]))

    def read(self, token: str) -> Unsubscription:
        try:
            address, list_id = self._serializer.loads(token)
        except (BadSignature, ValueError, TypeError):
            raise BadInput(
                "unsubscribe link", "not a valid link (was it cut short?)", status=400
            ) from None
        return Unsubscription(str(address), str(list_id))

    def url(self, token: str) -> str:
        return f"{self.public_url}/unsubscribe/{token}"

    def mailto(self, token: str) -> str:
        return f"mailto:{self.mailbox}?subject=unsubscribe%20{token}"


def sender_domain(from_header: str) -> str:
    """The domain of `Name <user@example.org>` → `example.org`."""
    address = from_header.rsplit("<", 1)[-1].rstrip(">").strip()
    return address.rpartition("@")[2].lower()
