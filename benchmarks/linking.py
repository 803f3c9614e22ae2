"""Sanctions linking and cross-document merging on real text, against hand-written gold.

Gold: ``tests/gold/dev/links.json`` (written before the system ran on those documents; format in
``tests/gold/dev/README.md``). The run: a fresh SQLite store, the OFAC SDN list
(``../shared/data/sanctions/ofac/sdn.csv``) loaded, every dev article ingested (all 75, so
cross-document resolution sees the same archive an analyst would), entities resolved and screened by
the real pipeline.

How system output meets the gold: each gold surface form is located in its article's text (longest
form wins where forms overlap, so "Hizballah" inside "Kata'ib Hizballah" is not counted twice); a
stored mention belongs to the gold actor whose located form it overlaps, unless it names a larger body
around the form or is a modifier of another type inside it (``_names``, session 12: before, "<Group> Naval
College" counted as the group and "Lebanese" in "Lebanese <Group>" as a second entity of it). A gold actor's
entity in a document is the entity most of its mentions there were resolved to.

Printed, for all gold documents, the tuning part, each tuning split (``tune4``: inspected while tuning, reported on
its own) and each held-out split (``unseen``, ``fresh``, ``fresh3``: scored, never inspected while tuning; only their
summary lines are printed) separately; ``--verbose`` lists errors on tuning documents only, and with ``--halves``
on half A only, while half B is scored to check that a change carries over:

- link precision and recall by list entry id: a link that reads as *sanctioned* is right when its
  entry is the actor's ``sdn`` id; recall counts listed (document, actor) pairs whose entity carries
  the right sanctioned link;
- false "sanctioned" labels: (document, actor) pairs whose actor is not listed, or is listed as
  another entry, yet reads as sanctioned (target 0);
- wrong merges: entities holding mentions of two different gold actors (different keys and not the
  same list entry), as a share of the entities that hold any gold mention (target <= 1%);
- missed merges: a gold actor spread over more than one entity (each extra entity counts one);
- cross-spelling merge rate: actors named in two or more spellings or documents that end in one
  entity (target >= 0.9); ``must_differ`` pairs that were merged are listed by name;
- the false-flag audit (``tests/gold/dev/links-audit.json``): sanctioned links judged by hand on documents
  and mentions the link gold does not cover, re-scored (wrong links still sanctioned, right links lost).

The anchor for quality is the gold; time is printed for the record only.

    PYTHONPATH=src .venv/bin/python benchmarks/linking.py [--db PATH [--reuse]] [--verbose] \
        [--article-gold tests/gold/dev/links-arabnews.json] [--re3d-gold tests/gold/re3d/links.json]

``--re3d-gold`` (session 13) adds a document collection outside the dev set (re3d's CENTCOM press releases,
gold in ``tests/gold/re3d/links.json``): its documents are ingested with the dev articles, matched to the gold by
URL, and each of its splits is reported (``re3d-tune`` with its errors under ``--verbose``; ``re3d-fresh`` held
out, summary lines only). ``--also-list`` loads more sanctions lists beside the SDN list, as a deployment would (the
UN list: ``../shared/data/sanctions/un/consolidated-2025-11-20.xml``); only links to SDN entries are scored, so the
figures say what a second list does to the SDN links (session 13: before ``same_listed``, loading the UN list took
a third of the tuning documents' sanctioned labels away).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, select

from threatgraph.app import Threatgraph
from threatgraph.names.forms import family
from threatgraph.store.db import create, migrate
from threatgraph.store.schema import articles, entities, mentions, sanction_links
from threatgraph.store.states import reads_sanctioned

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("THREATGRAPH_SHARED", ROOT.parent / "shared")) / "data"
DEV = SHARED / "articles" / "dev" / "articles.jsonl"
SDN = SHARED / "sanctions" / "ofac" / "sdn.csv"
GOLD = ROOT / "tests" / "gold" / "dev" / "links.json"
AUDIT = ROOT / "tests" / "gold" / "dev" / "links-audit.json"
#: The list the gold cites (``ent_num`` ids); links to entries of other loaded lists are not scored.
DATASET = "us_ofac_sdn"


@dataclass
class Found:
    """What the system made of one gold actor in one document."""

    doc: str
    actor: str
    entity: str | None = None
    entities: Counter[str] = field(default_factory=Counter)
    sanctioned: set[str] = field(default_factory=set)  # sdn ids read as sanctioned
    possible: set[str] = field(default_factory=set)  # sdn ids linked but not read as sanctioned


def ent_num(entry_id: str) -> str:
    return entry_id.removeprefix("ofac-")


def locate(text: str, forms: dict[str, list[str]]) -> list[tuple[int, int, str]]:
    """Spans of every gold surface form in the text, longest first, overlaps dropped."""
    spans: list[tuple[int, int, str]] = []
    for actor, names in forms.items():
        for name in names:
            for m in re.finditer(r"(?<!\w)" + re.escape(name) + r"(?!\w)", text):
                spans.append((m.start(), m.end(), actor))
    spans.sort(key=lambda s: (-(s[1] - s[0]), s[0]))
    kept: list[tuple[int, int, str]] = []
    for s in spans:
        if all(s[1] <= k[0] or s[0] >= k[1] for k in kept):
            kept.append(s)
    return kept


def build(db: Path, extra: list[Path] | None = None, lists: list[Path] | None = None) -> tuple[Engine, float]:
    engine = create(f"sqlite:///{db}")
    migrate(engine)
    t0 = time.perf_counter()
    app = Threatgraph(engine)
    app.load_lists([SDN])
    for path in lists or []:  # each its own list (dataset), loaded beside the SDN list
        app.load_lists([path])
    report = app.ingest([DEV, *(extra or [])])
    if report.failed:
        for f in report.failed:
            print(f"  ingest failure: {f.source}: {f.reason}")
    return engine, time.perf_counter() - t0


def _opening(text: str) -> str:
    return " ".join(text.split())[:120]


def _from_file(text: str, sources: dict[str, str] | None) -> str | None:
    """The gold document id of an article ingested from a file: the file whose text holds the article's opening
    (the reader may have taken a first line as the title)."""
    opening = _opening(text)
    return next((doc for body, doc in (sources or {}).items() if opening and opening in body), None)


_WORD = re.compile(r"\w+")


def _names(m: Any, s: int, e: int, actor: str, text: str, gold: dict[str, Any]) -> bool:
    """Whether a stored mention overlapping a located gold form (``s``..``e``) is a mention of that actor.

    Two overlaps are not: a mention that runs past the form with more name words names a larger body the
    gold does not list ("<Group> Naval College" around the form "<Group>"), and a mention strictly inside the
    form whose type family is not the actor's is a modifier of the name ("Lebanese" in "Lebanese <Group>", a
    country in "<Mission> in <Country>"). A same-family mention inside the form (a split name: "al-<Surname>"
    inside the full name, "<Corps>" inside "<Corps> – <Force>") still counts, so split extractions show.
    """
    outside = text[m.start : max(m.start, s)] + " " + text[min(m.end, e) : m.end]
    if any(w.casefold() not in ("the", "s") for w in _WORD.findall(outside)):
        return False
    inside = m.start >= s and m.end <= e and (m.start, m.end) != (s, e)
    schema = (gold.get("actors", {}).get(actor) or {}).get("schema")
    return not (inside and schema and family(m.label) != family(schema))


def dev_urls() -> dict[str, str]:
    """The dev articles' URLs -> their gold document ids."""
    return {json.loads(line)["url"]: json.loads(line)["id"] for line in DEV.read_text(encoding="utf-8").splitlines()}


