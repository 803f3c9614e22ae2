"""Attribution on the shapes real news uses: long titles, descriptions, unnamed sources, negation.

Each sentence is invented (a regression test, not evidence of quality); the dev gold in
``tests/gold/dev`` and ``benchmarks/extraction_dev.py`` measure quality on real text.
"""

from __future__ import annotations

from datetime import date

import pytest
from spacy.language import Language

from threatgraph.extract.quote_kinds import is_quote_kind

from .conftest import analyser, quote_with


@pytest.fixture(scope="module")
def analyse(nlp: Language):
    return analyser(nlp, date(2024, 3, 5))


def test_inverted_cue_with_a_long_title_names_the_person(analyse) -> None:
    a = analyse(
        "“The network moved money for the militia across three borders,” said Under Secretary of the "
        "Treasury for Terrorism and Financial Intelligence Karin Obertal."
    )
    assert quote_with(a.quotes, "moved money").speaker == "Karin Obertal"


def test_body_then_name_is_split_into_the_body_and_the_person(analyse) -> None:
    a = analyse("“We will keep cutting the cartel off from the banks,” said Secretary of the Treasury Liam Vessert.")
    assert quote_with(a.quotes, "cutting the cartel").speaker == "Liam Vessert"
    assert any(m.text == "Liam Vessert" and m.label == "Person" for m in a.mentions)


def test_a_description_is_the_person_introduced_with_that_title(analyse) -> None:
    a = analyse(
        "FBI Director Tomas Heller spoke to reporters in Washington on Thursday. "
        "The FBI chief said the cell remains at the top of the bureau's list of concerns."
    )
    assert quote_with(a.quotes, "remains at the top").speaker == "Tomas Heller"


def test_a_pronoun_speaker_is_never_a_name_inside_the_quotation(analyse) -> None:
    a = analyse(
        "Maria Lindgren spoke at the rally in Dayton. "
        "“I welcome the plan that Donald has put forth for the veterans,” she said."
    )
    assert quote_with(a.quotes, "the plan that").speaker == "Maria Lindgren"


def test_unnamed_sources_are_not_credited_to_their_country(analyse) -> None:
    a = analyse("U.S. intelligence officials say the cell has been trying to build a new kind of bomb.")
    q = quote_with(a.quotes, "trying to build")
    assert q.speaker_group < 0 and q.speaker is not None and "officials" in q.speaker


def test_a_negated_cue_reports_nothing(analyse) -> None:
    a = analyse("Heller did not disclose the man's name or say whether he carried out the killings himself.")
    assert not [q for q in a.quotes if "carried out" in q.text]


def test_mixed_curly_and_straight_marks_close_the_quotation(analyse) -> None:
    text = (
        '“Our units were able to locate the cell and carry out an operation against it," the Syrian '
        "Democratic Forces said in a statement on Monday.\nAt least one fighter was killed."
    )
    a = analyse(text)
    q = quote_with(a.quotes, "locate the cell")
    assert q.text.rstrip(",") == "Our units were able to locate the cell and carry out an operation against it"


def test_a_dateline_is_nobodys_words(analyse) -> None:
    a = analyse("WASHINGTON – The Treasury announced that it had sanctioned five leaders of the militia.")
    for q in a.quotes:
        assert not q.text.startswith("WASHINGTON")


def test_according_to_closes_the_content_and_spans_are_exported(analyse) -> None:
    from threatgraph.extract.quotes import parc_record

    text = "FBI Director Tomas Heller spoke on Monday. The cell is made up of veterans, according to Heller."
    a = analyse(text)
    q = quote_with(a.quotes, "made up of veterans")
    assert q.text == "The cell is made up of veterans"
    rec = parc_record(q, text)
    assert rec["cue"]["text"] == "according to" and rec["source"]["text"] == "Heller"
    assert rec["content"]["text"] == q.text and rec["speaker"] == "Tomas Heller"


def test_a_pronoun_goes_to_the_subject_of_the_closest_sentence_naming_people(analyse) -> None:
    a = analyse(
        "Governor Lena Ortiz received envoy Paul Grant at the airport. "
        "“Our province will reopen the border crossing next week,” she said."
    )
    assert quote_with(a.quotes, "reopen the border").speaker == "Lena Ortiz"


def test_a_one_word_quotation_never_names_the_speaker(analyse) -> None:
    a = analyse("“Nonsense,” wrote one reader beneath the article, “the bridge was never closed to trucks.”")
    assert all(q.speaker != "Nonsense" for q in a.quotes)


def test_the_subject_of_a_passive_quoted_as_saying_is_the_source(analyse) -> None:
    a = analyse("Omar Haddad was quoted as saying by Reuters that the convoy would leave the port on Friday.")
    q = quote_with(a.quotes, "the convoy would leave")
    assert q.speaker == "Omar Haddad" and not q.direct


