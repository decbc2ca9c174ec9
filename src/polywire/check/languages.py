"""Language tags as the checks need them: the base language, its CLDR locales and its script.

The readings are `polywire.language_tags`', the one module every stage reads tags with; the
checks in `check/checks/` and `check/names.py` import them by this name (the rest of the package
imports `polywire.language_tags` itself).
"""

from __future__ import annotations

from polywire.language_tags import (
    base_language,
    language_name,
    locale_for,
    regional_locales,
    script_of,
)

__all__ = ["base_language", "language_name", "locale_for", "regional_locales", "script_of"]
