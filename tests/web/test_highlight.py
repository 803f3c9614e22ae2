"""Mention highlighting: any text and any spans give safe markup that reads back as the original text."""

from __future__ import annotations

import html
import re

from hypothesis import given
from hypothesis import strategies as st

from threatgraph.web.highlight import highlight

TAG = re.compile(r"<[^>]*>")


@st.composite
def text_and_spans(draw):
    text = draw(st.text(max_size=200))
    n = len(text)
    spans = draw(
        st.lists(
            st.tuples(st.integers(-5, n + 5), st.integers(-5, n + 5), st.sampled_from(["Person", "ArmedGroup", '"x'])),
            max_size=12,
        )
    )
    ents = draw(
        st.lists(st.one_of(st.none(), st.text(min_size=1, max_size=10)), min_size=len(spans), max_size=len(spans))
    )
    return text, [
        {"start": a, "end": b, "label": label, "entity_id": e, "canonical": "<c>"}
        for (a, b, label), e in zip(spans, ents, strict=True)
    ]


@given(text_and_spans())
def test_highlight_is_lossless_and_safe(case):
    text, spans = case
    out = str(highlight(text, spans))
    assert html.unescape(TAG.sub("", out)) == text
    # only our own tags survive: every '<' in the output opens mark/a or closes them
    assert all(t.startswith(("<mark ", "</mark>", '<a href="/entities/', "</a>")) for t in TAG.findall(out))


def test_overlaps_keep_the_longer_earlier_span():
    text = "the Zainabiyoun Brigade said"
    spans = [
        {"start": 4, "end": 23, "label": "ArmedGroup", "entity_id": "ent-1"},
        {"start": 4, "end": 15, "label": "Person", "entity_id": None},
    ]
    out = str(highlight(text, spans))
    assert out.count("<mark") == 1 and 'href="/entities/ent-1">Zainabiyoun Brigade</a>' in out


def test_markup_in_the_article_is_escaped():
    out = str(highlight('<img src=x onerror="alert(1)"> Hamas', [{"start": 31, "end": 36, "label": "Org"}]))
    assert "<img" not in out and "&lt;img" in out and ">Hamas</mark>" in out
