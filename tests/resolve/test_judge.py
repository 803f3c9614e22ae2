"""Sanctions links as judgements (issue 9): a person is never probable on a name alone."""

from __future__ import annotations

from datetime import datetime

from threatgraph.names.forms import name_form
from threatgraph.resolve.judge import POSSIBLE, PROBABLE, ActorFacts, judge, without_patronymic
from threatgraph.store.states import reads_sanctioned


def person(name: str, context: dict[str, int] | None = None, **kw) -> ActorFacts:
    return ActorFacts("Person", [name_form(name, "Person")], context or {}, **kw)


def entry(name: str, schema: str = "Person", links: list[str] | None = None, **props) -> dict:
    return {"schema": schema, "properties": {"name": [name], **props}, "links": links or []}


LISTED = entry("Abdul Karim", nationality=["id"], birthDate=["1968-01-01"], links=["JEMAAH ISLAMIYAH"])


def test_person_on_a_full_name_alone_is_only_possible() -> None:
    j = judge(person("Abdul Karim"), LISTED, "Person")
    assert j.state == POSSIBLE and j.name_kind == "full"
    assert not reads_sanctioned(j.state)
    assert any("never named with it" in x for x in j.evidence_against)


def test_person_with_a_reported_designation_is_probable() -> None:
    j = judge(person("Abdul Karim", designated=True), LISTED, "Person")
    assert j.state == PROBABLE and reads_sanctioned(j.state)


def test_person_named_with_the_listed_affiliation_is_probable() -> None:
    j = judge(person("Abdul Karim", {"Organization:jemaah islamiyah": 2, "Place:indonesia": 1}), LISTED, "Person")
    assert j.state == PROBABLE
    assert any(x.startswith("affiliation") for x in j.evidence_for)
    assert any(x.startswith("country: Indonesia") for x in j.evidence_for)


def test_partial_person_name_stays_possible_even_when_corroborated() -> None:
    j = judge(person("Abdul Wahid Karimi", designated=True), LISTED, "Person")
    assert j.state == POSSIBLE and j.name_kind == "partial"


def test_a_child_when_reporting_starts_is_evidence_against() -> None:
    young = entry("Omar Haddad Rahimi", birthDate=["2015-03-01"])
    j = judge(person("Omar Haddad Rahimi", designated=True, first_seen=datetime(2019, 1, 1)), young, "Person")
    assert j.state == POSSIBLE and any(x.startswith("age:") for x in j.evidence_against)


def test_organisation_on_a_full_name_is_probable_but_an_acronym_is_not() -> None:
    org = entry("NORTHERN RIVERS FRONT", "Organization", alias=["NRF"])
    full = ActorFacts("Organization", [name_form("Northern Rivers Front")], {})
    assert judge(full, org, "Organization").state == PROBABLE
    short = ActorFacts("Organization", [name_form("NRF")], {})
    assert judge(short, org, "Organization").state == POSSIBLE


def test_partial_person_name_with_two_corroborations_is_probable() -> None:
    listed = entry("Ahmad Faraj Tahiri", nationality=["iq"], links=["NORTHERN RIVERS FRONT"])
    ctx = {"Organization:northern rivers": 1, "Place:iraq": 1}  # context keys carry no designator
    j = judge(person("Ahmad Tahiri", ctx, designated=True), listed, "Person")
    assert j.name_kind == "partial" and j.state == PROBABLE
    assert judge(person("Ahmad Tahiri", {"Place:iraq": 1}), listed, "Person").state == POSSIBLE


def test_a_news_name_with_parts_the_list_lacks_is_not_the_listed_person() -> None:
    """ "Abdul Aziz Nuristani" is not the listed "Abdul AZIZ" (another family name), whatever corroborates it;
    "Muhammad Karimi" may be the listed "Muhammad Tariq KARIMI" (one given name left out)."""
    listed = entry("Abdul Aziz", links=["JEMAAH ISLAMIYAH"], nationality=["id"])
    ctx = {"Organization:jemaah islamiyah": 1, "Place:indonesia": 1}
    other = judge(person("Abdul Aziz Rahmani", ctx, designated=True), listed, "Person")
    assert other.state == POSSIBLE and any("lacks" in x for x in other.evidence_against)
    longer = entry("Muhammad Tariq Karimi", links=["JEMAAH ISLAMIYAH"], nationality=["id"])
    shorter = judge(person("Mohammed Karimi", ctx, designated=True), longer, "Person")
    assert shorter.name_kind == "partial" and shorter.state == PROBABLE


