"""One question, one answer: which country a capitalised word names (``places.territory_code``).

Mention typing, the resolver's nationality evidence and the end of a longer body name all ask it; before
session 17 each asked rigour (or FtM) its own way, one of them by stripping letters off the word, which made
given names ("Ali", "Brian") and words like "Plan" read as countries.
"""

from __future__ import annotations

import pytest

from threatgraph.extract.places import is_demonym, territory_code


@pytest.mark.parametrize(
    ("word", "code"),
    [("Iraqi", "iq"), ("British", "gb"), ("Swiss", "ch"), ("Saudi", "sa"), ("Iraq", "iq"), ("KH", "kh"),
     ("swiss", None), ("Scottish", None), ("Palestinian", None), ("Ali", None), ("Plan", None), ("", None)],
)  # fmt: skip
def test_territory_code_names_only_countries(word: str, code: str | None) -> None:
    assert territory_code(word) == code
    assert is_demonym(word) is (code is not None)


def test_any_territory_when_asked() -> None:
    assert territory_code("Scottish", countries=False) == "gb-sct"
    assert territory_code("Palestinian", countries=False) == "ps"
    assert territory_code("Brian", countries=False) is None  # no letters stripped: a given name is no country