def collection_urls(path: Path) -> dict[str, str]:
    """A JSON-lines collection's document URLs -> document ids (re3d's ``documents.json``: ``sourceUrl``, ``_id``)."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return {r["sourceUrl"]: r["_id"] for r in rows}


def collect(
    engine: Engine,
    gold: dict[str, Any],
    sources: dict[str, str] | None = None,
    urls: dict[str, str] | None = None,
) -> tuple[dict[tuple[str, str], Found], dict[str, set[tuple[str, str]]], list]:
    """Per (doc, actor): what was found; per entity: the gold (doc, actor) pairs it holds. ``sources`` maps the
    text of files outside the dev set (whitespace folded) to their gold document id; ``urls`` maps article URLs to
    gold document ids (default: the dev articles')."""
    urls = dev_urls() if urls is None else urls
    with engine.connect() as conn:
        art = {
            r.id: (urls.get(r.url) or _from_file(r.text, sources), r.text)
            for r in conn.execute(select(articles.c.id, articles.c.url, articles.c.text))
        }
        rows = conn.execute(
            select(
                mentions.c.article_id,
                mentions.c.start,
                mentions.c.end,
                mentions.c.entity_id,
                mentions.c.text,
                mentions.c.label,
            )
        ).all()
        links: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for eid, entry, status in conn.execute(
            select(sanction_links.c.entity_id, sanction_links.c.entry_id, sanction_links.c.status).where(
                sanction_links.c.dataset == DATASET
            )
        ):
            links[eid].append((ent_num(entry), status))
        captions = dict(conn.execute(select(entities.c.id, entities.c.caption)).all())
    by_article: dict[str, list[Any]] = defaultdict(list)
    for r in rows:
        by_article[r.article_id].append(r)
    found: dict[tuple[str, str], Found] = {}
    holds: dict[str, set[tuple[str, str]]] = defaultdict(set)
    unjudged: list[tuple[str, str, str, list[str]]] = []
    for aid, (doc, text) in art.items():
        if doc not in gold["docs"]:
            continue
        forms = gold["docs"][doc]
        spans = locate(text, forms)
        for actor in forms:
            found[(doc, actor)] = Found(doc, actor)
        for m in by_article[aid]:
            hit = [a for s, e, a in spans if s < m.end and e > m.start and _names(m, s, e, a, text, gold)]
            if not hit:
                if m.entity_id and any(reads_sanctioned(st) for _, st in links.get(m.entity_id, [])):
                    unjudged.append(
                        (
                            doc,
                            m.text,
                            captions.get(m.entity_id, ""),
                            [x for x, st in links[m.entity_id] if reads_sanctioned(st)],
                        )
                    )
                continue
            if m.entity_id is None:
                continue
            f = found[(doc, hit[0])]
            f.entities[m.entity_id] += 1
            holds[m.entity_id].add((doc, hit[0]))
        for (d, _a), f in found.items():
            if d != doc or not f.entities:
                continue
            f.entity = f.entities.most_common(1)[0][0]
            for eid in f.entities:
                for entry, status in links.get(eid, []):
                    (f.sanctioned if reads_sanctioned(status) else f.possible).add(entry)
    return found, holds, unjudged


def audit(engine: Engine, shown: set[str]) -> None:
    """Re-score the false-flag audit (``tests/gold/dev/links-audit.json``): sanctioned links judged by hand on
    documents and mentions the link gold does not cover. A link judged wrong that still reads as sanctioned
    is a false flag; one judged right that no longer does is a lost link. Items are listed one by one only on
    ``shown`` (tuning) documents: the audit covers documents that are now held out (``fresh3``)."""
    items = json.loads(AUDIT.read_text(encoding="utf-8"))["items"]
    urls = {json.loads(line)["url"]: json.loads(line)["id"] for line in DEV.read_text(encoding="utf-8").splitlines()}
    with engine.connect() as conn:
        doc_of = {r.id: urls.get(r.url) for r in conn.execute(select(articles.c.id, articles.c.url))}
        sanctioned: dict[str, set[str]] = defaultdict(set)
        for eid, entry, status in conn.execute(
            select(sanction_links.c.entity_id, sanction_links.c.entry_id, sanction_links.c.status).where(
                sanction_links.c.dataset == DATASET
            )
        ):
            if reads_sanctioned(status):
                sanctioned[eid].add(ent_num(entry))
        reads: dict[tuple[str, str], set[str]] = defaultdict(set)
        for aid, text, eid in conn.execute(select(mentions.c.article_id, mentions.c.text, mentions.c.entity_id)):
            if eid is not None:
                reads[(doc_of.get(aid) or "", text.casefold())] |= sanctioned.get(eid, set())
    still_wrong, lost = [], []
    for it in items:
        forms = [f.strip().casefold() for f in it["mention"].split(" / ")]
        now = any(str(it["entry"]) in reads.get((it["doc"], f), set()) for f in forms)
        if it["verdict"] == "wrong" and now:
            still_wrong.append(it)
        if it["verdict"] == "right" and not now:
            lost.append(it)
    n_wrong = sum(1 for it in items if it["verdict"] == "wrong")
    print(f"\n== false-flag audit ({AUDIT.name}): {len(items)} links judged by hand, {n_wrong} wrong")
    print(f"audited wrong links still sanctioned: {len(still_wrong)}/{n_wrong}   target 0")
    print(f"audited right links lost:             {len(lost)}/{len(items) - n_wrong}")
    for it in still_wrong + lost:
        if it["doc"] not in shown:
            continue
        print(f"  {it['verdict'].upper()} {it['doc']}: {it['mention']!r} -> {it['entry']}")


def halves(docs: set[str], salt: str | None = None) -> tuple[set[str], set[str]]:
    """Two fixed halves of the tuning documents (alternate in sorted order), to develop on one and check that a
    change carries over to the other. With a ``salt``, the cut is by a salted hash of the document id instead: a
    new salt makes new halves when the old half B has been looked at (session 12, issue 9: salt ``s12``)."""
    if salt is not None:
        a = {d for d in docs if hashlib.sha1((salt + d).encode("utf-8")).digest()[0] % 2 == 0}
        return a, docs - a
    ordered = sorted(docs)
    return set(ordered[0::2]), set(ordered[1::2])


def ratio(a: int, b: int) -> str:
    return f"{a}/{b} = {a / b:.3f}" if b else f"{a}/0 = n/a"


def report(
    name: str,
    docs: set[str],
    gold: dict[str, Any],
    found: dict[tuple[str, str], Found],
    holds: dict[str, set[tuple[str, str]]],
    verbose: bool,
    errors_only: bool = False,
    names: bool = True,
) -> None:
    actors = gold["actors"]
    sdn = {k: (str(v["sdn"]) if v["sdn"] is not None else None) for k, v in actors.items()}
    items = [f for (d, _), f in found.items() if d in docs]
    listed = [f for f in items if sdn[f.actor]]
    right = [f for f in listed if sdn[f.actor] in f.sanctioned]
    n_links = sum(len(f.sanctioned) for f in items)
    good_links = sum(1 for f in items for e in f.sanctioned if e == sdn[f.actor])
    false_flags = [f for f in items if f.sanctioned and sdn[f.actor] not in f.sanctioned]
    false_unlisted = [f for f in false_flags if not sdn[f.actor]]
    possible = [f for f in items if f.possible]

    def say(*a: Any) -> None:
        if not errors_only:
            print(*a)

    say(f"\n== {name}: {len(docs)} documents, {len(items)} (document, actor) pairs, {len(listed)} listed")
    say(f"actors found (have an entity):      {ratio(sum(1 for f in items if f.entity), len(items))}")
    say(f"link precision (by entry id):       {ratio(good_links, n_links)}   target >= 0.97")
    say(f"link recall (listed pairs):         {ratio(len(right), len(listed))}   target >= 0.85")
    say(
        f"false 'sanctioned' labels:          {len(false_flags)} pairs ({len(false_unlisted)} of unlisted actors, "
        f"{len({f.actor for f in false_flags})} distinct actors)   target 0"
    )
    say(f"pairs with links left for review:   {len(possible)}")
    # merges, within this document set
    ents: dict[str, set[str]] = defaultdict(set)
    for eid, pairs in holds.items():
        for d, a in pairs:
            if d in docs:
                ents[eid].add(a)
    wrong = []
    for eid, acts in ents.items():
        keys = sorted(acts)
        bad = [(a, b) for i, a in enumerate(keys) for b in keys[i + 1 :] if not (sdn[a] and sdn[a] == sdn[b])]
        if bad:
            wrong.append((eid, bad))
    say(f"wrong merges (entities):            {ratio(len(wrong), len(ents))}   target <= 0.01")
    spread: dict[str, set[str]] = defaultdict(set)
    spellings: dict[str, set[str]] = defaultdict(set)
    in_docs: dict[str, set[str]] = defaultdict(set)
    for f in items:
        spread[f.actor] |= set(f.entities)
        in_docs[f.actor].add(f.doc)
        spellings[f.actor] |= {n.casefold() for n in gold["docs"][f.doc][f.actor]}
    missed = sum(max(0, len(e) - 1) for e in spread.values())
    multi = [a for a in spread if spread[a] and (len(spellings[a]) > 1 or len(in_docs[a]) > 1)]
    merged = [a for a in multi if len(spread[a]) == 1]
    say(f"missed merges (extra entities):     {missed}")
    say(f"cross-spelling actors merged:       {ratio(len(merged), len(multi))}   target >= 0.9")
    md = [p for p in gold["must_differ"] if any({p[0], p[1]} <= acts for acts in ents.values())]
    say(f"must-differ pairs merged:           {len(md)}/{len(gold['must_differ'])} {md if md and names else ''}")
    if verbose:
        for f in sorted(false_flags, key=lambda f: (f.actor, f.doc)):
            print(f"  FALSE FLAG {f.doc}: {f.actor} (gold {sdn[f.actor]}) -> {sorted(f.sanctioned)}")
        for f in sorted(items, key=lambda f: (f.actor, f.doc)):
            extra = sorted(e for e in f.sanctioned if e != sdn[f.actor])
            if extra and f not in false_flags:
                print(f"  WRONG LINK {f.doc}: {f.actor} (gold {sdn[f.actor]}) also reads as {extra}")
        for f in sorted(listed, key=lambda f: (f.actor, f.doc)):
            if f not in right:
                print(
                    f"  MISSED LINK {f.doc}: {f.actor} (gold {sdn[f.actor]}) "
                    f"entity={f.entity} possible={sorted(f.possible)}"
                )
        for eid, bad in wrong:
            print(f"  WRONG MERGE {eid}: {bad}")
        for a in sorted(set(multi) - set(merged)):
            print(f"  SPLIT {a}: {len(spread[a])} entities")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", type=Path, help="keep the store here (default: a temporary file)")
    ap.add_argument("--verbose", action="store_true", help="list every error (tuning documents only)")
    ap.add_argument(
        "--halves",
        action="store_true",
        help="also score the tuning documents in two fixed halves (A: develop on, B: check); --verbose then lists "
        "errors of half A only",
    )
    ap.add_argument("--half-salt", help="with --halves: cut the halves by a salted hash of the document id")
    ap.add_argument("--reuse", action="store_true", help="measure the store at --db as it is (no rebuild)")
    ap.add_argument(
        "--also-list",
        type=Path,
        action="append",
        default=[],
        help="load this sanctions list too (e.g. ../shared/data/sanctions/un/consolidated-2025-11-20.xml), as a "
        "deployment would; only links to SDN entries are scored",
    )
    ap.add_argument(
        "--re3d-gold",
        type=Path,
        action="append",
        default=[],
        help="link gold for a re3d document collection (its 'source' under the shared data: a documents.json), "
        "ingested with the dev articles; its splits named '*tune*' are tuning splits, the others held out",
    )
    ap.add_argument(
        "--article-gold",
        type=Path,
        action="append",
        default=[],
        help="link gold for one article outside the dev set (its 'source' under the shared data), ingested "
        "with the dev articles and reported as its own held-out split",
    )
    args = ap.parse_args()
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    extra_gold = [json.loads(p.read_text(encoding="utf-8")) for p in args.article_gold]
    sources = [SHARED / g["source"] for g in extra_gold]
    re3d_gold = [json.loads(p.read_text(encoding="utf-8")) for p in args.re3d_gold]
    collections = [SHARED / g["source"] for g in re3d_gold]
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or Path(tmp) / "linking.sqlite"
        if args.reuse and args.db and db.exists():
            engine, seconds = create(f"sqlite:///{db}"), 0.0
        else:
            if db.exists():
                db.unlink()
            engine, seconds = build(db, [*sources, *collections], args.also_list)
        found, holds, unjudged = collect(engine, gold)
        extra = f" + {len(collections)} re3d collection(s)" if collections else ""
        also = "".join(f" + {p.name}" for p in args.also_list)
        print(f"store built in {seconds:.1f} s: 75 articles{extra}, OFAC SDN list{also}")
        splits = {name: set(docs) for name, docs in gold["split"].items()}
        held_out = {name: docs for name, docs in splits.items() if not name.startswith("tune")}
        tuning_splits = {name: docs for name, docs in splits.items() if name.startswith("tune")}
        hidden = set().union(*held_out.values())
        all_docs = set(gold["docs"])
        tuning = all_docs - hidden
        half_a, half_b = halves(tuning, args.half_salt)
        shown = half_a if args.halves else tuning
        report("all gold documents", all_docs, gold, found, holds, False, names=False)
        report("tuning documents", tuning - set().union(*splits.values()), gold, found, holds, False)
        for name, docs in sorted(tuning_splits.items()):
            report(f"{name} documents (tuning)", docs, gold, found, holds, False)
        if args.verbose:
            print("\n== errors on tuning documents" + (" of half A" if args.halves else ""))
            report("shown", shown, gold, found, holds, True, errors_only=True)
        if args.halves:
            report("tuning half A (developed on)", half_a, gold, found, holds, False)
            report("tuning half B (checked, not inspected)", half_b, gold, found, holds, False, names=False)
        for name, docs in sorted(held_out.items(), key=lambda kv: kv[0] != "unseen"):
            report(f"{name} documents (held out)", docs, gold, found, holds, False, names=False)
        for g, src in zip(extra_gold, sources, strict=True):
            (doc,) = g["docs"]
            body = " ".join(src.read_text(encoding="utf-8").split())
            found_x, holds_x, _ = collect(engine, g, {body: doc})
            for name, docs in g["split"].items():
                report(
                    f"{name} article (held out, outside the dev set)",
                    set(docs),
                    g,
                    found_x,
                    holds_x,
                    False,
                    names=False,
                )
        for g, path in zip(re3d_gold, collections, strict=True):
            found_r, holds_r, unjudged_r = collect(engine, g, urls=collection_urls(path))
            named = {name: set(docs) for name, docs in g["split"].items()}
            for name, docs in sorted(named.items(), key=lambda kv: "tune" not in kv[0]):
                tuning_split = "tune" in name
                kind = "tuning" if tuning_split else "held out"
                report(
                    f"{name} documents ({kind}, {path.parent.name})",
                    docs,
                    g,
                    found_r,
                    holds_r,
                    False,
                    names=tuning_split,
                )
                # with --halves a re3d tuning split is cut like the dev tuning documents (session 14): errors of
                # its half A only are listed, half B is scored
                re3d_a, re3d_b = halves(docs, args.half_salt) if args.halves and tuning_split else (docs, set())
                if args.halves and tuning_split:
                    report(f"{name} half A (developed on)", re3d_a, g, found_r, holds_r, False)
                    report(f"{name} half B (checked, not inspected)", re3d_b, g, found_r, holds_r, False, names=False)
                if args.verbose and tuning_split:
                    report("shown", re3d_a, g, found_r, holds_r, True, errors_only=True)
                    for doc, text, caption, entries in unjudged_r:
                        if doc in re3d_a:
                            print(f"  UNJUDGED {doc}: {text!r} -> {caption!r} {entries}")
        audit(engine, shown)
        tune_unjudged = [u for u in unjudged if u[0] in shown]
        print(f"\nsanctioned entities on mentions outside the gold (inspect): {len(unjudged)}")
        if args.verbose:
            for doc, text, caption, entries in tune_unjudged:
                print(f"  UNJUDGED {doc}: {text!r} -> {caption!r} {entries}")
        engine.dispose()


if __name__ == "__main__":
    main()
