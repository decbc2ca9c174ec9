"""`polywire.language_tags`' readings, by the name the checks that other changes own still import
them from (`check/names.py`, `check/kept_names.py`, and `currency`, `names` and `negation` in
`check/checks/`). Every other module imports `polywire.language_tags` itself; this re-export goes
with its last importer (tests/architecture/test_shims.py keeps the list, which only shrinks).
"""

from __future__ import annotations

from polywire.language_tags import base_language, language_name, locale_for, script_of

__all__ = ["base_language", "language_name", "locale_for", "script_of"]
