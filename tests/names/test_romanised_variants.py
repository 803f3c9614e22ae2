"""Romanised variants of one Arabic-origin word (issue 9, s21): the qaf written "q", "k" or "g", the dhal "dh", "d" or
"z", the tha "th", "t" or "s". Evidence that two names are one, never equality: a name whose parts pair only so
merges with shared context, and never on the name alone. Names are invented."""

from __future__ import annotations

from threatgraph.names.align import MATCH_THRESHOLD, ROMANISED, compare_names
from threatgraph.names.forms import name_form
from threatgraph.names.romanised import romanised_keys, romanised_variant
from threatgraph.resolve.compare import score_group
from threatgraph.screen.compare import ROMANISED_SIM, token_similarity


def _p(name: str):
    return name_form(name, "Person")


def _o(name: str):
    return name_form(name, "Organization")


def test_letter_classes_of_one_word_meet() -> None:
    for a, b in (
        ("qadhuri", "gadduri"),  # qaf as "g", dhal as "d" (doubled)
        ("qadhuri", "kadhuri"),
        ("ramadhan", "ramazan"),
        ("ramadhan", "ramadan"),
        ("uthmani", "usmani"),
        ("qahtani", "gahtani"),
    ):
        assert romanised_variant(a, b), (a, b)
        assert romanised_variant(b, a), (b, a)


def test_other_names_stay_apart() -> None:
    for a, b in (
        ("hassan", "hussein"),  # one skeleton, other vowels: two names
        ("kamal", "gamal"),  # short words are left out (Egyptian "Gamal" is "Jamal")
        ("keller", "geller"),  # no qaf: "g" and "k" are two letters
        ("gordon", "kordon"),
        ("ghazali", "qazali"),  # ghain is no qaf
        ("khalidi", "kalidi"),  # kha is no kaf
        ("madani", "mazani"),  # "d" and "z" meet only through a written "dh"
        ("qadhuri", "qadhuri"),  # one spelling: nothing to vary
    ):
        assert not romanised_variant(a, b), (a, b)
    assert romanised_keys("qadhur1") == frozenset()


def test_a_name_paired_only_so_needs_context() -> None:
    s = compare_names(_p("Saad Gadduri"), _p("Saad al-Qadhuri"), True)
    assert s.feature == "aligned-romanised"
    assert s.score == ROMANISED < MATCH_THRESHOLD
    one = compare_names(_p("Gadduri"), _p("Qadhuri"), True)
    assert one.feature == "aligned-romanised" and one.score < ROMANISED
    org = compare_names(_o("Gadduri Tawhidi Front"), _o("Qadhuri Tawhidi Front"))
    assert org.feature == "aligned-romanised" and org.score < MATCH_THRESHOLD
    # control: the fold's sure conventions still align in full ("q"/"k", "dh"/"z")
    assert compare_names(_p("Saad Qadhuri"), _p("Saad Kazuri"), True).score >= MATCH_THRESHOLD


def test_every_part_must_pair() -> None:
    assert compare_names(_p("Omar Gadduri"), _p("Saad Qadhuri"), True).feature != "aligned-romanised"


def test_shared_company_corroborates_a_romanised_name() -> None:
    names, other = [_p("Saad Gadduri")], [_p("Saad Qadhuri")]
    ctx = {"Organization:tamsin bank", "Person:orlo venn", "Location:vell"}
    alone = score_group(names, set(), other, {}, True)
    assert alone.score < MATCH_THRESHOLD
    apart = score_group(
        names, {"Person:ilse marr", "Location:quent", "Organization:dorr party"}, other, dict.fromkeys(ctx, 2), True
    )
    assert apart.score < MATCH_THRESHOLD
    together = score_group(names, ctx, other, dict.fromkeys(ctx, 2), True)
    assert together.score >= MATCH_THRESHOLD


def test_screening_reads_a_romanised_variant_as_a_near_spelling() -> None:
    assert token_similarity("gadduri", "qadhuri") == ROMANISED_SIM
    assert token_similarity("keller", "geller") < ROMANISED_SIM
    assert token_similarity("kadhuri", "qadhuri") > ROMANISED_SIM  # the fold's conventions rank above


def test_a_romanised_person_name_reads_sanctioned_only_with_two_corroborations() -> None:
    from threatgraph.resolve.judge import POSSIBLE, PROBABLE, ActorFacts, judge

    listed = {
        "schema": "Person",
        "properties": {"name": ["Saad QADHURI"], "nationality": ["ly"]},
        "links": ["TAWHIDI FRONT"],
    }

    def actor(context: dict[str, int], designated: bool = False) -> ActorFacts:
        return ActorFacts("Person", [_p("Saad Gadduri")], context, designated=designated)

    alone = judge(actor({}), listed, "Person")
    assert alone.state == POSSIBLE and alone.name_kind == "partial"
    one = judge(actor({"Place:libya": 2}), listed, "Person")
    assert one.state == POSSIBLE
    two = judge(actor({"Place:libya": 2, "Organization:tawhidi": 1}), listed, "Person")
    assert two.state == PROBABLE
    # another given name is never the listed person's, however corroborated
    other = ActorFacts("Person", [_p("Omar Gadduri")], {"Place:libya": 2, "Organization:tawhidi": 1}, True)
    assert judge(other, listed, "Person").state == POSSIBLE
