"""No "no match" without a loaded, fresh list (issue 10 item 10): refused with no list, flagged when stale,
the same in the CLI, ``/match``, ``/screen``, ``/screen/csv`` and the web form."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, update
from typer.testing import CliRunner

from threatgraph.cli import app
from threatgraph.screen.freshness import NoListsError, lists_status
from threatgraph.screen.lists import demo_list_path, load_files
from threatgraph.store.schema import list_versions

MATCH = {"queries": {"q1": {"schema": "Organization", "properties": {"name": ["Nobody Trading"]}}}}


def _client(engine: Engine) -> TestClient:
    from threatgraph.api.app import create_app

    return TestClient(create_app(engine, token="t" * 32), base_url="http://127.0.0.1")


def _age(engine: Engine, days: int) -> None:
    with engine.begin() as conn:
        conn.execute(update(list_versions).values(loaded_at=datetime.now(UTC) - timedelta(days=days), published=None))


def test_no_list_is_refused_everywhere(store: Engine, tmp_path: Path) -> None:
    with pytest.raises(NoListsError):
        lists_status(store)
    client = _client(store)
    for r in (
        client.post("/match/default", json=MATCH),
        client.post("/screen", json={"names": [{"name": "Nobody Trading"}]}),
        client.post("/screen/csv", files={"file": ("n.csv", b"name\nNobody Trading\n", "text/csv")}),
        client.get("/screen", params={"name": "Nobody Trading"}, headers={"accept": "application/json"}),
    ):
        assert r.status_code == 503, r.text
        assert "no sanctions lists loaded" in r.text and '"results":[{' not in r.text
    page = client.get("/screen", params={"name": "Nobody Trading"}, headers={"accept": "text/html"})
    assert page.status_code == 503 and "no sanctions lists loaded" in page.text and "badge clear" not in page.text
    assert client.get("/screen", headers={"accept": "text/html"}).status_code == 200  # the empty form still shows
    res = CliRunner().invoke(app, ["screen", "Nobody Trading", "--db", str(store.url)])
    assert res.exit_code == 1 and "no sanctions lists loaded" in res.output


def test_stale_list_is_flagged_on_every_answer(store: Engine, tmp_path: Path, monkeypatch) -> None:
    load_files(store, [demo_list_path()])
    client = _client(store)
    assert client.post("/match/default", json=MATCH).json()["warnings"] == []  # loaded today: fresh
    _age(store, 45)
    status = lists_status(store)
    assert status.stale and status.lists[0]["age_days"] == 45 and "45 days old" in status.warnings[0]
    answer = client.post("/match/default", json=MATCH).json()
    assert not any(r["match"] for r in answer["responses"]["q1"]["results"]) and "45 days old" in answer["warnings"][0]
    batch = client.post("/screen", json={"names": [{"name": "Nobody Trading"}, {"name": "Fajr Brigade"}]}).json()
    assert batch["warnings"] and all(item["warnings"] == batch["warnings"] for item in batch["results"])
    page = client.get("/screen", params={"name": "Nobody Trading"}, headers={"accept": "text/html"})
    assert "45 days old" in page.text and "no match in a stale list" in page.text
    csv_page = client.post("/screen/csv", files={"file": ("n.csv", b"name\nNobody Trading\n", "text/csv")})
    assert csv_page.status_code == 200 and "45 days old" in csv_page.text

    runner = CliRunner()
    res = runner.invoke(app, ["screen", "Nobody Trading", "--db", str(store.url)])
    assert res.exit_code == 0 and "warning" in res.output and "45 days old" in res.output and "stale" in res.output
    names = tmp_path / "n.csv"
    names.write_text("name\nNobody Trading\n")
    out = tmp_path / "out.csv"
    res = runner.invoke(app, ["screen", "--csv", str(names), "--out", str(out), "--db", str(store.url)])
    assert res.exit_code == 0 and "45 days old" in out.read_text()

    monkeypatch.setenv("THREATGRAPH_LIST_MAX_AGE_DAYS", "60")  # the age is configurable
    assert not lists_status(store).stale
    assert client.post("/match/default", json=MATCH).json()["warnings"] == []


def test_publication_date_counts_over_load_date(store: Engine) -> None:
    load_files(store, [demo_list_path()])
    with store.begin() as conn:
        conn.execute(update(list_versions).values(published=date(2020, 1, 1)))
    status = lists_status(store, today=date(2020, 3, 1))
    assert status.lists[0] == {"dataset": "threatgraph-demo", "as_of": "2020-01-01", "age_days": 60, "stale": True}
    assert "published 2020-01-01" in status.warnings[0]


def test_bad_max_age_setting_is_an_error(store: Engine, monkeypatch) -> None:
    load_files(store, [demo_list_path()])
    monkeypatch.setenv("THREATGRAPH_LIST_MAX_AGE_DAYS", "a month")
    with pytest.raises(ValueError, match="whole number"):
        lists_status(store)


def test_a_name_that_cannot_be_screened_is_never_no_match(store: Engine) -> None:
    load_files(store, [demo_list_path()])
    client = _client(store)
    # the request is refused whole, naming the reason (as yente refuses an unreadable example)
    refused = client.post("/screen", json={"names": [{"name": "Fajr\x00Brigade"}]})
    assert refused.status_code == 400 and "NUL" in refused.json()["detail"]
    page = client.get("/screen", params={"name": "Fajr\x00Brigade"}, headers={"accept": "text/html"})
    assert page.status_code == 400 and "NUL" in page.text and "badge clear" not in page.text


def test_csv_summary_counts_unscreenable_names_apart(store: Engine) -> None:
    from threatgraph.web.screening_report import state_counts, summary_rows

    rows = summary_rows([{"name": "a\x00b", "schema": "LegalEntity", "match": None, "results": [], "error": "NUL"}])
    assert rows[0]["state"] == "not screened" and state_counts(rows)["no candidate"] == 0
