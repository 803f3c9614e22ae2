"""Who a speaker is, in the article's own words: a title and an affiliation per person, and the outlet spoken to.

Both come from anywhere in the article, not only the quote's sentence: an apposition ("Ada Roe, a lecturer
at the University of Eastfield"), a pre-name title ("Interior Minister Jon Vale", "UN aid coordinator Maria
Lindqvist"), the object of "told" when it is a news outlet or the article's own outlet.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from threatgraph.extract.events_actors import MentionIndex
from threatgraph.extract.quote_cues import cues
from threatgraph.extract.quote_people import person_spans
from threatgraph.model import Article

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


@dataclass(slots=True)
class _Profile:
    title: str | None = None
    affiliation: str | None = None


def person_profiles(doc: Doc, index: MentionIndex) -> dict[int, _Profile]:
    """Title and affiliation of each person group, from the first apposition or pre-name title."""
    labels = cues()["affiliation_labels"]
    profiles: dict[int, _Profile] = {}
    for m, span in person_spans(doc, index):
        root = span.root
        prof = profiles.setdefault(m.group, _Profile())
        appos = [c for c in root.children if c.dep_ == "appos"]
        if root.dep_ == "appos" and index.at(root.head) is None:
            appos.append(root.head)  # "Their lawyer, Faisal Abbasi" -> lawyer
        for ap in appos:
            if prof.title is None and index.at(ap) is None:
                prof.title = _title_phrase(ap, index)
            if prof.affiliation is None:
                prof.affiliation = affiliation_of(ap, index, labels)
        if prof.title is None and root.dep_ == "pobj" and root.head.lower_ == "of":
            title_head = root.head.head  # "Senior Superintendent of Police Naveed Chandio"
            if title_head.pos_ in ("NOUN", "PROPN") and index.at(title_head) is None:
                prof.title = doc[title_head.left_edge.i : span.start].text.strip()
        if prof.title is None:
            first = root.left_edge.i
            for t in doc[first : span.start]:
                if "\n" in t.text_with_ws:  # a heading line above the name ("Details") is no title of it
                    first = t.i + 1
            left = [t for t in doc[first : span.start] if t.pos_ not in ("DET", "PUNCT", "SPACE") and t.dep_ != "poss"]
            if left and all(index.at(t) is None or index.at(t).label in labels for t in left):
                prof.title = " ".join(t.text for t in left)
                if prof.affiliation is None:  # "UN aid coordinator Maria Lindqvist": the UN
                    orgs = [m for t in left if (m := index.at(t)) is not None]
                    prof.affiliation = (orgs[0].canonical or orgs[0].text) if orgs else None
    return profiles


def _title_phrase(head: Token, index: MentionIndex) -> str:
    words = [
        t
        for t in head.lefts
        if t.dep_ in ("compound", "amod") and index.at(t) is None and not any(index.at(x) for x in t.subtree)
    ]
    return " ".join(t.text for t in [*words, head])


def affiliation_of(head: Token, index: MentionIndex, labels: frozenset[str]) -> str | None:
    stack = [head]
    while stack:
        tok = stack.pop(0)
        m = index.at(tok)
        if m is not None and m.label in labels:
            return m.canonical or m.text
        stack.extend(c for c in tok.children if c.dep_ not in ("relcl", "acl", "appos", "punct"))
    return None


def outlet_of(cue: Token, index: MentionIndex, article: Article) -> str | None:
    data = cues()
    heads = [c for c in cue.children if c.dep_ in ("dobj", "dative", "iobj")]
    heads += [g for c in cue.children if c.dep_ == "prep" and c.lower_ in data["outlet_preps"] for g in c.subtree]
    for tok in heads:
        m = index.at(tok)
        if m is None:
            continue
        name = m.canonical or m.text
        words = {w.lower() for w in re.findall(r"\w+", name)}
        if words & data["outlet_words"] or (article.outlet and name.lower() == article.outlet.lower()):
            return name
    return None


def prep_phrase(tok: Token) -> str | None:
    """ "sources at Pakistani intelligence agencies" -> "Pakistani intelligence agencies"."""
    for child in tok.children:
        if child.dep_ == "prep" and child.lower_ in ("at", "in", "with", "from", "within", "for"):
            pobj = [g for g in child.children if g.dep_ == "pobj"]
            if pobj:
                sub = list(pobj[0].subtree)
                return tok.doc[sub[0].i : sub[-1].i + 1].text
    return None
