"""A synthetic archive of any size written straight into the store tables (fast, for export scale tests).

Own generated text only. Entities grow with the archive (one per ``per_entity`` articles) as they do in
real archives; each article has six mentions, two events (one with a city as place) and one quote
whose speaker is affiliated with an organisation, so every export path (actors, reports,
relationships, notes, memberships) is exercised at scale.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import Engine, insert

from threatgraph.store.schema import aliases, articles, entities, events, mentions, quotes

KINDS = ("ArmedGroup", "Organization", "Person", "Location")
CITIES = ("Aleppo", "Mosul", "Kabul", "Herat", "Sanaa", "Tripoli", "Goma", "Mogadishu")
SYL = ("ka", "ri", "mo", "za", "tu", "ne", "lo", "fa", "shi", "da", "ba", "qu")


def _name(i: int) -> str:
    parts = []
    while True:
        parts.append(SYL[i % len(SYL)])
        i //= len(SYL)
        if not i:
            break
    return "".join(parts).capitalize() + " " + SYL[len(parts) % len(SYL)].capitalize() + "ran"


def fill(engine: Engine, n_articles: int, per_entity: int = 10, page: int = 2000) -> None:
    n_ent = max(8, n_articles // per_entity // 4 * 4)
    now = datetime(2024, 1, 1, tzinfo=UTC)
    ents = []
    for i in range(n_ent):
        schema = KINDS[i % len(KINDS)]
        caption = CITIES[(i // 4) % len(CITIES)] if schema == "Location" else _name(i)
        ents.append((f"ent-s{i:07d}", schema, caption))
    with engine.begin() as conn:
        conn.execute(
            insert(entities),
            [
                {"id": e, "schema": s, "caption": c, "norm": c.casefold(), "mention_count": 6, "article_count": 3}
                | {"first_seen": now, "last_seen": now, "props": {}}
                for e, s, c in ents
            ],
        )
        conn.execute(
            insert(aliases),
            [{"entity_id": e, "name": c, "norm": c.casefold(), "script": "Latin", "count": 3} for e, _s, c in ents],
        )
    for a0 in range(0, n_articles, page):
        arts, ments, evs, qs = [], [], [], []
        for a in range(a0, min(n_articles, a0 + page)):
            aid = hashlib.sha1(f"synthetic {a}".encode()).hexdigest()
            picks = [ents[(a * 7 + k * 13) % n_ent] for k in range(6)]
            group, org, person = picks[0], ents[(a * 4 + 1) % n_ent], ents[(a * 4 + 2) % n_ent]
            sentence = f"{group[2]} fighters moved near {CITIES[a % len(CITIES)]} in report {a}."
            text = " ".join([sentence] * 4)
            arts.append(
                {"id": aid, "url": f"https://example.org/s/{a}", "outlet": "Synthetic Wire", "title": f"Report {a}"}
                | {"author": None, "published": date(2020, 1, 1) + timedelta(days=a % 1500), "lang": "en"}
                | {"source": "synthetic", "text": text, "ingested_at": now, "seq": a + 1}
            )
            for k, (eid, schema, caption) in enumerate(picks):
                ments.append(
                    {"article_id": aid, "entity_id": eid, "grp": k, "start": k * 10, "end": k * 10 + len(caption)}
                    | {"text": caption, "label": schema, "norm": caption.casefold(), "canonical": caption}
                    | {"origin": "model", "sentence": sentence, "sent_start": 0}
                )
            for k, (src, dst) in enumerate(((group, org), (org, None))):
                evs.append(
                    {"article_id": aid, "type": "ASSAULT" if k == 0 else "DEPLOY", "subtype": None}
                    | {"trigger": "attacked", "source_text": src[2], "source_grp": 0, "source_entity_id": src[0]}
                    | {"target_text": dst[2] if dst else None, "target_grp": 1 if dst else None}
                    | {"target_entity_id": dst[0] if dst else None, "place": CITIES[a % len(CITIES)] if k else None}
                    | {"date_text": None, "date_start": None, "date_end": None, "date_precision": None}
                    | {"negated": False, "hedged": bool(a % 5 == 0), "modality": "asserted", "sentence": sentence}
                    | {"start": 0, "end": len(sentence)}
                )
            qs.append(
                {"article_id": aid, "text": f"We saw it happen in report {a}", "direct": True, "speaker": person[2]}
                | {"speaker_grp": 2, "speaker_entity_id": person[0], "speaker_title": "analyst"}
                | {"speaker_affiliation": org[2] if org[1] == "Organization" else None, "cue": "said"}
                | {"outlet": None, "sentence": sentence, "start": 0, "end": 10}
            )
        with engine.begin() as conn:
            conn.execute(insert(articles), arts)
            conn.execute(insert(mentions), ments)
            conn.execute(insert(events), evs)
            conn.execute(insert(quotes), qs)
