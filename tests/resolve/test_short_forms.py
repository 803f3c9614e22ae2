"""One actor under the names an article and its sources give it: definitions, short forms, inversions.

All names are invented; each test says which class of real miss it stands for.
"""

from __future__ import annotations

from sqlalchemy import select

from threatgraph import resolve
from threatgraph.extract.grouping import definitions, group_mentions
from threatgraph.model import Mention
from threatgraph.names.align import MATCH_THRESHOLD, compare_names
from threatgraph.names.forms import name_form
from threatgraph.store.schema import mentions

from .conftest import build


def _m(text: str, at: str, body: str, label: str = "Organization", sent: int = 0) -> Mention:
    """A mention of ``text``, the first one at or after the anchor ``at``."""
    start = body.index(text, body.index(at))
    return Mention(start, start + len(text), text, label, text.casefold(), "s", sent)


def _person(a: str, b: str) -> float:
    return compare_names(name_form(a, "Person"), name_form(b, "Person"), True).score


# --- names -------------------------------------------------------------------------------------


def test_a_middle_initial_that_is_also_a_particle_letter_stays_a_name_part() -> None:
    """ "Brian E. Nelson" lost its "E." as the particle "e" and met every other Brian Nelson."""
    assert name_form("Dorian E. Vellacott", "Person").core == ("dorian", "e", "vellacott")
    assert _person("Dorian E. Vellacott", "Dorian A. Vellacott") < MATCH_THRESHOLD - 0.15
    assert _person("Dorian E. Vellacott", "Dorian Vellacott") >= MATCH_THRESHOLD
    # in a group's name the letter is still the particle
    assert name_form("Lashkar-e-Qandor").core == ("qandor",)
    assert name_form("Dorian e Vellacott", "Person").core == ("dorian", "vellacott")


def test_of_inversion_names_one_body() -> None:
    """ "Department of State" and "State Department" were two entities in one press release."""
    score = compare_names(name_form("Ministry of Qandor Affairs"), name_form("Qandor Affairs Ministry"))
    assert score.score >= MATCH_THRESHOLD and score.feature == "inverted"
    assert compare_names(name_form("Bureau of the Qandor"), name_form("Qandor Bureau")).score >= MATCH_THRESHOLD
    # the same words in another order, with no "of" turned, are no evidence
    assert compare_names(name_form("Qandor Vellacott Bank"), name_form("Vellacott Qandor Bank")).score < 0.95
    assert compare_names(name_form("Bureau of Qandor"), name_form("Qandor Bureau Office")).score < MATCH_THRESHOLD


# --- an article's own definitions ----------------------------------------------------------------


def test_acronym_after_a_possessive_and_before_its_name() -> None:
    body = "Funds of Qandor-e Tayyaba’s (QeT) network. QBI, the Qandor Bureau of Inquiry, said so."
    qet_long, qet = _m("Qandor-e Tayyaba", "Qandor-e", body), _m("QeT", "(QeT)", body)
    qbi, qbi_long = _m("QBI", "QBI,", body), _m("Qandor Bureau of Inquiry", "Qandor Bureau", body)
    pairs = definitions(body, [qet_long, qet, qbi, qbi_long])
    assert (qet_long, qet) in pairs and (qbi_long, qbi) in pairs


def test_a_name_alone_in_brackets_after_a_full_name_is_its_other_name() -> None:
    body = (
        "OFAC named Dorian Keth Vellacott ( Dorian Vellacott), Qandor Air Transport Company (Qandor Air), "
        "Amsel Tarrow Hadley (Hadley), Fly Qandor (Iraq) and Somalia (AMQ)."
    )
    full, short = (
        _m("Dorian Keth Vellacott", "Dorian Keth", body, "Person"),
        _m("Dorian Vellacott", "( Dorian", body, "Person"),
    )
    air, air_short = _m("Qandor Air Transport Company", "Qandor Air T", body), _m("Qandor Air", "(Qandor", body)
    hadley, hadley_org = _m("Amsel Tarrow Hadley", "Amsel", body, "Person"), _m("Hadley", "(Hadley", body)
    fly, iraq = _m("Fly Qandor", "Fly", body), _m("Iraq", "(Iraq", body, "Country")
    som, amq = _m("Somalia", "Somalia", body, "Country"), _m("AMQ", "(AMQ", body)
    pairs = definitions(body, [full, short, air, air_short, hadley, hadley_org, fly, iraq, som, amq])
    assert (full, short) in pairs and (air, air_short) in pairs
    assert (hadley, hadley_org) in pairs  # typed otherwise, but made of the full name's own words
    assert not any(iraq in p or amq in p for p in pairs)


