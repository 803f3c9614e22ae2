"""Cross-article resolution: spellings and scripts → one entity, namesakes apart, incremental updates."""

from __future__ import annotations

from sqlalchemy import func, select

from threatgraph import resolve
from threatgraph.model import Analysis
from threatgraph.store.schema import aliases, entities, events, mentions, quotes, resolve_keys

from .conftest import build

SPELLINGS = [
    build(
        "The Zainabiyoun Brigade recruited fighters in Karachi, Pakistan. Zainabiyoun fighters went to Syria.",
        [("ArmedGroup", ["Zainabiyoun Brigade", "Zainabiyoun"]), ("Location", ["Karachi"]), ("Country", ["Pakistan"])],
    ),
    build(
        "Police in Pakistan arrested members of the Zaynabiyoun in Karachi.",
        [("Organization", ["Zaynabiyoun"]), ("Country", ["Pakistan"]), ("Location", ["Karachi"])],
    ),
    build(
        "Liwa Zaynabiyun has sent fighters to Syria since 2014, backed by Iran.",
        [("ArmedGroup", ["Liwa Zaynabiyun"]), ("Country", ["Syria"]), ("Country", ["Iran"])],
    ),
    build(
        "Banners of لواء زینبیون were carried in Syria.",
        [("Organization", ["لواء زینبیون"]), ("Country", ["Syria"])],
    ),
]


def entity_of(store, text: str) -> set[str]:
    with store.connect() as conn:
        return {r[0] for r in conn.execute(select(mentions.c.entity_id).where(mentions.c.text == text))}


def test_spellings_and_scripts_resolve_to_one_entity(store, add) -> None:
    ids = add(*SPELLINGS)
    stats = resolve.update(store, ids)
    assert stats.articles == 4
    ents = set().union(
        *(entity_of(store, t) for t in ["Zainabiyoun Brigade", "Zaynabiyoun", "Liwa Zaynabiyun", "لواء زینبیون"])
    )
    assert len(ents) == 1 and None not in ents
    eid = ents.pop()
    with store.connect() as conn:
        row = conn.execute(select(entities).where(entities.c.id == eid)).mappings().one()
        scripts = dict(conn.execute(select(aliases.c.name, aliases.c.script).where(aliases.c.entity_id == eid)).all())
    assert row["schema"] == "ArmedGroup"
    assert row["caption"] == "Zainabiyoun Brigade"
    assert row["mention_count"] == 5 and row["article_count"] == 4
    assert scripts["لواء زینبیون"] == "Arabic" and scripts["Liwa Zaynabiyun"] == "Latin"
    assert eid.startswith("ent-") and len(eid) == 20


def test_one_article_at_a_time_gives_the_same_clusters(store, add) -> None:
    for a in SPELLINGS:
        resolve.update(store, add(a))
    assert (
        len(set().union(*(entity_of(store, t) for t in ["Zainabiyoun Brigade", "Liwa Zaynabiyun", "لواء زینبیون"])))
        == 1
    )
    assert len(entity_of(store, "Karachi")) == 1 and len(entity_of(store, "Syria")) == 1


def test_update_is_idempotent(store, add) -> None:
    ids = add(*SPELLINGS)
    resolve.update(store, ids)
    with store.connect() as conn:
        before = conn.execute(select(entities.c.id, entities.c.mention_count, entities.c.article_count)).all()
        n_aliases = conn.execute(select(func.sum(aliases.c.count))).scalar()
    again = resolve.update(store, ids)
    assert again.mentions == 0 and again.created == 0
    with store.connect() as conn:
        assert conn.execute(select(entities.c.id, entities.c.mention_count, entities.c.article_count)).all() == before
        assert conn.execute(select(func.sum(aliases.c.count))).scalar() == n_aliases


def test_types_are_kept_apart(store, add) -> None:
    a = build("Jordan met Jordan officials.", [("Person", ["Jordan"])])
    b = build("Officials in Jordan met envoys.", [("Country", ["Jordan"])])
    resolve.update(store, add(a, b))
    assert len(entity_of(store, "Jordan")) == 2


NAMESAKES = [
    build(
        "Interior Minister Rana Sanaullah Khan told the National Assembly in Islamabad that Pakistan would act.",
        [
            ("Person", ["Rana Sanaullah Khan"]),
            ("PublicBody", ["National Assembly"]),
            ("Location", ["Islamabad"]),
            ("Country", ["Pakistan"]),
        ],
    ),
    build(
        "Abdul Basit Khan, a research fellow at the S. Rajaratnam School of International Studies in Singapore, spoke.",
        [
            ("Person", ["Abdul Basit Khan"]),
            ("Organization", ["S. Rajaratnam School of International Studies"]),
            ("Location", ["Singapore"]),
        ],
    ),
]


