"""A timeline event whose date was inferred (publication day, the article's lead) says so on the page."""

from __future__ import annotations

from threatgraph.web.render import templates

_EVENT = {
    "event_id": 1,
    "date": "2021-06-08",
    "date_end": "2021-06-08",
    "date_precision": "day",
    "date_label": "8 Jun 2021",
    "type": "ASSAULT",
    "trigger": "ambushed",
    "source": None,
    "target": None,
    "place": None,
    "negated": False,
    "hedged": False,
    "modality": "asserted",
    "sentence": "The rebels ambushed a convoy.",
}


def _render(ev: dict) -> str:
    macros = templates.env.get_template("_macros.html").module
    return str(macros.event_item(ev))


def test_an_inferred_date_is_marked_with_its_reason() -> None:
    html = _render({**_EVENT, "date_note": "date of the article's lead assault (Tuesday), carried"})
    assert "date inferred" in html and "carried" in html


def test_a_stated_date_is_not_marked() -> None:
    assert "date inferred" not in _render({**_EVENT, "date_note": None})
    assert "date inferred" not in _render(_EVENT)
