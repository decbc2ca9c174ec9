"""The words a release is wrapped in, per language: dateline, attribution, notices, sector names.

Shipped in `compose/texts/<language>.toml` for the fifteen target languages; a deployment
overrides any key in `<publish.texts_dir>/<language>.toml`. A language without texts falls back to
its base language (`pt-BR` → `pt`), then to English. English disclaimer and "about" paragraph are
the `brand` settings, so that a deployment words them once.

`fill` puts the release's values into a text: only `{brand}`, `{publisher}`, `{place}`, `{date}`
(the dateline's), `{reason}` and `{engine}` (the machine that translated) are placeholders; any
other brace is text, printed as written, so that no wording of a deployment (`{brnad}`,
`50% {off}`, `{0}`) can stop a release.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any

from polywire.config import BrandSettings
from polywire.domain import PolywireError
from polywire.language_tags import fallbacks

TARGET_LANGUAGES = (
    "en",
    "vi",
    "ko",
    "ja",
    "ar",
    "zh-Hans",
    "zh-Hant",
    "th",
    "id",
    "ms",
    "de",
    "ru",
    "fr",
    "es",
    "pt",
)


@dataclass(frozen=True)
class Texts:
    language: str
    dateline: str
    dateline_place: str
    attribution: str
    correction: str
    machine_translated: str
    edited_translation: str
    human_translation: str
    received_translation: str
    corrected: str
    withdrawal: str
    sectors_label: str
    list_separator: str
    about_heading: str
    contacts_heading: str
    disclaimer: str
    about: str
    sectors: dict[str, str] = field(default_factory=dict)


def texts_for(language: str, brand: BrandSettings, overrides: Path | None = None) -> Texts:
    """The texts of `language` (or of the nearest language that has them)."""
    found = _nearest(language)
    data: dict[str, Any] = {"disclaimer": brand.disclaimer, "about": brand.about}
    data.update(_shipped(found))
    if overrides is not None:
        data.update(_override(overrides, found))
    sectors = {**_shipped(found).get("sectors", {}), **data.get("sectors", {})}
    try:
        return Texts(
            language=found,
            **{k: str(data[k]) for k in _KEYS},
            sectors={str(k).casefold(): str(v) for k, v in sectors.items()},
        )
    except KeyError as missing:
        raise PolywireError(f"texts for {found!r}: missing key {missing}") from None


_PLACEHOLDER = re.compile(r"\{(brand|publisher|place|date|reason|engine)\}")


def fill(template: str, values: dict[str, str]) -> str:
    """`template` with each placeholder that `values` names replaced by its value."""
    return _PLACEHOLDER.sub(lambda found: values.get(found[1], found[0]), template)


_KEYS = (
    "dateline",
    "dateline_place",
    "attribution",
    "correction",
    "machine_translated",
    "edited_translation",
    "human_translation",
    "received_translation",
    "corrected",
    "withdrawal",
    "sectors_label",
    "list_separator",
    "about_heading",
    "contacts_heading",
    "disclaimer",
    "about",
)


def _nearest(language: str) -> str:
    return next((tag for tag in fallbacks(language) if tag in TARGET_LANGUAGES), "en")


@cache
def _shipped(language: str) -> dict[str, Any]:
    resource = files("polywire.compose") / "texts" / f"{language}.toml"
    return tomllib.loads(resource.read_text(encoding="utf-8"))


def _override(folder: Path, language: str) -> dict[str, Any]:
    path = folder / f"{language}.toml"
    if not path.is_file():
        return {}
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise PolywireError(f"{path}: not valid TOML: {error}") from None
