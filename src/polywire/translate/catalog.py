"""The CTranslate2 models installed in the model directory, and how each family is driven.

Each model lives in `<model_dir>/<name>/` with a `polywire-model.json` manifest written by
`polywire models install`: its family, the languages or pairs it covers, its licence and where its
CTranslate2 weights and SentencePiece models are. A family says how a segment becomes tokens:

- `marian` (OPUS-MT): `source.spm` / `target.spm`, one pair per model.
- `m2m100`: `__xx__` source and target language tokens.
- `nllb`: FLORES-200 codes (`spa_Latn`) after the source and as the target prefix.
- `madlad`: a `<2xx>` target token before the source.
- `argos`: Argos Translate packages, a CTranslate2 model and one SentencePiece model, one pair.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from polywire.domain import BadInput
from polywire.language_tags import base_language, written_language

MANIFEST = "polywire-model.json"
FAMILIES = ("marian", "m2m100", "nllb", "madlad", "argos")

#: Licences of the published weights of each family (a manifest may say otherwise).
LICENCES: dict[str, tuple[str, bool]] = {
    "marian": ("CC-BY-4.0", True),
    "m2m100": ("MIT", True),
    "nllb": ("CC-BY-NC-4.0", False),
    "madlad": ("Apache-2.0", True),
    "argos": ("see the package", True),
}

#: FLORES-200 codes of NLLB for the wire's languages.
NLLB_CODES = {
    "en": "eng_Latn", "vi": "vie_Latn", "ko": "kor_Hang", "ja": "jpn_Jpan", "ar": "arb_Arab",
    "zh-Hans": "zho_Hans", "zh-Hant": "zho_Hant", "th": "tha_Thai", "id": "ind_Latn",
    "ms": "zsm_Latn", "de": "deu_Latn", "ru": "rus_Cyrl", "fr": "fra_Latn", "es": "spa_Latn",
    "pt": "por_Latn", "it": "ita_Latn", "nl": "nld_Latn", "pl": "pol_Latn", "tr": "tur_Latn",
    "uk": "ukr_Cyrl", "hi": "hin_Deva",
}  # fmt: skip


@dataclass(frozen=True)
class InstalledModel:
    name: str
    path: Path
    family: str
    pairs: tuple[tuple[str, str], ...]
    licence: str
    commercial_use: bool
    weights: str
    source_spm: str
    target_spm: str

    def covers(self, source: str, target: str) -> bool:
        return (source, target) in self.pairs

    def code(self, language: str) -> str:
        """The model's own token for a language (multilingual families)."""
        if self.family == "nllb":
            return NLLB_CODES[language]
        if self.family == "m2m100":
            return f"__{base_language(language)}__"
        return f"<2{base_language(language)}>"


def read_manifest(path: Path) -> InstalledModel:
    try:
        return _read(path)
    except (KeyError, ValueError, TypeError) as error:
        raise BadInput(str(path / MANIFEST), f"broken model manifest: {error!r}") from None


def _read(path: Path) -> InstalledModel:
    data: dict[str, Any] = json.loads((path / MANIFEST).read_text(encoding="utf-8"))
    family = data["family"]
    if family not in FAMILIES:
        raise BadInput(str(path / MANIFEST), f"unknown model family {family!r}")
    if "languages" in data:
        languages = [written_language(x) for x in data["languages"]]
        pairs = tuple((s, t) for s in languages for t in languages if s != t)
    else:
        pairs = tuple((written_language(s), written_language(t)) for s, t in data["pairs"])
    licence, commercial = LICENCES[family]
    return InstalledModel(
        name=data.get("name", path.name),
        path=path,
        family=family,
        pairs=pairs,
        licence=data.get("licence", licence),
        commercial_use=bool(data.get("commercial_use", commercial)),
        weights=data.get("weights", "."),
        source_spm=data["source_spm"],
        target_spm=data.get("target_spm", data["source_spm"]),
    )


def installed(model_dir: Path) -> list[InstalledModel]:
    """The models in `model_dir`, by name; a directory without a manifest is not a model."""
    if not model_dir.is_dir():
        return []
    return [read_manifest(p) for p in sorted(model_dir.iterdir()) if (p / MANIFEST).is_file()]
