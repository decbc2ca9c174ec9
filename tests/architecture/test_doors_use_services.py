"""The doors (the HTTP API and the desk in `web/`, the command line in `cli/`) reach the wire's
data through the services (issue 15): a use case two doors offer is written once, in
`polywire.services`, so that they answer and refuse alike. A door reads the store itself only for
what no other door does; each such module is listed here with the store modules it reads and
why, and a new one fails until it is routed through a service or listed with its reason.
`polywire.store.types` (the clock and column types) is no read and is not counted."""

from __future__ import annotations

import ast
from pathlib import Path

import polywire

SOURCE = Path(polywire.__file__).resolve().parent
DOORS = ("web", "cli")
NOT_A_READ = {"polywire.store.types"}

#: Door module → (the store modules it imports, why only this door does it).
ALLOWED: dict[str, tuple[set[str], str]] = {
    "cli/_ids.py": ({"short_ids"}, "the command line's short ids: only it takes an id's beginning"),
    "cli/classify.py": ({"db", "migrate"}, "`classify FILE` learns stored corrections if any"),
    "cli/doctor.py": ({"db", "doctor", "migrate"}, "`polywire doctor` examines the store itself"),
    "cli/glossary.py": ({"glossary"}, "the type of the glossary service's terms, to print them"),
    "cli/jobs.py": ({"db", "migrate"}, "opens the embedded store for JobService, no wire"),
    "cli/policy.py": ({"db", "migrate"}, "opens the embedded store for PolicyService, no wire"),
    "cli/translate.py": ({"db", "migrate"}, "`translation-memory`: the memory's own statistics"),
    "web/live.py": ({"db", "subscribers"}, "a live stream re-checks its subscriber's token"),
    "web/metrics.py": ({"cluster", "fleet_queries"}, "Prometheus metrics"),
    "web/readiness.py": ({"cluster"}, "the readiness probe"),
    "web/unsubscribe.py": ({"deliver_queries"}, "a recipient's one-click unsubscribe link"),
    "web/pages/guard.py": ({"accounts"}, "who a request is: its session or API token"),
    "web/pages/public.py": ({"newsroom_queries", "public_reads"}, "the public pages"),
    "web/pages/release.py": ({"public_reads", "stories"}, "the public page of one release"),
    "web/pages/session.py": ({"accounts", "stories"}, "sign-in sessions and the nav's count"),
    "web/pages/signin.py": ({"accounts"}, "signing in and out"),
}


def _store_imports(path: Path) -> set[str]:
    """The `polywire.store` modules a file imports, anywhere in it, as their names in store."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            if node.module == "polywire.store":
                found |= {f"polywire.store.{alias.name}" for alias in node.names}
            elif node.module.startswith("polywire.store."):
                found.add(node.module)
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("polywire.store.")}
    return {name.removeprefix("polywire.store.") for name in found - NOT_A_READ}


def _doors() -> dict[str, set[str]]:
    return {
        path.relative_to(SOURCE).as_posix(): imported
        for door in DOORS
        for path in sorted((SOURCE / door).rglob("*.py"))
        if (imported := _store_imports(path))
    }


def test_only_the_listed_door_modules_read_the_store() -> None:
    found = _doors()
    unlisted = {
        module: imported - ALLOWED.get(module, (set(), ""))[0]
        for module, imported in found.items()
        if imported - ALLOWED.get(module, (set(), ""))[0]
    }
    assert not unlisted, (
        f"these doors read the store beside the services: {unlisted}; call the service that "
        "owns the use case (polywire.services), or list the module in ALLOWED with why only "
        "this door does it"
    )


def test_the_list_is_not_stale() -> None:
    found = _doors()
    stale = {
        module: sorted(allowed - found.get(module, set()))
        for module, (allowed, _) in ALLOWED.items()
        if allowed - found.get(module, set())
    }
    assert not stale, f"no longer read, take them off ALLOWED: {stale}"


def test_the_audit_sees_an_import_inside_a_function(tmp_path: Path) -> None:
    door = tmp_path / "door.py"
    door.write_text(
        "def command():\n"
        "    from polywire.store import deliveries as records\n"
        "    from polywire.store.types import utcnow\n"
        "    import polywire.store.stories\n",
        encoding="utf-8",
    )
    assert _store_imports(door) == {"deliveries", "stories"}
