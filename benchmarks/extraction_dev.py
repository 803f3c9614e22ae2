"""Quotes, TIMEX3 dates and entity types scored on the real dev articles (``tests/gold/dev``).

Run through ``benchmarks/extraction.py --dev`` (or directly)::

    .venv/bin/python benchmarks/extraction_dev.py [--split dev|unseen|fresh|re3d-tune|...|all] [--errors] [--halves]

The gold formats are described in ``tests/gold/dev/README-extraction.md``; quote gold on the re3d CENTCOM/State
texts and the Arab News article (splits ``re3d-tune`` / ``re3d-fresh``) in ``tests/gold/re3d/README.md``.
``--halves`` scores each tunable split as two halves (``/A``, ``/B`` by a hash of the document id) and lists
errors of the A halves only: develop on A, read B's figure before and after a change. Each figure is printed on
its own line, per split, beside the published anchor it is compared with:

- quote source P/R/F1: a system quote counts when its content overlaps a gold attribution's content
  and its speaker names the gold source (any of its aliases, word-subset match); a system quote with
  a speaker that overlaps no gold content is a false positive (gold annotates only attributions to a
  named or resolvable source, so quotes left without a speaker are not counted against precision);
- content exact F1: content parts equal after trimming quotation marks, spaces and end punctuation;
- TIMEX3 relaxed detection F1 (spans overlap) and value F1 (overlap and the same TIMEX3 value);
- entity type F1 (re3d types): a system entity (an in-document mention group) is right when one of
  its names is a gold name or alias and its type maps to the gold re3d type.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import zlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from goldtext import PRF, norm, trim_span  # one gold-text folding and one P/R/F1 for every score

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "gold" / "dev"
SHARED = Path(os.environ.get("THREATGRAPH_SHARED", ROOT.parent / "shared"))
ARTICLES = SHARED / "data" / "articles" / "dev" / "articles.jsonl"
RE3D_GOLD = ROOT / "tests" / "gold" / "re3d" / "quotes.json"
RE3D_DOCS = SHARED / "data" / "eval" / "re3d"
ARABNEWS = SHARED / "data" / "articles" / "arabnews-zainabiyoun.txt"

#: threatgraph types -> re3d types
RE3D = {
    "Person": "Person",
    "Organization": "Organisation",
    "ArmedGroup": "Organisation",
    "PublicBody": "Organisation",
    "Company": "Organisation",
    "Country": "Location",
    "Location": "Location",
    "Nationality": "Nationality",
}
#: published anchors the issue compares against
ANCHORS = {
    "quote_source_f1": "best public attributor (PARC 3.0): 0.82",
    "quote_content_exact_f1": "best public attributor (PARC 3.0): 0.59",
    "timex_relaxed_f1": "HeidelTime (TempEval-3): 0.903",
    "timex_value_f1": "HeidelTime (TempEval-3): 0.776",
    "entity_type_f1": "bare spaCy on re3d: 0.670",
}
#: splits whose errors may be listed and tuned on; the others are held out
TUNABLE = ("dev", "tune2", "re3d-tune", "tune6", "tune7")
SPLITS = ("dev", "tune2", "unseen", "fresh", "re3d-tune", "re3d-fresh", "tune6", "fresh5", "tune7")
_TRIM = " \t\n\"'“”‘’.,;:!?"


@dataclass(slots=True)
class DevScores:
    source: PRF = field(default_factory=PRF)
    content: PRF = field(default_factory=PRF)
    timex_relaxed: PRF = field(default_factory=PRF)
    timex_value: PRF = field(default_factory=PRF)
    timex_type: PRF = field(default_factory=PRF)
    entity_type: PRF = field(default_factory=PRF)
    errors: list[str] = field(default_factory=list)
    quote_docs: int = 0  # documents scored for quotes: a half without quote gold still shows what it made up

    def add(self, other: DevScores) -> None:
        for name in ("source", "content", "timex_relaxed", "timex_value", "timex_type", "entity_type"):
            getattr(self, name).add(getattr(other, name))
        self.errors.extend(other.errors)
        self.quote_docs += other.quote_docs


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    return trim_span(text, start, end, _TRIM)


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def source_matches(gold: dict[str, Any], speaker: str | None) -> bool:
    """The system speaker names the gold source: equal, or one's words contain the other's."""
    if not speaker:
        return False
    s = set(norm(speaker).split())
    for name in (gold["source"], *gold.get("aliases", [])):
        g = set(norm(name).split())
        if g and s and (g <= s or s <= g):
            return True
    return False


def score_quotes(
    doc_id: str,
    text: str,
    quotes: list[Any],
    gold: list[dict[str, Any]],
    out: DevScores,
    ignore: Iterable[tuple[int, int]] = (),
) -> None:
    """Source and content scores of one document; quotes overlapping an ``ignore`` span count neither way. The
    gold annotates quotes, claims someone makes: attributions of other kinds (stances, questions; see
    ``extract/quote_kinds.py``) are not scored."""
    from threatgraph.extract.quote_kinds import is_quote_kind

    out.quote_docs += 1
    skip = [tuple(p) for p in ignore]
    quotes = [q for q in quotes if is_quote_kind(q.kind) and not any(_overlap((q.start, q.end), p) for p in skip)]
    gold_parts = [(gi, tuple(p)) for gi, g in enumerate(gold) for p in g["content"]]
    used: set[int] = set()
    parts_used: set[int] = set()
    for q in quotes:
        span = (q.start, q.end)
        best = max(
            ((pi, _overlap(span, p)) for pi, (_gi, p) in enumerate(gold_parts) if pi not in parts_used),
            key=lambda x: x[1],
            default=(None, 0),
        )
        if best[1] > 0 and best[0] is not None:
            parts_used.add(best[0])
            gi = gold_parts[best[0]][0]
            right = source_matches(gold[gi], q.speaker)
            if gi in used and right:
                continue  # another part of an attribution already counted (a quote split by its cue)
            used.add(gi)
            out.source.sys += 1
            if right:
                out.source.tp += 1
            else:
                out.errors.append(f"{doc_id}: quote source {q.speaker!r} != {gold[gi]['source']!r}: {q.text[:50]!r}")
        elif q.speaker and q.speaker_group >= 0:  # an unnamed source ("officials said") is outside the gold
            out.source.sys += 1
            out.errors.append(f"{doc_id}: quote FP ({q.speaker!r}, {q.cue!r}): {q.text[:60]!r}")
    for gi, g in enumerate(gold):
        out.source.gold += 1
        if gi not in used:
            out.errors.append(f"{doc_id}: quote FN {g['source']!r} {g['cue']!r}: {g['first_words']!r}")
    # content: parts as units
    gold_spans = {_trimmed(text, *p) for _gi, p in gold_parts}
    sys_spans = {
        _trimmed(text, q.start, q.end)
        for q in quotes
        if (q.speaker and q.speaker_group >= 0) or any(_overlap((q.start, q.end), p) for _gi, p in gold_parts)
    }
    out.content.gold += len(gold_spans)
    out.content.sys += len(sys_spans)
    out.content.tp += len(gold_spans & sys_spans)
    for s, e in sys_spans - gold_spans:
        if any(_overlap((s, e), p) for p in gold_spans):
            out.errors.append(f"{doc_id}: content inexact: {text[s : s + 40]!r}…{text[max(s, e - 25) : e]!r}")


def interval_value(interval: Any) -> str:
    """A TIMEX3 value for an interval from a normaliser that gives none (first-run figures)."""
    value = getattr(interval, "timex_value", None)
    if value:
        return str(value)
    start, end, precision = interval.start, interval.end, interval.precision
    if start is None:
        return ""
    if precision == "day" or start == end:
        return start.isoformat()
    if precision == "month" and start.month == end.month:
        return start.strftime("%Y-%m")
    if precision == "year" and start.year == end.year and (start.month, end.month) == (1, 12):
        return str(start.year)
    if precision == "season":
        return f"{start.year}-" + {3: "SP", 6: "SU", 9: "FA", 12: "WI"}.get(start.month, "XX")
    return ""


def _located(text: str, dates: Iterable[Any]) -> list[tuple[int, int, Any]]:
    """Character spans of system dates: their own offsets, else found in order in the text."""
    out, pos = [], 0
    for d in dates:
        start = getattr(d, "start_char", -1)
        if start is not None and start >= 0:
            out.append((start, d.end_char, d))
            continue
        i = text.find(d.text, pos)
        if i < 0:
            i = text.find(d.text)
        if i >= 0:
            out.append((i, i + len(d.text), d))
            pos = i + len(d.text)
    return out


def score_timex(doc_id: str, text: str, dates: list[Any], gold: list[dict[str, Any]], out: DevScores) -> None:
    found = _located(text, dates)
    used: set[int] = set()
    out.timex_relaxed.gold += len(gold)
    out.timex_value.gold += len(gold)
    out.timex_type.gold += len(gold)
    out.timex_relaxed.sys += len(found)
    out.timex_value.sys += len(found)
    out.timex_type.sys += len(found)
    for s, e, d in found:
        hit = next((i for i, g in enumerate(gold) if i not in used and _overlap((s, e), (g["start"], g["end"]))), None)
        value = interval_value(d)
        if hit is None:
            out.errors.append(f"{doc_id}: timex FP {d.text!r} -> {value!r}")
            continue
        used.add(hit)
        g = gold[hit]
        out.timex_relaxed.tp += 1
        if value == g["value"]:
            out.timex_value.tp += 1
        else:
            out.errors.append(f"{doc_id}: timex value {d.text!r}: {value!r} != {g['value']!r} ({g['text']!r})")
        if (getattr(d, "timex_type", "") or "DATE") == g["type"]:
            out.timex_type.tp += 1
    for i, g in enumerate(gold):
        if i not in used:
            out.errors.append(f"{doc_id}: timex FN {g['text']!r} ({g['type']} {g['value']})")


def score_entities(doc_id: str, mentions: list[Any], gold: dict[str, Any], out: DevScores) -> None:
    keys: list[set[str]] = [{norm(e["name"]), *(norm(a) for a in e.get("aliases", []))} for e in gold["entities"]]
    ignore = {norm(n) for n in gold.get("ignore", [])}
    groups: dict[int, list[Any]] = {}
    for m in mentions:
        if m.label not in RE3D:
            continue
        groups.setdefault(m.group if m.group >= 0 else -id(m), []).append(m)
    matched: set[int] = set()
    for members in groups.values():
        labels = [RE3D[m.label] for m in members]
        label = max(set(labels), key=labels.count)
        names = {norm(m.text) for m in members} | {norm(m.canonical) for m in members if m.canonical}
        names.discard("")
        if names & ignore:
            continue
        hit = next((i for i, k in enumerate(keys) if names & k and i not in matched), None)
        out.entity_type.sys += 1
        if hit is None:
            out.errors.append(f"{doc_id}: entity FP {members[0].text!r} ({label})")
            continue
        matched.add(hit)
        want = gold["entities"][hit]["type"]
        if label == want:
            out.entity_type.tp += 1
        else:
            out.errors.append(f"{doc_id}: entity type {members[0].text!r}: {label} != {want}")
    out.entity_type.gold += len(keys)
    for i, e in enumerate(gold["entities"]):
        if i not in matched:
            out.errors.append(f"{doc_id}: entity FN {e['name']!r} ({e['type']})")


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise SystemExit(f"{path}: cannot read gold file: {exc}") from exc


def load_gold() -> dict[str, dict[str, Any]]:
    """The three gold files, each keyed by document id."""
    return {name: _read_json(GOLD / f"{name}.json") for name in ("quotes", "timex", "entities")}


def load_re3d(wanted: set[str]) -> list[Any]:
    """The re3d CENTCOM/State documents and the Arab News article that carry quote gold, as :class:`Article`."""
    from threatgraph.model import Article

    arts = []
    for corpus in ("CENTCOM", "US_State_Department"):
        path = RE3D_DOCS / corpus / "documents.json"
        if not path.is_file():
            raise SystemExit(f"{path}: re3d documents not found (set THREATGRAPH_SHARED)")
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                d = json.loads(line)
                if d["_id"] in wanted:
                    arts.append(Article(id=d["_id"], text=d["text"], outlet=corpus, title=d.get("title")))
    if "arabnews-zainabiyoun" in wanted:
        if not ARABNEWS.is_file():
            raise SystemExit(f"{ARABNEWS}: Arab News article not found (set THREATGRAPH_SHARED)")
        arts.append(Article(id="arabnews-zainabiyoun", text=ARABNEWS.read_text(encoding="utf-8"), outlet="Arab News"))
    return arts


def _half(doc_id: str, seed: str = "") -> str:
    """A stable half of the documents ("A" or "B"): the generalisation check of a tuning change. A ``seed``
    (``--seed``) draws another fixed split, so a session can tune on halves earlier sessions did not."""
    if not seed:
        return "AB"[zlib.crc32(doc_id.encode()) % 2]
    # not crc32 over seed + id: CRC is affine, so a prefix flips the parity of every equal-length id alike
    return "AB"[hashlib.sha256(f"{seed}:{doc_id}".encode()).digest()[0] % 2]


def load_articles(ids: set[str], dct: dict[str, str | None]) -> list[Any]:
    """The dev articles as :class:`Article`, anchored at the gold's document creation time."""
    from threatgraph.model import Article

    if not ARTICLES.is_file():
        raise SystemExit(f"{ARTICLES}: dev articles not found (set THREATGRAPH_SHARED)")
    arts = []
    for line in ARTICLES.read_text(encoding="utf-8").splitlines():
        d = json.loads(line)
        if d["id"] not in ids:
            continue
        published = dct.get(d["id"]) or d.get("published")
        arts.append(
            Article(
                id=d["id"],
                url=d.get("url"),
                outlet=d.get("source"),
                title=d.get("title"),
                published=date.fromisoformat(published) if published else None,
                text=d["text"],
            )
        )
    return arts


