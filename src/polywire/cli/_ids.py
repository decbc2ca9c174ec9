"""One resolver for every id a command takes: the whole id, or the beginning of it the desk shows.

A beginning that names one id is that id; one that names none is a `NotFound` naming what was
typed; one that names several is a `BadInput` listing them, so the user can type more. A whole
id (32 characters) is passed on as it is, and the command's own lookup says when it is unknown.
Against a running wire's API (`--api`) story ids are looked up among the stories it lists.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from polywire.domain import BadInput, NotFound

if TYPE_CHECKING:
    from polywire.cli._common import Api
    from polywire.wire import Wire

#: Fewer characters than this name too many ids to be worth a look-up.
SHORTEST = 4
WHOLE = 32
_SHOWN = 10
#: Story ids the API is asked for when a short one is given with --api (its largest page).
_API_PAGE = 500
#: Subscribers (with their destinations) the API is asked for: its largest page.
_API_SUBSCRIBERS = 1000
#: Deliveries the API is asked for, the newest: its largest page.
_API_DELIVERIES = 1000


def resolve(wire: Wire, kind: str, given: str) -> str:
    """The id of `kind` (story, subscriber, destination, delivery, token, feed) that `given` is
    or begins, on the embedded store."""
    if _whole_or_refused(kind, given):
        return given
    from polywire.store.short_ids import ids_starting

    with wire.database.read() as conn:
        return _choose(kind, given, ids_starting(conn, kind, given, limit=_SHOWN + 1))


def resolve_story_via_api(api: Api, given: str) -> str:
    """The story id that `given` is or begins, among the stories the running wire lists."""
    return resolve_via_api(api, "story", given)


def resolve_via_api(api: Api, kind: str, given: str) -> str:
    """The id of `kind` (story, subscriber, destination, delivery) that `given` is or begins,
    among those the running wire lists to the token's principal (of deliveries, the newest)."""
    if _whole_or_refused(kind, given):
        return given
    found = sorted(found for found in _listed_ids(api, kind) if found.startswith(given))
    return _choose(kind, given, found)


def _listed_ids(api: Api, kind: str) -> list[str]:
    if kind == "story":
        return [row["id"] for row in api("GET", f"/v1/stories?limit={_API_PAGE}")["stories"]]
    if kind == "delivery":
        listed = api("GET", f"/v1/deliveries?limit={_API_DELIVERIES}")["deliveries"]
        return [row["id"] for row in listed]
    listed = api("GET", f"/v1/subscribers?limit={_API_SUBSCRIBERS}")["subscribers"]
    if kind == "subscriber":
        return [row["id"] for row in listed]
    return [d["id"] for row in listed for d in row["destinations"]]


def _whole_or_refused(kind: str, given: str) -> bool:
    if len(given) >= WHOLE:
        return True
    if len(given) < SHORTEST:
        raise BadInput(
            f"{kind} id {given!r}",
            f"give the id, or at least its first {SHORTEST} characters (the desk shows 8)",
        )
    return False


def _choose(kind: str, given: str, found: list[str]) -> str:
    if given in found or len(found) == 1:
        return given if given in found else found[0]
    if not found:
        raise NotFound(f"{kind} {given!r}: no such {kind}")
    listed = ", ".join(found[:_SHOWN]) + (" …" if len(found) > _SHOWN else "")
    raise BadInput(f"{kind} id {given!r}", f"begins several ids; give more of it: {listed}")
