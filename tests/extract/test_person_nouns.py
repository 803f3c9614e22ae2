"""One list of nouns for people (``person_nouns`` in ``labels.yaml``) read by both rules that need it.

Entity typing reads "X is a <noun>" as a person; the events extractor never takes "which" after such a noun
as a doer. Each test uses a noun that only the *other* rule's list held before the two became one, so a
second list growing apart again fails here (invented sentences).
"""

from __future__ import annotations

from datetime import date

import pytest
from spacy.language import Language

from threatgraph.extract.events_lexicon import lexicon
from threatgraph.extract.labels import label_config
from threatgraph.extract.pipeline import Extractor, extract_mentions
from threatgraph.model import Article


def test_both_rules_read_the_one_list() -> None:
    assert lexicon().words["person_nouns"] == frozenset(label_config()["person_nouns"])


@pytest.mark.parametrize("noun", ["civilian", "villager", "detainee"])  # once only in the events list
def test_a_name_said_to_be_a_person_noun_is_a_person(nlp: Language, noun: str) -> None:
    doc = nlp(f"Relief agencies searched for Qasim Darwesh. Darwesh is a {noun} from the north.")
    labels = {m.label for m in extract_mentions(doc) if "Darwesh" in m.text}
    assert labels == {"Person"}


@pytest.mark.parametrize("noun", ["diplomats", "journalists", "engineers"])  # once only in the typing list
def test_which_after_a_person_noun_is_not_a_doer(nlp: Language, noun: str) -> None:
    text = f"The Kestrel Front has carried out attacks against {noun}, which killed dozens."
    found = next(Extractor(nlp=nlp).analyse([Article(text=text, published=date(2021, 6, 10))])).events
    killed = [e for e in found if e.trigger == "killed"]
    assert killed, [(e.trigger, e.source) for e in found]
    assert killed[0].source == "Kestrel Front"
