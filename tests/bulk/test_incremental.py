"""An incremental bulk job re-decides the stored blocks its new mentions touch, as ``threatgraph update`` does.

A job used to decide its new mention groups against the stored entities as they stood: a bare acronym stored by
an earlier job with the one body spelled out to its letters stayed in that body when a second body of the same
letters arrived, and the second body's full name was merged into the entity that carried the acronym (two bodies,
one entity). ``update`` (and so the single-machine ingest) re-opens such blocks and decides them again with the
new groups; a job now does the same, so two jobs in a row cluster as the single machine does.

The articles are hand-built (no NLP): they are stored with the job's own COPY writer and resolved by the job's
resolution step on Spark.
"""

from __future__ import annotations

import pytest
from sqlalchemy import Engine, select

from resolve.conftest import build  # tests/ is on sys.path under pytest's rootdir conftest
from threatgraph.bulk.pgcopy import copy_analyses
from threatgraph.bulk.resolve import resolve_articles
from threatgraph.resolve import rebuild, update
from threatgraph.store.articles import save_analysis
from threatgraph.store.schema import entities, mentions

pytestmark = pytest.mark.slow


def _first() -> list:
    """One invented body spelled out to its acronym, the bare acronym in its company, and the bare acronym again
    in other company (the only body of those letters stored yet)."""
    return [
        build(
            "The Harbour Defence League met in Ostrava Nova. Its spokesman Pell Andrus spoke.",
            [("Organization", ["Harbour Defence League"]), ("Location", ["Ostrava Nova"]), ("Person", ["Pell Andrus"])],
        ),
        build(
            "The HDL handed out radios on Monday, Pell Andrus said.",
            [("Organization", ["HDL"]), ("Person", ["Pell Andrus"])],
        ),
        build("The HDL said the mules had reached Kesswick.", [("Organization", ["HDL"]), ("Location", ["Kesswick"])]),
    ]


def _second() -> list:
    """A second body of the same letters, in the company the second bare acronym keeps."""
    return [
        build(
            "The Highland Drovers Lodge sent mules to Kesswick, its warden Marta Quill said.",
            [
                ("Organization", ["Highland Drovers Lodge"]),
                ("Location", ["Kesswick"]),
                ("Person", ["Marta Quill"]),
            ],
        ),
    ]


def _clusters(engine: Engine) -> set[frozenset[tuple[str, str]]]:
    """Each entity as the set of (article id, mention text) it holds; every mention resolved."""
    with engine.connect() as conn:
        rows = conn.execute(select(mentions.c.article_id, mentions.c.text, mentions.c.entity_id)).all()
    out: dict[str, set[tuple[str, str]]] = {}
    for aid, text, eid in rows:
        assert eid is not None, f"{text!r} left unresolved"
        out.setdefault(eid, set()).add((aid, text))
    return {frozenset(m) for m in out.values()}


@pytest.mark.postgres
def test_a_second_job_re_decides_the_stored_blocks_it_touches_as_the_single_machine_ingest_does(
    spark, pg_engine: Engine, store
) -> None:
    url = pg_engine.url.render_as_string(hide_password=False)
    for batch in (_first(), _second()):  # two jobs, one after the other, each stored then resolved on Spark
        resolve_articles(spark, url, copy_analyses(pg_engine, batch), screen=False)
    on_spark = _clusters(pg_engine)

    for batch in (_first(), _second()):  # the single machine: the same two loads, resolved by ``update``
        for an in batch:
            save_analysis(store, an)
        update(store, [an.article.id for an in batch], screen=False)
    single = _clusters(store)
    assert on_spark == single

    # and they are the clusters the evidence supports: each bare acronym with the body whose company it keeps
    first, second = _first(), _second()
    hdl_kesswick = (first[2].article.id, "HDL")
    (lodge,) = [c for c in on_spark if (second[0].article.id, "Highland Drovers Lodge") in c]
    (league,) = [c for c in on_spark if (first[0].article.id, "Harbour Defence League") in c]
    assert lodge != league and hdl_kesswick in lodge and (first[1].article.id, "HDL") in league
    rebuild(pg_engine, screen=False)
    assert _clusters(pg_engine) == on_spark


@pytest.mark.postgres
def test_a_re_decided_stored_entity_keeps_its_id(spark, pg_engine: Engine) -> None:
    """Re-opened by the second job, the first body's entity comes back under its own id (watches and links on it
    keep pointing at it), and no entity row is left without mentions."""
    url = pg_engine.url.render_as_string(hide_password=False)
    first = _first()
    resolve_articles(spark, url, copy_analyses(pg_engine, first), screen=False)
    with pg_engine.connect() as conn:
        (league_id,) = conn.execute(
            select(mentions.c.entity_id).where(mentions.c.text == "Harbour Defence League")
        ).one()
    resolve_articles(spark, url, copy_analyses(pg_engine, _second()), screen=False)
    with pg_engine.connect() as conn:
        (after,) = conn.execute(select(mentions.c.entity_id).where(mentions.c.text == "Harbour Defence League")).one()
        used = {eid for (eid,) in conn.execute(select(mentions.c.entity_id).distinct())}
        rows = {eid for (eid,) in conn.execute(select(entities.c.id))}
    assert after == league_id
    assert rows == used


@pytest.mark.postgres
def test_a_job_killed_before_re_deciding_finishes_them_when_re_run(
    spark, pg_engine: Engine, store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Killed after its new-only blocks committed and before the blocks reaching stored entities were re-decided,
    a job leaves those groups unresolved; the re-run finds them still new and re-decides their blocks then."""
    import threatgraph.resolve.run as resolve_run

    url = pg_engine.url.render_as_string(hide_password=False)
    resolve_articles(spark, url, copy_analyses(pg_engine, _first()), screen=False)
    second = copy_analyses(pg_engine, _second())

    def killed(*_args: object) -> None:
        raise RuntimeError("killed")

    with monkeypatch.context() as patch:
        patch.setattr(resolve_run, "redecide", killed)
        with pytest.raises(RuntimeError, match="killed"):
            resolve_articles(spark, url, second, screen=False)
    resolve_articles(spark, url, second, screen=False)  # the re-run

    for batch in (_first(), _second()):
        for an in batch:
            save_analysis(store, an)
        update(store, [an.article.id for an in batch], screen=False)
    assert _clusters(pg_engine) == _clusters(store)
