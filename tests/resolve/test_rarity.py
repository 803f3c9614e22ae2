"""The job-wide name statistic (:mod:`threatgraph.resolve.rarity`): common parts join no block, rarity is
counted once per job, so blocks resolved in any order (Spark's parallel tasks) decide alike."""

from __future__ import annotations

from collections import Counter

from sqlalchemy import select

from threatgraph.bulk.resolve import _Blocks, group_node, lookup_keys
from threatgraph.resolve.cluster import Resolver, archive_persons, common_context, load_groups
from threatgraph.resolve.decisions import Decisions
from threatgraph.resolve.rarity import COMMON_NAMES, NameStats, counted, name_share
from threatgraph.store.schema import mentions

from .conftest import build

GIVEN = "Orvan"
SURNAMES = [
    f"{a}{b}"
    for a in ("Quar", "Hell", "Prav", "Omsl", "Drub", "Cast", "Yarr", "Fenl", "Zhed", "Wyk", "Bavr", "Telk")
    for b in ("ington", "ovic", "esku")
]


def _crowd() -> list:
    """Articles naming more people called "<GIVEN> <surname>" than COMMON_NAMES, three to an article."""
    names = [f"{GIVEN} {s}" for s in SURNAMES]
    assert len(names) > COMMON_NAMES
    return [
        build("Named: " + ", ".join(names[i : i + 3]) + ".", [("Person", [n]) for n in names[i : i + 3]])
        for i in range(0, len(names), 3)
    ]


def test_counts_sum_the_archive_and_the_job_and_only_part_keys_can_be_common() -> None:
    stats = NameStats.from_counts({"Person|t:orvan": 20, "Person|n:orvan": 1}, {"Person|t:orvan": 15}, 0)
    assert stats.counts["Person|t:orvan"] == 35 and stats.carrying("orvan") == 36
    assert stats.common("Person|t:orvan") and not stats.common("Person|n:orvan")
    assert stats.blocking({"Person|t:orvan", "Person|n:orvan quar", "Person|t:quar"}) == {
        "Person|n:orvan quar",
        "Person|t:quar",
    }
    assert counted("Person|n:orvan") and not counted("Person|n:orvan quar") and not counted("Organization|n:fajr")
    assert counted("Organization|t:fajr") and counted("Organization|p:FJR") and counted("Person|a:oq")
    assert not counted("Person|s:rvnql")


def test_a_common_given_name_chains_no_block(store, add) -> None:
    """Without the statistic every "<GIVEN> <surname>" shares one block through the given name's keys; with
    it each full name blocks on its own, and a rare surname still meets its other spellings."""
    ids = add(*_crowd(), build("Orvan Quarovic and Orvan Quar-ovic met.", [("Person", ["Orvan Quar-ovic"])]))
    with store.connect() as conn:
        groups = load_groups(conn, ids)
        names = NameStats.of(conn, groups, archive_persons(conn))
    assert names.common(f"Person|t:{GIVEN.lower()}")

    def blocks(stats: NameStats | None) -> dict[str, int]:
        b = _Blocks()
        for g in groups:
            for k in lookup_keys(g, Decisions(), None, stats):
                b.union(group_node(g.article_id, g.grp), k)
        return {next(iter(g.names)): b.find(b.index[group_node(g.article_id, g.grp)]) for g in groups}

    assert len(set(blocks(None).values())) == 1
    apart = blocks(names)
    sizes = Counter(apart.values())
    assert len(sizes) >= len(SURNAMES) // 3 and max(sizes.values()) <= 4  # a crowd article shares initials (a: keys)
    assert apart["Orvan Quar-ovic"] == apart["Orvan Quarovic"] != apart["Orvan Hellovic"]


