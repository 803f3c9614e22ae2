"""Branch names kept whole (extract/branches.py), acronyms never read as countries, apostrophes alike.

A branch cut to its parent's name reads as the parent, and the parent may be listed: the worst error the
project can make (issue 9). The groups here are invented, so a pass shows the constructions are general.
"""

from __future__ import annotations

import pytest

from threatgraph.extract.gazetteer import Gazetteer
from threatgraph.extract.pipeline import Extractor
from threatgraph.model import Analysis, Article
from threatgraph.names.variants import apostrophe_variants, written_variants


@pytest.fixture(scope="module")
def extractor(nlp) -> Extractor:
    ex = Extractor(nlp=nlp)
    ex_gaz = next(p for n, p in nlp.pipeline if isinstance(p, Gazetteer))
    ex_gaz.add_names(
        [("Jama'at Ruhayl", "ArmedGroup"), ("Tanzim Dabbur", "ArmedGroup"), ("AL TANZIM DABBUR", "Organization")]
    )
    return ex


def _analyse(extractor: Extractor, text: str) -> Analysis:
    return next(extractor.analyse([Article(text=text)]))


def _names(analysis: Analysis) -> dict[str, str]:
    return {m.text: m.label for m in analysis.mentions}


def test_a_dash_joined_suffix_stays_on_the_name(extractor: Extractor) -> None:
    found = _names(_analyse(extractor, "Officials said Tanzim Dabbur-QX claimed the raid on the depot."))
    assert "Tanzim Dabbur-QX" in found
    assert "Tanzim Dabbur" not in found


def test_a_possessive_province_is_a_branch_not_the_parent(extractor: Extractor) -> None:
    text = "He raised money for the Tanzim Dabbur’s Upper Kivu Province, officials said."
    found = _names(_analyse(extractor, text))
    assert "Tanzim Dabbur’s Upper Kivu Province" in found
    assert "Tanzim Dabbur" not in found and "Upper Kivu Province" not in found


def test_in_the_region_names_a_branch_but_a_bare_country_does_not(extractor: Extractor) -> None:
    found = _names(_analyse(extractor, "Tanzim Dabbur in the Upper Basin claimed it. Tanzim Dabbur in Chad denied it."))
    assert "Tanzim Dabbur in the Upper Basin" in found
    assert "Tanzim Dabbur" in found and "Chad" in found  # the second: a group and where it is


def test_a_second_party_after_a_dash_is_not_a_suffix(extractor: Extractor) -> None:
    found = _names(_analyse(extractor, "The Tanzim Dabbur-Iraq talks and the Iran-backed Tanzim Dabbur met."))
    assert "Tanzim Dabbur-Iraq" not in found
    assert "Iran-backed Tanzim Dabbur" not in found


def test_a_country_after_a_dash_is_the_branch_there_when_the_compound_stands_as_a_name(extractor: Extractor) -> None:
    found = _names(_analyse(extractor, "He led Tanzim Dabbur-Chad and fled. The Tanzim Dabbur-Iraq talks failed."))
    assert "Tanzim Dabbur-Chad" in found
    assert "Tanzim Dabbur-Iraq" not in found


def test_a_two_letter_acronym_is_not_a_country(extractor: Extractor) -> None:
    # "KM" is the ISO code of Comoros; here it is the group's short name.
    analysis = _analyse(extractor, "Jama’at Ruhayl (KM) claimed the attack. KM fighters then withdrew.")
    labels = {m.text: m.label for m in analysis.mentions}
    assert labels.get("KM") not in (None, "Country", "Location")


def test_a_name_matches_whatever_apostrophe_the_text_uses(extractor: Extractor) -> None:
    found = _names(_analyse(extractor, "Members of Jama’at Ruhayl were arrested on Monday."))
    assert found.get("Jama’at Ruhayl") == "ArmedGroup"
    assert set(apostrophe_variants("Kata'ib X")) >= {"Kata'ib X", "Kata’ib X"}
    assert apostrophe_variants("Plain Name") == ["Plain Name"]


def test_a_list_name_matches_however_the_text_joins_its_particles(extractor: Extractor) -> None:
    found = _names(_analyse(extractor, "He wired money to al-Tanzim Dabbur on Monday."))
    assert found.get("al-Tanzim Dabbur") == "Organization"
    assert "AL-QA'IDA" in written_variants("AL QA'IDA") and "Abu Dhabi" in written_variants("Abu Dhabi")
    assert written_variants("Abu Dhabi") == ["Abu Dhabi"]
