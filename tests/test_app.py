"""The composition root: what it owns, what it wires, and that a missing piece stops it at start-up."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from threatgraph import resolve, watch
from threatgraph.api.app import create_app
from threatgraph.app import DEFAULT_HOOKS, Threatgraph
from threatgraph.model import Analysis, Article

SRC = Path(__file__).resolve().parents[1] / "src"


class OneMention:
    """A stand-in extractor: no mentions, and a count of the articles it saw."""

    def __init__(self) -> None:
        self.seen = 0

    def analyse(self, articles: Iterable[Article], batch_size: int = 32) -> Iterator[Analysis]:
        for article in articles:
            self.seen += 1
            yield Analysis(article=article)


def test_default_hooks_are_resolve_then_watch() -> None:
    assert (resolve.update, watch.check) == DEFAULT_HOOKS


def test_ingest_runs_the_hooks_it_was_given_in_order(store: Engine, tmp_path: Path) -> None:
    calls: list[str] = []
    fake = OneMention()
    tg = Threatgraph(
        store,
        extractor=fake,  # type: ignore[arg-type]
        hooks=(lambda e, ids: calls.append(f"first {len(ids)}"), lambda e, ids: calls.append(f"second {len(ids)}")),
    )
    (tmp_path / "a.txt").write_text("A report about a raid.", encoding="utf-8")
    report = tg.ingest([tmp_path])
    assert len(report.ingested) == 1 and report.failed == []
    assert calls == ["first 1", "second 1"] and fake.seen == 1
    assert tg.ingest([tmp_path], hooks=False).duplicates == report.ingested


def test_ingest_without_hooks_stores_only(store: Engine, tmp_path: Path) -> None:
    calls: list[int] = []
    tg = Threatgraph(store, extractor=OneMention(), hooks=(lambda e, ids: calls.append(1),))  # type: ignore[arg-type]
    (tmp_path / "a.txt").write_text("Another report.", encoding="utf-8")
    assert len(tg.ingest([tmp_path], hooks=False).ingested) == 1 and calls == []


def test_bad_wiring_fails_at_construction(store: Engine) -> None:
    with pytest.raises(TypeError, match="not callable"):
        Threatgraph(store, hooks=("threatgraph.resolve.update",))  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="not both"):
        Threatgraph(store, db="sqlite:///elsewhere.db")


def test_opening_by_url_migrates_the_store(tmp_path: Path) -> None:
    tg = Threatgraph(db=f"sqlite:///{tmp_path / 'new.db'}")
    assert (tmp_path / "new.db").exists() and "new.db" in repr(tg)


def test_the_api_runs_over_the_application_it_is_given(store: Engine) -> None:
    tg = Threatgraph(store, hooks=())
    app = create_app(threatgraph=tg, token="t")
    assert app.state.threatgraph is tg and app.state.engine is store
    with pytest.raises(ValueError, match="not several"):
        create_app(store, threatgraph=tg)


@pytest.mark.parametrize("blocked", ["threatgraph.extract.events", "threatgraph.watch.scan"])
def test_a_missing_stage_module_stops_the_application_at_start_up(blocked: str) -> None:
    """Blocking one module once made every event silently vanish; now the application does not start."""
    code = f"import sys; sys.modules[{blocked!r}] = None; import threatgraph.app"
    done = subprocess.run([sys.executable, "-c", code], env={"PYTHONPATH": str(SRC)}, capture_output=True, text=True)
    assert done.returncode != 0
    assert "ModuleNotFoundError" in done.stderr or "ImportError" in done.stderr
    assert blocked in done.stderr


def test_warm_leaves_the_index_built_for_the_first_request(store: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    from threatgraph.screen import index as screen_index

    tg = Threatgraph(store, hooks=())
    tg.load_lists([Path(__file__).parent / "resolve" / "fixtures" / "sdn.csv"], dataset="ofac")
    screen_index._CACHE.clear()
    built: list[int] = []
    real_build = screen_index.build_index
    monkeypatch.setattr(screen_index, "build_index", lambda *a, **k: built.append(1) or real_build(*a, **k))
    monkeypatch.setattr(screen_index.ScreenIndex, "load", staticmethod(lambda path: None))  # force a build
    assert tg.warm() >= 0.0
    assert built == [1]
    tg.index()  # what a request does next: served from memory, nothing built again
    assert built == [1]


class CountingWarm(Threatgraph):
    """A composition root whose warm-up is counted (and fails when told to) instead of loading rigour's tables."""

    def __init__(self, engine: Engine, fail: bool = False) -> None:
        super().__init__(engine, hooks=())
        self.warmed = 0
        self.fail = fail

    def warm(self) -> float:
        self.warmed += 1
        if self.fail:
            raise RuntimeError("the screening index could not be read")
        return 0.0


def test_the_web_app_warms_before_it_answers_its_first_request(store: Engine) -> None:
    """The first /search on a fresh server once waited 8-30 s for rigour's name tables (issue 16)."""
    from fastapi.testclient import TestClient

    tg = CountingWarm(store)
    app = create_app(threatgraph=tg)
    assert tg.warmed == 0  # building the app loads nothing: tests and embedders pay only when served
    with TestClient(app, base_url="http://127.0.0.1") as client:
        assert tg.warmed == 1
        assert client.get("/search", params={"q": "anything"}).status_code == 200
    assert tg.warmed == 1


def test_a_warm_up_that_fails_stops_the_server_from_starting(store: Engine) -> None:
    from fastapi.testclient import TestClient

    app = create_app(threatgraph=CountingWarm(store, fail=True))
    with pytest.raises(RuntimeError, match="screening index"), TestClient(app, base_url="http://127.0.0.1"):
        pass
