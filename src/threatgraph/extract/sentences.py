"""Sentence starts the parser misses: a full stop, then two spaces, then a capital.

Why: releases typed with two spaces after a full stop ("… moved money for the Front.  The ministry
then listed …") leave the extra space as a token of its own, and the small English model's parser
then often runs the two sentences together, so a trigger takes the first sentence's arguments and
dates. Only this typographic convention is read: an abbreviation inside a sentence is followed by
one space, and a capital after a single space decides nothing here.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

FACTORY = "threatgraph_sentence_gaps"
_ENDS = frozenset({".", "!", "?", ".”", '."', "?”", "!”"})
_CLOSERS = frozenset({"”", '"', "’", "'", ")"})


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
    """Mark a sentence start after a full stop and an extra space (set before the parser, which keeps it)."""
    for tok in doc[1:-1]:
        if not tok.is_space or "\n" in tok.text:
            continue
        nxt = doc[tok.i + 1]
        if nxt.text[:1].isupper() and _ends_sentence(doc, tok.i):
            nxt.is_sent_start = True
            if nxt.i + 1 < len(doc):
                doc[nxt.i + 1].is_sent_start = False  # the sentence opened here goes on past its first word
    return doc
