"""Hand-built analysed articles for resolution tests (no NLP needed).

An article is written as text plus the actors it mentions; :func:`build` finds each name's
occurrences in the text and makes :class:`Mention`s with in-document groups the way the
extractor does (one group per actor, canonical = its full name).
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from threatgraph.model import Analysis, Article, Event, Mention, Quote
from threatgraph.store.articles import save_analysis
from threatgraph.store.schema import articles, mentions


def build(
    text: str,
    actors: list[tuple[str, list[str]]],
    *,
    published: date | None = date(2024, 1, 1),
    events: list[tuple[str, int, int]] = (),
    quotes: list[tuple[str, int]] = (),
) -> Analysis:
    """Analysis of ``text``: actors are (label, [canonical, other spellings…]); events are
    (type, source actor index, target actor index); quotes are (quote text, speaker index)."""
    art = Article(text=text, published=published, title=text[:40], outlet="Test Wire")
    ms: list[Mention] = []
    for grp, (label, names) in enumerate(actors):
        taken: list[tuple[int, int]] = []
        for name in sorted(names, key=len, reverse=True):
            for m in re.finditer(re.escape(name), text):
                if any(s < m.end() and m.start() < e for s, e in taken):
                    continue
                taken.append((m.start(), m.end()))
                sent_start = text.rfind(". ", 0, m.start()) + 1
                sent_end = text.find(".", m.end())
                ms.append(
                    Mention(
                        start=m.start(),
                        end=m.end(),
                        text=name,
                        label=label,
                        norm=name.casefold(),
                        sentence=text[sent_start : sent_end + 1 if sent_end >= 0 else len(text)].strip(),
                        sent_start=sent_start,
                        group=grp,
                        canonical=names[0],
                    )
                )
        assert taken, f"{names[0]!r} not in text"
    evs = [
        Event(
            type=t,
            trigger="x",
            sentence=text[:80],
            start=0,
            end=min(80, len(text)),
            source=actors[s][1][0],
            target=actors[o][1][0],
            source_group=s,
            target_group=o,
        )
        for t, s, o in events
    ]
    qs = [
        Quote(text=q, start=text.find(q), end=text.find(q) + len(q), speaker=actors[s][1][0], speaker_group=s)
        for q, s in quotes
    ]
    return Analysis(article=art, mentions=ms, events=evs, quotes=qs)


@pytest.fixture
def add(store):
    """Store hand-built articles and return their ids (resolution is up to the test)."""

    def _add(*analyses: Analysis) -> list[str]:
        ids = []
        for a in analyses:
            save_analysis(store, a)
            ids.append(a.article.id)
        return ids

    return _add


def load_sdn_rows(store, tmp_path: Path, rows: list[str]):
    """Load hand-written OFAC SDN CSV rows into the store as the list ``ofac`` (tests that screen against a few
    invented entries); returns the store."""
    from threatgraph.screen.lists import load_files

    sdn = tmp_path / "sdn.csv"
    sdn.write_text("\n".join(rows) + "\n", encoding="utf-8")
    load_files(store, [sdn], dataset="ofac")
    return store


def entity_names(store, text_part: str, name: str) -> set[str]:
    """Every name held by the entity of ``name`` in the article whose text holds ``text_part``."""
    with store.connect() as conn:
        aid = conn.execute(select(articles.c.id).where(articles.c.text.contains(text_part))).scalar_one()
        eid = conn.execute(
            select(mentions.c.entity_id).where(mentions.c.article_id == aid, mentions.c.text == name)
        ).first()[0]
        return {t for (t,) in conn.execute(select(mentions.c.text).where(mentions.c.entity_id == eid))}
