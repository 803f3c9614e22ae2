"""Settings read from the environment, with defaults for the embedded single-user setup.

THREATGRAPH_DB       SQLAlchemy URL (default: sqlite file ``threatgraph.db`` in the working dir)
THREATGRAPH_HOME     directory for derived files such as persisted screening indexes
                     (default: ``<db file dir>/.threatgraph`` or ``./.threatgraph``)
THREATGRAPH_TOKEN    bearer token required for API writes (unset: writes are refused)
THREATGRAPH_WEBHOOK  URL alerts are POSTed to (unset: alerts are only stored)
"""

from __future__ import annotations

import os
from pathlib import Path

DEFAULT_DB = "sqlite:///threatgraph.db"


def db_url(explicit: str | None = None) -> str:
    """The database URL: explicit argument, then $THREATGRAPH_DB, then the local SQLite file."""
    url = explicit or os.environ.get("THREATGRAPH_DB") or DEFAULT_DB
    if "://" not in url:  # a bare path means a SQLite file
        url = f"sqlite:///{url}"
    return url


def home_dir(url: str | None = None) -> Path:
    """Where derived artefacts live; next to the SQLite file so each store has its own."""
    env = os.environ.get("THREATGRAPH_HOME")
    if env:
        path = Path(env)
    else:
        url = db_url(url)
        if url.startswith("sqlite:///") and url != "sqlite:///:memory:":
            path = Path(url[len("sqlite:///") :]).resolve().parent / ".threatgraph"
        else:
            path = Path.cwd() / ".threatgraph"
    path.mkdir(parents=True, exist_ok=True)
    return path


def api_token() -> str | None:
    return os.environ.get("THREATGRAPH_TOKEN") or None


def webhook_url() -> str | None:
    return os.environ.get("THREATGRAPH_WEBHOOK") or None