def evaluate(split: str, halves: bool = False, seed: str = "") -> dict[str, DevScores]:
    """Scores per split (see :data:`SPLITS`) over the documents of the requested split ("all": every one)."""
    from threatgraph.extract.pipeline import get_extractor

    def key(doc_id: str, name: str) -> str:
        return f"{name}/{_half(doc_id, seed)}" if halves and name in TUNABLE else name

    totals: dict[str, DevScores] = {}

    def chosen(name: str) -> bool:
        return split in ("all", name) or (split == "tunable" and name in TUNABLE)

    if split in ("all", "tunable") or split.startswith("re3d"):
        re3d = _read_json(RE3D_GOLD)
        docs = {doc for doc, g in re3d.items() if chosen(g["split"])}
        arts = load_re3d(docs)
        for art, analysis in zip(arts, get_extractor().analyse(arts), strict=True):
            g = re3d[art.id]
            s = totals.setdefault(key(art.id, g["split"]), DevScores())
            score_quotes(art.id, art.text, analysis.quotes, g["quotes"], s, g.get("ignore", ()))
        if split.startswith("re3d"):
            return totals
    gold = load_gold()
    wanted = {doc for part in gold.values() for doc, g in part.items() if chosen(g.get("split", "dev"))}
    dct = {doc: g.get("dct") for doc, g in gold["timex"].items()}
    arts = load_articles(wanted, dct)
    for art, analysis in zip(arts, get_extractor().analyse(arts), strict=True):
        for part, scorer in (("quotes", "q"), ("timex", "t"), ("entities", "e")):
            g = gold[part].get(art.id)
            if g is None or not chosen(g.get("split", "dev")):
                continue  # a document of the split may carry gold of another split for another part
            s = totals.setdefault(key(art.id, g.get("split", "dev")), DevScores())
            if scorer == "q":
                score_quotes(art.id, art.text, analysis.quotes, g["quotes"], s, g.get("ignore", ()))
            elif scorer == "t":
                score_timex(art.id, art.text, analysis.dates, g["timex"], s)
            else:
                score_entities(art.id, analysis.mentions, g, s)
    return totals


