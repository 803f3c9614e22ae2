"""TIMEX3 detection and normalisation scored on TempEval-3's training data (TBAQ-cleaned), the TempEval way.

    PYTHONPATH=src .venv/bin/python benchmarks/timex_tempeval.py [--halves] [--salt s17] [--errors] [--corpus ...]

Data: TempEval-3's training release (TimeBank 183 documents + AQUAINT 73 documents), github.com/jspotter/TempEval-3,
copied as data only to ``../shared/data/eval/tempeval3/data/TBAQ-cleaned`` beside this repository and read through
``benchmarks/timeml.py``. Its texts are news-wire under copyright: nothing of them is committed, and the script exits
with a clear message when the data is absent (CI machines do not have it). TempEval-3's platinum test set is held out
and is not read here.

What is fed: each document's ``<TEXT>`` part only, tags removed (the part TempEval scores; the title and the DCT line
are outside its scope), anchored at the document creation time of its ``<DCT>`` TIMEX3, through threatgraph's real
date extraction (the shared spaCy pipeline, then :func:`threatgraph.extract.dates.extract_dates`). The gold DCT
TIMEX3 itself is not in ``<TEXT>`` and is not scored.

How it is scored (TempEval-3's definitions, our own code):

- strict detection: a system expression whose character span equals a gold TIMEX3's span (surrounding spaces and
  end punctuation ignored); relaxed detection: the spans overlap. System and gold are paired one to one, the
  exact pair first, then the largest overlap. P = matched / system, R = matched / gold.
- value F1: relaxed pairs whose TIMEX3 value equals the gold value, over system (P) and gold (R) counts, as
  TempEval-3's attribute F1; type accuracy: the share of relaxed pairs with the gold type.
- per gold type (DATE / TIME / DURATION / SET): detection recall and value recall; per system type: value precision.
- per document source (TimeBank / AQUAINT) and, with ``--halves``, per half of the documents cut by
  ``timeml.half_of(doc_id, salt)`` (develop on A, check B). ``--errors`` lists the errors of half A only when
  halves are asked for (all documents otherwise).

Parses are cached as spaCy ``DocBin`` files under ``/tmp/timex_tempeval/`` keyed by the pipeline's source files and
the model version, so a rerun after a change to the date code costs seconds; a change to the pipeline (tokenizer,
gazetteer, span repair) makes a new cache.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from goldtext import trim_span
from timeml import MissingCorpus, TimeMLDocument, Timex, half_of, tbaq_documents

ROOT = Path(__file__).resolve().parent.parent
CACHE = Path("/tmp/timex_tempeval")
#: sources whose change alters the parse the date code reads
PIPELINE_FILES = ("nlp.py", "sentences.py", "spans.py", "gazetteer.py", "gazetteer.yaml")
TYPES = ("DATE", "TIME", "DURATION", "SET")
#: published anchors on TempEval-3's platinum test set (not this data: for orientation only)
ANCHORS = "HeidelTime on TempEval-3 platinum: strict 0.813, relaxed 0.903, value 0.776"
_TRIM = " \t\n.,;:\"'()"


@dataclass
class Counts:
    """Counts behind one line of figures."""

    gold: int = 0
    sys: int = 0
    strict: int = 0
    relaxed: int = 0
    value: int = 0
    type: int = 0
    gold_type: Counter[str] = field(default_factory=Counter)
    gold_found: Counter[str] = field(default_factory=Counter)
    gold_value: Counter[str] = field(default_factory=Counter)
    sys_type: Counter[str] = field(default_factory=Counter)
    sys_value: Counter[str] = field(default_factory=Counter)

    def add(self, other: Counts) -> None:
        for name in ("gold", "sys", "strict", "relaxed", "value", "type"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        for name in ("gold_type", "gold_found", "gold_value", "sys_type", "sys_value"):
            getattr(self, name).update(getattr(other, name))


def prf(tp: int, sys: int, gold: int) -> str:
    p = tp / sys if sys else 0.0
    r = tp / gold if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return f"P {p:.3f} R {r:.3f} F1 {f:.3f}"


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    return trim_span(text, start, end, _TRIM)


@dataclass(frozen=True)
class Found:
    """One system expression: span, TIMEX3 type and value."""

    start: int
    end: int
    text: str
    type: str
    value: str


def pair(gold: list[Timex], found: list[Found], text: str) -> list[tuple[int, int]]:
    """One-to-one (gold index, system index) pairs: exact spans first, then the largest overlaps."""
    g_spans = [_trimmed(text, g.start, g.end) for g in gold]
    s_spans = [_trimmed(text, f.start, f.end) for f in found]
    candidates = []
    for gi, (gs, ge) in enumerate(g_spans):
        for si, (ss, se) in enumerate(s_spans):
            overlap = min(ge, se) - max(gs, ss)
            if overlap > 0:
                candidates.append((0 if (gs, ge) == (ss, se) else 1, -overlap, gi, si))
    out, used_g, used_s = [], set(), set()
    for _exact, _overlap, gi, si in sorted(candidates):
        if gi not in used_g and si not in used_s:
            out.append((gi, si))
            used_g.add(gi)
            used_s.add(si)
    return out


def score(doc: TimeMLDocument, found: list[Found], errors: list[str] | None) -> Counts:
    c = Counts(gold=len(doc.timexes), sys=len(found))
    for g in doc.timexes:
        c.gold_type[g.type] += 1
    for f in found:
        c.sys_type[f.type] += 1
    pairs = pair(doc.timexes, found, doc.text)
    for gi, si in pairs:
        g, f = doc.timexes[gi], found[si]
        c.relaxed += 1
        c.gold_found[g.type] += 1
        if _trimmed(doc.text, g.start, g.end) == _trimmed(doc.text, f.start, f.end):
            c.strict += 1
        elif errors is not None:
            errors.append(f"{doc.doc_id}: span {f.text!r} != gold {g.text!r}")
        if f.value == g.value:
            c.value += 1
            c.gold_value[g.type] += 1
            c.sys_value[f.type] += 1
        elif errors is not None:
            errors.append(f"{doc.doc_id} [{doc.dct}]: value {f.text!r} {f.type} {f.value!r} != {g.type} {g.value!r}")
        if f.type == g.type:
            c.type += 1
    if errors is not None:
        paired_g = {gi for gi, _si in pairs}
        paired_s = {si for _gi, si in pairs}
        for gi, g in enumerate(doc.timexes):
            if gi not in paired_g:
                errors.append(f"{doc.doc_id} [{doc.dct}]: FN {g.text!r} ({g.type} {g.value})")
        for si, f in enumerate(found):
            if si not in paired_s:
                errors.append(f"{doc.doc_id} [{doc.dct}]: FP {f.text!r} -> {f.type} {f.value!r}")
    return c


def _cache_key() -> str:
    import spacy

    from threatgraph.extract import nlp as nlp_module

    h = hashlib.sha256(f"{spacy.__version__}:{nlp_module.MODEL}".encode())
    extract = ROOT / "src" / "threatgraph" / "extract"
    for name in PIPELINE_FILES:
        h.update((extract / name).read_bytes())
    return h.hexdigest()[:16]


def parsed(docs: list[TimeMLDocument]) -> list[Any]:
    """The spaCy parses of the documents' texts, from the cache when the pipeline is unchanged."""
    from spacy.tokens import DocBin

    from threatgraph.extract.nlp import load_nlp

    nlp = load_nlp()
    corpora = "-".join(sorted({d.corpus for d in docs}))
    path = CACHE / f"tbaq-{corpora}-{_cache_key()}.spacy"
    if path.is_file():
        parses = list(DocBin().from_disk(path).get_docs(nlp.vocab))
        if [d.text for d in parses] == [d.text for d in docs]:
            return parses
    parses = list(nlp.pipe((d.text for d in docs), batch_size=16))
    CACHE.mkdir(parents=True, exist_ok=True)
    DocBin(docs=parses, store_user_data=True).to_disk(path)
    return parses


