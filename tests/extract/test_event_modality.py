"""Modality on every event: only what the text states as done is asserted (invented sentences)."""

from __future__ import annotations

from datetime import date

import pytest

from threatgraph.extract.pipeline import Extractor
from threatgraph.model import Article, Event


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def events(extractor: Extractor, text: str) -> list[Event]:
    return next(extractor.analyse([Article(text=text)])).events


def modality_of(extractor: Extractor, text: str, trigger: str) -> str:
    found = [e for e in events(extractor, text) if e.trigger == trigger]
    assert found, f"no event on {trigger!r} in {events(extractor, text)}"
    return found[0].modality


@pytest.mark.parametrize(
    ("text", "trigger", "expected"),
    [
        ("The Kestrel Front attacked an army post in Sirte on Monday.", "attacked", "asserted"),
        ("Officials said the Kestrel Front attacked an army post in Sirte on Monday.", "attacked", "asserted"),
        ("The Kestrel Front did not attack the army post in Sirte.", "attack", "negated"),
        ("No soldiers were killed by the Kestrel Front in Sirte on Monday.", "killed", "negated"),
        ("The Kestrel Front failed to seize the airport in Sirte.", "seize", "negated"),
        ("The Kestrel Front will attack army posts in Sirte.", "attack", "hypothetical"),
        ("The Kestrel Front plans to attack army posts in Sirte.", "attack", "hypothetical"),
        ("The minister urged Ruritania to impose sanctions on the Kestrel Front.", "sanctions", "demanded"),
        ("Ruritania called for sanctions against the Kestrel Front on Monday.", "sanctions", "demanded"),
        ("The Kestrel Front claimed responsibility for the attack on an army post in Sirte.", "attack", "claimed"),
        ("The Kestrel Front reportedly attacked an army post in Sirte on Monday.", "attacked", "claimed"),
        ("Despite last week's attacks by the Kestrel Front in Sirte, talks went on.", "attacks", "asserted"),
        ("Seize their depots, kill their commanders in Sirte.", "kill", "demanded"),
        ("The Kestrel Front failed in its bid to storm the airport in Sirte on Monday.", "storm", "negated"),
        # the doer's own word is a claim; someone else's report of it is not
        ("The Kestrel Front said its fighters killed twelve soldiers near Sirte on Monday.", "killed", "claimed"),
        ("Kestrel Front fighters killed twelve soldiers near Sirte on Monday, the group said.", "killed", "claimed"),
        ("Ruritanian officials said Kestrel Front fighters killed twelve soldiers near Sirte.", "killed", "asserted"),
        ("The Kestrel Front tried to storm the airport in Sirte on Monday.", "storm", "hypothetical"),
        # a verb of prevention with "from" and a gerund: what it names did not happen; a bare "from" does
        ("The Kestrel Front was prevented from seizing the airport in Sirte.", "seizing", "negated"),
        ("Soldiers stopped Kestrel Front gunmen from attacking the school in Sirte.", "attacking", "negated"),
        ("The Kestrel Front refrained from attacking civilians in Sirte.", "attacking", "negated"),
        ("After attacking the post, the Kestrel Front withdrew from Sirte.", "attacking", "asserted"),
        # the object of a threat or vow is what is threatened; the object of another act exists
        ("The Kestrel Front has threatened attacks on Sirte.", "attacks", "hypothetical"),
        ("Police suppressed the protests in Sirte on Monday.", "protests", "asserted"),
        # a copula whose subject is a goal or plan: its complement is not done yet
        ("The Kestrel Front's goal is to attack the army post in Sirte.", "attack", "hypothetical"),
        # the content of a charge rests on the charge; a "with"/"for" elsewhere stays factive
        ("Rudolf Roe was charged with financing the Kestrel Front.", "financing", "claimed"),
        ("Rudolf Roe was indicted for bombing a bus in Sirte.", "bombing", "claimed"),
        # a modifier that says a nominal event is not (yet) done, or was stopped
        ("Potential attacks by the Kestrel Front on the embassy in Sirte worry officials.", "attacks", "hypothetical"),
        # the object of a warning is a possible event; a clause a warning verb governs is reported as said
        ("Officials warned of attacks by the Kestrel Front on the embassy in Sirte.", "attacks", "hypothetical"),
        ("Officials warned that the Kestrel Front attacked the army post in Sirte on Monday.", "attacked", "asserted"),
        ("The Kestrel Front's planned attack on the embassy in Sirte was discovered in May.", "attack", "hypothetical"),
        (
            "A failed attack by the Kestrel Front on the army post in Sirte left two militants dead.",
            "attack",
            "negated",
        ),
        (
            "Last week's attack by the Kestrel Front on the army post in Sirte left two soldiers dead.",
            "attack",
            "asserted",
        ),
        (
            "The Kestrel Front struck a convoy near Sirte, with unconfirmed reports that a post was also attacked.",
            "attacked",
            "claimed",
        ),
    ],
)
def test_modality(extractor: Extractor, text: str, trigger: str, expected: str) -> None:
    assert modality_of(extractor, text, trigger) == expected


