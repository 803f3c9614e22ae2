"""The ``threatgraph`` command: a thin shell over the stage libraries.

Every command lives in a module of :mod:`threatgraph.commands`, registered on one typer app.
"""

from __future__ import annotations

from threatgraph.commands import (  # noqa: F401  (imports register the commands)
    analysis,
    app,
    bulk,
    collect,
    export,
    ingest,
    read,
    resolve,
    screen,
    serve,
    watch,
)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
