"""`polywire subscribers add/edit/list/remove/rotate-secret`, `polywire withdraw`,
`polywire report`, `polywire deliveries list/replay`: publishing, on the embedded store or a
running wire's API with `--api`, through the same services. Every id may be given whole or as its
beginning (see `polywire.cli._ids`)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import quote

import click

from polywire.cli._common import (
    Api,
    F,
    api_option,
    settings_from,
    store_options,
    through,
)
from polywire.cli._ids import resolve, resolve_via_api
from polywire.domain import BadInput

if TYPE_CHECKING:
    from polywire.config import Settings
    from polywire.services.subscribers import SubscriberService
    from polywire.wire import Wire

T = TypeVar("T")


@click.group()
def subscribers() -> None:
    """Outlets, journalists and desktops, what they get, and where."""


def _wants_options(*, for_edit: bool) -> Callable[[F], F]:
    """What a subscriber asks for, the same for `add` and `edit`: each option repeatable, or one
    comma-separated list (`--languages es,fr`). For `edit` a given option replaces the list."""
    again = " Replaces the current ones; '' for any." if for_edit else ""
    options = [
        ("--language", "languages", "BCP 47.", not for_edit),
        ("--sector", "sectors", "Only these sectors (default: any).", False),
        ("--topic", "topics", "IPTC Media Topic, e.g. medtop:04000000.", False),
        ("--region", "regions", "Country (ISO 3166-1 alpha-2).", False),
        ("--keyword", "keywords", "Only stories with this word/phrase.", False),
    ]

    def decorate(command: F) -> F:
        for flag, name, text, required in reversed(options):
            command = click.option(
                flag,
                f"--{name}",
                name,
                multiple=True,
                required=required,
                help=f"{text} Repeatable or comma-separated.{again}",
            )(command)
        return command

    return decorate


def _listed(values: Iterable[str]) -> list[str]:
    """Repeated and comma-separated values as one list, without blanks."""
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def _on_subscribers(
    settings: Settings,
    *,
    api: Callable[[Api], T],
    store: Callable[[SubscriberService, Wire], T],
) -> T:
    """`api` with the running wire's API when the settings name one (the server's service
    answers, as the token's principal), else `store` with the subscriber service on the embedded
    store, as the wire's operator."""

    def on_store(wire: Wire) -> T:
        from polywire.services.subscribers import SubscriberService

        return store(SubscriberService(wire), wire)

    return through(settings, api=api, store=on_store)


def _path(subscriber_id: str, action: str = "") -> str:
    return f"/v1/subscribers/{quote(subscriber_id, safe='')}" + (f"/{action}" if action else "")


