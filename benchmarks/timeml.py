"""TempEval-3's training documents (TBAQ-cleaned: TimeBank + AQUAINT), read from TimeML into plain text.

The corpus is not ours and is not shipped: it is TempEval-3's training release, copied as data only from the public
GitHub repository jspotter/TempEval-3 (commit as fetched in session 17) to ``../shared/data/eval/tempeval3`` beside
this repository. Its texts are news-wire copy under copyright, so nothing of them is committed here; benchmarks
read them at run time and say so when they are missing.

Each ``.tml`` file holds a document creation time (``<DCT>``), a title, and a ``<TEXT>`` part whose TIMEX3,
EVENT and SIGNAL tags are inline. TempEval scores only ``<TEXT>``, so :func:`read_timeml` returns that part as
plain text (tags removed, XML entities decoded) with the gold TIMEX3 annotations as character offsets into it.
Several benchmarks (dates, events, links) feed the same text, so they all read it here.
"""

from __future__ import annotations

import hashlib
import os
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

#: Public evaluation data copied beside the repository (never committed). ``THREATGRAPH_EVAL`` names another place,
#: for a machine whose ``../shared`` is read-only or lacks it.
PUBLIC_EVAL = Path(os.environ.get("THREATGRAPH_EVAL", Path(__file__).resolve().parents[2] / "shared" / "data" / "eval"))
TBAQ = PUBLIC_EVAL / "tempeval3" / "data" / "TBAQ-cleaned"
SOURCE = "TempEval-3 training data (TBAQ-cleaned), github.com/jspotter/TempEval-3, data only"


@dataclass(frozen=True)
class Timex:
    """One gold TIMEX3: its span in the plain text and its TimeML attributes."""

    start: int
    end: int
    text: str
    type: str
    value: str
    tid: str


@dataclass
class TimeMLDocument:
    """A TimeML document as plain text with its creation time and gold TIMEX3 spans."""

    doc_id: str
    corpus: str  # "TimeBank" or "AQUAINT"
    dct: date
    title: str
    text: str
    timexes: list[Timex] = field(default_factory=list)


class MissingCorpus(RuntimeError):
    """The corpus is not beside the repository (it is never shipped: CI machines do not have it)."""


def _flatten(element: ET.Element, parts: list[str], timexes: list[Timex], offset: list[int]) -> None:
    """Append the element's text to ``parts``, recording each TIMEX3's span as it passes."""
    start = offset[0]
    if element.text:
        parts.append(element.text)
        offset[0] += len(element.text)
    for child in element:
        _flatten(child, parts, timexes, offset)
        if child.tail:
            parts.append(child.tail)
            offset[0] += len(child.tail)
    if element.tag == "TIMEX3":
        span = "".join(parts)[start : offset[0]]
        timexes.append(
            Timex(
                start=start,
                end=offset[0],
                text=span,
                type=element.get("type", ""),
                value=element.get("value", ""),
                tid=element.get("tid", ""),
            )
        )


def read_timeml(path: Path) -> TimeMLDocument:
    """Read one ``.tml`` file: DCT, title and the ``<TEXT>`` part as plain text with gold TIMEX3 offsets."""
    root = ET.parse(path).getroot()
    dct_timex = root.find("DCT/TIMEX3")
    if dct_timex is None or not dct_timex.get("value"):
        raise ValueError(f"{path}: no <DCT> TIMEX3 value")
    text_element = root.find("TEXT")
    if text_element is None:
        raise ValueError(f"{path}: no <TEXT> part")
    parts: list[str] = []
    timexes: list[Timex] = []
    # The TEXT element's own tag is not a TIMEX3, so flattening it records only the inline ones.
    _flatten(text_element, parts, timexes, [0])
    timexes.sort(key=lambda t: t.start)
    title = root.findtext("TITLE") or ""
    return TimeMLDocument(
        doc_id=root.findtext("DOCID", default=path.stem.removesuffix(".tml")).strip() or path.stem,
        corpus=path.parent.name,
        dct=date.fromisoformat(dct_timex.get("value", "")[:10]),
        title=" ".join(title.split()),
        text="".join(parts),
        timexes=timexes,
    )


def tbaq_documents(root: Path = TBAQ, corpora: tuple[str, ...] = ("TimeBank", "AQUAINT")) -> list[TimeMLDocument]:
    """Every TBAQ-cleaned document, in a fixed order (corpus, file name)."""
    if not root.is_dir():
        raise MissingCorpus(
            f"{root} is missing: {SOURCE}. Copy its data/TBAQ-cleaned directory there to run this benchmark."
        )
    return [read_timeml(path) for corpus in corpora for path in sorted((root / corpus).glob("*.tml"))]


def half_of(doc_id: str, salt: str) -> str:
    """Half "A" or "B": a stable half of the documents, cut by a hash of the id and a salt (one cut per session)."""
    return "A" if hashlib.sha256(f"{salt}:{doc_id}".encode()).digest()[0] % 2 == 0 else "B"
