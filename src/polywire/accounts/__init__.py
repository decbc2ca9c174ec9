"""Accounts and access: who may sign in to the newsroom and use the HTTP API, and what they may
see and change. A user has a role (admin, editor, publisher) and, unless an admin, the publisher
whose stories and subscribers they work on.

The modules other parts use: sign-in and permissions (`access`), the first admin (`bootstrap`).
"""

__all__ = [
    "access",
    "bootstrap",
]
