"""A served wire with something in it: one admin, one released story, one subscriber."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi import FastAPI
from spine.samples import STORY

from polywire.config import load_settings
from polywire.domain import Role, Scope
from polywire.publish.subscribers import parse_spec
from polywire.services import StoryService
from polywire.store import accounts
from polywire.store import subscribers as subscriber_store
from polywire.web.app import create_app
from polywire.wire import Wire

PASSWORD = "correct horse battery staple"


@dataclass(frozen=True)
class Stocked:
    """A wire with one admin token, one released story and one subscriber."""

    wire: Wire
    app: FastAPI
    admin_token: str
    story_id: str
    subscriber_id: str
    destination_id: str
    subscriber_token: str


def stocked_wire(data_dir: Path, database_url: str | None = None) -> Stocked:
    """The store is SQLite in `data_dir` unless `database_url` names another."""
    settings = load_settings(
        data_dir=data_dir, database_url=database_url, languages=[], auth={"required": True}
    )
    wire = Wire(settings)
    with wire.database.write() as conn:
        accounts.add_user(conn, "ada", PASSWORD, Role.ADMIN, None)
        _, admin_token = accounts.add_token(conn, "ada", "fuzz", [Scope.READ, Scope.WRITE])
        spec = parse_spec(
            {
                "name": "Example Gazette",
                "languages": ["en"],
                "destinations": [{"channel": "webhook", "address": "http://127.0.0.1:9/hook"}],
            }
        )
        subscriber, subscriber_token = subscriber_store.add_subscriber(conn, spec)
    submitted = StoryService(wire).submit(
        None, STORY, source="story.txt", language="en", sectors=["Business"]
    )
    asyncio.run(wire.worker().run_until_idle())
    return Stocked(
        wire=wire,
        app=create_app(wire),
        admin_token=admin_token,
        story_id=submitted.story_id,
        subscriber_id=subscriber.id,
        destination_id=subscriber.destinations[0].id,
        subscriber_token=subscriber_token,
    )


@pytest.fixture
def stocked(tmp_path: Path) -> Iterator[Stocked]:
    found = stocked_wire(tmp_path / "data")
    yield found
    found.wire.close()