def print_scores(totals: dict[str, DevScores], errors: bool = False) -> None:
    for split in sorted(totals):
        s = totals[split]
        if not (s.quote_docs or s.timex_value.gold or s.entity_type.gold):
            continue
        if s.quote_docs:  # a TIMEX-only split (tune6, fresh5) has no quote gold
            print(f"[{split}] quote source          {s.source.line()}   anchor {ANCHORS['quote_source_f1']}")
            print(f"[{split}] quote content exact   {s.content.line()}   anchor {ANCHORS['quote_content_exact_f1']}")
        if s.timex_value.gold:
            print(f"[{split}] TIMEX3 relaxed detect {s.timex_relaxed.line()}   anchor {ANCHORS['timex_relaxed_f1']}")
            print(f"[{split}] TIMEX3 value          {s.timex_value.line()}   anchor {ANCHORS['timex_value_f1']}")
            print(f"[{split}] TIMEX3 type           {s.timex_type.line()}")
        if s.entity_type.gold:
            print(f"[{split}] entity type (re3d)    {s.entity_type.line()}   anchor {ANCHORS['entity_type_f1']}")
            org_as_person = sum(e.endswith(": Person != Organisation") for e in s.errors)
            person_as_org = sum(e.endswith(": Organisation != Person") for e in s.errors)
            print(
                f"[{split}] entity Organisation typed Person {org_as_person}, Person typed Organisation {person_as_org}"
            )
        if errors and (split in TUNABLE or split.endswith("/A")):  # held-out splits and B halves are not inspected
            for e in s.errors:
                print("   ", e)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--split", choices=(*SPLITS, "tunable", "all"), default="all", help="tunable: dev+tune2+re3d-tune"
    )
    parser.add_argument(
        "--errors", action="store_true", help="list every miss and false positive (splits that may be tuned on)"
    )
    parser.add_argument("--halves", action="store_true", help="score tunable splits as halves A/B (errors of A only)")
    parser.add_argument("--seed", default="", help="seed of the A/B split (default: the split of sessions 12-13)")
    args = parser.parse_args(argv)
    print_scores(evaluate(args.split, args.halves, args.seed), args.errors)
    return 0


if __name__ == "__main__":
    sys.exit(main())