def test_below_the_matchers_bar_only_the_listed_affiliation_corroborates() -> None:
    """A person judged only because a designation was reported (the matcher scored the name below its bar):
    designation and country do not make it probable; the list's own affiliation named alongside does."""
    from threatgraph.resolve.sanctions import below_bar

    longer = entry("Muhammad Tariq Karimi", links=["JEMAAH ISLAMIYAH"], nationality=["id"])
    country_only = judge(person("Mohammed Karimi", {"Place:kenya": 1}, designated=True), longer, "Person")
    country_only.state = PROBABLE  # as a full-name rule might have it
    below_bar(country_only)
    assert country_only.state == POSSIBLE and any("bar" in x for x in country_only.evidence_against)
    ctx = {"Organization:jemaah islamiyah": 1}
    affiliated = judge(person("Mohammed Karimi", ctx, designated=True), longer, "Person")
    assert affiliated.state == PROBABLE
    below_bar(affiliated)
    assert affiliated.state == PROBABLE


def test_a_relative_sharing_the_family_name_is_not_the_listed_person() -> None:
    """The article's short form "Rawandi Qurmuli" sits within the listed "Jamal RAWANDI QURMULI", and the family's
    affiliation and country corroborate it; but the article also calls its man "Karim Rawandi Qurmuli": a given
    name the entry never carries, so he is a relative, not the listed person."""
    listed = entry("Jamal Rawandi Qurmuli", links=["NORTHERN RIVERS FRONT"], nationality=["iq"])
    ctx = {"Organization:northern rivers": 1, "Place:iraq": 1}
    short = ActorFacts("Person", [name_form("Rawandi Qurmuli", "Person")], ctx, designated=True)
    assert judge(short, listed, "Person").state == PROBABLE  # the short form alone would read as him
    both = ActorFacts(
        "Person", [name_form(n, "Person") for n in ("Karim Rawandi Qurmuli", "Rawandi Qurmuli")], ctx, designated=True
    )
    j = judge(both, listed, "Person")
    assert j.state == POSSIBLE and any("Karim Rawandi Qurmuli" in x for x in j.evidence_against)
    # a transliteration of the listed given name is the same name
    same = ActorFacts(
        "Person", [name_form(n, "Person") for n in ("Jamaal Rawandi Qurmuli", "Rawandi Qurmuli")], ctx, designated=True
    )
    assert judge(same, listed, "Person").state == PROBABLE
    # a nom de guerre the list does not record shares nothing with the entry: another name, not a relative
    alias = ActorFacts(
        "Person", [name_form(n, "Person") for n in ("Jamal Rawandi Qurmuli", "Nasir al-Tayyar")], ctx, designated=True
    )
    assert judge(alias, listed, "Person").state == PROBABLE


def test_a_person_is_at_most_one_list_entry() -> None:
    """Two entries read as one person: the full name with the listed affiliation stays probable, the partial,
    reordered one goes to review; with nothing to tell two entries apart, neither reads as sanctioned."""
    from threatgraph.resolve.judge import one_entry_per_person

    actor = person("Tariq Karimi", {"Organization:jemaah islamiyah": 1, "Place:indonesia": 1}, designated=True)
    own = entry("Tariq Karimi", links=["JEMAAH ISLAMIYAH"], nationality=["id"])
    other = entry("Karimi Samir Tariq", nationality=["id"])
    verdicts = {"a": judge(actor, own, "Person"), "b": judge(actor, other, "Person")}
    verdicts["b"].state = PROBABLE  # as a looser name rule might have it
    one_entry_per_person(verdicts)
    assert verdicts["a"].state == PROBABLE and verdicts["b"].state == POSSIBLE
    assert any("a person is one entry" in x for x in verdicts["b"].evidence_against)
    twins = {"a": judge(actor, own, "Person"), "c": judge(actor, own, "Person")}
    one_entry_per_person(twins)
    assert [j.state for j in twins.values()] == [POSSIBLE, POSSIBLE]