def test_surnames_follow_context_and_ambiguous_ones_stay_apart(store, add) -> None:
    resolve.update(store, add(*NAMESAKES))
    minister = entity_of(store, "Rana Sanaullah Khan")
    researcher = entity_of(store, "Abdul Basit Khan")
    assert minister != researcher
    politics = build(
        "Khan told the National Assembly in Islamabad that Pakistan had banned the group.",
        [
            ("Person", ["Khan"]),
            ("PublicBody", ["National Assembly"]),
            ("Location", ["Islamabad"]),
            ("Country", ["Pakistan"]),
        ],
    )
    research = build(
        "Khan, speaking at the S. Rajaratnam School of International Studies in Singapore, disagreed.",
        [
            ("Person", ["Khan"]),
            ("Organization", ["S. Rajaratnam School of International Studies"]),
            ("Location", ["Singapore"]),
        ],
    )
    bare = build("Khan said the weather was fine.", [("Person", ["Khan"])])
    ids = add(politics, research, bare)
    resolve.update(store, ids)
    with store.connect() as conn:

        def ent(aid: str) -> str:
            return conn.execute(
                select(mentions.c.entity_id).where(mentions.c.article_id == aid, mentions.c.text == "Khan")
            ).scalar_one()

        assert {ent(ids[0])} == minister
        assert {ent(ids[1])} == researcher
        assert ent(ids[2]) not in minister | researcher


def test_full_name_namesakes_with_disjoint_context_stay_apart(store, add) -> None:
    footballer = build(
        "Ali Reza scored for Persepolis in Tehran against Esteghlal.",
        [
            ("Person", ["Ali Reza"]),
            ("Organization", ["Persepolis"]),
            ("Location", ["Tehran"]),
            ("Organization", ["Esteghlal"]),
        ],
    )
    commander = build(
        "Ali Reza, commander of the Fajr Brigade, was killed in Syria near Albu Kamal.",
        [
            ("Person", ["Ali Reza"]),
            ("ArmedGroup", ["Fajr Brigade"]),
            ("Country", ["Syria"]),
            ("Location", ["Albu Kamal"]),
        ],
    )
    again = build(
        "Fighters of the Fajr Brigade mourned Ali Reza in Syria near Albu Kamal.",
        [
            ("Person", ["Ali Reza"]),
            ("ArmedGroup", ["Fajr Brigade"]),
            ("Country", ["Syria"]),
            ("Location", ["Albu Kamal"]),
        ],
    )
    ids = add(footballer, commander, again)
    resolve.update(store, ids)
    with store.connect() as conn:
        by_article = dict(
            conn.execute(select(mentions.c.article_id, mentions.c.entity_id).where(mentions.c.text == "Ali Reza")).all()
        )
    assert by_article[ids[0]] != by_article[ids[1]]
    assert by_article[ids[1]] == by_article[ids[2]]


def test_two_people_in_one_article_are_not_merged(store, add) -> None:
    a = build(
        "Ahmad Shah met Ahmad Shah Massoud in Kabul.",
        [("Person", ["Ahmad Shah Massoud"]), ("Person", ["Ahmad Shah"]), ("Location", ["Kabul"])],
    )
    resolve.update(store, add(a))
    with store.connect() as conn:
        assert (
            conn.execute(
                select(func.count(mentions.c.entity_id.distinct())).where(mentions.c.label == "Person")
            ).scalar()
            == 2
        )


def test_a_bridging_article_merges_two_entities(store, add) -> None:
    latin = build(
        "Kata'ib Sayyid al-Shuhada fired rockets in Iraq.",
        [("ArmedGroup", ["Kata'ib Sayyid al-Shuhada"]), ("Country", ["Iraq"])],
    )
    arabic = build("أعلنت كتائب سيد الشهداء مسؤوليتها", [("ArmedGroup", ["كتائب سيد الشهداء"])])
    ids = add(latin, arabic)
    resolve.update(store, ids)
    first = entity_of(store, "Kata'ib Sayyid al-Shuhada") | entity_of(store, "كتائب سيد الشهداء")
    # whatever the first pass decided, an article naming the group both ways ends with one entity
    both = build(
        "Kataib Sayyid al-Shuhada (كتائب سيد الشهداء) denied it in Iraq.",
        [("ArmedGroup", ["Kataib Sayyid al-Shuhada", "كتائب سيد الشهداء"]), ("Country", ["Iraq"])],
    )
    stats = resolve.update(store, add(both))
    ents = (
        entity_of(store, "Kata'ib Sayyid al-Shuhada")
        | entity_of(store, "كتائب سيد الشهداء")
        | entity_of(store, "Kataib Sayyid al-Shuhada")
    )
    assert len(ents) == 1
    assert stats.merged == len(first) - 1
    eid = ents.pop()
    with store.connect() as conn:
        assert conn.execute(select(entities.c.mention_count).where(entities.c.id == eid)).scalar() == 4
        assert conn.execute(select(entities.c.article_count).where(entities.c.id == eid)).scalar() == 3
        # merged entity's keys moved; nothing points at a deleted entity
        orphans = conn.execute(
            select(func.count()).select_from(resolve_keys).where(resolve_keys.c.entity_id.not_in(select(entities.c.id)))
        ).scalar()
        assert orphans == 0


