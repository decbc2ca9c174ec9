"""ingest: feed sources, feed entries, story fingerprints

Revision ID: 0002
Revises: 0001
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import polywire.store.types

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "feed_sources",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("url", sa.String(length=2000), nullable=False),
        sa.Column("every_seconds", sa.Integer(), nullable=False),
        sa.Column("publisher", sa.String(length=100), nullable=False),
        sa.Column("etag", sa.String(length=500), nullable=True),
        sa.Column("last_modified", sa.String(length=100), nullable=True),
        sa.Column("errors", sa.Integer(), nullable=False),
        sa.Column("paused", sa.Boolean(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("last_polled", polywire.store.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("next_poll", polywire.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("created", polywire.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_feed_sources")),
        sa.UniqueConstraint("url", name=op.f("uq_feed_sources_url")),
    )
    with op.batch_alter_table("feed_sources", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_feed_sources_next_poll"), ["next_poll"], unique=False)

    op.create_table(
        "feed_entries",
        sa.Column("source_id", sa.String(length=32), nullable=False),
        sa.Column("entry_key", sa.String(length=64), nullable=False),
        sa.Column("entry_id", sa.Text(), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("story_id", sa.String(length=32), nullable=True),
        sa.Column("version", sa.Integer(), nullable=True),
        sa.Column("problem", sa.Text(), nullable=True),
        sa.Column("seen", polywire.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["source_id"],
            ["feed_sources.id"],
            name=op.f("fk_feed_entries_source_id_feed_sources"),
        ),
        sa.PrimaryKeyConstraint("source_id", "entry_key", name=op.f("pk_feed_entries")),
    )

    op.create_table(
        "story_fingerprints",
        sa.Column("story_id", sa.String(length=32), nullable=False),
        sa.Column("publisher", sa.String(length=100), nullable=False),
        sa.Column("updated", polywire.store.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("signature", polywire.store.types.JSONDocument(), nullable=False),
        sa.PrimaryKeyConstraint("story_id", name=op.f("pk_story_fingerprints")),
    )
    with op.batch_alter_table("story_fingerprints", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_story_fingerprints_publisher"), ["publisher"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_story_fingerprints_updated"), ["updated"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("story_fingerprints", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_story_fingerprints_updated"))
        batch_op.drop_index(batch_op.f("ix_story_fingerprints_publisher"))
    op.drop_table("story_fingerprints")
    op.drop_table("feed_entries")
    with op.batch_alter_table("feed_sources", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_feed_sources_next_poll"))
    op.drop_table("feed_sources")
