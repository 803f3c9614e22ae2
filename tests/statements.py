"""The SQL a piece of code sends: the load-independent measure of what a read path costs.

On a busy server a request waits for each round trip far longer than the database works on it, so tests hold
down the number and shape of statements rather than wall time. One recorder for every such test.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, event


@dataclass(frozen=True)
class Sent:
    """One statement as the driver received it (``many``: an executemany, run once per parameter row)."""

    statement: str
    parameters: Any
    many: bool

    @property
    def verb(self) -> str:
        return self.statement.lstrip().split(None, 1)[0].upper()


@contextmanager
def recorded(engine: Engine) -> Iterator[list[Sent]]:
    """Every statement sent through ``engine`` inside the block, in order."""
    seen: list[Sent] = []

    def record(conn, cursor, statement, parameters, context, executemany) -> None:  # noqa: ANN001
        seen.append(Sent(statement, parameters, executemany))

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", record)
