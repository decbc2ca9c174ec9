"""The optional chat-model classifier, against a stand-in that speaks the OpenAI chat-completions
protocol over a real socket: its choice is constrained to the vocabulary's codes."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, ClassVar

import pytest
from helpers import free_port

from polywire.classify.classifier import Classifier, StoryText
from polywire.settings.classify import ClassifySettings

STORY = StoryText(
    "Central bank raises interest rates",
    ["The central bank raised interest rates again as inflation stayed high; shares fell."],
    "en",
)


class _ChatModel(BaseHTTPRequestHandler):
    answer: ClassVar[dict[str, Any]] = {}
    requests: ClassVar[list[dict[str, Any]]] = []

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        type(self).requests.append(
            {"path": self.path, "auth": self.headers["Authorization"], **body}
        )
        reply = {
            "choices": [{"message": {"role": "assistant", "content": json.dumps(self.answer)}}]
        }
        data = json.dumps(reply).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def chat_model() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", free_port()), _ChatModel)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    _ChatModel.requests = []
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/v1"
    finally:
        server.shutdown()
        server.server_close()


def test_the_chat_model_chooses_among_allowed_codes_only(chat_model: str) -> None:
    _ChatModel.answer = {
        "topics": ["medtop:20000350", "medtop:99999999", "medtop:20000064", "medtop:04000000"]
    }
    settings = ClassifySettings(llm_url=chat_model, llm_model="tiny", llm_api_key="k")
    result = Classifier(settings).classify(STORY)
    # central bank, then economy; the unknown and the retired code are dropped
    assert [t.code for t in result.topics] == ["medtop:20000350", "medtop:04000000"]
    assert "chosen by tiny" in result.topics[0].evidence
    request = _ChatModel.requests[0]
    assert request["path"] == "/v1/chat/completions" and request["auth"] == "Bearer k"
    allowed = request["response_format"]["json_schema"]["schema"]["properties"]["topics"]
    assert "medtop:04000000" in allowed["items"]["enum"]
    assert "medtop:20000064" not in allowed["items"]["enum"]
    assert result.sectors == ["Business"]


def test_an_unreachable_chat_model_leaves_the_lexical_topics() -> None:
    settings = ClassifySettings(llm_url=f"http://127.0.0.1:{free_port()}/v1", llm_timeout_seconds=2)
    result = Classifier(settings).classify(STORY)
    assert result.topics[0].code == "medtop:04000000"
    assert not any(w.startswith("chosen by") for w in result.topics[0].evidence)
