"""A syllable acronym is made of syllables (issue 9, s19).

An article named "the <National> <Security> <Agency>" and, later, a space agency by its word-like four-capital
acronym; the acronym was read as "NA" + "S" + "A" of the security agency, the one organisation of the article it fit,
and the two bodies became one actor. A syllable acronym takes a syllable, two letters or more, from each word it
reads ("QANCOM"); single letters are initials, which the plain acronym reading handles. Names here are invented."""

from __future__ import annotations

from threatgraph.extract.grouping import group_mentions
from threatgraph.model import Mention
from threatgraph.names.acronyms import acronym_fits, syllable_fits
from threatgraph.names.surface import normalise_surface


def _mentions(*items: tuple[str, str]) -> list[Mention]:
    out: list[Mention] = []
    pos = 0
    for text, label in items:
        out.append(Mention(pos, pos + len(text), text, label, normalise_surface(text), "s", 0))
        pos += len(text) + 1
    return out


def _group(ms: list[Mention], text: str) -> set[int]:
    return {m.group for m in ms if m.text == text}


def test_a_word_acronym_is_not_one_syllable_and_initials_of_another_body() -> None:
    assert not syllable_fits("QASA", "Qandor Security Agency")  # before: "QA" + "S" + "A"
    ms = group_mentions(_mentions(("Qandor Security Agency", "Organization"), ("QASA", "Organization")))
    assert _group(ms, "QASA") != _group(ms, "Qandor Security Agency")


def test_control_syllables_and_initials_still_read() -> None:
    assert syllable_fits("QANCOM", "Qandor Command")  # two syllables
    assert syllable_fits("VELREL", "Vellacott Relief")
    assert acronym_fits("QSA", "Qandor Security Agency")  # initials: the plain reading
    ms = group_mentions(_mentions(("U.S. Qandor Command", "Organization"), ("QANCOM", "Organization")))
    assert _group(ms, "QANCOM") == _group(ms, "U.S. Qandor Command")
