"""The gazetteer component: seed names, generic structures, external names and store names."""

from __future__ import annotations

import pytest
from sqlalchemy import insert

from threatgraph.app import Threatgraph, gazetteer_names
from threatgraph.extract.gazetteer import FACTORY, usable_name
from threatgraph.extract.pipeline import Extractor
from threatgraph.model import Article


def _labels(extractor: Extractor, text: str) -> dict[str, str]:
    analysis = next(extractor.analyse([Article(text=text)]))
    return {m.text: m.label for m in analysis.mentions}


def test_pipeline_has_gazetteer_before_ner(nlp) -> None:
    names = nlp.pipe_names
    assert FACTORY in names and names.index(FACTORY) < names.index("ner")


@pytest.mark.parametrize(
    ("text", "name", "label"),
    [
        ("Fighters of the Qasimiyoun Brigade crossed the border.", "Qasimiyoun Brigade", "ArmedGroup"),
        ("Recruiters of Liwa al-Qadisiya were detained on Monday.", "Liwa al-Qadisiya", "ArmedGroup"),
        ("The Ministry of Foreign Affairs issued a statement.", "Ministry of Foreign Affairs", "PublicBody"),
        ("Kataib Hezbollah denied the report on Monday.", "Kataib Hezbollah", "ArmedGroup"),
    ],
)
def test_generic_name_structures(nlp, text: str, name: str, label: str) -> None:
    assert _labels(Extractor(nlp=nlp), text).get(name) == label


def test_descriptor_word_is_trimmed_from_group_name(nlp) -> None:
    labels = _labels(Extractor(nlp=nlp), "Commanders of the Basij militia met in Tehran.")
    assert labels.get("Basij") == "ArmedGroup"
    assert "Basij militia" not in labels


def test_acronyms_match_case_sensitively(nlp) -> None:
    doc = nlp("The UN said un monde meilleur was possible.")
    gaz = nlp.get_pipe(FACTORY)
    texts = {span.text for span in gaz.spans(doc)}
    assert "UN" not in texts or all(t != "un" for t in texts)
    assert "un" not in texts


def test_lower_case_words_are_not_names(nlp) -> None:
    doc = nlp("Volunteers joined the basij in their thousands.")
    assert not any(span.text == "basij" for span in nlp.get_pipe(FACTORY).spans(doc))


def test_a_listed_name_with_a_lower_case_head_is_a_common_noun_phrase() -> None:
    """ "a hopeful Northern dawn" names a kind of thing, not the group; "the Northern Dawn group" names it."""
    extractor = Extractor(extra_names=[("Northern Dawn", "ArmedGroup"), ("Sunrise Front", "ArmedGroup")])
    gaz = extractor.nlp.get_pipe(FACTORY)
    texts = {s.text for s in gaz.spans(extractor.nlp("They want a hopeful Northern dawn in the valley."))}
    assert "Northern dawn" not in texts
    texts = {s.text for s in gaz.spans(extractor.nlp("The Northern Dawn struck; the Sunrise front denied it."))}
    assert "Northern Dawn" in texts and "Sunrise front" in texts  # "front": a generic word of group names


def test_extra_names_are_matched_without_changing_the_shared_pipeline(nlp) -> None:
    text = "Talks with Northern Dawn Logistics collapsed, officials said."
    extractor = Extractor(extra_names=[("Northern Dawn Logistics", "Company")])
    assert extractor.nlp is not nlp
    assert _labels(extractor, text).get("Northern Dawn Logistics") == "Company"
    shared = {s.text for s in nlp.get_pipe(FACTORY).spans(nlp(text))}
    assert "Northern Dawn Logistics" not in shared


def test_a_listed_short_person_name_does_not_cut_a_longer_name() -> None:
    """A list's short name ("Abu <Name>") opening a longer one in the text ("Abu <Name> al-<Nisba> al-<Nisba>")
    is no whole known name there: the longer name stays one mention, not the short one plus a stray tail.
    Where the text writes the short name alone, the list still marks it."""
    extractor = Extractor(extra_names=[("Abu Qandor", "Person")])
    gaz = extractor.nlp.get_pipe(FACTORY)
    long_text = "The raid killed Abu Qandor al-Vellacotti al-Amseli, the leader of the group, on Monday."
    assert "Abu Qandor" not in {s.text for s in gaz.spans(extractor.nlp(long_text))}
    texts = {m.text for m in next(extractor.analyse([Article(text=long_text)])).mentions}
    assert "Abu Qandor" not in texts
    short_text = "The raid killed Abu Qandor, the leader of the group, on Monday."
    assert "Abu Qandor" in {s.text for s in gaz.spans(extractor.nlp(short_text))}


