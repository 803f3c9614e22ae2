"""One group under the spellings news and lists interchange (issue 9, cross-spelling merges).

All names are invented; each test says which class of real miss it stands for.
"""

from __future__ import annotations

from sqlalchemy import select

from threatgraph import resolve
from threatgraph.names.align import MATCH_THRESHOLD, compare_names
from threatgraph.names.forms import name_form, variant_norms
from threatgraph.names.parts import same_person_part
from threatgraph.names.qualifiers import territory_head
from threatgraph.names.tokens import romanisation_fold
from threatgraph.store.schema import mentions

from .conftest import build


def _org(a: str, b: str) -> tuple[float, str]:
    s = compare_names(name_form(a, "ArmedGroup"), name_form(b, "ArmedGroup"))
    return s.score, s.feature


def _person(a: str, b: str) -> float:
    return compare_names(name_form(a, "Person"), name_form(b, "Person"), True).score


# --- names -------------------------------------------------------------------------------------


def test_a_compound_written_as_one_word_or_two_is_one_name() -> None:
    """ "Ansar Allah"/"Ansarallah", "Abdul Rahman"/"Abdulrahman": transliteration splits compounds freely."""
    assert _org("Ansar Tarrow", "Ansartarrow")[0] >= MATCH_THRESHOLD
    assert _person("Abdul Qandir Hadley", "Abdulqandir Hadley") >= MATCH_THRESHOLD
    # the letters must be the same: another word is another name
    assert _org("Ansar Tarrow", "Ansartarrows Khan")[0] < MATCH_THRESHOLD


def test_arabic_compounds_in_person_names_under_any_romanisation() -> None:
    """ "Abd al-Rahman"/"Abdul Rahman"/"Abdulrahman", "Abd Allah"/"Abdullah", "Nasrullah"/"Nasrallah"."""
    assert _person("Abd al-Qandir Vellacott", "Abdul Qandir Vellacott") >= MATCH_THRESHOLD
    assert _person("Abd al-Qandir Vellacott", "Abdulqandir Vellacott") >= MATCH_THRESHOLD
    assert _person("Abd Allah Vellacott", "Abdullah Vellacott") >= MATCH_THRESHOLD
    assert _person("Tarrullah Vellacott", "Tarrallah Vellacott") >= MATCH_THRESHOLD
    assert _person("Abdel Tarrow Vellacott", "Abdultarrow Vellacott") >= MATCH_THRESHOLD
    # the rest of the name must still agree: another given name or surname is another person
    assert _person("Abdul Qandir Vellacott", "Abdul Qadim Vellacott") < MATCH_THRESHOLD
    assert _person("Abdul Qandir Vellacott", "Abdul Qandir Hadley") < MATCH_THRESHOLD


def test_a_group_word_under_two_romanisations_is_one_word() -> None:
    """ "al-Qaida"/"al Qaeda": the vowel pair ae/ai is a romanisation convention, as ei/ai is."""
    score, feature = _org("al-Qandaida", "al Qandaeda")
    assert score >= MATCH_THRESHOLD and feature == "aligned"
    assert _org("al-Qandaida", "al-Qandoda")[0] < MATCH_THRESHOLD


def test_the_izafe_is_written_e_and_i_alike() -> None:
    """ "Jaish-e-<Name>" / "JAISH-I-<NAME>", "Tehrik-i-<Name> <Country>" / "TEHRIK-E <NAME> <COUNTRY>": the Persian and
    Urdu connector is one particle however it is romanised (session 16: the "i" stayed a name word, 0.6)."""
    assert _org("Jaysh-e-Qandor", "JAYSH-I-QANDOR")[0] >= MATCH_THRESHOLD
    assert _org("Tehrik-i-Vellar Qandistan", "TEHRIK-E VELLAR QANDISTAN")[0] >= MATCH_THRESHOLD
    assert _org("Lashkar-i-Dorvani", "Lashkar e-Dorvani")[0] >= MATCH_THRESHOLD
    # another name after the connector is another group; a middle initial written with its stop stays a name part
    assert _org("Jaysh-i-Qandor", "Jaysh-i-Vellar")[0] < MATCH_THRESHOLD
    assert _person("Tarik I. Vellacott", "Tarik J. Vellacott") < MATCH_THRESHOLD


def test_word_endings_romanised_two_ways() -> None:
    """The divine name closing a compound ("-ullah"/"-allah"/"-ollah"), the ta marbuta with or without its "h"
    ("Nusrah"/"Nusra"), a closing "y" for "i" ("Ghaly"/"Ghali"), a doubled closing consonant ("Haqq"/"Haq"):
    one word each (session 16: these scored 0.86, 0.67 or 0.6 and a listed group or person was missed)."""
    assert _org("Ansartarrullah", "ANSARTARRALLAH")[0] >= MATCH_THRESHOLD
    assert _org("Jabhat al-Qandorah", "Qandora Front")[0] >= MATCH_THRESHOLD
    assert _org("Asa'ib Ahl al-Vaqq", "ASA'IB AHL AL-VAQ")[0] >= MATCH_THRESHOLD
    assert _person("Tamir ag Qandaly", "Tamir ag QANDALI") >= MATCH_THRESHOLD
    assert _person("Rudollah Vellacott", "Rudallah Vellacott") >= MATCH_THRESHOLD
    # an ending counts only after a stem of its own: "Mullah" is no "-ullah" name, "Shah" keeps its "h"
    assert romanisation_fold("mullah") != romanisation_fold("mallah")
    assert romanisation_fold("shah") != romanisation_fold("sha")
    # other letters before the ending still make another name
    assert _org("Ansartarrullah", "Ansardorrallah")[0] < MATCH_THRESHOLD
    assert _person("Tamir Qandaly", "Tamir Qundali") < MATCH_THRESHOLD