def test_a_common_name_needs_the_listed_affiliation_not_just_a_reported_designation() -> None:
    """ "Ali Mohammed" designated somewhere: the list holds many people so named, so only the entry's own
    group named alongside makes it that entry. Commonness is the list's own name frequency."""
    from types import SimpleNamespace

    from threatgraph.resolve.sanctions import common_name

    index = SimpleNamespace(key="ali-mohammed", names=[()] * 1000, df={"ali": 40, "mohammed": 30, "qurmuli": 1})
    listed = entry("Ali Mohammed", links=["NORTHERN RIVERS FRONT"])
    designated = judge(person("Ali Mohammed", designated=True), listed, "Person")
    assert designated.state == PROBABLE
    common_name(designated, index)
    assert designated.state == POSSIBLE and any("common on the list" in x for x in designated.evidence_against)
    affiliated = judge(person("Ali Mohammed", {"Organization:northern rivers": 1}, designated=True), listed, "Person")
    common_name(affiliated, index)
    assert affiliated.state == PROBABLE
    rare = judge(person("Ali Qurmuli", designated=True), entry("Ali Qurmuli"), "Person")
    common_name(rare, index)
    assert rare.state == PROBABLE


def test_a_linked_party_is_found_under_any_name_the_list_gives_it() -> None:
    """The entry's "Linked To" names its group one way, the article another: the group's own listed a.k.a.
    (a name of two words, or an acronym) counts; a one-word a.k.a. ("Al Hayat") names newspapers as often."""
    listed = entry("Tariq Karimi", links=["NORTHERN RIVERS FRONT"])
    linked = {
        "NORTHERN RIVERS FRONT": ("Organization", ["NORTHERN RIVERS FRONT", "RIVERLAND GUARD", "NRV", "Al Hayat"])
    }
    by_alias = person("Tariq Karimi", {"Organization:riverland guard": 1})
    assert judge(by_alias, listed, "Person").state == POSSIBLE  # without the list's names for the party
    j = judge(by_alias, listed, "Person", linked=linked)
    assert j.state == PROBABLE and any(x.startswith("affiliation") for x in j.evidence_for)
    assert judge(person("Tariq Karimi", {"Organization:nrv": 1}), listed, "Person", linked=linked).state == PROBABLE
    one_word = judge(person("Tariq Karimi", {"Organization:hayat": 1}), listed, "Person", linked=linked)
    assert one_word.state == POSSIBLE


def test_a_linked_person_is_looked_for_among_the_people_named_alongside() -> None:
    """A company listed as linked to its owner: the owner named in the article ties it to the entry; a person
    sharing only his given name does not."""
    listed = entry("Qurmuli Trading", "Company", links=["KARIMI, Tariq Samir"])
    linked = {"KARIMI, Tariq Samir": ("Person", ["Tariq Samir KARIMI"])}
    firm = ActorFacts("Company", [name_form("Qurmuli Trading", "Company")], {"Person:tariq samir karimi": 1})
    j = judge(firm, listed, "Company", linked=linked)
    assert any(x.startswith("affiliation") for x in j.evidence_for)
    namesake = ActorFacts("Company", [name_form("Qurmuli Trading", "Company")], {"Person:tariq": 1})
    assert not any(x.startswith("affiliation") for x in judge(namesake, listed, "Company", linked=linked).evidence_for)


def test_a_partial_name_whose_listed_party_is_never_named_stays_for_review() -> None:
    """ "Ahmad Tahiri", designated and named with Iraq, sits within the listed "Ahmad Faraj TAHIRI"; but the entry
    is tied to a group the article never names: the one fact specific to the entry is missing."""
    listed = entry("Ahmad Faraj Tahiri", nationality=["iq"], links=["NORTHERN RIVERS FRONT"])
    j = judge(person("Ahmad Tahiri", {"Place:iraq": 1}, designated=True), listed, "Person")
    assert j.name_kind == "partial" and j.state == POSSIBLE
    unlinked = entry("Ahmad Faraj Tahiri", nationality=["iq"])
    assert judge(person("Ahmad Tahiri", {"Place:iraq": 1}, designated=True), unlinked, "Person").state == PROBABLE


