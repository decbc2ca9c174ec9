"""Queries of publishers' own review-policy rules."""

from __future__ import annotations

from sqlalchemy import Connection, delete, select

from polywire.store.policy_tables import review_policies
from polywire.store.types import utcnow


def rules_of(conn: Connection, publisher: str) -> list[tuple[str, str, str]]:
    """A publisher's rules as (language, engine, policy), in a stable order."""
    rows = conn.execute(
        select(review_policies.c.language, review_policies.c.engine, review_policies.c.policy)
        .where(review_policies.c.publisher == publisher)
        .order_by(review_policies.c.language, review_policies.c.engine)
    )
    return [(row.language, row.engine, row.policy) for row in rows]


def replace_rules(
    conn: Connection, publisher: str, rules: list[tuple[str, str, str]], by: str | None
) -> None:
    """A publisher's rules become `rules` (language, engine, policy), each pair once."""
    conn.execute(delete(review_policies).where(review_policies.c.publisher == publisher))
    now = utcnow()
    if rules:
        conn.execute(
            review_policies.insert(),
            [
                {
                    "publisher": publisher,
                    "language": language,
                    "engine": engine,
                    "policy": policy,
                    "updated": now,
                    "updated_by": by,
                }
                for language, engine, policy in rules
            ],
        )
