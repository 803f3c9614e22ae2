"""Webhook delivery against real HTTP servers on 127.0.0.1 started by the tests (loopback only)."""

from __future__ import annotations

import socket
import threading
import time
from datetime import UTC, datetime, timedelta

import pytest

from archive import add_article
from threatgraph.watch import add_watch, check, deliver_pending, list_alerts
from threatgraph.watch.webhook import backoff

TEXT = "Fighters of the Zainabiyoun Brigade were redeployed near Aleppo in late July."


def _closed_port_url() -> str:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"http://127.0.0.1:{port}/hook"


def _one_alert(store) -> dict:
    add_watch(store, "Zainabiyoun Brigade", note="proxy militia")
    found = check(store, [add_article(store, TEXT, [("Zainabiyoun Brigade", "ArmedGroup")])], deliver=False)
    assert len(found) == 1
    return found[0]


def test_delivers_alert_as_json(store, serve) -> None:
    srv = serve(200)
    alert = _one_alert(store)
    stats = deliver_pending(store, srv.url)
    assert (stats.delivered, stats.failed, stats.pending) == (1, 0, 0)
    assert len(srv.bodies) == 1
    body = srv.bodies[0]
    assert body["type"] == "threatgraph.alert"
    assert body["alert"]["id"] == alert.id and body["alert"]["matched"] == "Zainabiyoun Brigade"
    assert body["alert"]["watch_note"] == "proxy militia"
    [stored] = list_alerts(store)
    assert stored.delivered_at is not None and stored.attempts == 1 and stored.last_error is None
    assert deliver_pending(store, srv.url).delivered == 0  # never sent twice
    assert len(srv.bodies) == 1


@pytest.mark.parametrize("failing", ["http500", "refused"])
def test_failure_is_kept_and_retried_with_backoff(store, serve, failing) -> None:
    url = serve(500).url if failing == "http500" else _closed_port_url()
    _one_alert(store)
    t0 = datetime.now(UTC)
    stats = deliver_pending(store, url, now=t0, timeout=2)
    assert (stats.delivered, stats.failed, stats.pending) == (0, 1, 1)
    [a] = list_alerts(store)
    assert a.attempts == 1 and a.delivered_at is None
    assert ("HTTP 500" in a.last_error) if failing == "http500" else ("Connect" in a.last_error)
    assert datetime.fromisoformat(a.next_attempt_at) == t0 + backoff(1)

    good = serve(200)
    assert deliver_pending(store, good.url, now=t0 + timedelta(seconds=1)).delivered == 0  # not due yet
    assert good.bodies == []
    again = deliver_pending(store, url, now=t0 + backoff(1), timeout=2)  # due: retried, fails again
    assert again.failed == 1
    [a] = list_alerts(store)
    assert a.attempts == 2
    assert datetime.fromisoformat(a.next_attempt_at) == t0 + backoff(1) + backoff(2)
    done = deliver_pending(store, good.url, now=t0 + backoff(1) + backoff(2))
    assert (done.delivered, done.pending) == (1, 0)
    assert len(good.bodies) == 1


def test_backoff_doubles_and_is_capped() -> None:
    delays = [backoff(n).total_seconds() for n in range(1, 30)]
    assert delays[:3] == [30.0, 60.0, 120.0]
    assert all(b >= a for a, b in zip(delays, delays[1:], strict=False))
    assert delays[-1] == 6 * 3600


def test_slow_webhook_never_blocks_check(store, serve, monkeypatch) -> None:
    srv = serve(200, delay=1.5)
    monkeypatch.setenv("THREATGRAPH_WEBHOOK", srv.url)
    add_watch(store, "Zainabiyoun Brigade")
    aid = add_article(store, TEXT, [("Zainabiyoun Brigade", "ArmedGroup")])
    started = time.perf_counter()
    found = check(store, [aid])
    assert time.perf_counter() - started < 1.0  # returned before the webhook answered
    assert len(found) == 1
    for thread in threading.enumerate():
        if thread.name == "threatgraph-webhook":
            thread.join(timeout=10)
    assert len(srv.bodies) == 1
    assert list_alerts(store)[0].delivered_at is not None


def test_failing_webhook_never_fails_check(store, monkeypatch) -> None:
    monkeypatch.setenv("THREATGRAPH_WEBHOOK", _closed_port_url())
    add_watch(store, "Zainabiyoun Brigade")
    found = check(store, [add_article(store, TEXT, [("Zainabiyoun Brigade", "ArmedGroup")])])
    for thread in threading.enumerate():
        if thread.name == "threatgraph-webhook":
            thread.join(timeout=10)
    assert len(found) == 1
    [a] = list_alerts(store)
    assert a.delivered_at is None and a.attempts == 1 and a.last_error


def test_without_url_nothing_is_sent(store) -> None:
    _one_alert(store)
    stats = deliver_pending(store)
    assert (stats.url, stats.delivered, stats.failed, stats.pending) == (None, 0, 0, 1)


def test_pass_stops_after_max_failures(store) -> None:
    add_watch(store, "Zainabiyoun Brigade")
    add_watch(store, "Fighters")
    check(store, [add_article(store, TEXT, [("Zainabiyoun Brigade", "ArmedGroup")])], deliver=False)
    assert len(list_alerts(store)) == 2
    stats = deliver_pending(store, _closed_port_url(), max_failures=1, timeout=2)
    assert (stats.failed, stats.pending) == (1, 2)
    tried = [a for a in list_alerts(store) if a.attempts]
    assert len(tried) == 1  # the other stays due for the next pass, untouched


def test_alerts_stored_during_a_background_pass_go_out_in_it(store, serve, monkeypatch) -> None:
    srv = serve(200, delay=0.5)
    monkeypatch.setenv("THREATGRAPH_WEBHOOK", srv.url)
    add_watch(store, "Zainabiyoun Brigade")
    check(store, [add_article(store, TEXT, [("Zainabiyoun Brigade", "ArmedGroup")])])  # starts the pass
    later = TEXT.replace("Aleppo", "Homs")
    check(store, [add_article(store, later, [("Zainabiyoun Brigade", "ArmedGroup")])])  # pass still busy
    for thread in threading.enumerate():
        if thread.name == "threatgraph-webhook":
            thread.join(timeout=15)
    assert len(srv.bodies) == 2
    assert all(a.delivered_at for a in list_alerts(store))