def test_a_name_two_entries_carry_needs_the_entrys_own_affiliation() -> None:
    """Two listed companies of one name: the name picks neither, and a reported designation fits both; the
    entry whose listed owner the article names stays probable."""
    from threatgraph.resolve.judge import one_entry_per_name

    firm = ActorFacts("Company", [name_form("Qurmuli Trading", "Company")], {}, designated=True)
    a, b = entry("Qurmuli Trading", "Company"), entry("Qurmuli Trading", "Company", country=["ae"])
    verdicts = {"a": judge(firm, a, "Company"), "b": judge(firm, b, "Company")}
    verdicts["b"].state = POSSIBLE  # a rival left for review is still a namesake
    one_entry_per_name(verdicts)
    assert verdicts["a"].state == POSSIBLE and any("fits b as well" in x for x in verdicts["a"].evidence_against)
    owned = entry("Qurmuli Trading", "Company", links=["NORTHERN RIVERS FRONT"])
    firm.context = {"Organization:northern rivers": 1}
    verdicts = {"a": judge(firm, owned, "Company"), "b": judge(firm, b, "Company")}
    one_entry_per_name(verdicts)
    assert verdicts["a"].state == PROBABLE
    alone = {
        "a": judge(firm, a, "Company"),
        "c": judge(ActorFacts("Company", firm.forms, {}), entry("Qurmuli"), "Company"),
    }
    one_entry_per_name(alone)
    assert alone["a"].state == PROBABLE  # a rival that fits the name worse is no namesake


def test_linked_parties_are_found_on_the_list_however_the_link_writes_them() -> None:
    """ "Linked To: KARIMI, Tariq Samir" is the list's person "Tariq Samir KARIMI"; a group's a.k.a.s come along,
    its weak a.k.a.s do not; a party the list does not carry is left out (the link's own text still counts)."""
    from threatgraph.resolve.sanctions import linked_parties
    from threatgraph.screen.index import build_index

    index = build_index(
        [
            {"id": "p1", "schema": "Person", "properties": {"name": ["Tariq Samir KARIMI"]}},
            {
                "id": "o1",
                "schema": "Organization",
                "properties": {"name": ["NORTHERN RIVERS FRONT"], "alias": ["RIVERLAND GUARD"], "weakAlias": ["NRF"]},
            },
        ],
        key="test-linked-parties",
    )
    found = linked_parties(index, ["KARIMI, Tariq Samir", "NORTHERN RIVERS FRONT", "SOUTHERN LAKES FRONT"])
    assert found["KARIMI, Tariq Samir"] == ("Person", ["Tariq Samir KARIMI"])
    assert found["NORTHERN RIVERS FRONT"] == ("Organization", ["NORTHERN RIVERS FRONT", "RIVERLAND GUARD"])
    assert "SOUTHERN LAKES FRONT" not in found


def test_an_acronym_the_article_defines_as_another_body_is_not_the_entry() -> None:
    """The list gives "NRF" to the Northern Rivers Front; a release designates the "Nyanza Relief Fund (NRF)":
    its reported designation and the acronym fit the entry, its own long name does not."""
    listed = entry("NORTHERN RIVERS FRONT", "Organization", alias=["NRF"])
    named = [name_form(n) for n in ("Nyanza Relief Fund", "NRF")]
    other = judge(ActorFacts("Organization", named, {}, designated=True), listed, "Organization")
    assert other.name_kind == "acronym" and other.state == POSSIBLE
    assert any("Nyanza Relief Fund" in x for x in other.evidence_against)
    alone = judge(ActorFacts("Organization", [name_form("NRF")], {}, designated=True), listed, "Organization")
    assert alone.state == PROBABLE  # a reported designation still corroborates an acronym left undefined


def test_a_group_name_with_words_the_listed_name_lacks_is_another_body() -> None:
    """A release designates "Qurmuli Marine Trading"; the list has "QURMULI TRADING HOLDING": a reported designation
    fits the new sister firm as well as the listed one, and so does the listed firm's Linked To party named
    alongside (sister firms serve one owner; session 15 made this a standing "no"). A shorter form of the listed
    name stays corroborated by it."""
    listed = entry("QURMULI TRADING HOLDING", "Organization", links=["NORTHERN RIVERS FRONT"])
    longer = ActorFacts("Organization", [name_form("Qurmuli Marine Trading")], {}, designated=True)
    j = judge(longer, listed, "Organization")
    assert j.name_kind == "partial" and j.state == POSSIBLE and any("lacks" in x for x in j.evidence_against)
    longer.context = {"Organization:northern rivers": 1}
    j = judge(longer, listed, "Organization")
    assert j.state == POSSIBLE and any("'marine'" in x and "another body" in x for x in j.evidence_against)
    shorter = ActorFacts("Organization", [name_form("Qurmuli Trading")], {}, designated=True)
    assert judge(shorter, listed, "Organization").state == PROBABLE


