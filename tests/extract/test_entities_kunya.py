"""A kunya the model cut off a person's name is joined back (issue 12 item 3; invented sentence).

On real text the model read a kunya ("Abu <Name>") as a people (NORP) and the rest of the name as a person:
a Nationality "Abu <Name>" and a shorter person. The model's split is forced here as it was seen.
"""

from __future__ import annotations

from spacy.language import Language

from threatgraph.extract.mentions import build_mentions

TEXT = "Police are seeking Abu Hamza Karim Tolvane, the group's treasurer, and his brother."


def _split(nlp: Language, first: str) -> list[tuple[str, str]]:
    doc = nlp(TEXT)
    kunya = doc.char_span(TEXT.index("Abu"), TEXT.index(" Karim"), label=first)
    person = doc.char_span(TEXT.index("Karim"), TEXT.index(","), label="PERSON")
    doc.ents = [kunya, person]
    return [(m.text, m.label) for m in build_mentions(doc)]


def test_a_kunya_read_as_a_people_opens_the_person_name(nlp: Language) -> None:
    assert _split(nlp, "NORP") == [("Abu Hamza Karim Tolvane", "Person")]


def test_a_people_before_a_person_is_not_joined(nlp: Language) -> None:
    doc = nlp("Police are seeking the Vellan Karim Tolvane, the group's treasurer.")
    text = doc.text
    doc.ents = [
        doc.char_span(text.index("Vellan"), text.index(" Karim"), label="NORP"),
        doc.char_span(text.index("Karim"), text.index(","), label="PERSON"),
    ]
    assert [m.text for m in build_mentions(doc)] == ["Vellan", "Karim Tolvane"]
