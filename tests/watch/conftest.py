"""Watch tests never see the machine's webhook setting unless they set one themselves."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _no_webhook(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests opt in to a webhook explicitly; the environment of the machine never leaks in."""
    monkeypatch.delenv("THREATGRAPH_WEBHOOK", raising=False)
