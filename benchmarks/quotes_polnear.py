"""Quote attribution scored PARC-style on PolNeAR (political news with source, cue and content spans).

The corpus is not ours and is not shipped: PolNeAR v1.0 (Newell, Margolin and Ruths 2018), the public GitHub
repository networkdynamics/PolNeAR, copied as data only (brat standoff under ``data/{train,dev,test}``) to
``../shared/data/eval/polnear`` beside this repository in session 17. Its texts are 2016 US political news under
copyright: nothing of them is committed here, and this script exits with a message when they are absent.
PolNeAR's README asks to develop on train, to avoid viewing dev and test, and to test once; so ``--errors`` lists
items of train (half A when ``--halves``) only, and dev/test print summary lines only.

Usage::

    .venv/bin/python benchmarks/quotes_polnear.py [--split train|dev|test] [--halves --salt s17 [--only A|B]] [--errors]

The system side is threatgraph's real quote path, as :meth:`Extractor.analyse_doc` runs it: the shared spaCy
pipeline (gazetteer and span repair included), the article's mentions, then ``extract_quotes``; events and dates
are not computed (nothing of the quotes depends on them). Parses are cached as a spaCy ``DocBin`` under
``/tmp/s19-i12q/`` keyed by the texts and the code that shapes a parse (``--no-cache`` re-parses).

Gold: one annotator per text, the first annotation file by name (``<stem>_<annotator>.ann``; a few train texts
have several annotators). Every ``Attribution`` and ``Attribution-no-source`` relation is an attribution;
discontinuous spans (``start end;start end``) are kept as parts. ``Discuss``/``Discard`` marks are not
attributions.

Scoring. System quotes that share a cue and source are one attribution (a two-part quotation around its frame is
one PARC attribution with a discontinuous content). System and gold attributions are aligned one to one, greedily
by the characters their contents share (no shared character, no pair). Then:

- source: a system attribution with a source span is a true positive when its gold partner has a source and the
  two match. *strict*: the same span after trimming spaces and punctuation; *overlap*: the spans share a
  character (PolNeAR's source is the whole noun phrase, "Spokeswoman Ada Roe", ours the phrase up to its head;
  a pronoun is the pronoun in both); *phrase strict*: strict, with the system's source taken as its whole noun
  phrase (``Quote.phrase_start``/``phrase_end``: PolNeAR's convention, stored and exported beside the name span)
  where it has one. Recall is over gold attributions with a source. A quote we leave without a
  source span is not counted against precision (the product shows it unattributed).
- cue: system cue spans against gold cue spans, one to one, strict (same trimmed span) and overlap.
- content exact: the pair's contents are the same text after trimming quotation marks, spaces and end
  punctuation of each part, and a complementiser "that" opening the content; P over system attributions, R over
  gold attributions. The "that" is a convention difference, not an error: PolNeAR puts it inside the content
  (every one of the 1,109 "cue that …" contents of train half A), threatgraph leaves it out as PARC 3.0 does.
  ``content exact (raw)`` is the same score without that adaptation.
- content token overlap: word tokens the pair's contents share, P over all system content tokens, R over all
  gold content tokens (PARC's "soft" content score).

A second reading, ``[split parc-sense]``, beside the full one (which stays the headline). PolNeAR annotates
far more than PARC's attributions: most of what threatgraph misses on train are agent-predicate-object relations
with a noun phrase for content ("boycotted the debate", "announced his candidacy"), which no attributor that
reports who *said* what would call an attribution. The parc-sense line scores the same system output against the
gold attributions whose content is a clause, a quotation or an infinitive (``content_shape``), so the figure
says how well the PARC sense is covered. The subset is decided by the gold's own content spans and the shape of
their parse (a finite verb or a verb with its subject at the root of the span, a "to" infinitive, a span opened
or closed by a quotation mark), never by threatgraph's cue lists: choosing it by our cues would leave out
exactly the cues we miss and make the figure circular. Alignment is done once against the full gold; a system
attribution aligned with a noun-phrase gold attribution is left out of both sides (neither right nor wrong in
this reading), one aligned with nothing still counts against precision.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import sys
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from goldtext import PRF, trim_span
from timeml import PUBLIC_EVAL, half_of  # the session's shared A/B cut

ROOT = Path(__file__).resolve().parent.parent
POLNEAR = PUBLIC_EVAL / "polnear" / "data"
SOURCE = "PolNeAR v1.0, github.com/networkdynamics/PolNeAR, data only"
CACHE = Path("/tmp/s19-i12q")
#: code whose change changes a parse: the cache key includes these files
PARSE_CODE = ("nlp.py", "spans.py", "gazetteer.py", "gazetteer.yaml")
#: published anchors the issue compares against
ANCHORS = {
    "source": "best public attributor (PARC 3.0): 0.82",
    "content_exact": "best public attributor (PARC 3.0): 0.59",
}
_TRIM = " \t\n\"'“”‘’.,;:!?—–-()"
_WORD = re.compile(r"\w+")

Spans = tuple[tuple[int, int], ...]


@dataclass(frozen=True, slots=True)
class Attribution:
    """One attribution's spans (each possibly discontinuous; empty when absent)."""

    source: Spans
    cue: Spans
    content: Spans
    speaker: str | None = None
    phrase: Spans = ()  # the system's source as a whole noun phrase (PolNeAR's convention), beside its name span


