"""The Apertium engine and the `translate` and `engines` commands, on the installed pairs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from polywire.translate.engines.apertium import ApertiumEngine
from polywire.translate.engines.base import EngineFault

from .cli import polywire

STORY = """Solar cooperative opens its first plant

The cooperative said on Monday that the plant will supply "clean power" to 4,000 homes. \
Details are at https://example.com/solar and press@example.com.

The government welcomed the plan. The mayor called it a good day for the town.

Polywire reported the opening of the plant, which the town council says is the first of three.
"""


def test_apertium_lists_its_installed_pairs(apertium: ApertiumEngine) -> None:
    pairs = apertium.pairs()
    assert {("en", "es"), ("es", "en"), ("es", "pt"), ("fr", "es")} <= set(pairs)
    assert apertium.model("en", "es") is None


def test_apertium_translates_a_batch_one_output_per_segment(apertium: ApertiumEngine) -> None:
    out = apertium.translate(
        ["The cat is black.", "The government announced a new plan.", "Hello"], "en", "es"
    )
    assert out[:2] == ["El gato es negro.", "El gobierno anunció un plan nuevo."]
    assert len(out) == 3


def test_apertium_refuses_a_pair_it_lacks(apertium: ApertiumEngine) -> None:
    with pytest.raises(EngineFault, match="no Apertium pair installed for en→vi"):
        apertium.translate(["Hello."], "en", "vi")


def test_translate_command_json_contract(
    apertium: ApertiumEngine, tmp_path: Path, subprocess_env: dict[str, str]
) -> None:
    story = tmp_path / "story.txt"
    story.write_text(STORY)
    result = polywire(subprocess_env, "translate", str(story), "--to", "es,pt", "--json")
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert set(out) == {"es", "pt"}
    es, pt = out["es"], out["pt"]
    assert set(es) == {"headline", "body", "engine", "model"}
    assert es["headline"] == "La cooperativa solar abre su primera planta"
    assert len(es["body"]) == len(pt["body"]) == 3
    assert es["engine"] == "apertium" and es["model"] is None
    assert pt["engine"] == "apertium>apertium (via es)"
    # protected spans come through untouched; quotes are in the target's CLDR style
    assert "https://example.com/solar" in es["body"][0]
    assert "press@example.com" in es["body"][0]
    assert "«poder limpio»" in es["body"][0]
    assert "“poder limpo”" in pt["body"][0]
    assert es["body"][2].startswith("Polywire ")
    assert "cooperativa" in pt["headline"]


def test_translate_command_text_output(
    apertium: ApertiumEngine, tmp_path: Path, subprocess_env: dict[str, str]
) -> None:
    result = polywire(subprocess_env, "translate", "-", "--to", "es", stdin=STORY)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("== es (apertium)\n\nLa cooperativa solar")


def test_language_no_engine_can_do_is_reported_not_faked(
    apertium: ApertiumEngine, tmp_path: Path, subprocess_env: dict[str, str]
) -> None:
    story = tmp_path / "story.txt"
    story.write_text(STORY)
    result = polywire(subprocess_env, "translate", str(story), "--to", "es,vi", "--json")
    assert result.returncode == 2
    out = json.loads(result.stdout)
    assert out["es"]["engine"] == "apertium"
    assert out["vi"] == {"error": "no engine can translate en → vi (or through en, es)"}
    assert "polywire: error: vi: no engine can translate en → vi" in result.stderr


def test_pivot_forbidden_by_settings(
    apertium: ApertiumEngine, tmp_path: Path, subprocess_env: dict[str, str]
) -> None:
    env = {**subprocess_env, "POLYWIRE_TRANSLATE__PIVOTS": "[]"}
    result = polywire(env, "translate", "-", "--to", "pt", "--json", stdin=STORY)
    assert result.returncode == 2
    assert json.loads(result.stdout)["pt"] == {"error": "no engine can translate en → pt"}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["missing.txt", "--to", "es"], "polywire: error: missing.txt: no such file"),
        (["-", "--to", "es", "--engine", "babelfish"], "--engine babelfish: no such engine"),
        (["-", "--to", "1"], "--to 1: not a BCP 47 language tag"),
    ],
)
def test_bad_input_is_named(args: list[str], message: str, subprocess_env: dict[str, str]) -> None:
    result = polywire(subprocess_env, "translate", *args, stdin=STORY)
    assert result.returncode == 2
    assert message in result.stderr
    assert result.stdout == ""


def test_engines_command_lists_pairs(
    apertium: ApertiumEngine, subprocess_env: dict[str, str]
) -> None:
    result = polywire(subprocess_env, "engines", "--json")
    assert result.returncode == 0, result.stderr
    listing = {e["name"]: e for e in json.loads(result.stdout)}
    assert ["en", "es"] in listing["apertium"]["pairs"]
    assert "low quality" in listing["apertium"]["description"]
    text = polywire(subprocess_env, "engines")
    assert "en→es" in text.stdout


def test_a_hung_apertium_times_out(tmp_path: Path) -> None:
    hung = tmp_path / "apertium"
    hung.write_text('#!/bin/sh\n[ "$1" = -l ] && { echo eng-spa; exit 0; }\nexec sleep 30\n')
    hung.chmod(0o755)
    engine = ApertiumEngine(executable=str(hung), timeout=0.5)
    assert engine.pairs() == [("en", "es")]
    with pytest.raises(EngineFault, match=r"eng-spa timed out after 0\.5 s"):
        engine.translate(["The cat is black."], "en", "es")


def test_a_crashing_apertium_is_a_fault(tmp_path: Path) -> None:
    broken = tmp_path / "apertium"
    broken.write_text(
        '#!/bin/sh\n[ "$1" = -l ] && { echo eng-spa; exit 0; }\necho boom >&2\nexit 3\n'
    )
    broken.chmod(0o755)
    with pytest.raises(EngineFault, match="eng-spa exited 3: boom"):
        ApertiumEngine(executable=str(broken)).translate(["The cat."], "en", "es")


def test_each_segment_comes_back_with_its_own_words(
    apertium: ApertiumEngine, tmp_path: Path, subprocess_env: dict[str, str]
) -> None:
    """Regression: segments one newline apart let Apertium move `October` into the paragraph
    and `Consumers` into the headline (`…en Consumidores` + `de octubre han…`)."""
    story = tmp_path / "story.txt"
    story.write_text(
        "Prices rose by 5 percent in October\n\n"
        "Consumers have paid more for food this year.\n\n"
        "The ministry said prices would fall again next year as harvests recover.\n"
    )
    result = polywire(subprocess_env, "translate", str(story), "--to", "es,pt", "--json")
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    for language in ("es", "pt"):
        headline, body = out[language]["headline"], out[language]["body"]
        assert headline.endswith("outubro" if language == "pt" else "octubre"), headline
        assert "onsumidor" not in headline, headline
        assert body[0].lower().startswith(("los consumidores", "os consumidores")), body
        assert "octubre" not in body[0] and "outubro" not in body[0], body
        assert len(body) == 2 and "5" not in body[1]
    segments = ["Prices rose by 5 percent in October", "", "Consumers have paid more."]
    translated = apertium.translate(segments, "en", "es")
    assert translated[0].endswith("en octubre") and translated[1] == ""
    assert translated[2] == "Los consumidores han pagado más."


def test_a_possessed_placeholder_takes_the_genitive(apertium: ApertiumEngine) -> None:
    """It stands in as a proper noun the segment does not hold (here not `John`), and comes
    back as itself."""
    segments = ["John met ⟦1⟧'s chief.", "⟦1⟧’s shares fell after ⟦2⟧'s chief left."]
    met, fell = apertium.translate(segments, "en", "es")
    assert met == "John cumplió el jefe de ⟦1⟧."
    assert fell.startswith("Las acciones de ⟦1⟧ cayeron") and "el jefe de ⟦2⟧" in fell, fell


def test_spanish_nada_keeps_its_negation_into_french(apertium: ApertiumEngine) -> None:
    """es-fr reads every `nada` as the verb `nadar` (`Il nage`); through Spanish, an English
    "nothing" reaches French as `rien`, whatever its case, and `nadar` itself is untouched."""
    segments = ["Nada cambiará para los clientes.", "No dijo nada sobre Peter.", "Ella nadó."]
    first, second, swim = apertium.translate(segments, "es", "fr")
    assert first.startswith("Rien ") and "nage" not in first, first
    assert "rien" in second and "nage" not in second and "Peter" in second, second
    assert "nag" in swim, swim
    spanish = apertium.translate(["Nothing will change."], "en", "es")
    assert apertium.translate(spanish, "es", "fr")[0].startswith("Rien "), spanish