def test_an_acronym_the_list_does_not_spell_out_is_not_contradicted_by_the_articles_long_name() -> None:
    """The list records "KRV" as a name of the Northern Rivers Front in its own right (the initials of a name it
    does not carry): the article's "Kalama Rivers Vanguard (KRV)" is that missing long name as likely as not."""
    listed = entry("NORTHERN RIVERS FRONT", "Organization", alias=["KRV"])
    named = [name_form(n) for n in ("Kalama Rivers Vanguard", "KRV")]
    j = judge(ActorFacts("Organization", named, {}, designated=True), listed, "Organization")
    assert j.name_kind == "acronym" and j.state == PROBABLE


def test_a_group_named_by_one_word_common_on_the_list_needs_corroboration() -> None:
    """ "the Hamza" aligns with a listed "HAMZA BRIGADE", but the list carries "Hamza" in dozens of names: without
    a reported designation or the entry's affiliation it stays for review; a rare word stands on its own."""
    from types import SimpleNamespace

    from threatgraph.resolve.sanctions import common_word_group

    index = SimpleNamespace(names=[()] * 1000, df={"hamza": 25, "qurmuli": 1})
    listed = entry("HAMZA BRIGADE", "Organization")
    bare = judge(ActorFacts("Organization", [name_form("Hamza Brigade")], {}), listed, "Organization")
    assert bare.state == PROBABLE
    common_word_group(bare, index)
    assert bare.state == POSSIBLE and any("common on the list" in x for x in bare.evidence_against)
    told = judge(ActorFacts("Organization", [name_form("Hamza Brigade")], {}, designated=True), listed, "Organization")
    common_word_group(told, index)
    assert told.state == PROBABLE
    rare_entry = entry("QURMULI BRIGADE", "Organization")
    rare = judge(ActorFacts("Organization", [name_form("Qurmuli Brigade")], {}), rare_entry, "Organization")
    common_word_group(rare, index)
    assert rare.state == PROBABLE


def test_a_listed_post_naming_a_group_named_alongside_corroborates_like_an_affiliation() -> None:
    """The list has no Linked To for "Tariq KARIMI", but his post "Deputy Commander of the Northern Rivers Front";
    the article names the front with him (spelt its own way): evidence specific to the entry. A title word
    ("General") shared with the post is no such evidence."""
    listed = entry("Tariq Karimi", position=["Deputy Commander of the Northern Ryvers Front"])
    j = judge(person("Tariq Karimi", {"Organization:northern rivers": 1}), listed, "Person")
    assert j.state == PROBABLE and any(x.startswith("affiliation: listed as 'Deputy") for x in j.evidence_for)
    assert judge(person("Tariq Karimi", {"Organization:commander": 1}), listed, "Person").state == POSSIBLE
    assert judge(person("Tariq Karimi", {"Organization:rivers": 1}), listed, "Person").state == PROBABLE
    assert judge(person("Tariq Karimi", {"Organization:southern rivers": 1}), listed, "Person").state == POSSIBLE


def test_a_partial_name_several_listed_people_carry_needs_the_entrys_affiliation() -> None:
    """ "Tariq Karimi", designated and named with Iraq, sits within "Tariq Samir KARIMI" and within "Tariq
    Karimi QURMULI": the part left out is what tells them apart. A partial name one listed person carries is
    judged as before."""
    from threatgraph.resolve.sanctions import partial_of_many
    from threatgraph.screen.index import build_index

    people = ["Tariq Samir KARIMI", "Tariq Karimi QURMULI", "Yusuf Anwar HADDAD"]
    index = build_index(
        [{"id": f"p{i}", "schema": "Person", "properties": {"name": [n]}} for i, n in enumerate(people)],
        key="test-partial-of-many",
    )
    listed = entry("Tariq Samir Karimi", nationality=["iq"])
    shared = judge(person("Tariq Karimi", {"Place:iraq": 1}, designated=True), listed, "Person")
    assert shared.name_kind == "partial" and shared.state == PROBABLE
    partial_of_many(shared, index)
    assert shared.state == POSSIBLE and any("2 listed people" in x for x in shared.evidence_against)
    own = entry("Yusuf Anwar Haddad", nationality=["iq"])
    single = judge(person("Yusuf Haddad", {"Place:iraq": 1}, designated=True), own, "Person")
    partial_of_many(single, index)
    assert single.state == PROBABLE


