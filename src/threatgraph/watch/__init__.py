"""watch stage: watches on entities or names, alerts on newly ingested articles, webhook delivery.

The pipeline calls :func:`check` after each ingest batch; the CLI and API call the rest.
"""

from threatgraph.watch.alerts import list_alerts, parse_since
from threatgraph.watch.scan import backfill, check
from threatgraph.watch.watches import (
    WatchError,
    add_watch,
    get_watch,
    list_watches,
    lookup_entity,
    remove_watch,
)
from threatgraph.watch.webhook import DeliveryStats, deliver_pending

__all__ = [
    "DeliveryStats",
    "WatchError",
    "add_watch",
    "backfill",
    "check",
    "deliver_pending",
    "get_watch",
    "list_alerts",
    "list_watches",
    "lookup_entity",
    "parse_since",
    "remove_watch",
]
