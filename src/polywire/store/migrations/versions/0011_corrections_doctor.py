"""corrections and doctor: who edited a translation, a translation carried unchanged into a
correction's version, and the quarantine of rows `polywire doctor` takes out of the way

Revision ID: 0011
Revises: 0001
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import polywire.store.types

revision: str = "0011"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("renditions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("edited_by", sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column("carried_from", sa.Integer(), nullable=True))
    op.create_table(
        "quarantine",
        sa.Column("id", sa.Integer(), sa.Identity(), nullable=False),
        sa.Column("table_name", sa.String(length=50), nullable=False),
        sa.Column("row_key", sa.String(length=300), nullable=False),
        sa.Column("problem", sa.Text(), nullable=False),
        sa.Column("row", polywire.store.types.JSONDocument(), nullable=False),
        sa.Column("created", polywire.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_quarantine")),
    )


def downgrade() -> None:
    op.drop_table("quarantine")
    with op.batch_alter_table("renditions", schema=None) as batch_op:
        batch_op.drop_column("carried_from")
        batch_op.drop_column("edited_by")
