"""Sentence starts the parser misses (``extract/sentences.py``): two spaces after a stop, and a paragraph."""

from __future__ import annotations

from spacy.language import Language


def _sentences(nlp: Language, text: str) -> list[str]:
    return [s.text.strip() for s in nlp(text).sents if s.text.strip()]


def test_a_heading_line_is_never_part_of_the_sentence_under_it(nlp: Language) -> None:
    text = "Harbour Board Rejects Talks, Blames Union Leaders\n\nThe port authority said on Monday that talks stalled."
    sents = _sentences(nlp, text)
    assert sents[0] == "Harbour Board Rejects Talks, Blames Union Leaders"
    assert sents[1].startswith("The port authority said")
    sents = _sentences(nlp, "Relief efforts along the border\n\nAid workers said the road was closed.")
    assert sents[-1] == "Aid workers said the road was closed."


def test_a_byline_line_is_its_own_sentence(nlp: Language) -> None:
    text = "Ada Roe, Department Spokesperson\n\nToday the department names two new envoys to the region."
    assert _sentences(nlp, text)[0] == "Ada Roe, Department Spokesperson"


def test_a_blank_line_before_a_lower_case_word_is_a_break_inside_a_sentence(nlp: Language) -> None:
    text = "The two firms\n\nwere used to move money for the network, the ministry said."
    assert len(_sentences(nlp, text)) == 1


def test_two_spaces_after_a_full_stop_open_a_sentence(nlp: Language) -> None:
    text = "The network moved money through the port.  The ministry then listed three firms."
    assert _sentences(nlp, text)[1] == "The ministry then listed three firms."
