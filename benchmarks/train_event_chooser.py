"""Train and cross-validate the learned event doer chooser (``extract/events_chooser.py``).

Usage::

    PYTHONPATH=src .venv/bin/python benchmarks/train_event_chooser.py [--write] [--splits tune,tune3]

Data: the event gold of the *tuning* splits only (``tests/gold/dev/events.json``, splits ``tune`` and
``tune3`` by default; never the held-out ones). For every gold event the rule extractor detects,
each named actor of its sentence and the sentence before is a candidate (see
:func:`threatgraph.extract.events_chooser.candidates`), labelled 1 when it names the gold source. A
gold event whose text names no doer gives only negatives, so a chooser that fills in a doer there is
punished as it would be in a graph.

Cross-validation is by document (leave one document out): the model is fitted on the other
documents, then asked for a doer wherever the rules give none on the held document. A fill is right
when it names the gold source and wrong otherwise (including events whose gold has no source). The
table prints right/wrong fills per threshold; ``--write`` fits on every tuning document and writes
``event_chooser.yaml`` with the chosen threshold and the cross-validated figures at it.
"""

from __future__ import annotations

import argparse
import json
import pickle
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import yaml
from sklearn.linear_model import LogisticRegression

from events import GOLD, _best, load_articles, names_match
from threatgraph.extract.events import extract_events
from threatgraph.extract.events_actors import MentionIndex
from threatgraph.extract.events_chooser import CHOOSER_FILE, candidates
from threatgraph.extract.pipeline import Extractor, extract_mentions
from threatgraph.extract.spans import mark_outlet

THRESHOLDS = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8)
#: The most wrong fills per right one the shipped threshold may cost on cross-validation.
MAX_WRONG_SHARE = 0.2
SHOW = "--show" in sys.argv


@dataclass(slots=True)
class Case:
    """One detected gold event: its candidates' features and labels, and what the rules said."""

    doc: str
    features: list[dict[str, float]]
    labels: list[int]
    gold_named: bool  # the gold gives a source at all
    rule_source: str | None
    rule_right: bool
    note: str = ""


def build_cases(splits: set[str]) -> list[Case]:
    """Parse the tuning documents once and describe every detected gold event's candidates."""
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    articles = load_articles()
    docs = [d for d in gold["documents"] if d["split"] in splits]
    extractor = Extractor()
    cases: list[Case] = []
    texts = ((articles[d["doc"]].text, articles[d["doc"]]) for d in docs)
    for gdoc, (doc, article) in zip(docs, extractor.nlp.pipe(texts, as_tuples=True), strict=True):
        mark_outlet(doc, article.outlet)
        mentions = extract_mentions(doc)
        events = extract_events(doc, mentions, article, choose_doers=False)
        index = MentionIndex(doc, mentions)
        text = doc.text
        for g in gdoc["events"]:
            if g.get("optional"):
                continue
            pos = text.index(g["evidence"]) + g["evidence"].index(g["trigger"])
            best = _best([e for e in events if e.start <= pos < e.end], g)
            span = doc.char_span(pos, pos + 1, alignment_mode="expand")
            if best is None or span is None:
                continue
            tok = span[0]
            kind = "noun" if tok.pos_ in ("NOUN", "PROPN", "NUM") else "verb"
            exclude = {best.target_group} if best.target_group >= 0 else set()
            found = candidates(tok, best.type, kind, index, exclude)
            named = bool(g["source"])
            labels = [int(named and names_match(c.actor.text, g["source"])) for c in found]
            cases.append(
                Case(
                    doc=gdoc["doc"],
                    features=[c.features for c in found],
                    labels=labels,
                    gold_named=named,
                    rule_source=best.source,
                    rule_right=named and names_match(best.source, g["source"]),
                    note=f"{g['trigger']!r} gold={g['source'][:1] if named else None} "
                    f"cands={[(c.actor.text[:25], y) for c, y in zip(found, labels, strict=True)]} "
                    f"| {g['evidence'][:80]!r}",
                )
            )
    return cases


def _matrix(cases: list[Case], names: list[str]) -> tuple[np.ndarray, np.ndarray]:
    rows = [[f.get(n, 0.0) for n in names] for c in cases for f in c.features]
    labels = [y for c in cases for y in c.labels]
    return np.array(rows, dtype=float).reshape(-1, len(names)), np.array(labels, dtype=int)


def fit(cases: list[Case], names: list[str], c_reg: float, ruleless: float) -> LogisticRegression:
    """Logistic regression over candidates; events the rules leave without a doer (the ones the
    chooser will face) weigh ``ruleless`` times more than those the rules settle."""
    x, y = _matrix(cases, names)
    weight = np.array([ruleless if c.rule_source is None else 1.0 for c in cases for _f in c.features])
    return LogisticRegression(C=c_reg, max_iter=2000).fit(x, y, sample_weight=weight)


