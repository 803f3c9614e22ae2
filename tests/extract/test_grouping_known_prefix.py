"""A known name is a body of its own, never the opening words of a longer name (issue 9, s21).

Before: "<Body>" (a gazetteer name) beside "<Body> High Commissioner for Refugees" joined it as its short form, as
a company's first words do ("Crescent Gate" for "Crescent Gate General Trading"): the organisation and its office
became one actor. Names invented."""

from __future__ import annotations

from threatgraph.extract.grouping import group_mentions
from threatgraph.model import Mention
from threatgraph.names.surface import normalise_surface


def _mentions(*names: str) -> list[Mention]:
    out, pos = [], 0
    for name in names:
        out.append(Mention(pos, pos + len(name), name, "Organization", normalise_surface(name), "s", 0))
        pos += len(name) + 1
    return out


def test_a_known_name_is_not_the_opening_words_of_its_office() -> None:
    ms = _mentions("Orlo Council Relief Office", "Orlo Council")
    group_mentions(ms, named=[ms[1]])
    assert ms[0].group != ms[1].group


def test_control_an_unknown_opening_is_the_longer_names_short_form() -> None:
    ms = _mentions("Orlo Council Relief Office", "Orlo Council")
    group_mentions(ms)
    assert ms[0].group == ms[1].group