def test_kasra_and_damma_romanised_two_ways_in_person_names() -> None:
    """ "Esmail"/"Ismail", "Mostafa"/"Mustafa", "Naser"/"Nassir": e and i, o and u write one short vowel (session 16:
    these scored 0.5 and a person's full name never met its listed spelling); a and i, a and u stay apart."""
    assert _person("Esmail Vellacott", "Ismail Vellacott") >= MATCH_THRESHOLD
    assert _person("Mostafa Qandori", "Mustafa Qandori") >= MATCH_THRESHOLD
    assert _person("Naser Dorvani", "Nassir Dorvani") >= MATCH_THRESHOLD
    assert _person("Jamal Vellacott", "Jamil Vellacott") < MATCH_THRESHOLD
    assert _person("Hamad Vellacott", "Hamid Vellacott") < MATCH_THRESHOLD
    # a short word is not folded: one vowel apart is as often another name as another spelling
    assert same_person_part("dorvel", "durvil") and not same_person_part("dorv", "durv")


def test_a_territorial_qualifier_is_recognised_by_what_it_names() -> None:
    assert territory_head("Islamic Vellacott of Iraq and Syria") == "Islamic Vellacott"
    assert territory_head("Islamic Vellacott of Iraq and the Levant") == "Islamic Vellacott"
    # a branch ("in", a dash, a province) or a tail that names no territory is no qualifier
    assert territory_head("Islamic Vellacott in Somalia") is None
    assert territory_head("Islamic Vellacott of Iraq - Qandor Province") is None
    assert territory_head("Vellacott Ministry of Interior") is None


def test_a_name_without_its_territory_needs_context() -> None:
    """ "Islamic State" vs "Islamic State of Iraq and Syria": close, but another country's body may carry
    the bare name ("Supreme Court"), so the name alone stays below the threshold."""
    score, feature = _org("Islamic Vellacott", "Islamic Vellacott of Iraq and Syria")
    assert feature == "territory-dropped" and MATCH_THRESHOLD - 0.15 < score < MATCH_THRESHOLD
    # one word left is too little of a name; a branch is another group
    assert _org("Vellacott", "Vellacott of Iraq")[1] != "territory-dropped"
    assert _org("Islamic Vellacott", "Islamic Vellacott in Somalia")[1] != "territory-dropped"


def test_variant_norms() -> None:
    assert "hadleyite" in variant_norms(name_form("the Hadleyites"))
    assert "ansartarrow" in variant_norms(name_form("Ansar Tarrow"))
    assert {"islamic vellacott", "islamic vellacott iraq levant"} <= variant_norms(
        name_form("Islamic Vellacott of Iraq and Syria")
    )
    assert "islamic vellacott" not in variant_norms(name_form("Islamic Vellacott in Somalia"))


# --- the lists' names under the spellings the news uses -------------------------------------------

LIST = (
    '9301,"ISLAMIC VELLACOTT OF IRAQ AND THE LEVANT",-0- ,"SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \n'
    '9302,"ANSARTARROW",-0- ,"SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"a.k.a. \'HADLEYITE GROUP\'."\n'
    '9303,"ISLAMIC VELLACOTT IN SOMALIA",-0- ,"SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \n'
)


def _one_entity(store, *texts: str) -> bool:
    with store.connect() as conn:
        ids = {r[0] for r in conn.execute(select(mentions.c.entity_id).where(mentions.c.text.in_(texts)))}
    return len(ids) == 1


def test_list_names_meet_news_names_through_their_variants(store, add, tmp_path) -> None:
    """ "Islamic State" (news) and "ISIS" / "Islamic State of Iraq and Syria" (news) meet through the
    list's "... OF IRAQ AND THE LEVANT"; "Houthis" and "Ansar Allah" through "ANSARALLAH" a.k.a. "HOUTHI
    GROUP". The short name comes first, so the entities only meet when the longer name arrives."""
    from threatgraph.screen.lists import load_files

    sdn = tmp_path / "sdn.csv"
    sdn.write_text(LIST, encoding="utf-8")
    load_files(store, [sdn], dataset="ofac")
    ids = add(
        build("The Islamic Vellacott shelled the port.", [("ArmedGroup", ["Islamic Vellacott"])]),
        build("The Hadleyites seized a ship.", [("ArmedGroup", ["Hadleyites"])]),
        build(
            "The Islamic Vellacott of Iraq and Syria (IVIS) was designated. IVIS denied it.",
            [("ArmedGroup", ["Islamic Vellacott of Iraq and Syria", "IVIS"])],
        ),
        build("Ansar Tarrow fired a missile.", [("ArmedGroup", ["Ansar Tarrow"])]),
        build(
            "Islamic Vellacott in Qandor Province claimed it.",
            [("ArmedGroup", ["Islamic Vellacott in Qandor Province"])],
        ),
    )
    resolve.update(store, ids)
    assert _one_entity(store, "Islamic Vellacott", "Islamic Vellacott of Iraq and Syria", "IVIS")
    assert _one_entity(store, "Hadleyites", "Ansar Tarrow")
    assert not _one_entity(store, "Islamic Vellacott", "Islamic Vellacott in Qandor Province")


