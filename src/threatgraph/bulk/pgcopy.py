"""Writing many analysed articles to PostgreSQL in one transaction: COPY into staging, then insert.

``save_analysis`` writes one article per transaction with ordinary INSERTs: right for ``ingest``,
slow for a million articles. Here one Spark partition is one transaction:

1. the partition's articles, mentions, events and quotes are streamed with ``COPY`` into temporary
   staging tables (dropped at commit);
2. under a transaction-scoped advisory lock (so concurrent partitions hand out ``seq`` numbers one
   after the other, as watchers rely on), articles are inserted with ``ON CONFLICT DO NOTHING``;
3. mentions, events and quotes are inserted only for the articles step 2 actually inserted.

Re-running a partition (a retried Spark task, a re-run after a killed job) therefore adds nothing
twice, and an article is never stored without its mentions: either the transaction commits whole
or nothing of it is visible.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Connection, Engine, text

from threatgraph.model import Analysis
from threatgraph.store.parc import SPAN_COLUMNS, quote_spans

#: Any constant: the advisory lock that orders ``seq`` hand-out between concurrent writers.
SEQ_LOCK = 0x7467_0016

_ARTICLE_COLS = ("id", "url", "outlet", "title", "author", "published", "lang", "source", "text")
#: A mention row as COPY writes it (also what benchmarks/serve.py fills PostgreSQL with).
MENTION_COLS = (
    "article_id",
    "entity_id",
    "grp",
    "start",
    "end",
    "text",
    "label",
    "norm",
    "canonical",
    "origin",
    "sentence",
    "sent_start",
)
_EVENT_COLS = (
    "article_id",
    "type",
    "subtype",
    "trigger",
    "source_text",
    "source_grp",
    "target_text",
    "target_grp",
    "place",
    "date_text",
    "date_start",
    "date_end",
    "date_precision",
    "date_note",
    "negated",
    "hedged",
    "modality",
    "sentence",
    "start",
    "end",
)
_QUOTE_COLS = (
    "article_id",
    "text",
    "direct",
    "speaker",
    "speaker_grp",
    "speaker_title",
    "speaker_affiliation",
    "cue",
    "outlet",
    "sentence",
    "start",
    "end",
    "kind",
    *SPAN_COLUMNS,
)


def _q(cols: Sequence[str]) -> str:
    return ", ".join(f'"{c}"' for c in cols)


def _stage(conn: Connection, name: str, like: str, cols: Sequence[str]) -> None:
    """A temporary table with ``ord`` plus the target table's columns ``cols`` (types copied)."""
    conn.execute(
        text(f"CREATE TEMP TABLE {name} ON COMMIT DROP AS SELECT 0::bigint AS ord, {_q(cols)} FROM {like} WITH NO DATA")
    )


def _copy(conn: Connection, table: str, cols: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    raw = conn.connection.dbapi_connection
    assert raw is not None
    with raw.cursor() as cur, cur.copy(f"COPY {table} (ord, {_q(cols)}) FROM STDIN") as copy:  # type: ignore[attr-defined]
        for row in rows:
            copy.write_row(row)


def _rows(analyses: Sequence[Analysis]) -> dict[str, list[tuple[Any, ...]]]:
    arts, ments, evs, quos = [], [], [], []
    for i, an in enumerate(analyses):
        a = an.article
        arts.append((i, a.id, a.url, a.outlet, a.title, a.author, a.published, a.lang, a.source, a.text))
        for m in an.mentions:
            ments.append(
                (
                    len(ments),
                    a.id,
                    m.entity_id,
                    m.group,
                    m.start,
                    m.end,
                    m.text,
                    m.label,
                    m.norm,
                    m.canonical or m.text,
                    m.source,
                    m.sentence,
                    m.sent_start,
                )
            )
        for ev in an.events:
            d = ev.date
            evs.append(
                (
                    len(evs),
                    a.id,
                    ev.type,
                    ev.subtype,
                    ev.trigger,
                    ev.source,
                    ev.source_group,
                    ev.target,
                    ev.target_group,
                    ev.place,
                    d.text if d else None,
                    d.start if d else None,
                    d.end if d else None,
                    d.precision if d else None,
                    d.note if d else None,
                    ev.negated,
                    ev.hedged,
                    ev.modality,
                    ev.sentence,
                    ev.start,
                    ev.end,
                )
            )
        for q in an.quotes:
            spans = quote_spans(q, a.text)  # the last columns (SPAN_COLUMNS), by name
            quos.append(
                (
                    len(quos),
                    a.id,
                    q.text,
                    q.direct,
                    q.speaker,
                    q.speaker_group,
                    q.speaker_title,
                    q.speaker_affiliation,
                    q.cue,
                    q.outlet,
                    q.sentence,
                    q.start,
                    q.end,
                    q.kind,
                    *(spans[c] for c in SPAN_COLUMNS),
                )
            )
    return {"articles": arts, "mentions": ments, "events": evs, "quotes": quos}


def copy_analyses(engine: Engine, analyses: Sequence[Analysis]) -> list[str]:
    """Store these analyses in one transaction; returns the ids newly stored (the rest were there)."""
    if not analyses:
        return []
    if engine.dialect.name != "postgresql":
        raise ValueError(f"COPY writes need PostgreSQL, not {engine.dialect.name}")
    unique = list({an.article.id: an for an in reversed(analyses)}.values())[::-1]  # first of each id
    rows = _rows(unique)
    spec = {
        "articles": _ARTICLE_COLS,
        "mentions": MENTION_COLS,
        "events": _EVENT_COLS,
        "quotes": _QUOTE_COLS,
    }
    with engine.begin() as conn:
        for table, cols in spec.items():
            _stage(conn, f"tg_stage_{table}", table, cols)
            _copy(conn, f"tg_stage_{table}", cols, rows[table])
        conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": SEQ_LOCK})
        new = [
            r[0]
            for r in conn.execute(
                text(
                    f"INSERT INTO articles ({_q(_ARTICLE_COLS)}, ingested_at, seq) "
                    f"SELECT {_q(_ARTICLE_COLS)}, now(), "
                    "(SELECT coalesce(max(seq), 0) FROM articles) + row_number() OVER (ORDER BY ord) "
                    "FROM tg_stage_articles ORDER BY ord ON CONFLICT (id) DO NOTHING RETURNING id"
                )
            )
        ]
        if new:
            conn.execute(text("CREATE TEMP TABLE tg_stage_new (id text PRIMARY KEY) ON COMMIT DROP"))
            conn.execute(text("INSERT INTO tg_stage_new SELECT unnest(CAST(:ids AS text[]))"), {"ids": new})
            for table, cols in spec.items():
                if table == "articles":
                    continue
                conn.execute(
                    text(
                        f"INSERT INTO {table} ({_q(cols)}) SELECT {_q(cols)} FROM tg_stage_{table} s "
                        "WHERE s.article_id IN (SELECT id FROM tg_stage_new) ORDER BY s.ord"
                    )
                )
    return new
