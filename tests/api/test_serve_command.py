"""``threatgraph serve``: loopback by default, the store opened before binding, bad stores refused clearly."""

from __future__ import annotations

from typer.testing import CliRunner

from threatgraph.cli import app


def test_serve_defaults_to_loopback(tmp_path, monkeypatch):
    calls = {}

    def fake_run(web_app, **kwargs):
        calls.update(kwargs, app=web_app)

    monkeypatch.setattr("uvicorn.run", fake_run)
    monkeypatch.delenv("THREATGRAPH_TOKEN", raising=False)
    monkeypatch.setenv("THREATGRAPH_HOME", str(tmp_path / "home"))
    result = CliRunner().invoke(app, ["serve", "--db", str(tmp_path / "s.db")])
    assert result.exit_code == 0, result.output
    assert calls["host"] == "127.0.0.1" and calls["port"] == 8000
    assert "read-only" in result.output
    assert "/match/{dataset}" in calls["app"].openapi()["paths"]


def test_serve_warns_when_exposed(tmp_path, monkeypatch):
    monkeypatch.setattr("uvicorn.run", lambda *a, **k: None)
    monkeypatch.setenv("THREATGRAPH_HOME", str(tmp_path / "home"))
    result = CliRunner().invoke(app, ["serve", "--host", "0.0.0.0", "--port", "9000", "--db", str(tmp_path / "s.db")])
    assert result.exit_code == 0 and "0.0.0.0" in result.output


def test_serve_refuses_an_unopenable_store(tmp_path, monkeypatch):
    monkeypatch.setattr("uvicorn.run", lambda *a, **k: (_ for _ in ()).throw(AssertionError("must not bind")))
    bad = tmp_path / "not-a-db.db"
    bad.write_bytes(b"this is not sqlite" * 100)
    result = CliRunner().invoke(app, ["serve", "--db", str(bad)])
    assert result.exit_code == 1 and "cannot open store" in result.output


def test_serve_rejects_bad_port(tmp_path):
    result = CliRunner().invoke(app, ["serve", "--port", "70000", "--db", str(tmp_path / "s.db")])
    assert result.exit_code == 2
