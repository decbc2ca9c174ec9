"""translation memory

Revision ID: 0003
Revises: 0001
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import polywire.store.types

revision: str = "0003"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "translation_memory",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("source_text", sa.Text(), nullable=False),
        sa.Column("source_language", sa.String(length=35), nullable=False),
        sa.Column("target_language", sa.String(length=35), nullable=False),
        sa.Column("engine", sa.String(length=100), nullable=False),
        sa.Column("model", sa.String(length=300), nullable=True),
        sa.Column("target_text", sa.Text(), nullable=False),
        sa.Column("hits", sa.Integer(), nullable=False),
        sa.Column("created", polywire.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("last_used", polywire.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_translation_memory")),
    )


def downgrade() -> None:
    op.drop_table("translation_memory")
