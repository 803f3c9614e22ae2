"""Browser-test fixtures: the hand-built archive served by uvicorn on a free loopback port, and Debian chromium.

The archive module lives with the API tests (one fixture set for both), hence the path entry.
"""

from __future__ import annotations

import os
import socket
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "api"))

from api_archive import build_archive  # noqa: E402

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def live_server(tmp_path_factory) -> Iterator[dict]:
    """uvicorn in a thread over a fresh archive; stopped (and joined) after the module."""
    import uvicorn

    from threatgraph.api.app import create_app
    from threatgraph.store.db import open_store

    tmp = tmp_path_factory.mktemp("web")
    os.environ["THREATGRAPH_HOME"] = str(tmp / "home")
    engine = open_store(f"sqlite:///{tmp / 'web.db'}")
    ids = build_archive(engine)
    port = _free_port()
    server = uvicorn.Server(
        uvicorn.Config(create_app(engine, token="t"), host="127.0.0.1", port=port, log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    try:
        yield {"url": f"http://127.0.0.1:{port}", "engine": engine, **ids}
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser():
    """Debian chromium through Playwright; skipped when absent except in CI, where it must be there."""
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing in CI: install the Debian chromium package")
        pytest.skip(f"{CHROMIUM} not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()
