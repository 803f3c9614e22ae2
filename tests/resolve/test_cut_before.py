"""A body's mention cut from the end of a longer name is not the listed body that shares the tail (issue 9, s17).

A model may mark only the tail of a bank's or a firm's name ("Farmers Bank" of "<Town> Farmers Bank"); the tail can
be a listed body's name or alias word for word, and the link read as sanctioned on the name alone. The capitalised
words the article writes straight before the mention are its own statement that it names another body. Every name,
list row and sentence here is invented.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from threatgraph import resolve
from threatgraph.resolve.enclosing import leading_start, proper_words

from .conftest import build, load_sdn_rows
from .test_adversarial_links import _row, sanctioned

ROWS = [
    _row(9801, "CREDIT AND GRAIN BANK OF ZEPHYRIA", remarks="a.k.a. 'FARMERS BANK'."),
    _row(9802, "NORTHERN RIVERS FRONT"),
    _row(9803, "KALMAR TIGERS"),
]


@pytest.fixture
def banks(store, tmp_path: Path):
    return load_sdn_rows(store, tmp_path, ROWS)


def _bank(text: str, cut: str = "Farmers Bank") -> object:
    return build(text, [("Company", [cut])])


def test_a_bank_name_cut_to_a_listed_alias_is_not_sanctioned(banks, add) -> None:
    art = _bank("Depositors queued outside Millbrook Farmers Bank on Tuesday after the regulator froze its accounts.")
    resolve.update(banks, add(art))
    assert not [x for x in sanctioned(banks) if x[1] == "ofac-9801"]


def test_a_first_word_of_the_sentence_counts_when_the_article_writes_it_as_a_name(banks, add) -> None:
    art = _bank("Millbrook Farmers Bank said it would close two branches. Shares of Millbrook fell in early trade.")
    resolve.update(banks, add(art))
    assert not [x for x in sanctioned(banks) if x[1] == "ofac-9801"]


@pytest.mark.parametrize(("label", "words"), [("Location", "Harlow County"), ("Company", "Brightwater Holdings")])
def test_name_words_the_model_marked_as_a_place_or_a_body_still_begin_the_name(banks, add, label, words) -> None:
    """The model split one name in two ("<County> Farmers Bank" as a place and a bank): the first part is the
    article's own word that the bank is another one."""
    art = build(
        f"Depositors queued outside the {words} Farmers Bank on Tuesday.",
        [("Company", ["Farmers Bank"]), (label, [words])],
    )
    resolve.update(banks, add(art))
    assert not [x for x in sanctioned(banks) if x[1] == "ofac-9801"]


def test_the_listed_alias_written_on_its_own_still_reads_as_sanctioned(banks, add) -> None:
    """Control: no name words before the alias (a sentence's first word and a hyphenated description are none)."""
    art = _bank(
        "Yesterday Farmers Bank moved funds for the rebels, and regulators said the Zephyria-owned Farmers Bank "
        "hid the transfers."
    )
    resolve.update(banks, add(art))
    assert ("Farmers Bank", "ofac-9801") in sanctioned(banks)


def test_a_group_named_after_a_capitalised_descriptor_still_reads_as_sanctioned(banks, add) -> None:
    """Control: the words before are read only for a name with a kind word; a group's own name after a
    descriptor ("Separatist <Group>") is still the listed group."""
    art = build(
        "Fishermen said the Separatist Kalmar Tigers seized two boats near the port.",
        [("ArmedGroup", ["Kalmar Tigers"])],
    )
    resolve.update(banks, add(art))
    assert ("Kalmar Tigers", "ofac-9803") in sanctioned(banks)


@pytest.mark.parametrize(
    ("sentence", "mention", "proper", "expected"),
    [
        ("Depositors queued outside Millbrook Farmers Bank on Tuesday.", "Farmers Bank", set(), "Millbrook"),
        ("Millbrook Farmers Bank said it would close.", "Farmers Bank", {"Millbrook"}, "Millbrook"),
        ("Millbrook Farmers Bank said it would close.", "Farmers Bank", set(), None),  # a sentence's own capital
        ("Millbrook Farmers Bank said it would close.", "Farmers Bank", None, "Millbrook"),  # counted: text needed?
        ("Yesterday Farmers Bank moved funds.", "Farmers Bank", set(), None),
        ("They said the Zephyria-owned Farmers Bank hid it.", "Farmers Bank", set(), None),  # a description
        ("Fighters of the Northern Rivers Front crossed.", "Northern Rivers Front", set(), None),  # a function word
        ("On Monday Farmers Bank paid.", "Farmers Bank", {"Monday"}, None),  # a date word
        ("Kenya's Farmers Bank paid.", "Farmers Bank", set(), None),  # a possessive
        ("ALL WORDS Farmers Bank Paid Today", "Farmers Bank", set(), None),  # a headline
    ],
)
def test_leading_start(sentence: str, mention: str, proper: set[str] | None, expected: str | None) -> None:
    start = sentence.index(mention)
    head = leading_start(sentence, start, None if proper is None else frozenset(proper))
    assert (None if head is None else sentence[head:start].strip()) == expected


def test_proper_words_are_capitalised_inside_a_sentence() -> None:
    words = proper_words("Millbrook said so. Shares of Millbrook fell, Analysts said, and the Bank paid.")
    assert {"Millbrook", "Analysts", "Bank"} <= words
    assert "Shares" not in words
