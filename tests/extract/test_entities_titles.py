"""Office titles as evidence for a person (issue 12 item 3; invented sentences).

The statistical model sometimes reads a person's name as an organisation. Two ways the text titles the name
that were not read before session 17: an office written with a capital in apposition after the name ("X,
Minister for Trade": the tagger reads "Minister" as a proper noun), and a name set off by commas right after
a title noun ("its previous emir, X, was killed": the parser often hangs such a name off the verb). The
model's guess is forced to ORG here, as it is on the real texts where this was seen.
"""

from __future__ import annotations

import pytest
from spacy.language import Language
from spacy.tokens import Span

from threatgraph.extract.mentions import build_mentions


def _typed(nlp: Language, text: str, name: str, label: str = "ORG") -> dict[str, str]:
    doc = nlp(text)
    start = text.index(name)
    forced = doc.char_span(start, start + len(name), label=label)
    assert forced is not None
    ents: list[Span] = [e for e in doc.ents if e.end <= forced.start or e.start >= forced.end] + [forced]
    return {m.text: m.label for m in build_mentions(doc, sorted(ents, key=lambda e: e.start))}


@pytest.mark.parametrize(
    "text",
    [
        "Lars Ekdahl, Minister for Trade, said the tariff would stay.",
        "Lars Ekdahl, the Deputy Minister for Trade, said the tariff would stay.",
        "In May the network named Omar Pell as its new leader after its previous emir, Lars Ekdahl, was killed"
        " in June.",
    ],
)
def test_a_titled_name_is_a_person(nlp: Language, text: str) -> None:
    assert _typed(nlp, text, "Lars Ekdahl")["Lars Ekdahl"] == "Person"


@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        ("The Harbour Front, Commander of the militias in the valley, said so.", "Harbour Front", "ArmedGroup"),
        ("The emir, the Harbour Front and the council met on Monday.", "Harbour Front", "ArmedGroup"),
    ],
)
def test_a_body_beside_a_title_keeps_its_type(nlp: Language, text: str, name: str, kind: str) -> None:
    assert _typed(nlp, text, name)[name] == kind


@pytest.mark.parametrize(
    ("text", "body"),
    [
        ("Questions will be taken by Navy Capt. Lena Orr, who will also be in the room.", "Navy"),
        ("Questions will be taken by Army Col. Lena Orr in the room.", "Army"),
    ],
)
def test_a_rank_is_no_part_of_the_service_name(nlp: Language, text: str, body: str) -> None:
    """The model read "<Service> <Rank>" as one organisation; the rank titles the person named next."""
    found = _typed(nlp, text, "Lena Orr", label="PERSON")
    assert body in found and found["Lena Orr"] == "Person"
    assert not any(name.startswith(f"{body} ") for name in found)
