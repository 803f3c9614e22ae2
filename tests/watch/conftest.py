"""Watch test fixtures: no webhook from the environment, and recording HTTP servers on 127.0.0.1."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest


@pytest.fixture(autouse=True)
def _no_webhook(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests opt in to a webhook explicitly; the environment of the machine never leaks in."""
    monkeypatch.delenv("THREATGRAPH_WEBHOOK", raising=False)


class _Recorder(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, status: int, delay: float = 0.0) -> None:
        self.status = status
        self.delay = delay
        self.bodies: list[dict] = []
        super().__init__(("127.0.0.1", 0), _Handler)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/hook"


class _Handler(BaseHTTPRequestHandler):
    server: _Recorder

    def do_POST(self) -> None:  # noqa: N802 - http.server API
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        time.sleep(self.server.delay)
        self.server.bodies.append(json.loads(body))
        self.send_response(self.server.status)
        self.end_headers()
        self.wfile.write(b"nope" if self.server.status >= 400 else b"ok")

    def log_message(self, *_args) -> None:
        pass


@pytest.fixture
def serve() -> Iterator:
    servers: list[_Recorder] = []

    def start(status: int = 200, delay: float = 0.0) -> _Recorder:
        srv = _Recorder(status, delay)
        threading.Thread(target=srv.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
        servers.append(srv)
        return srv

    yield start
    for srv in servers:
        srv.shutdown()
        srv.server_close()
