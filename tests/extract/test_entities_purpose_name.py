"""A body named for its purpose ("<Body> to <Verb> <Name>") is one name (issue 12 item 3; invented sentences).

The model cut such a name where a listed name began, so the text seemed to name a "<Body> to <Verb>" and,
apart, the group the body was formed against, which then took part in the sentence's events and links.
"""

from __future__ import annotations

from spacy.language import Language

from threatgraph.extract.pipeline import extract_mentions

TEXT = "Delegates of the International Coalition to Counter the Harbour Front met in Rome."


def test_the_purpose_name_is_one_organisation(nlp: Language) -> None:
    doc = nlp(TEXT)
    assert "Harbour Front" in {e.text for e in doc.ents}  # the model's cut, as seen on real text
    found = {m.text: m.label for m in extract_mentions(doc)}
    # the coalition, not the group it was formed against
    assert found.get("International Coalition to Counter the Harbour Front") == "Organization"
    assert "Harbour Front" not in found


def test_an_organisation_without_to_keeps_its_end(nlp: Language) -> None:
    doc = nlp("Delegates of the International Coalition met the Harbour Front in Rome.")
    found = {m.text for m in extract_mentions(doc)}
    assert "Harbour Front" in found
