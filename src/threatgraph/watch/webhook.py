"""Pushing alerts to a webhook: JSON POST, at-least-once, with exponential backoff.

Delivery is separate from detection: alerts are stored first, then this module tries to POST
each pending one. A failure records ``attempts``, ``last_error`` and ``next_attempt_at`` on the
alert and moves on, so nothing is lost and nothing blocks; the next :func:`deliver_pending`
(called by every ``check`` and by ``alerts --deliver``) retries what is due. Before sending,
an alert is *claimed* by pushing its ``next_attempt_at`` forward in a conditional update, so two
deliverers running at once do not POST the same alert twice.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import asdict, dataclass
from datetime import UTC, datetime, timedelta
from time import monotonic
from typing import Any

import httpx
from sqlalchemy import Engine, and_, or_, select, update

from threatgraph.config import webhook_url
from threatgraph.store.records import Alert
from threatgraph.store.schema import alerts
from threatgraph.watch.alerts import _aware, fetch_alerts

log = logging.getLogger(__name__)

#: First retry after this many seconds, doubling per failed attempt up to MAX_BACKOFF.
BASE_BACKOFF = 30.0
MAX_BACKOFF = 6 * 3600.0
#: How long a claim lasts: longer than one POST can take, so a crashed deliverer's claim expires.
CLAIM_SECONDS = 120.0
TIMEOUT = 5.0
BATCH = 100
USER_AGENT = "threatgraph-webhook/1"
#: A background pass (after ingest) gives up on a webhook after this many failures or seconds.
BACKGROUND_MAX_FAILURES = 1
BACKGROUND_MAX_SECONDS = 20.0


@dataclass(slots=True)
class DeliveryStats:
    """What one delivery pass did."""

    delivered: int = 0
    failed: int = 0
    pending: int = 0  # still undelivered after this pass (due later or failed now)
    url: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def backoff(attempts: int) -> timedelta:
    """Delay before the next try after ``attempts`` failures: 30 s, 1 min, 2 min … capped at 6 h."""
    return timedelta(seconds=min(MAX_BACKOFF, BASE_BACKOFF * 2 ** max(0, attempts - 1)))


def payload(alert: Alert) -> dict[str, Any]:
    """The JSON body POSTed for one alert (delivery bookkeeping fields left out)."""
    skip = {"delivered_at", "attempts", "next_attempt_at", "last_error"}
    return {"type": "threatgraph.alert", "alert": {k: v for k, v in alert.to_json().items() if k not in skip}}


def _due(now: datetime):
    return and_(
        alerts.c.delivered_at.is_(None),
        or_(alerts.c.next_attempt_at.is_(None), alerts.c.next_attempt_at <= now),
    )


def _claim(engine: Engine, alert_id: int, now: datetime) -> bool:
    with engine.begin() as conn:
        res = conn.execute(
            update(alerts)
            .where(alerts.c.id == alert_id, _due(now))
            .values(next_attempt_at=now + timedelta(seconds=CLAIM_SECONDS))
        )
        return res.rowcount == 1


def _post(client: httpx.Client, url: str, body: dict[str, Any]) -> str | None:
    """POST one alert; None on a 2xx answer, else a short reason."""
    try:
        resp = client.post(url, json=body)
    except httpx.HTTPError as exc:
        return f"{type(exc).__name__}: {exc}"[:500]
    if 200 <= resp.status_code < 300:
        return None
    return f"HTTP {resp.status_code}: {resp.text[:200]}"


def deliver_pending(
    engine: Engine,
    url: str | None = None,
    *,
    now: datetime | None = None,
    limit: int = BATCH,
    timeout: float = TIMEOUT,
    client: httpx.Client | None = None,
    max_failures: int | None = None,
    max_seconds: float | None = None,
) -> DeliveryStats:
    """POST every due, undelivered alert to ``url`` (default: $THREATGRAPH_WEBHOOK).

    Without a URL nothing is sent and the pending count is reported. Returns counts; never
    raises for a failing webhook (the failure is stored on the alert instead). ``max_failures``
    and ``max_seconds`` end the pass early (a webhook that is down is not hammered with every
    pending alert, and a background pass cannot hold a finishing CLI run for long); alerts not
    tried stay due for the next pass.
    """
    url = url or webhook_url()
    now = now or datetime.now(UTC)
    stats = DeliveryStats(url=url)
    if url:
        with engine.connect() as conn:
            due = list(conn.execute(select(alerts.c.id).where(_due(now)).order_by(alerts.c.id).limit(limit)).scalars())
        own = client or httpx.Client(timeout=timeout, headers={"User-Agent": USER_AGENT}, follow_redirects=False)
        started = monotonic()
        try:
            for alert_id in due:
                if max_failures is not None and stats.failed >= max_failures:
                    break
                if max_seconds is not None and monotonic() - started > max_seconds:
                    break
                if not _claim(engine, alert_id, now):
                    continue  # someone else is delivering it
                with engine.connect() as conn:
                    found = fetch_alerts(conn, [alert_id])
                if not found:
                    continue
                alert = found[0]
                error = _post(own, url, payload(alert))
                with engine.begin() as conn:
                    if error is None:
                        conn.execute(
                            update(alerts)
                            .where(alerts.c.id == alert_id)
                            .values(
                                delivered_at=datetime.now(UTC),
                                attempts=alerts.c.attempts + 1,
                                next_attempt_at=None,
                                last_error=None,
                            )
                        )
                        stats.delivered += 1
                    else:
                        attempts = alert.attempts + 1
                        conn.execute(
                            update(alerts)
                            .where(alerts.c.id == alert_id)
                            .values(attempts=attempts, next_attempt_at=now + backoff(attempts), last_error=error)
                        )
                        stats.failed += 1
                        log.warning("webhook %s: alert %s failed (attempt %s): %s", url, alert_id, attempts, error)
        finally:
            if client is None:
                own.close()
    with engine.connect() as conn:
        stats.pending = len(list(conn.execute(select(alerts.c.id).where(alerts.c.delivered_at.is_(None))).scalars()))
    return stats


def next_attempt(engine: Engine) -> datetime | None:
    """When the earliest undelivered alert is due (None: nothing pending)."""
    with engine.connect() as conn:
        rows = conn.execute(select(alerts.c.next_attempt_at).where(alerts.c.delivered_at.is_(None))).scalars()
        values = [_aware(v) for v in rows]
    if not values:
        return None
    return min((v for v in values if v is not None), default=datetime.now(UTC))


_lock = threading.Lock()


def deliver_in_background(engine: Engine, url: str | None = None) -> threading.Thread | None:
    """Start one delivery pass in a thread when a webhook is configured; never raises.

    The thread is not a daemon, so a short CLI run still finishes its POSTs before exiting;
    the pass stops at the first failure or after :data:`BACKGROUND_MAX_SECONDS` (plus one
    request timeout), so that wait is bounded. If the process dies first, the alerts stay
    pending and the next pass retries them. Only one background pass runs at a time per process.
    """
    url = url or webhook_url()
    if not url or not _lock.acquire(blocking=False):
        return None

    def run() -> None:
        try:
            # Loop so alerts stored while a pass was running (the next ingest batch) go out too.
            deadline = monotonic() + BACKGROUND_MAX_SECONDS
            while (left := deadline - monotonic()) > 0:
                stats = deliver_pending(engine, url, max_failures=BACKGROUND_MAX_FAILURES, max_seconds=left)
                if stats.failed or not stats.delivered:
                    break
        except Exception:  # noqa: BLE001 - delivery must never take ingest down
            log.exception("webhook delivery to %s failed", url)
        finally:
            _lock.release()

    try:
        thread = threading.Thread(target=run, name="threatgraph-webhook", daemon=False)
        thread.start()
    except Exception:  # noqa: BLE001
        _lock.release()
        log.exception("could not start webhook delivery")
        return None
    return thread
