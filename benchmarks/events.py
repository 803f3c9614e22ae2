"""Event extraction on real reporting: the dev event gold and re3d's relations, scored as events.

Usage::

    PYTHONPATH=src .venv/bin/python benchmarks/events.py [--split tune|unseen|aquaint|aquaint2|timebank|all] [--errors]
        [--no-re3d] [--half A|B [--half-seed s15]]

Dev gold is ``tests/gold/dev/events.json`` (see the README there): one entry per event *mention*
with a verbatim evidence span, its PLOVER root, actors, date, place and modality. A gold event is
*detected* when an extracted event's sentence holds the evidence span and either its trigger is the
gold trigger word or its type is one of the gold's acceptable roots. On detected events the
type, source, target, date, place and modality are compared; each figure is printed with its counts
and the documents are scored per split (``tune`` may be looked at while improving the extractor,
``unseen`` and ``fresh`` never are). The publication date handed to the extractor is the page's stated date, or
the reconstructed ``published_approx`` when it is a whole day (a feed would give one).

"source/target/date/place right when one given" score only the events the extractor gave that role: a wrong
actor, date or place misleads a reader, an unknown one does not, so both figures are shown. "no doer when none
given" (session 17) counts ASSAULT and COERCE gold events whose text names no doer (source null) that come out
with none: a bombing given a doer the text does not name is a false attribution.

Irrealis errors count gold events that are negated, hypothetical or demanded but come out as an
asserted fact; claims shown as facts are counted apart (a claim is reported, not false).
``not_events`` are trigger-looking words that name nothing; an asserted event there is an error.

Documents marked ``complete`` have exhaustive gold, so precision is measured on them too: an extracted
event is *true* when a gold event of its sentence has its trigger, or has its root while the event's
trigger is not inside one of the sentence's ``not_events``; the rest are *false events*. An asserted
event whose matched gold is negated, hypothetical or demanded is irrealis shown as a fact. Gold events
marked ``optional`` are neither missed when absent nor count toward precision when found.
``--half A|B`` keeps one stable half of the chosen documents (by a checksum of the id), so a
mechanism developed on one half can be checked on the other. ``--half-seed S`` cuts new halves once the old half B
has been looked at: each split's documents, sorted, are shuffled with a generator seeded by ``S`` and the split's name
and the first (larger) half is A, so each half holds about as many documents of every split (session 14: ``s14``,
session 15: ``s15``). ``--salt S`` instead draws new checksum halves from ``S`` + the id.

``--split aquaint`` scores ``tests/gold/tbaq/events.json`` (session 17): exhaustive event gold on 15 AP and Xinhua
reports of August-September 1998 (the East African embassy bombings and what followed), written before the system
ran on them. The texts are TempEval-3's training data (TBAQ-cleaned, AQUAINT part; github.com/jspotter/TempEval-3,
data only), read beside the repository by ``timeml.py``, never shipped; the DCT is the publication date. Its halves
are ``timeml.half_of(id, "s17")`` (``--salt`` changes the salt): half A may be inspected, half B is a figure only.
``--split aquaint2`` (session 18) scores the other twelve AQUAINT 1998 documents of the same file (the embassy
bombings' aftermath, NATO's enlargement, the 1998 sniper killing of a Buffalo doctor), also written before the system
ran on them; its halves are ``half_of(id, "s18")``. Session 19 made all of it a tuning split (its errors print).
``--split timebank`` (session 19) scores thirteen TimeBank news documents of January-March 1998 (AP, NYT, CNN, PRI,
VOA: kidnappings, shootings, protests, Kosovo, Iraq, Northern Ireland, the Atlanta bombings) in the same file, written
before the system ran on them; its halves are ``half_of(id, "s19")``: half A may be inspected, half B is a figure.

re3d (Dstl; CENTCOM and US State Department portions, see its LICENSE) annotates relations between
spans. Four are events or standing relations between actors: FightingAgainst (an ASSAULT between the
two), AlliesOf (COOPERATE, AID or SUPPORT, either direction), BelongsTo and InChargeOf (membership and
command). A relation is recalled when an event in the same sentence has an accepted root and its two
actors overlap the relation's two spans (either order for FightingAgainst and AlliesOf).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
import zlib
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from goldtext import norm  # one gold-text folding for every score
from threatgraph.extract.events_lexicon import lexicon
from threatgraph.extract.pipeline import Extractor
from threatgraph.model import Article, Event
from timeml import MissingCorpus, half_of, tbaq_documents

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("THREATGRAPH_SHARED", ROOT.parent / "shared"))
ARTICLES = SHARED / "data" / "articles" / "dev" / "articles.jsonl"
RE3D = SHARED / "data" / "eval" / "re3d"
GOLD = ROOT / "tests" / "gold" / "dev" / "events.json"
TBAQ_GOLD = ROOT / "tests" / "gold" / "tbaq" / "events.json"
TBAQ_SALT = "s17"  # the session-17 A/B cut of the AQUAINT documents (half A tuned on, half B read as a figure)

IRREALIS = ("negated", "hypothetical", "demanded")
# roots whose gold "source": null is scored too: a use of force the text pins on nobody must not be given a doer
DOERLESS_SCORED = ("ASSAULT", "COERCE")
SPLITS = ("tune", "unseen", "fresh", "tune3", "fresh2", "tune5", "fresh4")
AQUAINT = "aquaint"  # tests/gold/tbaq: 1998 news wire (TempEval-3's AQUAINT part), read beside the repository
AQUAINT2 = "aquaint2"  # the same file's session-18 documents: a check split, scored as a figure only
TIMEBANK = "timebank"  # the same file's session-19 documents: TimeBank's 1998 news, half A tuned on, half B a figure
TBAQ_SALTS = {AQUAINT: TBAQ_SALT, AQUAINT2: "s18", TIMEBANK: "s19"}  # each split's A/B cut, drawn with its gold
TUNING = ("tune", "tune3", "tune5")  # the only splits whose per-item errors may be printed
RE3D_ROOTS = {
    "FightingAgainst": ({"ASSAULT"}, True),
    "AlliesOf": ({"COOPERATE", "AID", "SUPPORT"}, True),
    "BelongsTo": ({"COOPERATE", "MEMBER"}, False),
    "InChargeOf": ({"LEAD"}, False),
}


def names_match(system: str | None, gold: list[str]) -> bool:
    """True when the system's actor names one of the gold names (word-bounded containment either way)."""
    s = norm(system)
    if not s:
        return False
    for name in gold:
        g = norm(name)
        if g and (s == g or f" {g} " in f" {s} " or f" {s} " in f" {g} "):
            return True
    return False


