"""deliver: WebSub subscriptions, e-mail unsubscribes

Revision ID: 0006
Revises: 0001
Create Date: 2026-11-25 20:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import polywire.store.types

revision: str = "0006"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "websub_subscriptions",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("topic", sa.String(length=500), nullable=False),
        sa.Column("callback", sa.String(length=2000), nullable=False),
        sa.Column("secret", sa.String(length=200), nullable=True),
        sa.Column("lease_seconds", sa.Integer(), nullable=False),
        sa.Column("expires", polywire.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("created", polywire.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_websub_subscriptions")),
        sa.UniqueConstraint(
            "topic", "callback", name=op.f("uq_websub_subscriptions_topic_callback")
        ),
    )
    with op.batch_alter_table("websub_subscriptions", schema=None) as batch_op:
        batch_op.create_index(
            "ix_websub_subscriptions_topic_expires", ["topic", "expires"], unique=False
        )
    op.create_table(
        "email_unsubscribes",
        sa.Column("address", sa.String(length=320), nullable=False),
        sa.Column("list_id", sa.String(length=100), nullable=False),
        sa.Column("created", polywire.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("how", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("address", "list_id", name=op.f("pk_email_unsubscribes")),
    )


def downgrade() -> None:
    op.drop_table("email_unsubscribes")
    with op.batch_alter_table("websub_subscriptions", schema=None) as batch_op:
        batch_op.drop_index("ix_websub_subscriptions_topic_expires")
    op.drop_table("websub_subscriptions")
