"""Entity extraction quality on Dstl's re3d gold standard (CENTCOM + US State Department portions).

Prints per-type precision / recall / F1 for threatgraph's mentions and, as an anchor measured in the
same run, for the bare spaCy model with the plain label mapping. Two matchings: *exact* (same
character span) and *overlap* (spans intersect; re3d often includes "the" or a descriptor in the span).

re3d annotates more than names ("rebels", "U.S. service members", weapons, quantities); only the
types we extract are scored: Person, Organisation, Location, Nationality, Temporal. Gold mentions
that are not names therefore count against recall for both systems alike.

    .venv/bin/python benchmarks/entities_re3d.py [--portion CENTCOM] [--errors] [--halves [--seed S]]

A country name our mention marks ``state_actor`` (the state acting: "the United States condemns", "U.S.
forces") is scored as re3d's Organisation ("a government"), every other country as Location; so is a people's
name marked so ("the Iraqis have cleared"), every other one Nationality. The line "threatgraph countries=Loc"
gives the same-type figure with every country a Location and every people a Nationality, for comparison.

The issue's figure is printed last, per portion: *proper names only* (gold Person, Organisation,
Location and Nationality spans written as a name, see :func:`proper_name`), overlap matching,
one-to-one; "same type" needs the re3d type to agree, "any type" only the span. A predicted name that
overlaps only gold spans that are not scored (descriptions such as "U.S. service members", weapons) counts
neither way; one that overlaps no gold span at all is a false positive.

``--halves`` also prints the figure for each tune portion's two stable halves (``CENTCOM/A``, ``CENTCOM/B``
by a hash of the document id, as in ``extraction_dev.py``; ``--seed`` draws another fixed split): develop on A,
read B's figure before and after a change. ``--errors`` lists the errors of tune portions only (of their A half
with ``--halves``); held-out portions print summary lines only.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import zlib
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

import spacy

from threatgraph.extract.nlp import MODEL, build_nlp
from threatgraph.extract.pipeline import extract_mentions
from threatgraph.model import Mention

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


def ours_type(mention: Mention) -> str:
    """The re3d type of one of our mentions: its type's, except a country name or a people's name standing for
    its state as an actor ("the United States condemns", "U.S. forces", "the Iraqis have cleared"), which re3d
    types Organisation ("a group of people, a government")."""
    if mention.label in ("Country", "Nationality") and mention.state_actor:
        return "Organisation"
    return OURS[mention.label]


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


#: types of the proper-name figure (the issue's "re3d types"; dates are scored above)
NAME_TYPES = ("Person", "Organisation", "Location", "Nationality")
#: portions that may be tuned on (their errors may be listed); the others are held out
TUNE_PORTIONS = ("CENTCOM",)
#: words that may stay lower case inside a name ("Gulf of Aden", "Ansar al-Sharia")
_JOINERS = frozenset({"of", "the", "and", "for", "al", "el", "de", "du", "bin", "ibn", "in", "on", "-"})
_PRONOUNS = frozenset({"he", "she", "it", "we", "they", "i", "you", "us", "them", "his", "her", "our", "their"})


def proper_name(value: str) -> bool:
    """Whether a gold span is written as a proper name: after an optional leading "the", every word but
    joining words starts with a capital or a digit ("the Kurdish YPG", "Gulf of Aden", "Spc. Lorraine
    Walsh"); descriptions ("U.S. service members", "an ISIL tactical unit") and pronouns are not."""
    words = re.findall(r"[\w.'’]+|-", value)
    if words and words[0].casefold() == "the":
        words = words[1:]
    if not words or (len(words) == 1 and words[0].casefold() in _PRONOUNS):
        return False
    content = [w for w in words if w.casefold() not in _JOINERS and any(ch.isalnum() for ch in w)]
    return bool(content) and all(w[0].isupper() or w[0].isdigit() for w in content)


def half(doc_id: str, seed: str = "") -> str:
    """A stable half of the documents ("A" or "B"), the same hash as ``extraction_dev.py``'s. A ``seed``
    (``--seed``) draws another fixed split: a session that tunes on a new A half names its seed, so the
    halves earlier sessions tuned on are not reused."""
    if not seed:
        return "AB"[zlib.crc32(doc_id.encode()) % 2]
    # not crc32 over seed + id: CRC is affine, so a prefix flips the parity of every equal-length id alike
    return "AB"[hashlib.sha256(f"{seed}:{doc_id}".encode()).digest()[0] % 2]


def _lines(path: Path) -> Iterable[dict]:
    for line in path.read_text(encoding="utf-8-sig").splitlines():
        if line.strip():
            yield json.loads(line)


def load(portions: list[str]) -> tuple[dict[str, str], dict[str, set[Span]], dict[str, set[Span]], dict[str, str]]:
    """Document texts, gold spans of the scored types, every gold span (any type, names or not) by
    document id, and each document's portion."""
    texts: dict[str, str] = {}
    gold: dict[str, set[Span]] = defaultdict(set)
    every: dict[str, set[Span]] = defaultdict(set)
    portion_of: dict[str, str] = {}
    for portion in portions:
        folder = RE3D / portion
        for doc in _lines(folder / "documents.json"):
            texts[doc["_id"]] = doc["text"]
            portion_of[doc["_id"]] = portion
        for ent in _lines(folder / "entities.json"):
            every[ent["documentId"]].add((ent["begin"], ent["end"], ent["type"]))
            if ent["type"] in TYPES:
                gold[ent["documentId"]].add((ent["begin"], ent["end"], ent["type"]))
    return texts, gold, every, portion_of


def score_names(
    texts: dict[str, str],
    every: dict[str, set[Span]],
    pred: dict[str, set[Span]],
    same_type: bool,
    errors: list[str] | None = None,
) -> tuple[int, int, int, int]:
    """(right predictions, predictions, found gold, gold) of the proper-name figure.

    re3d annotates nested and doubled spans ("the United States" Organisation over "United States"
    Location; "Pentagon Press Secretary Peter Cook" over "Peter Cook"), so matching is by overlap and not
    one-to-one: a prediction is right when it overlaps a gold name (of its type, for "same type"), a gold
    name is found when a prediction (of its type) overlaps it. Precision is over predictions, recall over
    gold names.
    """
    right = npred = found = ngold = 0
    for doc_id, text in texts.items():
        spans = every.get(doc_id, set())
        names = sorted(s for s in spans if s[2] in NAME_TYPES and proper_name(text[s[0] : s[1]]))
        others = [s for s in spans if s not in names]
        preds = sorted(p for p in pred.get(doc_id, ()) if p[2] in NAME_TYPES)
        ngold += len(names)
        for ps, pe, kind in preds:
            over = [g for g in names if ps < g[1] and g[0] < pe]
            if not over and any(ps < ge and gs < pe for gs, ge, _ in others):
                continue  # a name inside a description or another kind of gold span: not scored
            npred += 1
            if any(not same_type or g[2] == kind for g in over):
                right += 1
            elif errors is not None:
                want = "/".join(sorted({g[2] for g in over}))
                what = f"WRONG {kind} != {want}" if want else f"SPURIOUS {kind}"
                errors.append(f"{doc_id[:8]} {what}: {text[ps:pe]!r}")
        for gs, ge, kind in names:
            if any(ps < ge and gs < pe and (not same_type or k == kind) for ps, pe, k in preds):
                found += 1
            elif errors is not None:
                typed = sorted({k for ps, pe, k in preds if ps < ge and gs < pe})
                what = f"typed {'/'.join(typed)}" if typed else "MISSED"
                errors.append(f"{doc_id[:8]} FN {kind} {text[gs:ge]!r} ({what})")
    return right, npred, found, ngold


def person_org_confusions(
    texts: dict[str, str], every: dict[str, set[Span]], pred: dict[str, set[Span]]
) -> tuple[int, int]:
    """(Organisation names predicted Person, Person names predicted Organisation): predicted names that
    overlap a gold proper name of the other type and none of their own. The error class that feeds false
    list links and blocked merges, counted apart (a count only: held-out portions may print it)."""
    org_as_person = person_as_org = 0
    for doc_id, text in texts.items():
        names = [s for s in every.get(doc_id, ()) if s[2] in NAME_TYPES and proper_name(text[s[0] : s[1]])]
        for ps, pe, kind in pred.get(doc_id, ()):
            over = {g[2] for g in names if ps < g[1] and g[0] < pe}
            if kind in over:
                continue
            org_as_person += kind == "Person" and "Organisation" in over
            person_as_org += kind == "Organisation" and "Person" in over
    return org_as_person, person_as_org


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
    parser.add_argument("--errors", action="store_true", help="list proper-name type errors (tune portions only)")
    parser.add_argument("--halves", action="store_true", help="also score tune portions as halves A/B (errors of A)")
    parser.add_argument("--seed", default="", help="seed of the A/B split (default: the split of sessions 12-13)")
    args = parser.parse_args()
    if not RE3D.is_dir():
        raise SystemExit(f"re3d not found at {RE3D}")
    portions = args.portion or sorted(p.name for p in RE3D.iterdir() if (p / "documents.json").is_file())
    texts, gold, every, portion_of = load(portions)
    ids = list(texts)

    ours_nlp = build_nlp()
    ours: dict[str, set[Span]] = defaultdict(set)
    plain: dict[str, set[Span]] = defaultdict(set)  # every country a Location, as before session 16
    for doc_id, doc in zip(ids, ours_nlp.pipe(texts[i] for i in ids), strict=True):
        for m in extract_mentions(doc):
            ours[doc_id].add((m.start, m.end, ours_type(m)))
            plain[doc_id].add((m.start, m.end, OURS[m.label]))

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
    print("proper names only, overlapping span match (the issue's figure)")
    parts: list[tuple[str, dict[str, str], bool]] = []
    for portion in portions:
        tune = portion in TUNE_PORTIONS
        parts.append((portion, {i: t for i, t in texts.items() if portion_of[i] == portion}, tune and not args.halves))
        if args.halves and tune:
            for h in "AB":
                part = {i: t for i, t in texts.items() if portion_of[i] == portion and half(i, args.seed) == h}
                parts.append((f"{portion}/{h}", part, h == "A"))
    for portion, part, listable in parts:
        runs = (("threatgraph", ours), ("threatgraph countries=Loc", plain), (f"bare {MODEL}", bare))
        for name, pred in runs:
            for same in (True, False) if pred is not plain else (True,):
                listed = args.errors and listable and same and name == "threatgraph"
                errors: list[str] | None = [] if listed else None
                right, npred, found, ngold = score_names(part, every, pred, same, errors)
                p, r = right / npred if npred else 0.0, found / ngold if ngold else 0.0
                f = 2 * p * r / (p + r) if p + r else 0.0
                kind = "same type" if same else "any type"
                print(
                    f"  {portion:<20} {name:<28} {kind:<9} P {p:.3f} R {r:.3f} F1 {f:.3f}"
                    f"   (right {right}/{npred} predicted, found {found}/{ngold} gold)"
                )
                for line in errors or ():
                    print("     ", line)
        org_as_person, person_as_org = person_org_confusions(part, every, ours)
        print(
            f"  {portion:<20} threatgraph: Organisation typed Person {org_as_person},"
            f" Person typed Organisation {person_as_org}"
        )


if __name__ == "__main__":
    main()
