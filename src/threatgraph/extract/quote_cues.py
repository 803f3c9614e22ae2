"""The quotation cue lexicon (``cues.yaml``), loaded once and shared by quotation detection
(``extract/quotes.py`` and the ``quote_*`` modules it is assembled from) and speaker resolution."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from threatgraph.datafiles import load_yaml
from threatgraph.extract.events_lemmas import lemma
from threatgraph.extract.schemas import CuesFile

if TYPE_CHECKING:
    from spacy.tokens import Token

CUES_FILE = Path(__file__).with_name("cues.yaml")


@cache
def cues() -> dict[str, Any]:
    data = load_yaml(CUES_FILE, CuesFile)
    for key, value in list(data.items()):
        if isinstance(value, list):
            data[key] = frozenset(str(v) for v in value)
    data["quote_marks"] = {str(k): frozenset(str(c) for c in v) for k, v in data["quote_marks"].items()}
    data["phrasal_cues"] = {str(k): str(v) for k, v in data["phrasal_cues"].items()}
    data["stance_phrasal"] = {str(k): frozenset(str(w) for w in v) for k, v in data["stance_phrasal"].items()}
    data["title_abbreviations"] = {str(k): str(v) for k, v in data["title_abbreviations"].items()}
    data["finding_preps"] = {str(k): frozenset(str(w) for w in v) for k, v in data["finding_preps"].items()}
    return data


def prepositional_source(tok: Token) -> bool:
    """Whether ``tok`` attributes the clause it hangs from to its object as "according to X" does: "according to"
    itself, or a preposition of ``finding_preps`` whose object is a poll or survey ("In the latest poll, the
    mayor leads by ten points", "X trails in the polls"). The clause must not have a saying verb of its own ("in a
    survey released Monday, the ministry said …": the verb is the cue there, the survey its medium)."""
    data = cues()
    if tok.lower_ in data["according"]:
        return any(c.lower_ == "to" for c in tok.children)
    nouns = data["finding_preps"].get(tok.lower_)
    if nouns is None or tok.dep_ != "prep" or tok.head.pos_ not in ("VERB", "AUX"):
        return False
    if not any(g.dep_ == "pobj" and lemma(g).lower() in nouns for g in tok.children):
        return False
    head = tok.head
    sayings = data["cue_verbs"] | data["stance_verbs"] | data["question_verbs"]
    return lemma(head) not in sayings
