"""Span repair after NER (extract/spans.py) and the dateline/group-opener data of the gazetteer.

Sentences here are invented and use other names than the held-out articles, so a pass shows the repair is
general and not fitted to those texts.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.tokens import Span

from threatgraph.extract import spans
from threatgraph.extract.pipeline import Extractor
from threatgraph.model import Analysis, Article


@pytest.fixture(scope="module")
def extractor(nlp) -> Extractor:
    return Extractor(nlp=nlp)


def _analyse(extractor: Extractor, text: str, outlet: str | None = None) -> Analysis:
    return next(extractor.analyse([Article(text=text, outlet=outlet)]))


def _labels(analysis: Analysis) -> dict[str, str]:
    return {m.text: m.label for m in analysis.mentions}


def test_the_pipeline_runs_span_repair_after_the_ner(nlp) -> None:
    names = nlp.pipe_names
    assert names.index(spans.FACTORY) == names.index("ner") + 1


def test_a_dateline_names_a_place(extractor: Extractor) -> None:
    found = _labels(_analyse(extractor, "GAROWE: Gunmen attacked a police post overnight, officials said."))
    assert found.get("GAROWE") == "Location"


def test_two_word_dateline_with_a_dash(extractor: Extractor) -> None:
    found = _labels(_analyse(extractor, "COTABATO CITY - Soldiers arrested three men on Monday, the army said."))
    assert found.get("COTABATO CITY") == "Location"


def test_no_dateline_without_a_separator(nlp) -> None:
    doc = nlp("NATO leaders met in Vilnius on Tuesday.")
    assert all(ent.text != "NATO leaders" for ent in doc.ents)
    assert not any(ent.label_ == "Location" and ent.start == 0 for ent in doc.ents)


@pytest.mark.parametrize(
    "name",
    ["Jaysh al-Nasr", "Katibat Ahl al-Sunna", "Saraya al-Mukhtar", "Harakat Ansar al-Din", "Jund al-Haqq"],
)
def test_arabic_group_openers_make_an_armed_group(extractor: Extractor, name: str) -> None:
    found = _labels(_analyse(extractor, f"Fighters of {name} attacked a checkpoint, the army said."))
    assert found.get(name) == "ArmedGroup", found


def test_a_name_with_an_inner_apostrophe_is_not_cut(nlp) -> None:
    doc = nlp("Khalid Ba'alawi, a researcher, said the talks had failed.")
    doc.ents = [Span(doc, 0, 1, label="PERSON")]
    spans.repair(doc)
    assert [(e.text, e.label_) for e in doc.ents] == [("Khalid Ba'alawi", "PERSON")]


def test_a_possessive_is_not_taken_as_an_apostrophe_name(nlp) -> None:
    doc = nlp("Khalid Omar's deputy said the talks had failed.")
    doc.ents = [Span(doc, 0, 2, label="PERSON")]
    spans.repair(doc)
    assert [e.text for e in doc.ents] == ["Khalid Omar"]


def test_and_institution_is_joined(nlp) -> None:
    doc = nlp("She is a fellow at the Desert and Coast Centre in Amman.")
    start = [t.i for t in doc if t.text == "Coast"][0]
    doc.ents = [Span(doc, start - 2, start - 1, label="LOC"), Span(doc, start, start + 2, label="PERSON")]
    spans.repair(doc)
    assert ("Desert and Coast Centre", "ORG") in [(e.text, e.label_) for e in doc.ents]


def test_two_places_joined_by_and_stay_apart(nlp) -> None:
    doc = nlp("Troops moved between Homs and Hama on Friday.")
    doc.ents = [Span(doc, 3, 4, label="GPE"), Span(doc, 5, 6, label="GPE")]
    spans.repair(doc)
    assert [e.text for e in doc.ents] == ["Homs", "Hama"]


def test_a_verb_inside_a_name_ends_it(nlp) -> None:
    doc = nlp("The envoy asked that the Human Rights Council condemn Okafor for the killings.")
    start = [t.i for t in doc if t.text == "Human"][0]
    verb = [t for t in doc if t.text == "condemn"][0]
    assert verb.tag_.startswith("VB")
    doc.ents = [Span(doc, start, verb.i + 2, label="ORG")]
    spans.repair(doc)
    assert [e.text for e in doc.ents] == ["Human Rights Council"]


def test_trailing_lower_case_words_are_cut(nlp) -> None:
    doc = nlp("The ship sailed through the Panama Canal to Balboa.")
    start = [t.i for t in doc if t.text == "Panama"][0]
    doc.ents = [Span(doc, start, start + 3, label="LOC")]
    spans.repair(doc)
    assert [e.text for e in doc.ents] == ["Panama Canal"]


@pytest.mark.parametrize(
    "text,name",
    [
        ("Militants seized the town of Bardhere after a week of fighting.", "Bardhere"),
        ("The kidnappers held the men on the island of Pangutaran for a month.", "Pangutaran"),
        ("A Bosaso-based trader was arrested on Monday.", "Bosaso"),
    ],
)
def test_locative_cues_make_a_place(nlp, text: str, name: str) -> None:
    doc = nlp(text)
    start = [t.i for t in doc if t.text == name][0]
    doc.ents = [Span(doc, start, start + 1, label="PERSON")]
    spans.repair(doc)
    assert [(e.text, e.label_) for e in doc.ents] == [(name, "GPE")]


def test_a_person_after_a_preposition_with_no_place_cue_stays_a_person(nlp) -> None:
    doc = nlp("The money was sent to Okafor by courier.")
    start = [t.i for t in doc if t.text == "Okafor"][0]
    doc.ents = [Span(doc, start, start + 1, label="PERSON")]
    spans.repair(doc)
    assert [e.label_ for e in doc.ents] == ["PERSON"]


def test_demonyms_the_model_left_out_are_nationalities(extractor: Extractor) -> None:
    found = _labels(_analyse(extractor, "Nigerien troops killed 12 militants near the border, the army said."))
    assert found.get("Nigerien") == "Nationality", found


def test_a_surname_that_is_also_a_demonym_stays_a_person(nlp) -> None:
    doc = nlp("“We will keep up the pressure,” Cook said.")
    start = [t.i for t in doc if t.text == "Cook"][0]
    doc.ents = [Span(doc, start, start + 1, label="PERSON")]
    spans.repair(doc)
    assert [e.label_ for e in doc.ents] == ["PERSON"]


def test_a_place_name_is_not_a_demonym(nlp) -> None:
    doc = nlp("The fighters withdrew towards the Juba valley.")
    spans.repair(doc)
    assert all(e.label_ != "NORP" for e in doc.ents)


def test_second_of_two_named_people_is_a_person(nlp) -> None:
    doc = nlp("The list names two of its commanders, Omar al-Rashidi and Samir Adel Nouri, as financiers.")
    first = [t.i for t in doc if t.text == "Omar"][0]
    second = [t.i for t in doc if t.text == "Samir"][0]
    doc.ents = [Span(doc, first, first + 4, label="PERSON"), Span(doc, second, second + 3, label="ORG")]
    spans.repair(doc)
    assert [e.label_ for e in doc.ents] == ["PERSON", "PERSON"]


def test_the_articles_outlet_is_an_organisation(extractor: Extractor) -> None:
    text = "“They will be back,” the analyst told Savanna Courier on Friday."
    assert _labels(_analyse(extractor, text, outlet="Savanna Courier")).get("Savanna Courier") == "Organization"


def test_gazetteer_spans_are_not_repaired(nlp) -> None:
    doc = nlp("Fighters of Liwa al-Quds attacked a post near Aleppo.")
    before = [(e.start, e.end, e.label_) for e in doc.ents if e.label_ == "ArmedGroup"]
    spans.repair(doc)
    assert before and [(e.start, e.end, e.label_) for e in doc.ents if e.label_ == "ArmedGroup"] == before


_WORD = st.sampled_from(
    ["Jaysh", "al-Nasr", "and", "Institute", "town", "of", "off", "Bazara'a", "said", "Malian", "troops", "ADEN", ":"]
    + ["the", "Council", "add", "Cook", "Somali", "Centre", "near", "-", "based", "Ugandan", "Peace", "X's"]
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(_WORD, min_size=1, max_size=14))
def test_mentions_always_match_their_offsets(extractor: Extractor, words: list[str]) -> None:
    text = " ".join(words) + "."
    analysis = _analyse(extractor, text)
    for mention in analysis.mentions:
        assert text[mention.start : mention.end] == mention.text
        assert mention.text.strip() == mention.text and mention.text


@pytest.mark.parametrize("name", ["Frente Guasá", "Bloque Magdalena", "Columna Teófilo Forero"])
def test_spanish_group_openers_make_an_armed_group(extractor: Extractor, name: str) -> None:
    found = _labels(_analyse(extractor, f"The {name} clashed with soldiers near the river, the army said."))
    assert found.get(name) == "ArmedGroup", found


def test_a_state_body_keeps_the_country_written_before_it(extractor: Extractor) -> None:
    found = _labels(_analyse(extractor, "The United Kingdom Ministry of Defence said two drones were shot down."))
    assert found.get("United Kingdom Ministry of Defence") == "PublicBody", found


def test_a_sentence_start_word_is_no_country_prefix(extractor: Extractor) -> None:
    found = _labels(_analyse(extractor, "Yesterday Ministry of Defence officials denied the report."))
    assert found.get("Ministry of Defence") == "PublicBody", found


def test_an_unlabelled_name_after_the_port_of_is_a_place(nlp) -> None:
    doc = nlp("Police raided a warehouse near the port of Quelimane on Friday.")
    doc.ents = [e for e in doc.ents if e.text != "Quelimane"]
    spans.repair(doc)
    assert ("Quelimane", "GPE") in [(e.text, e.label_) for e in doc.ents]


def test_a_surname_the_model_left_out_is_taken_in(nlp) -> None:
    from threatgraph.extract.pipeline import extract_mentions

    ms = extract_mentions(nlp("Ali Dheere spoke in Baidoa on Monday."))
    assert [m.text for m in ms if m.label == "Person"] == ["Ali Dheere"]


def _doc(words: list[str], ents: list[tuple[int, int, str]]):
    import spacy
    from spacy.tokens import Doc

    doc = Doc(spacy.blank("en").vocab, words=words)
    doc.ents = [Span(doc, s, e, label=lab) for s, e, lab in ents]
    return doc


def test_two_surnames_joined_by_and_are_two_people() -> None:
    """ "Qorvel and Tamsin are being designated" read as one ORG: the article named both people before."""
    words = ["Dorian", "Qorvel", "and", "Amsel", "Tamsin", "fled", ".", "Qorvel", "and", "Tamsin", "were", "seen", "."]
    doc = _doc(words, [(0, 2, "PERSON"), (3, 5, "PERSON"), (7, 10, "ORG")])
    span = doc.ents[2]
    pieces = spans._coordinated_persons(span, frozenset({"Qorvel", "Tamsin"}))
    assert [(p.text, p.label_) for p in pieces] == [("Qorvel", "PERSON"), ("Tamsin", "PERSON")]
    # a body named "X and Y" whose words are nobody's surnames stays whole
    assert spans._coordinated_persons(span, frozenset({"Qorvel"})) == [span]


def test_a_possessive_inside_a_span_cuts_it_at_a_name_the_article_uses_alone() -> None:
    """ "QeT's FTO designation": the owner is the name, the rest a common noun; "People's X" stays whole."""
    words = [
        "QeT",
        "'s",
        "FTO",
        "was",
        "amended",
        ".",
        "QeT",
        "denied",
        "it",
        ".",
        "People",
        "'s",
        "Vellacott",
        "Front",
    ]
    doc = _doc(words, [(0, 3, "ORG"), (6, 7, "ORG"), (10, 14, "ORG")])
    names = frozenset({"QeT"})
    assert spans._owner_of(doc.ents[0], names).text == "QeT"
    assert spans._owner_of(doc.ents[2], names).text == "People 's Vellacott Front"


def test_the_service_that_opens_a_title_is_a_body_of_its_own(extractor: Extractor) -> None:
    """ "Navy Capt. Dara Vellacott", "Defense Secretary Ivo Qandor": the person and the body they serve."""
    labels = _labels(_analyse(extractor, "Army Lt. Gen. Dara Vellacott said the strike worked."))
    assert labels.get("Army") == "PublicBody" and "Army Lt" not in labels
    assert any(label == "Person" for text, label in labels.items() if "Vellacott" in text)
    defense = _labels(_analyse(extractor, "Defense Secretary Ivo Qandor met the delegation on Monday."))
    assert defense.get("Defense") == "PublicBody"
    # no person follows the title: "Army" is not split off ("the Army Corps of Engineers")
    assert "Army" not in _labels(_analyse(extractor, "Engineers of the Army Corps rebuilt the bridge."))
    # an office that is no body alone keeps its title whole ("Interior Minister")
    assert "Interior" not in _labels(_analyse(extractor, "Interior Minister Ivo Qandor met the delegation."))


def test_a_name_ending_in_a_facility_word_is_a_place(nlp) -> None:
    """ "Qandor Military Airfield" read as ORG (or PERSON) is a place; "The Base" (one word) is left alone."""
    doc = nlp.make_doc("Jets left Qandor Military Airfield at dawn.")
    ent = Span(doc, 2, 5, label="ORG")
    assert spans._relabel(ent) == "FAC"
    assert spans._relabel(Span(doc, 2, 3, label="ORG")) == "ORG"


def test_a_name_labelled_once_is_labelled_where_the_model_left_it_out(nlp) -> None:
    """One name in one document is one name: "QTF" labelled once is found again at a sentence's start."""
    doc = nlp("The frigate joined QTF on Monday. QTF is led by a commodore.")
    found = spans._same_name_elsewhere(doc, [Span(doc, 3, 4, label="ORG")])
    assert [(s.text, s.label_, s.start) for s in found] == [("QTF", "ORG", 7)]


