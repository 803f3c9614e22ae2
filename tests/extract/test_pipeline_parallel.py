"""``pipeline.ingest(n_process=2)``: big batches parsed in worker processes store exactly what one process stores."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from threatgraph import pipeline
from threatgraph.store.db import open_store
from threatgraph.store.schema import events, mentions


def _stored(engine) -> tuple[list[tuple], list[tuple]]:
    with engine.connect() as conn:
        ms = conn.execute(
            select(mentions.c.article_id, mentions.c.start, mentions.c.end, mentions.c.label, mentions.c.origin)
        ).all()
        evs = conn.execute(select(events.c.article_id, events.c.type, events.c.start, events.c.source_text)).all()
    return sorted(ms), sorted(evs)


def test_n_process_must_be_positive(store) -> None:
    with pytest.raises(ValueError, match="n_process must be at least 1, got 0"):
        pipeline.ingest_items(store, [], extractor=lambda: None, hooks=(), n_process=0)  # type: ignore[arg-type]


@pytest.mark.slow
def test_parallel_ingest_stores_the_same_as_one_process(tmp_path: Path, monkeypatch) -> None:
    from threatgraph.extract.pipeline import get_extractor
    from threatgraph.ingest.samples import samples_dir

    samples = sorted(p for p in samples_dir().iterdir() if p.suffix == ".txt")
    assert len(samples) >= 4
    monkeypatch.setattr(pipeline, "PARALLEL_MIN_ARTICLES", 4)  # a small batch takes the parallel path
    one = open_store(f"sqlite:///{tmp_path / 'one.db'}")
    two = open_store(f"sqlite:///{tmp_path / 'two.db'}")
    real = get_extractor()
    r1 = pipeline.ingest(one, samples, batch_size=len(samples), extractor=real, hooks=())
    used: list[int] = []

    class Spy:
        def analyse(self, articles, batch_size: int = 32, n_process: int = 1):  # noqa: ANN201
            used.append(n_process)
            return real.analyse(articles, batch_size=batch_size, n_process=n_process)

    r2 = pipeline.ingest(two, samples, batch_size=len(samples), hooks=(), n_process=2, extractor=Spy())
    assert used == [2], used
    assert not r1.failed and not r2.failed
    assert sorted(r1.ingested) == sorted(r2.ingested) and len(r1.ingested) == len(samples)
    assert _stored(one) == _stored(two)
    assert _stored(one)[0], "nothing extracted"
