"""The ``quotes`` and ``events`` commands over a store filled by the real extractor."""

from __future__ import annotations

import json
from datetime import date

import pytest
from spacy.language import Language
from typer.testing import CliRunner

from threatgraph.cli import app  # importing cli registers every command
from threatgraph.extract.pipeline import Extractor
from threatgraph.model import Article
from threatgraph.store.articles import save_analysis

TEXT = (
    "The US Treasury sanctioned the Hezbollah Brigades in March 2021.\n\n"
    "In late July, Interior Minister Rana Sanaullah Khan told the Senate that the Hezbollah Brigades were "
    "involved in terrorist activities.\n\n"
    '"The brigades have rebuilt their networks in the north," Sara Lindqvist, a research fellow at the Nordic '
    "Institute of Peace Studies, told Arab News."
)


@pytest.fixture
def db(nlp: Language, store) -> str:
    analysis = next(Extractor(nlp=nlp).analyse([Article(text=TEXT, published=date(2022, 8, 15), title="Brigades")]))
    assert save_analysis(store, analysis)
    return store.url.render_as_string(hide_password=False)


def _json(args: list[str]) -> list[dict]:
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_quotes_by_speaker(db: str) -> None:
    rows = _json(["quotes", "--speaker", "Lindqvist", "--json", "--db", db])
    assert len(rows) == 1
    assert rows[0]["speaker"] == "Sara Lindqvist" and rows[0]["outlet"] == "Arab News"
    assert rows[0]["direct"] and rows[0]["speaker_title"] == "research fellow"


def test_quotes_about_an_actor(db: str) -> None:
    rows = _json(["quotes", "--about", "Hezbollah", "--json", "--db", db])
    assert {r["speaker"] for r in rows} == {"Rana Sanaullah Khan"}
    assert _json(["quotes", "--about", "Nobody Known", "--json", "--db", db]) == []


def test_events_timeline_for_entity_and_type(db: str) -> None:
    rows = _json(["events", "--entity", "Hezbollah Brigades", "--json", "--db", db])
    types = [r["type"] for r in rows]
    assert "SANCTION" in types and "ACCUSE" in types
    starts = [r["date_start"] for r in rows if r["date_start"]]
    assert starts == sorted(starts)  # a timeline: oldest first
    sanction = _json(["events", "--type", "sanction", "--json", "--db", db])
    assert sanction and all(r["type"] == "SANCTION" for r in sanction)
    assert sanction[0]["date_start"] == "2021-03-01"


def test_events_unknown_type_is_a_clear_error(db: str) -> None:
    result = CliRunner().invoke(app, ["events", "--type", "BOGUS", "--db", db])
    assert result.exit_code == 2
    assert "unknown event type 'BOGUS'" in result.output


def test_table_output(db: str) -> None:
    result = CliRunner().invoke(app, ["quotes", "--db", db])
    assert result.exit_code == 0 and "Sara Lindqvist" in result.output
    result = CliRunner().invoke(app, ["events", "--db", db])
    assert result.exit_code == 0 and "SANCTION" in result.output


def test_quotes_json_carries_the_stored_parc_spans(db: str) -> None:
    [row] = _json(["quotes", "--speaker", "Lindqvist", "--json", "--db", db])
    parc = row["parc"]
    assert parc["type"] == "direct" and parc["source"]["text"].endswith("Sara Lindqvist")
    assert parc["cue"]["text"] == "told"
    assert TEXT[parc["source"]["start"] : parc["source"]["end"]] == parc["source"]["text"]
    assert TEXT[parc["cue"]["start"] : parc["cue"]["end"]] == "told"
    assert TEXT[parc["content"]["start"] : parc["content"]["end"]].startswith("The brigades have rebuilt")