def test_events_and_quotes_are_linked_to_entities(store, add) -> None:
    a = build(
        'Police arrested Zainabiyoun recruiters in Karachi. "They were recruiting boys," said Umar Karim.',
        [
            ("PublicBody", ["Police"]),
            ("ArmedGroup", ["Zainabiyoun"]),
            ("Location", ["Karachi"]),
            ("Person", ["Umar Karim"]),
        ],
        events=[("ARREST", 0, 1)],
        quotes=[("They were recruiting boys,", 3)],
    )
    resolve.update(store, add(a))
    with store.connect() as conn:
        src, tgt = conn.execute(select(events.c.source_entity_id, events.c.target_entity_id)).one()
        spk = conn.execute(select(quotes.c.speaker_entity_id)).scalar()
    assert {src} == entity_of(store, "Police") and {tgt} == entity_of(store, "Zainabiyoun")
    assert {spk} == entity_of(store, "Umar Karim")


def test_dates_are_not_entities_and_empty_input_is_fine(store, add) -> None:
    a = build("In July 2022 the Fajr Brigade moved.", [("Date", ["July 2022"]), ("ArmedGroup", ["Fajr Brigade"])])
    stats = resolve.update(store, add(a))
    assert stats.created == 1
    assert entity_of(store, "July 2022") == {None}
    assert resolve.update(store, []).articles == 0
    assert resolve.update(store, ["no-such-article"]).mentions == 0


def test_common_context_is_computed_once_for_a_split_input(store, add) -> None:
    """The Spark path resolves one partition per task: the "too common to corroborate" statistic must be
    the whole input's, passed in, not each partition's own (issue 9, Spark consistency)."""
    from threatgraph.resolve.cluster import Resolver, common_context, load_groups
    from threatgraph.resolve.decisions import load_decisions

    ids = add(
        *(
            build(
                f"Officials in Karachi met the Crescent{i} Trust.",
                [("Location", ["Karachi"]), ("Organization", [f"Crescent{i} Trust"])],
            )
            for i in range(6)
        )
    )
    with store.begin() as conn:
        groups = load_groups(conn, ids)
        whole = common_context(conn, groups)
        one = [g for g in groups if g.article_id == ids[0]]
        assert any(k.endswith(":karachi") for k in whole)
        assert not common_context(conn, one)  # one article alone names nothing often
        given = Resolver(conn, load_decisions(conn))
        given.resolve_groups(one, common=whole)
        assert given.common == whole
        alone = Resolver(conn, load_decisions(conn))
        alone.resolve_groups([g for g in groups if g.article_id == ids[1]])
        assert alone.common == set()


def test_common_context_from_partition_counts_equals_the_whole_input(store, add) -> None:
    """The Spark path never holds all groups on the driver: it sums per-partition article counts per key
    (partitions hold disjoint articles) and must reach the statistic one run over all groups computes."""
    from collections import Counter

    from threatgraph.resolve.cluster import common_context, common_from_counts, load_groups

    ids = add(
        *(
            build(
                f"Officials in Karachi and Quetta met the Crescent{i} Trust.",
                [("Location", ["Karachi", "Quetta"][: 1 + i % 2]), ("Organization", [f"Crescent{i} Trust"])],
            )
            for i in range(7)
        )
    )
    with store.begin() as conn:
        groups = load_groups(conn, ids)
        counts: Counter[str] = Counter()
        for part in (ids[:3], ids[3:5], ids[5:]):
            per_key: dict[str, set[str]] = {}
            for g in (g for g in groups if g.article_id in part):
                for k in g.context:
                    per_key.setdefault(k, set()).add(g.article_id)
            counts.update({k: len(v) for k, v in per_key.items()})
        whole = common_context(conn, groups)
        assert whole and common_from_counts(conn, dict(counts)) == whole
        assert common_from_counts(conn, {}) == set()


