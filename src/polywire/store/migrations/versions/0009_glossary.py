"""glossary: a publisher's terms, kept as written or translated one fixed way per language

Revision ID: 0009
Revises: 0001
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import polywire.store.types

revision: str = "0009"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "glossary_terms",
        sa.Column("publisher", sa.String(length=100), nullable=False),
        sa.Column("term", sa.String(length=200), nullable=False),
        sa.Column("keep", sa.Boolean(), nullable=False),
        sa.Column("translations", polywire.store.types.JSONDocument(), nullable=False),
        sa.Column("updated", polywire.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("publisher", "term", name=op.f("pk_glossary_terms")),
    )


def downgrade() -> None:
    op.drop_table("glossary_terms")
