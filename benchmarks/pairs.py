"""Calibration of the name-alignment threshold on a labelled pair set: list aliases and the dev gold.

Pairs (built here, nothing hand-picked):

- **list positives**: two names of one OFAC SDN entry (its name and a.k.a.s; weak aliases left out);
- **list hard negatives**: names of two different entries of one type family that share a core token
  ("... AL-QA'IDA ..." and "... AL-QA'IDA IN ..."), the pairs a token index would put side by side;
- **gold positives**: two surface forms of one actor in the tuning documents of ``tests/gold/dev/links.json``
  (never a held-out split: ``unseen``, ``fresh``);
- **gold negatives**: forms of two actors the gold lists as ``must_differ``, or of two actors of one
  document that share a token.

For each threshold the script prints precision and recall of "same name" (score >= threshold) on each set,
the threshold a precision of 0.99 allows, and, at the resolver's ``MATCH_THRESHOLD``, the negatives that
pass grouped by the alignment feature that passed them: the failing merge classes to fix as mechanisms.
The anchor is the shipped threshold, measured in the same run.

    PYTHONPATH=src .venv/bin/python benchmarks/pairs.py [--max-negatives N] [--show K]
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import random
from collections import Counter, defaultdict
from pathlib import Path

from threatgraph.names.align import MATCH_THRESHOLD, compare_names
from threatgraph.names.forms import family, name_form
from threatgraph.screen.formats import parse_files

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("THREATGRAPH_SHARED", ROOT.parent / "shared")) / "data"
SDN = SHARED / "sanctions" / "ofac" / "sdn.csv"
GOLD = ROOT / "tests" / "gold" / "dev" / "links.json"
NAME_PROPS = ("name", "alias", "previousName")
THRESHOLDS = [round(0.6 + 0.02 * i, 2) for i in range(21)]

Pair = tuple[str, str, str, bool]  # name, name, schema, same actor


def list_pairs(max_negatives: int, seed: int = 9) -> tuple[list[Pair], list[Pair]]:
    """Positives within entries and hard negatives across entries sharing a core token."""
    entries = parse_files([SDN])[0].entries
    positives: list[Pair] = []
    by_token: dict[tuple[str, str], set[tuple[str, str]]] = defaultdict(set)
    for e in entries:
        schema = e["schema"]
        if family(schema) not in ("Person", "Organization"):
            continue
        names = list(dict.fromkeys(n for p in NAME_PROPS for n in e["properties"].get(p) or []))
        for a, b in itertools.islice(itertools.combinations(names, 2), 6):
            positives.append((a, b, schema, True))
        for n in names:
            for tok in set(name_form(n, schema).core):
                if len(tok) >= 3:
                    by_token[(family(schema), tok)].add((e["id"], n))
    rng = random.Random(seed)
    negatives: list[Pair] = []
    seen: set[tuple[str, str]] = set()
    for (fam, _tok), holders in sorted(by_token.items()):
        items = sorted(holders)
        if len(items) < 2:
            continue
        sample = rng.sample(items, min(len(items), 6))
        for (ea, na), (eb, nb) in itertools.combinations(sample, 2):
            if ea != eb and (na, nb) not in seen and na.casefold() != nb.casefold():
                seen.add((na, nb))
                negatives.append((na, nb, "Person" if fam == "Person" else "Organization", False))
    rng.shuffle(negatives)
    return positives, negatives[:max_negatives]


def gold_pairs() -> tuple[list[Pair], list[Pair]]:
    """Positives and negatives from the tuning documents' link gold (every held-out split left out)."""
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    unseen = set().union(*map(set, gold["split"].values()))
    forms: dict[str, set[str]] = defaultdict(set)
    docs_actors: list[list[str]] = []
    for doc, actors in gold["docs"].items():
        if doc in unseen:
            continue
        docs_actors.append(list(actors))
        for actor, names in actors.items():
            forms[actor] |= set(names)
    schema = {k: v["schema"] for k, v in gold["actors"].items()}
    positives = [
        (a, b, schema[actor], True)
        for actor, names in forms.items()
        for a, b in itertools.combinations(sorted(names), 2)
    ]
    negatives: list[Pair] = []
    pairs = {tuple(p) for p in gold["must_differ"]}
    for actors in docs_actors:
        for x, y in itertools.combinations(actors, 2):
            if (
                schema[x] != schema[y]
                or gold["actors"][x]["sdn"]
                and gold["actors"][x]["sdn"] == gold["actors"][y]["sdn"]
            ):
                continue
            tx = {t for n in forms[x] for t in name_form(n, schema[x]).core}
            ty = {t for n in forms[y] for t in name_form(n, schema[y]).core}
            if tx & ty:
                pairs.add((x, y))
    for x, y in sorted(pairs):
        if x in forms and y in forms:
            negatives.extend((a, b, schema[x], False) for a in sorted(forms[x]) for b in sorted(forms[y]))
    return positives, negatives


def scored(pairs: list[Pair]) -> list[tuple[float, str, Pair]]:
    out = []
    for a, b, schema, same in pairs:
        s = compare_names(name_form(a, schema), name_form(b, schema), family(schema) == "Person")
        out.append((s.score, s.feature, (a, b, schema, same)))
    return out


def table(title: str, rows: list[tuple[float, str, Pair]]) -> float | None:
    """Print precision/recall per threshold; return the lowest threshold with precision >= 0.99."""
    pos = sum(1 for _, _, p in rows if p[3])
    neg = len(rows) - pos
    print(f"\n== {title}: {pos} positive pairs, {neg} negative pairs")
    print("threshold  precision  recall   false-pos")
    best = None
    for t in THRESHOLDS:
        tp = sum(1 for s, _, p in rows if s >= t and p[3])
        fp = sum(1 for s, _, p in rows if s >= t and not p[3])
        prec = tp / (tp + fp) if tp + fp else 1.0
        rec = tp / pos if pos else 0.0
        mark = "  <- MATCH_THRESHOLD" if abs(t - MATCH_THRESHOLD) < 1e-9 else ""
        print(f"  {t:.2f}      {prec:.3f}     {rec:.3f}   {fp}{mark}")
        if best is None and prec >= 0.99:
            best = t
    print(f"lowest threshold with precision >= 0.99: {best}   (shipped MATCH_THRESHOLD {MATCH_THRESHOLD})")
    return best


def failing(rows: list[tuple[float, str, Pair]], show: int) -> None:
    bad = [(s, f, p) for s, f, p in rows if s >= MATCH_THRESHOLD and not p[3]]
    classes = Counter(f for _, f, _ in bad)
    print(f"negatives passing MATCH_THRESHOLD by feature: {dict(classes.most_common())}")
    for s, f, p in sorted(bad, key=lambda x: -x[0])[:show]:
        print(f"  {s:.2f} {f:<24} {p[0]!r} ~ {p[1]!r} ({p[2]})")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--max-negatives", type=int, default=20000)
    ap.add_argument("--show", type=int, default=15, help="negatives passing the threshold to print per set")
    args = ap.parse_args()
    lp, ln = list_pairs(args.max_negatives)
    gp, gn = gold_pairs()
    for title, rows in (("list aliases (OFAC SDN)", scored(lp + ln)), ("dev gold, tuning documents", scored(gp + gn))):
        table(title, rows)
        failing(rows, args.show)


if __name__ == "__main__":
    main()