@dataclass(slots=True)
class Document:
    doc_id: str
    text: str
    published: date | None
    title: str | None
    gold: list[Attribution] = field(default_factory=list)


@dataclass(slots=True)
class Scores:
    docs: int = 0
    pairs: int = 0
    source_strict: PRF = field(default_factory=PRF)
    source_phrase: PRF = field(default_factory=PRF)
    source_overlap: PRF = field(default_factory=PRF)
    cue_strict: PRF = field(default_factory=PRF)
    cue_overlap: PRF = field(default_factory=PRF)
    content_exact: PRF = field(default_factory=PRF)
    content_raw: PRF = field(default_factory=PRF)
    content_tokens: PRF = field(default_factory=PRF)
    errors: list[str] = field(default_factory=list)
    missed_cues: Counter[str] = field(default_factory=Counter)

    def add(self, other: Scores) -> None:
        self.docs += other.docs
        self.pairs += other.pairs
        for name in (
            "source_strict",
            "source_phrase",
            "source_overlap",
            "cue_strict",
            "cue_overlap",
            "content_exact",
            "content_raw",
            "content_tokens",
        ):
            getattr(self, name).add(getattr(other, name))
        self.errors.extend(other.errors)
        self.missed_cues.update(other.missed_cues)


# --- gold ---------------------------------------------------------------------------------------------------------

_T_LINE = re.compile(r"^(T\d+)\t(\S+) (\d+ \d+(?:;\d+ \d+)*)\t")
_E_LINE = re.compile(r"^(E\d+)\t(\S+)((?: \S+:T\d+)*)\s*$")