def test_only_standalone_single_word_names_are_labelled_again(nlp) -> None:
    """Not inside a longer name ("Coalition Council"), not a longer name (a list of people the model read once
    as an organisation), not a person's surname with another label, not a sentence-initial capital."""
    doc = nlp("The Coalition met in Rome. Later the Coalition Council and the Coalition spoke.")
    found = spans._same_name_elsewhere(doc, [Span(doc, 1, 2, label="ORG")])
    assert [(s.text, s.start) for s in found] == [("Coalition", 12)]
    doc = nlp("Vell Qorin Abad was named. Later Vell Qorin Abad and Tomas Abad left.")
    people = [Span(doc, 0, 3, label="ORG"), Span(doc, 10, 12, label="PERSON")]
    assert spans._same_name_elsewhere(doc, people) == []
    doc = nlp("Jan Abad spoke. In Abad, people met Abad.")
    assert spans._same_name_elsewhere(doc, [Span(doc, 0, 2, label="PERSON"), Span(doc, 5, 6, label="GPE")]) == []
    doc = nlp("Coalition jets flew. They met the Coalition team.")
    assert spans._same_name_elsewhere(doc, [Span(doc, 0, 1, label="ORG")]) == []


def test_a_name_taken_for_a_title_is_replaced_by_the_name(nlp) -> None:
    """ "The Coalition" read as WORK_OF_ART where "the Coalition" is an ORG elsewhere in the text."""
    doc = nlp("The Coalition is trained. They worked with the Coalition today.")
    work, org = Span(doc, 0, 2, label="WORK_OF_ART"), Span(doc, 9, 10, label="ORG")
    found = spans._same_name_elsewhere(doc, [work, org])
    assert [(s.text, s.label_) for s in found] == [("Coalition", "ORG")]