def _crowd(n: int) -> Analysis:
    """One article naming ``n`` distinct invented people: an archive that has seen many persons."""
    first = ["Orvan", "Telka", "Marek", "Ilsur", "Bavro", "Kesti", "Ludan", "Pemra", "Sovik", "Arlet", "Nubek"]
    last = ["Quarn", "Hellit", "Pravok", "Omsley", "Drubin", "Castev", "Yarrow", "Fenlo", "Zhedro", "Wyke"]
    names = [f"{f} {x}" for f in first for x in last][:n]
    return build("Named: " + ", ".join(names) + ".", [("Person", [name]) for name in names])


def test_a_rare_full_name_in_disjoint_company_is_one_person_in_the_first_batch(store, add) -> None:
    """Name rarity counts the persons of the batch being resolved, not only those stored before it: in
    the first batch of a new store (nothing stored yet) an official named alike in two releases about
    different people is one person, as in any later batch."""
    one = build(
        "Dorian Vellacott said Kestrel Holdings, Amber Line and Corvid Trading in Qandor were designated.",
        [
            ("Person", ["Dorian Vellacott"]),
            ("Company", ["Kestrel Holdings"]),
            ("Company", ["Amber Line"]),
            ("Company", ["Corvid Trading"]),
            ("Location", ["Qandor"]),
        ],
    )
    two = build(
        "Dorian Vellacott said Harrow Shipping, Ostrand Bank and Miravel Group in Belvora were designated.",
        [
            ("Person", ["Dorian Vellacott"]),
            ("Company", ["Harrow Shipping"]),
            ("Organization", ["Ostrand Bank"]),
            ("Company", ["Miravel Group"]),
            ("Location", ["Belvora"]),
        ],
    )
    ids = add(_crowd(105), one, two)
    resolve.update(store, ids)
    assert len(entity_of(store, "Dorian Vellacott")) == 1


def test_a_hyphenated_acronym_finds_the_name_it_abbreviates_in_another_article(store, add) -> None:
    """ "<ABCD>-<EFG>" in one article and the name it abbreviates in another: the acronym is filed where the
    long name files its initials, so the two meet and the acronym's fit decides."""
    full = build(
        "The Qandor Joint Relief Force - Operation Amber Shield struck a depot near Belvora.",
        [("Organization", ["Qandor Joint Relief Force - Operation Amber Shield"]), ("Location", ["Belvora"])],
    )
    short = build(
        "QJRF-OAS said the strike near Belvora destroyed a depot.",
        [("Organization", ["QJRF-OAS"]), ("Location", ["Belvora"])],
    )
    resolve.update(store, add(full, short))
    assert entity_of(store, "QJRF-OAS") == entity_of(store, "Qandor Joint Relief Force - Operation Amber Shield")


def test_a_one_word_name_nobody_else_carries_is_one_person_across_articles(store, add) -> None:
    """A surname alone in two releases ("<Surname> said ...") that no other person of a large archive carries, in
    any position, is one person; once a full name holds the word, the bare word no longer says which person."""
    one = build(
        "Vellacott said Kestrel Holdings in Qandor was designated.",
        [("Person", ["Vellacott"]), ("Company", ["Kestrel Holdings"]), ("Location", ["Qandor"])],
    )
    two = build(
        "Vellacott said Harrow Shipping in Belvora was designated.",
        [("Person", ["Vellacott"]), ("Company", ["Harrow Shipping"]), ("Location", ["Belvora"])],
    )
    resolve.update(store, add(_crowd(105), one, two))
    assert len(entity_of(store, "Vellacott")) == 1


def test_a_one_word_name_a_full_name_also_holds_stays_apart(store, add) -> None:
    full = build("Brenno Amsel met envoys in Qandor.", [("Person", ["Brenno Amsel"]), ("Location", ["Qandor"])])
    one = build(
        "Amsel said Kestrel Holdings in Qandor was designated.",
        [("Person", ["Amsel"]), ("Company", ["Kestrel Holdings"]), ("Location", ["Qandor"])],
    )
    two = build(
        "Amsel said Harrow Shipping in Belvora was designated.",
        [("Person", ["Amsel"]), ("Company", ["Harrow Shipping"]), ("Location", ["Belvora"])],
    )
    resolve.update(store, add(_crowd(105), full, one, two))
    assert len(entity_of(store, "Amsel")) == 2
