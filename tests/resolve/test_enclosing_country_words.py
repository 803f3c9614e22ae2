"""Where a longer body name stops: at a country word, asked of places.territory_code (session 17).

The old test stripped letters off the word before asking whether it named a country, so a given name ("Ali",
"Brian") or a word like "Plan" ended the name it belonged to.
"""

from __future__ import annotations

import pytest

from threatgraph.resolve.enclosing import enclosing_name


def _around(sentence: str, mention: str) -> str | None:
    start = sentence.index(mention)
    return enclosing_name(sentence, start, start + len(mention))


@pytest.mark.parametrize(
    ("sentence", "mention", "longer"),
    [
        ("Donors to the Harbour Ali Relief Trust met on Monday.", "Harbour", "Harbour Ali Relief Trust"),
        ("Donors to the Harbour Plan Relief Fund met on Monday.", "Harbour", "Harbour Plan Relief Fund"),
        ("The Harbour Front Iraqi branch met on Monday.", "Harbour Front", None),  # a people's adjective stops it
        ("The Harbour Front Scottish branch met on Monday.", "Harbour Front", None),  # any territory, not only states
    ],
)
def test_a_name_stops_at_a_country_word_only(sentence: str, mention: str, longer: str | None) -> None:
    assert _around(sentence, mention) == longer
