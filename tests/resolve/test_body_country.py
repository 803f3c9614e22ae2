"""A body the articles give another country than the listed one's (issue 9, session 18: the Citadel class).

A company's name is shared by firms in many countries; the list states the listed firm's country beside its tax or
registration number ("(<Country>)"), which the loader now keeps as its jurisdiction. The articles' "<Name> Corp., a
U.S. company" or "the <Nationality> firm <Name>" then names another body. Every name here is invented.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from threatgraph import resolve
from threatgraph.resolve.sanctions import body_roles

from .conftest import build, load_sdn_rows
from .test_adversarial_links import _row, links


@pytest.mark.parametrize(
    ("sentence", "roles"),
    [
        ("Harbourstone Holding Corp., a U.S. mortgage lender, said.", ["U.S. mortgage lender"]),
        ("Shares of the Russian firm Harbourstone Holding fell.", ["the Russian firm"]),
        ("Harbourstone Holding, a Kenyan company, said.", ["Kenyan company"]),
        ("Harbourstone Holding Inc. said on Monday.", []),
    ],
)
def test_the_role_words_around_a_bodys_name(sentence: str, roles: list[str]) -> None:
    start = sentence.index("Harbourstone Holding")
    assert body_roles(sentence, start, start + len("Harbourstone Holding")) == roles


ROWS = [
    _row(
        9951,
        "LIMITED LIABILITY COMPANY HARBOURSTONE",
        remarks="Tax ID No. 7700000001 (Russia); a.k.a. 'HARBOURSTONE HOLDING'.",
    ),
]


@pytest.fixture
def listed(store, tmp_path: Path):
    return load_sdn_rows(store, tmp_path, ROWS)


def test_a_namesake_company_of_another_country_is_not_sanctioned(listed, add) -> None:
    """Failed before session 18: the listed alias aligned in full and the entry stated no country."""
    # (the test articles' sentences end at the first stop, so no "Corp." or "U.S." here)
    art = build(
        "Harbourstone Holding Inc, an American mortgage lender, cut jobs.",
        [("Company", ["Harbourstone Holding"])],
    )
    resolve.update(listed, add(art))
    found = links(listed).get("Harbourstone Holding") or []
    assert found and all(state != "probable" for _, state in found)


def test_the_listed_countrys_body_stays_sanctioned(listed, add) -> None:
    """Control: the same name said to be a Russian firm is the listed one."""
    art = build(
        "Treasury designated the Russian firm Harbourstone Holding on Monday.",
        [("Company", ["Harbourstone Holding"])],
    )
    resolve.update(listed, add(art))
    assert links(listed).get("Harbourstone Holding") == [("ofac-9951", "probable")]


def test_a_body_the_articles_give_no_country_is_judged_as_before(listed, add) -> None:
    art = build("Harbourstone Holding cut jobs.", [("Company", ["Harbourstone Holding"])])
    resolve.update(listed, add(art))
    assert links(listed).get("Harbourstone Holding") == [("ofac-9951", "probable")]


def test_a_namesake_firm_of_another_legal_form_is_not_sanctioned(listed, add) -> None:
    """Failed before session 18: the article's firm is a corporation, the listed one a limited liability company
    whose a.k.a. is the article's name."""
    art = build("Harbourstone Holding Corp opened a branch in Ohio.", [("Company", ["Harbourstone Holding"])])
    resolve.update(listed, add(art))
    found = links(listed).get("Harbourstone Holding") or []
    assert found and all(state != "probable" for _, state in found)
    assert any("limited liability company" in x for x in _against(listed))


def test_the_listed_legal_form_stays_sanctioned(listed, add) -> None:
    """Control: the same legal form family ("LLC" for "Limited Liability Company") is no contradiction."""
    art = build("Harbourstone Holding LLC opened a branch in Ohio.", [("Company", ["Harbourstone Holding"])])
    resolve.update(listed, add(art))
    assert links(listed).get("Harbourstone Holding") == [("ofac-9951", "probable")]


def _against(store) -> list[str]:
    from sqlalchemy import select

    from threatgraph.store.schema import sanction_links

    with store.connect() as conn:
        return [x for (e,) in conn.execute(select(sanction_links.c.explanation)) for x in e["judgement"]["against"]]
