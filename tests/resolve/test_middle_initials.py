"""Middle initials (issue 9, s18): an initial stands for the middle name it opens, and two initials that differ are
two people, even where a bare first and last name fits both. All names are invented."""

from __future__ import annotations

from sqlalchemy import select

from threatgraph import resolve
from threatgraph.names.align import MATCH_THRESHOLD, compare_names, middle_conflict
from threatgraph.names.forms import name_form
from threatgraph.resolve.compare import score_group
from threatgraph.resolve.judge import ActorFacts, namesake_name
from threatgraph.store.schema import mentions

from .conftest import build


def _p(name: str):
    return name_form(name, "Person")


def _score(a: str, b: str) -> tuple[float, str]:
    s = compare_names(_p(a), _p(b), True)
    return s.score, s.feature


def test_an_initial_stands_for_the_middle_name_it_opens() -> None:
    # before: 0.67 ("fuzzy"), so a release's "Tarvel K. Vellacott" was a namesake of the listed full name
    score, feature = _score("Tarvel K. Vellacott", "Tarvel Kazimirovich Vellacott")
    assert (score, feature) == (0.93, "initial-expands")
    assert _score("Tarvel Kazimirovich Vellacott", "Tarvel K. Vellacott")[0] == score  # symmetric


def test_control_an_initial_that_opens_another_name_is_another_person() -> None:
    score, feature = _score("Tarvel M. Vellacott", "Tarvel Kazimirovich Vellacott")
    assert feature == "initial-differs"
    assert score < MATCH_THRESHOLD - 0.15  # no shared context can merge them


def test_control_an_initial_first_name_or_another_surname_is_no_expansion() -> None:
    assert _score("T. Kazimirovich Vellacott", "Tarvel Kazimirovich Vellacott")[1] != "initial-expands"
    assert _score("Tarvel K. Vellacott", "Tarvel Kazimirovich Osrandi")[0] < MATCH_THRESHOLD


def test_two_initials_that_differ_conflict_a_missing_one_does_not() -> None:
    assert middle_conflict(_p("Dorian Q. Halvey"), _p("Dorian R. Halvey"))
    assert middle_conflict(_p("Dorian R. Halvey"), _p("Dorian Quillan Halvey"))
    assert not middle_conflict(_p("Dorian Q. Halvey"), _p("Dorian Halvey"))
    assert not middle_conflict(_p("Dorian Q. Halvey"), _p("Dorian Quillan Halvey"))
    assert not middle_conflict(_p("Dorian Q. Halvey"), _p("Marten R. Halvey"))  # another first name: not this test


def test_a_bare_name_that_fits_an_actor_does_not_outweigh_its_other_initial() -> None:
    """The group "Dorian R. Halvey" against an actor named "Dorian Halvey" and "Dorian Q. Halvey": the bare name
    aligns (0.93), the initials say two people."""
    actor = [_p("Dorian Halvey"), _p("Dorian Q. Halvey")]
    other = score_group([_p("Dorian R. Halvey")], set(), actor, {}, True)
    assert other.score < MATCH_THRESHOLD and other.name.feature == "initial-clash"
    same = score_group([_p("Dorian Q. Halvey")], set(), actor, {}, True)
    assert same.score >= MATCH_THRESHOLD  # control


def _entity(store, text: str) -> str:
    with store.connect() as conn:
        return conn.execute(select(mentions.c.entity_id).where(mentions.c.text == text)).scalar_one()


def test_two_initials_stay_two_people_through_the_bare_name(store, add) -> None:
    """Before: both releases' men were one actor, the second joining through "Dorian Halvey"."""
    ids = add(
        build("Dorian Halvey spoke in Tamsin on Monday.", [("Person", ["Dorian Halvey"])]),
        build("Dorian Q. Halvey, a banker, spoke.", [("Person", ["Dorian Q. Halvey"])]),
        build("Dorian R. Halvey, a farmer, spoke.", [("Person", ["Dorian R. Halvey"])]),
        build("Dorian Quillan Halvey, a banker, spoke.", [("Person", ["Dorian Quillan Halvey"])]),
    )
    resolve.update(store, ids)
    q, r, full = (_entity(store, n) for n in ("Dorian Q. Halvey", "Dorian R. Halvey", "Dorian Quillan Halvey"))
    assert q != r and r != full
    assert _entity(store, "Dorian Halvey") in (q, r)  # control: the bare name still joins one of them


def test_an_initial_joins_the_middle_name_it_opens(store, add) -> None:
    ids = add(
        build("Dorian Q. Halvey, a banker, spoke.", [("Person", ["Dorian Q. Halvey"])]),
        build("Dorian Quillan Halvey, a banker, spoke.", [("Person", ["Dorian Quillan Halvey"])]),
        build("Dorian T. Halvey, a farmer, spoke.", [("Person", ["Dorian T. Halvey"])]),
    )
    resolve.update(store, ids)
    assert _entity(store, "Dorian Q. Halvey") == _entity(store, "Dorian Quillan Halvey")
    assert _entity(store, "Dorian T. Halvey") != _entity(store, "Dorian Quillan Halvey")  # control


def test_a_listed_middle_name_written_as_its_initial_is_no_namesake() -> None:
    """The judge reads an actor's other full name that fits no listed name as a namesake merged in: the listed
    person's own name with the patronymic as an initial fits the listed full name."""
    entry = {"schema": "Person", "properties": {"name": ["Tarvel Kazimirovich VELLACOTT"]}}
    matched = ("Tarvel Vellacott", "Tarvel Kazimirovich VELLACOTT")

    def actor(*names: str) -> ActorFacts:
        return ActorFacts("Person", [_p(n) for n in names], {})

    assert namesake_name(actor("Tarvel Vellacott", "Tarvel K. Vellacott"), entry, matched) is None
    assert namesake_name(actor("Tarvel Vellacott", "Tarvel M. Vellacott"), entry, matched) == "Tarvel M. Vellacott"