def test_a_person_known_as_another_name_right_after_it_is_one_person() -> None:
    body = (
        "Dorian Keth Vellacott— known publicly as Dorian Keth— leads it. Amsel Tarrow, also known as Abu Qandor, fled."
    )
    second = body.index("Amsel")
    dk, dk2 = (
        _m("Dorian Keth Vellacott", "Dorian Keth V", body, "Person"),
        _m("Dorian Keth", "as Dorian", body, "Person"),
    )
    at = _m("Amsel Tarrow", "Amsel", body, "Person", second)
    aq = _m("Abu Qandor", "Abu", body, "Person", second)
    pairs = definitions(body, [dk, dk2, at, aq])
    assert (dk, dk2) in pairs and (at, aq) in pairs
    group_mentions([dk, dk2, at, aq], joins=pairs)
    assert dk.group == dk2.group != at.group == aq.group


def test_known_as_after_a_clause_about_a_person_renames_someone_else() -> None:
    body = "Amsel Tarrow’s deputy, known as Abu Qandor, fled. Ali Hadley met a man known as Abu Vell."
    second = body.index("Ali")
    at, aq = _m("Amsel Tarrow", "Amsel", body, "Person"), _m("Abu Qandor", "Abu Q", body, "Person")
    ah, av = _m("Ali Hadley", "Ali", body, "Person", second), _m("Abu Vell", "Abu V", body, "Person", second)
    assert definitions(body, [at, aq, ah, av]) == []


def test_also_known_as_the_organisation() -> None:
    body = "He serves Qandor’s QSO (also known as the Vellacott Jihad Organization), its elite unit."
    qso, vjo = _m("QSO", "QSO", body), _m("Vellacott Jihad Organization", "Vellacott", body)
    assert (qso, vjo) in definitions(body, [qso, vjo])


# --- resolution inside one article ---------------------------------------------------------------


def _entities(store, aid: str) -> dict[str, str]:
    with store.connect() as conn:
        return dict(
            conn.execute(select(mentions.c.text, mentions.c.entity_id).where(mentions.c.article_id == aid)).all()
        )


CONTEXT = [("Location", ["Qandor City"]), ("Organization", ["Vellacott Trading"]), ("Country", ["Iraq"])]


def test_the_articles_one_first_and_last_name_of_a_full_name_joins_it(store, add) -> None:
    text = (
        "Dorian Keth Amsel Vellacott runs Vellacott Trading in Qandor City, Iraq. "
        "Dorian Vellacott also moved money through Qandor City and Iraq for Vellacott Trading."
    )
    (aid,) = add(build(text, [("Person", ["Dorian Keth Amsel Vellacott"]), ("Person", ["Dorian Vellacott"]), *CONTEXT]))
    resolve.update(store, [aid])
    ents = _entities(store, aid)
    assert ents["Dorian Vellacott"] == ents["Dorian Keth Amsel Vellacott"]


def test_two_full_names_that_share_first_and_last_name_keep_the_short_one_apart(store, add) -> None:
    text = (
        "Dorian Keth Vellacott and Dorian Amsel Vellacott run Vellacott Trading in Qandor City, Iraq. "
        "Dorian Vellacott also moved money through Qandor City and Iraq for Vellacott Trading."
    )
    actors = [
        ("Person", ["Dorian Keth Vellacott"]),
        ("Person", ["Dorian Amsel Vellacott"]),
        ("Person", ["Dorian Vellacott"]),
    ]
    (aid,) = add(build(text, [*actors, *CONTEXT]))
    resolve.update(store, [aid])
    ents = _entities(store, aid)
    assert len({ents["Dorian Vellacott"], ents["Dorian Keth Vellacott"], ents["Dorian Amsel Vellacott"]}) == 3


def test_the_articles_one_acronym_of_a_body_joins_it(store, add) -> None:
    text = (
        "The Qandor Bureau of Inquiry raided Vellacott Trading in Qandor City, Iraq. "
        "QBI agents said Vellacott Trading in Qandor City had sent money to Iraq."
    )
    (aid,) = add(build(text, [("PublicBody", ["Qandor Bureau of Inquiry"]), ("PublicBody", ["QBI"]), *CONTEXT]))
    resolve.update(store, [aid])
    ents = _entities(store, aid)
    assert ents["QBI"] == ents["Qandor Bureau of Inquiry"]