def test_a_name_ends_at_a_line_break(nlp) -> None:
    """A list's lines are separate: the model's span over two lines keeps the first line's part."""
    doc = nlp("Resources:\n- Annual Qandor Risk Review\n- Plan For Vellacott Harbour")
    start = next(t.i for t in doc if t.text == "Annual")
    end = next(t.i for t in doc if t.text == "Plan") + 1
    cut = spans._at_line_break(Span(doc, start, end, label="ORG"))
    assert cut is not None and cut.text == "Annual Qandor Risk Review"


def test_counted_or_plural_acronyms_are_things(nlp) -> None:
    """ "a QXV", "two QXVs" are equipment; "the QLF", a numbered "QTF 50" and "an QLF fighter" name a body."""
    doc = nlp("Strikes destroyed a QXV and two QXVs. The QLF said QTF 50 and an QLF fighter left.")
    by_text = {t.text: t.i for t in doc}
    assert spans._count_noun(Span(doc, 3, 4, label="ORG"))
    assert spans._count_noun(Span(doc, by_text["QXVs"], by_text["QXVs"] + 1, label="ORG"))
    qlf = next(t.i for t in doc if t.text == "QLF")
    assert not spans._count_noun(Span(doc, qlf, qlf + 1, label="ORG"))
    assert not spans._count_noun(Span(doc, by_text["QTF"], by_text["QTF"] + 1, label="ORG"))


