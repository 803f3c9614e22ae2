"""CLI commands: ``collect``, ``fetch`` and ``sources`` (thin shells over :mod:`threatgraph.collect`)."""

from __future__ import annotations

import json
import threading
from typing import Any

import typer
from rich.markup import escape
from rich.table import Table

from threatgraph.commands import (
    DbOption,
    JsonOption,
    app,
    console,
    err_console,
    exit_on,
    open_app_or_exit,
    open_store_or_exit,
)


def _report_lines(report: Any, as_json: bool) -> None:
    if as_json:
        console.print_json(json.dumps(report.to_dict(), default=str))
        return
    table = Table(title="Collection run", show_header=False)
    table.add_row("sources polled", str(report.sources))
    table.add_row("not modified", str(report.unchanged))
    table.add_row("new URLs", str(report.new_urls))
    table.add_row("pages fetched", str(report.pages))
    table.add_row("HTTP requests", str(report.requests))
    table.add_row("[green]articles stored[/]", str(len(report.ingest.ingested)))
    table.add_row("duplicates", str(len(report.ingest.duplicates)))
    table.add_row("disallowed by robots.txt", str(len(report.disallowed)))
    bad = len(report.source_failures) + len(report.page_failures) + len(report.ingest.failed)
    table.add_row("[red]failures[/]" if bad else "failures", str(bad))
    console.print(table)
    if bad:
        failures = Table("source or URL", "reason", title="Failures", title_style="red")
        for f in [*report.source_failures, *report.page_failures, *report.ingest.failed]:
            failures.add_row(escape(f.source), escape(f.reason))
        console.print(failures)


def _log(line: str) -> None:
    err_console.print(escape(line), soft_wrap=True, highlight=False)


@app.command("collect")
def collect_command(
    sources_file: str = typer.Argument(..., help="Sources file (YAML): feeds, sitemaps, URL lists, GDELT files."),
    once: bool = typer.Option(False, "--once", help="Poll every source once now, fetch what is new, and stop."),
    every: str | None = typer.Option(
        None, "--every", help="Keep running, polling each source this often (e.g. 15m); overrides the file's 'every'."
    ),
    source: list[str] = typer.Option(None, "--source", "-s", help="Only the source(s) with this name."),
    db: str | None = DbOption,
    as_json: bool = JsonOption,
) -> None:
    """Follow the sources in SOURCES_FILE: conditional GETs, robots.txt and per-host rate limits honoured.

    New articles go through the full pipeline; watches raise alerts on each new batch. State (validators,
    failures, next due time, every URL's status) is kept in the database, so a killed run resumes cleanly.
    """
    from threatgraph.collect import SourcesError, load_sources, sync_sources
    from threatgraph.collect.settings import parse_duration
    from threatgraph.pipeline import PipelineError

    if once and every:
        err_console.print("[red]error:[/] give --once or --every, not both")
        raise typer.Exit(2)
    with exit_on(SourcesError):
        loaded = load_sources(sources_file)
    settings = loaded.settings
    if every:
        try:
            settings = settings.model_copy(update={"every": parse_duration(every)})
        except ValueError as exc:
            err_console.print(f"[red]error:[/] --every: {escape(str(exc))}")
            raise typer.Exit(2) from None
    tg = open_app_or_exit(db)
    added = sync_sources(tg.engine, settings.sources, loaded.base)
    if added:
        _log(f"{added} new source(s) from {sources_file}")
    collector = tg.collector(settings, log=None if as_json else _log)
    names = source or None
    with exit_on(PipelineError):
        if not every:
            report = collector.poll(force=True, names=names)
            _report_lines(report, as_json)
            if report.source_failures or report.page_failures or report.ingest.failed:
                raise typer.Exit(1)
            return
        stop = threading.Event()
        try:
            collector.run_forever(stop, on_report=lambda r: _report_lines(r, as_json))
        except KeyboardInterrupt:
            _log("stopped; the next run resumes where this one ended")


@app.command("fetch")
def fetch_command(
    urls: list[str] = typer.Argument(..., help="Article page URLs."),
    user_agent: str | None = typer.Option(None, "--user-agent", help="User-Agent header (and robots.txt token)."),
    rate: float = typer.Option(1.0, "--rate", min=0.001, help="Most requests per second to one host."),
    db: str | None = DbOption,
    as_json: bool = JsonOption,
) -> None:
    """Fetch article pages now (robots.txt honoured), extract and store them; collected URLs are skipped."""
    from threatgraph.collect import SourcesFile
    from threatgraph.collect.settings import HostSettings
    from threatgraph.pipeline import PipelineError

    base = SourcesFile(per_host=HostSettings(rate=rate))
    settings = base.model_copy(update={"user_agent": user_agent}) if user_agent else base
    tg = open_app_or_exit(db)
    with exit_on(PipelineError):
        report = tg.collector(settings, log=None if as_json else _log).fetch(urls)
    _report_lines(report, as_json)
    if report.page_failures or report.disallowed or report.ingest.failed:
        raise typer.Exit(1)


@app.command("sources")
def sources_command(db: str | None = DbOption, as_json: bool = JsonOption) -> None:
    """List collection sources with their health: last fetch, failures, next due time, URLs per status."""
    from threatgraph.collect import source_health

    rows = source_health(open_store_or_exit(db))
    if as_json:
        console.print_json(json.dumps(rows))
        return
    if not rows:
        console.print("No sources yet: run [bold]threatgraph collect SOURCES.yaml[/].")
        return
    table = Table("name", "kind", "health", "last fetch", "next due", "failures", "done", "pending", "failed", "error")
    for r in rows:
        u = r["urls"]
        table.add_row(
            escape(r["name"]),
            r["kind"],
            r["health"],
            r["last_fetch_at"] or "never",
            r["next_due_at"] or "",
            str(r["failures"]),
            str(u["done"]),
            str(u["pending"]),
            str(u["failed"] + u["disallowed"]),
            escape((r["last_error"] or "")[:80]),
        )
    console.print(table)
