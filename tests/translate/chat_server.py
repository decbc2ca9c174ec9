"""An OpenAI-compatible `/v1/chat/completions` server on 127.0.0.1 for the tests.

It stands in for a hosted chat model: it reads the segments from the request as the engine sends
them and answers in the real response format. Spanish comes from the real Apertium engine; other
languages get a marked copy (`(vi) …`). Faults are queued: each request takes the next one.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from polywire.translate.engines.apertium import ApertiumEngine


class ChatServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.requests: list[dict[str, Any]] = []
        self.faults: list[str] = []
        self.release = threading.Event()
        self.apertium = ApertiumEngine()
        self.lock = threading.Lock()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/v1"

    def answer(self, body: dict[str, Any]) -> tuple[int, dict[str, str], bytes]:
        with self.lock:
            fault = self.faults.pop(0) if self.faults else None
        if fault is not None and fault.isdigit():
            headers = {"Retry-After": "0"} if fault == "429" else {}
            return int(fault), headers, json.dumps({"error": {"message": "busy"}}).encode()
        if fault == "slow":
            self.release.wait(10)
        system, user = body["messages"][0]["content"], body["messages"][1]["content"]
        segments: list[str] = json.loads(user)["segments"]
        target = re.search(r"into (.+?), as a news agency", system)
        language = target.group(1) if target else "?"
        if fault == "echo":
            translations = list(segments)
        elif language == "Spanish":
            translations = self.apertium.translate(segments, "en", "es")
        else:
            translations = [f"({language[:2].lower()}) {s}" for s in segments]
        if fault == "short":
            translations = translations[:-1]
        content = json.dumps({"translations": translations}, ensure_ascii=False)
        if fault == "fenced":
            content = f"```json\n{content}\n```"
        if fault == "prose":
            content = "Sure! Here is the translation."
        reply = {
            "id": "chatcmpl-1",
            "object": "chat.completion",
            "model": body["model"],
            "choices": [
                {
                    "index": 0,
                    "finish_reason": "stop",
                    "message": {"role": "assistant", "content": content},
                }
            ],
            "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
        }
        return 200, {}, json.dumps(reply, ensure_ascii=False).encode()


class _Handler(BaseHTTPRequestHandler):
    server: ChatServer

    def do_POST(self) -> None:
        if self.path != "/v1/chat/completions":
            self.send_error(404)
            return
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        with self.server.lock:
            self.server.requests.append({"headers": dict(self.headers), "body": body})
        status, headers, payload = self.server.answer(body)
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def chat_server() -> Iterator[ChatServer]:
    server = ChatServer()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.release.set()
        server.shutdown()
        server.server_close()
        thread.join()
