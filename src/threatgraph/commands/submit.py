"""The application file for ``spark-submit``: ``threatgraph bulk`` with spark-submit's session.

spark-submit runs a Python *file*, not a console script, so a cluster job is submitted as::

    spark-submit [cluster flags] "$(python -c 'import threatgraph.commands.submit as s; print(s.__file__)')" \\
        PATH... --db URL

The arguments are those of ``threatgraph bulk`` (without the word ``bulk``); the master and executors
are spark-submit's (:func:`threatgraph.bulk.session.spark_session` does not override them).
"""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> None:
    from threatgraph.commands import app, bulk  # noqa: F401  (bulk registers the command)

    app(["bulk", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    main()