def test_ships_are_not_people(extractor: Extractor) -> None:
    """A name written after a ship prefix is a vessel there and where the text writes it alone."""
    text = (
        'The frigate FS Vardelle joined the group.\n"Vardelle is ready," said Capt. Jean Dupont, commander of Vardelle.'
    )
    labels = _labels(_analyse(extractor, text))
    assert "Vardelle" not in labels and "FS Vardelle" not in labels
    assert labels.get("Jean Dupont") == "Person"


def test_a_person_has_no_digits(nlp) -> None:
    doc = nlp("When prompted, enter Code 4417 and wait.")
    assert spans._numbered_person(Span(doc, 4, 6, label="PERSON"))
    assert not spans._numbered_person(Span(doc, 4, 5, label="PERSON"))


def test_a_name_closed_by_a_division_word_is_a_place(nlp) -> None:
    """ "X County" is a place whatever the model read; "X State" only after a known place ("Islamic State" is not)."""
    doc = nlp("Fighters attacked Qandor County and Borno State, then Vell State and Islamic State left.")
    county, borno = Span(doc, 2, 4, label="PERSON"), Span(doc, 5, 7, label="ORG")
    vell, islamic = Span(doc, 9, 11, label="ORG"), Span(doc, 12, 14, label="ORG")
    assert [s.text for s in (county, borno, vell, islamic)] == [
        "Qandor County",
        "Borno State",
        "Vell State",
        "Islamic State",
    ]
    assert spans._relabel(county) == "GPE" and spans._relabel(borno) == "GPE"
    assert spans._relabel(vell) == "ORG" and spans._relabel(islamic) == "ORG"


