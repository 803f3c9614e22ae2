"""Event actors found by name when the tagger left them without a mention (issue 9)."""

from __future__ import annotations

from threatgraph.resolve.links import _Lookup


def lookup() -> _Lookup:
    return _Lookup(
        {("a1", 0): "ent-group"},
        {("a1", "karim sadiq rawandi"): "ent-karim", ("a1", "omar faris"): "ent-omar"},
        {("a1", "rawandi"): {"ent-karim"}, ("a1", "faris"): {"ent-omar", "ent-sami"}},
    )


def test_group_then_full_name_win() -> None:
    assert lookup()("a1", 0, "Rawandi") == "ent-group"
    assert lookup()("a1", None, "Omar Faris") == "ent-omar"


def test_a_bare_family_name_goes_to_the_one_person_of_the_article_who_carries_it() -> None:
    assert lookup()("a1", None, "Rawandi") == "ent-karim"


def test_a_family_name_two_people_share_or_another_article_stays_unresolved() -> None:
    assert lookup()("a1", None, "Faris") is None
    assert lookup()("a2", None, "Rawandi") is None
    assert lookup()("a1", None, "terrorists") is None