def test_a_russian_patronymic_left_out_of_the_news_name_is_still_a_full_name() -> None:
    listed = entry("Arkady Borisovich KRASNOV", position=["Governor of Tver Oblast"])
    j = judge(person("Arkady Krasnov", designated=True), listed, "Person")
    assert j.name_kind == "full" and j.state == PROBABLE
    # a family name that looks like a patronymic is the family name: it is never left out
    assert without_patronymic("Pavel Ilyich MARKOVICH") is None
    assert without_patronymic("Pavel Arkadyevich MARKOVICH") == "Pavel MARKOVICH"
    assert without_patronymic("Petar Jovanovich") is None
    assert (
        judge(person("Pavel Arkadyevich", designated=True), entry("Pavel Arkadyevich MARKOVICH"), "Person").name_kind
        == "partial"
    )


def test_a_party_the_list_ties_to_the_entry_named_alongside_corroborates() -> None:
    listed = entry("Yuri Petrovich VORONIN")
    firm = ("Organization", ["KAMA GOLD MINING LLC"])
    named = person("Yuri Voronin", {"Organization:kama gold mining llc": 1})
    j = judge(named, listed, "Person", linking={"KAMA GOLD MINING LLC": firm})
    assert j.state == PROBABLE and any("the list ties" in x for x in j.evidence_for)
    alone = judge(
        person("Yuri Voronin", {"Organization:volga shipping": 1}),
        listed,
        "Person",
        linking={"KAMA GOLD MINING LLC": firm},
    )
    assert alone.state == POSSIBLE


def test_the_listed_post_stated_as_the_articles_role_corroborates() -> None:
    listed = entry("Arkady Borisovich KRASNOV", position=["Minister of Defence of Tajikistan"])
    assert judge(person("Arkady Krasnov", roles=("Tajik Defence Minister",)), listed, "Person").state == PROBABLE
    # the office alone, the country alone, or another office of the country say too little
    for role in ("the Minister", "Tajik businessman", "Tajik Foreign Minister"):
        assert judge(person("Arkady Krasnov", roles=(role,)), listed, "Person").state == POSSIBLE


def test_linking_parties_reverse_the_lists_ties() -> None:
    """An entry's Linked To names the other party as the source record does; the reverse table finds it."""
    from threatgraph.resolve.sanctions import linking_parties
    from threatgraph.screen.index import build_index

    firm = {
        "id": "o1",
        "schema": "Organization",
        "properties": {"name": ["KAMA GOLD MINING LLC"], "alias": ["KAMA GOLD"]},
        "links": ["VORONIN, Yuri Petrovich"],
    }
    index = build_index(
        [{"id": "p1", "schema": "Person", "properties": {"name": ["Yuri Petrovich VORONIN"]}}, firm],
        key="test-linking-parties",
    )
    got = linking_parties(index, {"properties": {"name": ["Yuri Petrovich VORONIN"]}})
    assert got == {"KAMA GOLD MINING LLC": ("Organization", ["KAMA GOLD MINING LLC", "KAMA GOLD"])}
    assert linking_parties(index, {"properties": {"name": ["KAMA GOLD MINING LLC"]}}) == {}


