"""Extraction quality against hand-written gold files: entities, events, quote speakers, dates.

Usage::

    .venv/bin/python benchmarks/extraction.py [ARTICLE_OR_GOLD_OR_DIR ...] [--json]

Without arguments every ``samples/*.gold.json`` is scored against the article next to it; a
directory argument scores every gold file in it (``tests/extract/heldout`` is the held-out set,
never used for tuning).

Gold format (one JSON file per article, ``<article stem>.gold.json``)::

    {"article": "karachi-arrests.txt",
     "entities": [{"name": "Fajr Brigade", "type": "ArmedGroup", "aliases": ["..."]}, ...],
     "events": [{"type": "SANCTION", "source": "US Treasury", "target": "Fajr Brigade",
                 "date": {"start": "2021-01-01", "end": "2021-12-31"}, "place": "...",
                 "negated": false, "hedged": false}, ...],
     "quotes": [{"speaker": "Zainab Malik", "first_words": "Every few months", "direct": true,
                 "title": "lecturer", "affiliation": "University of Karachi", "outlet": null}, ...],
     "dates": [{"text": "late July", "start": "2022-07-21", "end": "2022-07-31"}, ...]}

Entities must be exhaustive (every named person, organisation, place and nationality), so
precision means something. Events list those with at least one named actor; ``null`` is an
unnamed actor ("experts", "police") and matches a system actor that is not a named entity.
Entity scores compare names (any alias) and coarse types; event scores compare the type
(aliases accepted: RECRUIT = MOBILIZE) and both actors; quote-speaker accuracy is the share of
gold quotes found (by their first words) with the right speaker.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))  # sibling modules, also when loaded by path
from goldtext import norm  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"

FAMILIES = {
    "Organization": "org",
    "ArmedGroup": "org",
    "PublicBody": "org",
    "Company": "org",
    "Country": "place",
    "Location": "place",
    "Person": "person",
    "Nationality": "nationality",
}


@dataclass(slots=True)
class PRF:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: PRF) -> None:
        self.tp, self.fp, self.fn = self.tp + other.tp, self.fp + other.fp, self.fn + other.fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {**asdict(self), "precision": self.precision, "recall": self.recall, "f1": self.f1}


@dataclass(slots=True)
class Ratio:
    ok: int = 0
    total: int = 0

    def add(self, other: Ratio) -> None:
        self.ok, self.total = self.ok + other.ok, self.total + other.total

    @property
    def value(self) -> float:
        return self.ok / self.total if self.total else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {"ok": self.ok, "total": self.total, "value": self.value}


@dataclass(slots=True)
class Scores:
    """Counts for one article or a whole run; ``errors`` lists what was missed or wrong."""

    entities: PRF = field(default_factory=PRF)
    events: PRF = field(default_factory=PRF)
    quote_found: Ratio = field(default_factory=Ratio)
    quote_speaker: Ratio = field(default_factory=Ratio)
    quote_details: Ratio = field(default_factory=Ratio)  # title / affiliation / outlet where gold has them
    event_dates: Ratio = field(default_factory=Ratio)
    dates: Ratio = field(default_factory=Ratio)
    errors: list[str] = field(default_factory=list)

    def add(self, other: Scores) -> None:
        for name in ("entities", "events", "quote_found", "quote_speaker", "quote_details", "event_dates", "dates"):
            getattr(self, name).add(getattr(other, name))
        self.errors.extend(other.errors)

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            name: getattr(self, name).as_dict()
            for name in ("entities", "events", "quote_found", "quote_speaker", "quote_details", "event_dates", "dates")
        }
        out["errors"] = self.errors
        return out


class GoldIndex:
    """Gold entities by every normalised alias, to map any actor text to a gold entity."""

    def __init__(self, entities: list[dict[str, Any]]) -> None:
        self.entities = entities
        self.keys: list[set[str]] = []
        self.by_key: dict[str, int] = {}
        for i, ent in enumerate(entities):
            keys = {norm(ent["name"])} | {norm(a) for a in ent.get("aliases", [])}
            keys.discard("")
            self.keys.append(keys)
            for k in keys:
                self.by_key.setdefault(k, i)

    def find(self, text: str | None) -> int | None:
        """The gold entity a name refers to: exact alias, else token containment either way."""
        key = norm(text)
        if not key:
            return None
        if key in self.by_key:
            return self.by_key[key]
        words = set(key.split())
        best: tuple[int, int] | None = None
        for i, keys in enumerate(self.keys):
            for k in keys:
                kw = set(k.split())
                if kw and (kw <= words or words <= kw):
                    overlap = len(kw & words)
                    if best is None or overlap > best[0]:
                        best = (overlap, i)
        return best[1] if best else None


def _family(label: str | None) -> str | None:
    return FAMILIES.get(label or "")


def score_entities(analysis: Any, gold: dict[str, Any], index: GoldIndex, out: Scores) -> None:
    groups: dict[int, list[Any]] = {}
    for m in analysis.mentions:
        if m.label == "Date" or m.label not in FAMILIES:
            continue
        groups.setdefault(m.group if m.group >= 0 else -(id(m) % 10**9) - 2, []).append(m)
    matched: set[int] = set()
    for members in groups.values():
        label = Counter(m.label for m in members).most_common(1)[0][0]
        names = {norm(m.text) for m in members} | {norm(m.canonical) for m in members if m.canonical}
        hit = next(
            (
                i
                for i, keys in enumerate(index.keys)
                if names & keys and _family(index.entities[i]["type"]) == _family(label)
            ),
            None,
        )
        if hit is None:
            out.entities.fp += 1
            out.errors.append(f"entity FP: {members[0].canonical or members[0].text!r} ({label})")
        elif hit in matched:
            out.entities.fp += 1  # a second system entity for one gold entity
            out.errors.append(f"entity split: {members[0].text!r} ({label})")
        else:
            matched.add(hit)
            out.entities.tp += 1
    for i, ent in enumerate(index.entities):
        if i not in matched:
            out.entities.fn += 1
            out.errors.append(f"entity FN: {ent['name']!r} ({ent['type']})")


def _actor_matches(gold_name: str | None, text: str | None, group: int, index: GoldIndex) -> bool:
    if gold_name is None:
        return text is None or group < 0 or index.find(text) is None
    want = index.find(gold_name)
    if want is None:  # a gold actor outside the entity list: compare the words
        return bool(text) and norm(gold_name) == norm(text)
    return text is not None and index.find(text) == want


def _canonical_type(name: str) -> str:
    from threatgraph.extract.events_lexicon import lexicon

    return lexicon().canonical_type(name) or name.upper()


def score_events(analysis: Any, gold: dict[str, Any], index: GoldIndex, out: Scores) -> None:
    system = [ev for ev in analysis.events if ev.source_group >= 0 or ev.target_group >= 0]
    used: set[int] = set()
    for g in gold.get("events", []):
        gtype = _canonical_type(g["type"])
        hit = None
        for i, ev in enumerate(system):
            if i in used or ev.type != gtype:
                continue
            if _actor_matches(g.get("source"), ev.source, ev.source_group, index) and _actor_matches(
                g.get("target"), ev.target, ev.target_group, index
            ):
                hit = i
                break
        if hit is None:
            out.events.fn += 1
            out.errors.append(f"event FN: {gtype} {g.get('source')} -> {g.get('target')}")
            continue
        used.add(hit)
        out.events.tp += 1
        if "date" in g:
            ev = system[hit]
            ok = ev.date is not None and [str(ev.date.start), str(ev.date.end)] == [
                g["date"]["start"],
                g["date"]["end"],
            ]
            out.event_dates.add(Ratio(int(ok), 1))
            if not ok:
                out.errors.append(f"event date: {gtype} {g.get('target')}: {ev.date} != {g['date']}")
    for i, ev in enumerate(system):
        if i not in used:
            out.events.fp += 1
            out.errors.append(f"event FP: {ev.type} {ev.source} -> {ev.target} [{ev.trigger}]")


def _speaker_matches(gold_name: str, speaker: str | None, index: GoldIndex) -> bool:
    if speaker is None:
        return False
    want = index.find(gold_name)
    if want is not None:
        return index.find(speaker) == want
    g, s = set(norm(gold_name).split()), set(norm(speaker).split())
    return bool(g) and (g <= s or s <= g)


def _details_match(gold_value: str | None, value: str | None, index: GoldIndex) -> bool:
    if not value:
        return False
    want = index.find(gold_value)
    if want is not None and index.find(value) == want:
        return True
    g, s = set(norm(gold_value).split()), set(norm(value).split())
    return bool(g) and (g <= s or s <= g)


def score_quotes(analysis: Any, gold: dict[str, Any], index: GoldIndex, out: Scores) -> None:
    for g in gold.get("quotes", []):
        words = norm(g["first_words"])
        found = [q for q in analysis.quotes if words and words in norm(q.text)]
        out.quote_found.add(Ratio(int(bool(found)), 1))
        if not found:
            out.quote_speaker.add(Ratio(0, 1))
            out.errors.append(f"quote FN: {g['speaker']}: {g['first_words']!r}")
            continue
        ok = any(_speaker_matches(g["speaker"], q.speaker, index) for q in found)
        out.quote_speaker.add(Ratio(int(ok), 1))
        if not ok:
            out.errors.append(f"quote speaker: {g['first_words']!r}: {found[0].speaker!r} != {g['speaker']!r}")
        q = found[0]
        for key, value in (("title", q.speaker_title), ("affiliation", q.speaker_affiliation), ("outlet", q.outlet)):
            if g.get(key):
                good = _details_match(g[key], value, index)
                out.quote_details.add(Ratio(int(good), 1))
                if not good:
                    out.errors.append(f"quote {key}: {g['first_words']!r}: {value!r} != {g[key]!r}")


def score_dates(analysis: Any, gold: dict[str, Any], out: Scores) -> None:
    for g in gold.get("dates", []):
        want = norm(g["text"])
        found = [d for d in analysis.dates if want and (want in norm(d.text) or norm(d.text) in want)]
        ok = any([str(d.start), str(d.end)] == [g["start"], g["end"]] for d in found)
        out.dates.add(Ratio(int(ok), 1))
        if not ok:
            got = [(d.text, str(d.start), str(d.end)) for d in found]
            out.errors.append(f"date: {g['text']!r}: {got} != {g['start']}..{g['end']}")


def score(analysis: Any, gold: dict[str, Any]) -> Scores:
    """All scores for one analysed article against its gold annotation."""
    out = Scores()
    index = GoldIndex(gold.get("entities", []))
    score_entities(analysis, gold, index, out)
    score_events(analysis, gold, index, out)
    score_quotes(analysis, gold, index, out)
    score_dates(analysis, gold, out)
    return out


def gold_files(args: list[str]) -> list[Path]:
    if not args:
        return sorted(SAMPLES.glob("*.gold.json"))
    out = []
    for arg in args:
        p = Path(arg)
        if p.is_dir():  # a gold set: every gold file in it (e.g. tests/extract/heldout)
            found = sorted(p.glob("*.gold.json"))
            if not found:
                raise SystemExit(f"{p}: directory holds no *.gold.json file")
            out.extend(found)
        else:
            out.append(p if p.name.endswith(".gold.json") else p.with_name(p.stem + ".gold.json"))
    return out


def load_article(gold_path: Path, gold: dict[str, Any]) -> Any:
    """The article a gold file annotates, read with the ingest reader (front matter, outlet line)."""
    from threatgraph.ingest import read_file
    from threatgraph.model import Article

    path = gold_path.with_name(gold["article"])
    items = list(read_file(path))
    articles = [a for a in items if isinstance(a, Article)]
    if not articles:
        raise ValueError(f"{path}: no article read ({items[0] if items else 'empty'})")
    art = articles[0]
    if art.published is None and gold.get("published"):
        art.published = date.fromisoformat(gold["published"])
    return art


def evaluate(paths: list[Path]) -> tuple[Scores, dict[str, Scores], float]:
    """Score every gold file; returns the total, per-article scores and seconds spent extracting."""
    from threatgraph.extract.pipeline import get_extractor

    extractor = get_extractor()
    golds = []
    for p in paths:
        try:
            gold = json.loads(p.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            raise SystemExit(f"{p}: cannot read gold file: {exc}") from exc
        golds.append((p, gold, load_article(p, gold)))
    t0 = time.perf_counter()
    analyses = list(extractor.analyse([a for _p, _g, a in golds]))
    spent = time.perf_counter() - t0
    total, per = Scores(), {}
    for (p, gold, _a), analysis in zip(golds, analyses, strict=True):
        s = score(analysis, gold)
        per[p.name] = s
        total.add(s)
    return total, per, spent


def speed(paths: list[Path], repeat: int = 3) -> dict[str, float]:
    """Cost of events + quotes + dates relative to the spaCy parse of the same texts (anchor).

    Both are measured in this process on the same documents, so the ratio holds on a loaded
    machine; CPU time (``process_time``) keeps other processes out of it.
    """
    from threatgraph.extract.dates import extract_dates
    from threatgraph.extract.events import extract_events
    from threatgraph.extract.pipeline import extract_mentions, get_extractor
    from threatgraph.extract.quotes import extract_quotes

    extractor = get_extractor()
    arts = [load_article(p, json.loads(p.read_text(encoding="utf-8"))) for p in paths]
    texts = [a.text for a in arts] * repeat
    t0 = time.process_time()
    docs = list(extractor.nlp.pipe(texts, batch_size=32))
    parse = time.process_time() - t0
    mentions = [extract_mentions(d) for d in docs]
    t0 = time.process_time()
    for doc, ms, art in zip(docs, mentions, arts * repeat, strict=True):
        extract_events(doc, ms, art)
        extract_quotes(doc, ms, art)
        extract_dates(doc, art)
    ours = time.process_time() - t0
    return {"docs": len(docs), "parse_s": parse, "events_quotes_dates_s": ours, "ratio": ours / parse if parse else 0.0}


def re3d_dates(shared: Path) -> dict[str, Any]:
    """Coverage of the date normaliser on re3d's gold Temporal expressions (no anchor available).

    re3d gives no intervals, so this is coverage, not accuracy: how many expressions are read
    as dates, how many resolve to an interval without a publication date, and what is missed.
    """
    from threatgraph.extract.dates import normalise

    values = []
    for part in ("CENTCOM", "US_State_Department"):
        path = shared / "eval" / "re3d" / part / "entities.json"
        if not path.is_file():
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                ent = json.loads(line)
                if ent.get("type") == "Temporal":
                    values.append(ent["value"])
    read = [v for v in values if normalise(v, None) is not None]
    resolved = [v for v in read if (n := normalise(v, None)) is not None and n.start is not None]
    missed = Counter(v for v in values if normalise(v, None) is None)
    return {
        "expressions": len(values),
        "read": len(read),
        "resolved_without_anchor": len(resolved),
        "missed": missed.most_common(15),
    }


def _line(name: str, s: Scores) -> str:
    return (
        f"{name:42} ent P/R/F1 {s.entities.precision:.2f}/{s.entities.recall:.2f}/{s.entities.f1:.2f}"
        f"  ev P/R/F1 {s.events.precision:.2f}/{s.events.recall:.2f}/{s.events.f1:.2f}"
        f"  quote found {s.quote_found.value:.2f} speaker {s.quote_speaker.value:.2f}"
        f"  details {s.quote_details.value:.2f}  ev-dates {s.event_dates.value:.2f}  dates {s.dates.value:.2f}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "paths", nargs="*", help="gold files, their articles, or directories of gold files (default: samples/)"
    )
    parser.add_argument("--json", action="store_true", help="print scores as JSON")
    parser.add_argument("--errors", action="store_true", help="list every miss and false positive")
    parser.add_argument("--speed", action="store_true", help="also time events+quotes+dates against the parse")
    parser.add_argument("--re3d", type=Path, metavar="SHARED_DATA", help="also date coverage on re3d Temporal gold")
    parser.add_argument(
        "--dev", action="store_true", help="score quotes, TIMEX3 and entity types on the dev articles (tests/gold/dev)"
    )
    args = parser.parse_args(argv)
    if args.dev:
        import extraction_dev  # the sibling script: this one is run as a script, its folder is on the path

        extraction_dev.print_scores(extraction_dev.evaluate("all"), args.errors)
        return 0
    paths = gold_files(args.paths)
    if not paths:
        print("no gold files found", file=sys.stderr)
        return 2
    total, per, spent = evaluate(paths)
    if args.json:
        print(json.dumps({"total": total.as_dict(), "articles": {k: v.as_dict() for k, v in per.items()}}, indent=2))
        return 0
    for name, s in per.items():
        print(_line(name, s))
    print(_line(f"TOTAL ({len(per)} articles, {spent:.2f}s extract)", total))
    if args.errors:
        for err in total.errors:
            print("  " + err)
    if args.re3d:
        cov = re3d_dates(args.re3d)
        share = cov["read"] / cov["expressions"] if cov["expressions"] else 0.0
        print(
            f"re3d dates: {cov['read']}/{cov['expressions']} temporal expressions read ({share:.2f}), "
            f"{cov['resolved_without_anchor']} resolved without a publication date; missed: {cov['missed']}"
        )
    if args.speed:
        sp = speed(paths)
        print(
            f"speed: {sp['docs']} docs, spaCy parse {sp['parse_s']:.2f}s CPU, events+quotes+dates "
            f"{sp['events_quotes_dates_s']:.2f}s CPU, ratio {sp['ratio']:.3f} of the parse"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
