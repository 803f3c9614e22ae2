"""A small, hand-built archive for API and web tests: three invented articles about one armed group.

Written with the shared builders in ``tests/archive.py`` (articles through ``save_analysis``, what
resolve would produce inserted the way resolve writes it) and the sanctions list loaded through
the screening stage's own loader, so the API is tested against exactly the rows the stages write.
The articles are invented for testing; the list file is written by hand in FtM JSON lines.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, select, update

from archive import add_entity, add_sanction_link, link_events, link_speakers, mention
from threatgraph.model import Analysis, Article, DateInterval, Event, Mention, Quote
from threatgraph.screen.index import get_index
from threatgraph.screen.lists import load_files
from threatgraph.store.articles import save_analysis
from threatgraph.store.schema import articles, entities, mentions

TOKEN = "test-token-123"  # the bearer token test apps are created with
FIXTURES = Path(__file__).parent / "fixtures"
LIST_FILE = FIXTURES / "sanctions.ftm.jsonl"

ZB = "ent-zainabiyoun"
IRGC = "ent-irgc"
SYRIA = "ent-syria"
ANALYST = "ent-rahimi"

ENTITIES = {
    ZB: ("ArmedGroup", "Zainabiyoun Brigade", ["Zainabiyoun Brigade", "Liwa Zaynabiyun", "لواء زینبیون"]),
    IRGC: ("Organization", "Islamic Revolutionary Guard Corps", ["Islamic Revolutionary Guard Corps", "IRGC"]),
    SYRIA: ("Country", "Syria", ["Syria"]),
    ANALYST: ("Person", "Farid Rahimi", ["Farid Rahimi"]),
}

ARTICLES = [
    {
        "title": "Recruiters for the Zainabiyoun Brigade return to Parachinar",
        "outlet": "Test Wire",
        "published": date(2022, 8, 15),
        "text": (
            "The Zainabiyoun Brigade recruited young men in Parachinar in late July, residents said. "
            "The Islamic Revolutionary Guard Corps trained the recruits before they deployed to Syria. "
            '"The Zainabiyoun Brigade is a tool of the Islamic Revolutionary Guard Corps," '
            "said Farid Rahimi, a research fellow at an invented institute."
        ),
        "events": [
            ("RECRUIT", "recruited", ZB, None, "late July", date(2022, 7, 21), date(2022, 7, 31), "season", 0),
            ("SUPPORT", "trained", IRGC, ZB, None, None, None, None, 1),
            ("DEPLOY", "deployed", ZB, SYRIA, None, None, None, None, 1),
        ],
    },
    {
        "title": "Liwa Zaynabiyun fighters seen near Aleppo",
        "outlet": "Test Wire",
        "published": date(2023, 3, 2),
        "text": (
            "Fighters of Liwa Zaynabiyun were seen near Aleppo in Syria in February 2023. "
            "Farid Rahimi told Test Wire that the group had lost dozens of men."
        ),
        "events": [("DEPLOY", "seen", ZB, SYRIA, "February 2023", date(2023, 2, 1), date(2023, 2, 28), "month", 0)],
    },
    {
        "title": "Sanctions on لواء زینبیون explained",
        "outlet": "Other Desk",
        "published": date(2019, 1, 25),
        "text": (
            "The United States designated لواء زینبیون, the Zainabiyoun Brigade, on 24 January 2019. "
            "Officials said the Islamic Revolutionary Guard Corps funds the group."
        ),
        "events": [
            ("SANCTION", "designated", None, ZB, "24 January 2019", date(2019, 1, 24), date(2019, 1, 24), "day", 0)
        ],
    },
]

SURFACES = {
    "Zainabiyoun Brigade": (ZB, "ArmedGroup"),
    "Liwa Zaynabiyun": (ZB, "ArmedGroup"),
    "لواء زینبیون": (ZB, "ArmedGroup"),
    "Islamic Revolutionary Guard Corps": (IRGC, "Organization"),
    "Syria": (SYRIA, "Country"),
    "Farid Rahimi": (ANALYST, "Person"),
    "Parachinar": (None, "Location"),
    "Aleppo": (None, "Location"),
}


def _sentences(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for i, ch in enumerate(text):
        if ch == "." and (i + 1 == len(text) or text[i + 1] == " "):
            spans.append((start, i + 1))
            start = i + 2
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def _mentions(text: str) -> list[Mention]:
    """Every occurrence of every known surface, resolved the way resolve would resolve it."""
    sents = _sentences(text)
    found: list[Mention] = []
    for surface, (entity_id, label) in SURFACES.items():
        canonical = ENTITIES[entity_id][1] if entity_id else surface
        for nth in range(text.count(surface)):
            m = mention(text, surface, label, nth=nth, canonical=canonical, entity_id=entity_id)
            s0, s1 = next((a, b) for a, b in sents if a <= m.start < b)
            found.append(replace(m, sentence=text[s0:s1], sent_start=s0))
    return sorted(found, key=lambda m: m.start)


def _events(text: str, spec: list[tuple]) -> list[Event]:
    sents = _sentences(text)
    evs = []
    for typ, trigger, src, tgt, dtext, dstart, dend, prec, sent_no in spec:
        s0, s1 = sents[sent_no]
        evs.append(
            Event(
                type=typ,
                trigger=trigger,
                sentence=text[s0:s1],
                start=s0,
                end=s1,
                source=ENTITIES[src][1] if src else "The United States",
                target=ENTITIES[tgt][1] if tgt else None,
                date=DateInterval(dtext, dstart, dend, prec) if dtext else None,
            )
        )
    return evs


def _quotes(text: str) -> list[Quote]:
    if '"' in text:
        q0 = text.index('"')
        q1 = text.index('"', q0 + 1) + 1
        return [
            Quote(
                text=text[q0 + 1 : q1 - 2],
                start=q0,
                end=q1,
                speaker="Farid Rahimi",
                cue="said",
                speaker_title="research fellow",
                sentence=text[q0:],
            )
        ]
    if "told Test Wire" in text:
        q0 = text.index("Farid Rahimi told")
        return [
            Quote(
                text="the group had lost dozens of men",
                start=q0,
                end=len(text),
                speaker="Farid Rahimi",
                cue="told",
                outlet="Test Wire",
                direct=False,
                sentence=text[q0:],
                source_start=q0,
                source_end=q0 + len("Farid Rahimi"),
                cue_start=text.index("told", q0),
                cue_end=text.index("told", q0) + 4,
            )
        ]
    return []


def build_archive(engine: Engine) -> dict[str, Any]:
    """Fill ``engine`` with the archive; returns the ids tests look up (article ids in order)."""
    for eid, (schema, caption, names) in ENTITIES.items():
        add_entity(engine, eid, caption, schema, names, mention_count=0, article_count=0)
    article_ids = []
    for spec in ARTICLES:
        text = spec["text"]
        art = Article(
            text=text,
            title=spec["title"],
            outlet=spec["outlet"],
            published=spec["published"],
            url=f"https://example.org/{len(article_ids)}",
        )
        qs = _quotes(text)
        save_analysis(
            engine, Analysis(article=art, mentions=_mentions(text), events=_events(text, spec["events"]), quotes=qs)
        )
        article_ids.append(art.id)
        for typ, _trig, src, tgt, *_rest in spec["events"]:
            link_events(engine, {"article_id": art.id, "type": typ}, source_entity_id=src, target_entity_id=tgt)
        if qs:
            link_speakers(engine, ANALYST, article_id=art.id)
    _profiles(engine)
    load_files(engine, [LIST_FILE], dataset="testlist")
    get_index(engine)  # built now, as `lists load` (Threatgraph.load_lists) leaves it, not inside the first request
    add_sanction_link(
        engine,
        ZB,
        "testlist",
        "tg-test-zainabiyoun",
        0.97,
        explanation={"matched": "Zainabiyoun Brigade → Zainabiyoun Brigade", "name_similarity": 1.0},
    )
    return {"articles": article_ids, "entity": ZB}


def _profiles(engine: Engine) -> None:
    """What resolve keeps on each entity: mention and article counts, first and last publication date seen.

    Dates come from the articles, never from the clock, so pages (and the dossier screenshot the
    browser test writes to docs/) look the same on every run.
    """
    with engine.begin() as conn:
        for eid in ENTITIES:
            rows = conn.execute(
                select(mentions.c.article_id, articles.c.published)
                .join(articles, articles.c.id == mentions.c.article_id)
                .where(mentions.c.entity_id == eid)
            ).all()
            days = [r.published for r in rows if r.published]
            conn.execute(
                update(entities)
                .where(entities.c.id == eid)
                .values(
                    mention_count=len(rows),
                    article_count=len({r.article_id for r in rows}),
                    first_seen=_midnight(min(days)) if days else None,
                    last_seen=_midnight(max(days)) if days else None,
                )
            )


def _midnight(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=UTC)