def test_without_a_list_the_bare_name_stays_apart(store, add) -> None:
    """No list says the bare name is the listed body's: with no shared context it is not merged."""
    ids = add(
        build("The Islamic Vellacott shelled the port.", [("ArmedGroup", ["Islamic Vellacott"])]),
        build(
            "The Islamic Vellacott of Iraq and Syria was designated.",
            [("ArmedGroup", ["Islamic Vellacott of Iraq and Syria"])],
        ),
    )
    resolve.update(store, ids)
    assert not _one_entity(store, "Islamic Vellacott", "Islamic Vellacott of Iraq and Syria")


# --- persons -------------------------------------------------------------------------------------


def test_a_rare_first_and_last_name_is_the_person_named_with_middle_names_too() -> None:
    """An official is "<First> <Last>" in one release and "<First> <Father's name> <Last>" in another:
    when nobody else in the archive carries a part of the name, that is one person."""
    from threatgraph.resolve.compare import score_group

    short = [name_form("Dorian Vellacott", "Person")]
    full = [name_form("Dorian Amsel Keth Vellacott", "Person")]
    ctx = {"Organization:alpha", "Organization:beta", "Place:gamma"}
    other_ctx = {"Organization:delta": 1, "Organization:epsilon": 1, "Place:zeta": 1}
    rare = score_group(short, ctx, full, other_ctx, True, lambda forms: True)
    assert rare.score >= MATCH_THRESHOLD and rare.name.feature == "middle-extra"
    # a name others carry too needs its corroboration, as before
    assert score_group(short, ctx, full, other_ctx, True, lambda forms: False).score < MATCH_THRESHOLD
    # another last name is another person, however rare
    other = [name_form("Dorian Amsel Smyth", "Person")]
    assert score_group(short, ctx, other, other_ctx, True, lambda forms: True).score < MATCH_THRESHOLD


def test_a_rare_name_without_its_given_names_is_the_same_person() -> None:
    """ "<Paternal> <Maternal>" for "<First> <Second> <Paternal> <Maternal>" (the given names left out): one
    person when the name is rare; not when others carry it, and never the opening or inner words alone."""
    from threatgraph.resolve.compare import score_group

    full = [name_form("Dorian Amsel Keth Vellacott", "Person")]
    ctx = {"Organization:alpha", "Organization:beta", "Place:gamma"}
    other_ctx = {"Organization:delta": 1, "Organization:epsilon": 1, "Place:zeta": 1}
    for short in ("Keth Vellacott", "Amsel Keth Vellacott"):
        got = score_group([name_form(short, "Person")], ctx, full, other_ctx, True, lambda forms: True)
        assert got.score >= MATCH_THRESHOLD and got.name.feature == "middle-extra", short
        common = score_group([name_form(short, "Person")], ctx, full, other_ctx, True, lambda forms: False)
        assert common.score < MATCH_THRESHOLD, short
    for short in ("Amsel Keth", "Dorian Amsel"):
        got = score_group([name_form(short, "Person")], ctx, full, other_ctx, True, lambda forms: True)
        assert got.score < MATCH_THRESHOLD, short


def test_a_body_named_by_its_function_keeps_its_country() -> None:
    """ "Central Bank of Syria" is not "Central Bank": every country has one (the SDN list's only
    "<Name> of <Country>" heads that stand alone are proper names)."""
    assert territory_head("Central Vellacott Bank of Syria") is None
    assert territory_head("Ministry of Defense of Burma") is None
    assert territory_head("Popular Vellacott Front of Iraq") is None
    assert territory_head("Islamic Vellacott Emirate of Afghanistan") == "Islamic Vellacott Emirate"
    assert "central vellacott bank" not in variant_norms(name_form("Central Vellacott Bank of Syria"))


def test_an_acronym_spelled_letter_by_letter_keeps_its_particle_letters() -> None:
    """ "I-Q-V-F": a letter that is also a particle ("i" of the izafe, "e") is a letter of a spelled-out acronym."""
    assert name_form("I-Q-V-F", "Organization").core == ("i", "q", "v", "f")
    score, feature = _org("I-Q-V-F", "Islamic Qandor Vellacott Front")
    assert feature == "acronym" and score >= MATCH_THRESHOLD