def test_an_acronym_two_bodies_of_the_article_fit_joins_neither(store, add) -> None:
    text = (
        "The Qandor Bureau of Inquiry and the Qandor Board of Investment met Vellacott Trading in Qandor City, "
        "Iraq. QBI agents said Vellacott Trading in Qandor City had sent money to Iraq."
    )
    actors = [("PublicBody", ["Qandor Bureau of Inquiry"]), ("PublicBody", ["Qandor Board of Investment"])]
    (aid,) = add(build(text, [*actors, ("PublicBody", ["QBI"]), *CONTEXT]))
    resolve.update(store, [aid])
    ents = _entities(store, aid)
    assert ents["QBI"] not in {ents["Qandor Bureau of Inquiry"], ents["Qandor Board of Investment"]}


def test_an_acronym_that_keeps_a_joined_particle_finds_its_name() -> None:
    """ "LeT" was never compared with "Lashkar-e Tayyiba": no blocking key of one was a key of the other."""
    from threatgraph.names.forms import blocking_keys

    assert blocking_keys(name_form("QeT"), "Organization") & blocking_keys(
        name_form("Qandor-e Tayyaba"), "Organization"
    )
    assert blocking_keys(name_form("AQAP"), "Organization") & blocking_keys(
        name_form("al-Qandor in the Arabian Peninsula"), "Organization"
    )


# --- the lists' own aliases ----------------------------------------------------------------------

LIST = (
    '9201,"ANSAR AL-QANDOR",-0- ,"SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"a.k.a. \'VELLACOTT MOVEMENT\'."\n'
    '9202,"TARROW BRIGADES",-0- ,"SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"a.k.a. \'HADLEY FRONT\'."\n'
    '9203,"TARROW FOUNDATION",-0- ,"SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"a.k.a. \'HADLEY FRONT\'."\n'
    '9204,"HADLEY, Amsel",individual,"SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"a.k.a. \'ABU QANDOR\'."\n'
)


def _one_entity(store, *texts: str) -> bool:
    with store.connect() as conn:
        ids = {r[0] for r in conn.execute(select(mentions.c.entity_id).where(mentions.c.text.in_(texts)))}
    return len(ids) == 1


def test_two_names_a_list_gives_one_body_are_one_actor(store, add, tmp_path) -> None:
    """ "Ansarallah" and "Houthi Group": nothing in the names aligns, the list says they are one body."""
    from threatgraph.screen.lists import load_files

    sdn = tmp_path / "sdn.csv"
    sdn.write_text(LIST, encoding="utf-8")
    load_files(store, [sdn], dataset="ofac")
    ids = add(
        build("Ansar al-Qandor fired a missile at a tanker.", [("ArmedGroup", ["Ansar al-Qandor"])]),
        build("The Vellacott Movement seized a ship.", [("ArmedGroup", ["Vellacott Movement"])]),
        # a name the list gives two entries is no evidence for either
        build("Tarrow Brigades shelled the port.", [("ArmedGroup", ["Tarrow Brigades"])]),
        build("Hadley Front claimed it.", [("ArmedGroup", ["Hadley Front"])]),
        # a person's a.k.a. joins names of the listed person only, never news persons
        build("Amsel Hadley was seen in the port.", [("Person", ["Amsel Hadley"])]),
        build("Abu Qandor was seen in the port.", [("Person", ["Abu Qandor"])]),
    )
    resolve.update(store, ids)
    assert _one_entity(store, "Ansar al-Qandor", "Vellacott Movement")
    assert not _one_entity(store, "Tarrow Brigades", "Hadley Front")
    assert not _one_entity(store, "Amsel Hadley", "Abu Qandor")


def test_the_spark_blocks_join_through_the_lists_other_names() -> None:
    """Blocks are joined by the keys the resolver may look up: the list's other names are such keys,
    else Spark would resolve "Ansar al-Qandor" and "Vellacott Movement" in two blocks that never meet."""
    from collections import Counter

    from threatgraph.bulk.resolve import lookup_keys
    from threatgraph.names.forms import blocking_keys
    from threatgraph.resolve.decisions import Decisions
    from threatgraph.resolve.groups import Group
    from threatgraph.resolve.listnames import build as build_names

    listed = build_names(
        [
            (
                "ofac",
                "9201",
                "Organization",
                {"properties": {"name": ["ANSAR AL-QANDOR"], "alias": ["VELLACOTT MOVEMENT"]}},
            )
        ]
    )
    group = Group("a1", 0, "ArmedGroup", Counter({"Ansar al-Qandor": 1}), "Ansar al-Qandor", [1], None)
    other = blocking_keys(name_form("Vellacott Movement"), "ArmedGroup")
    assert lookup_keys(group, Decisions(), listed) & other
    assert not lookup_keys(group, Decisions()) & other
    person = Group("a1", 1, "Person", Counter({"Ansar al-Qandor": 1}), "Ansar al-Qandor", [2], None)
    assert not lookup_keys(person, Decisions(), listed) & other
