"""The Spark path end to end in local[2]: into PostgreSQL (resumed after a killed job), SQLite and Parquet.

Few and small on purpose (CI has 2 cores): one shared SparkSession, the bundled samples plus a bad
file, a bad JSON line and a duplicate copy. The PostgreSQL test is the proof that resolution on
Spark takes the single-machine resolver's decisions: its clusters equal those of ``rebuild``.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select

from threatgraph.app import DEFAULT_HOOKS, gazetteer_names
from threatgraph.bulk import load_parquet, run_bulk
from threatgraph.bulk.pgcopy import copy_analyses
from threatgraph.ingest.samples import samples_dir
from threatgraph.model import Analysis
from threatgraph.resolve import rebuild
from threatgraph.store.db import open_store
from threatgraph.store.schema import articles, entities, events, mentions, quotes

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The samples, one of them twice under another name, a binary file and a JSON lines file with a bad line."""
    root = tmp_path_factory.mktemp("archive")
    shutil.copytree(samples_dir(), root / "samples", ignore=shutil.ignore_patterns("*.gold.json", "README*"))
    shutil.copy(root / "samples" / "karachi-arrests.txt", root / "copy-of-karachi.txt")
    (root / "broken.txt").write_bytes(b"%PDF-1.4\x00\x01\x02 binary")
    (root / "more.jsonl").write_text('{"title": "no text here"}\n\n', encoding="utf-8")
    return root


def _counts(engine: Engine) -> tuple[int, ...]:
    with engine.connect() as conn:
        return tuple(
            conn.execute(select(func.count()).select_from(t)).scalar() for t in (articles, mentions, events, quotes)
        )


def _clusters(engine: Engine) -> tuple[set[frozenset], dict[str, tuple]]:
    """Mentions grouped by entity (as sets of article/offsets) and every entity row."""
    by_entity: dict[str | None, set] = {}
    with engine.connect() as conn:
        for aid, start, end, eid in conn.execute(
            select(mentions.c.article_id, mentions.c.start, mentions.c.end, mentions.c.entity_id)
        ):
            by_entity.setdefault(eid, set()).add((aid, start, end))
        rows = {
            r[0]: tuple(r[1:])
            for r in conn.execute(
                select(entities.c.id, entities.c.schema, entities.c.caption, entities.c.mention_count)
            )
        }
    return {frozenset(v) for k, v in by_entity.items() if k}, rows


def _expected(sample_analyses: list[Analysis]) -> tuple[int, ...]:
    return (
        len(sample_analyses),
        sum(len(a.mentions) for a in sample_analyses),
        sum(len(a.events) for a in sample_analyses),
        sum(len(a.quotes) for a in sample_analyses),
    )


@pytest.mark.postgres
def test_postgres_resumes_a_killed_job_and_resolves_like_rebuild(
    spark, pg_engine: Engine, archive: Path, sample_analyses: list[Analysis]
) -> None:
    url = pg_engine.url.render_as_string(hide_password=False)
    killed = sample_analyses[:3]  # a killed job had committed one partition, then died before resolving
    copy_analyses(pg_engine, killed)

    report = run_bulk([str(archive)], url, session=spark, partitions=3, names=gazetteer_names)

    assert report.read == len(sample_analyses) + 1 and report.duplicates == 1
    assert report.already_stored == len(killed)
    assert sorted(report.ingested) == sorted(a.article.id for a in sample_analyses[3:])
    assert sorted(f.source.rsplit("/", 1)[-1] for f in report.failed) == ["broken.txt", "more.jsonl:1"]
    assert len(report.partitions) == 3
    assert _counts(pg_engine) == _expected(sample_analyses)
    assert report.resolve is not None and report.resolve.created > 0 and report.blocks["blocks"] > 1
    with pg_engine.connect() as conn:  # every group was resolved, the killed partition's too
        unresolved = select(func.count()).where(mentions.c.entity_id.is_(None), mentions.c.label.in_(["Person"]))
        assert conn.execute(unresolved).scalar() == 0
        assert conn.execute(select(func.count()).where(events.c.source_entity_id.is_not(None))).scalar() > 0

    spark_clusters = _clusters(pg_engine)
    rebuild(pg_engine, screen=False)  # the single-machine resolver over the same articles
    assert _clusters(pg_engine) == spark_clusters

    again = run_bulk([str(archive)], url, session=spark)  # a re-run duplicates nothing
    assert not again.ingested and again.already_stored == len(sample_analyses)
    assert again.blocks["groups"] == 0  # every group already resolved: no block is touched
    assert _counts(pg_engine) == _expected(sample_analyses)
    assert _clusters(pg_engine) == spark_clusters