def root(event: Event) -> str:
    """The PLOVER root of an extracted event's type (the type itself when the ontology has no other)."""
    spec = lexicon().types.get(event.type) or {}
    return str(spec.get("plover") or event.type)


def modality(event: Event) -> str:
    """The extracted event's modality; events from before modality existed read their flags."""
    mode = getattr(event, "modality", None)
    if mode:
        return str(mode)
    if event.negated:
        return "negated"
    return "hedged" if event.hedged else "asserted"


def gold_interval(value: str) -> tuple[date, date]:
    """``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD`` or ``start..end`` as a closed interval of days."""
    if ".." in value:
        lo, hi = value.split("..")
        return gold_interval(lo)[0], gold_interval(hi)[1]
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 1:
        return date(parts[0], 1, 1), date(parts[0], 12, 31)
    if len(parts) == 2:
        nxt = date(parts[0] + parts[1] // 12, parts[1] % 12 + 1, 1)
        return date(parts[0], parts[1], 1), nxt - timedelta(days=1)
    return date(*parts), date(*parts)


def date_right(event: Event, gold: str) -> bool:
    """The extracted interval overlaps the true one and is no wider than it (plus a day of slack)."""
    d = event.date
    if d is None or d.start is None or d.end is None:
        return False
    lo, hi = gold_interval(gold)
    return d.start <= hi and d.end >= lo and (d.end - d.start) <= (hi - lo) + timedelta(days=1)


def trigger_match(event: Event, trigger: str) -> bool:
    a, b = norm(event.trigger), norm(trigger)
    n = min(len(a), len(b), 5)
    return bool(a and b) and (a[: max(n, 4)] == b[: max(n, 4)] or a in b.split() or b in a.split())


@dataclass(slots=True)
class Tally:
    """Counts per measure: (right, scored)."""

    counts: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0]))
    errors: list[str] = field(default_factory=list)

    def score(self, measure: str, ok: bool) -> None:
        self.counts[measure][1] += 1
        self.counts[measure][0] += int(ok)

    def line(self, measure: str) -> str:
        ok, total = self.counts[measure]
        value = ok / total if total else 0.0
        return f"  {measure:<28} {value:6.3f}  ({ok}/{total})"


