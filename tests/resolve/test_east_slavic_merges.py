"""One official under the Ukrainian and the Russian form of his given name is one actor; his brother under another
name of the same family is not (issue 9, s18). Surnames invented."""

from __future__ import annotations

from sqlalchemy import select

from threatgraph import resolve
from threatgraph.store.schema import mentions

from .conftest import build


def _entity(store, text: str) -> str:
    with store.connect() as conn:
        return conn.execute(select(mentions.c.entity_id).where(mentions.c.text == text)).scalar_one()


def test_the_ukrainian_and_russian_forms_of_a_given_name_are_one_actor(store, add) -> None:
    """Before: "Oleksandr" and "Aleksandr" were two name parts, so the two releases named two people."""
    ids = add(
        build("Governor Oleksandr Tarvelov met aid workers in Kharkiv.", [("Person", ["Oleksandr Tarvelov"])]),
        build("Governor Aleksandr Tarvelov denied the report.", [("Person", ["Aleksandr Tarvelov"])]),
        build("His brother Oleksiy Tarvelov, a trader, declined to comment.", [("Person", ["Oleksiy Tarvelov"])]),
    )
    resolve.update(store, ids)
    assert _entity(store, "Oleksandr Tarvelov") == _entity(store, "Aleksandr Tarvelov")
    assert _entity(store, "Oleksiy Tarvelov") != _entity(store, "Aleksandr Tarvelov")  # control
