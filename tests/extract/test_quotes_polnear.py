"""Attribution classes found missing or broken on PolNeAR train (issue 12, session 17).

Each text is invented (a regression test, not evidence of quality); quality is measured on PolNeAR by
``benchmarks/quotes_polnear.py``.
"""

from __future__ import annotations

from datetime import date

import pytest
from spacy.language import Language

from threatgraph.extract.events_actors import MentionIndex
from threatgraph.extract.pipeline import extract_mentions
from threatgraph.extract.quote_speakers import attribution_for

from .conftest import analyser


@pytest.fixture(scope="module")
def analyse(nlp: Language):
    return analyser(nlp, date(2016, 3, 5))


def test_an_inverted_surname_keeps_its_own_source_span(nlp: Language) -> None:
    """'…," said Wrenfield' with the surname left untagged resolves through the full name mentioned before the
    cue; the source span is the surname where it is written, never one ending before it starts."""
    text = (
        "Governor Ada Wrenfield spoke at the rally in the capital on Monday afternoon.\n\n"
        "“We will win this state and then we will win the country,” said Wrenfield."
    )
    doc = nlp(text)
    surname = text.rindex("Wrenfield")
    mentions = [m for m in extract_mentions(doc) if m.start != surname]  # as if the tagger had missed it
    cue = next(t for t in doc if t.lower_ == "said")
    att = attribution_for(cue, MentionIndex(doc, mentions))
    assert att.speaker is not None and att.speaker.text == "Ada Wrenfield"
    assert att.source is not None and text[att.source[0] : att.source[1]] == "Wrenfield"
