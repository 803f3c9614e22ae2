"""A small, hand-built archive for API and web tests: three invented articles about one armed group.

Written through the store's own writers (``save_analysis``) plus direct inserts for what
resolve and screening would normally produce (entities, aliases, resolved mention ids, the
sanctions list and the link), so the API is tested against exactly the rows the stages write.
The articles are invented for testing; the list file is written by hand in FtM JSON lines.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, insert, update

from threatgraph.model import Analysis, Article, DateInterval, Event, Mention, Quote
from threatgraph.store.articles import save_analysis
from threatgraph.store.schema import (
    aliases,
    entities,
    events,
    list_entries,
    list_versions,
    mentions,
    quotes,
    sanction_links,
)

TOKEN = "test-token-123"  # the bearer token test apps are created with
FIXTURES = Path(__file__).parent / "fixtures"
LIST_FILE = FIXTURES / "sanctions.ftm.jsonl"

ZB = "ent-zainabiyoun"
IRGC = "ent-irgc"
SYRIA = "ent-syria"
ANALYST = "ent-rahimi"

ENTITIES = {
    ZB: (
        "ArmedGroup",
        "Zainabiyoun Brigade",
        [("Zainabiyoun Brigade", "Latin"), ("Liwa Zaynabiyun", "Latin"), ("لواء زینبیون", "Arabic")],
    ),
    IRGC: (
        "Organization",
        "Islamic Revolutionary Guard Corps",
        [("Islamic Revolutionary Guard Corps", "Latin"), ("IRGC", "Latin")],
    ),
    SYRIA: ("Country", "Syria", [("Syria", "Latin")]),
    ANALYST: ("Person", "Farid Rahimi", [("Farid Rahimi", "Latin")]),
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
    sents = _sentences(text)
    found: list[Mention] = []
    for surface, (entity_id, label) in SURFACES.items():
        pos = text.find(surface)
        while pos >= 0:
            s0, s1 = next((a, b) for a, b in sents if a <= pos < b)
            found.append(
                Mention(
                    start=pos,
                    end=pos + len(surface),
                    text=surface,
                    label=label,
                    norm=surface.casefold(),
                    sentence=text[s0:s1],
                    sent_start=s0,
                    canonical=ENTITIES[entity_id][1] if entity_id else surface,
                    entity_id=entity_id,
                )
            )
            pos = text.find(surface, pos + 1)
    return sorted(found, key=lambda m: m.start)


def build_archive(engine: Engine) -> dict[str, Any]:
    """Fill ``engine`` with the archive; returns the ids tests look up (article ids in order)."""
    now = datetime.now(UTC)
    with engine.begin() as conn:
        for eid, (schema, caption, names) in ENTITIES.items():
            conn.execute(
                insert(entities).values(
                    id=eid,
                    schema=schema,
                    caption=caption,
                    norm=caption.casefold(),
                    mention_count=0,
                    article_count=0,
                    first_seen=now,
                    last_seen=now,
                    props={},
                )
            )
            conn.execute(
                insert(aliases),
                [{"entity_id": eid, "name": n, "norm": n.casefold(), "script": s, "count": 1} for n, s in names],
            )
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
        sents = _sentences(text)
        evs = []
        for typ, trigger, src, tgt, dtext, dstart, dend, prec, sent_no in spec["events"]:
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
        qs = []
        if '"' in text:
            q0 = text.index('"')
            q1 = text.index('"', q0 + 1) + 1
            qs.append(
                Quote(
                    text=text[q0 + 1 : q1 - 2],
                    start=q0,
                    end=q1,
                    speaker="Farid Rahimi",
                    cue="said",
                    speaker_title="research fellow",
                    sentence=text[q0:],
                )
            )
        elif "told Test Wire" in text:
            q0 = text.index("Farid Rahimi told")
            qs.append(
                Quote(
                    text="the group had lost dozens of men",
                    start=q0,
                    end=len(text),
                    speaker="Farid Rahimi",
                    cue="told",
                    outlet="Test Wire",
                    direct=False,
                    sentence=text[q0:],
                )
            )
        save_analysis(engine, Analysis(article=art, mentions=_mentions(text), events=evs, quotes=qs))
        article_ids.append(art.id)
        with engine.begin() as conn:
            for typ, _trig, src, tgt, *_rest in spec["events"]:
                conn.execute(
                    update(events)
                    .where(events.c.article_id == art.id, events.c.type == typ)
                    .values(source_entity_id=src, target_entity_id=tgt)
                )
            if qs:
                conn.execute(update(quotes).where(quotes.c.article_id == art.id).values(speaker_entity_id=ANALYST))
    with engine.begin() as conn:
        for eid in ENTITIES:
            n = conn.execute(mentions.select().where(mentions.c.entity_id == eid)).all()
            conn.execute(
                update(entities)
                .where(entities.c.id == eid)
                .values(mention_count=len(n), article_count=len({r.article_id for r in n}))
            )
    load_list(engine)
    with engine.begin() as conn:
        conn.execute(
            insert(sanction_links).values(
                entity_id=ZB,
                dataset="testlist",
                entry_id="tg-test-zainabiyoun",
                score=0.97,
                status="auto",
                explanation={"matched": "Zainabiyoun Brigade → Zainabiyoun Brigade", "name_similarity": 1.0},
                created_at=now,
            )
        )
    return {"articles": article_ids, "entity": ZB}


def load_list(engine: Engine) -> None:
    """The test sanctions list through the screening stage's loader (its index is then built too)."""
    try:
        from threatgraph.screen.index import get_index  # noqa: F401 - only to know the stage is complete
        from threatgraph.screen.lists import load_files
    except ImportError:
        _insert_list_rows(engine)
        return
    load_files(engine, [LIST_FILE], dataset="testlist")


def _insert_list_rows(engine: Engine) -> None:
    import json

    now = datetime.now(UTC)
    rows = [json.loads(line) for line in LIST_FILE.read_text().splitlines() if line.strip()]
    listed = [r for r in rows if r["schema"] != "Sanction"]
    with engine.begin() as conn:
        vid = conn.execute(
            insert(list_versions).values(
                dataset="testlist",
                format="ftm",
                source=str(LIST_FILE),
                digest="0" * 64,
                loaded_at=now,
                entry_count=len(listed),
                added=len(listed),
            )
        ).inserted_primary_key[0]
        conn.execute(
            insert(list_entries),
            [
                {
                    "dataset": "testlist",
                    "entry_id": r["id"],
                    "schema": r["schema"],
                    "caption": r["properties"]["name"][0],
                    "data": r,
                    "digest": "0" * 64,
                    "first_version_id": vid,
                    "last_version_id": vid,
                }
                for r in listed
            ],
        )