def test_a_that_clause_after_the_cue_phrases_is_the_content(analyse) -> None:
    a = analyse("Hannah Stoltz, an analyst at the Berlin Centre, wrote in a paper that the militia had split in two.")
    q = quote_with(a.quotes, "the militia had split")
    assert q.speaker == "Hannah Stoltz"


def test_a_particle_cue_attributes_speech(analyse) -> None:
    a = analyse("Researcher Tomas Berg points out that the smugglers now use smaller boats at night.")
    assert quote_with(a.quotes, "smugglers now use").speaker == "Tomas Berg"


def test_a_quotation_after_a_colon_belongs_to_the_statement_verb(analyse) -> None:
    a = analyse(
        "The Kenya Defence Forces released the following statement: "
        "“Troops have cleared the camp and recovered weapons.”"
    )
    q = quote_with(a.quotes, "cleared the camp")
    assert q.direct and q.cue == "released"


def test_a_short_first_part_inside_marks_stays_direct(analyse) -> None:
    a = analyse("“We are ready,” said Colonel Ruth Adeyemi. “No convoy will pass the checkpoint tonight.”")
    assert quote_with(a.quotes, "We are ready").direct


def test_a_dateline_never_opens_the_source(analyse) -> None:
    a = analyse("MOGADISHU — Somalia’s army said on Tuesday that twelve fighters were captured near the river.")
    q = quote_with(a.quotes, "twelve fighters")
    assert q.speaker is None or not q.speaker.startswith("MOGADISHU")
    if q.source_start >= 0:
        assert not a.quotes[0].text.startswith("MOGADISHU") and q.source_start > 0


def test_a_document_source_span_keeps_its_issuer(analyse) -> None:
    text = "A statement from the Kenyan police said officers had seized two rifles in Garissa."
    a = analyse(text)
    q = quote_with(a.quotes, "officers had seized")
    assert text[q.source_start : q.source_end] == "A statement from the Kenyan police"


def test_a_cue_closing_the_paragraph_before_the_quotation_with_a_colon(analyse) -> None:
    a = analyse("Researcher Lina Haddad of the Beirut Institute said:\n\n“The militia has doubled its checkpoints.”")
    assert quote_with(a.quotes, "doubled its checkpoints").speaker == "Lina Haddad"


def test_a_name_between_the_closing_mark_and_the_cue_is_the_source(analyse) -> None:
    text = "“The gunmen wore police uniforms,” a shopkeeper, Halima Yusuf, told Radio Dalsan."
    q = quote_with(analyse(text).quotes, "gunmen wore police")
    assert q.speaker == "Halima Yusuf" and text[q.source_start : q.source_end].endswith("Halima Yusuf")


@pytest.mark.parametrize(
    ("text", "speaker", "content"),
    [
        (
            "As Foreign Minister Tom Okello noted in a speech in Paris, the country is committed to the talks.",
            "Tom Okello",
            "the country is committed to the talks",
        ),
        (
            "The country is committed to the talks, as Foreign Minister Tom Okello reiterated on Tuesday.",
            "Tom Okello",
            "The country is committed to the talks",
        ),
    ],
)
def test_an_as_clause_attributes_the_clause_it_modifies(analyse, text: str, speaker: str, content: str) -> None:
    q = quote_with(analyse(text).quotes, "committed")
    assert (q.speaker, q.text) == (speaker, content)


def test_a_clause_with_words_of_its_own_around_a_quotation_is_one_mixedquote_with(analyse) -> None:
    from threatgraph.extract.quotes import parc_record

    text = "Interior Minister Jon Roe said in a post that the raid “aimed to kill the commander behind the bombings.”"
    a = analyse(text)
    assert len(a.quotes) == 1
    q = a.quotes[0]
    assert q.speaker == "Jon Roe" and q.text.startswith("the raid “aimed")
    assert parc_record(q, text)["type"] == "mixed"


def test_a_clause_that_is_all_quotation_stays_direct(analyse) -> None:
    a = analyse("Jon Roe said that “the raid was a success and the operations will continue.”")
    assert [q.direct for q in a.quotes] == [True]


def test_a_state_of_mind_is_reported_for_persons_only(analyse) -> None:
    body = analyse("The Treasury believes the network moved millions through front companies in Dubai.")
    person = analyse("Analyst Mary Stone believes the network moved millions through front companies.")
    assert body.quotes == []
    assert [q.speaker for q in person.quotes] == ["Mary Stone"]


def test_a_state_body_described_by_its_head_word_reports(analyse) -> None:
    a = analyse("The Kenyan army has reported that twelve fighters were killed near the border on Monday.")
    assert [(q.speaker, q.cue) for q in a.quotes] == [("Kenyan army", "reported")]


def test_the_department_is_the_body_named_before_with_that_word(analyse) -> None:
    a = analyse(
        "The Treasury Department on Tuesday sanctioned four men accused of moving cash for the militia. "
        "The department said in a statement that the men had used exchange houses in Dubai."
    )
    assert quote_with(a.quotes, "exchange houses").speaker == "Treasury Department"