def test_a_kind_word_and_one_word_the_articles_give_another_body_is_not_the_entry() -> None:
    """'The Reform Movement' names bodies in many countries: one the articles also call by a name that is none of the
    entry's is another body, a new designation notwithstanding, unless the entry's country, affiliation or a second
    of its names is named too."""
    listed = entry("HARAKAT AL-ISLAH", "Organization", alias=["HI"])
    forms = [name_form("Harakat al-Islah"), name_form("Southern Reform Party")]
    j = judge(ActorFacts("Organization", forms, {}, designated=True), listed, "Organization")
    assert j.state == POSSIBLE and any("many bodies carry" in x for x in j.evidence_against)
    same = ActorFacts("Organization", [*forms, name_form("HI")], {})
    assert judge(same, listed, "Organization").state == PROBABLE
    placed = ActorFacts("Organization", forms, {"Place:kenya": 1})
    assert judge(placed, entry("HARAKAT AL-ISLAH", "Organization", country=["ke"]), "Organization").state == PROBABLE
    # named by the description alone, it stays a full name ("the Qurmulis" for "QURMULI GROUP")
    alone = ActorFacts("Organization", [name_form("Harakat al-Islah")], {})
    assert judge(alone, listed, "Organization").state == PROBABLE


def test_a_title_and_one_name_written_as_the_list_writes_them_is_a_full_name() -> None:
    listed = entry("Maulawi ZARIF", nationality=["af"])
    assert judge(person("Maulawi Zarif", designated=True), listed, "Person").name_kind == "full"
    # another title, or the bare name, is one name part only
    for news in ("Mullah Zarif", "Zarif Karimi"):
        assert judge(person(news, designated=True), listed, "Person").state == POSSIBLE


def test_a_two_letter_acronym_in_a_role_is_not_a_country() -> None:
    """ "KH Secretary General": KH is the group, not Cambodia; a listed post names its country in words."""
    from threatgraph.resolve.judge import _role_places

    assert _role_places("KH Secretary General") == set()
    assert _role_places("IS commander in Raqqa") == set()
    assert _role_places("Tajik Defence Minister") == {"tj"}
    assert _role_places("Minister of Foreign Affairs of the Russian Federation") == {"ru"}


def test_one_actor_on_two_lists_is_no_rival_of_itself() -> None:
    """The same person on the OFAC and the UN list, judged twice alike: two entries that the lists themselves say are
    one actor (``same``) stay probable together; two namesakes that nothing joins still go to review (session 13:
    loading the UN list beside OFAC had taken the sanctioned label off actors listed on both)."""
    from threatgraph.resolve.judge import one_entry_per_name, one_entry_per_person

    actor = person("Tariq Karimi", designated=True)
    listed = entry("Tariq KARIMI", nationality=["id"])
    for settle in (one_entry_per_name, one_entry_per_person):
        pair = {"ofac-1": judge(actor, listed, "Person"), "un-QDi.1": judge(actor, listed, "Person")}
        settle(pair, frozenset({frozenset(("ofac-1", "un-QDi.1"))}))
        assert [j.state for j in pair.values()] == [PROBABLE, PROBABLE]
        strangers = {"ofac-1": judge(actor, listed, "Person"), "un-QDi.2": judge(actor, listed, "Person")}
        settle(strangers, frozenset({frozenset(("ofac-1", "un-QDi.1"))}))
        assert [j.state for j in strangers.values()] == [POSSIBLE, POSSIBLE]


def test_a_name_with_the_listed_parts_in_another_order_is_a_relative() -> None:
    """ "<B> <A> <Family>" is the son or the father of the listed "<A> <B> <FAMILY>" (session 16): never a full
    name, and not within the listed name either; the listed order, or the family name moved to the front, is."""
    from threatgraph.resolve.judge import in_order, same_words

    listed = entry("Hamid Tariq Vellacott", links=["JEMAAH ISLAMIYAH"])
    ctx = {"Organization:jemaah islamiyah": 1}
    son = judge(person("Tariq Hamid Vellacott", ctx, designated=True), listed, "Person")
    assert son.state == POSSIBLE and any("another order" in x for x in son.evidence_against)
    assert judge(person("Hamid Tariq Vellacott", ctx, designated=True), listed, "Person").state == PROBABLE
    assert judge(person("Vellacott Hamid Tariq", ctx, designated=True), listed, "Person").state == PROBABLE
    assert not same_words("Tariq Hamid Vellacott", "Hamid Tariq VELLACOTT")
    assert same_words("Maulawi Zarif", "ZARIF, Maulawi")
    assert in_order(["hamid", "vellacott"], ["hamid", "tariq", "vellacott"])
    assert not in_order(["tariq", "hamid", "vellacott"], ["hamid", "tariq", "vellacott"])
