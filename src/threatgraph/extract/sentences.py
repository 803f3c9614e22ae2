"""Sentence starts the parser misses: a full stop, then two spaces, then a capital; and a paragraph.

Why: releases typed with two spaces after a full stop ("… moved money for the Front.  The ministry
then listed …") leave the extra space as a token of its own, and the small English model's parser
then often runs the two sentences together, so a trigger takes the first sentence's arguments and
dates. Only this typographic convention is read: an abbreviation inside a sentence is followed by
one space, and a capital after a single space decides nothing here.

A blank line ends a paragraph, and no sentence runs on into the next paragraph; yet the parser joins a
heading, a byline or a dateline line without a full stop ("Talks Resume in Geneva", "Ada Roe, Department
Spokesperson") to the first sentence under it (about one sentence in twelve of the dev articles), so the
heading became a speaker's title or a subject's words. A blank line followed by a capital, a digit or an
opening mark therefore opens a sentence; one followed by a lower-case word is a page break inside a
sentence and decides nothing.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

FACTORY = "threatgraph_sentence_gaps"
_ENDS = frozenset({".", "!", "?", ".”", '."', "?”", "!”"})
_CLOSERS = frozenset({"”", '"', "’", "'", ")"})
_BLANK_LINE = re.compile(r"\n[^\S\n]*\n")
_OPENERS = frozenset({"“", '"', "‘", "'", "(", "«", "["})


def _ends_sentence(doc: Doc, i: int) -> bool:
    """Whether the tokens before index ``i`` (a whitespace token) close a sentence."""
    j = i - 1
    while j >= 0 and doc[j].text in _CLOSERS:
        j -= 1
    if j < 0:
        return False
    word = doc[j].text
    # "LeT." kept as one token ends the sentence; an initialism ("U.S.") has stops inside and may not
    return word in _ENDS or (len(word) > 1 and word.endswith(".") and "." not in word[:-1])


@Language.component(FACTORY)
def sentence_gaps(doc: Doc) -> Doc:
    """Mark a sentence start after a full stop and an extra space, or after a blank line (set before the
    parser, which keeps it)."""
    for tok in doc[1:-1]:
        if tok.is_space and _BLANK_LINE.search(tok.text):
            _open_paragraph(doc, tok.i + 1)
            continue
        if not tok.is_space or "\n" in tok.text:
            continue
        nxt = doc[tok.i + 1]
        if nxt.text[:1].isupper() and _ends_sentence(doc, tok.i):
            nxt.is_sent_start = True
            if nxt.i + 1 < len(doc):
                doc[nxt.i + 1].is_sent_start = False  # the sentence opened here goes on past its first word
    return doc


def _open_paragraph(doc: Doc, i: int) -> None:
    """A sentence starts at token ``i``, the first after a blank line, when it opens as a sentence does."""
    first = doc[i]
    if not (first.text[:1].isupper() or first.text[:1].isdigit() or first.text[:1] in _OPENERS):
        return
    first.is_sent_start = True
    if i + 1 < len(doc) and not doc[i + 1].is_space:
        doc[i + 1].is_sent_start = False
