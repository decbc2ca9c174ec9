"""Accounts and access: who may sign in to the newsroom and use the HTTP API, and what they may
see and change. A user has a role (admin, editor, publisher) and, unless an admin, the publisher
whose stories and subscribers they work on.

The module other parts use: sign-in and permissions (`access`). Users themselves, the first admin
of a new wire too, are added by `polywire.services.UserService`.
"""

__all__ = [
    "access",
]
