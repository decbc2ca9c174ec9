"""Users, roles and what each role may do."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import datetime


class Role(enum.StrEnum):
    ADMIN = "admin"  # everything, every publisher; manages users and engines
    EDITOR = "editor"  # reviews and edits translations, approves, holds, releases, withdraws
    PUBLISHER = "publisher"  # submits, reads, releases and withdraws its own stories


class Scope(enum.StrEnum):
    READ = "read"  # GET on the API
    WRITE = "write"  # everything else


@dataclass(frozen=True)
class User:
    id: str
    name: str
    role: Role
    publisher: str | None
    created: datetime
    email: str | None = None

    def can_see(self, publisher: str) -> bool:
        """Per-publisher separation: a user bound to a publisher sees only its work."""
        return self.publisher is None or self.publisher == publisher

    @property
    def can_edit_translations(self) -> bool:
        return self.role in (Role.ADMIN, Role.EDITOR)

    @property
    def is_admin(self) -> bool:
        return self.role == Role.ADMIN


@dataclass(frozen=True)
class Principal:
    """Who is asking: a signed-in user, or a user acting through one of its API tokens."""

    user: User
    scopes: frozenset[Scope] = field(default_factory=lambda: frozenset(Scope))
    token_id: str | None = None


@dataclass(frozen=True)
class ApiToken:
    id: str
    user_name: str
    name: str
    scopes: list[str]
    created: datetime
    last_used: datetime | None
    revoked: datetime | None
