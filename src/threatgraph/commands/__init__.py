"""CLI command modules: each stage registers its commands on the shared typer ``app``.

``threatgraph/cli.py`` imports every module here; the modules are thin shells over the
stage libraries (no logic that the API or tests could not call the same way).
"""

from __future__ import annotations

import typer
from rich.console import Console

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


@app.command()
def version() -> None:
    """Print the threatgraph version."""
    from importlib.metadata import version as _v

    console.print(f"threatgraph {_v('threatgraph')}")