def _top(model: LogisticRegression, case: Case, names: list[str]) -> tuple[float, int]:
    """The best candidate's probability and label (0.0, 0 when there is none)."""
    if not case.features:
        return 0.0, 0
    x = np.array([[f.get(n, 0.0) for n in names] for f in case.features], dtype=float)
    p = model.predict_proba(x)[:, 1]
    i = int(np.argmax(p))
    return float(p[i]), case.labels[i]


def cross_validate(cases: list[Case], names: list[str], c_reg: float, ruleless: float) -> tuple[list, list]:
    """Leave-one-document-out: (probability, right) of the fill for each rule-less event, and
    (chooser right, rules right) for every event whose gold names a doer."""
    fills, replace = [], []
    for doc in sorted({c.doc for c in cases}):
        train = [c for c in cases if c.doc != doc]
        model = fit(train, names, c_reg, ruleless)
        for case in (c for c in cases if c.doc == doc):
            p, label = _top(model, case, names)
            if case.rule_source is None:
                fills.append((p, bool(label)))
                if SHOW:
                    print(f"   {p:.2f} {label} {case.doc[:20]} {case.note}")
            if case.gold_named:
                replace.append((bool(label), case.rule_right))
    return fills, replace


def table(fills: list) -> dict[float, tuple[int, int]]:
    return {t: (sum(ok for p, ok in fills if p >= t), sum(not ok for p, ok in fills if p >= t)) for t in THRESHOLDS}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--splits", default="tune,tune3")
    ap.add_argument("--c", type=float, default=1.0, help="inverse L2 strength")
    ap.add_argument("--ruleless", type=float, default=1.0, help="weight of events the rules leave doerless")
    ap.add_argument("--cache", default=None, help="pickle the parsed cases here and reuse them (experiments)")
    ap.add_argument("--drop", default="", help="comma-separated features to leave out (ablation)")
    ap.add_argument("--show", action="store_true", help="print each rule-less event's fill (tuning data only)")
    ap.add_argument("--write", action="store_true", help="fit on all tuning docs and write event_chooser.yaml")
    args = ap.parse_args(argv)
    splits = set(args.splits.split(","))
    if args.cache and Path(args.cache).exists():
        cases = pickle.loads(Path(args.cache).read_bytes())
    else:
        cases = build_cases(splits)
        if args.cache:
            Path(args.cache).write_bytes(pickle.dumps(cases))
    dropped = set(args.drop.split(",")) if args.drop else set()
    names = sorted({n for c in cases for f in c.features for n in f} - dropped)
    fills, replace = cross_validate(cases, names, args.c, args.ruleless)
    no_rule = [c for c in cases if c.rule_source is None]
    print(
        f"cases {len(cases)} in {len({c.doc for c in cases})} docs; rules give no doer in {len(no_rule)} "
        f"(gold names one in {sum(c.gold_named for c in no_rule)})"
    )
    reachable = sum(any(c.labels) for c in no_rule)
    print(f"  a candidate names the gold doer in {reachable} of those")
    print("leave-one-document-out fills where the rules give none: threshold right wrong")
    scores = table(fills)
    for t, (ok, bad) in scores.items():
        print(f"  {t:.1f}  {ok:3d}  {bad:3d}")
    print(
        f"as a replacement on {len(replace)} events with a gold doer: chooser top-1 right "
        f"{sum(a for a, _b in replace)}, rules right {sum(b for _a, b in replace)}"
    )
    usable = [t for t, (ok, bad) in scores.items() if ok and bad <= MAX_WRONG_SHARE * ok]
    if not usable:
        print("no threshold keeps wrong fills within bounds: the rules stay alone")
        return 1
    threshold = min(usable)
    ok, bad = scores[threshold]
    print(f"chosen threshold {threshold:.1f}: {ok} right, {bad} wrong fills on cross-validation")
    if args.write:
        model = fit(cases, names, args.c, args.ruleless)
        data = {
            "trained_on": f"tests/gold/dev/events.json splits {sorted(splits)}, {len(cases)} events, "
            f"C={args.c}, rule-less weight {args.ruleless}",
            "cross_validated": f"leave-one-document-out at {threshold:.1f}: {ok} right, {bad} wrong fills "
            f"of {len(no_rule)} events the rules leave without a doer",
            "threshold": float(threshold),
            "bias": round(float(model.intercept_[0]), 4),
            "weights": {n: round(float(w), 4) for n, w in zip(names, model.coef_[0], strict=True)},
        }
        Path(CHOOSER_FILE).write_text(
            "# Written by benchmarks/train_event_chooser.py; do not edit by hand.\n"
            + yaml.safe_dump(data, sort_keys=False, allow_unicode=True),
            encoding="utf-8",
        )
        print(f"wrote {CHOOSER_FILE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
