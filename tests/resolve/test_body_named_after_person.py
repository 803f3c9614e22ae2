"""A body named after a person is not folded into that person (issue 9, wrong merges): a group typed a body that
names the person ("<Given> <Surname>", "<Surname>") fits the person by one name and "<Surname> Foundation" by the
other, and that bridge alone joined the two. All names are invented."""

from __future__ import annotations

from threatgraph import resolve
from threatgraph.names.align import best_name_score
from threatgraph.resolve.cluster import _may_fold
from threatgraph.resolve.groups import Profile

from .conftest import build, entity_names


def _profile(eid: str, schema: str, *names: str) -> Profile:
    return Profile(eid, schema, names[0], 1, 1, None, None, {}, dict.fromkeys(names, 1))


def _folds(best: Profile, other: Profile) -> bool:
    return _may_fold(best, other, best_name_score(best.forms(), other.forms()))


def test_a_person_and_a_body_fold_only_on_a_shared_name() -> None:
    person = _profile("ent-p", "Person", "Corvin Halvey", "Halvey")
    assert not _folds(person, _profile("ent-o", "Organization", "Halvey Foundation"))
    assert _folds(_profile("ent-q", "Person", "Tamsin Wings"), _profile("ent-o", "Organization", "Tamsin Wings"))
    # control: within one family the resolver's other tests decide
    assert _folds(_profile("ent-a", "Organization", "Halvey Fund"), _profile("ent-b", "Organization", "Halvey"))


def test_a_person_typed_a_body_does_not_bridge_the_person_and_the_body(store, add) -> None:
    person = build(
        "Corvin Halvey met Tamsin Bank and the Orlo Council. Halvey said talks went well.",
        [
            ("Person", ["Corvin Halvey", "Halvey"]),
            ("Organization", ["Tamsin Bank"]),
            ("Organization", ["Orlo Council"]),
        ],
    )
    body = build(
        "The Halvey Foundation paid Tamsin Bank and the Orlo Council.",
        [
            ("Organization", ["Halvey Foundation"]),
            ("Organization", ["Tamsin Bank"]),
            ("Organization", ["Orlo Council"]),
        ],
    )
    resolve.update(store, add(person, body))
    mistyped = build(
        "Corvin Halvey spoke to Tamsin Bank and the Orlo Council. Halvey left early.",
        [
            ("Organization", ["Corvin Halvey", "Halvey"]),
            ("Organization", ["Tamsin Bank"]),
            ("Organization", ["Orlo Council"]),
        ],
    )
    resolve.update(store, add(mistyped))
    assert "Halvey Foundation" not in entity_names(store, "Halvey left early", "Corvin Halvey")
    assert "Corvin Halvey" not in entity_names(store, "Foundation paid", "Halvey Foundation")
