"""Settings read from the environment, with defaults for the embedded single-user setup.

THREATGRAPH_DB       SQLAlchemy URL (default: sqlite file ``threatgraph.db`` in the working dir)
THREATGRAPH_HOME     directory for derived files such as persisted screening indexes
                     (default: ``<db file dir>/.threatgraph`` or ``./.threatgraph``)
THREATGRAPH_TOKEN    bearer token required for API writes (unset: writes are refused)
THREATGRAPH_WEBHOOK  URL alerts are POSTed to (unset: alerts are only stored)
THREATGRAPH_LIST_MAX_AGE_DAYS
                     a sanctions list older than this many days (by its publication date, else
                     the day it was loaded) is flagged on every screening answer (default 30)
THREATGRAPH_TRUSTED_HOSTS
                     comma-separated Host names the API answers to (default: the loopback names
                     and the host it binds to); anything else is refused (DNS rebinding)
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


#: Default for $THREATGRAPH_LIST_MAX_AGE_DAYS: OFAC, the UN and the EU change their lists several
#: times a month, so a month-old copy has probably missed designations.
DEFAULT_LIST_MAX_AGE_DAYS = 30


def list_max_age_days() -> int:
    """Age in days beyond which a loaded sanctions list is flagged as stale on every screening answer."""
    raw = os.environ.get("THREATGRAPH_LIST_MAX_AGE_DAYS", "").strip()
    if not raw:
        return DEFAULT_LIST_MAX_AGE_DAYS
    try:
        days = int(raw)
    except ValueError:
        raise ValueError(f"THREATGRAPH_LIST_MAX_AGE_DAYS must be a whole number of days, not {raw!r}") from None
    if days < 1:
        raise ValueError(f"THREATGRAPH_LIST_MAX_AGE_DAYS must be at least 1, not {days}")
    return days


#: Default for $THREATGRAPH_PAGE_CACHE: rendered dossier pages kept per server process (~100-200 KB each).
DEFAULT_PAGE_CACHE = 256


def page_cache_size() -> int:
    """How many rendered dossier pages a server keeps until the store changes (``web.pagecache``); 0: none."""
    raw = os.environ.get("THREATGRAPH_PAGE_CACHE", "").strip()
    if not raw:
        return DEFAULT_PAGE_CACHE
    try:
        size = int(raw)
    except ValueError:
        raise ValueError(f"THREATGRAPH_PAGE_CACHE must be a whole number of pages, not {raw!r}") from None
    if size < 0:
        raise ValueError(f"THREATGRAPH_PAGE_CACHE must be 0 or more, not {size}")
    return size


def trusted_hosts() -> list[str] | None:
    """Host names from $THREATGRAPH_TRUSTED_HOSTS, or None when unset (the server then derives them)."""
    raw = os.environ.get("THREATGRAPH_TRUSTED_HOSTS", "").strip()
    return [h.strip().lower() for h in raw.split(",") if h.strip()] or None
