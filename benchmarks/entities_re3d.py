"""Entity extraction quality on Dstl's re3d gold standard (CENTCOM + US State Department portions).

Prints per-type precision / recall / F1 for threatgraph's mentions and, as an anchor measured in the
same run, for the bare spaCy model with the plain label mapping. Two matchings: *exact* (same
character span) and *overlap* (spans intersect; re3d often includes "the" or a descriptor in the span).

re3d annotates more than names ("rebels", "U.S. service members", weapons, quantities); only the
types we extract are scored: Person, Organisation, Location, Nationality, Temporal. Gold mentions
that are not names therefore count against recall for both systems alike.

    .venv/bin/python benchmarks/entities_re3d.py [--portion CENTCOM]
"""

from __future__ import annotations

import argparse
import json
import os
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

import spacy

from threatgraph.extract.nlp import MODEL, build_nlp
from threatgraph.extract.pipeline import extract_mentions

ROOT = Path(__file__).resolve().parent.parent
RE3D = Path(os.environ.get("THREATGRAPH_SHARED", ROOT.parent / "shared")) / "data" / "eval" / "re3d"

#: our types -> re3d type
OURS = {
    "Person": "Person",
    "Organization": "Organisation",
    "ArmedGroup": "Organisation",
    "PublicBody": "Organisation",
    "Company": "Organisation",
    "Country": "Location",
    "Location": "Location",
    "Nationality": "Nationality",
    "Date": "Temporal",
}
#: spaCy labels -> re3d type (the anchor)
BARE = {
    "PERSON": "Person",
    "ORG": "Organisation",
    "GPE": "Location",
    "LOC": "Location",
    "FAC": "Location",
    "NORP": "Nationality",
    "DATE": "Temporal",
    "TIME": "Temporal",
}
TYPES = ("Person", "Organisation", "Location", "Nationality", "Temporal")

Span = tuple[int, int, str]


def _lines(path: Path) -> Iterable[dict]:
    for line in path.read_text(encoding="utf-8-sig").splitlines():
        if line.strip():
            yield json.loads(line)


def load(portions: list[str]) -> tuple[dict[str, str], dict[str, set[Span]]]:
    """Document texts by id and gold spans by document id (only the scored types)."""
    texts: dict[str, str] = {}
    gold: dict[str, set[Span]] = defaultdict(set)
    for portion in portions:
        folder = RE3D / portion
        for doc in _lines(folder / "documents.json"):
            texts[doc["_id"]] = doc["text"]
        for ent in _lines(folder / "entities.json"):
            if ent["type"] in TYPES:
                gold[ent["documentId"]].add((ent["begin"], ent["end"], ent["type"]))
    return texts, gold


def score(gold: dict[str, set[Span]], pred: dict[str, set[Span]], overlap: bool) -> dict[str, tuple[int, int, int]]:
    """(true positives, predicted, gold) per type, with one-to-one greedy matching."""
    counts: dict[str, list[int]] = {t: [0, 0, 0] for t in TYPES}
    for doc_id in set(gold) | set(pred):
        for kind in TYPES:
            g = sorted(s for s in gold.get(doc_id, ()) if s[2] == kind)
            p = sorted(s for s in pred.get(doc_id, ()) if s[2] == kind)
            counts[kind][1] += len(p)
            counts[kind][2] += len(g)
            used: set[int] = set()
            for ps, pe, _ in p:
                for i, (gs, ge, _) in enumerate(g):
                    if i in used:
                        continue
                    hit = (ps < ge and gs < pe) if overlap else (ps == gs and pe == ge)
                    if hit:
                        used.add(i)
                        counts[kind][0] += 1
                        break
    return {k: (v[0], v[1], v[2]) for k, v in counts.items()}


def report(name: str, counts: dict[str, tuple[int, int, int]]) -> None:
    print(f"  {name}")
    tp_all = pred_all = gold_all = 0
    for kind in TYPES:
        tp, npred, ngold = counts[kind]
        tp_all, pred_all, gold_all = tp_all + tp, pred_all + npred, gold_all + ngold
        _row(kind, tp, npred, ngold)
    _row("micro", tp_all, pred_all, gold_all)


def _row(kind: str, tp: int, npred: int, ngold: int) -> None:
    p = tp / npred if npred else 0.0
    r = tp / ngold if ngold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    print(f"    {kind:<13} P {p:5.2f}  R {r:5.2f}  F1 {f:5.2f}   (tp {tp:4d} / pred {npred:4d} / gold {ngold:4d})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--portion", action="append", help="re3d portion folder(s); default: all present")
    args = parser.parse_args()
    if not RE3D.is_dir():
        raise SystemExit(f"re3d not found at {RE3D}")
    portions = args.portion or sorted(p.name for p in RE3D.iterdir() if (p / "documents.json").is_file())
    texts, gold = load(portions)
    ids = list(texts)

    ours_nlp = build_nlp()
    ours: dict[str, set[Span]] = defaultdict(set)
    for doc_id, doc in zip(ids, ours_nlp.pipe(texts[i] for i in ids), strict=True):
        for m in extract_mentions(doc):
            ours[doc_id].add((m.start, m.end, OURS[m.label]))

    bare_nlp = spacy.load(MODEL)
    bare: dict[str, set[Span]] = defaultdict(set)
    for doc_id, doc in zip(ids, bare_nlp.pipe(texts[i] for i in ids), strict=True):
        for ent in doc.ents:
            if ent.label_ in BARE:
                bare[doc_id].add((ent.start_char, ent.end_char, BARE[ent.label_]))

    print(f"re3d {'+'.join(portions)}: {len(ids)} documents, {sum(len(v) for v in gold.values())} gold spans scored")
    for overlap in (False, True):
        print("exact span match" if not overlap else "overlapping span match")
        report("threatgraph", score(gold, ours, overlap))
        report(f"anchor: bare {MODEL}", score(gold, bare, overlap))


if __name__ == "__main__":
    main()
