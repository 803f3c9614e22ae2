"""A small hand-built archive for export tests (own text, not third-party reporting).

Articles go through ``save_analysis``; entities, aliases and sanction links come from the shared
builders in ``tests/archive.py`` and mentions/events/quotes are linked to entities the way
resolve links them, so these tests do not depend on the extract or resolve stages. The list
entry is inserted by hand (an OFAC-shaped row with its sanction) rather than loaded from a file.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, date, datetime

from sqlalchemy import Engine, insert

from archive import add_entity, add_sanction_link, link_events, link_mentions, link_speakers, mention
from threatgraph.model import Analysis, Article, DateInterval, Event, Mention, Quote
from threatgraph.store.articles import save_analysis
from threatgraph.store.schema import list_entries, list_versions

T1 = (
    "The US Treasury sanctioned the Zainabiyoun Brigade on Tuesday. "
    "Fighters of the Zainabiyoun Brigade were later redeployed near Aleppo in Syria. "
    '"The brigade is a recruitment pipeline," said Ali Reza, a research fellow at the Gulf Policy Institute.'
)
T2 = "Officials in Damascus said the Zainabiyoun Brigade did not recruit minors. Ali Reza disputed that."

ENTITIES = {
    "ent-zb": ("ArmedGroup", "Zainabiyoun Brigade", ["Zainabiyoun Brigade", "Liwa Zainabiyoun", "لواء زینبیون"]),
    "ent-treasury": ("PublicBody", "US Treasury", ["US Treasury"]),
    "ent-ali": ("Person", "Ali Reza", ["Ali Reza"]),
    "ent-gpi": ("Organization", "Gulf Policy Institute", ["Gulf Policy Institute"]),
    "ent-aleppo": ("Location", "Aleppo", ["Aleppo"]),
    "ent-syria": ("Country", "Syria", ["Syria"]),
    "ent-damascus": ("Location", "Damascus", ["Damascus"]),
    "ent-nowhere": ("Location", "Qasr al-Hayr Outpost", ["Qasr al-Hayr Outpost"]),
}


@dataclass
class Archive:
    a1: str
    a2: str


def _m(text: str, phrase: str, label: str, group: int, nth: int = 0) -> Mention:
    """A mention whose ``sent_start`` is that of its sentence (the evidence stays the whole text)."""
    m = mention(text, phrase, label, nth=nth, group=group)
    return replace(m, sent_start=text.rfind(". ", 0, m.start) + 2 if ". " in text[: m.start] else 0)


def build(engine: Engine) -> Archive:
    now = datetime(2024, 5, 2, 9, 30, tzinfo=UTC)
    for eid, (schema, caption, names) in ENTITIES.items():
        add_entity(engine, eid, caption, schema, names, mention_count=2, article_count=1, seen=now)

    art1 = Article(
        T1, url="https://example.org/zb", outlet="Example Wire", title="Brigade sanctioned", published=date(2024, 5, 1)
    )
    s1 = T1.index("Fighters")
    a1 = Analysis(
        article=art1,
        mentions=[
            _m(T1, "US Treasury", "PublicBody", 0),
            _m(T1, "Zainabiyoun Brigade", "ArmedGroup", 1),
            _m(T1, "Zainabiyoun Brigade", "ArmedGroup", 1, nth=1),
            _m(T1, "Aleppo", "Location", 2),
            _m(T1, "Syria", "Country", 3),
            _m(T1, "Ali Reza", "Person", 4),
            _m(T1, "Gulf Policy Institute", "Organization", 5),
            _m(T1, "Tuesday", "Date", 6),
        ],
        events=[
            Event(
                "SANCTION",
                "sanctioned",
                T1[: s1 - 1],
                0,
                s1 - 1,
                "US Treasury",
                "Zainabiyoun Brigade",
                0,
                1,
                date=DateInterval("Tuesday", date(2024, 4, 30), date(2024, 4, 30), "day"),
            ),
            Event(
                "DEPLOY",
                "redeployed",
                T1[s1 : T1.index('"') - 1],
                s1,
                T1.index('"') - 1,
                "Zainabiyoun Brigade",
                None,
                1,
                -1,
                place="Aleppo",
                hedged=True,
            ),
        ],
        quotes=[
            Quote(
                "The brigade is a recruitment pipeline,",
                T1.index('"') + 1,
                T1.index('," said') + 1,
                speaker="Ali Reza",
                speaker_group=4,
                speaker_title="a research fellow",
                speaker_affiliation="the Gulf Policy Institute",
                cue="said",
                sentence=T1[T1.index('"') :],
                cue_start=T1.index(" said") + 1,
                cue_end=T1.index(" said") + 5,
                source_start=T1.index("Ali Reza"),
                source_end=T1.index("Ali Reza") + len("Ali Reza"),
            )
        ],
    )
    save_analysis(engine, a1)
    art2 = Article(
        T2, url="https://example.org/zb2", outlet="Example Wire", title='=HYPERLINK("x")', published=date(2024, 5, 3)
    )
    a2 = Analysis(
        article=art2,
        mentions=[
            _m(T2, "Damascus", "Location", 0),
            _m(T2, "Zainabiyoun Brigade", "ArmedGroup", 1),
            _m(T2, "Ali Reza", "Person", 2),
        ],
        events=[
            Event(
                "MOBILIZE",
                "recruit",
                T2[: T2.index(".") + 1],
                0,
                T2.index(".") + 1,
                "Zainabiyoun Brigade",
                "minors",
                1,
                -1,
                negated=True,
            )
        ],
    )
    save_analysis(engine, a2)

    for eid, (_schema, caption, _names) in ENTITIES.items():
        link_mentions(engine, None, caption, eid)
    link_events(engine, {"source_text": "US Treasury"}, source_entity_id="ent-treasury", target_entity_id="ent-zb")
    link_events(engine, {"source_text": "Zainabiyoun Brigade"}, source_entity_id="ent-zb")
    link_speakers(engine, "ent-ali", speaker_affiliation="Gulf Policy Institute")
    with engine.begin() as conn:
        vid = conn.execute(
            insert(list_versions).values(
                dataset="ofac", format="csv", source="sdn.csv", digest="0" * 64, loaded_at=now, entry_count=1
            )
        ).inserted_primary_key[0]
        data = {
            "id": "ofac-32179",
            "schema": "Organization",
            "properties": {"name": ["ZAYNABIYOUN BRIGADE"], "alias": ["Liwa Zainabiyoun"], "topics": ["sanction"]},
            "sanction": {
                "id": "ofac-32179-sanction",
                "schema": "Sanction",
                "properties": {
                    "entity": ["ofac-32179"],
                    "program": ["SDGT"],
                    "authority": ["OFAC"],
                    "listingDate": ["2019-01-24"],
                },
            },
        }
        conn.execute(
            insert(list_entries).values(
                dataset="ofac",
                entry_id="32179",
                schema="Organization",
                caption="ZAYNABIYOUN BRIGADE",
                data=data,
                digest="1" * 64,
                first_version_id=vid,
                last_version_id=vid,
            )
        )
    add_sanction_link(engine, "ent-zb", "ofac", "32179", 0.93, explanation={"name": "ZAYNABIYOUN BRIGADE"}, at=now)
    add_sanction_link(engine, "ent-ali", "ofac", "99999", 0.71, status="rejected", at=now)
    return Archive(art1.id, art2.id)
