"""A bare surname goes to the actor that bears it in a full name (issue 9, missed merges): one-word entities that
earlier bare mentions formed are neither its rivals nor its home while a bearer fits, and they do not crowd the
bearer out of the candidates the resolver scores. All names are invented."""

from __future__ import annotations

from sqlalchemy import insert

from threatgraph import resolve
from threatgraph.names.forms import name_form
from threatgraph.resolve.bearers import bearers_first, other_bearer
from threatgraph.resolve.cluster import MAX_CANDIDATES, Resolver
from threatgraph.resolve.compare import score_group
from threatgraph.resolve.decisions import load_decisions
from threatgraph.resolve.groups import Profile
from threatgraph.resolve.surnames import bears
from threatgraph.store.schema import entities, resolve_keys

from .conftest import build, entity_names


def _forms(*names: str):
    return [name_form(n, "Person") for n in names]


def _profile(eid: str, *names: str) -> Profile:
    return Profile(eid, "Person", names[0], 1, 1, None, None, {}, dict.fromkeys(names, 1))


def test_a_bearer_carries_the_word_as_the_surname_of_a_full_name() -> None:
    assert bears("halvey", _forms("Corvin Halvey", "Halvey"))
    assert not bears("halvey", _forms("Halvey"))  # the word alone
    assert not bears("halvey", _forms("Halvey Council House", "Halvey"))  # inside another name, not its surname
    assert not bears("halvey", _forms("Halvey Corvin"))  # a given name is no surname


def test_the_bearer_comes_before_one_word_entities_that_scored_higher() -> None:
    bare = _forms("Halvey")
    one_word, bearer = _profile("ent-a", "Halvey"), _profile("ent-b", "Corvin Halvey", "Halvey")
    high = score_group(bare, {"x", "y"}, one_word.forms(), {"x": 1, "y": 1}, True)
    low = score_group(bare, {"x", "y"}, bearer.forms(), {"x": 1, "y": 1, "z": 1}, True)
    ordered = bearers_first(bare, [(high, one_word), (low, bearer)])
    assert [p.id for _, p in ordered] == ["ent-b"]


def test_control_without_a_bearer_or_with_two_nothing_is_dropped() -> None:
    bare = _forms("Halvey")
    gs = score_group(bare, set(), _forms("Halvey"), {}, True)
    alone = [(gs, _profile("ent-a", "Halvey")), (gs, _profile("ent-c", "Halvey"))]
    assert bearers_first(bare, alone) == alone
    two = [(gs, _profile("ent-b", "Corvin Halvey")), (gs, _profile("ent-d", "Marisa Halvey")), alone[0]]
    assert [p.id for _, p in bearers_first(bare, two)] == ["ent-b", "ent-d"]  # still rivals (WEAK_MARGIN)


def test_a_bare_surname_in_both_companies_joins_the_bearer_not_the_one_word_entity(store, add) -> None:
    """Before: a bare "Halvey" seen in other company formed a one-word entity; a later bare "Halvey" in the company
    of both was a surname "shared by several known people" and formed a third entity."""
    banker = build(
        "Corvin Halvey met Tamsin Bank and the Orlo Council. Halvey said talks went well.",
        [
            ("Person", ["Corvin Halvey", "Halvey"]),
            ("Organization", ["Tamsin Bank"]),
            ("Organization", ["Orlo Council"]),
        ],
    )
    elsewhere = build(
        "Halvey met the Vorn Group and the Pellis Fund on Monday.",
        [("Person", ["Halvey"]), ("Organization", ["Vorn Group"]), ("Organization", ["Pellis Fund"])],
    )
    both = build(
        "Halvey met Tamsin Bank, the Orlo Council, the Vorn Group and the Pellis Fund.",
        [
            ("Person", ["Halvey"]),
            ("Organization", ["Tamsin Bank"]),
            ("Organization", ["Orlo Council"]),
            ("Organization", ["Vorn Group"]),
            ("Organization", ["Pellis Fund"]),
        ],
    )
    for analysis in (banker, elsewhere, both):
        resolve.update(store, add(analysis))
    assert "Corvin Halvey" in entity_names(store, "Bank, the Orlo", "Halvey")
    assert "Corvin Halvey" not in entity_names(store, "on Monday", "Halvey")  # control: no shared company, no join


def test_one_word_entities_do_not_crowd_the_bearer_out_of_the_candidates(store) -> None:
    """More one-word "Halvey" entities than the resolver scores, each filed under more of the bare name's keys than
    the full-named bearer (whose id also sorts last): the bearer, filed under the whole bare name and reported most,
    is still among the candidates. Before: the cut by shared keys, ties by id, left it out."""
    keys = {"Person|n:halvey", "Person|a:halvey", "Person|p:HLF"}
    lone = [f"ent-{i:02d}" for i in range(MAX_CANDIDATES + 2)]
    with store.begin() as conn:
        rows = [(e, "Halvey", 1) for e in lone] + [("ent-zz", "Corvin Halvey", 30)]
        conn.execute(
            insert(entities),
            [{"id": e, "schema": "Person", "caption": c, "norm": c.casefold(), "article_count": n} for e, c, n in rows],
        )
        filed = [(k, e) for e in lone for k in keys] + [("Person|n:halvey", "ent-zz")]
        conn.execute(insert(resolve_keys), [{"key": k, "entity_id": e} for k, e in filed])
    with store.connect() as conn:
        found = Resolver(conn, load_decisions(conn))._candidates(keys)
    assert len(found) == MAX_CANDIDATES and found[0] == "ent-zz"


def _scored(context: float, names: list[str], eid: str, uses: int = 1):
    prof = _profile(eid, *names)
    prof.alias_counts["Halvey"] = uses
    gs = score_group(_forms("Halvey"), set(), prof.forms(), {}, True)
    gs.context = context
    return gs, prof


def test_another_bearer_close_in_company_or_called_so_more_often_leaves_the_bare_name_apart() -> None:
    """A bearer within the margin of the best, whether or not it passed the bar, leaves the bare name apart; clear
    company decides, however often the other is called so."""
    bare = _forms("Halvey")
    relative = _scored(0.4, ["Marisa Halvey", "Halvey"], "ent-m", uses=3)
    figure = _scored(0.05, ["Corvin Halvey", "Halvey"], "ent-c", uses=300)
    assert not other_bearer(bare, relative, [relative, figure])  # clear company decides, however often named
    close = _scored(0.35, ["Corvin Halvey", "Halvey"], "ent-c", uses=1)
    assert other_bearer(bare, relative, [relative, close])  # within the margin


def test_control_the_figure_in_its_own_company_or_the_only_bearer_is_a_safe_guess() -> None:
    bare = _forms("Halvey")
    figure = _scored(0.3, ["Corvin Halvey", "Halvey"], "ent-c", uses=300)
    relative = _scored(0.0, ["Marisa Halvey", "Halvey"], "ent-m", uses=3)
    assert not other_bearer(bare, figure, [figure, relative])
    one_word = _scored(0.3, ["Halvey"], "ent-o", uses=500)  # no bearer: not a rival here
    assert not other_bearer(bare, figure, [figure, one_word])
