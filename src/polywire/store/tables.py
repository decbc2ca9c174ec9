"""The tables of the store. Alembic migrations in `migrations/` create them; a test checks that
the migrations and these definitions agree."""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Float,
    ForeignKey,
    ForeignKeyConstraint,
    Identity,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
)

from polywire.store.types import JSONDocument, UTCDateTime

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

stories = Table(
    "stories",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("uri", String(300), nullable=False, unique=True),
    Column("publisher", String(100), nullable=False, index=True),
    Column("source_language", String(35), nullable=False),
    Column("state", String(20), nullable=False),
    Column("latest_version", Integer, nullable=False),
    Column("created", UTCDateTime, nullable=False),
    Column("updated", UTCDateTime, nullable=False, index=True),
)

versions = Table(
    "versions",
    metadata,
    Column("story_id", String(32), ForeignKey("stories.id"), primary_key=True),
    Column("version", Integer, primary_key=True),
    Column("versioncreated", UTCDateTime, nullable=False),
    Column("language", String(35), nullable=False),
    Column("headline", Text, nullable=False),
    Column("body", JSONDocument, nullable=False),
    Column("pubstatus", String(20), nullable=False),
    Column("located", String(200)),
    Column("by", String(300)),
    Column("dateline_source", String(200)),
    Column("credit", String(300)),
    Column("captions", JSONDocument, nullable=False),
    Column("notices", JSONDocument, nullable=False),
    Column("sectors", JSONDocument, nullable=False),
    Column("subjects", JSONDocument, nullable=False),
    Column("places", JSONDocument, nullable=False),
    Column("urgency", Integer),
    Column("embargoed", UTCDateTime),
    Column("target_languages", JSONDocument, nullable=False),
    Column("correction_reason", Text),
    Column("content_hash", String(64), nullable=False, index=True),
    Column("dateline_date", String(40)),
    Column("about", JSONDocument),
    Column("contacts", JSONDocument),
    Column("pictures", JSONDocument),
    Column("subheadline", Text),
)

submissions = Table(
    "submissions",
    metadata,
    Column("id", Integer, Identity(), primary_key=True),
    Column("story_id", String(32), nullable=False),
    Column("version", Integer, nullable=False),
    Column("source_name", String(500), nullable=False),
    Column("received", UTCDateTime, nullable=False),
    Column("raw", LargeBinary, nullable=False),
    ForeignKeyConstraint(["story_id", "version"], ["versions.story_id", "versions.version"]),
)

renditions = Table(
    "renditions",
    metadata,
    Column("story_id", String(32), primary_key=True),
    Column("version", Integer, primary_key=True),
    Column("language", String(35), primary_key=True),
    Column("state", String(20), nullable=False),
    Column("is_source", Boolean, nullable=False),
    Column("headline", Text, nullable=False),
    Column("body", JSONDocument, nullable=False),
    Column("engine", String(100)),
    Column("model", String(300)),
    Column("check_result", JSONDocument),
    Column("error", Text),
    Column("updated", UTCDateTime, nullable=False),
    Column("edited_by", String(200)),  # the editor who changed the translation (0011)
    Column("carried_from", Integer),  # unchanged since this version, not released again (0011)
    Column("extras", JSONDocument),
    ForeignKeyConstraint(["story_id", "version"], ["versions.story_id", "versions.version"]),
)

jobs = Table(
    "jobs",
    metadata,
    Column("id", BigInteger().with_variant(Integer, "sqlite"), Identity(), primary_key=True),
    Column("kind", String(50), nullable=False),
    Column("key", String(300), nullable=False, unique=True),
    Column("payload", JSONDocument, nullable=False),
    Column("state", String(10), nullable=False),
    Column("attempts", Integer, nullable=False),
    Column("max_attempts", Integer, nullable=False),
    Column("run_at", Float, nullable=False),
    Column("lease_owner", String(100)),
    Column("lease_token", String(32)),
    Column("lease_until", Float),
    Column("last_error", Text),
    Column("created", Float, nullable=False),
    Column("finished", Float),
    Index("ix_jobs_state_run_at", "state", "run_at"),
)

events = Table(
    "events",
    metadata,
    Column("seq", BigInteger().with_variant(Integer, "sqlite"), Identity(), primary_key=True),
    Column("type", String(30), nullable=False),
    Column("story_id", String(32), nullable=False, index=True),
    Column("version", Integer, nullable=False),
    Column("language", String(35)),
    Column("created", UTCDateTime, nullable=False),
    Column("payload", JSONDocument, nullable=False),
    sqlite_autoincrement=True,
)
