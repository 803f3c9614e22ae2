"""An acronym that is a widely reported body's public name is no reading of another name its letters spell
(issue 9, s21). Before: a think tank whose initials spell "ISIS" scored 0.9 against "ISIS" and was merged into the
Islamic State. The long names here are invented."""

from __future__ import annotations

from threatgraph.names.align import ACRONYM, compare_names
from threatgraph.names.forms import name_form


def _score(a: str, b: str) -> float:
    return compare_names(name_form(a, "Organization"), name_form(b, "Organization")).score


def test_a_public_acronym_is_not_another_names_initials() -> None:
    assert _score("ISIS", "Institute for Sea Ice Studies") < ACRONYM


def test_control_the_bodys_own_long_names_keep_its_acronym() -> None:
    assert _score("ISIS", "Islamic State of Iraq and Syria") >= ACRONYM
    assert _score("ISIL", "Islamic State in Iraq and the Levant") >= ACRONYM  # a spelling the table aligns


def test_control_an_acronym_no_body_owns_still_reads_its_name() -> None:
    assert _score("QSIS", "Qandor Sea Ice Studies") >= ACRONYM


def test_control_a_transliteration_of_the_bodys_name_keeps_its_acronym() -> None:
    """A spelled-out name need not align exactly with the table's spelling to be the body's ("Nasr"/"Nusrat")."""
    assert _score("JNIM", "Jama'at Nasr al-Islam wal Muslimin") >= ACRONYM


def test_acronym_like_names_of_one_body_are_read_without_recursion() -> None:
    """The first version read a body's acronym-like names through themselves (a RecursionError on the dev set)."""
    assert _score("ISKP", "ISIS-K") < ACRONYM
    assert _score("IS-K", "ISIS-K") < ACRONYM
