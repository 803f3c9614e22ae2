"""Writing and reading articles with everything extracted from them.

:func:`save_analysis` is the only writer of an article: one transaction holds the article row,
its mentions, events and quotes, so a crash never leaves half an article.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Engine, func, insert, select, text

from threatgraph.model import Analysis, Article
from threatgraph.store import work
from threatgraph.store.db import is_sqlite
from threatgraph.store.parc import quote_spans
from threatgraph.store.records import ArticleSummary
from threatgraph.store.schema import articles, events, mentions, quotes


def article_exists(conn: Connection, article_id: str) -> bool:
    return conn.execute(select(articles.c.id).where(articles.c.id == article_id)).first() is not None


def _next_seq(conn: Connection) -> int:
    return (conn.execute(select(func.max(articles.c.seq))).scalar() or 0) + 1


def article_fields(art: Article) -> dict[str, Any]:
    """The article's own columns, as every writer stores them (this store, and the bulk path's rows)."""
    return {
        "id": art.id,
        "url": art.url,
        "outlet": art.outlet,
        "title": art.title,
        "author": art.author,
        "published": art.published,
        "lang": art.lang,
        "source": art.source,
        "text": art.text,
    }


def _article_row(art: Article, seq: int) -> dict[str, Any]:
    return {**article_fields(art), "ingested_at": datetime.now(UTC), "seq": seq}


def write_analysis(conn: Connection, analysis: Analysis) -> bool:
    """Insert one analysed article on an open transaction; False if it was already stored.

    The transaction must not have written yet (the article lock has to be its first write).
    """
    art = analysis.article
    work.lock(conn, "articles")  # seq = max + 1 must not be read by two writers at once
    if article_exists(conn, art.id):
        return False
    conn.execute(insert(articles), [_article_row(art, _next_seq(conn))])
    # Owed to every new article until done, in this same transaction: a kill after the commit
    # leaves the article with its work recorded, never stored-but-forgotten.
    work.mark(conn, work.RESOLVE, [art.id])
    work.mark(conn, work.WATCH, [art.id])
    if analysis.mentions:
        conn.execute(
            insert(mentions),
            [
                {
                    "article_id": art.id,
                    "entity_id": m.entity_id,
                    "grp": m.group,
                    "start": m.start,
                    "end": m.end,
                    "text": m.text,
                    "label": m.label,
                    "norm": m.norm,
                    "canonical": m.canonical or m.text,
                    "origin": m.source,
                    "sentence": m.sentence,
                    "sent_start": m.sent_start,
                }
                for m in analysis.mentions
            ],
        )
    if analysis.events:
        conn.execute(
            insert(events),
            [
                {
                    "article_id": art.id,
                    "type": ev.type,
                    "subtype": ev.subtype,
                    "trigger": ev.trigger,
                    "source_text": ev.source,
                    "source_grp": ev.source_group,
                    "target_text": ev.target,
                    "target_grp": ev.target_group,
                    "place": ev.place,
                    "date_text": ev.date.text if ev.date else None,
                    "date_start": ev.date.start if ev.date else None,
                    "date_end": ev.date.end if ev.date else None,
                    "date_precision": ev.date.precision if ev.date else None,
                    "date_note": ev.date.note if ev.date else None,
                    "negated": ev.negated,
                    "hedged": ev.hedged,
                    "modality": ev.modality,
                    "sentence": ev.sentence,
                    "start": ev.start,
                    "end": ev.end,
                }
                for ev in analysis.events
            ],
        )
    if analysis.quotes:
        conn.execute(
            insert(quotes),
            [
                {
                    "article_id": art.id,
                    "text": q.text,
                    "direct": q.direct,
                    "speaker": q.speaker,
                    "speaker_grp": q.speaker_group,
                    "speaker_title": q.speaker_title,
                    "speaker_affiliation": q.speaker_affiliation,
                    "cue": q.cue,
                    "outlet": q.outlet,
                    "sentence": q.sentence,
                    "start": q.start,
                    "end": q.end,
                    "kind": q.kind,
                    **quote_spans(q, art.text),
                }
                for q in analysis.quotes
            ],
        )
    return True


def save_analysis(engine: Engine, analysis: Analysis) -> bool:
    """Store one analysed article atomically; False (and no change) for a duplicate."""
    with engine.begin() as conn:
        return write_analysis(conn, analysis)


def _iso(value: Any) -> str | None:
    """A published date as ISO text (PostgreSQL gives a date, SQLite's full-text query the stored text)."""
    return value.isoformat() if hasattr(value, "isoformat") else value


def _fts_query(q: str) -> str:
    """Quote each word so user input can never be FTS5 syntax (no injection, no syntax errors)."""
    words = [w.replace('"', '""') for w in q.split() if w.strip()]
    return " ".join(f'"{w}"' for w in words)


def search_articles(engine: Engine, q: str | None = None, limit: int = 50, offset: int = 0) -> list[ArticleSummary]:
    """Newest-first article list, optionally full-text filtered (FTS5 / tsvector)."""
    with engine.connect() as conn:
        if q and q.strip():
            if is_sqlite(engine):
                sql = text(
                    "SELECT a.id, a.title, a.outlet, a.url, a.published,"
                    " snippet(articles_fts, 1, '[', ']', '…', 16) AS snip"
                    " FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid"
                    " WHERE articles_fts MATCH :q ORDER BY rank LIMIT :limit OFFSET :offset"
                )
                rows = conn.execute(sql, {"q": _fts_query(q), "limit": limit, "offset": offset}).all()
            else:
                sql = text(
                    "SELECT id, title, outlet, url, published, substr(text, 1, 200) AS snip FROM articles"
                    # the stored vector (migration 0003): no article re-parsed while a page is looked for
                    " WHERE search_tsv @@ plainto_tsquery('simple', :q)"
                    " ORDER BY published DESC NULLS LAST, seq DESC LIMIT :limit OFFSET :offset"
                )
                rows = conn.execute(sql, {"q": q, "limit": limit, "offset": offset}).all()
        else:
            rows = conn.execute(
                select(
                    articles.c.id,
                    articles.c.title,
                    articles.c.outlet,
                    articles.c.url,
                    articles.c.published,
                    func.substr(articles.c.text, 1, 200),
                )
                # By the date the reporting carries (undated last), then by ingest order: "newest" means newest
                # reporting, not the most recently loaded file.
                .order_by(articles.c.published.desc().nulls_last(), articles.c.seq.desc())
                .limit(limit)
                .offset(offset)
            ).all()
    return [ArticleSummary(r[0], r[1], r[2], r[3], _iso(r[4]), r[5]) for r in rows]


def get_article(engine: Engine, article_id: str) -> dict[str, Any] | None:
    with engine.connect() as conn:
        row = conn.execute(select(articles).where(articles.c.id == article_id)).mappings().first()
        return dict(row) if row else None
