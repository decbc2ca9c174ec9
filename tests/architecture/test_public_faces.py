"""Every package shows its public face in `__all__` (httpx's habit), and every error the wire
reports derives from `polywire.domain.PolywireError` (issue 15)."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

import polywire

SOURCE = Path(polywire.__file__).resolve().parent
PACKAGES = sorted(
    ".".join(("polywire", *init.parent.relative_to(SOURCE).parts))
    for init in SOURCE.rglob("__init__.py")
)
#: Exceptions that are signals between parts, not errors a user is told about: each is caught
#: by its own handler, and deriving from PolywireError would send it to the user-error ones.
SIGNALS = {
    "RetryLater": "a job handler asks the worker to wait (an embargo), not a failure",
    "QueueUnavailable": "a ConnectionError: the bus's back-end is down, retried, HTTP 503",
    "OutboundError": "an outbound request failed; callers turn it into their own error",
    "_Refused": "inside the network back-end, made a BlockedAddress",
    "_Unresolvable": "inside the network back-end, made an OutboundError",
    "SignInNeeded": "a page answers with a redirect to /signin",
    "BadCsrf": "a form answers 403 by its own handler",
}


@pytest.mark.parametrize("name", PACKAGES)
def test_every_package_declares_its_public_face(name: str) -> None:
    package = importlib.import_module(name)
    public = package.__dict__.get("__all__")
    assert isinstance(public, list), f"{name}/__init__.py declares no __all__"
    for exported in public:
        if not hasattr(package, exported):
            importlib.import_module(f"{name}.{exported}")  # a public module of the package


def _exceptions() -> dict[str, list[str]]:
    """Class name → the names of its bases, for every class in src/ that looks like an error."""
    found: dict[str, list[str]] = {}
    for path in SOURCE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef):
                found[node.name] = [ast.unparse(base).rsplit(".", 1)[-1] for base in node.bases]
    return found


def test_every_error_derives_from_polywire_error() -> None:
    classes = _exceptions()

    def derives(name: str, seen: frozenset[str] = frozenset()) -> str | None:
        """The root of `name`'s class tree within polywire, or None if it is no exception."""
        if name == "PolywireError" or name in SIGNALS:
            return name
        if name not in classes or name in seen:
            return "Exception" if name.endswith(("Error", "Exception")) else None
        roots = [derives(base, seen | {name}) for base in classes[name]]
        return next((root for root in roots if root is not None), None)

    stray = {
        name: root
        for name in classes
        if (root := derives(name)) is not None and root not in ("PolywireError", *SIGNALS)
    }
    assert stray == {}, "derive these from polywire.domain.PolywireError, or list them as signals"
    assert set(SIGNALS) <= set(classes), "a signal is gone: strike it"