def test_a_name_apposed_inside_the_description_is_the_speaker(analyse) -> None:
    a = analyse(
        "“We are ready to talk, but only after the troops leave our villages and the prisoners are freed,” "
        "a spokesman for the group, Ahmed Wali, told Reuters."
    )
    assert quote_with(a.quotes, "ready to talk").speaker == "Ahmed Wali"


@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("The fighters had withdrawn from the town before dawn, Musa told reporters.", "The fighters had withdrawn"),
        ("Ali Musa spoke by phone. The militants “left behind mines in every house,” Musa said.", "The militants “"),
    ],
)
def test_content_before_a_sentence_final_cue(analyse, text: str, content: str) -> None:
    quotes = [q for q in analyse(text).quotes if q.text.startswith(content)]
    assert [q.speaker for q in quotes] in (["Musa"], ["Ali Musa"])
    assert all(not q.direct for q in quotes)


@pytest.mark.parametrize(
    "text",
    [
        "When the fighters left the town, Musa announced a curfew.",
        "In March 2015, the group pledged allegiance to the caliph.",
        "After the fighters had left the town, the governor announced.",
    ],
)
def test_a_fronted_adverbial_is_not_content(analyse, text: str) -> None:
    assert analyse(text).quotes == []


def test_the_complementiser_is_never_content_however_parsed(analyse) -> None:
    a = analyse("Jon Roe said in an audio message that the fighters would return to the city.")
    assert [q.text for q in a.quotes] == ["the fighters would return to the city"]


def test_a_question_reported_with_whether_is_no_claim(analyse) -> None:
    assert analyse("Jon Roe did not say whether the talks would resume soon.").quotes == []
    asked = analyse("Jon Roe asked if the talks would resume soon.").quotes  # a question, not a quote
    assert [q.kind for q in asked] == ["question"]


def test_she_is_never_a_person_the_article_writes_of_as_he(analyse) -> None:
    a = analyse(
        "Tom Hardy, a farmer, said his crops had failed. Aid chief Maria Lopez met Hardy in Nairobi on Monday. "
        "“We will keep the aid flowing to the camps,” she said."
    )
    assert quote_with(a.quotes, "aid flowing").speaker == "Maria Lopez"


def test_a_person_the_article_gives_no_gender_agrees_with_either_pronoun(analyse) -> None:
    a = analyse("Amina Yusuf met officials in Nairobi on Monday. “We will keep the aid flowing to the camps,” he said.")
    assert quote_with(a.quotes, "aid flowing").speaker == "Amina Yusuf"


@pytest.mark.parametrize(
    ("text", "speaker", "cue", "content"),
    [
        (
            "Governor Ruth Palmer visited the port. Palmer's assertion that the plants were unprofitable was disputed.",
            "Ruth Palmer",
            "assertion",
            "the plants were unprofitable",
        ),
        (
            "The claim by Senator Tom Brandt that the closures would save $40 million was questioned by analysts.",
            "Tom Brandt",
            "claim",
            "the closures would save $40 million",
        ),
        (
            "Senator Tom Brandt spoke on Monday. Brandt's view is that the closures will help the port.",
            "Tom Brandt",
            "view",
            "the closures will help the port",
        ),
    ],
)
def test_a_noun_of_saying_with_a_source_and_a_that_clause_attributes(analyse, text, speaker, cue, content) -> None:
    q = quote_with(analyse(text).quotes, content)
    assert (q.speaker, q.cue, q.text) == (speaker, cue, content)


@pytest.mark.parametrize(
    "text",
    [
        "Senator Tom Brandt rejected the claim that the closures would save money for the port.",
        "The statement that followed the vote was read by Senator Tom Brandt on the steps of the hall.",
        "Senator Tom Brandt repeated the claim that he made on Monday to the press in the capital.",
    ],
)
def test_a_noun_of_saying_without_source_or_complement_attributes_nothing(analyse, text: str) -> None:
    assert [q for q in analyse(text).quotes if is_quote_kind(q.kind)] == []  # "rejected the claim": a stance


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("Senator Tom Brandt countered that the budget had been in deficit for three years.", "countered"),
        ("Governor Ruth Palmer demanded that the legislature pass the budget by Friday.", "demanded"),
        ("Senator Tom Brandt hinted that he might run for governor in two years.", "hinted"),
    ],
)
def test_more_verbs_of_saying_with_a_that_clause(analyse, text: str, cue: str) -> None:
    (q,) = analyse(text).quotes
    assert q.cue == cue and q.speaker in ("Tom Brandt", "Ruth Palmer")


def test_a_reported_clause_with_one_word_of_its_own_is_a_mixed_quotation(analyse) -> None:
    a = analyse("Governor Ruth Palmer said that Brandt “has no idea what he is talking about.”")
    (q,) = a.quotes
    assert q.text.startswith("Brandt “has no idea") and q.speaker == "Ruth Palmer"
