"""CLI commands ``bulk`` (Spark) and ``load`` (Parquet from a bulk run): thin shells over :mod:`threatgraph.bulk`."""

from __future__ import annotations

import json

import typer
from rich.markup import escape
from rich.table import Table

from threatgraph.commands import DbOption, JsonOption, app, console, exit_on, open_store_or_exit
from threatgraph.ingest import DEFAULT_MAX_BYTES


def _print(report: dict) -> None:
    table = Table(title="Bulk summary", show_header=False)
    for key in ("read", "duplicates", "already_stored", "ingested", "analysed", "partitions", "alerts", "seconds"):
        table.add_row(key.replace("_", " "), str(report[key]))
    table.add_row("failed", str(len(report["failed"])))
    if report["resolve"]:
        r = report["resolve"]
        table.add_row("entities created / joined / merged", f"{r['created']} / {r['joined']} / {r['merged']}")
    if report["blocks"]:
        b = report["blocks"]
        table.add_row("resolution blocks (largest)", f"{b['blocks']} ({b['largest_block']} groups)")
    console.print(table)
    if report["failed"]:
        failures = Table("source", "reason", title="Failures", title_style="red")
        for f in report["failed"]:
            failures.add_row(escape(f["source"]), escape(f["reason"]))
        console.print(failures)


@app.command("bulk")
def bulk_command(
    paths: list[str] = typer.Argument(..., help="Files or directories: local, hdfs://, s3a:// (any Hadoop path)."),
    db: str | None = DbOption,
    master: str | None = typer.Option(
        None, "--master", help="Spark master, e.g. local[2] (default: spark-submit's, else $THREATGRAPH_SPARK_MASTER)."
    ),
    conf: list[str] = typer.Option([], "--conf", help="Spark setting key=value (repeatable)."),
    parquet: str | None = typer.Option(None, "--parquet", help="Write analysed articles here for `threatgraph load`."),
    partitions: int | None = typer.Option(None, "--partitions", min=1, help="Partitions (= store transactions)."),
    max_bytes: int = typer.Option(DEFAULT_MAX_BYTES, "--max-bytes", min=1, help="Largest file (or JSON line) read."),
    no_resolve: bool = typer.Option(False, "--no-resolve", help="Store only; resolve later (`threatgraph resolve`)."),
    as_json: bool = JsonOption,
) -> None:
    """Ingest an archive on Apache Spark: same readers and extractor, one transaction per partition."""
    from threatgraph.app import DEFAULT_HOOKS, gazetteer_names
    from threatgraph.bulk import BulkError, parse_conf, run_bulk

    if db is not None or parquet is None:
        open_store_or_exit(db)  # a clear error for a bad store before Spark starts
    with exit_on(BulkError):
        report = run_bulk(
            paths,
            db if (db is not None or parquet is None) else None,
            master=master,
            conf=parse_conf(conf),
            parquet=parquet,
            partitions=partitions,
            max_bytes=max_bytes,
            resolve=not no_resolve,
            names=gazetteer_names,
            hooks=DEFAULT_HOOKS,
        ).as_dict()
    if as_json:
        console.print_json(json.dumps(report))
    else:
        _print(report)
    if report["failed"]:
        raise typer.Exit(1)


@app.command("load")
def load_command(
    paths: list[str] = typer.Argument(..., help="Parquet written by `threatgraph bulk --parquet`."),
    db: str | None = DbOption,
    as_json: bool = JsonOption,
) -> None:
    """Store analysed articles from a bulk run's Parquet output (resolved and watched as ingest does)."""
    from threatgraph.app import DEFAULT_HOOKS
    from threatgraph.bulk import load_parquet
    from threatgraph.commands.ingest import _print_summary, report_dict

    report = load_parquet(open_store_or_exit(db), paths, hooks=DEFAULT_HOOKS)
    if as_json:
        console.print_json(json.dumps(report_dict(report)))
    else:
        _print_summary(report)
    if report.failed:
        raise typer.Exit(1)