def test_sqlite_from_the_driver_and_parquet_then_load(
    spark, tmp_path: Path, archive: Path, sample_analyses: list[Analysis]
) -> None:
    db = f"sqlite:///{tmp_path / 'bulk.db'}"
    report = run_bulk([str(archive / "samples")], db, session=spark, hooks=DEFAULT_HOOKS)
    assert not report.failed and len(report.ingested) == len(sample_analyses)
    engine = open_store(db)
    assert _counts(engine) == _expected(sample_analyses)
    assert _clusters(engine)[0]  # resolved by the pipeline's hooks

    out = tmp_path / "parquet"
    written = run_bulk([str(archive / "samples")], None, parquet=str(out), session=spark)
    assert written.analysed == len(sample_analyses) and not written.ingested
    loaded = open_store(f"sqlite:///{tmp_path / 'loaded.db'}")
    result = load_parquet(loaded, [out], hooks=DEFAULT_HOOKS)
    assert not result.failed and len(result.ingested) == len(sample_analyses)
    assert _counts(loaded) == _expected(sample_analyses)
    assert _clusters(loaded) == _clusters(engine)
    assert json.dumps(report.as_dict())  # the CLI's --json form


WATCHED = ("Zaynabiyoun Brigade", "Fajr Brigade", "Crescent Gate", "Al Fajr Batallion")


def _alerts(engine: Engine) -> set[tuple]:
    from threatgraph.store.schema import alerts, watches

    with engine.connect() as conn:
        rows = conn.execute(
            select(watches.c.name, alerts.c.article_id, alerts.c.matched, alerts.c.score, alerts.c.sentence).join(
                watches, watches.c.id == alerts.c.watch_id
            )
        )
        return {tuple(r) for r in rows}


@pytest.mark.postgres
def test_watches_checked_in_the_job_alert_like_the_single_machine_pipeline(
    spark, pg_engine: Engine, tmp_path: Path, archive: Path
) -> None:
    from threatgraph.watch import add_watch
    from threatgraph.watch.scan import check

    url = pg_engine.url.render_as_string(hide_password=False)
    single = open_store(f"sqlite:///{tmp_path / 'single.db'}")
    for engine in (pg_engine, single):
        for name in WATCHED:
            add_watch(engine, name)
    report = run_bulk([str(archive / "samples")], url, session=spark, partitions=3, names=gazetteer_names)
    run_bulk([str(archive / "samples")], f"sqlite:///{tmp_path / 'single.db'}", session=spark, hooks=DEFAULT_HOOKS)

    on_spark = _alerts(pg_engine)
    assert on_spark == _alerts(single)  # same alerts, same evidence, same scores
    assert report.alerts == len(on_spark) and len({a[1] for a in on_spark}) >= 2 and len({a[0] for a in on_spark}) >= 2
    assert check(pg_engine, [], deliver=False) == []  # settled: the watches are past the bulk load
    again = run_bulk([str(archive / "samples")], url, session=spark)
    assert again.alerts == 0 and _alerts(pg_engine) == on_spark  # a re-run alerts nothing twice


#: Mentions clustered differently on Spark than by one run over the 75 dev texts (both sides counted). Measured
#: 42 after the common-context statistic was shared, 14 of 5,247 once the resolver broke ties by a stable key
#: instead of row order (session 10), 14-30 of 5,384 from run to run in session 12: each block's Resolver read
#: the archive's person count (name rarity) while other blocks were committing. With that count computed once
#: for the job (``archive_persons``), 0 of 5,384 in two runs; the bound leaves room for one small split. Session 14
#: saw 16 of 5,437 now and then, and session 15 reproduced it: the resolver looked a person up under the body of the
#: same name (and a branch under its parent's other names) with keys the blocks were not cut by, so the two met only
#: if the other block had committed first. Both are in ``lookup_keys`` now.
DEV_DIVERGENCE = 4


@pytest.mark.postgres
def test_dev_articles_resolve_on_spark_nearly_as_on_one_machine(spark, pg_engine: Engine, shared_data: Path) -> None:
    """The 75 real dev texts resolved in blocks on 4 partitions, with one common-context statistic for the whole
    input, against the single-machine resolver over the same articles in one run."""
    dev = shared_data / "articles" / "dev" / "articles.jsonl"
    url = pg_engine.url.render_as_string(hide_password=False)
    report = run_bulk([str(dev)], url, session=spark, partitions=4, names=gazetteer_names)
    assert len(report.ingested) == 75 and report.blocks["blocks"] > 4
    spark_clusters = _clusters(pg_engine)[0]
    rebuild(pg_engine, screen=False)
    single = _clusters(pg_engine)[0]
    moved = sum(len(c) for c in spark_clusters ^ single)
    total = sum(len(c) for c in single)
    assert moved <= DEV_DIVERGENCE, f"{moved} of {total} resolved mentions clustered differently on Spark"


def test_a_known_count_of_ids_runs_no_spark_job(spark) -> None:
    """A job knows how many ids its own output holds (its tally), so resolution and the watch checks take that count
    rather than counting the DataFrame again: each ``count()`` was a Spark job over the job's whole output."""
    from threatgraph.bulk.inputs import id_frame

    sc = spark.sparkContext
    frame = spark.createDataFrame([("a1",), ("b2",), ("c3",)], "id string")
    sc.setJobGroup("known-count", "id_frame with a known count")
    try:
        _, known = id_frame(spark, frame, 3)
        assert known == 3
        assert list(sc.statusTracker().getJobIdsForGroup("known-count")) == []
        sc.setJobGroup("counted", "id_frame without one")
        _, counted = id_frame(spark, frame)
        assert counted == 3
        assert list(sc.statusTracker().getJobIdsForGroup("counted"))  # the count was a job
    finally:
        sc.setLocalProperty("spark.jobGroup.id", None)