def test_the_statistic_is_read_once_before_the_job_and_not_from_the_store_while_resolving(store, add) -> None:
    """Two blocks of one job resolved one after the other, each committing before the next (as Spark's tasks
    do in whatever order they finish), decide alike in either order: rarity is the job's statistic, not what
    the other block has filed by then. Here a person named alike in two releases in different company shares
    only a common given name with everyone of the other block."""
    crowd = _crowd()
    one = build(
        "Orvan Vellacott said Kestrel Holdings, Amber Line and Corvid Trading in Qandor were designated.",
        [
            ("Person", ["Orvan Vellacott"]),
            ("Company", ["Kestrel Holdings"]),
            ("Company", ["Amber Line"]),
            ("Company", ["Corvid Trading"]),
            ("Location", ["Qandor"]),
        ],
    )
    two = build(
        "Orvan Vellacott said Harrow Shipping, Ostrand Bank and Miravel Group in Belvora were designated.",
        [
            ("Person", ["Orvan Vellacott"]),
            ("Company", ["Harrow Shipping"]),
            ("Organization", ["Ostrand Bank"]),
            ("Company", ["Miravel Group"]),
            ("Location", ["Belvora"]),
        ],
    )
    ids = add(*crowd, one, two)
    crowd_ids, pair_ids = ids[: len(crowd)], ids[len(crowd) :]

    def clusters(first: list[str], second: list[str]) -> set[frozenset[tuple[str, str]]]:
        with store.connect() as conn:
            trans = conn.begin()
            groups = load_groups(conn, ids)
            names = NameStats.of(conn, groups, max(archive_persons(conn), 100))
            common = common_context(conn, groups)
            for part in (first, second):
                resolver = Resolver(conn, Decisions(), names=names)
                resolver.resolve_groups([g for g in load_groups(conn, part)], common=common)
                resolver.flush()
            by_entity: dict[str, set[tuple[str, str]]] = {}
            for aid, text, eid in conn.execute(select(mentions.c.article_id, mentions.c.text, mentions.c.entity_id)):
                by_entity.setdefault(eid, set()).add((aid, text))
            trans.rollback()
        return {frozenset(v) for v in by_entity.values()}

    assert clusters(crowd_ids, pair_ids) == clusters(pair_ids, crowd_ids)


def test_a_share_counts_names_new_to_the_archive_once(store, add) -> None:
    """A name the archive already files is counted there, not again as the job's."""
    from threatgraph import resolve

    first = add(build("Orvan Vellacott spoke.", [("Person", ["Orvan Vellacott"])]))
    resolve.update(store, first)
    again = add(
        build(
            "Orvan Vellacott and Mirela Vellacott spoke.",
            [("Person", ["Orvan Vellacott"]), ("Person", ["Mirela Vellacott"])],
        )
    )
    with store.connect() as conn:
        share = name_share(conn, load_groups(conn, again))
        stats = NameStats.of(conn, load_groups(conn, again), 0)
    assert share.stored["Person|t:vellacott"] == 1
    assert share.new["Person|t:vellacott"] == {"Person:mirela vellacott"}
    assert stats.carrying("vellacott") == 2


def test_two_spellings_of_a_full_name_of_common_words_still_meet_under_their_pair_key() -> None:
    """Both words common: the part keys are dropped, the first-and-last pair (skeletons) still joins the
    name written with a middle name too; a name with another surname does not share it."""
    from threatgraph.names.forms import blocking_keys, name_form

    def keys(name: str) -> set[str]:
        return blocking_keys(name_form(name, "Person"), "Person")

    one, two, other = keys("Orvan Telkaris"), keys("Orven Dask Telkares"), keys("Orvan Bavrolen")
    names = NameStats.from_counts({k: 100 for k in one | two | other if counted(k)}, {}, 0)
    shared = names.blocking(one) & names.blocking(two)
    assert shared == {"Person|f:rvn~tlkrs"}
    assert not names.blocking(one) & names.blocking(other)


def test_an_incremental_batch_counts_the_archive_and_still_finds_its_people(store, add) -> None:
    """A later batch counts the archive's names as of its start: the given name the archive's crowd shares is
    common there too, and a full name seen before is still found (by its whole-name and pair keys)."""
    from threatgraph import resolve

    first = add(*_crowd(), build("Orvan Telkaris spoke in Qandor.", [("Person", ["Orvan Telkaris"])]))
    resolve.update(store, first)
    later = add(build("Orvan Telkaris spoke again in Qandor.", [("Person", ["Orvan Telkaris"])]))
    with store.connect() as conn:
        names = NameStats.of(conn, load_groups(conn, later), archive_persons(conn))
    assert names.common(f"Person|t:{GIVEN.lower()}") and not names.common("Person|t:telkaris")
    resolve.update(store, later)
    with store.connect() as conn:
        found = {r[0] for r in conn.execute(select(mentions.c.entity_id).where(mentions.c.text == "Orvan Telkaris"))}
    assert len(found) == 1
