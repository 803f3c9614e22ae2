"""Designations reported inside a noun phrase credit the phrase's head only (issue 9).

Invented sentences: the cue, the words between it and the name, and what follows the name decide.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from threatgraph.resolve.designation import reported_designated


def said(sentence: str, name: str) -> bool:
    i = sentence.index(name)
    return reported_designated(sentence, i, i + len(name))


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        (
            "He is the cousin of U.S.-designated Northern Front Deputy Chief Karim al-Rawandi, who runs it.",
            "Karim al-Rawandi",
        ),
        ("OFAC designated Rawandi pursuant to E.O. 13224 in 2011.", "Rawandi"),
        ("the courier for U.S.\u00addesignated Tarek Baydoun, who was arrested", "Tarek Baydoun"),
        ("it previously sanctioned former Interior Minister Paul Ekonde to punish him.", "Paul Ekonde"),
        ("Treasury designated Eastern airline Sky Basra and three of its officers.", "Sky Basra"),
        ("The list names UN-sanctioned Omar Faris.", "Omar Faris"),
        ("It funds the Northern Front in Kalmar, another designated terrorist group.", "Northern Front"),
        ("It funds the Northern Front (NF), a U.S.-designated Foreign Terrorist Organization.", "Northern Front"),
        ("Money went to Omar Faris, an SDGT since 2012.", "Omar Faris"),
        # coordinated names under one cue: every conjunct is a head
        ("He met previously sanctioned cell leaders Sami Nour and Karim al-Rawandi, as well as others.", "Sami Nour"),
        (
            "He met previously sanctioned cell leaders Sami Nour and Karim al-Rawandi, as well as others.",
            "Karim al-Rawandi",
        ),
        (
            "OFAC designated Ali Saqr, Omar Faris bin Nour, and Paul Ekonde pursuant to E.O. 13224.",
            "Omar Faris bin Nour",
        ),
        ("OFAC designated Ali Saqr, Omar Faris bin Nour, and Paul Ekonde pursuant to it.", "Omar Faris bin Nour"),
        # coordinated subjects of a passive designation
        ("Ali Saqr, Omar Faris bin Nour, and Paul Ekonde are being designated pursuant to it.", "Omar Faris bin Nour"),
        ("Ali Saqr, Omar Faris bin Nour, and Paul Ekonde are being designated pursuant to it.", "Paul Ekonde"),
        ("Sami Nour is being designated pursuant to E.O. 13224 for acting for the cell.", "Sami Nour"),
        ("He worked with senior cell official and SDGT Sami Nour on travel.", "Sami Nour"),
    ],
)
def test_the_head_of_a_designation_phrase_is_credited(sentence: str, name: str) -> None:
    assert said(sentence, name)


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        # a modifier of the head, not the head
        ("the cousin of U.S.-designated Northern Front Deputy Chief Karim al-Rawandi, who", "Northern Front"),
        # the phrase is cut by a possessive: the son is not said to be designated
        ("U.S.-designated Northern Front leader Karim Rawandi’s son Adel Rawandi, who", "Adel Rawandi"),
        # the name follows a preposition after the designee
        ("OFAC designated Ali Saqr for acting on behalf of the group's leader, Sami Nour, who", "Sami Nour"),
        ("Sami Nour, who was not designated Omar Faris, said", "Omar Faris"),
        ("The non-designated Omar Faris said so.", "Omar Faris"),
        ("The designated persons met Omar Faris in 2019.", "Omar Faris"),
        ("U.S.-designated Northern Front-affiliated cell leader Omar Faris met", "Northern Front"),
        ("Omar Faris met the minister.", "Omar Faris"),
        ("Omar Faris, a friend of designated financier Sami Nour, met him.", "Omar Faris"),
        ("Omar Faris, the brother of a sanctioned man, met him.", "Omar Faris"),
        # a conjunct that opens its own phrase (an office, a determiner, a role) is not under the cue
        ("He met sanctioned financier Sami Nour and Prime Minister Paul Ekonde in May.", "Paul Ekonde"),
        ("He met sanctioned leaders Sami Nour and the deceased commander Paul Ekonde.", "Paul Ekonde"),
        ("He met sanctioned leaders Sami Nour, as well as Paul Ekonde, in May.", "Paul Ekonde"),
        ("The designated persons met Sami Nour and Omar Faris in 2019.", "Omar Faris"),
        ("OFAC designated Ali Saqr for acting for the cell's leaders, Sami Nour and Omar Faris, who", "Omar Faris"),
        # the subject of the passive is someone else, or the designation is denied
        ("The firms owned by Sami Nour and Omar Faris are being designated today.", "Sami Nour"),
        ("He met Sami Nour, who was designated in 2019.", "Sami Nour"),
        ("Sami Nour was not designated.", "Sami Nour"),
        ("The two SDGTs met Sami Nour in 2019.", "Sami Nour"),
    ],
)
def test_others_in_the_sentence_are_not_credited(sentence: str, name: str) -> None:
    assert not said(sentence, name)


@settings(deadline=None)  # the first call loads the name vocabulary
@given(st.text(max_size=80), st.integers(0, 80), st.integers(0, 80))
def test_any_text_and_span_gives_an_answer(text: str, a: int, b: int) -> None:
    start, end = sorted((min(a, len(text)), min(b, len(text))))
    assert reported_designated(text, start, end) in (True, False)
