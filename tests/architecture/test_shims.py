"""The re-exports kept from earlier moves (issue 15) are imported only by the modules still to
move, which other changes own: nothing new imports a name by its old home, the lists only shrink,
and a re-export is deleted with its last importer."""

from __future__ import annotations

import re
from pathlib import Path

import polywire

SOURCE = Path(polywire.__file__).resolve().parent
#: re-export → the modules (under src/polywire) that still import it.
STILL_IMPORTED_BY = {
    "polywire.check.languages": {
        "check/checks/currency.py",
        "check/checks/names.py",
        "check/checks/negation.py",
        "check/kept_names.py",
        "check/names.py",
    },
    "polywire.check.settings": {
        "check/checks/currency.py",
        "check/checks/names.py",
        "check/checks/negation.py",
        "check/checks/roles.py",
    },
}


def _importers(module: str) -> set[str]:
    package, _, name = module.rpartition(".")
    imports = re.compile(
        rf"^\s*(?:from {re.escape(module)} import|import {re.escape(module)}\b"
        rf"|from {re.escape(package)} import .*\b{name}\b)",
        re.MULTILINE,
    )
    return {
        path.relative_to(SOURCE).as_posix()
        for path in SOURCE.rglob("*.py")
        if imports.search(path.read_text(encoding="utf-8"))
    }


def test_only_the_modules_still_to_move_import_a_re_export() -> None:
    for module, importers in STILL_IMPORTED_BY.items():
        found = _importers(module)
        assert found <= importers, f"import {found - importers} from its real home, not {module}"
        assert found == importers, f"{importers - found} moved: strike it from STILL_IMPORTED_BY"


def test_a_re_export_nobody_imports_is_deleted() -> None:
    for module in STILL_IMPORTED_BY:
        path = SOURCE.joinpath(*module.split(".")[1:]).with_suffix(".py")
        assert path.exists() == bool(STILL_IMPORTED_BY[module]), module
