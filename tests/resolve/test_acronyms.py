"""Acronyms as groups form them (names/acronyms.py), in name alignment and in an article's own definitions.

Invented names: the mechanism must hold for groups nobody listed.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from threatgraph.extract.grouping import definitions, group_mentions
from threatgraph.model import Mention
from threatgraph.names.acronyms import acronym_fits, looks_like_acronym
from threatgraph.names.align import compare_names
from threatgraph.names.forms import name_form


def test_particles_may_give_their_letter_or_be_skipped() -> None:
    assert acronym_fits("JeQ", "Jaysh-e-Qurmul")
    assert acronym_fits("JQ", "Jaysh-e-Qurmul")
    assert acronym_fits("TQP", "Tanzim al-Qurmul Pakistan")
    assert acronym_fits("HRQ", "Hay’at Rahbar al-Qurmul")  # the apostrophe is no word boundary


def test_a_parent_acronym_is_kept_whole_before_a_branch() -> None:
    assert acronym_fits("QLF-US", "QLF in the Upper Sahel")
    assert not acronym_fits("QLF", "QLF in the Upper Sahel")  # the parent is not the branch


def test_a_tail_is_left_out_only_where_the_article_says_so() -> None:
    long = "Relief and Development Council of Tanzim al-Qurmul"
    assert acronym_fits("RDC", long, tail=True)
    assert not acronym_fits("RDC", long)
    assert not acronym_fits("RQ", "Tanzim Qurmul")
    assert not acronym_fits("TQX", "Tanzim Qurmul")


def test_a_definition_may_skip_one_word_or_take_syllables() -> None:
    """Official acronyms skip a word ("Vellacott Union Relief Mission in Dorland (VRMD)") or take syllables
    ("Northern Command (NORTHCOM)"): read so only where the article defines them (``tail``)."""
    assert acronym_fits("VRMD", "Vellacott Union Relief Mission in Dorland", tail=True)
    assert not acronym_fits("VRMD", "Vellacott Union Relief Mission in Dorland")
    assert acronym_fits("NORTHCOM", "Northern Command", tail=True)
    assert not acronym_fits("NORTHCOM", "Northern Command")
    # never both at once, never the first word skipped, never two words skipped
    assert not acronym_fits("VRMIS", "Vellacott Union Relief Mission", tail=True)
    assert not acronym_fits("URM", "Vellacott Union Relief Mission", tail=True)
    assert not acronym_fits("VM", "Vellacott Union Relief Mission", tail=True)


def test_a_name_cut_before_in_place_runs_to_a_definition_that_skips_a_word() -> None:
    """ "Vellacott Union Relief Mission | in Dorland (VRMD)": the acronym skips "Union" and spells the place."""
    from threatgraph.extract.defined import _unglue

    text = "Soldiers of the Vellacott Union Relief Mission in Dorland (VRMD) were attacked."
    start = text.index("Vellacott")
    place = text.index("Dorland")
    mentions = [
        Mention(
            start,
            start + len("Vellacott Union Relief Mission"),
            "Vellacott Union Relief Mission",
            "Organization",
            "",
            text,
            0,
        ),
        Mention(place, place + len("Dorland"), "Dorland", "Location", "", text, 0),
    ]
    assert [m.text for m in _unglue(text, mentions)] == ["Vellacott Union Relief Mission in Dorland"]


@settings(deadline=None)
@given(st.text(max_size=12), st.text(max_size=40))
def test_acronym_fits_never_raises(short: str, long: str) -> None:
    assert acronym_fits(short, long) in (True, False)


def test_what_looks_like_an_acronym() -> None:
    assert looks_like_acronym("JeQ") and looks_like_acronym("QLF-US") and looks_like_acronym("Q.L.F.")
    assert not looks_like_acronym("Qurmul") and not looks_like_acronym("Tanzim Qurmul")


def test_alignment_reads_real_acronyms_but_a_parent_is_not_its_branch() -> None:
    score = compare_names(name_form("JeQ"), name_form("Jaysh-e-Qurmul"))
    assert score.feature == "acronym" and 0.85 <= score.score < 0.88  # three letters: needs context
    assert compare_names(name_form("QLF"), name_form("QLF in the Upper Sahel")).score < 0.88


def _m(text: str, start: int, label: str = "Organization") -> Mention:
    return Mention(start, start + len(text), text, label, text.casefold(), "s", 0)


def test_an_article_definition_joins_the_acronym_to_its_name() -> None:
    text = "The Relief and Development Council of Tanzim al-Qurmul (RDC) said RDC would appeal. Chad (CDX) too."
    name = _m("Relief and Development Council of Tanzim al-Qurmul", 4)
    short = _m("RDC", text.index("(RDC)") + 1)
    later = _m("RDC", text.index("RDC would"))
    chad = _m("Chad", text.index("Chad"), "Country")
    cdx = _m("CDX", text.index("(CDX)") + 1)
    mentions = [name, short, later, chad, cdx]
    pairs = definitions(text, mentions)
    assert pairs == [(name, short)]
    grouped = group_mentions(mentions, joins=pairs)
    assert len({m.group for m in grouped if m.text in ("RDC", name.text)}) == 1
    assert cdx.group != chad.group


def test_company_names_one_word_apart_are_two_companies_but_a_group_keeps_its_generic_words() -> None:
    """Found by benchmarks/pairs.py on list aliases: "X Ltd" and "X Holdings Ltd" are different entries."""
    assert compare_names(name_form("Qurmul Ltd"), name_form("Qurmul Holdings Ltd")).score < 0.88
    assert compare_names(name_form("LLC Qurmul"), name_form("LLC Qurmul Trading")).score < 0.88
    assert compare_names(name_form("Qurmul Group"), name_form("Qurmul")).score >= 0.88
    assert compare_names(name_form("Private Military Company Qurmul"), name_form("Qurmul Group")).score >= 0.88


def test_known_as_in_the_same_sentence_renames_the_nearest_organisation() -> None:
    text = "He led Tanzim Qurmul (TQ), active in Chad and commonly referred to as “Qurmul-West.” Oslo (OSX) too."
    sent = 0
    tq = _m("Tanzim Qurmul", text.index("Tanzim"))
    tql = _m("TQ", text.index("(TQ)") + 1)
    chad = _m("Chad", text.index("Chad"), "Country")
    west = _m("Qurmul-West", text.index("Qurmul-West"), "ArmedGroup")
    for m in (tq, tql, chad, west):
        m.sent_start = sent
    pairs = definitions(text, [tq, tql, chad, west])
    assert (tq, tql) in pairs and (tql, west) in pairs
    assert not any(chad in p for p in pairs)
    grouped = group_mentions([tq, tql, chad, west], joins=pairs)
    assert len({m.group for m in grouped if m is not chad}) == 1


def test_known_as_never_crosses_a_sentence_or_pairs_a_person() -> None:
    text = "Tanzim Qurmul struck. A man known as Abu Qurmul fled. A cell called Qurmul-East formed."
    tq = _m("Tanzim Qurmul", 0)
    abu = _m("Abu Qurmul", text.index("Abu"), "Person")
    east = _m("Qurmul-East", text.index("Qurmul-East"), "ArmedGroup")
    tq.sent_start, abu.sent_start, east.sent_start = 0, text.index("A man"), text.index("A cell")
    assert definitions(text, [tq, abu, east]) == []


def test_known_as_after_a_common_noun_renames_the_noun_not_the_organisation() -> None:
    text = "Tanzim Qurmul backs a militia known as Qurmul-East."
    tq = _m("Tanzim Qurmul", 0)
    east = _m("Qurmul-East", text.index("Qurmul-East"), "ArmedGroup")
    tq.sent_start = east.sent_start = 0
    assert definitions(text, [tq, east]) == []


def test_known_as_after_a_unit_noun_renames_the_unit_not_its_parent() -> None:
    text = "Strikes hit the Tanzim Qurmul cell known as Dabbur, officials said."
    tq = _m("Tanzim Qurmul", text.index("Tanzim"))
    cell = _m("Dabbur", text.index("Dabbur"), "ArmedGroup")
    tq.sent_start = cell.sent_start = 0
    assert definitions(text, [tq, cell]) == []
    also = "Tanzim Qurmul, also known as Dabbur, struck."
    tq2, d2 = _m("Tanzim Qurmul", 0), _m("Dabbur", also.index("Dabbur"), "ArmedGroup")
    tq2.sent_start = d2.sent_start = 0
    assert definitions(also, [tq2, d2]) == [(tq2, d2)]


def test_known_as_after_an_enumeration_renames_the_last_item_not_an_earlier_one() -> None:
    """ "A, B, and C SARL(C), now known as D": D renames C, a company the extractor may have missed; never B."""
    text = (
        "Earlier action hit Qurmul Invest, Dabbur Trading SARL, and Zawra Logistique SARL(Zawra), "
        "now known as Nahr Holdings SARL."
    )
    qi = _m("Qurmul Invest", text.index("Qurmul"), "Organization")
    dt = _m("Dabbur Trading SARL", text.index("Dabbur"), "Organization")
    nh = _m("Nahr Holdings SARL", text.index("Nahr"), "Organization")
    qi.sent_start = dt.sent_start = nh.sent_start = 0
    assert definitions(text, [qi, dt, nh]) == []
    renamed = "Dabbur Trading SARL, and now known as Nahr Holdings SARL, moved funds."
    dt2, nh2 = (
        _m("Dabbur Trading SARL", 0, "Organization"),
        _m("Nahr Holdings SARL", renamed.index("Nahr"), "Organization"),
    )
    dt2.sent_start = nh2.sent_start = 0
    assert definitions(renamed, [dt2, nh2]) == [(dt2, nh2)]


def test_known_as_right_after_a_place_renames_the_place_never_an_organisation_before_it() -> None:
    """ "X sanctioned officials of the forces of Y, commonly known as Z" with Y typed a place: Z renames
    Y (mistyped or not), never the sanctioning body X named further back."""
    text = "Today, the Qurmul Finance Office sanctioned officers of the forces of Dabbur, commonly known as the Zawra."
    office = _m("Qurmul Finance Office", text.index("Qurmul"), "PublicBody")
    place = _m("Dabbur", text.index("Dabbur"), "Location")
    zawra = _m("Zawra", text.index("Zawra"), "ArmedGroup")
    office.sent_start = place.sent_start = zawra.sent_start = 0
    assert definitions(text, [office, place, zawra]) == []


def test_a_definition_may_take_syllables_and_leave_kind_words_out() -> None:
    """ "<Country> Naval Forces Qandor Command's (NAVQAN)": syllables of two words, two words giving none, the
    country left out; only where the article defines it, and never from single letters."""
    assert acronym_fits("NAVQAN", "U.S. Naval Forces Qandor Command", tail=True)
    assert not acronym_fits("NAVQAN", "U.S. Naval Forces Qandor Command")
    assert not acronym_fits("NAVQAN", "Vellacott Naval Forces Qandor Command", tail=True)  # no country there
    assert not acronym_fits("NQ", "Naval Forces Reserve Qandor", tail=True)
    assert not acronym_fits("NAVQAN", "Naval Forces Reserve Units Qandor Command", tail=True)  # three left out
