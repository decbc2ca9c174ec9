"""Reading and writing the publishers' glossaries (`glossary_terms`)."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import Connection, delete, select

from polywire.domain import NotFound
from polywire.store.glossary_tables import glossary_terms as table
from polywire.store.types import utcnow


@dataclass(frozen=True)
class Term:
    """A glossary term: kept as written (`keep`), or rendered one fixed way per language."""

    term: str
    keep: bool = False
    translations: dict[str, str] = field(default_factory=dict)

    def to_json(self) -> dict[str, object]:
        return {"term": self.term, "keep": self.keep, "translations": dict(self.translations)}


def list_terms(conn: Connection, publisher: str) -> list[Term]:
    """A publisher's terms, in alphabetical order."""
    rows = conn.execute(
        select(table).where(table.c.publisher == publisher).order_by(table.c.term)
    ).all()
    return [Term(r.term, bool(r.keep), dict(r.translations)) for r in rows]


def set_term(conn: Connection, publisher: str, term: Term) -> bool:
    """Add or replace a term; True when it was new."""
    where = (table.c.publisher == publisher) & (table.c.term == term.term)
    values = {"keep": term.keep, "translations": dict(term.translations), "updated": utcnow()}
    if conn.execute(table.update().where(where).values(**values)).rowcount:
        return False
    conn.execute(table.insert().values(publisher=publisher, term=term.term, **values))
    return True


def remove_term(conn: Connection, publisher: str, term: str) -> None:
    where = (table.c.publisher == publisher) & (table.c.term == term)
    if not conn.execute(delete(table).where(where)).rowcount:
        raise NotFound(f"glossary term {term!r} of publisher {publisher!r} not found")
