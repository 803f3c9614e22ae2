"""CLI command modules: each stage registers its commands on the shared typer ``app``.

``threatgraph/cli.py`` imports every module here; the modules are thin shells over the
stage libraries (no logic that the API or tests could not call the same way).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

import typer
from rich.console import Console
from rich.markup import escape

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from threatgraph.app import Threatgraph

app = typer.Typer(
    name="threatgraph",
    help="Turn news reporting on armed groups into an evidence-backed graph; screen it against sanctions lists.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_show_locals=False,
)
console = Console()
err_console = Console(stderr=True)

DbOption = typer.Option(None, "--db", help="Database URL or SQLite path (default: $THREATGRAPH_DB or ./threatgraph.db)")
JsonOption = typer.Option(False, "--json", help="Print the result as JSON on stdout.")


def open_store_or_exit(db: str | None) -> Engine:
    """The migrated store for ``--db``, or a one-line error naming the store and the reason (exit 2).

    Every command opens its store through here, so a bad URL or a failed migration reads the same
    everywhere instead of ending in a traceback.
    """
    from threatgraph.store.db import StoreError, open_store

    try:
        return open_store(db)
    except StoreError as exc:
        err_console.print(f"[red]error:[/] {escape(str(exc))}", soft_wrap=True, highlight=False)
        raise typer.Exit(2) from None


def open_app_or_exit(db: str | None) -> Threatgraph:
    """The application over the store for ``--db`` (see :mod:`threatgraph.app`), or a one-line error (exit 2).

    Commands that ingest, load lists, screen or resolve go through the application, which owns the
    extractor, the index and the post-ingest hooks; commands that only read stored rows can take
    :func:`open_store_or_exit` and skip loading the stages.
    """
    from threatgraph.app import Threatgraph

    return Threatgraph(open_store_or_exit(db))


@contextmanager
def exit_on(*errors: type[Exception]) -> Iterator[None]:
    """Report the library's own refusals (``errors``) as a one-line CLI error with exit code 2.

    The libraries raise with messages written for the user (which input, why); the commands only
    have to print them, not catch and format each one by hand.
    """
    try:
        yield
    except errors as exc:
        err_console.print(f"[red]error:[/] {escape(str(exc))}", soft_wrap=True, highlight=False)
        raise typer.Exit(2) from None


@app.command()
def version() -> None:
    """Print the threatgraph version."""
    from importlib.metadata import version as _v

    console.print(f"threatgraph {_v('threatgraph')}")
