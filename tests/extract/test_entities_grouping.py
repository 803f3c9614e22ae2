"""In-document alias grouping and name normalisation, on hand-built mentions and property tests."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from threatgraph.extract.grouping import group_mentions
from threatgraph.extract.mentions import build_mentions, clean_edges
from threatgraph.model import ENTITY_TYPES, Mention
from threatgraph.names.surface import normalise_surface


def _mentions(*items: tuple[str, str] | tuple[str, str, str]) -> list[Mention]:
    """Mentions laid out one after another, as if in one sentence."""
    out: list[Mention] = []
    pos = 0
    for item in items:
        text, label = item[0], item[1]
        source = item[2] if len(item) > 2 else "model"
        out.append(
            Mention(pos, pos + len(text), text, label, normalise_surface(text), "s", 0, source=source)  # type: ignore[misc]
        )
        pos += len(text) + 1
    return out


def _group_of(mentions: list[Mention], text: str) -> set[int]:
    return {m.group for m in mentions if m.text == text}


def test_surname_joins_the_only_person_with_that_name() -> None:
    ms = group_mentions(_mentions(("Rana Sanaullah Khan", "Person"), ("Umar Karim", "Person"), ("Khan", "Person")))
    assert _group_of(ms, "Khan") == _group_of(ms, "Rana Sanaullah Khan")
    assert {m.canonical for m in ms if m.text == "Khan"} == {"Rana Sanaullah Khan"}


def test_surname_shared_by_two_persons_stays_alone() -> None:
    ms = group_mentions(
        _mentions(("Rana Sanaullah Khan", "Person"), ("Abdul Basit Khan", "Person"), ("Khan", "Person"))
    )
    khan = _group_of(ms, "Khan")
    assert khan.isdisjoint(_group_of(ms, "Rana Sanaullah Khan") | _group_of(ms, "Abdul Basit Khan"))
    assert {m.canonical for m in ms if m.text == "Khan"} == {"Khan"}


def test_short_form_inherits_armed_group_type_over_model_guess() -> None:
    ms = group_mentions(
        _mentions(
            ("Zainabiyoun Brigade", "ArmedGroup", "gazetteer"),
            ("Zainabiyoun", "Person"),
            ("Zainabiyoun", "Location"),
        )
    )
    assert len({m.group for m in ms}) == 1
    assert {m.label for m in ms} == {"ArmedGroup"}
    assert {m.canonical for m in ms} == {"Zainabiyoun Brigade"}


def test_acronym_joins_its_organisation() -> None:
    ms = group_mentions(_mentions(("Islamic Revolutionary Guard Corps", "ArmedGroup"), ("IRGC", "Organization")))
    assert len({m.group for m in ms}) == 1 and {m.label for m in ms} == {"ArmedGroup"}


def test_country_is_not_an_alias_of_its_army() -> None:
    ms = group_mentions(_mentions(("Pakistan Army", "PublicBody"), ("Pakistan", "Country")))
    assert len({m.group for m in ms}) == 2
    assert {m.label for m in ms if m.text == "Pakistan"} == {"Country"}


def test_ambiguous_short_form_joins_no_organisation() -> None:
    ms = group_mentions(
        _mentions(("Fajr Brigade", "ArmedGroup"), ("Fajr Foundation", "Organization"), ("Fajr", "Organization"))
    )
    # "Fajr" is the core of the brigade only ("Foundation" is no group word), so it joins it
    assert _group_of(ms, "Fajr") == _group_of(ms, "Fajr Brigade")
    assert _group_of(ms, "Fajr Foundation") != _group_of(ms, "Fajr Brigade")


def test_unit_words_do_not_split_one_armed_group() -> None:
    ms = group_mentions(_mentions(("Liwa al-Fajr", "ArmedGroup"), ("Fajr Brigade", "ArmedGroup")))
    assert len({m.group for m in ms}) == 1


def test_groups_are_numbered_in_order_of_first_appearance() -> None:
    ms = group_mentions(_mentions(("Iran", "Country"), ("Basij", "ArmedGroup"), ("Iran", "Country")))
    assert [m.group for m in ms] == [0, 1, 0]


def test_dates_never_merge_with_names() -> None:
    ms = _mentions(("May", "Date"), ("May", "Person"))
    ms[0].norm = "may"
    grouped = group_mentions(ms)
    assert len({m.group for m in grouped}) == 2


# --- normalisation ---------------------------------------------------------------------------------


def test_normalise_strips_article_possessive_and_case() -> None:
    expected = "zainabiyoun brigade"
    for text in [
        "The Zainabiyoun Brigade",
        "Zainabiyoun Brigade’s",
        "ZAINABIYOUN  BRIGADE",
        "the Zainabiyoun Brigade's",
    ]:
        assert normalise_surface(text) == expected


def test_normalise_transliterates() -> None:
    assert normalise_surface("Ḥizb Allāh") == "hizb allah"
    assert normalise_surface("لواء الفجر").isascii()


names = st.text(alphabet=st.characters(categories=("L", "Zs", "P", "Nd")), max_size=40)


@given(names)
def test_normalise_is_idempotent_and_ascii(text: str) -> None:
    norm = normalise_surface(text)
    assert normalise_surface(norm) == norm
    assert norm == norm.strip() and "  " not in norm


@given(st.text(max_size=30), st.text(max_size=30), st.text(max_size=30))
def test_clean_edges_stays_inside_the_span(before: str, span: str, after: str) -> None:
    text = before + span + after
    start, end = clean_edges(text, len(before), len(before) + len(span))
    assert len(before) <= start <= end <= len(before) + len(span)
    if span:
        assert end > start


@given(
    st.sampled_from(["the ", "The ", ""]), st.sampled_from(["Basij", "Arab News"]), st.sampled_from(["'s", "’s", ""])
)
def test_clean_edges_removes_article_and_possessive(lead: str, name: str, tail: str) -> None:
    text = f"x {lead}{name}{tail} y"
    start, end = clean_edges(text, 2, 2 + len(lead + name + tail))
    assert text[start:end] == name


_words = st.sampled_from(
    [
        "the",
        "Zainabiyoun",
        "Brigade",
        "’s",
        "Khan",
        "Rana",
        "said",
        "in",
        "Karachi",
        "Iran",
        "US",
        "Treasury",
        "al-Fajr",
        "Liwa",
        "militia",
        ",",
        ".",
        "“",
        "”",
        "\n",
        "IRGC",
        "Pakistani",
        "2019",
        "Mr.",
        "لواء",
        "é",
    ]
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(_words, max_size=40).map(" ".join))
def test_any_text_gives_consistent_mentions(nlp, text: str) -> None:
    """Whatever the text, mentions point at their own words and each group has one type and name."""
    doc = nlp(text)
    mentions = group_mentions(build_mentions(doc))
    for m in mentions:
        assert text[m.start : m.end] == m.text and m.text.strip() == m.text
        assert m.label in ENTITY_TYPES and m.group >= 0
    for group in {m.group for m in mentions}:
        assert len({(m.label, m.canonical) for m in mentions if m.group == group}) == 1


def test_state_department_short_form_drops_country_and_body_word() -> None:
    ms = group_mentions(_mentions(("UK Home Office Department", "PublicBody"), ("Home Office", "PublicBody")))
    assert _group_of(ms, "Home Office") == _group_of(ms, "UK Home Office Department")


def test_treasury_department_short_form_is_the_treasury() -> None:
    ms = group_mentions(_mentions(("Canadian Finance Department", "PublicBody"), ("Finance", "Organization")))
    assert _group_of(ms, "Finance") == _group_of(ms, "Canadian Finance Department")


def test_a_body_word_alone_is_the_one_body_named_with_it() -> None:
    """Session 17: "the Department" of a release naming one department is that department (a separate
    "Department" actor was an entity nobody meant); beside two departments it stays apart."""
    ms = group_mentions(_mentions(("US Justice Department", "PublicBody"), ("Department", "PublicBody")))
    assert _group_of(ms, "Department") == _group_of(ms, "US Justice Department")
    ms = group_mentions(
        _mentions(
            ("US Justice Department", "PublicBody"), ("US Labor Department", "PublicBody"), ("Department", "PublicBody")
        )
    )
    assert _group_of(ms, "Department").isdisjoint(
        _group_of(ms, "US Justice Department") | _group_of(ms, "US Labor Department")
    )


def test_a_known_name_is_not_the_short_form_of_its_designated_unit() -> None:
    """ "Kata'ib X" and the listed "X" in one article are two groups (a designator is a name part); an unknown
    "X" after "X Brigade" is still its short form, and a known "X" after "X Group" too (a generic word)."""
    unit, known, x2 = _mentions(
        ("Kataib Qurmul", "ArmedGroup", "gazetteer"),
        ("Qurmul", "ArmedGroup", "gazetteer"),
        ("Qurmul", "ArmedGroup", "gazetteer"),
    )
    ms = group_mentions([unit, known, x2], named=[known, x2])
    assert _group_of(ms, "Qurmul").isdisjoint(_group_of(ms, "Kataib Qurmul"))
    unit, short = _mentions(("Kataib Qurmul", "ArmedGroup", "gazetteer"), ("Qurmul", "Person"))
    ms = group_mentions([unit, short])
    assert _group_of(ms, "Qurmul") == _group_of(ms, "Kataib Qurmul")
    group, known = _mentions(("Qurmul Group", "Organization", "gazetteer"), ("Qurmul", "ArmedGroup", "gazetteer"))
    ms = group_mentions([group, known], named=[known])
    assert _group_of(ms, "Qurmul") == _group_of(ms, "Qurmul Group")


def test_a_body_named_with_of_has_its_short_form_too() -> None:
    """ "U.S. Department of the Treasury" ... "Treasury" were two groups of one press release."""
    ms = group_mentions(_mentions(("Canadian Ministry of the Finance", "PublicBody"), ("Finance", "Organization")))
    assert _group_of(ms, "Finance") == _group_of(ms, "Canadian Ministry of the Finance")
    ms = group_mentions(_mentions(("Canadian Ministry of Finance and Trade", "PublicBody"), ("Trade", "Organization")))
    assert _group_of(ms, "Trade") != _group_of(ms, "Canadian Ministry of Finance and Trade")


def test_an_acronym_the_article_defines_names_that_body_every_time(nlp) -> None:
    """ "Full Name (LT)" and then "LT" alone: every later occurrence is the defined body, even where the
    model left it untagged or read it as a country code (issue 9: the acronym's entity was never formed)."""
    from threatgraph.extract.pipeline import Extractor
    from threatgraph.model import Article

    text = (
        "The Legion of Tarrow (LT) opened an office in Qandor. Officials said LT recruited fighters there. "
        "LT's commander denied it, and the money sent to LT came from abroad."
    )
    analysis = next(Extractor(nlp=nlp).analyse([Article(text=text)]))
    defined = [m for m in analysis.mentions if m.text == "LT"]
    full = next(m for m in analysis.mentions if m.text == "Legion of Tarrow")
    assert len(defined) == 4
    assert {m.group for m in defined} == {full.group}
    assert {m.label for m in defined} == {full.label}


def test_a_bracket_that_does_not_spell_the_name_defines_nothing(nlp) -> None:
    from threatgraph.extract.pipeline import Extractor
    from threatgraph.model import Article

    text = "Troops of the Qandor Mission (VMQ) left. Later VMQ said nothing."
    analysis = next(Extractor(nlp=nlp).analyse([Article(text=text)]))
    assert not any(
        m.text == "VMQ" and m.group == next(x.group for x in analysis.mentions if x.text == "Qandor Mission")
        for m in analysis.mentions
        if any(x.text == "Qandor Mission" for x in analysis.mentions)
    )


def test_a_name_split_before_its_definition_is_joined_by_the_acronym() -> None:
    """ "Majelis Qandor | Indonesia (MQI)": the model cut the name in two; the acronym spells both parts."""
    from threatgraph.extract.defined import _unglue
    from threatgraph.model import Mention

    text = "The ministry designated Majelis Qandor Indonesia (MQI) today."
    first = text.index("Majelis")
    second = text.index("Indonesia")
    mentions = [
        Mention(first, second - 1, "Majelis Qandor", "Person", "majelis qandor", text, 0),
        Mention(second, second + len("Indonesia (MQI"), "Indonesia (MQI", "Organization", "indonesia mqi", text, 0),
    ]
    (joined,) = _unglue(text, mentions)
    assert (joined.text, joined.label) == ("Majelis Qandor Indonesia", "Organization")
    # a bracket that spells neither part nor both leaves the spans as they are
    other = text.replace("(MQI)", "(VMQ)")
    kept = [
        Mention(first, second - 1, "Majelis Qandor", "Person", "majelis qandor", other, 0),
        Mention(second, second + len("Indonesia"), "Indonesia", "Country", "indonesia", other, 0),
    ]
    assert [m.text for m in _unglue(other, kept)] == ["Majelis Qandor", "Indonesia"]


def test_a_name_cut_short_of_its_definition_runs_to_the_bracket() -> None:
    """ "<Parent> Corps | – <Branch> Force (QRC-VF)": the acronym spells the words up to the bracket, so the
    name is the branch's, not the parent's; a place the model tagged inside those words is part of the name."""
    from threatgraph.extract.defined import _unglue
    from threatgraph.model import Mention

    text = "Funds went to the Qandor Relief Corps – Vellacott Force (QRC-VF) and to the Amsel Mission in Dorland (AMD)."
    parent = text.index("Qandor")
    mission, place = text.index("Amsel"), text.index("Dorland")
    mentions = [
        Mention(parent, parent + len("Qandor Relief Corps"), "Qandor Relief Corps", "ArmedGroup", "", text, 0),
        Mention(mission, mission + len("Amsel Mission"), "Amsel Mission", "Organization", "", text, 0),
        Mention(place, place + len("Dorland"), "Dorland", "Country", "", text, 0),
    ]
    assert [(m.text, m.label) for m in _unglue(text, mentions)] == [
        ("Qandor Relief Corps – Vellacott Force", "ArmedGroup"),
        ("Amsel Mission in Dorland", "Organization"),
    ]
    # the parent named alone before another bracket, or a bracket that does not spell the tail: nothing grows
    for other in (text.replace("(QRC-VF)", "(QRC)"), text.replace("(QRC-VF)", "(ZZX)")):
        assert _unglue(other, mentions[:1])[0].text == "Qandor Relief Corps"
    # a comma ends the name: "<Body>, <Place> (...)" is no longer name
    listed = text.replace("Corps – Vellacott", "Corps, Vellacott")
    assert _unglue(listed, mentions[:1])[0].text == "Qandor Relief Corps"


def test_a_kunya_joins_the_one_full_name_it_opens() -> None:
    ms = group_mentions(
        _mentions(("Abu Qandor al-Vellacotti al-Amseli", "Person"), ("Dorian Keth", "Person"), ("Abu Qandor", "Person"))
    )
    assert _group_of(ms, "Abu Qandor") == _group_of(ms, "Abu Qandor al-Vellacotti al-Amseli")
    # two full names open with that kunya: it names neither for sure
    two = group_mentions(
        _mentions(("Abu Qandor al-Vellacotti", "Person"), ("Abu Qandor al-Amseli", "Person"), ("Abu Qandor", "Person"))
    )
    assert len({m.group for m in two}) == 3
    # "bin <Name>" is a father's name, not a kunya: it does not join the name it opens
    ms = group_mentions(_mentions(("Bin Qandor al-Vellacotti al-Amseli", "Person"), ("Bin Qandor", "Person")))
    assert len({m.group for m in ms}) == 2


def test_a_surname_tied_to_another_name_brings_it_to_the_full_name() -> None:
    """ "al-<Nisba>, also known as <Other>": the article tied the two short names first; both join the full name."""
    ms = _mentions(("Abu Qandor al-Vellacotti", "Person"), ("al-Vellacotti", "Person"), ("Hajji Dorian", "Person"))
    grouped = group_mentions(ms, joins=[(ms[1], ms[2])])
    assert len({m.group for m in grouped}) == 1
    # tied to an organisation instead, the surname stays with it
    ms = _mentions(("Abu Qandor al-Vellacotti", "Person"), ("Vellacotti", "Person"), ("Vellacotti Holdings", "Company"))
    grouped = group_mentions(ms, joins=[(ms[1], ms[2])])
    assert _group_of(grouped, "Vellacotti") == _group_of(grouped, "Vellacotti Holdings")
    assert _group_of(grouped, "Vellacotti") != _group_of(grouped, "Abu Qandor al-Vellacotti")


def test_a_bracketed_short_name_or_nickname_names_the_person_from_then_on() -> None:
    """ "<First> <Paternal> <Maternal> (<Paternal>)" and "(a.k.a. “<Nickname>”)": later mentions written so join
    the full name even where the bracket itself was not tagged; a bracketed place defines nothing."""
    from threatgraph.extract.grouping import definitions

    text = (
        "Dorian Vellacott Amsel (Vellacott) and Brenna Holt Qandor (a.k.a. “La Brenna”) met Karl Ostrow (Dorland). "
        "Vellacott paid La Brenna. Dorland sent Ostrow."
    )

    def at(name: str, label: str, nth: int = 0) -> Mention:
        start = -1
        for _ in range(nth + 1):
            start = text.index(name, start + 1)
        return Mention(start, start + len(name), name, label, normalise_surface(name), text, 0)

    ms = [
        at("Dorian Vellacott Amsel", "Person"),
        at("Brenna Holt Qandor", "Person"),
        at("Karl Ostrow", "Person"),
        at("Vellacott", "Organization", 1),
        at("La Brenna", "Organization", 1),
        at("Dorland", "Country", 1),
    ]
    grouped = group_mentions(ms, joins=definitions(text, ms))
    group = {m.text: m.group for m in grouped}
    assert group["Vellacott"] == group["Dorian Vellacott Amsel"]
    assert group["La Brenna"] == group["Brenna Holt Qandor"]
    assert group["Dorland"] != group["Karl Ostrow"]
    # a full name the model alone typed Organization, written like a person's, defines its short name too
    ms = [at("Dorian Vellacott Amsel", "Organization"), at("Vellacott", "Person", 1)]
    for m in ms:
        m.source = "model"
    grouped = group_mentions(ms, joins=definitions(text, ms))
    assert len({m.group for m in grouped}) == 1


def test_a_person_glued_to_the_short_name_it_defines_is_cut_before_the_bracket() -> None:
    from threatgraph.extract.defined import _unglue

    text = "Treasury named Brenna Holt Qandor (Holt) today."
    start = text.index("Brenna")
    glued = Mention(start, start + len("Brenna Holt Qandor (Holt"), "Brenna Holt Qandor (Holt", "Person", "", text, 0)
    (cut,) = _unglue(text, [glued])
    assert (cut.text, cut.label) == ("Brenna Holt Qandor", "Person")
    # a bracket holding no word of the name is left as the model read it
    other = text.replace("(Holt", "(Dorland")
    glued = Mention(
        start, start + len("Brenna Holt Qandor (Dorland"), "Brenna Holt Qandor (Dorland", "Person", "", other, 0
    )
    assert _unglue(other, [glued])[0].text == "Brenna Holt Qandor (Dorland"


def test_a_place_named_without_its_administrative_word_is_the_same_place() -> None:
    ms = group_mentions(_mentions(("Qandor County", "Location"), ("Qandor East", "Location"), ("Qandor", "Location")))
    assert _group_of(ms, "Qandor") == _group_of(ms, "Qandor County")
    assert _group_of(ms, "Qandor East") != _group_of(ms, "Qandor")  # a direction makes another place
    # a road or an airport named after a town is another place than the town
    road = group_mentions(_mentions(("Qandor Road", "Location"), ("Qandor", "Location")))
    assert len({m.group for m in road}) == 2
    # two divisions with that short form ("Qandor District", "Qandor Province"): the short form joins neither
    two = group_mentions(
        _mentions(("Qandor District", "Location"), ("Qandor Province", "Location"), ("Qandor", "Location"))
    )
    assert len({m.group for m in two}) == 3


def test_a_given_name_after_the_full_name_joins_the_one_person_it_opens() -> None:
    """ "<Given>" after "<Given> <Father> <Surname>", when the surname is shared with a brother: the given name
    names the one full name it opens; not before that name is written, and not when two full names open with it
    or another full name ends with it (then it is that one's surname)."""
    ms = group_mentions(
        _mentions(
            ("Dorian Keth al-Vellacotti", "Person"),
            ("Brenno Keth al-Vellacotti", "Person"),
            ("Dorian", "Person"),
        )
    )
    assert _group_of(ms, "Dorian") == _group_of(ms, "Dorian Keth al-Vellacotti")
    before = group_mentions(_mentions(("Dorian", "Person"), ("Dorian Keth al-Vellacotti", "Person")))
    assert len({m.group for m in before}) == 2
    two = group_mentions(
        _mentions(("Dorian Keth al-Vellacotti", "Person"), ("Dorian Amsel", "Person"), ("Dorian", "Person"))
    )
    assert len({m.group for m in two}) == 3
    surname = group_mentions(
        _mentions(("Dorian Keth al-Vellacotti", "Person"), ("Brenno Dorian", "Person"), ("Dorian", "Person"))
    )
    assert _group_of(surname, "Dorian") == _group_of(surname, "Brenno Dorian")
    # a given name the model typed an organisation is not read as one
    org = group_mentions(_mentions(("Dorian Keth al-Vellacotti", "Person"), ("Dorian", "Organization")))
    assert len({m.group for m in org}) == 2


def test_a_surname_written_with_its_article_and_typed_an_organisation_joins_the_person() -> None:
    """ "al-<Surname>’s network": the model typed the article and the surname an organisation; it is the one
    person's surname all the same. A company that carries the name keeps it."""
    ms = group_mentions(_mentions(("Dorian al-Vellacotti", "Person"), ("al-Vellacotti", "Organization")))
    assert _group_of(ms, "al-Vellacotti") == _group_of(ms, "Dorian al-Vellacotti")
    assert {m.label for m in ms} == {"Person"}
    company = group_mentions(
        _mentions(
            ("Dorian al-Vellacotti", "Person"),
            ("al-Vellacotti General Trading Company", "Company"),
            ("al-Vellacotti", "Organization"),
        )
    )
    assert _group_of(company, "al-Vellacotti") == _group_of(company, "al-Vellacotti General Trading Company")


def test_a_surname_before_a_generational_suffix_joins_the_person() -> None:
    """ "<First> <Initial>. <Last> IV" then "<Last>": the suffix is no surname; the word before it is."""
    for suffix in ("IV", "Jr.", "III"):
        ms = group_mentions(_mentions((f"Dorian K. Vellacott {suffix}", "Person"), ("Vellacott", "Person")))
        assert _group_of(ms, "Vellacott") == _group_of(ms, f"Dorian K. Vellacott {suffix}"), suffix
    # two people named alike but for the suffix: the surname names neither for sure
    two = group_mentions(
        _mentions(("Dorian Vellacott Jr.", "Person"), ("Brenno Vellacott", "Person"), ("Vellacott", "Person"))
    )
    assert len({m.group for m in two}) == 3


def test_a_syllable_acronym_joins_the_one_organisation_it_fits() -> None:
    """ "<QAN><COM>" beside "U.S. Qandor Command": each word gives its first letters. Only with exactly one
    organisation of the article that fits: with two, or with none, the acronym stays alone."""
    ms = group_mentions(_mentions(("U.S. Qandor Command", "Organization"), ("QANCOM", "Organization")))
    assert _group_of(ms, "QANCOM") == _group_of(ms, "U.S. Qandor Command")
    two = group_mentions(
        _mentions(("Qandor Command", "Organization"), ("Qandor Committee", "Organization"), ("QANCOM", "Organization"))
    )
    assert len({m.group for m in two}) == 3
    none = group_mentions(_mentions(("Vellacott Relief Agency", "Organization"), ("QANCOM", "Organization")))
    assert len({m.group for m in none}) == 2


def _tag(text: str, words: str, label: str, nth: int = 0) -> Mention:
    start = -1
    for _ in range(nth + 1):
        start = text.index(words, start + 1)
    return Mention(start, start + len(words), words, label, normalise_surface(words), text, 0)


def test_a_mention_cut_short_of_a_name_the_article_writes_whole_grows_to_it() -> None:
    """ "the Dorlandic Vellacott Brotherhood" (one of two national branches) tagged whole once and as
    "Vellacott Brotherhood" (the parent body's name) later: the text says the whole name there, so that
    occurrence is the branch, not the parent; a nationality tagged inside the grown span goes. A person cut
    short before the surnames grows too."""
    from threatgraph.extract.defined import _completed
    from threatgraph.extract.grouping import group_mentions

    text = (
        "The ministry named the Dorlandic Vellacott Brotherhood, the Qandoran Vellacott Brotherhood and the "
        "Vellacott Brotherhood itself. "
        "The leader of the Dorlandic Vellacott Brotherhood, Qandor Amsel, was named. "
        "The Vellacott Brotherhood denied it. Its ally Tomas Keth, Amsel Berin Ostrova Palme, joined. "
        "Later Amsel Berin Ostrova Palme left."
    )
    mentions = [
        _tag(text, "Dorlandic Vellacott Brotherhood", "Organization"),
        _tag(text, "Qandoran Vellacott Brotherhood", "Organization"),
        _tag(text, "Vellacott Brotherhood", "Organization", 2),
        _tag(text, "Dorlandic", "Nationality", 1),
        _tag(text, "Vellacott Brotherhood", "Organization", 3),
        _tag(text, "Vellacott Brotherhood", "Organization", 4),
        _tag(text, "Tomas Keth", "Person"),
        _tag(text, "Amsel Berin", "Person"),
        _tag(text, "Amsel Berin Ostrova Palme", "Person", 1),
    ]
    out = _completed(text, mentions)
    assert [m.text for m in out] == [
        "Dorlandic Vellacott Brotherhood",
        "Qandoran Vellacott Brotherhood",
        "Vellacott Brotherhood",
        "Dorlandic Vellacott Brotherhood",
        "Vellacott Brotherhood",
        "Tomas Keth",
        "Amsel Berin Ostrova Palme",
        "Amsel Berin Ostrova Palme",
    ]
    grouped = group_mentions(out)
    branch = {m.group for m in grouped if m.text.startswith("Dorlandic")}
    parent = {m.group for m in grouped if m.text == "Vellacott Brotherhood"}
    assert len(branch) == 1 and len(parent) == 1 and branch != parent
    assert len({m.group for m in grouped if m.text.startswith("Amsel")}) == 1


def test_a_mention_grows_only_to_the_articles_own_whole_names_and_not_across_punctuation() -> None:
    """No whole name written elsewhere, a comma or a sentence end between the words: the span stays."""
    from threatgraph.extract.defined import _completed

    text = "Officials in Dorland. Vellacott Brotherhood members met the Dorland, Vellacott Brotherhood envoy."
    mentions = [
        _tag(text, "Vellacott Brotherhood", "Organization"),
        _tag(text, "Vellacott Brotherhood", "Organization", 1),
        _tag(text, "Dorland", "Location"),
    ]
    assert [m.text for m in _completed(text, mentions)] == ["Vellacott Brotherhood", "Vellacott Brotherhood", "Dorland"]
    # with the whole name in the text, the comma and the full stop still keep the words apart
    text2 = text + " The Dorland Vellacott Brotherhood was named."
    mentions2 = [
        _tag(text2, "Vellacott Brotherhood", "Organization"),
        _tag(text2, "Vellacott Brotherhood", "Organization", 1),
        _tag(text2, "Dorland Vellacott Brotherhood", "Organization"),
    ]
    assert [m.text for m in _completed(text2, mentions2)][:2] == ["Vellacott Brotherhood", "Vellacott Brotherhood"]


def test_a_units_opening_words_and_the_acronym_of_the_rest_join_its_full_name() -> None:
    """ "403rd QRW" after "403rd Qandor Relief Wing" (and another 403rd unit): the opening words, then the
    acronym of the rest; an acronym that fits no unit, or fits two, joins nothing."""
    mentions = _mentions(
        ("403rd Qandor Relief Wing", "Organization"),
        ("403rd Maintenance Group", "Organization"),
        ("403rd QRW", "Organization"),
        ("403rd XYZ", "Organization"),
    )
    group_mentions(mentions)
    assert _group_of(mentions, "403rd QRW") == _group_of(mentions, "403rd Qandor Relief Wing")
    assert _group_of(mentions, "403rd XYZ").isdisjoint(_group_of(mentions, "403rd Qandor Relief Wing"))
    assert _group_of(mentions, "403rd Maintenance Group") != _group_of(mentions, "403rd QRW")
    two = _mentions(
        ("403rd Qandor Relief Wing", "Organization"),
        ("403rd Qandor Recovery Wing", "Organization"),
        ("403rd QRW", "Organization"),
    )
    group_mentions(two)
    assert len({m.group for m in two}) == 3
