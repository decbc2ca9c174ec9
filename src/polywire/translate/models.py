"""`polywire models install`: put a CTranslate2 model or an Argos package into the model
directory, with the manifest the CTranslate2 engine reads (`catalog.MANIFEST`).

A source is a converted CTranslate2 model directory (with `model.bin` and its SentencePiece
files), an Argos Translate `.argosmodel` package (a zip), or an http(s) URL of such a package,
downloaded first where the machine has the internet. The URL is the operator's (the command
line only, no door of the web app installs a model), so it is fetched with a plain client.
"""

from __future__ import annotations

import json
import re
import shutil
import tempfile
import zipfile
from pathlib import Path
from typing import Any

import httpx

from polywire.domain import BadInput
from polywire.language_tags import written_language
from polywire.translate.catalog import FAMILIES, LICENCES, MANIFEST, InstalledModel, read_manifest

_SPM_NAMES = {
    "marian": ("source.spm", "target.spm"),
    "m2m100": ("sentencepiece.bpe.model", "sentencepiece.bpe.model"),
    "nllb": ("sentencepiece.bpe.model", "sentencepiece.bpe.model"),
    "madlad": ("spiece.model", "spiece.model"),
}
_OPUS_PAIR = re.compile(r"opus-mt-([a-z]{2,3})-([a-z]{2,3})(?![a-z])")


def install(
    source: str,
    model_dir: Path,
    *,
    name: str | None = None,
    family: str | None = None,
    pair: str | None = None,
    languages: list[str] | None = None,
    licence: str | None = None,
    commercial_use: bool | None = None,
) -> InstalledModel:
    """Install `source` under `model_dir` and return it as the engine will see it."""
    if source.startswith(("http://", "https://")):
        with tempfile.TemporaryDirectory() as tmp:
            file = Path(tmp) / (source.rstrip("/").rsplit("/", 1)[-1] or "model.argosmodel")
            _download(source, file)
            return install(str(file), model_dir, name=name, licence=licence,
                           commercial_use=commercial_use)  # fmt: skip
    path = Path(source)
    if path.is_file() and zipfile.is_zipfile(path):
        return _install_argos(path, model_dir, name, licence, commercial_use)
    if not (path / "model.bin").is_file():
        raise BadInput(
            source, "not a CTranslate2 model directory (no model.bin) nor an .argosmodel"
        )
    family = family or _guess_family(path.name)
    if family not in FAMILIES or family == "argos":
        raise BadInput(source, f"say its family with --family ({', '.join(FAMILIES[:-1])})")
    manifest: dict[str, Any] = {"name": name or path.name, "family": family}
    src_spm, tgt_spm = _SPM_NAMES[family]
    if not (path / src_spm).is_file():
        raise BadInput(source, f"{family} model without its SentencePiece model {src_spm}")
    manifest |= {"source_spm": src_spm, "target_spm": tgt_spm}
    if family in ("marian",):
        manifest["pairs"] = [_pair(pair, path.name, source)]
    else:
        if not languages:
            raise BadInput(source, "a multilingual model needs --languages (e.g. en,es,vi)")
        manifest["languages"] = [_tag(x, source) for x in languages]
    return _finish(path, model_dir, manifest, licence, commercial_use, copy_from=path)


def _install_argos(
    path: Path, model_dir: Path, name: str | None, licence: str | None, commercial: bool | None
) -> InstalledModel:
    with tempfile.TemporaryDirectory() as tmp:
        try:
            with zipfile.ZipFile(path) as archive:
                archive.extractall(tmp)
        except zipfile.BadZipFile as error:
            raise BadInput(str(path), f"not a readable Argos package: {error}") from None
        roots = [p.parent for p in Path(tmp).rglob("metadata.json")]
        if len(roots) != 1 or not (roots[0] / "model" / "model.bin").is_file():
            raise BadInput(str(path), "not an Argos package (metadata.json and model/ expected)")
        root = roots[0]
        metadata = json.loads((root / "metadata.json").read_text(encoding="utf-8"))
        pair = [_tag(metadata["from_code"], str(path)), _tag(metadata["to_code"], str(path))]
        manifest = {
            "name": name or f"argos-{pair[0]}-{pair[1]}-{metadata.get('package_version', '0')}",
            "family": "argos",
            "pairs": [pair],
            "weights": "model",
            "source_spm": "sentencepiece.model",
        }
        if not (root / "sentencepiece.model").is_file():
            raise BadInput(str(path), "Argos package without sentencepiece.model")
        return _finish(root, model_dir, manifest, licence, commercial, copy_from=root)


def _finish(
    path: Path,
    model_dir: Path,
    manifest: dict[str, Any],
    licence: str | None,
    commercial: bool | None,
    *,
    copy_from: Path,
) -> InstalledModel:
    default_licence, default_commercial = LICENCES[manifest["family"]]
    manifest["licence"] = licence or default_licence
    manifest["commercial_use"] = default_commercial if commercial is None else commercial
    target = model_dir / manifest["name"]
    if target.exists():
        raise BadInput(str(target), "a model of that name is installed; remove it or use --name")
    model_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=model_dir, prefix=".installing-"))
    try:
        shutil.copytree(copy_from, staging, dirs_exist_ok=True)
        (staging / MANIFEST).write_text(json.dumps(manifest, indent=2, ensure_ascii=False))
        staging.rename(target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return read_manifest(target)


def _download(url: str, file: Path) -> None:
    try:
        with httpx.stream("GET", url, follow_redirects=True, timeout=60) as response:
            response.raise_for_status()
            with file.open("wb") as out:
                for chunk in response.iter_bytes():
                    out.write(chunk)
    except httpx.HTTPError as error:
        raise BadInput(url, f"cannot download: {error}") from None


def _guess_family(name: str) -> str | None:
    lowered = name.lower()
    for family, hint in (("nllb", "nllb"), ("m2m100", "m2m100"), ("madlad", "madlad"),
                         ("marian", "opus-mt")):  # fmt: skip
        if hint in lowered:
            return family
    return None


def _pair(pair: str | None, folder: str, source: str) -> list[str]:
    if pair is None:
        found = _OPUS_PAIR.search(folder.lower())
        if found is None:
            raise BadInput(source, "say which pair the model translates with --pair (e.g. en-es)")
        pair = f"{found.group(1)}-{found.group(2)}"
    parts = pair.split("-") if pair.count("-") == 1 else pair.split(":")
    if len(parts) != 2:
        raise BadInput("--pair", f"{pair!r} is not SOURCE-TARGET (use SOURCE:TARGET for zh-Hant)")
    return [_tag(parts[0], source), _tag(parts[1], source)]


def _tag(tag: str, source: str) -> str:
    return written_language(tag, source=source)
