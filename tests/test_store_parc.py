"""PARC spans of stored quotes: written as columns, read back as one nested record."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from threatgraph.model import Quote
from threatgraph.store.parc import parc_view, quote_spans

TEXT = "“We will hold the bridge,” said Colonel Ada Roe on Monday."


def test_known_spans_carry_their_text_and_unknown_ones_are_null() -> None:
    q = Quote("We will hold the bridge", 1, 24, speaker="Ada Roe", cue_start=27, cue_end=31, source_start=32)
    cols = quote_spans(q, TEXT)
    assert cols["cue_text"] == "said" and (cols["cue_start"], cols["cue_end"]) == (27, 31)
    assert cols["source_text"] is None and cols["source_start"] is None  # its end unknown: no source span
    view = parc_view({"direct": True, "text": q.text, "start": q.start, "end": q.end, "speaker": "Ada Roe", **cols})
    out = view.to_json()
    assert out["source"] is None and out["cue"] == {"start": 27, "end": 31, "text": "said"}
    assert out["content"]["text"] == "We will hold the bridge" and out["type"] == "direct"


@given(st.integers(-3, 70), st.integers(-3, 70), st.integers(-3, 70), st.integers(-3, 70))
def test_a_stored_span_always_lies_inside_the_text(s1: int, e1: int, s2: int, e2: int) -> None:
    cols = quote_spans(Quote("x", 0, 1, cue_start=s1, cue_end=e1, source_start=s2, source_end=e2), TEXT)
    for part in ("cue", "source"):
        start, end, text = cols[f"{part}_start"], cols[f"{part}_end"], cols[f"{part}_text"]
        assert (start is None) == (end is None) == (text is None)
        if start is not None:
            assert 0 <= start < end <= len(TEXT) and TEXT[start:end] == text


def test_a_reported_clause_holding_a_quotation_is_mixed_in_the_stored_view() -> None:
    from threatgraph.model import parc_type
    from threatgraph.store.parc import parc_view

    row = {"direct": False, "start": 0, "end": 30, "text": "the raid “aimed to kill the chief"}
    assert parc_view(row).type == "mixed" == parc_type(False, row["text"])
    assert parc_type(False, "the raid aimed to kill the chief") == "indirect"
    assert parc_type(True, "We will win") == "direct"


def test_the_kind_of_an_attribution_is_stored_and_shown(store) -> None:
    """An attribution's kind (speech, stance …) is written with its row (migration 0007) and read back in the
    article page and the quote search, beside and inside the PARC view."""
    from threatgraph.model import Analysis, Article
    from threatgraph.store.articles import save_analysis
    from threatgraph.store.read.articles import article_page
    from threatgraph.store.read.statements import find_quotes

    text = "Governor Ada Roe endorsed Tom Brook. “We will win,” Ada Roe said."
    said = Quote("We will win", 37, 48, speaker="Ada Roe", cue_start=52, cue_end=56, source_start=44, source_end=51)
    stance = Quote("Tom Brook", 26, 35, speaker="Ada Roe", direct=False, cue_start=17, cue_end=25, kind="stance")
    assert save_analysis(store, Analysis(article=Article(text=text, id="a1"), quotes=[stance, said]))
    page = article_page(store, "a1")
    assert page is not None
    assert [(q.text, q.kind, q.parc.kind) for q in page.quotes] == [
        ("Tom Brook", "stance", "stance"),
        ("We will win", "speech", "speech"),
    ]
    hits = find_quotes(store, speaker="Ada Roe")
    assert sorted(h.parc.kind for h in hits) == ["speech", "stance"]
