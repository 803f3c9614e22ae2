"""Event dates and places beyond the sentence: the lead's carried to later retellings, datelines."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st
from spacy.language import Language

from threatgraph.extract.events_lead import dateline
from threatgraph.model import Event

from .conftest import analyser

PUB = date(2021, 6, 10)  # a Thursday

LEAD = (
    "On Tuesday, Ruritanian rebels attacked an army base outside Strelsau.\n\n"
    "The rebels were armed with mortars, officials told reporters.\n\n"
    "Near the border, two soldiers were killed when the rebels ambushed a convoy.\n\n"
    "The rebels have attacked bases before and will attack again, their leader warned."
)


@pytest.fixture(scope="module")
def analyse(nlp: Language):
    return analyser(nlp, PUB)


def _by_trigger(events: list[Event], trigger: str) -> list[Event]:
    return [e for e in events if e.trigger == trigger]


def test_lead_date_is_carried_to_a_later_past_retelling_with_a_note(analyse) -> None:
    events = analyse(LEAD).events
    lead = _by_trigger(events, "attacked")[0]
    assert lead.date is not None and lead.date.start == date(2021, 6, 8) and lead.date.note is None
    later = _by_trigger(events, "ambushed") + _by_trigger(events, "killed")
    assert later, [(e.trigger, e.type) for e in events]
    for ev in later:
        assert ev.date is not None and ev.date.start == date(2021, 6, 8)
        assert ev.date.note is not None and "lead" in ev.date.note  # an inference, said as such


def test_perfect_and_future_retellings_stay_undated(analyse) -> None:
    events = [e for e in analyse(LEAD).events if "will attack again" in e.sentence]
    assert events  # "have attacked" (background) and "will attack" (future) are both read
    for ev in events:
        assert ev.date is None or ev.date.note is None or "lead" not in ev.date.note


def test_another_kind_of_happening_does_not_take_the_lead_date(analyse) -> None:
    text = (
        "On Tuesday, police arrested three members of the Black Hand in Strelsau.\n\n"
        "Gunmen attacked a police station near the river, officials said."
    )
    events = analyse(text).events
    assert any(e.date is not None and e.date.start == date(2021, 6, 8) for e in events if e.trigger == "arrested")
    for ev in _by_trigger(events, "attacked"):
        assert ev.date is None or ev.date.start != date(2021, 6, 8)


def test_no_lead_date_without_a_publication_anchor(analyse) -> None:
    events = analyse(LEAD, published=None).events
    for ev in _by_trigger(events, "ambushed"):
        assert ev.date is None or ev.date.start is None


def test_the_group_is_the_nearest_acting_group_not_the_most_frequent(analyse) -> None:
    text = (
        "The Kestrel Front has fought in Sirte for years. The Kestrel Front recruits in the south, "
        "and the Kestrel Front taxes farmers.\n\n"
        "Last month the Sand Vipers seized a checkpoint on the coast road. "
        "The group attacked a police station in Brega on Monday."
    )
    events = [e for e in analyse(text).events if e.trigger == "attacked"]
    assert events and events[0].source is not None and "Sand Vipers" in events[0].source


def test_a_group_noun_prefers_the_name_that_carries_it(analyse) -> None:
    text = (
        "The Northern Lions Brigade controls the valley. "
        "Last week the Kestrel Front clashed with the army near Sirte.\n\n"
        "The brigade attacked a village near Brega on Monday, residents said."
    )
    events = [e for e in analyse(text).events if e.trigger == "attacked"]
    assert events and events[0].source is not None and "Northern Lions" in events[0].source


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("WASHINGTON — Today, the Treasury acted.", "Washington"),
        ("MOGADISHU, Somalia — Gunmen attacked a hotel.", "Mogadishu"),
        ("Release 12\nFOR IMMEDIATE RELEASE\nSOUTHWEST ASIA — On Nov. 1, jets struck.", "Southwest Asia"),
        ("Heading of the page WASHINGTON– The agency said.", "Washington"),
        ("The attack — a bold move — failed.", None),
        ("The US — and the UN — objected.", None),
        ("Gunmen attacked a hotel in Mogadishu.", None),
    ],
)
def test_dateline(text: str, place: str | None) -> None:
    assert dateline(text) == place


@given(st.text(alphabet=st.sampled_from("ABC xyz,.—–-\n’"), max_size=80))
def test_dateline_is_a_title_cased_piece_of_the_text_or_nothing(text: str) -> None:
    found = dateline(text)
    assert found is None or (found.lower() in text.lower() and found == found.title())


def test_dateline_locates_the_lead_and_its_retellings(analyse) -> None:
    text = (
        "MOGADISHU, Somalia — Gunmen attacked a hotel on Tuesday, police said.\n\n"
        "The siege lasted six hours, witnesses said.\n\n"
        "The gunmen killed five guards before soldiers stormed the building."
    )
    events = analyse(text).events
    lead = _by_trigger(events, "attacked")
    assert lead and lead[0].place == "Mogadishu"
    later = _by_trigger(events, "killed")
    assert later and later[0].place == "Mogadishu"


def test_dateline_does_not_locate_another_kind_of_happening(analyse) -> None:
    text = (
        "WASHINGTON — The Treasury today sanctioned two leaders of the Kestrel Front.\n\n"
        "The Kestrel Front has kidnapped dozens of aid workers."
    )
    for ev in analyse(text).events:
        if ev.type == "ASSAULT":
            assert ev.place != "Washington"


def test_a_carried_date_keeps_its_note_in_the_store(analyse, store) -> None:
    from threatgraph.store.articles import save_analysis
    from threatgraph.store.read.statements import find_events

    analysis = analyse(LEAD)
    assert save_analysis(store, analysis)
    rows = find_events(store)
    carried = [r for r in rows if r.trigger in ("ambushed", "killed")]
    assert carried and all(r.date_start == "2021-06-08" for r in carried)
    assert all(r.date_note and "lead" in r.date_note for r in carried)
    lead = [r for r in rows if r.trigger == "attacked" and "Tuesday" in r.sentence]
    assert lead and lead[0].date_note is None  # the sentence's own date needs no note


def test_a_paragraph_date_reaches_a_later_past_sentence_with_a_note(analyse) -> None:
    text = (
        "On May 4, Ruritanian rebels attacked an army base outside Strelsau. "
        "The rebels also ambushed a supply convoy of the Ruritanian army near the border."
    )
    ambush = [e for e in analyse(text).events if e.trigger == "ambushed"]
    assert ambush, [(e.trigger, e.type) for e in analyse(text).events]
    assert ambush[0].date is not None and ambush[0].date.start == date(2021, 5, 4)
    assert ambush[0].date.note is not None and "earlier sentence" in ambush[0].date.note


def test_a_present_state_does_not_take_the_date_of_an_earlier_sentence(analyse) -> None:
    text = (
        "In March, the Black Hand's commander Ivo Marek was wounded in a raid by the army. "
        "Marek is accused of directing recruitment for the Black Hand."
    )
    later = [e for e in analyse(text).events if "accused" in e.sentence]
    assert later, [(e.trigger, e.sentence) for e in analyse(text).events]
    for ev in later:
        assert ev.date is None or ev.date.start is None or ev.date.note is not None


def test_a_date_on_another_happening_does_not_date_the_statement(analyse) -> None:
    text = "Ruritania stands with Borduria in the face of the Black Hand's June 2 attack on Borduran soldiers."
    events = analyse(text).events
    stand = [e for e in events if e.trigger == "stands"]
    attack = [e for e in events if e.trigger == "attack"]
    assert stand and attack
    assert attack[0].date is not None and attack[0].date.start == date(2021, 6, 2)
    assert stand[0].date is None or stand[0].date.start != date(2021, 6, 2)


def test_a_period_dating_several_happenings_says_so(analyse) -> None:
    text = "Black Hand attacks over the past several months killed civilians in Strelsau."
    attacks = [e for e in analyse(text).events if e.trigger == "attacks"]
    assert attacks and attacks[0].date is not None and attacks[0].date.start is not None
    assert attacks[0].date.note is not None and "period" in attacks[0].date.note


def test_a_nominal_trigger_is_dated_and_placed_by_its_participle(analyse) -> None:
    text = (
        "Officials said on Thursday that the strike approved by the cabinet and carried out by army units "
        "against the Black Hand on Tuesday in Kandahar killed four fighters."
    )
    raid = [e for e in analyse(text).events if e.trigger == "strike"]
    assert raid, [(e.trigger, e.type) for e in analyse(text).events]
    assert raid[0].date is not None and raid[0].date.start == date(2021, 6, 8)
    assert raid[0].place == "Kandahar"


def test_the_same_day_takes_the_day_an_earlier_sentence_gave(analyse) -> None:
    text = (
        "On March 2, 2020, the Ruritanian ministry blacklisted the Black Hand.\n\n"
        "On the same day, the ministry designated its leader Rudolf Rassendyll as a terrorist."
    )
    events = _by_trigger(analyse(text).events, "designated")
    assert events, [(e.trigger, e.type) for e in analyse(text).events]
    assert all(e.date is not None and e.date.start == e.date.end == date(2020, 3, 2) for e in events)


def test_that_year_keeps_only_the_year_of_its_antecedent(nlp: Language) -> None:
    from threatgraph.extract.dates import date_spans

    doc = nlp("The raid came on May 4, 2016. That year, the army also arrested twelve smugglers.")
    spans = {span.text: iv for span, iv in date_spans(doc, PUB)}
    assert (spans["That year"].start, spans["That year"].end) == (date(2016, 1, 1), date(2016, 12, 31))


@pytest.mark.parametrize(
    ("text", "said", "start", "end"),
    [
        (
            "The raid came on May 4, 2016. The next day, the army arrested twelve smugglers.",
            "The next day",
            date(2016, 5, 5),
            date(2016, 5, 5),
        ),
        (
            "The raid came on May 4, 2016. Two days later, the army arrested twelve smugglers.",
            "Two days later",
            date(2016, 5, 6),
            date(2016, 5, 6),
        ),
        (
            "The raid came on May 4, 2016. A week earlier, the army arrested twelve smugglers.",
            "A week earlier",
            date(2016, 4, 27),
            date(2016, 4, 27),
        ),
        (
            "The town fell in May 2016. The following year, the army took it back.",
            "The following year",
            date(2017, 1, 1),
            date(2017, 12, 31),
        ),
        (
            "The town fell in May 2016. The next month, the army took it back.",
            "The next month",
            date(2016, 6, 1),
            date(2016, 6, 30),
        ),
        # no earlier date in the text: counted from the publication date, as before
        (
            "Officials said the talks resume the next day.",
            "the next day",
            PUB + timedelta(days=1),
            PUB + timedelta(days=1),
        ),
        # a year gives no day to count days from
        ("The town fell in 2016. Two days later, the army took it back.", "Two days later", None, None),
    ],
)
def test_a_date_counted_from_an_earlier_one(nlp: Language, text: str, said: str, start, end) -> None:
    from threatgraph.extract.dates import date_spans

    spans = {span.text: iv for span, iv in date_spans(nlp(text), PUB)}
    assert said in spans, spans
    assert (spans[said].start, spans[said].end) == (start, end)


def test_a_bare_the_day_is_not_anaphoric(nlp: Language) -> None:
    from threatgraph.extract.dates import date_spans

    doc = nlp("The raid came on May 4, 2016. Officials said the day was calm.")
    assert all(iv.start is None or iv.start.year != 2016 for span, iv in date_spans(doc, PUB) if "day" in span.text)


def test_a_list_number_with_a_slash_is_not_a_year_range(nlp: Language) -> None:
    from threatgraph.extract.dates import date_spans

    doc = nlp("The front was added to the UN Security Council's 1267/1989 Sanctions List in May 2005.")
    assert [span.text for span, _iv in date_spans(doc, PUB)] == ["May 2005"]


def test_an_earlier_act_does_not_take_the_lead_date(analyse) -> None:
    text = (
        "On Tuesday, the Ruritanian ministry sanctioned the Black Hand's treasurer.\n\n"
        "The ministry previously sanctioned the Black Hand and its leader Rudolf Rassendyll."
    )
    events = _by_trigger(analyse(text).events, "sanctioned")
    earlier = [e for e in events if "previously" in e.sentence]
    assert earlier and all(e.date is None or e.date.note is None or "lead" not in e.date.note for e in earlier)


def test_redesignation_is_a_sanction(analyse) -> None:
    events = analyse("On January 26, 2023, the ministry redesignated the Black Hand as a criminal group.").events
    found = _by_trigger(events, "redesignated")
    assert found and found[0].type == "SANCTION" and found[0].date is not None
    assert found[0].date.start == date(2023, 1, 26)


def test_two_spaces_after_a_full_stop_open_a_sentence(nlp: Language) -> None:
    doc = nlp("Hassan moved funds for the Black Hand.  Ruritania previously sanctioned him. The U.S.  Treasury agreed.")
    assert [s.text.strip() for s in doc.sents] == [
        "Hassan moved funds for the Black Hand.",
        "Ruritania previously sanctioned him.",
        "The U.S.  Treasury agreed.",
    ]


def test_coordinated_dates_of_one_verb_are_two_happenings_paired_respectively(analyse) -> None:
    text = (
        "The ministry previously listed Rassendyll and Hentzau as terrorists in May 2014 and June 2019, respectively."
    )
    got = {(e.target, e.date.start) for e in analyse(text).events if e.type == "SANCTION" and e.date}
    assert got == {("Rassendyll", date(2014, 5, 1)), ("Hentzau", date(2019, 6, 1))}


RETOLD = (
    "A drone strike targeted a senior commander of the Black Hand near Strelsau.\n\n"
    "Officials praised the operation.\n\n"
    "The army said the strike happened on Monday, and the commander has not been named."
)


def test_an_undated_lead_takes_the_date_of_a_later_bare_definite_retelling(analyse) -> None:
    events = analyse(RETOLD).events
    lead = [e for e in events if "targeted" in e.sentence and e.type == "ASSAULT"]
    assert lead, [(e.trigger, e.type, e.sentence) for e in events]
    for ev in lead:
        assert ev.date is not None and ev.date.start == date(2021, 6, 7)
        assert ev.date.note is not None and "later sentence" in ev.date.note  # an inference, said as such


@pytest.mark.parametrize(
    "later",
    [
        "The 2019 strike on the capital happened on Monday.",  # a modifier singles out another happening
        "Earlier strikes happened on Monday.",  # plural: not the one strike of the lead
        "The rebels said they would strike again on Monday.",  # no retelling of a past happening
    ],
)
def test_a_later_date_of_another_happening_is_not_carried_back(analyse, later: str) -> None:
    text = "A drone strike targeted a senior commander of the Black Hand near Strelsau.\n\n" + later
    events = analyse(text).events
    lead = [e for e in events if "targeted" in e.sentence and e.type == "ASSAULT"]
    assert lead, [(e.trigger, e.type, e.sentence) for e in events]
    assert all(e.date is None for e in lead), [(e.trigger, e.date) for e in lead]
