"""Webhook subscribers' endpoints for the chaos test: a threaded HTTP server on 127.0.0.1 that
records every delivery (path, `webhook-id`, the story's uri and version) and answers after
`delay` seconds, so that a test can keep deliveries in workers' hands while it injects a fault."""

from __future__ import annotations

import json
import threading
import time
from collections import defaultdict
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from helpers import free_port


class Hooks:
    def __init__(self) -> None:
        self.port = free_port()
        self.delay = 0.0
        #: (path, story uri, version) -> the webhook-ids it arrived with, in order
        self.arrived: dict[tuple[str, str, int], list[str]] = defaultdict(list)
        self._lock = threading.Lock()
        hooks = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("content-length", "0")))
                time.sleep(hooks.delay)
                ninjs = json.loads(body)["data"]
                key = (self.path, ninjs["uri"], int(ninjs["version"]))
                with hooks._lock:
                    hooks.arrived[key].append(self.headers["webhook-id"])
                self.send_response(204)
                self.end_headers()

            def log_message(self, format: str, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        self.server.daemon_threads = True
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def received(self) -> dict[tuple[str, str, int], list[str]]:
        with self._lock:
            return {key: list(ids) for key, ids in self.arrived.items()}
