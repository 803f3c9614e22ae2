"""How far above the "sanctioned" bar each automatic link stands, and what carried it (issue 9, session 14).

A false "sanctioned" label on held-out text comes from a link that passed on one weak piece of evidence. This script
lists, for every probable link of an entity seen only in tuning documents (the dev tuning splits, re3d's tuning
splits and the Arab News article), the evidence behind it and the single piece that carried it, and counts the links
by *margin class*: what the link would fall back to if that one piece were wrong. Entities that hold a mention in a
held-out document are never printed (their links are only counted), so the held-out splits stay unseen.

    PYTHONPATH=src .venv/bin/python benchmarks/link_margins.py --db STORE [--all]

``STORE`` is a store ``benchmarks/linking.py --db STORE`` built (the dev articles, the re3d collections and the Arab
News article ingested, the SDN list loaded). ``--all`` prints every link, not only those resting on one piece.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from sqlalchemy import select

from threatgraph.names.forms import family, name_form
from threatgraph.screen.index import get_index
from threatgraph.store.db import create
from threatgraph.store.schema import aliases, articles, entities, mentions, sanction_links

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "gold"


def _dev_docs() -> tuple[dict[str, str], set[str], set[str]]:
    """Dev article URL -> document id, and the tuning and held-out document ids."""
    from linking import dev_urls  # noqa: PLC0415 - a sibling benchmark script, run from this folder

    gold = json.loads((GOLD / "dev" / "links.json").read_text(encoding="utf-8"))
    held = {d for name, docs in gold["split"].items() if not name.startswith("tune") for d in docs}
    return dev_urls(), set(gold["docs"]) - held, held


def _re3d_docs() -> tuple[dict[str, str], set[str], set[str]]:
    from linking import SHARED, collection_urls  # noqa: PLC0415

    urls: dict[str, str] = {}
    tune: set[str] = set()
    held: set[str] = set()
    for name in ("links.json", "links-state.json"):
        g = json.loads((GOLD / "re3d" / name).read_text(encoding="utf-8"))
        urls |= collection_urls(SHARED / g["source"])
        for split, docs in g["split"].items():
            (tune if "tune" in split else held).update(docs)
    return urls, tune, held


def carried_by(j: dict[str, Any], schema: str) -> str:
    """The margin class of a probable link: which single piece of evidence it rests on."""
    kind = j.get("name_kind")
    pieces = [x.split(":")[0] for x in j.get("for") or [] if not x.startswith("name:")]
    corroboration = sorted(
        {p for p in pieces if p in ("affiliation", "the articles report this actor designated or sanctioned")}
    )
    corr = ["designation" if c.startswith("the articles") else c for c in corroboration]
    country = "country" in pieces
    person = family(schema) == "Person"
    if not corr:
        return f"{'person' if person else 'org'} {kind} name only" + (" + country" if country else "")
    if corr == ["designation"]:
        return f"{'person' if person else 'org'} {kind} name + designation only" + (" + country" if country else "")
    return f"{'person' if person else 'org'} {kind} name + {'+'.join(corr)}" + (" + country" if country else "")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", type=Path, required=True)
    ap.add_argument("--all", action="store_true", help="print every probable link, not only one-piece ones")
    args = ap.parse_args()
    engine = create(f"sqlite:///{args.db}")
    index = get_index(engine)
    floor = max(20, 0.002 * len(index.names))
    dev_urls, dev_tune, dev_held = _dev_docs()
    r_urls, r_tune, r_held = _re3d_docs()
    with engine.connect() as conn:
        tag: dict[str, str] = {}
        for aid, url in conn.execute(select(articles.c.id, articles.c.url)):
            doc = dev_urls.get(url) or r_urls.get(url)
            if doc in dev_held or doc in r_held:
                tag[aid] = "held"
            elif doc in dev_tune or doc in r_tune or doc is None:  # None: the Arab News article (a file)
                tag[aid] = "tune"
        ent_tags: dict[str, set[str]] = defaultdict(set)
        for aid, eid in conn.execute(select(mentions.c.article_id, mentions.c.entity_id)):
            if eid:
                ent_tags[eid].add(tag.get(aid, "other"))
        names: dict[str, list[str]] = defaultdict(list)
        for eid, name in conn.execute(select(aliases.c.entity_id, aliases.c.name)):
            names[eid].append(name)
        info = {
            r.id: (r.caption, r.schema)
            for r in conn.execute(select(entities.c.id, entities.c.caption, entities.c.schema))
        }
        rows = conn.execute(
            select(
                sanction_links.c.entity_id,
                sanction_links.c.entry_id,
                sanction_links.c.explanation,
                sanction_links.c.status,
            ).where(sanction_links.c.status == "probable")
        ).all()
    classes: Counter[str] = Counter()
    hidden = 0
    for eid, entry, expl, _status in sorted(rows, key=lambda r: info[r[0]][0]):
        if "held" in ent_tags[eid]:
            hidden += 1
            continue
        caption, schema = info[eid]
        j = (expl or {}).get("judgement") or {}
        cls = carried_by(j, schema)
        classes[cls] += 1
        one_piece = "only" in cls
        if not (args.all or one_piece):
            continue
        core = name_form(j["matched"][0], "Person" if family(schema) == "Person" else "Organization").core
        dfs = [index.df.get(t, 0) for t in core]
        common = all(d >= floor for d in dfs)
        print(
            f"{cls:44} {caption!r} -> {entry} {expl.get('caption')!r}\n"
            f"    matched {j['matched']} score={j['name_score']} df={dfs}{' COMMON' if common else ''}\n"
            f"    for={j.get('for')}\n    against={j.get('against')}\n"
            f"    aliases={sorted(set(names[eid]))[:8]}"
        )
    print(f"\nprobable links on entities seen only in tuning documents: {sum(classes.values())}")
    for cls, n in classes.most_common():
        print(f"  {n:4}  {cls}")
    print(f"probable links on entities with a held-out mention (not shown): {hidden}")


if __name__ == "__main__":
    main()