def read_ann(path: Path) -> list[Attribution]:
    """The attributions of one brat standoff file (annotator notes and other lines are skipped)."""
    spans: dict[str, Spans] = {}
    events: list[tuple[str, dict[str, list[str]]]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if t := _T_LINE.match(line):
            parts = tuple((int(a), int(b)) for a, b in (piece.split() for piece in t.group(3).split(";")))
            spans[t.group(1)] = parts
        elif e := _E_LINE.match(line):
            roles: dict[str, list[str]] = {}
            for arg in e.group(3).split():
                role, ref = arg.split(":")
                roles.setdefault(role.rstrip("0123456789"), []).append(ref)
            events.append((e.group(2).split(":")[0], roles))
    out = []
    for kind, roles in events:
        if kind not in ("Attribution", "Attribution-no-source"):
            continue

        def role(name: str, roles: dict[str, list[str]] = roles) -> Spans:
            return tuple(sorted(p for ref in roles.get(name, ()) for p in spans.get(ref, ())))

        out.append(Attribution(source=role("Source"), cue=role("Cue"), content=role("Content")))
    return out


def _metadata() -> dict[str, dict[str, str]]:
    path = POLNEAR / "metadata.tsv"
    rows = path.read_text(encoding="utf-8").splitlines()
    header = rows[0].split("\t")
    return {r["filename"]: r for r in (dict(zip(header, row.split("\t"), strict=False)) for row in rows[1:])}


def documents(split: str) -> list[Document]:
    """The split's texts with the first annotator's attributions, sorted by id."""
    base = POLNEAR / split
    if not (base / "text").is_dir():
        raise SystemExit(f"{base}: PolNeAR not found ({SOURCE}; set THREATGRAPH_EVAL or copy it there)")
    meta = _metadata()
    anns: dict[str, Path] = {}
    for ann in sorted((base / "attributions").glob("*.ann")):
        anns.setdefault(ann.stem.rsplit("_", 1)[0], ann)
    docs = []
    for path in sorted((base / "text").glob("*.txt")):
        if path.stem not in anns:
            raise SystemExit(f"{path}: no annotation file in {base / 'attributions'}")
        m = meta.get(path.stem, {})
        published = m.get("publication_date")
        docs.append(
            Document(
                doc_id=path.stem,
                text=path.read_text(encoding="utf-8"),
                published=date.fromisoformat(published) if published else None,
                title=m.get("title"),
                gold=read_ann(anns[path.stem]),
            )
        )
    return docs


# --- system -------------------------------------------------------------------------------------------------------


def _cache_key(docs: list[Document], nlp: Any) -> str:
    import spacy

    h = hashlib.sha256()
    h.update(spacy.__version__.encode())
    h.update(repr(nlp.meta.get("name")).encode() + repr(nlp.meta.get("version")).encode())
    h.update(repr(nlp.pipe_names).encode())
    extract = ROOT / "src" / "threatgraph" / "extract"
    for name in PARSE_CODE:
        h.update((extract / name).read_bytes())
    for d in docs:
        h.update(d.doc_id.encode() + b"\0" + d.text.encode())
    return h.hexdigest()[:16]


def parsed(docs: list[Document], use_cache: bool = True) -> tuple[Any, list[Any]]:
    """The extractor and one parsed ``Doc`` per document (from the cache when the key matches)."""
    from spacy.tokens import DocBin

    from threatgraph.extract.pipeline import get_extractor

    extractor = get_extractor()
    path = CACHE / f"polnear-{_cache_key(docs, extractor.nlp)}.spacy"
    if use_cache and path.is_file():
        return extractor, list(DocBin().from_disk(path).get_docs(extractor.nlp.vocab))
    out = list(extractor.nlp.pipe((d.text for d in docs), batch_size=16))
    if use_cache:
        CACHE.mkdir(parents=True, exist_ok=True)
        DocBin(docs=out, store_user_data=True).to_disk(path)
    return extractor, out


def system_attributions(doc: Any, document: Document) -> list[Attribution]:
    """threatgraph's quotes of one parsed text, grouped into PARC attributions."""
    from threatgraph.extract import spans as span_repair
    from threatgraph.extract.pipeline import extract_mentions
    from threatgraph.extract.quotes import extract_quotes
    from threatgraph.model import Article

    article = Article(text=document.text, id=document.doc_id, title=document.title, published=document.published)
    span_repair.mark_outlet(doc, article.outlet)
    quotes = extract_quotes(doc, extract_mentions(doc), article)
    groups: dict[tuple[Any, ...], list[Any]] = {}
    for i, q in enumerate(quotes):
        key = (q.cue_start, q.cue_end, q.source_start, q.source_end, q.speaker) if q.cue_start >= 0 else ("one", i)
        groups.setdefault(key, []).append(q)
    out = []
    for qs in groups.values():
        q = qs[0]
        out.append(
            Attribution(
                source=((q.source_start, q.source_end),) if q.source_start >= 0 else (),
                cue=((q.cue_start, q.cue_end),) if q.cue_start >= 0 else (),
                content=tuple(sorted((x.start, x.end) for x in qs)),
                speaker=q.speaker,
                phrase=((q.phrase_start, q.phrase_end),) if q.phrase_start >= 0 else (),
            )
        )
    return out


# --- scoring ------------------------------------------------------------------------------------------------------


def _trimmed(text: str, parts: Spans) -> Spans:
    out = []
    for part in parts:
        start, end = trim_span(text, *part, _TRIM)
        if start < end:
            out.append((start, end))
    return tuple(out)


_THAT = re.compile(r"that\s+", re.IGNORECASE)


def _words_said(text: str, parts: Spans, convention: bool) -> list[str]:
    """The trimmed content parts as text; with ``convention`` an opening complementiser "that" left out."""
    said = [text[a:b] for a, b in _trimmed(text, parts)]
    if convention and said and (that := _THAT.match(said[0])) and that.end() < len(said[0]):
        said[0] = said[0][that.end() :]
    return said


def _chars(parts: Spans) -> set[int]:
    return {i for s, e in parts for i in range(s, e)}


def _tokens(text: str, parts: Spans) -> set[int]:
    return {m.start() for s, e in parts for m in _WORD.finditer(text, s, e)}


def _show(text: str, parts: Spans) -> str:
    return " … ".join(text[s:e] for s, e in parts).replace("\n", " ")


def _align(text: str, system: list[Attribution], gold: list[Attribution]) -> list[tuple[int, int]]:
    """One-to-one pairs (system index, gold index), greedily by shared content characters."""
    candidates = []
    for i, s in enumerate(system):
        sc = _chars(_trimmed(text, s.content))
        for j, g in enumerate(gold):
            shared = len(sc & _chars(_trimmed(text, g.content)))
            if shared:
                candidates.append((-shared, i, j))
    pairs, used_s, used_g = [], set(), set()
    for _neg, i, j in sorted(candidates):
        if i not in used_s and j not in used_g:
            used_s.add(i)
            used_g.add(j)
            pairs.append((i, j))
    return pairs


def _one_to_one(text: str, system: list[Spans], gold: list[Spans], strict: bool) -> int:
    used: set[int] = set()
    tp = 0
    for s in system:
        ts, cs = _trimmed(text, s), _chars(s)
        for j, g in enumerate(gold):
            if j in used:
                continue
            if (ts == _trimmed(text, g)) if strict else bool(cs & _chars(g)):
                used.add(j)
                tp += 1
                break
    return tp


def score(document: Document, system: list[Attribution], errors: bool = False) -> Scores:
    text, gold = document.text, document.gold
    out = Scores(docs=1)
    pairs = _align(text, system, gold)
    out.pairs = len(pairs)
    partner = dict(pairs)
    for name, strict in (("source_strict", True), ("source_phrase", True), ("source_overlap", False)):
        prf: PRF = getattr(out, name)
        prf.sys = sum(1 for s in system if s.source)
        prf.gold = sum(1 for g in gold if g.source)
        for i, j in pairs:
            s, g = system[i].source, gold[j].source
            if name == "source_phrase":
                s = system[i].phrase or s
            if s and g and ((_trimmed(text, s) == _trimmed(text, g)) if strict else bool(_chars(s) & _chars(g))):
                prf.tp += 1
    sys_cues = sorted({s.cue for s in system if s.cue})
    gold_cues = sorted({g.cue for g in gold if g.cue})
    for prf, strict in ((out.cue_strict, True), (out.cue_overlap, False)):
        prf.sys, prf.gold = len(sys_cues), len(gold_cues)
        prf.tp = _one_to_one(text, sys_cues, gold_cues, strict)
    out.content_exact.sys, out.content_exact.gold = len(system), len(gold)
    out.content_raw.sys, out.content_raw.gold = len(system), len(gold)
    all_sys_tokens = sum(len(_tokens(text, s.content)) for s in system)
    all_gold_tokens = sum(len(_tokens(text, g.content)) for g in gold)
    out.content_tokens.sys, out.content_tokens.gold = all_sys_tokens, all_gold_tokens
    for i, j in pairs:
        s, g = system[i], gold[j]
        out.content_exact.tp += _words_said(text, s.content, True) == _words_said(text, g.content, True)
        out.content_raw.tp += _words_said(text, s.content, False) == _words_said(text, g.content, False)
        out.content_tokens.tp += len(_tokens(text, s.content) & _tokens(text, g.content))
    matched_gold = {j for _i, j in pairs}
    for j, g in enumerate(gold):
        if j not in matched_gold:
            out.missed_cues[" ".join(text[a:b] for a, b in g.cue).lower()] += 1
    if errors:
        did = document.doc_id
        for i, s in enumerate(system):
            j = partner.get(i)
            g = gold[j] if j is not None else None
            if g is None:
                said = _show(text, s.content)[:140]
                out.errors.append(f"{did} FP    src={_show(text, s.source)!r} cue={_show(text, s.cue)!r} :: {said!r}")
                continue
            if s.source and g.source and not (_chars(s.source) & _chars(g.source)):
                wrong = _show(text, s.source)
                out.errors.append(f"{did} SRC   sys={wrong!r} gold={_show(text, g.source)!r} at={_show(text, g.cue)!r}")
            elif s.source and not g.source:
                out.errors.append(f"{did} SRC   sys={_show(text, s.source)!r} gold=none cue={_show(text, g.cue)!r}")
            if _words_said(text, s.content, True) != _words_said(text, g.content, True):
                ours, theirs = _show(text, s.content)[:160], _show(text, g.content)[:160]
                out.errors.append(f"{did} CONT  sys={ours!r}\n{'':>{len(did)}}       gold={theirs!r}")
        for j, g in enumerate(gold):
            if j not in matched_gold:
                said = _show(text, g.content)[:120]
                out.errors.append(f"{did} MISS  src={_show(text, g.source)!r} cue={_show(text, g.cue)!r} :: {said!r}")
    return out


# --- the PARC-sense subset -----------------------------------------------------------------------------------------

#: marks that open or close a quotation (a content that starts or ends with one is quoted words)
_MARKS = "\"“”‘’'«»"
#: finite verb tags: a verb so tagged heads a clause of its own
_FINITE = frozenset(("VBD", "VBZ", "VBP", "MD"))
#: PARC-sense content shapes (the rest, "np" and "none", are not attributions in PARC's sense)
PARC_SHAPES = frozenset(("quotation", "clause", "infinitive"))


def content_shape(doc: Any, gold: Attribution) -> str:
    """The shape of a gold attribution's content, read from the gold span and the parse only: ``quotation``
    (the span opens or closes with a quotation mark), ``clause`` (a token at the root of the span, one whose head
    lies outside it, is a verb that is finite or has its subject inside the span), ``infinitive`` (such a verb
    with its "to" inside the span), ``np`` (anything else: a noun phrase, an adjective, a verbless small clause)
    or ``none`` (no content). No cue word is looked at: the subset must not depend on what threatgraph knows."""
    if not gold.content:
        return "none"
    text = doc.text
    first, last = gold.content[0], gold.content[-1]
    said_open = text[first[0] : first[1]].lstrip()
    said_close = text[last[0] : last[1]].rstrip().rstrip(".,;:!?—–- ")
    if said_open[:1] in _MARKS or said_close[-1:] in _MARKS:
        return "quotation"
    tokens = []
    for a, b in gold.content:
        span = doc.char_span(a, b, alignment_mode="expand")
        if span is not None:
            tokens.extend(t for t in span if not (t.is_space or t.is_punct))
    ids = {t.i for t in tokens}
    roots = [t for t in tokens if t.head.i == t.i or t.head.i not in ids]
    verbs = [t for t in roots if t.pos_ in ("VERB", "AUX")]
    for verb in verbs:
        inside = [c for c in verb.children if c.i in ids]
        if (
            verb.tag_ in _FINITE
            or any(c.dep_ in ("aux", "auxpass") and c.tag_ in _FINITE for c in inside)
            or any(c.dep_ in ("nsubj", "nsubjpass", "csubj", "expl") for c in inside)
        ):
            return "clause"
    for verb in verbs:
        if any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children if c.i in ids):
            return "infinitive"
    return "np"


