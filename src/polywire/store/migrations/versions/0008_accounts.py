"""accounts: users, sessions, API tokens, subscriber owners

Revision ID: 0008
Revises: 0001
Create Date: 2026-11-25
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import polywire.store.types

revision: str = "0008"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("password_hash", sa.String(length=200), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("publisher", sa.String(length=100), nullable=True),
        sa.Column("created", polywire.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("disabled", polywire.store.types.UTCDateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_users")),
        sa.UniqueConstraint("name", name=op.f("uq_users_name")),
    )
    op.create_table(
        "sessions",
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.String(length=32), nullable=False),
        sa.Column("csrf", sa.String(length=64), nullable=False),
        sa.Column("created", polywire.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("expires", polywire.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_sessions_user_id_users")),
        sa.PrimaryKeyConstraint("token_hash", name=op.f("pk_sessions")),
    )
    with op.batch_alter_table("sessions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sessions_user_id"), ["user_id"], unique=False)
    op.create_table(
        "api_tokens",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("user_id", sa.String(length=32), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("scopes", polywire.store.types.JSONDocument(), nullable=False),
        sa.Column("created", polywire.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("last_used", polywire.store.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("revoked", polywire.store.types.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_api_tokens_user_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_api_tokens")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_api_tokens_token_hash")),
    )
    with op.batch_alter_table("api_tokens", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_api_tokens_user_id"), ["user_id"], unique=False)
    op.create_table(
        "subscriber_owners",
        sa.Column("subscriber_id", sa.String(length=32), nullable=False),
        sa.Column("publisher", sa.String(length=100), nullable=False),
        sa.PrimaryKeyConstraint("subscriber_id", name=op.f("pk_subscriber_owners")),
    )
    with op.batch_alter_table("subscriber_owners", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_subscriber_owners_publisher"), ["publisher"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("subscriber_owners", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_subscriber_owners_publisher"))
    op.drop_table("subscriber_owners")
    with op.batch_alter_table("api_tokens", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_api_tokens_user_id"))
    op.drop_table("api_tokens")
    with op.batch_alter_table("sessions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sessions_user_id"))
    op.drop_table("sessions")
    op.drop_table("users")
