"""PolNeAR attributions the system misses, counted by class (train half A only): which kinds of attribution to cover.

Each gold attribution of train half A that no system attribution aligns with (``quotes_polnear.score``: no shared
content character) is counted by the class of its cue (a verb of saying, of belief, knowledge or intention, another
verb; a nominal cue; a preposition such as "according to"; none), its cue's lemma, its source (absent, pronoun,
name, description) and the shape of its content (clausal complement, to-infinitive, noun phrase, a direct quotation
within one sentence or over several, a nested attribution). Counts, not items: a class with many misses is a
mechanism to build; the items behind it are in ``quotes_polnear.py --errors``.

Usage::

    .venv/bin/python benchmarks/quotes_polnear_classes.py --salt s20 [--lemma LEMMA] [--by class|lemma|source|shape]
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Iterable
from typing import Any

from quotes_polnear import Attribution, _align, documents, parsed, system_attributions
from timeml import half_of


def _tokens_in(doc: Any, parts: tuple[tuple[int, int], ...]) -> list[Any]:
    out = []
    for a, b in parts:
        span = doc.char_span(a, b, alignment_mode="expand")
        if span is not None:
            out.extend(t for t in span if not t.is_space)
    return out


def _head(tokens: list[Any]) -> Any | None:
    """The token of ``tokens`` whose head lies outside them (the first such)."""
    ids = {t.i for t in tokens}
    for t in tokens:
        if t.head.i not in ids or t.head.i == t.i:
            return t
    return tokens[0] if tokens else None


def cue_class(doc: Any, gold: Attribution) -> tuple[str, str]:
    """(class, lemma) of a gold cue."""
    from threatgraph.extract.events_lemmas import lemma
    from threatgraph.extract.quote_cues import cues

    toks = _tokens_in(doc, gold.cue)
    if not toks:
        return "no-cue", "-"
    words = [t for t in toks if t.pos_ in ("VERB", "NOUN", "ADP", "AUX", "ADJ", "PROPN")]
    head = next((t for t in words if t.pos_ == "VERB"), None) or _head(toks)
    lem = lemma(head).lower()
    data = cues()
    if head.pos_ == "ADP" or any(t.lower_ in data["according"] for t in toks):
        return "prep", " ".join(t.lower_ for t in toks)
    if head.pos_ in ("NOUN", "PROPN"):
        return ("nominal-known" if lem in data["nominal_cues"] else "nominal-new"), lem
    if head.pos_ in ("VERB", "AUX"):
        if lem in data["weak_cue_verbs"] or lem in data["mind_verbs"]:
            return "verb-weak", lem
        if lem in data["cue_verbs"]:
            return "verb-saying", lem
        if lem in data["stance_verbs"] or lem in data["question_verbs"]:
            return "verb-stance", lem
        return "verb-new", lem
    return f"other-{head.pos_}", lem


def source_class(doc: Any, gold: Attribution) -> str:
    toks = _tokens_in(doc, gold.source)
    if not toks:
        return "absent"
    head = _head(toks)
    if head.pos_ == "PRON":
        return "pronoun"
    if head.pos_ == "PROPN" or head.ent_type_ in ("PERSON", "ORG", "GPE", "NORP"):
        return "name"
    return "description"


def shape_class(doc: Any, gold: Attribution, all_gold: list[Attribution]) -> str:
    text = doc.text
    parts = gold.content
    if not parts:
        return "no-content"
    start, end = parts[0][0], parts[-1][1]
    said = " ".join(text[a:b] for a, b in parts).strip()
    toks = _tokens_in(doc, parts)
    nested = any(o is not gold and o.cue and start <= o.cue[0][0] and o.cue[-1][1] <= end for o in all_gold)
    sents = {t.sent.start for t in toks}
    quoted = said[:1] in "\"“'‘" or said[-1:] in "\"”'’"
    if quoted:
        shape = "direct-multi" if len(sents) > 1 else "direct"
    elif said.lower().startswith("to "):
        shape = "to-inf"
    elif any(t.tag_ in ("VBD", "VBZ", "VBP", "MD") for t in toks):
        shape = "clause-multi" if len(sents) > 1 else "clause"
    else:
        shape = "np"
    return shape + ("+nested" if nested else "")


def main(argv: Iterable[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--salt", default="s20")
    parser.add_argument("--top", type=int, default=40)
    parser.add_argument("--lemma", default="", help="also count the misses of one cue lemma by source and shape")
    args = parser.parse_args(list(argv) if argv is not None else None)
    docs = documents("train")
    _extractor, parses = parsed(docs)
    by: dict[str, Counter[str]] = {k: Counter() for k in ("class", "lemma", "source", "shape", "class×source")}
    found: dict[str, Counter[str]] = {k: Counter() for k in ("class", "lemma")}
    lemma_detail: Counter[str] = Counter()
    total = missed = 0
    for document, doc in zip(docs, parses, strict=True):
        if half_of(document.doc_id, args.salt) != "A":
            continue
        system = system_attributions(doc, document)
        matched = {j for _i, j in _align(document.text, system, document.gold)}
        for j, g in enumerate(document.gold):
            total += 1
            klass, lem = cue_class(doc, g)
            if j in matched:
                found["class"][klass] += 1
                found["lemma"][lem] += 1
                continue
            missed += 1
            src, shape = source_class(doc, g), shape_class(doc, g, document.gold)
            by["class"][klass] += 1
            by["lemma"][f"{klass}:{lem}"] += 1
            by["source"][src] += 1
            by["shape"][shape] += 1
            by["class×source"][f"{klass}/{src}"] += 1
            if args.lemma and lem == args.lemma:
                lemma_detail[f"{src}/{shape}"] += 1
    print(f"# train half A (salt {args.salt}): gold {total}, missed {missed}")
    for name, counter in by.items():
        print(f"## missed by {name}")
        for key, n in counter.most_common(args.top):
            extra = ""
            if name == "class":
                extra = f"   (found {found['class'][key]})"
            elif name == "lemma":
                extra = f"   (found {found['lemma'][key.split(':', 1)[1]]})"
            print(f"{n:6d}  {key}{extra}")
    if args.lemma:
        print(f"## {args.lemma}: missed by source/shape")
        for key, n in lemma_detail.most_common():
            print(f"{n:6d}  {key}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