def parc_sense(
    system: list[Attribution], gold: list[Attribution], keep: list[bool], text: str
) -> tuple[list[Attribution], list[Attribution]]:
    """The system and gold attributions of the PARC-sense reading: gold whose ``keep`` is set, and every system
    attribution except those the full alignment paired with a gold attribution left out."""
    dropped = {i for i, j in _align(text, system, gold) if not keep[j]}
    return [s for i, s in enumerate(system) if i not in dropped], [g for j, g in enumerate(gold) if keep[j]]


# --- driver -------------------------------------------------------------------------------------------------------


def evaluate(
    split: str, halves: bool, salt: str, errors: bool, use_cache: bool = True, limit: int = 0, only: str = ""
) -> dict[str, Scores]:
    docs = documents(split)
    if limit:
        docs = docs[:limit]
    if only:  # one half, parsed with the whole split so the cache serves both
        keep = {d.doc_id for d in docs if half_of(d.doc_id, salt) == only}
    extractor, parses = parsed(docs, use_cache)
    del extractor
    totals: dict[str, Scores] = {}
    for document, doc in zip(docs, parses, strict=True):
        if only and document.doc_id not in keep:
            continue
        name = f"{split}/{half_of(document.doc_id, salt)}" if halves else split
        listed = errors and split == "train" and (not halves or name.endswith("/A"))
        system = system_attributions(doc, document)
        totals.setdefault(name, Scores()).add(score(document, system, listed))
        sensed = [content_shape(doc, g) in PARC_SHAPES for g in document.gold]
        sense_system, sense_gold = parc_sense(system, document.gold, sensed, document.text)
        sense = Document(document.doc_id, document.text, document.published, document.title, sense_gold)
        totals.setdefault(f"{name} parc-sense", Scores()).add(score(sense, sense_system))
    return totals


