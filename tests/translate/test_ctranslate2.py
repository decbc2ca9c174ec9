"""The CTranslate2 engine on tiny models built here, and `polywire models install`."""

from __future__ import annotations

import functools
import json
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from polywire.domain import BadInput
from polywire.translate.engines.base import EngineFault
from polywire.translate.engines.ctranslate2_engine import CTranslate2Engine
from polywire.translate.models import install

from . import tiny_models
from .cli import polywire

STORY = """Council approves the solar plan

The council approved the plan on Monday. The mayor welcomed the decision.

Solar power for four thousand homes in the town.
"""


@pytest.fixture(scope="module")
def marian_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tiny_models.build(tmp_path_factory.mktemp("build") / "opus-mt-en-de-tiny")


def test_install_and_translate_from_the_command_line(
    marian_dir: Path, tmp_path: Path, subprocess_env: dict[str, str]
) -> None:
    installed = polywire(subprocess_env, "models", "install", str(marian_dir), "--json")
    assert installed.returncode == 0, installed.stderr
    assert json.loads(installed.stdout)["pairs"] == [["en", "de"]]
    listing = json.loads(polywire(subprocess_env, "models", "list", "--json").stdout)
    assert [(m["name"], m["family"], m["licence"]) for m in listing] == [
        ("opus-mt-en-de-tiny", "marian", "CC-BY-4.0")
    ]
    engines = {
        e["name"]: e for e in json.loads(polywire(subprocess_env, "engines", "--json").stdout)
    }
    assert engines["ctranslate2"]["pairs"] == [["en", "de"]]

    result = polywire(subprocess_env, "translate", "-", "--to", "de", "--json", stdin=STORY)
    assert result.returncode == 0, result.stderr
    de = json.loads(result.stdout)["de"]
    assert (de["engine"], de["model"]) == ("ctranslate2", "opus-mt-en-de-tiny")
    assert len(de["body"]) == 2 and all(p.strip() for p in de["body"])
    assert de["headline"].strip()


def test_batches_in_tokens_keep_every_segment_in_order(marian_dir: Path, tmp_path: Path) -> None:
    install(str(marian_dir), tmp_path / "models")
    segments = [*dict.fromkeys(tiny_models.LINES), "Homes.", "The town of the mayor."] * 2
    whole = CTranslate2Engine(tmp_path / "models", threads=1, max_batch_tokens=4096)
    small = CTranslate2Engine(tmp_path / "models", threads=1, max_batch_tokens=16)
    one_by_one = [whole.translate([s], "en", "de")[0] for s in segments]
    assert whole.translate(segments, "en", "de") == one_by_one
    assert small.translate(segments, "en", "de") == one_by_one
    assert len(set(one_by_one)) > 1
    with pytest.raises(EngineFault, match="no installed model for en→fr"):
        whole.translate(segments, "en", "fr")


def test_argos_package(tmp_path: Path) -> None:
    package = tiny_models.argos_package(tmp_path / "en_de.argosmodel", tmp_path / "work")
    model = install(str(package), tmp_path / "models")
    assert (model.name, model.family, model.pairs) == ("argos-en-de-1.0", "argos", (("en", "de"),))
    engine = CTranslate2Engine(tmp_path / "models", threads=1)
    out = engine.translate(["The mayor welcomed the decision.", "Solar power."], "en", "de")
    assert len(out) == 2 and all(out)


def test_nllb_needs_language_codes_and_says_it_is_non_commercial(
    tmp_path: Path, subprocess_env: dict[str, str]
) -> None:
    folder = tiny_models.build(
        tmp_path / "nllb-tiny",
        symbols=("eng_Latn", "deu_Latn"),
        spm_names=("sentencepiece.bpe.model",),
    )
    missing = polywire(subprocess_env, "models", "install", str(folder))
    assert missing.returncode == 2
    assert "a multilingual model needs --languages" in missing.stderr
    done = polywire(subprocess_env, "models", "install", str(folder), "--languages", "en,de")
    assert done.returncode == 0, done.stderr
    assert "nllb-tiny is not for commercial use" in done.stderr
    result = polywire(
        subprocess_env, "translate", "-", "--to", "de", "--engine", "ctranslate2", "--json",
        stdin=STORY,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["de"]["model"] == "nllb-tiny"
    assert "nllb-tiny is licensed CC-BY-NC-4.0: not for commercial use" in result.stderr


def test_bad_model_sources_are_named(tmp_path: Path, subprocess_env: dict[str, str]) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    result = polywire(subprocess_env, "models", "install", str(empty))
    assert result.returncode == 2
    assert f"{empty}: not a CTranslate2 model directory (no model.bin)" in result.stderr


def test_install_an_argos_package_from_a_url(tmp_path: Path) -> None:
    served = tmp_path / "served"
    served.mkdir()
    tiny_models.argos_package(served / "translate-en_de-1_0.argosmodel", tmp_path / "work")
    handler = functools.partial(SimpleHTTPRequestHandler, directory=str(served))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/translate-en_de-1_0.argosmodel"
        model = install(url, tmp_path / "models")
        with pytest.raises(BadInput, match=r"cannot download: .*404"):
            install(url + ".missing", tmp_path / "models")
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
    assert (model.name, model.pairs) == ("argos-en-de-1.0", (("en", "de"),))
    assert CTranslate2Engine(tmp_path / "models", threads=1).translate(["Homes."], "en", "de")[0]


def test_a_model_installed_later_is_found_and_a_broken_one_is_a_fault(
    marian_dir: Path, tmp_path: Path
) -> None:
    engine = CTranslate2Engine(tmp_path / "models", threads=1)
    assert engine.pairs() == []
    model = install(str(marian_dir), tmp_path / "models")
    assert engine.pairs() == [("en", "de")]
    (model.path / "model.bin").write_bytes(b"not a model")
    with pytest.raises(EngineFault, match="cannot load"):
        engine.translate(["The mayor welcomed the decision."], "en", "de")


@pytest.mark.parametrize(
    ("family", "symbols", "spm"),
    [
        ("m2m100", ("__en__", "__de__"), "sentencepiece.bpe.model"),
        ("madlad", ("<2de>", "<2en>"), "spiece.model"),
    ],
)
def test_multilingual_families_take_their_language_tokens(
    tmp_path: Path, family: str, symbols: tuple[str, ...], spm: str
) -> None:
    folder = tiny_models.build(tmp_path / f"{family}-tiny", symbols=symbols, spm_names=(spm,))
    model = install(str(folder), tmp_path / "models", languages=["en", "de"])
    assert (model.family, set(model.pairs)) == (family, {("en", "de"), ("de", "en")})
    engine = CTranslate2Engine(tmp_path / "models", threads=1)
    out = engine.translate(["The mayor welcomed the decision.", "Homes."], "en", "de")
    assert len(out) == 2 and all(out)
    assert not any(symbol in text for symbol in symbols for text in out)