def system(doc: TimeMLDocument, parse: Any) -> list[Found]:
    """threatgraph's temporal expressions of one document, anchored at its DCT."""
    from threatgraph.extract.dates import extract_dates
    from threatgraph.model import Article

    article = Article(id=doc.doc_id, text=doc.text, published=doc.dct)
    out = []
    for d in extract_dates(parse, article):
        if d.start_char is None or d.end_char is None:
            raise ValueError(f"{doc.doc_id}: date {d.text!r} has no offsets")
        out.append(Found(d.start_char, d.end_char, d.text, d.timex_type or "DATE", d.timex_value or ""))
    return out


def report(name: str, c: Counts) -> None:
    print(f"[{name}] documents' TIMEX3 gold {c.gold}, system {c.sys}")
    print(f"[{name}] strict detect  {prf(c.strict, c.sys, c.gold)}")
    print(f"[{name}] relaxed detect {prf(c.relaxed, c.sys, c.gold)}")
    print(f"[{name}] value          {prf(c.value, c.sys, c.gold)}")
    print(f"[{name}] type accuracy  {c.type / c.relaxed if c.relaxed else 0.0:.3f} of {c.relaxed} relaxed matches")
    for t in TYPES:
        g, s = c.gold_type[t], c.sys_type[t]
        detect = c.gold_found[t] / g if g else 0.0
        value_r = c.gold_value[t] / g if g else 0.0
        value_p = c.sys_value[t] / s if s else 0.0
        print(
            f"[{name}]   {t:<8} gold {g:4d} detect R {detect:.3f} value R {value_r:.3f}"
            f" | system {s:4d} value P {value_p:.3f}"
        )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--halves", action="store_true", help="score halves A and B of the documents as well")
    ap.add_argument("--salt", default="s17", help="salt of the A/B cut (one per session)")
    ap.add_argument("--errors", action="store_true", help="list errors (of half A only with --halves)")
    ap.add_argument("--corpus", choices=("TimeBank", "AQUAINT"), nargs="*", default=["TimeBank", "AQUAINT"])
    args = ap.parse_args(argv)
    try:
        docs = tbaq_documents(corpora=tuple(args.corpus))
    except MissingCorpus as exc:
        print(exc, file=sys.stderr)
        return 2
    parses = parsed(docs)
    totals: dict[str, Counts] = {}
    errors: list[str] = []
    for doc, parse in zip(docs, parses, strict=True):
        half = half_of(doc.doc_id, args.salt)
        listed = args.errors and (not args.halves or half == "A")
        c = score(doc, system(doc, parse), errors if listed else None)
        keys = ["all", doc.corpus] + ([f"half {half}", f"half {half} {doc.corpus}"] if args.halves else [])
        for key in keys:
            totals.setdefault(key, Counts()).add(c)
    print(f"TBAQ-cleaned ({', '.join(args.corpus)}), {len(docs)} documents; anchor: {ANCHORS}")
    order = ["all", "TimeBank", "AQUAINT", "half A", "half B"]
    for key in sorted(totals, key=lambda k: (order.index(k) if k in order else len(order), k)):
        report(key, totals[key])
    if args.errors:
        print(f"\n{len(errors)} errors:")
        print("\n".join(errors))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