def load_articles() -> dict[str, Article]:
    out: dict[str, Article] = {}
    with ARTICLES.open(encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            published = rec.get("published") or rec.get("published_approx")
            pub = date.fromisoformat(published) if published and len(published) == 10 else None
            out[rec["id"]] = Article(
                text=rec["text"],
                url=rec.get("url"),
                outlet=rec.get("source"),
                title=rec.get("title"),
                published=pub,
                id=rec["id"],
            )
    return out


def load_tbaq_articles() -> dict[str, Article]:
    """The AQUAINT/TimeBank documents as articles: ``<TEXT>`` as text, the DCT as publication date. The corpus is
    never shipped, so a machine without it gets a clear error rather than a silently empty split."""
    try:
        documents = tbaq_documents()
    except MissingCorpus as exc:
        raise SystemExit(f"--split {'/'.join(TBAQ_SALTS)}: {exc}") from exc
    return {
        d.doc_id: Article(text=d.text, title=d.title, published=d.dct, id=d.doc_id, outlet=d.corpus) for d in documents
    }


def _best(candidates: list[Event], gold: dict[str, Any]) -> Event | None:
    roots = {gold["type"], *gold.get("type_alt", [])}
    by_trigger = [e for e in candidates if trigger_match(e, gold["trigger"])]
    by_type = [e for e in candidates if root(e) in roots]
    for pool in ([e for e in by_trigger if root(e) in roots], by_trigger, by_type):
        if pool:  # one trigger may yield several events (one per actor pair): take the best aligned
            return max(pool, key=lambda e: _agreement(e, gold))
    return None


def _agreement(event: Event, gold: dict[str, Any]) -> tuple[int, bool, bool]:
    """How well an extracted event lines up with a gold one; the date breaks a tie between two
    events of one trigger word ("was designated on … 2017, and on … 2019 was designated …")."""
    actors = sum(bool(gold[r]) and names_match(getattr(event, r), gold[r]) for r in ("source", "target"))
    dated = bool(gold["date"]) and date_right(event, gold["date"])
    return actors, norm(event.trigger) == norm(gold["trigger"]), dated


def trigger_pos(text: str, gold: dict[str, Any]) -> int:
    """Offset of a gold event's trigger: in its evidence's first occurrence, or in the one ``occurrence``
    names when a release repeats the sentence word for word."""
    lo = -1
    for _ in range(gold.get("occurrence", 1)):
        lo = text.index(gold["evidence"], lo + 1)
    return lo + gold["evidence"].index(gold["trigger"])


def in_half(doc_id: str, half: str | None, salt: str = "") -> bool:
    """A stable half of the documents: "A" or "B" by the checksum of ``salt`` + id, every document for
    None (a new salt draws a new split, so a session can tune on halves earlier sessions did not look at)."""
    return half is None or "AB"[zlib.crc32((salt + doc_id).encode("utf-8")) % 2] == half


def seeded_halves(documents: list[dict[str, Any]], seed: str) -> dict[str, str]:
    """Document id -> "A" or "B": per split, the sorted ids shuffled by ``random.Random(seed:split)``, the first
    ceil(n/2) in A. Stratifying by split keeps the Treasury/State designation splits on both sides, which a plain
    checksum of the id did not (it put every tune3 document in one half)."""
    by_split: dict[str, list[str]] = defaultdict(list)
    for d in documents:
        by_split[d["split"]].append(d["doc"])
    out: dict[str, str] = {}
    for split, ids in by_split.items():
        ids = sorted(ids)
        random.Random(f"{seed}:{split}").shuffle(ids)
        cut = (len(ids) + 1) // 2
        out.update({doc: "A" if i < cut else "B" for i, doc in enumerate(ids)})
    return out


def score_precision(gdoc: dict[str, Any], text: str, events: list[Event], tally: Tally) -> None:
    """On an exhaustive (``complete``) gold document: extracted events that match no gold event, and
    asserted events whose gold is negated, hypothetical or demanded."""
    golds = []
    for g in gdoc["events"]:
        golds.append((trigger_pos(text, g), g))
    blocked = [(text.index(span), norm(span).split()) for span in gdoc.get("not_events", [])]
    for e in events:
        here = [g for pos, g in golds if e.start <= pos < e.end]
        in_not_event = any(e.start <= lo < e.end and norm(e.trigger) in words for lo, words in blocked)
        by_trigger = [g for g in here if trigger_match(e, g["trigger"])]
        by_type = [] if in_not_event else [g for g in here if root(e) in {g["type"], *g.get("type_alt", [])}]
        match = (by_trigger or by_type or [None])[0]
        where = f"{gdoc['doc']}: {e.trigger!r} {root(e)} ({e.type}) in {e.sentence[:70]!r}"
        if match is not None and match.get("optional"):
            continue
        tally.score("precision, all events", match is not None)
        if match is None:
            tally.errors.append(f"FALSE    {where} [{modality(e)}]")
            if modality(e) == "asserted":
                tally.score("precision, asserted events", False)
            continue
        if modality(e) == "asserted":
            tally.score("precision, asserted events", True)
            fact = match["modality"] not in IRREALIS
            tally.score("asserted, gold not irrealis", fact)
            if not fact:
                tally.errors.append(f"AS FACT  {where}: gold {match['modality']}")


def score_dev(
    extractor: Extractor,
    split: str,
    tally: Tally,
    show_errors: bool,
    half: str | None = None,
    half_seed: str | None = None,
    salt: str = "",
) -> None:
    """Score every gold document of ``split`` ("all" for every split), or one half of them. The AQUAINT splits
    have their own gold file and texts, and their halves are ``timeml.half_of(id, salt or TBAQ_SALTS[split])``."""
    if split in TBAQ_SALTS:
        gold = json.loads(TBAQ_GOLD.read_text(encoding="utf-8"))
        articles = load_tbaq_articles()
        docs = [
            d
            for d in gold["documents"]
            if d["split"] == split and (half is None or half_of(d["doc"], salt or TBAQ_SALTS[split]) == half)
        ]
    else:
        gold = json.loads(GOLD.read_text(encoding="utf-8"))
        articles = load_articles()
        wanted = {"all": set(SPLITS), "tuning": set(TUNING)}.get(split, {split})
        seeded = seeded_halves(gold["documents"], half_seed) if half_seed is not None else None
        docs = [
            d
            for d in gold["documents"]
            if d["split"] in wanted
            and (in_half(d["doc"], half, salt) if seeded is None or half is None else seeded[d["doc"]] == half)
        ]
    analyses = extractor.analyse([articles[d["doc"]] for d in docs])
    for gdoc, analysis in zip(docs, analyses, strict=True):
        text = analysis.article.text
        if gdoc.get("complete"):
            score_precision(gdoc, text, analysis.events, tally)
        for g in gdoc["events"]:
            if g.get("optional"):
                continue
            pos = trigger_pos(text, g)
            # an event whose trigger is another gold event's of the sentence ("designations" in "the
            # designations aim to shut down X") is that event's, not a match by type for this one
            others = [
                (trigger_pos(text, h), h["trigger"])
                for h in gdoc["events"]
                if h is not g and norm(h["trigger"]) != norm(g["trigger"])
            ]
            cands = [
                e
                for e in analysis.events
                if e.start <= pos < e.end
                and (
                    trigger_match(e, g["trigger"])
                    or not any(e.start <= at < e.end and trigger_match(e, word) for at, word in others)
                )
            ]
            best = _best(cands, g)
            where = f"{gdoc['doc']}: {g['evidence'][:60]!r}"
            tally.score("detected", best is not None)
            if best is None:
                tally.errors.append(f"MISSED   {where} ({g['type']})")
                continue
            roots = {g["type"], *g.get("type_alt", [])}
            tally.score("type (PLOVER root)", root(best) in roots)
            if root(best) not in roots:
                tally.errors.append(f"TYPE     {where}: {root(best)} ({best.type}) for {g['type']}")
            if g["source"] is None and g["type"] in DOERLESS_SCORED and best.source is not None:
                # an attack the text pins on nobody, given a doer: the worst kind of wrong actor
                tally.errors.append(f"DOER     {where}: {best.source!r} given, the text names no doer")
            if g["source"] is None and g["type"] in DOERLESS_SCORED:
                tally.score("no doer when none given", best.source is None)
            for role in ("source", "target"):
                if g[role]:
                    ok = names_match(getattr(best, role), g[role])
                    tally.score(role, ok)
                    if getattr(best, role) is not None:
                        tally.score(f"{role} right when one given", ok)  # a wrong actor is worse than none
                    if not ok:
                        tally.errors.append(f"{role.upper():<8} {where}: {getattr(best, role)!r} for {g[role][0]!r}")
            if g["date"]:
                ok = date_right(best, g["date"])
                tally.score("date", ok)
                if best.date is not None and best.date.start is not None:
                    tally.score("date right when one given", ok)  # a wrong date is worse than none
                if not ok:
                    got = best.date and (best.date.start, best.date.end, best.date.note)
                    tally.errors.append(f"DATE     {where}: {got} for {g['date']}")
            elif best.date is not None and best.date.start is not None:
                tally.score("no date when none given", best.date.note is not None)
                if best.date.note is None:
                    tally.errors.append(f"DATED    {where}: {best.date.text!r} stated, the text gives no date")
            if g["place"]:
                ok = names_match(best.place, g["place"])
                tally.score("place", ok)
                if best.place is not None:
                    tally.score("place right when one given", ok)  # a wrong place is worse than none
                if not ok:
                    tally.errors.append(f"PLACE    {where}: {best.place!r} for {g['place'][0]!r}")
            mode = modality(best)
            tally.score("modality", mode == g["modality"])
            if mode != g["modality"]:
                tally.errors.append(f"MODALITY {where}: {mode} for {g['modality']}")
            if g["modality"] in IRREALIS:
                tally.score("irrealis kept from facts", mode != "asserted")
                if mode == "asserted":
                    tally.errors.append(f"IRREALIS {where}: {g['modality']} shown as fact")
            if g["modality"] == "claimed":
                tally.score("claims kept from facts", mode != "asserted")
        for span in gdoc.get("not_events", []):
            lo = text.index(span)
            bad = [
                e
                for e in analysis.events
                if e.start <= lo < e.end and modality(e) == "asserted" and norm(e.trigger) in norm(span).split()
            ]
            tally.score("non-events left alone", not bad)
            if bad:
                tally.errors.append(f"SPURIOUS {gdoc['doc']}: {span!r} -> {bad[0].type}")
    if show_errors:
        for err in tally.errors:
            print("   ", err)


def score_re3d(extractor: Extractor) -> dict[str, list[int]]:
    """Recall of re3d's FightingAgainst/AlliesOf/BelongsTo/InChargeOf relations as events."""
    out: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for portion in ("CENTCOM", "US_State_Department"):
        base = RE3D / portion
        docs = {d["_id"]: d for d in map(json.loads, base.joinpath("documents.json").open(encoding="utf-8"))}
        rels = [
            r
            for r in map(json.loads, base.joinpath("relations.json").open(encoding="utf-8"))
            if r["type"] in RE3D_ROOTS
        ]
        by_doc: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for r in rels:
            by_doc[r["documentId"]].append(r)
        ids = sorted(by_doc)
        arts = [Article(text=docs[i]["text"], id=i) for i in ids]
        for doc_id, analysis in zip(ids, extractor.analyse(arts), strict=True):
            for r in by_doc[doc_id]:
                roots, symmetric = RE3D_ROOTS[r["type"]]
                cands = [e for e in analysis.events if e.start <= r["sourceBegin"] < e.end and root(e) in roots]
                ok = False
                for e in cands:
                    fwd = names_match(e.source, [r["source"]]) and names_match(e.target, [r["target"]])
                    back = names_match(e.source, [r["target"]]) and names_match(e.target, [r["source"]])
                    ok = ok or fwd or (symmetric and back)
                out[r["type"]][1] += 1
                out[r["type"]][0] += int(ok)
    return out


def speed(extractor: Extractor, repeat: int = 2) -> tuple[float, float]:
    """CPU seconds of the bare spaCy parse (anchor) and of event extraction on the 75 dev texts."""
    from threatgraph.extract.events import extract_events
    from threatgraph.extract.pipeline import extract_mentions

    arts = list(load_articles().values()) * repeat
    t0 = time.process_time()
    docs = list(extractor.nlp.pipe([a.text for a in arts], batch_size=32))
    parse = time.process_time() - t0
    mentions = [extract_mentions(d) for d in docs]
    t0 = time.process_time()
    for doc, ms, art in zip(docs, mentions, arts, strict=True):
        extract_events(doc, ms, art)
    return parse, time.process_time() - t0


def inspectable(split: str, half: str | None) -> bool:
    """Whether a split's per-item errors may be printed: the tuning splits, aquaint2 (all tuning since session 19)
    and half A of aquaint and timebank; held-out splits and the B halves are read as figures only."""
    return split in (*TUNING, "tuning", AQUAINT2) or (split in (AQUAINT, TIMEBANK) and half == "A")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "--split", choices=(*SPLITS, *TBAQ_SALTS, "tuning", "all"), default=None, help="tuning: tune+tune3+tune5"
    )
    ap.add_argument("--half", choices=("A", "B"), default=None, help="score one stable half of the documents")
    ap.add_argument("--salt", default="", help="salt of the --half checksum (a new salt, a new split)")
    ap.add_argument("--half-seed", default=None, help="with --half: seeded halves stratified by split (s14)")
    ap.add_argument(
        "--errors",
        action="store_true",
        help="list each miss (tuning splits only: tune, tune3, tune5, aquaint2, aquaint or timebank half A)",
    )
    ap.add_argument("--no-re3d", action="store_true")
    ap.add_argument("--speed", action="store_true", help="also time event extraction against the bare parse")
    args = ap.parse_args(argv)
    extractor = Extractor()
    splits = [args.split] if args.split else [*SPLITS, "all"]
    for split in splits:
        tally = Tally()
        score_dev(
            extractor,
            split,
            tally,
            args.errors and inspectable(split, args.half),
            args.half,
            half_seed=args.half_seed,
            salt=args.salt,
        )
        how = f" seed={args.half_seed}" if args.half_seed else (f" salt={args.salt}" if args.salt else "")
        if split in TBAQ_SALTS:
            how = f" salt={args.salt or TBAQ_SALTS[split]}"
        label = {AQUAINT: "AQUAINT 1998", AQUAINT2: "AQUAINT 1998", TIMEBANK: "TimeBank 1998"}.get(split, "dev")
        label += " event gold"
        print(f"{label}, split={split}" + (f" half={args.half}{how}" if args.half else ""))
        for measure in tally.counts:
            print(tally.line(measure))
    if not args.no_re3d:
        print("re3d relations recalled as events (CENTCOM + US State Department)")
        for rel, (ok, total) in sorted(score_re3d(extractor).items()):
            print(f"  {rel:<28} {ok / total if total else 0:6.3f}  ({ok}/{total})")
    if args.speed:
        parse, events_s = speed(extractor)
        print(f"speed: parse {parse:.2f}s CPU (anchor), events {events_s:.2f}s CPU, ratio {events_s / parse:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
