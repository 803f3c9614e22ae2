"""The article page lists claims as quotes and keeps stances, questions and sourceless hedges apart.

A hedge ("is expected to …") has no source by nature; listed among the quotes it read as a statement whose speaker
the system had failed to find."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from threatgraph.web.present import is_claim
from threatgraph.web.render import templates


def _quote(text: str, kind: str | None, speaker: str | None, cue: str) -> dict[str, Any]:
    return {
        "text": text,
        "kind": kind,
        "speaker": speaker,
        "speaker_entity": None,
        "speaker_title": None,
        "speaker_affiliation": None,
        "cue": cue,
        "outlet": None,
        "direct": False,
        "parc": None,
    }


_CLAIM = _quote("the convoy was hit at dawn", "speech", "Ana Ruiz", "said")
_HEDGE = _quote("to resign next week", "hedge", None, "is expected")
_QUESTION = _quote("whether the talks would go on", "question", "reporters", "asked")
_OLD_ROW = _quote("the port is closed", None, "a spokesman", "said")


def _page(quotes: list[dict[str, Any]]) -> str:
    article = {"id": "a1", "title": "Port closed", "text": "The port is closed.", "url": None}
    data = {"article": article, "mentions": [], "events": [], "quotes": quotes}
    request = SimpleNamespace(query_params={}, url=SimpleNamespace(path="/articles/a1", query=""))
    return templates.env.get_template("article.html").render(data=data, request=request)


def test_claims_are_quotes_and_the_rest_is_kept_apart() -> None:
    html = _page([_CLAIM, _HEDGE, _QUESTION])
    quotes, _, rest = html.partition("Stances, questions and hedges (2)")
    assert "Quotes (1)" in quotes and "the convoy was hit at dawn" in quotes
    assert "to resign next week" in rest and "whether the talks would go on" in rest
    assert "to resign next week" not in quotes


def test_a_hedge_says_it_has_no_source_rather_than_unattributed() -> None:
    html = _page([_HEDGE])
    assert "no source: the article hedges" in html and "unattributed" not in html
    assert "Quotes (0)" in html and "No quotes." in html


def test_a_page_with_only_claims_has_no_second_section() -> None:
    html = _page([_CLAIM, _OLD_ROW])
    assert "Quotes (2)" in html and "Stances, questions and hedges" not in html


def test_rows_stored_before_kinds_existed_count_as_speech() -> None:
    assert is_claim(_OLD_ROW) and is_claim(_CLAIM)
    assert not is_claim(_HEDGE) and not is_claim(_QUESTION)