def test_an_idiom_is_no_attack(extractor: Extractor) -> None:
    text = "The verdict strikes a heavy blow against the Kestrel Front."
    assert not [e for e in events(extractor, text) if e.type == "ASSAULT"]


def test_targeting_in_a_sanctions_sentence_is_a_sanction(extractor: Extractor) -> None:
    text = "The Treasury targeted the Kestrel Front's financiers with sanctions on Monday."
    assert {e.type for e in events(extractor, text)} & {"SANCTION"}
    assert not [e for e in events(extractor, text) if e.type == "ASSAULT"]


def test_instrument_subject_gives_its_agent(extractor: Extractor) -> None:
    text = "A bomb planted by the Kestrel Front killed four soldiers in Sirte on Monday."
    found = [e for e in events(extractor, text) if e.trigger == "killed"]
    assert found and found[0].source and "Kestrel Front" in found[0].source


def test_clashes_are_use_of_force(extractor: Extractor) -> None:
    text = "The Kestrel Front clashed with the Sand Vipers near Sirte on Monday."
    assert [e for e in events(extractor, text) if e.type == "ASSAULT" and e.trigger == "clashed"]


def test_date_comes_from_the_paragraph_not_the_publication(extractor: Extractor) -> None:
    from datetime import date

    text = (
        "On March 3, 2021, the Kestrel Front entered Sirte. Its fighters attacked the police station there.\n"
        "Gunmen attacked a market in Sirte."
    )
    a = next(extractor.analyse([Article(text=text, published=date(2021, 6, 1))]))
    first = [e for e in a.events if e.sentence.startswith("Its fighters")]
    assert first and first[0].date is not None and first[0].date.start == date(2021, 3, 3)
    second = [e for e in a.events if e.sentence.startswith("Gunmen")]
    assert second  # another paragraph, no date of its own: never the publication day, and a date carried
    carried = second[0].date  # from the article's lead is said to be carried
    assert carried is None or (carried.start != date(2021, 6, 1) and carried.note and "lead" in carried.note)


def test_a_command_with_an_infinitive_is_no_event_of_its_own(extractor: Extractor) -> None:
    text = "The president instructed the Ruritanian army to offer assistance to Borduran police in Sirte."
    found = events(extractor, text)
    assert not [e for e in found if e.trigger == "instructed"], found
    text = "Ruritanian officers instructed Kestrel Front recruits in bomb-making at a camp near Sirte."
    assert [e for e in events(extractor, text) if e.trigger == "instructed" and e.type == "TRAIN"]


@pytest.mark.parametrize(
    ("text", "trigger", "expected"),
    [
        # both verbs of an infinitive relative clause are its purpose: "to kidnap or attack"
        ("The commander told his men to build a cell to kidnap or attack foreigners.", "attack", "hypothetical"),
        # a purpose of the same kind as its act retells that act: the support was given
        ("These brokers are responsible for distributing money to support the militia.", "support", "asserted"),
        # a purpose of another kind is still only a purpose
        ("The Kestrel Front raised money in Sirte to attack army posts.", "attack", "hypothetical"),
        # what an actor is said to do stays real when the sentence's plan is about the actor
        ("Ruritania seeks to disrupt a senior financier supporting the Kestrel Front.", "supporting", "asserted"),
        # but a participle on a planned event shares its plan
        ("The Kestrel Front plans attacks targeting army posts in Sirte.", "attacks", "hypothetical"),
    ],
)
def test_purposes_and_descriptions(extractor: Extractor, text: str, trigger: str, expected: str) -> None:
    assert modality_of(extractor, text, trigger) == expected


@pytest.mark.parametrize(
    ("text", "trigger", "expected"),
    [
        ("The Black Hand declared its commitment to attacking army posts in Sirte.", "attacking", "hypothetical"),
        # the members of a list stand in one place, however the parser hangs them
        (
            "He took part in the gang's plans for spying on, kidnapping, or even killing judges in Sirte.",
            "killing",
            "hypothetical",
        ),
    ],
)
def test_commitments_and_plans_over_lists(extractor: Extractor, text: str, trigger: str, expected: str) -> None:
    assert modality_of(extractor, text, trigger) == expected


@pytest.mark.parametrize(
    "text",
    [
        "If the Kestrel Front attacks the camp in Sirte, the army will retaliate.",
        "Ruritania is considering sanctions against the Kestrel Front.",
    ],
)
def test_an_unrealised_present_is_not_dated_by_the_publication(extractor: Extractor, text: str) -> None:
    published = date(2024, 3, 14)
    found = next(extractor.analyse([Article(text=text, published=published)])).events
    unreal = [e for e in found if e.modality != "asserted"]
    assert unreal, found
    assert all(e.date is None for e in unreal), [(e.trigger, e.date) for e in unreal]


def test_a_present_statement_is_dated_by_the_publication(extractor: Extractor) -> None:
    published = date(2024, 3, 14)
    text = "Ruritania imposes sanctions on the Kestrel Front."
    found = [
        e for e in next(extractor.analyse([Article(text=text, published=published)])).events if e.type == "SANCTION"
    ]
    assert found and found[0].modality == "asserted"
    assert found[0].date is not None and found[0].date.start == published and found[0].date.note
