"""classify: classifications and editors' corrections

Revision ID: 0004
Revises: 0001
Create Date: 2026-11-25 20:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import polywire.store.types

revision: str = "0004"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "classifications",
        sa.Column("story_id", sa.String(length=32), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("result", polywire.store.types.JSONDocument(), nullable=False),
        sa.Column("publisher_sectors", polywire.store.types.JSONDocument(), nullable=False),
        sa.Column("publisher_places", polywire.store.types.JSONDocument(), nullable=False),
        sa.Column("publisher_urgency", sa.Integer(), nullable=True),
        sa.Column("corrected", sa.Boolean(), nullable=False),
        sa.Column("updated", polywire.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["story_id", "version"],
            ["versions.story_id", "versions.version"],
            name=op.f("fk_classifications_story_id_versions"),
        ),
        sa.PrimaryKeyConstraint("story_id", "version", name=op.f("pk_classifications")),
    )
    op.create_table(
        "classify_corrections",
        sa.Column("id", sa.Integer(), sa.Identity(always=False), nullable=False),
        sa.Column("story_id", sa.String(length=32), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("language", sa.String(length=35), nullable=False),
        sa.Column("headline", sa.Text(), nullable=False),
        sa.Column("body", polywire.store.types.JSONDocument(), nullable=False),
        sa.Column("topics", polywire.store.types.JSONDocument(), nullable=False),
        sa.Column("removed_topics", polywire.store.types.JSONDocument(), nullable=False),
        sa.Column("regions", polywire.store.types.JSONDocument(), nullable=False),
        sa.Column("editor", sa.String(length=200), nullable=True),
        sa.Column("created", polywire.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["story_id", "version"],
            ["versions.story_id", "versions.version"],
            name=op.f("fk_classify_corrections_story_id_versions"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_classify_corrections")),
    )
    with op.batch_alter_table("classify_corrections", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_classify_corrections_story_id"), ["story_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("classify_corrections", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_classify_corrections_story_id"))
    op.drop_table("classify_corrections")
    op.drop_table("classifications")