def test_a_title_with_no_name_after_it_makes_no_person(nlp) -> None:
    """ "the so-called “Minister of Defense,”": the title's last words are no person's name."""
    doc = nlp("Vell Qandor, the so-called “Minister of Defense,” has said so.")
    assert not any(s.text == "of Defense" for s in spans._titled_persons(doc, []))


def test_a_name_ends_before_an_opening_quotation_mark(nlp) -> None:
    doc = nlp("He is the so-called Qandor “Coastal Forces Chief” of the group.")
    start = next(t.i for t in doc if t.text == "Qandor")
    cut = spans._at_opening_quote(Span(doc, start, start + 4, label="ORG"))
    assert cut is not None and cut.text == "Qandor"


def test_a_country_adjective_before_a_bodys_name_is_a_nationality(nlp) -> None:
    """ "the Somali" read as ORG before "Ministry of Education" is the adjective, not the body; "the Somali" as
    a sentence's subject is left alone."""
    doc = nlp("They targeted the Somali Ministry of Education on Monday.")
    start = next(t.i for t in doc if t.lower_ == "the")
    assert spans._relabel(Span(doc, start, start + 2, label="ORG")) == "NORP"
    doc = nlp("The fighters attacked the Somali troops on Monday.")
    start = next(t.i for t in doc if t.text == "Somali")
    assert not spans._demonym_before_name(Span(doc, start - 1, start + 1, label="ORG"))


def test_a_son_of_word_between_name_words_makes_one_person(extractor: Extractor) -> None:
    """ "<Given> ould <Father>", "<Given> ag <Father>": one person's name, whatever the model made of its halves."""
    found = _labels(_analyse(extractor, "The court named Hamdi ould Sidati and Yusra ag Lamine as the financiers."))
    assert found.get("Hamdi ould Sidati") == "Person"
    assert found.get("Yusra ag Lamine") == "Person"


