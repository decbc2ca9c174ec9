"""ingest/publish: a version keeps its dateline's date, the publisher's About paragraphs, media
contacts and pictures; a rendition keeps their translations (About texts, picture captions)

Revision ID: 0012
Revises: 0001
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import polywire.store.types

revision: str = "0012"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("versions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("dateline_date", sa.String(length=40), nullable=True))
        for name in ("about", "contacts", "pictures"):
            batch_op.add_column(sa.Column(name, polywire.store.types.JSONDocument(), nullable=True))
    with op.batch_alter_table("renditions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("extras", polywire.store.types.JSONDocument(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("renditions", schema=None) as batch_op:
        batch_op.drop_column("extras")
    with op.batch_alter_table("versions", schema=None) as batch_op:
        for name in ("pictures", "contacts", "about", "dateline_date"):
            batch_op.drop_column(name)
