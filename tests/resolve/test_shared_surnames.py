"""A bare surname its own article gives two people stays apart (issue 9, s20): it joins no other article's namesake,
and nobody joins the entity it forms. All names are invented."""

from __future__ import annotations

from sqlalchemy import select

from threatgraph import resolve
from threatgraph.model import Analysis
from threatgraph.names.forms import name_form
from threatgraph.resolve.surnames import shared_surname
from threatgraph.store.schema import articles, mentions

from .conftest import build


def _forms(*names: str):
    return [name_form(n, "Person") for n in names]


def test_a_surname_two_full_names_of_the_article_end_in_is_shared() -> None:
    others = [_forms("Marisa Halvey"), _forms("Dorian Halvey"), _forms("Orlo Venn")]
    assert shared_surname(_forms("Halvey"), others)


def test_control_one_bearer_or_one_given_name_is_not_shared() -> None:
    assert not shared_surname(_forms("Halvey"), [_forms("Marisa Halvey"), _forms("Orlo Venn")])
    # two groups under one given name ("Mohammed"/"Muhammad") may be one person split: no evidence of two people
    assert not shared_surname(_forms("Halvey"), [_forms("Mohammed Halvey"), _forms("Muhammad Halvey")])
    # a group with a full name is the extractor's to decide
    assert not shared_surname(_forms("Halvey", "Corvin Halvey"), [_forms("Marisa Halvey"), _forms("Dorian Halvey")])


def _without_overlaps(analysis: Analysis) -> Analysis:
    """The hand-built article with a later group's mentions inside an earlier group's dropped (the helper finds
    "<Surname>" inside "<Given> <Surname>" too; the extractor would not)."""
    kept = []
    for m in sorted(analysis.mentions, key=lambda m: m.group):
        if not any(k.group != m.group and k.start <= m.start and m.end <= k.end for k in kept):
            kept.append(m)
    analysis.mentions[:] = kept
    return analysis


def _entity_of_bare(store, url_part: str) -> tuple[str, set[str]]:
    """The entity of the bare "Halvey" in the article whose text holds ``url_part``, and every name it holds."""
    with store.connect() as conn:
        aid = conn.execute(select(articles.c.id).where(articles.c.text.contains(url_part))).scalar_one()
        eid = conn.execute(
            select(mentions.c.entity_id).where(mentions.c.article_id == aid, mentions.c.text == "Halvey")
        ).first()[0]
        names = {t for (t,) in conn.execute(select(mentions.c.text).where(mentions.c.entity_id == eid))}
    return eid, names


def _banker():
    return build(
        "Corvin Halvey met officials of Tamsin Bank and the Orlo Council. Halvey said talks went well.",
        [
            ("Person", ["Corvin Halvey", "Halvey"]),
            ("Organization", ["Tamsin Bank"]),
            ("Organization", ["Orlo Council"]),
        ],
    )


def _articles(second: list[tuple[str, list[str]]], text: str):
    return _banker(), _without_overlaps(build(text, second))


def test_a_shared_surname_joins_no_namesake_of_another_article(store, add) -> None:
    """Before: the couple's "Halvey" joined the banker of the first article through the shared company."""
    text = "Marisa Halvey and Dorian Halvey met Tamsin Bank and the Orlo Council. Halvey said it went well."
    first, second = _articles(
        [
            ("Person", ["Marisa Halvey"]),
            ("Person", ["Dorian Halvey"]),
            ("Organization", ["Tamsin Bank"]),
            ("Organization", ["Orlo Council"]),
            ("Person", ["Halvey"]),
        ],
        text,
    )
    resolve.update(store, add(first, second))
    _, names = _entity_of_bare(store, "Marisa Halvey and")
    assert names == {"Halvey"}


def test_control_a_surname_no_two_people_of_the_article_carry_still_joins(store, add) -> None:
    text = "The banker came back to Tamsin Bank and the Orlo Council. Halvey said it went well."
    first, second = _articles(
        [
            ("Organization", ["Tamsin Bank"]),
            ("Organization", ["Orlo Council"]),
            ("Person", ["Halvey"]),
        ],
        text,
    )
    resolve.update(store, add(first, second))
    _, names = _entity_of_bare(store, "came back to")
    assert "Corvin Halvey" in names


def test_a_bare_name_another_group_of_its_article_also_has_is_kept_apart() -> None:
    """s21: the extractor keeps "Mr. <Surname>" and "Mrs. <Surname>" in two groups of one name (their titles say
    two people); each is one of two people's, so neither names anyone for sure."""
    from threatgraph.resolve.surnames import kept_apart

    assert kept_apart(_forms("Halvey"), [_forms("Halvey"), _forms("Orlo Venn")])
    assert not kept_apart(_forms("Halvey"), [_forms("Marisa Halvey"), _forms("Orlo Venn")])  # control: a full name
    assert not kept_apart(_forms("Halvey"), [_forms("Osrandi")])  # control: another name
    assert not kept_apart(_forms("Halvey", "Corvin Halvey"), [_forms("Halvey")])  # control: a full name of its own


def test_mr_and_mrs_of_one_surname_join_no_namesake_of_another_article(store, add) -> None:
    """Before: both titled groups of the couple's article joined the banker of the first article."""
    text = "Mr. Halvey met Tamsin Bank and the Orlo Council. Mrs. Halvey said it went well."
    first, second = (
        _banker(),
        build(
            text,
            [
                ("Organization", ["Tamsin Bank"]),
                ("Organization", ["Orlo Council"]),
                ("Person", ["Halvey"]),
                ("Person", ["Halvey"]),
            ],
        ),
    )
    # one "Halvey" per group, as the extractor groups them: the man's (group 2) first, the woman's (group 3) second
    woman = text.index("Mrs.")
    second.mentions[:] = [m for m in second.mentions if m.text != "Halvey" or (m.group == 3) == (m.start > woman)]
    resolve.update(store, add(first, second))
    with store.connect() as conn:
        aid = conn.execute(select(articles.c.id).where(articles.c.text.contains("Mr. Halvey met"))).scalar_one()
        eids = {
            e
            for (e,) in conn.execute(
                select(mentions.c.entity_id).where(mentions.c.article_id == aid, mentions.c.text == "Halvey")
            )
        }
        names = {t for (t,) in conn.execute(select(mentions.c.text).where(mentions.c.entity_id.in_(eids)))}
    assert len(eids) == 2 and names == {"Halvey"}