@subscribers.command("add")
@click.argument("name")
@click.option("--kind", type=click.Choice(["outlet", "journalist", "desktop"]), default="outlet")
@_wants_options(for_edit=False)
@click.option(
    "--destination",
    "destinations",
    multiple=True,
    required=True,
    metavar="CHANNEL[:FORMAT][:ADDRESS]",
    help="e.g. webhook:ninjs3:https://example.org/hook, email:ed@example.org, feed:rss, stream.",
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@api_option
@store_options
def add(
    name: str,
    kind: str,
    languages: tuple[str, ...],
    sectors: tuple[str, ...],
    topics: tuple[str, ...],
    regions: tuple[str, ...],
    keywords: tuple[str, ...],
    destinations: tuple[str, ...],
    as_json: bool,
    api_url: str | None,
    data_dir: Path | None,
    database_url: str | None,
) -> None:
    """Add a subscriber; prints its id, its token and its webhook secrets (shown once)."""
    from polywire.publish.subscribers import parse_destination, parse_spec, subscriber_json

    sent = {
        "name": name,
        "kind": kind,
        "languages": _listed(languages),
        "sectors": _listed(sectors),
        "topics": _listed(topics),
        "regions": _listed(regions),
        "keywords": _listed(keywords),
        "destinations": [parse_destination(d).model_dump() for d in destinations],
    }
    spec = parse_spec(sent)  # refused here as on the wire, before anything is asked of it

    def on_store(service: SubscriberService, _: Wire) -> dict[str, Any]:
        subscriber, token = service.add(None, spec)
        return subscriber_json(subscriber, token=token, secrets_shown=True)

    document: dict[str, Any] = _on_subscribers(
        settings_from(data_dir, database_url, api_url=api_url),
        api=lambda api: api("POST", "/v1/subscribers", json=sent),
        store=on_store,
    )
    _show(document, as_json=as_json)


@subscribers.command("edit")
@click.argument("subscriber_id")
@click.option("--name", default=None, help="A new name.")
@click.option("--kind", type=click.Choice(["outlet", "journalist", "desktop"]), default=None)
@_wants_options(for_edit=True)
@click.option(
    "--add-destination",
    "destinations",
    multiple=True,
    metavar="CHANNEL[:FORMAT][:ADDRESS]",
    help="A further destination (as for add); repeatable.",
)
@click.option(
    "--remove-destination",
    "removals",
    multiple=True,
    metavar="ID",
    help="Stop sending to this destination (its id, as listed); its deliveries stay in the "
    "reports. Repeatable.",
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@api_option
@store_options
def edit(
    subscriber_id: str,
    name: str | None,
    kind: str | None,
    languages: tuple[str, ...],
    sectors: tuple[str, ...],
    topics: tuple[str, ...],
    regions: tuple[str, ...],
    keywords: tuple[str, ...],
    destinations: tuple[str, ...],
    removals: tuple[str, ...],
    as_json: bool,
    api_url: str | None,
    data_dir: Path | None,
    database_url: str | None,
) -> None:
    """Change what a subscriber gets (options left out stay as they are), add and remove
    destinations; the next release is targeted by the new choice. Prints new webhooks' secrets
    (shown once)."""
    from polywire.publish.subscribers import parse_destination, parse_edit, subscriber_json

    wants = {
        "languages": languages,
        "sectors": sectors,
        "topics": topics,
        "regions": regions,
        "keywords": keywords,
    }
    document: dict[str, Any] = {field: _listed(values) for field, values in wants.items() if values}
    if name is not None:
        document["name"] = name
    if kind is not None:
        document["kind"] = kind
    document["add_destinations"] = [parse_destination(d).model_dump() for d in destinations]

    def via_api(api: Api) -> dict[str, Any]:
        document["remove_destinations"] = [resolve_via_api(api, "destination", d) for d in removals]
        parse_edit(document)  # refused here as on the wire, before anything is asked of it
        subscriber = resolve_via_api(api, "subscriber", subscriber_id)
        edited: dict[str, Any] = api("PATCH", _path(subscriber), json=document)
        return edited

    def on_store(service: SubscriberService, wire: Wire) -> dict[str, Any]:
        document["remove_destinations"] = [resolve(wire, "destination", d) for d in removals]
        changes = parse_edit(document)
        subscriber, added = service.edit(None, resolve(wire, "subscriber", subscriber_id), changes)
        return subscriber_json(subscriber, secrets_of=added)

    settings = settings_from(data_dir, database_url, api_url=api_url)
    _show(_on_subscribers(settings, api=via_api, store=on_store), as_json=as_json)


def _show(document: dict[str, Any], *, as_json: bool) -> None:
    if as_json:
        click.echo(json.dumps(document, ensure_ascii=False, indent=2))
        return
    click.echo(f"{document['id']}  {document['kind']}  {document['name']}")
    wants = ("languages", "sectors", "topics", "regions", "keywords")
    click.echo("  " + "  ".join(f"{w}={','.join(document[w]) or 'any'}" for w in wants))
    if "token" in document:
        click.echo(f"  token: {document['token']}")
    for destination in document["destinations"]:
        line = f"  {destination['id']}  {destination['channel']}:{destination['format']}"
        click.echo(f"{line}  {destination['address']}".rstrip())
        if "secret" in destination:
            click.echo(f"    secret: {destination['secret']}")


@subscribers.command("list")
@click.option("--limit", type=click.IntRange(1, 1000), default=100, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@api_option
@store_options
def list_subscribers(
    limit: int,
    as_json: bool,
    api_url: str | None,
    data_dir: Path | None,
    database_url: str | None,
) -> None:
    """List subscribers with what they asked for and their destinations (with `--api`, those
    the token's publisher added)."""
    from polywire.publish.subscribers import subscriber_json

    found: list[dict[str, Any]] = _on_subscribers(
        settings_from(data_dir, database_url, api_url=api_url),
        api=lambda api: api("GET", f"/v1/subscribers?limit={limit}")["subscribers"],
        store=lambda service, _: [subscriber_json(s) for s in service.visible(None, limit=limit)],
    )
    if as_json:
        click.echo(json.dumps({"subscribers": found}, ensure_ascii=False, indent=2))
        return
    if not found:
        click.echo(
            "no subscribers yet: polywire subscribers add NAME --language en --destination …"
        )
    wanted = ("languages", "sectors", "topics", "regions", "keywords")
    for subscriber in found:
        wants = " ".join(
            f"{label}={','.join(subscriber[label])}" for label in wanted if subscriber[label]
        )
        paused = "  (paused)" if subscriber["paused"] else ""
        click.echo(
            f"{subscriber['id']}  {subscriber['kind']:<10}  {subscriber['name']}  {wants}{paused}"
        )
        for d in subscriber["destinations"]:
            state = "" if d["enabled"] else "  (disabled)"
            click.echo(f"  {d['id']}  {d['channel']}:{d['format']}  {d['address']}{state}".rstrip())


@subscribers.command("remove")
@click.argument("subscriber_id")
@api_option
@store_options
def remove(
    subscriber_id: str, api_url: str | None, data_dir: Path | None, database_url: str | None
) -> None:
    """Stop sending to a subscriber (its delivery history stays)."""

    def via_api(api: Api) -> str:
        removed = resolve_via_api(api, "subscriber", subscriber_id)
        api("DELETE", _path(removed))
        return removed

    def on_store(service: SubscriberService, wire: Wire) -> str:
        removed = resolve(wire, "subscriber", subscriber_id)
        service.remove(None, removed)
        return removed

    settings = settings_from(data_dir, database_url, api_url=api_url)
    click.echo(f"removed {_on_subscribers(settings, api=via_api, store=on_store)}")


def _pause(subscriber_id: str, paused: bool, settings: Settings) -> None:
    from polywire.publish.subscribers import subscriber_json

    action = "pause" if paused else "resume"

    def on_store(service: SubscriberService, wire: Wire) -> dict[str, Any]:
        found = resolve(wire, "subscriber", subscriber_id)
        return subscriber_json(service.set_paused(None, found, paused))

    subscriber: dict[str, Any] = _on_subscribers(
        settings,
        api=lambda api: api(
            "POST", _path(resolve_via_api(api, "subscriber", subscriber_id), action)
        ),
        store=on_store,
    )
    click.echo(f"{'paused' if paused else 'resumed'} {subscriber['id']} ({subscriber['name']})")


@subscribers.command("pause")
@click.argument("subscriber_id")
@api_option
@store_options
def pause(
    subscriber_id: str, api_url: str | None, data_dir: Path | None, database_url: str | None
) -> None:
    """Stop targeting a subscriber until it is resumed (what it misses is not sent later)."""
    _pause(subscriber_id, True, settings_from(data_dir, database_url, api_url=api_url))


@subscribers.command("resume")
@click.argument("subscriber_id")
@api_option
@store_options
def resume(
    subscriber_id: str, api_url: str | None, data_dir: Path | None, database_url: str | None
) -> None:
    """Target a paused subscriber again, from the next release on."""
    _pause(subscriber_id, False, settings_from(data_dir, database_url, api_url=api_url))


@subscribers.command("rotate-secret")
@click.argument("destination_id")
@api_option
@store_options
def rotate_secret(
    destination_id: str, api_url: str | None, data_dir: Path | None, database_url: str | None
) -> None:
    """Give a webhook a new secret; the old one keeps signing beside it for a while."""

    def via_api(api: Api) -> str:
        found = quote(resolve_via_api(api, "destination", destination_id), safe="")
        secret: str = api("POST", f"/v1/destinations/{found}/rotate-secret")["secret"]
        return secret

    def on_store(service: SubscriberService, wire: Wire) -> str:
        return service.rotate_secret(None, resolve(wire, "destination", destination_id))

    settings = settings_from(data_dir, database_url, api_url=api_url)
    click.echo(_on_subscribers(settings, api=via_api, store=on_store))


@click.command("withdraw")
@click.argument("story_id")
@click.option("--reason", required=True, help="Why the story is withdrawn (for the record).")
@click.option("--no-wait", is_flag=True, help="Store it and return; a running wire releases it.")
@api_option
@store_options
def withdraw_command(
    story_id: str,
    reason: str,
    no_wait: bool,
    api_url: str | None,
    data_dir: Path | None,
    database_url: str | None,
) -> None:
    """Withdraw a story: every subscriber who got it receives `pubstatus: canceled`."""

    def via_api(api: Api) -> tuple[str, int]:
        story = resolve_via_api(api, "story", story_id)
        path = f"/v1/stories/{quote(story, safe='')}/withdraw"
        return story, int(api("POST", path, json={"reason": reason})["version"])

    def on_store(wire: Wire) -> tuple[str, int]:
        import asyncio

        from polywire.services.deliveries import DeliveryService

        story = resolve(wire, "story", story_id)
        number = DeliveryService(wire).withdraw(None, story, reason)
        if not no_wait:
            asyncio.run(wire.worker().run_until_idle())
        return story, number

    settings = settings_from(data_dir, database_url, api_url=api_url)
    withdrawn, number = through(settings, api=via_api, store=on_store)
    click.echo(f"{withdrawn} withdrawn as version {number}")


@click.command("report")
@click.argument("story_id")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@api_option
@store_options
def report_command(
    story_id: str,
    as_json: bool,
    api_url: str | None,
    data_dir: Path | None,
    database_url: str | None,
) -> None:
    """Who got a story: per version, language and channel, and how fast; then each delivery
    that failed or is still being tried, with its subscriber and why (`--json`: every one)."""

    def via_api(api: Api) -> dict[str, Any]:
        story = quote(resolve_via_api(api, "story", story_id), safe="")
        found: dict[str, Any] = api("GET", f"/v1/stories/{story}/report")
        return found

    def on_store(wire: Wire) -> dict[str, Any]:
        from polywire.services.deliveries import DeliveryService

        return DeliveryService(wire).report(None, resolve(wire, "story", story_id)).to_json()

    settings = settings_from(data_dir, database_url, api_url=api_url)
    document = through(settings, api=via_api, store=on_store)
    if as_json:
        click.echo(json.dumps(document, ensure_ascii=False, indent=2))
        return
    if not document["lines"]:
        click.echo(f"{document['story_id']}: no deliveries (yet)")
        return
    click.echo("version  language  channel  targeted  delivered  pending  failed  first    last")
    for line in document["lines"]:
        first, last = (
            "-" if s is None else f"{s:.2f}s"
            for s in (
                line["release_to_first_delivery_seconds"],
                line["release_to_last_delivery_seconds"],
            )
        )
        click.echo(
            f"v{line['version']:<7} {line['language']:<9} {line['channel']:<8} "
            f"{line['targeted']:>8} {line['delivered']:>10} {line['pending']:>8} "
            f"{line['failed']:>7}  {first:<8} {last}"
        )
    unfinished = [d for d in document["deliveries"] if d["status"] != "delivered"]
    if unfinished:
        click.echo("\nnot delivered (send one again: polywire deliveries replay ID)")
    for delivery in sorted(unfinished, key=lambda d: (d["status"], _subscriber(d))):
        _print_delivery(delivery)


@click.group()
def deliveries() -> None:
    """Delivery records: list them, and send them again."""


@deliveries.command("list")
@click.option("--story", "story_id", default=None, metavar="ID", help="Only this story's.")
@click.option("--subscriber", "subscriber_id", default=None, metavar="ID", help="Only to them.")
@click.option("--destination", "destination_id", default=None, metavar="ID", help="Only to it.")
@click.option(
    "--status",
    type=click.Choice(["pending", "delivered", "failed"]),
    default=None,
    help="Only deliveries in this state.",
)
@click.option("--limit", type=click.IntRange(1, 1000), default=50, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@api_option
@store_options
def list_deliveries(
    story_id: str | None,
    subscriber_id: str | None,
    destination_id: str | None,
    status: str | None,
    limit: int,
    as_json: bool,
    api_url: str | None,
    data_dir: Path | None,
    database_url: str | None,
) -> None:
    """Deliveries, newest first: the delivery id and destination id that `replay` takes, the
    subscriber, story, version, language, state, attempts and the last error (with `--api`,
    those of the token's publisher's stories and those to its subscribers)."""
    given = {"story": story_id, "subscriber": subscriber_id, "destination": destination_id}

    def via_api(api: Api) -> list[dict[str, Any]]:
        query = {kind: resolve_via_api(api, kind, v) for kind, v in given.items() if v is not None}
        query |= {"limit": str(limit)} | ({"status": status} if status is not None else {})
        found: list[dict[str, Any]] = api("GET", "/v1/deliveries", params=query)["deliveries"]
        return found

    def on_store(wire: Wire) -> list[dict[str, Any]]:
        from polywire.services.deliveries import DeliveryService

        ids = {kind: resolve(wire, kind, v) for kind, v in given.items() if v is not None}
        found = DeliveryService(wire).listed(
            None,
            story_id=ids.get("story"),
            subscriber_id=ids.get("subscriber"),
            destination_id=ids.get("destination"),
            status=status,
            limit=limit,
        )
        return [shown.to_json() for shown in found]

    settings = settings_from(data_dir, database_url, api_url=api_url)
    documents = through(settings, api=via_api, store=on_store)
    if as_json:
        click.echo(json.dumps({"deliveries": documents}, ensure_ascii=False, indent=2))
        return
    if not documents:
        click.echo("no deliveries")
    for document in documents:
        _print_delivery(document)


def _subscriber(document: dict[str, Any]) -> str:
    """The subscriber as the desk names it: another publisher's is not named."""
    name = document["subscriber"]
    if name is None:
        return "a subscriber of another publisher"
    return f"{name} (removed)" if document["subscriber_removed"] else str(name)


def _print_delivery(document: dict[str, Any]) -> None:
    where = f"{document['channel']} {document['address'] or ''}".rstrip()
    click.echo(
        f"{document['id']}  {document['status']:<9}  {document['story_id'][:8]} "
        f"v{document['version']} {document['language']}  {_subscriber(document)} "
        f"({where}, destination {document['destination_id']})"
    )
    attempts = f"{document['attempts']} attempt" + ("" if document["attempts"] == 1 else "s")
    why = f": {document['error']}" if document["error"] else ""
    click.echo(f"    {document['created']}  {attempts}{why}")


@deliveries.command("replay")
@click.argument("delivery_id", required=False)
@click.option("--destination", "destination_id", default=None, help="Replay to this destination…")
@click.option("--since", default=None, help="…every delivery since this ISO 8601 time.")
@api_option
@store_options
def replay(
    delivery_id: str | None,
    destination_id: str | None,
    since: str | None,
    api_url: str | None,
    data_dir: Path | None,
    database_url: str | None,
) -> None:
    """Send DELIVERY_ID again, or everything to --destination since --since (`polywire
    deliveries list` shows both ids)."""
    wanted = "give a DELIVERY_ID, or --destination and --since"
    if delivery_id is not None and (destination_id is not None or since is not None):
        raise BadInput("replay", f"{wanted}, not both")  # the options were ignored
    if delivery_id is None and (destination_id is None or since is None):
        raise BadInput("replay", wanted)
    moment = None if since is None else parse_time("--since", since)

    def via_api(api: Api) -> list[str]:
        if delivery_id is not None:
            found = quote(resolve_via_api(api, "delivery", delivery_id), safe="")
            return list(api("POST", f"/v1/deliveries/{found}/replay")["replayed"])
        assert destination_id is not None and moment is not None
        to = quote(resolve_via_api(api, "destination", destination_id), safe="")
        path = f"/v1/destinations/{to}/replay"
        return list(api("POST", path, params={"since": moment.isoformat()})["replayed"])

    def on_store(wire: Wire) -> list[str]:
        from polywire.services.deliveries import DeliveryService

        service = DeliveryService(wire)
        if delivery_id is not None:
            return [service.replay(None, resolve(wire, "delivery", delivery_id)).id]
        assert destination_id is not None and moment is not None
        return service.replay_since(None, resolve(wire, "destination", destination_id), moment)

    settings = settings_from(data_dir, database_url, api_url=api_url)
    replayed = through(settings, api=via_api, store=on_store)
    click.echo(f"{len(replayed)} deliveries queued again")


def parse_time(source: str, value: str) -> datetime:
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise BadInput(source, f"not an ISO 8601 date-time: {value!r}") from None
    if moment.tzinfo is None:
        raise BadInput(source, "the time needs a time zone (e.g. 2026-11-25T09:00Z)")
    return moment
