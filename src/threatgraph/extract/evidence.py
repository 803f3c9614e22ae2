"""An entity's type decided from how the whole document writes about it, not from one guess.

The small statistical model types each mention on its own, so one article calls a militia a person
twice and an organisation once, or a Somali town a person. The text itself usually says what a name
is: "Jabhat Nur fighters", "a Jabhat Nur spokesman" (a group's members and officers), "Qoryoley, a
town", "her village, Dhanaan" (a place noun in apposition), "Kurtunwarey, Somalia" (a place followed by
its country), "in al-Rawda" (a name the model took for a person after "in"). Each such cue is evidence
for one mention; the type of a name is then voted across all its mentions in the document, with
list-typed (gazetteer) mentions and cued mentions outweighing bare model guesses.

The cue words are data in ``labels.yaml`` (``member_nouns``, ``place_nouns``, ``locative_prepositions``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from threatgraph.model import Mention

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

#: weights of a mention's vote: typed by a list, typed by a cue in the text, guessed by the model
GAZETTEER, CUE, GUESS = 6, 3, 1
_GUESSES = frozenset({"Person", "Organization", "Location"})


def context_label(span: Span, label: str, config: dict[str, Any], is_country: Callable[[str], bool]) -> str | None:
    """The type the words around ``span`` give it, or None when they say nothing.

    ``config`` is labels.yaml and ``is_country`` the country test, both handed in by mentions.py,
    which this module sits below.
    """
    if label not in _GUESSES:
        return None
    doc = span.doc
    after = doc[span.end] if span.end < len(doc) else None
    before = doc[span.start - 1] if span.start > 0 else None
    members = config["member_nouns"]
    if after is not None and after.is_lower and after.lower_ in members and span.root.head.i == after.i:
        return members[after.lower_]  # "Jabhat Nur fighters", "a Jabhat Nur spokesman"
    if before is not None and before.is_lower and before.lower_ in config["naming_nouns"]:
        return config["naming_nouns"][before.lower_]  # "the armed group Jabhat Nur"
    places = set(config["place_nouns"])
    root = span.root
    if (
        before is not None
        and before.lower_ == "of"
        and span.start > 1
        and doc[span.start - 2].lower_ in places
        and doc[span.start - 2].tag_ == "NN"
    ):
        return "Location"  # "the village of X", "the town of X" (a plural, "the towns of X and Y", is a list's)
    titles = set(config["person_titles"])
    if label != "Person" and len(span) <= 4 and any(_title_noun(c, titles) for c in root.children if c.dep_ == "appos"):
        return "Person"  # "X, co-founder of Y", "X, a spokesman for the group": a title apposed to the name
    one_name = not (label == "Person" and len(span) > 1)  # "Omar Dalle" is a person even when hung off a county
    if one_name and any(c.dep_ == "appos" and c.lower_ in places for c in root.children):
        return "Location"  # "Qoryoley, a town south of the capital"
    if one_name and root.dep_ == "appos" and root.head.lower_ in places:
        return "Location"  # "her village, Dhanaan"
    if (
        label != "Location"
        and after is not None
        and after.text == ","
        and span.end + 1 < len(doc)
        and is_country(doc[span.end + 1].text)
        and (span.end + 2 >= len(doc) or not doc[span.end + 2].is_alpha)
    ):
        return "Location"  # "Kurtunwarey, Somalia"
    if (
        label == "Person"
        and after is not None
        and after.text not in ("'s", "’s")
        and after.lower_ not in members
        and _governing_preposition(span) in ("in", "near")
    ):
        return "Location"  # "posts in al-Rawda", "in X, Y and Z": people are rarely "in" anything
    return None


def _title_noun(tok: Token, titles: set[str]) -> bool:
    """A person title heading an apposition: "spokesman", "co-founder" (the last part of a hyphenated title)."""
    return tok.pos_ == "NOUN" and tok.lower_.rsplit("-", 1)[-1] in titles


def _governing_preposition(span: Span) -> str | None:
    """The preposition a name is the object of: right before it ("in X", a dateline's "Near X"), or before
    the list of names it belongs to ("in X, Y and Z"), read from the surface because parsers often break such
    lists apart. A list is of bare names (no article, at most three words each, at most three before this
    one) joined by commas and "and"/"or": a date, a title or "the Embassy" between them ends it."""
    doc = span.doc
    names = {e.end: e for e in doc.ents if e.label_ in _NAME_LABELS}  # token after a name -> the name
    i = span.start - 1
    for _ in range(4):
        if i < 0:
            return None
        if doc[i].pos_ == "ADP" or doc[i].lower_ in ("in", "near"):
            return doc[i].lower_
        separated = False
        while i >= 0 and (doc[i].text == "," or doc[i].lower_ in ("and", "or")):
            i, separated = i - 1, True
        member = names.get(i + 1)
        if not separated or member is None or len(member) > 3 or member[0].pos_ == "DET":
            return None
        i = member.start - 1
    return None


#: labels of names that can stand in one list with a place (spaCy's and the gazetteer's)
_NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "Person", "Organization", "Location"})


def vote(mentions: list[Mention], cues: list[str | None], gazetteer: list[bool]) -> None:
    """Give every mention of one name the type its mentions vote for, in place.

    Mentions are one name when their normalised names are equal; a cue in a coordination also
    speaks for the other members ("in al-Rawda, al-Sur and Tell Hamra") through each one's own cue.
    """
    tally: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for m, cue, listed in zip(mentions, cues, gazetteer, strict=True):
        if m.label in ("Date", "Nationality", "Country"):
            continue
        if listed:
            tally[m.norm][m.label] += GAZETTEER
        elif cue is not None:  # the text's cue replaces the model's guess for this mention
            tally[m.norm][cue] += CUE
        else:
            tally[m.norm][m.label] += GUESS
    for m, listed in zip(mentions, gazetteer, strict=True):
        votes = tally.get(m.norm)
        if not votes or listed or m.label in ("Date", "Nationality", "Country"):
            continue
        best = max(votes.items(), key=lambda kv: (kv[1], kv[0] == m.label))[0]
        if best != m.label:
            m.label = best