@pytest.mark.parametrize(
    ("name", "label", "ok"),
    [
        ("Ali", "Person", False),  # one-word person names would tag every Ali
        ("Ali Reza Tavakoli", "Person", True),
        ("AB", "Organization", False),
        ("IRGC", "Organization", True),
        ("Hezbollah", "Organization", True),
        ("Vessel X", "Vessel", False),
        ("123", "Organization", False),
    ],
)
def test_usable_name(name: str, label: str, ok: bool) -> None:
    assert usable_name(name, label) is ok


def _resolved(store, status: str | None) -> None:
    """One resolved entity with an alias; with ``status``, a sanctions link an analyst set to it."""
    from datetime import UTC, datetime

    from threatgraph.store.schema import aliases, entities, sanction_links

    with store.begin() as conn:
        conn.execute(
            insert(entities).values(
                id="e1", schema="ArmedGroup", caption="Saraya Awliya al-Dam", norm="saraya awliya al dam", props={}
            )
        )
        conn.execute(insert(aliases).values(entity_id="e1", name="Awliya al-Dam Network", norm="awliya al dam network"))
        if status:
            conn.execute(
                insert(sanction_links).values(
                    entity_id="e1",
                    dataset="ofac",
                    entry_id="x1",
                    score=0.9,
                    explanation={},
                    status=status,
                    created_at=datetime.now(UTC),
                )
            )


TEXT = "Analysts blamed the Awliya al-Dam Network for the rocket attack."


@pytest.mark.parametrize("status", [None, "auto", "rejected"])
def test_unreviewed_resolved_names_never_feed_the_gazetteer(store, status: str | None) -> None:
    """The resolver's own output is not fed back: one wrong entity would retype a name in every later article."""
    _resolved(store, status)
    assert dict(gazetteer_names(store)) == {}
    extractor = Threatgraph(store, hooks=()).extractor()
    assert extractor.gazetteer.size == Extractor().gazetteer.size  # the seed list only


def test_analyst_confirmed_entities_feed_the_gazetteer(store) -> None:
    _resolved(store, "confirmed")
    assert dict(gazetteer_names(store)) == {"Awliya al-Dam Network": "ArmedGroup"}
    tg = Threatgraph(store, hooks=())
    extractor = tg.extractor()
    assert tg.extractor() is extractor  # built once per application
    assert _labels(extractor, TEXT).get("Awliya al-Dam Network") == "ArmedGroup"


def test_list_names_feed_the_gazetteer(store, tmp_path) -> None:
    """Names of a loaded list (an invented two-row OFAC CSV) reach the gazetteer, typed by schema."""
    sdn = tmp_path / "sdn.csv"
    sdn.write_text(
        '9001,"NORTHERN CRESCENT LOGISTICS COMPANY",-0-,"SDGT",-0-,-0-,-0-,-0-,-0-,-0-,-0-,'
        "\"a.k.a. 'NCL TRADING'.\"\n"
        '9002,"QARAVI, Hamid Reza",individual,"SDGT",-0-,-0-,-0-,-0-,-0-,-0-,-0-,-0-\n',
        encoding="utf-8",
    )
    tg = Threatgraph(store, hooks=())
    before = tg.extractor()
    tg.load_lists([sdn])
    extractor = tg.extractor()
    assert extractor is not before  # a new list version rebuilds the extractor with the listed names
    text = "Payments from Northern Crescent Logistics Company, also called NCL Trading, reached Hamid Reza Qaravi."
    analysis = next(extractor.analyse([Article(text=text)]))
    found = {m.text: (m.label, m.source) for m in analysis.mentions}
    assert found.get("Northern Crescent Logistics Company") == ("Company", "gazetteer")
    assert found.get("NCL Trading") == ("Organization", "gazetteer")
    assert found.get("Hamid Reza Qaravi") == ("Person", "gazetteer")
    # the same text without the list: the names are not gazetteer names
    plain = next(Extractor().analyse([Article(text=text)]))
    assert not any(m.source == "gazetteer" for m in plain.mentions)
