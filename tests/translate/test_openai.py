"""The OpenAI-compatible engine against a chat server on 127.0.0.1 (see chat_server.py)."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from pydantic import SecretStr

from polywire.settings.translate import Glossary, OpenAISettings
from polywire.translate.document import Translator
from polywire.translate.engines.apertium import ApertiumEngine
from polywire.translate.engines.base import EngineFault
from polywire.translate.engines.openai_chat import OpenAIChatEngine, language_name
from polywire.translate.memory import DictMemory
from polywire.translate.router import Router

from .chat_server import ChatServer, chat_server
from .cli import polywire

STORY = """Council approves the solar plan

The council approved the plan on Monday. "It is a good day," the mayor said.

Details of the plan, which covers four districts, are at https://example.com/solar.
"""
BODY = ["The government approved the plan on Monday.", "The mayor welcomed the decision."]


@pytest.fixture
def server(apertium: ApertiumEngine) -> Iterator[ChatServer]:
    with chat_server() as running:
        yield running


def engine_for(server: ChatServer, **settings: object) -> OpenAIChatEngine:
    config = {"base_url": server.base_url, "model": "tiny-chat", "backoff_seconds": 0.0} | settings
    return OpenAIChatEngine(OpenAISettings.model_validate(config))


def test_translate_command_with_routes_per_language(
    server: ChatServer, subprocess_env: dict[str, str]
) -> None:
    env = {
        **subprocess_env,
        "POLYWIRE_TRANSLATE__OPENAI__BASE_URL": server.base_url,
        "POLYWIRE_TRANSLATE__OPENAI__MODEL": "tiny-chat",
        "POLYWIRE_TRANSLATE__OPENAI__API_KEY": "sk-test",
        "POLYWIRE_TRANSLATE__ROUTES": json.dumps({"es": ["openai", "apertium"], "vi": ["openai"]}),
    }
    result = polywire(env, "translate", "-", "--to", "es,vi", "--json", stdin=STORY)
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert (out["es"]["engine"], out["es"]["model"]) == ("openai", "tiny-chat")
    assert out["es"]["body"][0].startswith("El consejo aprobó el plan el lunes. «")
    assert out["vi"]["engine"] == "openai"
    assert out["vi"]["body"][1] == (
        "(vi) Details of the plan, which covers four districts, are at https://example.com/solar."
    )
    assert out["vi"]["body"][0].count("“") == 1  # CLDR quotes for Vietnamese
    first = server.requests[0]
    assert first["headers"]["Authorization"] == "Bearer sk-test"
    assert first["body"]["model"] == "tiny-chat"
    segments = json.loads(first["body"]["messages"][1]["content"])["segments"]
    assert (
        "Details of the plan, which covers four districts, are at ⟦1⟧." in segments
    )  # the URL never reaches the model
    listing = {e["name"]: e for e in json.loads(polywire(env, "engines", "--json").stdout)}
    assert listing["openai"]["pairs"] == [["*", "*"]]


def test_system_prompt_names_languages_and_glossary(server: ChatServer) -> None:
    engine = engine_for(server)
    engine.translate(["The plan."], "en", "zh-Hant", glossary={"the plan": "該計劃"})
    system = server.requests[0]["body"]["messages"][0]["content"]
    assert "from English into Chinese (Traditional)" in system
    assert "the plan → 該計劃" in system
    assert "⟦1⟧" in system
    assert language_name("pt") == "Portuguese"


@pytest.mark.parametrize("faults", [["429"], ["503", "502"], ["fenced"]])
def test_retries_on_busy_and_server_errors(server: ChatServer, faults: list[str]) -> None:
    server.faults = list(faults)
    out = engine_for(server).translate(BODY, "en", "es")
    assert out[0] == "El gobierno aprobó el plan el lunes."
    assert len(server.requests) == len(faults) + (0 if faults == ["fenced"] else 1)


@pytest.mark.parametrize(
    ("faults", "message"),
    [
        (["500", "500", "500"], "gave up after 3 tries: HTTP 500"),
        (["400"], "HTTP 400"),
        (["short"], "answered 1 translations for 2 segments"),
        (["prose"], "answer is not the JSON asked for"),
        (["slow"], "gave up after 1 tries: ReadTimeout"),
    ],
)
def test_faults_are_clear(server: ChatServer, faults: list[str], message: str) -> None:
    server.faults = list(faults)
    slow = faults == ["slow"]
    engine = engine_for(server, max_retries=0 if slow else 2, timeout_seconds=0.3 if slow else 30)
    with pytest.raises(EngineFault, match=message):
        engine.translate(BODY, "en", "es")


@pytest.mark.parametrize("fault", ["short", "echo", "500"])
def test_a_failing_chat_model_falls_back_to_apertium(
    server: ChatServer, apertium: ApertiumEngine, fault: str
) -> None:
    server.faults = [fault]
    engines = {"openai": engine_for(server, max_retries=0), "apertium": apertium}
    translator = Translator(Router(engines, order=["openai", "apertium"]), DictMemory())
    done = translator.translate("Good news", BODY, "en", "es", glossary=Glossary())
    assert done.engine == ("openai+apertium" if fault == "echo" else "apertium")
    assert done.body[0] == "El gobierno aprobó el plan el lunes."


def test_unconfigured_engine_offers_nothing() -> None:
    engine = OpenAIChatEngine(OpenAISettings(api_key=SecretStr("x")))
    assert engine.pairs() == []
    with pytest.raises(EngineFault, match="no base_url and model"):
        engine.translate(["x"], "en", "es")
