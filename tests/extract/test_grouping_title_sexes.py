"""Courtesy titles that say a sex keep two people of one name apart in an article (issue 9, s21).

Before: "Mr. <Surname>" and "Mrs. <Surname>" normalised alike (the title is dropped) and formed one group, one
person, which resolution then joined or linked as one. Names invented."""

from __future__ import annotations

from threatgraph.extract.grouping import group_mentions
from threatgraph.model import Mention
from threatgraph.names.surface import normalise_surface


def _article(text: str, *names: tuple[str, str]) -> list[Mention]:
    """Mentions of ``names`` (text, label) at each place the one-sentence ``text`` writes them, longest first, the
    title left outside the span as the tagger leaves it."""
    taken: list[tuple[int, int]] = []
    out: list[Mention] = []
    for name, label in sorted(names, key=lambda n: -len(n[0])):
        start = text.find(name)
        while start >= 0:
            end = start + len(name)
            if all(end <= s or start >= e for s, e in taken):
                taken.append((start, end))
                out.append(Mention(start, end, name, label, normalise_surface(name), text, 0))
            start = text.find(name, end)
    return out


def _groups(ms: list[Mention], text: str, before: str) -> set[int]:
    """The groups of the mentions of ``text`` written right after ``before`` ("Mrs. ")."""
    return {m.group for m in ms if m.text == text and m.sentence[: m.start].endswith(before)}


def test_mr_and_mrs_of_one_surname_are_two_people_beside_two_full_names() -> None:
    text = "Marisa Halvey met Dorian Halvey; Mrs. Halvey spoke, Mr. Halvey agreed and Halvey left."
    ms = group_mentions(_article(text, ("Marisa Halvey", "Person"), ("Dorian Halvey", "Person"), ("Halvey", "Person")))
    mrs, mr, bare = _groups(ms, "Halvey", "Mrs. "), _groups(ms, "Halvey", "Mr. "), _groups(ms, "Halvey", "and ")
    assert len(mrs) == len(mr) == len(bare) == 1
    assert len(mrs | mr | bare) == 3  # before: one group holding both people
    full = {m.group for m in ms if m.text.endswith(" Halvey")}
    assert full.isdisjoint(mrs | mr | bare)  # which full name is the woman's, no title says


def test_mr_and_mrs_without_a_second_full_name_do_not_claim_the_one_full_name() -> None:
    """Whichever titled form came first used to take the only full name, the woman's or the man's alike."""
    text = "Dorian Halvey arrived; Mr. Halvey spoke and Mrs. Halvey agreed."
    ms = group_mentions(_article(text, ("Dorian Halvey", "Person"), ("Halvey", "Person")))
    full = {m.group for m in ms if m.text == "Dorian Halvey"}
    assert full.isdisjoint(_groups(ms, "Halvey", "Mr. ") | _groups(ms, "Halvey", "Mrs. "))
    assert _groups(ms, "Halvey", "Mr. ") != _groups(ms, "Halvey", "Mrs. ")


def test_a_full_name_titled_with_a_sex_takes_the_short_form_of_that_sex() -> None:
    text = "Mrs. Marisa Halvey met Dorian Halvey; Mrs. Halvey spoke and Mr. Halvey agreed."
    ms = group_mentions(_article(text, ("Marisa Halvey", "Person"), ("Dorian Halvey", "Person"), ("Halvey", "Person")))
    assert _groups(ms, "Halvey", "Mrs. ") == {m.group for m in ms if m.text == "Marisa Halvey"}
    assert _groups(ms, "Halvey", "Mr. ").isdisjoint({m.group for m in ms if m.text.endswith(" Halvey")})


def test_control_titles_that_agree_keep_one_person_whole() -> None:
    text = "Marisa Halvey arrived; Mrs. Halvey spoke, Ms. Halvey agreed and Halvey left."
    ms = group_mentions(_article(text, ("Marisa Halvey", "Person"), ("Halvey", "Person")))
    assert len({m.group for m in ms}) == 1


def test_control_an_office_says_no_sex() -> None:
    text = "Dorian Halvey arrived; President Halvey spoke and Mrs. Halvey agreed."
    ms = group_mentions(_article(text, ("Dorian Halvey", "Person"), ("Halvey", "Person")))
    assert len({m.group for m in ms}) == 1


def test_a_couple_named_at_once_joins_nobody() -> None:
    text = "Marisa Halvey arrived; Mr. and Mrs. Halvey spoke and Halvey left."
    ms = group_mentions(_article(text, ("Marisa Halvey", "Person"), ("Halvey", "Person")))
    couple = _groups(ms, "Halvey", "Mrs. ")
    assert couple.isdisjoint({m.group for m in ms if m.text == "Marisa Halvey"})
    assert couple.isdisjoint(_groups(ms, "Halvey", "and "))


def test_a_titled_name_is_no_short_form_of_an_organisation() -> None:
    text = "The Halvey Brigade attacked; Mr. Halvey denied it."
    ms = group_mentions(_article(text, ("Halvey Brigade", "ArmedGroup"), ("Halvey", "Person")))
    assert _groups(ms, "Halvey", "Mr. ").isdisjoint({m.group for m in ms if m.text == "Halvey Brigade"})
    # control: untitled, the bare name is the group's short form as before
    untitled = group_mentions(
        _article(
            "The Halvey Brigade attacked; Halvey denied it.", ("Halvey Brigade", "ArmedGroup"), ("Halvey", "Person")
        )
    )
    assert len({m.group for m in untitled}) == 1
