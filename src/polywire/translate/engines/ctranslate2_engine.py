"""CTranslate2: offline neural MT on CPU or GPU with converted OPUS-MT, M2M100, NLLB, MADLAD-400
models and Argos Translate packages (see `polywire.translate.catalog`).

Segments are tokenised with the model's SentencePiece models, given the family's language tokens,
and translated in batches bounded in tokens (`max_batch_size`, `batch_type="tokens"`). A model is
loaded on first use and kept; a model installed while the wire runs is found on the next call.
A model not licensed for commercial use says so through `Model.notice` whenever it is chosen.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from pathlib import Path

import ctranslate2
import sentencepiece

from polywire.translate.catalog import InstalledModel, installed
from polywire.translate.engines.base import Engine, EngineFault, Model

_SPECIAL = frozenset({"<s>", "</s>", "<pad>", "<unk>"})


class _Loaded:
    def __init__(self, model: InstalledModel, device: str, threads: int) -> None:
        self.model = model
        self.translator = ctranslate2.Translator(
            str(model.path / model.weights), device=device, intra_threads=threads
        )
        self.source = sentencepiece.SentencePieceProcessor(
            model_file=str(model.path / model.source_spm)
        )
        self.target = (
            self.source
            if model.target_spm == model.source_spm
            else sentencepiece.SentencePieceProcessor(model_file=str(model.path / model.target_spm))
        )


class CTranslate2Engine(Engine):
    name = "ctranslate2"
    description = (
        "CTranslate2 neural MT with installed OPUS-MT, M2M100, NLLB, MADLAD-400 or Argos models"
    )

    def __init__(
        self,
        model_dir: Path,
        *,
        device: str = "cpu",
        threads: int = 0,
        max_batch_tokens: int = 2048,
        beam_size: int = 2,
        max_decoding_length: int = 256,
    ) -> None:
        self.model_dir = model_dir
        self.device = device
        self.threads = threads
        self.max_batch_tokens = max_batch_tokens
        self.beam_size = beam_size
        self.max_decoding_length = max_decoding_length
        self._models: list[InstalledModel] = []
        self._seen: float | None = None
        self._loaded: dict[str, _Loaded] = {}
        self._lock = threading.Lock()

    def _installed(self) -> list[InstalledModel]:
        """The installed models, read again when the model directory changed (an install)."""
        try:
            changed = self.model_dir.stat().st_mtime
        except FileNotFoundError:
            changed = None
        if changed != self._seen:
            self._models, self._seen = installed(self.model_dir), changed
        return self._models

    def _find(self, source: str, target: str) -> InstalledModel | None:
        return next((m for m in self._installed() if m.covers(source, target)), None)

    def pairs(self) -> list[tuple[str, str]]:
        return sorted({pair for m in self._installed() for pair in m.pairs})

    def model(self, source: str, target: str) -> Model | None:
        found = self._find(source, target)
        if found is None:
            return None
        return Model(found.name, found.licence, commercial_use=found.commercial_use)

    def _load(self, model: InstalledModel) -> _Loaded:
        with self._lock:
            if model.name not in self._loaded:
                try:
                    self._loaded[model.name] = _Loaded(model, self.device, self.threads)
                except (RuntimeError, OSError, ValueError) as error:
                    raise EngineFault(self.name, f"cannot load {model.path}: {error}") from None
            return self._loaded[model.name]

    def translate(
        self,
        segments: Sequence[str],
        source: str,
        target: str,
        *,
        glossary: dict[str, str] | None = None,
    ) -> list[str]:
        found = self._find(source, target)
        if found is None:
            raise EngineFault(self.name, f"no installed model for {source}→{target}")
        if not segments:
            return []
        loaded = self._load(found)
        family = found.family
        tokens: list[list[str]] = []
        for text in segments:
            pieces: list[str] = loaded.source.encode(text, out_type=str)
            if family == "m2m100" or family == "nllb":
                pieces = [found.code(source), *pieces, "</s>"]
            elif family == "madlad":
                pieces = [found.code(target), *pieces, "</s>"]
            else:
                pieces = [*pieces, "</s>"]
            tokens.append(pieces)
        prefix = [[found.code(target)]] * len(tokens) if family in ("m2m100", "nllb") else None
        try:
            results = loaded.translator.translate_batch(
                tokens,
                target_prefix=prefix,
                max_batch_size=self.max_batch_tokens,
                batch_type="tokens",
                beam_size=self.beam_size,
                max_decoding_length=self.max_decoding_length,
                disable_unk=True,
            )
        except (RuntimeError, ValueError) as error:
            raise EngineFault(self.name, f"{found.name}: {error}") from None
        out = []
        for result in results:
            hypothesis = result.hypotheses[0]
            if prefix is not None:
                hypothesis = hypothesis[1:]
            pieces = [p for p in hypothesis if p not in _SPECIAL]
            out.append(loaded.target.decode(pieces).strip())
        return out
