"""Tiny CTranslate2 models made in the test: a Transformer with random weights and a
SentencePiece model trained on a few lines. They prove loading, tokenising, batching and
reassembly — not translation quality. The special tokens get a very low output bias, so the
decoder always writes text."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import numpy as np
import sentencepiece
from ctranslate2.specs import transformer_spec

LINES = [
    "The council approved the plan on Monday.",
    "The mayor welcomed the decision of the council.",
    "Der Rat hat den Plan am Montag gebilligt.",
    "Der Bürgermeister begrüßte die Entscheidung des Rates.",
    "Solar power for four thousand homes in the town.",
    "Solarstrom für viertausend Haushalte in der Stadt.",
] * 4

D_MODEL, FFN = 16, 32


def _spm(symbols: list[str]) -> bytes:
    out = io.BytesIO()
    sentencepiece.SentencePieceTrainer.train(
        sentence_iterator=iter(LINES),
        model_writer=out,
        vocab_size=90,
        hard_vocab_limit=False,
        user_defined_symbols=symbols,
        minloglevel=2,
    )
    return out.getvalue()


def _set(spec: object, name: str, value: np.ndarray) -> None:
    parts = name.split("/")
    node = spec
    for part in parts[:-1]:
        index = part.rsplit("_", 1)[-1]
        base = part.rsplit("_", 1)[0]
        if (index.isdigit() and base in ("layer", "embeddings")) or (
            index.isdigit() and base == "linear" and hasattr(node, "linear")
        ):
            node = getattr(node, base)[int(index)]
        else:
            node = getattr(node, part)
    setattr(node, parts[-1], value)


def build(
    folder: Path,
    *,
    symbols: tuple[str, ...] = (),
    spm_names: tuple[str, ...] = ("source.spm", "target.spm"),
    seed: int = 7,
) -> Path:
    """Write a CTranslate2 model and its SentencePiece files into `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    proto = _spm(list(symbols))
    for name in spm_names:
        (folder / name).write_bytes(proto)
    processor = sentencepiece.SentencePieceProcessor(model_proto=proto)
    vocab = [processor.id_to_piece(i) for i in range(processor.get_piece_size())]
    rng = np.random.default_rng(seed)
    spec = transformer_spec.TransformerSpec.from_config((1, 1), 2)
    size = len(vocab)
    for name, value in list(spec.variables().items()):
        if value is not None:
            continue
        if name.endswith("gamma"):
            array = np.ones(D_MODEL, np.float32)
        elif name.endswith("beta"):
            array = np.zeros(D_MODEL, np.float32)
        elif "embeddings" in name or "projection" in name:
            array = rng.standard_normal((size, D_MODEL)).astype(np.float32)
        elif "self_attention/linear_0" in name:
            array = 0.2 * rng.standard_normal((3 * D_MODEL, D_MODEL)).astype(np.float32)
        elif "/attention/linear_1" in name:
            array = 0.2 * rng.standard_normal((2 * D_MODEL, D_MODEL)).astype(np.float32)
        elif "ffn/linear_0" in name:
            array = 0.2 * rng.standard_normal((FFN, D_MODEL)).astype(np.float32)
        elif "ffn/linear_1" in name:
            array = 0.2 * rng.standard_normal((D_MODEL, FFN)).astype(np.float32)
        else:
            array = 0.2 * rng.standard_normal((D_MODEL, D_MODEL)).astype(np.float32)
        _set(spec, name, array)
    bias = np.zeros(size, np.float32)
    for special in ("<unk>", "<s>", "</s>", *symbols):
        bias[vocab.index(special)] = -1e4
    spec.decoder.projection.bias = bias
    spec.register_source_vocabulary(vocab)
    spec.register_target_vocabulary(vocab)
    spec.validate()
    spec.save(str(folder))
    return folder


def argos_package(file: Path, workdir: Path) -> Path:
    """An Argos Translate `.argosmodel` (a zip) with a tiny en→de model."""
    root = workdir / "translate-en_de-1_0"
    build(root / "model", spm_names=("../sentencepiece.model",))
    (root / "metadata.json").write_text(
        json.dumps({"package_version": "1.0", "from_code": "en", "to_code": "de"})
    )
    with zipfile.ZipFile(file, "w") as archive:
        for path in sorted(root.rglob("*")):
            archive.write(path, path.relative_to(workdir))
    return file