def print_scores(totals: dict[str, Scores], errors: bool) -> None:
    for name in sorted(totals):
        s = totals[name]
        print(f"[{name}] documents {s.docs}, aligned pairs {s.pairs}")
        print(f"[{name}] source overlap        {s.source_overlap.line()}   anchor {ANCHORS['source']}")
        print(f"[{name}] source strict         {s.source_strict.line()}")
        print(f"[{name}] source phrase strict  {s.source_phrase.line()}")
        print(f"[{name}] cue overlap           {s.cue_overlap.line()}")
        print(f"[{name}] cue strict            {s.cue_strict.line()}")
        print(f"[{name}] content exact         {s.content_exact.line()}   anchor {ANCHORS['content_exact']}")
        print(f"[{name}] content exact (raw)   {s.content_raw.line()}")
        print(f"[{name}] content token overlap {s.content_tokens.line()}")
        if errors and s.errors:
            print(f"[{name}] most missed gold cues: {s.missed_cues.most_common(60)}")
            for e in s.errors:
                print("   ", e)


def main(argv: Iterable[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("train", "dev", "test"), default="train")
    parser.add_argument("--halves", action="store_true", help="score train as halves A/B (a hash of id and salt)")
    parser.add_argument("--salt", default="s17", help="salt of the A/B cut (the session's: s17)")
    parser.add_argument("--errors", action="store_true", help="list misses and false positives (train, half A only)")
    parser.add_argument("--no-cache", action="store_true", help="parse again instead of reading the DocBin cache")
    parser.add_argument("--only", choices=("A", "B"), default="", help="with --halves: score one half only")
    parser.add_argument("--limit", type=int, default=0, help="score only the first N documents (a quick look)")
    args = parser.parse_args(list(argv) if argv is not None else None)
    if args.only and not args.halves:
        raise SystemExit("--only needs --halves")
    if args.errors and args.split != "train":
        raise SystemExit("--errors lists items of train only: dev and test are held out (summary lines only)")
    print(f"# {SOURCE}; split {args.split}" + (f", halves by salt {args.salt!r}" if args.halves else ""))
    print_scores(
        evaluate(args.split, args.halves, args.salt, args.errors, not args.no_cache, args.limit, args.only), args.errors
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
