"""Quotation marks and paragraphs: where quoted words start and end in the raw text.

Every quotation is bounded by a paragraph (a blank line, or a line break after a sentence end on pages that
put one paragraph per line), except the multi-paragraph quotation that reopens each paragraph with a mark. A
short quotation counts as speech only when it opens a sentence and closes as speech, so scare quotes and
titles of works stay out. The other text-level facts both the speaker choice and the content trimming read
(a dateline, a sub-heading run into a sentence, a quotation run on to the words before it) live here too.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from threatgraph.extract.quote_cues import cues

# A paragraph ends at a blank line, or at a line break right after a sentence end (many pages put one
# paragraph per line); a line break inside a sentence is hard wrapping.
#: Marks that close a quotation as the tokeniser splits them off: a token the content runs up to or past.
CLOSING_MARKS = frozenset({"”", '"', "’", "»", "''"})
#: Marks of two characters (typewriter quotes: two apostrophes), which the tokeniser keeps as one token.
DOUBLE_APOSTROPHE = "''"


def mark_at(text: str, pos: int, marks: frozenset[str] | dict[str, frozenset[str]] | tuple[str, ...]) -> str:
    """The quotation mark of ``marks`` that starts at ``pos`` (the longest: two apostrophes before none), or ""."""
    return max((m for m in marks if text.startswith(m, pos)), key=len, default="")


_PARAGRAPH = re.compile(r"\n\s*\n|(?<=[.!?:\"”’)])[ \t]*\n\s*")


@dataclass(slots=True)
class Marked:
    """A stretch of text between quotation marks (possibly several paragraphs long)."""

    start: int  # first character inside the marks
    end: int  # last character inside + 1
    text: str
    words: int


def paragraph_bounds(text: str) -> list[tuple[int, int]]:
    bounds, pos = [], 0
    for m in _PARAGRAPH.finditer(text):
        bounds.append((pos, m.start()))
        pos = m.end()
    bounds.append((pos, len(text)))
    return [(s, e) for s, e in bounds if text[s:e].strip()]


def marked_spans(text: str) -> list[Marked]:
    """Quotation-mark spans; a paragraph that opens a quote without closing it continues into the
    next paragraph when that one reopens with a mark (the multi-paragraph convention)."""
    marks: dict[str, frozenset[str]] = cues()["quote_marks"]
    out: list[Marked] = []
    pending: list[tuple[int, int]] = []  # unclosed segments of a running multi-paragraph quote
    for p_start, p_end in paragraph_bounds(text):
        i = p_start
        para_open = False
        while i < p_end:
            opener = mark_at(text, i, marks)
            if not opener:
                i += 1
                continue
            inside = i + len(opener)
            close = _closing(text, marks[opener], inside, p_end)
            if close == -1:  # runs to the paragraph end: continues in the next one if reopened
                pending.append((inside, p_end))
                para_open = True
                break
            if pending and i == _first_char(text, p_start):
                pending.append((inside, close))
                out.append(_join(text, pending))
                pending = []
            else:
                out.append(_join(text, [(inside, close)]))
            i = close + len(mark_at(text, close, marks[opener]))
        if not para_open and pending and not _starts_with_mark(text, p_start, marks):
            out.append(_join(text, pending))
            pending = []
    if pending:
        out.append(_join(text, pending))
    return out


def is_utterance(text: str, marked: Marked) -> bool:
    """Whether a short quotation is a whole utterance rather than scare quotes ("cannon fodder"): it opens a
    sentence (at a paragraph or sentence start, or after a colon) with a capital and is closed as speech, by
    its own stop ('“We'll see.”') or by the comma of a frame that follows ('“Meh,” wrote …'). A name or title
    in quotation marks opens after words of its sentence, so it never qualifies."""
    if not marked.text[:1].isupper() or marked.start < 1:
        return False
    before = text[: marked.start - 1].rstrip(" \t")
    opens = not before or before[-1] in ".!?:\n"
    closed = text[marked.end - 1] in ".!?" or text[marked.end : marked.end + 1] == ","
    return opens and closed and "\n" not in marked.text


def is_name(marked: Marked) -> bool:
    """Whether a quotation is a name in quotation marks rather than speech: the title of a work, an
    operation, a slogan or a group's chosen name ("Winds Over the Eastern Plains", "The Army of the
    Righteous Path") capitalises every word but its joining words, which a sentence of speech never does;
    it names something and attributes nothing to anyone."""
    words = re.findall(r"[^\W\d_][\w'’.-]*", marked.text)
    content = [w for w in words if w.lower() not in _HEADING_JOINERS]
    return len(words) >= 2 and bool(content) and all(w[0].isupper() for w in content) and "\n" not in marked.text


def _closing(text: str, closers: frozenset[str] | str, start: int, end: int) -> int:
    """The first closing mark of a quotation opened before ``start``; pages mix curly and straight
    marks (“…," he said), so an opening mark accepts every closer listed for it."""
    found = [i for c in closers if (i := text.find(c, start, end)) >= 0]
    return min(found) if found else -1


def blank(ch: str) -> bool:
    """A space or an invisible format character (a left-to-right mark, a zero-width space pasted from a
    page): never the first or last character of what someone said."""
    return ch.isspace() or unicodedata.category(ch) == "Cf"


def past_heading(text: str, start: int, end: int) -> int:
    """Where reported content starts when a heading line runs into it: a parser reads a sub-heading
    ("Relief Efforts Along the Border") and the sentence under it as one sentence, but a line without
    end punctuation whose words are all capitalised, followed by a line opening with a capital, is a
    heading, not part of the claim. Hard-wrapped lines (the next line opens lower-case) stay joined."""
    pos = start
    while (nl := text.find("\n", pos, end)) >= 0:
        line = text[pos:nl].strip()
        rest = _first_char(text, nl)
        words = re.findall(r"[^\W\d_][\w'’.-]*", line)
        content = [w for w in words if w.lower() not in _HEADING_JOINERS]
        if (
            not line
            or line[-1] in '.!?:;,"”’'
            or not content
            or not all(w[0].isupper() for w in content)
            or rest >= end
            or not text[rest].isupper()
        ):
            return pos
        pos = rest
    return pos


#: Short words a title-case heading leaves lower-case ("Talks in Geneva", "Strikes Against the Depots").
_HEADING_JOINERS = frozenset(
    ("a", "an", "and", "as", "at", "but", "by", "for", "from", "in", "into", "of", "on", "or", "over", "the", "to")
    + ("under", "with", "against", "after", "before")
)


def _first_char(text: str, pos: int) -> int:
    while pos < len(text) and text[pos].isspace():
        pos += 1
    return pos


def _starts_with_mark(text: str, pos: int, marks: dict[str, frozenset[str]]) -> bool:
    first = _first_char(text, pos)
    return first < len(text) and bool(mark_at(text, first, marks))


def _join(text: str, segments: list[tuple[int, int]]) -> Marked:
    """One quotation from its segments, trimmed of spaces and the comma before "…, he said"."""
    trimmed = []
    for s, e in segments:
        while s < e and blank(text[s]):
            s += 1
        while e > s and (blank(text[e - 1]) or text[e - 1] == ","):
            e -= 1
        trimmed.append((s, e))
    body = "\n\n".join(text[s:e] for s, e in trimmed if e > s)
    return Marked(trimmed[0][0], trimmed[-1][1], body, len(body.split()))


def is_heading(text: str, bounds: tuple[int, int]) -> bool:
    """Whether a paragraph is a heading rather than running text: one short line that ends in a word, not in
    a sentence's stop ("Mayor Says Port Deal Is Dead", "Relief efforts along the border", "Ada Roe, Department
    Spokesperson"). A headline's "says" restates the story's claim in the writer's words; the attribution is
    the sentence under it, so a cue in a heading attributes nothing."""
    body = text[bounds[0] : bounds[1]].strip()
    return bool(body) and "\n" not in body and body[-1].isalnum() and len(body.split()) <= _HEADING_WORDS


#: Most words a heading line has; a longer line without a stop is running text cut off.
_HEADING_WORDS = 20


def inside_marked(pos: int, spans: list[Marked]) -> bool:
    return any(s.start <= pos < s.end for s in spans)


def run_on_quotation(text: str, lo: int, hi: int) -> bool:
    """Whether the last quotation opened in ``text[lo:hi]`` is a sentence of its own run on to the words
    before it: it opens with a capital after a word that neither introduces speech ("that", a colon) nor
    weaves it into the sentence (a quotation woven in opens lower-case: 'called it “a betrayal,”')."""
    opening, mark = max((text.rfind(mark, lo, hi), mark) for mark in ("“", '"', "«", DOUBLE_APOSTROPHE))
    if opening <= lo:
        return False
    first = _first_char(text, opening + len(mark))
    before = text[lo:opening].rstrip()
    last_word = before.rsplit(None, 1)[-1].lower() if before else ""
    return (
        first < hi
        and text[first].isupper()
        and bool(before)
        and before[-1] not in ":,;"
        and last_word.strip("'’") not in ("that", "as", "said", "says", "saying", "told", "added")
    )


# A dateline: an upper-case place, optionally ", Country" and "(Agency)", then a dash or a colon; or a place in
# title case ("New Harbor (AFP) – …", as wire copy is often re-cased) with its agency credit in parentheses and a
# dash: the credit is what makes title-case words a dateline, so it is required there. A party and state after a
# name ("Ada Vale (D-Ohio) – …") is no credit.
DATELINE = re.compile(
    r"(?:[A-Z][A-Z'’.-]+(?: [A-Z][A-Z'’.-]+)*(?:,(?: [A-Z][\w'’.-]*)+)?(?: \([^)\n]{1,40}\))?(?:\s[-–—]+\s*|:\s)"
    r"|[A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*){0,3}(?:,(?: [A-Z][\w'’.-]*)+)? \((?![A-Z]-|[A-Z]\))[A-Z][\w.& ]{0,30}\)"
    r"\s*[-–—]+\s*)"
)