def test_a_son_of_word_does_not_take_a_body_or_a_function_word(nlp) -> None:
    doc = nlp("The Talib bin Hamad Foundation paid. In bin Laden's time it was quiet.")
    found = [s.text for s in spans._patronymic_names(doc, []) if s.label_ == "PERSON"]
    assert "Talib bin Hamad Foundation" not in found and not any(s.startswith("In ") for s in found)


def test_a_phrase_defined_by_a_blocked_code_is_no_entity(nlp) -> None:
    """ "Foreign Terrorist Organization (FTO)": what a list's code stands for is a category, here and elsewhere."""
    text = "Five Foreign Terrorist Organization (FTO) designations end. Foreign Terrorist Organization status stays."
    doc = nlp(text)
    ents = [Span(doc, t.i, t.i + 3, label="ORG") for t in doc if t.text == "Foreign"]
    assert spans._coded_categories(doc, ents) == []
    doc = nlp("The Qandor Relief Agency (QRA) paid.")
    ents = [Span(doc, 1, 4, label="ORG")]
    assert spans._coded_categories(doc, ents) == ents  # an acronym that is no blocked code defines a name


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Fighters of Jama’at Qandor al-Din wal Ansar struck a base.", "Jama’at Qandor al-Din wal Ansar"),
        ("The courts tried members of Gama’a al-Qandoriyya for years.", "Gama’a al-Qandoriyya"),
    ],
)
def test_an_arabic_group_opener_reads_apostrophes_second_articles_and_wal(extractor: Extractor, text, name) -> None:
    found = _labels(_analyse(extractor, text))
    assert found.get(name) == "ArmedGroup"


@pytest.mark.parametrize(
    ("text", "halves"),
    [
        ("The cell moves along the Mali-Niger border.", {"Mali": "Country", "Niger": "Country"}),
        ("It struck a joint U.S.-Nigerien patrol near the town.", {"U.S.": "Country", "Nigerien": "Nationality"}),
    ],
)
def test_two_places_joined_by_a_hyphen_are_two_mentions(extractor: Extractor, text, halves) -> None:
    found = _labels(_analyse(extractor, text))
    assert {k: found.get(k) for k in halves} == halves
    assert not any("-" in name for name in found)


def test_a_hyphenated_country_stays_one(nlp) -> None:
    doc = nlp("The ship docked in Guinea-Bissau on Monday.")
    start = next(t.i for t in doc if t.text == "Guinea")
    span = Span(doc, start, start + 3, label="GPE")
    assert span.text == "Guinea-Bissau" and spans._hyphen_pair(span) == [span]


def test_an_office_read_as_an_organisation_is_no_entity(nlp) -> None:
    doc = nlp("He served as the Head of Finance and Supply for the group.")
    start = next(t.i for t in doc if t.text == "the")
    assert spans._office_title(Span(doc, start, start + 5, label="ORG"))
    doc = nlp("The Ministry of Interior said so.")
    assert not spans._office_title(Span(doc, 1, 4, label="ORG"))


def test_a_chain_of_son_of_words_is_one_name_without_the_title(nlp) -> None:
    doc = nlp("He met Qandori Foreign Minister Tarik bin Samir bin Hamdan on Monday.")
    found = [s.text for s in spans._patronymic_names(doc, []) if s.label_ == "PERSON"]
    assert found == ["Tarik bin Samir bin Hamdan"]


def test_a_title_run_that_closes_with_a_body_makes_no_person(nlp) -> None:
    doc = nlp("She was elected Secretary General of the Vellor Treaty Organization.")
    assert not any("Organization" in s.text for s in spans._titled_persons(doc, []) if s.label_ == "PERSON")


def test_a_role_closed_by_its_title_word_is_no_place_or_body(nlp) -> None:
    doc = nlp("Dana Roe, Department Spokesperson, Vellor City")
    start = next(t.i for t in doc if t.text == "Department")
    assert spans._office_title(Span(doc, start, start + 2, label="GPE"))
    doc = nlp("The Office of the Spokesperson said so.")
    assert not spans._office_title(Span(doc, 1, 5, label="ORG"))


def test_a_long_acronym_is_a_body_not_a_place() -> None:
    assert spans._body_acronym("QANMIS")
    assert not spans._body_acronym("UAE") and not spans._body_acronym("IRAQ")
