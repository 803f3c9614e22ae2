"""A body's head word written alone is that body (grouping rule 2; invented sentences).

"The Department of Fisheries ... The Department also ..." names one body twice: before session 17 "the
Department" stayed an organisation of its own (state bodies were left out of the short-form rule), an entity
that resolution and screening would see apart. Beside two departments the word alone says neither.
"""

from __future__ import annotations

from spacy.language import Language

from threatgraph.extract.pipeline import extract_mentions


def _groups(nlp: Language, text: str) -> dict[str, int]:
    return {m.text: m.group for m in extract_mentions(nlp(text)) if m.label != "Date"}


def test_the_department_is_the_one_department_named(nlp: Language) -> None:
    text = "The Department of Fisheries fined the Blue Anchor company on Monday. The Department also seized two boats."
    groups = _groups(nlp, text)
    assert groups["Department"] == groups["Department of Fisheries"]
    assert groups["Blue Anchor"] != groups["Department"]


def test_the_word_closing_the_name_counts_too(nlp: Language) -> None:
    groups = _groups(
        nlp, "The Treasury Department fined the Blue Anchor company. The Department also seized two boats."
    )
    assert groups["Department"] == groups["Treasury Department"]


def test_beside_two_departments_the_word_alone_says_neither(nlp: Language) -> None:
    text = (
        "The Department of Fisheries and the Department of Ports fined the Blue Anchor company. "
        "The Department also seized two boats."
    )
    groups = _groups(nlp, text)
    assert groups["Department"] not in (groups["Department of Fisheries"], groups["Department of Ports"])
