"""CLI commands: ``ingest``, ``articles`` and ``demo`` (thin shells over :class:`threatgraph.app.Threatgraph`)."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import typer
from rich.markup import escape
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn, TimeRemainingColumn
from rich.table import Table
from sqlalchemy import Engine, func, select

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
from threatgraph.commands.stopping import Stopped, stoppable
from threatgraph.ingest import DEFAULT_MAX_BYTES
from threatgraph.ingest.limits import MAX_ARTICLE_CHARS
from threatgraph.model import IngestReport

if TYPE_CHECKING:
    from threatgraph.app import Threatgraph


@contextmanager
def _progress_bar(label: str, total: int | None = None, show: bool = True) -> Iterator[Any]:
    """A live bar on stderr (stdout stays clean for --json); yields the pipeline's progress callback."""
    columns = (
        SpinnerColumn(),
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        TextColumn("{task.completed} done · [green]{task.fields[new]} new[/] · {task.fields[dup]} duplicate ·"),
        TextColumn("[red]{task.fields[bad]} failed[/]"),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=err_console, transient=False, disable=not show) as progress:
        task = progress.add_task(label, total=total, new=0, dup=0, bad=0)
        failed_seen = 0

        def update(report: IngestReport, source: str) -> None:
            nonlocal failed_seen
            for failure in report.failed[failed_seen:]:
                progress.console.print(
                    f"[red]error:[/] {escape(failure.source)}: {escape(failure.reason)}",
                    soft_wrap=True,
                    highlight=False,
                )
            failed_seen = len(report.failed)
            done = len(report.ingested) + len(report.duplicates) + len(report.failed)
            progress.update(
                task,
                completed=done,
                total=max(done, progress.tasks[0].total or 0) if total else None,
                new=len(report.ingested),
                dup=len(report.duplicates),
                bad=len(report.failed),
            )

        yield update
        progress.update(task, total=progress.tasks[0].completed)


def report_dict(report: IngestReport) -> dict[str, Any]:
    return {
        "ingested": report.ingested,
        "duplicates": report.duplicates,
        "failed": [{"source": f.source, "reason": f.reason} for f in report.failed],
        "started": report.started.isoformat() if report.started else None,
    }


def _print_summary(report: IngestReport) -> None:
    table = Table(title="Ingest summary", show_header=False)
    table.add_row("[green]ingested[/]", str(len(report.ingested)))
    table.add_row("duplicates", str(len(report.duplicates)))
    table.add_row("[red]failed[/]" if report.failed else "failed", str(len(report.failed)))
    console.print(table)
    if report.failed:
        failures = Table("source", "reason", title="Failures", title_style="red")
        for f in report.failed:
            failures.add_row(escape(f.source), escape(f.reason))
        console.print(failures)


def _workers(requested: int, total: int | None) -> int:
    """NLP worker processes: as asked, or (0 = auto) one per core for archives big enough to pay for start-up."""
    from threatgraph.pipeline import PARALLEL_MIN_ARTICLES

    if requested > 0:
        return requested
    return min(os.cpu_count() or 1, 2) if (total or 0) >= 2 * PARALLEL_MIN_ARTICLES else 1


def _run_ingest(
    tg: Threatgraph,
    paths: list[str],
    batch_size: int,
    max_bytes: int,
    as_json: bool,
    processes: int = 1,
    max_chars: int = MAX_ARTICLE_CHARS,
) -> IngestReport:
    from threatgraph.ingest import estimate_items
    from threatgraph.pipeline import PARALLEL_MIN_ARTICLES, PipelineError

    total = estimate_items(paths)
    n_process = _workers(processes, total)
    if n_process > 1:  # worker processes only pay off on big batches
        batch_size = max(batch_size, PARALLEL_MIN_ARTICLES)

    def on_stop(stopped: Stopped) -> None:
        err_console.print(
            f"[yellow]stopped ({stopped}):[/] articles stored so far are kept and what they still need is "
            "recorded; run the same command again to finish",
            highlight=False,
        )

    with (
        stoppable(on_stop),
        exit_on(PipelineError),
        _progress_bar("Ingesting", total=total, show=not as_json) as progress,
    ):
        report = tg.ingest(
            paths,
            progress=progress,
            batch_size=batch_size,
            max_bytes=max_bytes,
            n_process=n_process,
            max_chars=max_chars,
        )
    if as_json:
        console.print_json(json.dumps(report_dict(report)))
    else:
        _print_summary(report)
    return report


@app.command("ingest")
def ingest_command(
    paths: list[str] = typer.Argument(
        ..., help="Files or directories (txt, HTML, JSON lines, RSS/Atom); - reads standard input."
    ),
    db: str | None = DbOption,
    as_json: bool = JsonOption,
    batch_size: int = typer.Option(32, "--batch-size", min=1, help="Articles per extraction batch."),
    max_bytes: int = typer.Option(DEFAULT_MAX_BYTES, "--max-bytes", min=1, help="Largest file (or JSON line) read."),
    max_chars: int = typer.Option(
        MAX_ARTICLE_CHARS, "--max-chars", min=1, help="Longest article text extracted (memory grows with it)."
    ),
    processes: int = typer.Option(
        0, "--processes", "-j", min=0, help="NLP worker processes (0 = one per core, up to 2, for large batches)."
    ),
) -> None:
    """Read articles, extract entities, events and quotes, and store them (identical content is skipped)."""
    report = _run_ingest(open_app_or_exit(db), paths, batch_size, max_bytes, as_json, processes, max_chars)
    if report.failed:
        raise typer.Exit(1)


@app.command("articles")
def articles_command(
    search: str | None = typer.Option(None, "--search", "-s", help="Full-text search over titles and text."),
    limit: int = typer.Option(20, "--limit", "-n", min=1, help="Most rows to show."),
    db: str | None = DbOption,
    as_json: bool = JsonOption,
) -> None:
    """List stored articles, newest first, or the best matches for --search."""
    from threatgraph.store.articles import search_articles

    rows = search_articles(open_store_or_exit(db), search, limit=limit)
    if as_json:
        console.print_json(json.dumps([r.to_json() for r in rows]))
        return
    if not rows:
        console.print("No articles" + (f" match {search!r}." if search else " stored yet."))
        return
    table = Table("id", "published", "outlet", "title", "snippet", title=f"{len(rows)} articles")
    for r in rows:
        snippet = " ".join((r.snippet or "").split())
        table.add_row(
            r.id[:10], str(r.published or ""), escape(r.outlet or ""), escape(r.title or ""), escape(snippet[:120])
        )
    console.print(table)


def _entity_summary(engine: Engine) -> None:
    """What the demo shows when nothing was resolved into an armed group or organisation: the most-mentioned names."""
    from threatgraph.store.schema import entities, mentions

    with engine.connect() as conn:
        ents = conn.execute(
            select(entities.c.caption, entities.c.schema, entities.c.mention_count, entities.c.article_count)
            .order_by(entities.c.mention_count.desc())
            .limit(15)
        ).all()
        if ents:
            table = Table("entity", "type", "mentions", "articles", title="Most-mentioned entities")
            for caption, schema, n_mentions, n_articles in ents:
                table.add_row(escape(caption), schema, str(n_mentions), str(n_articles))
        else:
            n_docs = func.count(mentions.c.article_id.distinct())
            rows = conn.execute(
                select(mentions.c.canonical, mentions.c.label, func.count(), n_docs)
                .where(mentions.c.label != "Date")
                .group_by(mentions.c.canonical, mentions.c.label)
                .order_by(func.count().desc())
                .limit(15)
            ).all()
            table = Table("name", "type", "mentions", "articles", title="Most-mentioned names (not yet resolved)")
            for name, label, n_mentions, n_articles in rows:
                table.add_row(escape(name), label, str(n_mentions), str(n_articles))
    console.print(table)


def _load_demo_list(tg: Threatgraph) -> None:
    """Load the bundled invented sanctions list the way ``lists load`` does (same library calls), so the demo
    group shows as sanctioned; a second run finds the same file already loaded and records nothing."""
    from threatgraph.screen.lists import demo_list_path, load_files

    path = demo_list_path()
    from threatgraph.store.work import rescreen_owed

    result = load_files(tg.engine, [path])
    if result.version_id is None and not rescreen_owed(tg.engine):
        console.print(f"Demo sanctions list [bold]{escape(path.name)}[/] (invented) already loaded.")
        return
    relinked = tg.lists_loaded()
    console.print(
        f"Loaded the demo sanctions list [bold]{escape(path.name)}[/] (invented): "
        f"{sum(v.entry_count for v in result.versions)} entries, {relinked['new_links']} new links."
    )


@app.command("demo")
def demo_command(db: str | None = DbOption) -> None:
    """Ingest the bundled (invented) sample articles and print the dossier of the most-mentioned armed group."""
    from threatgraph.commands.read import print_dossier
    from threatgraph.ingest.samples import samples_dir
    from threatgraph.store.reviewed import most_mentioned

    tg = open_app_or_exit(db)
    _load_demo_list(tg)
    folder = samples_dir()
    console.print(f"Ingesting the sample articles in [bold]{escape(str(folder))}[/] (invented for testing).")
    report = _run_ingest(tg, [str(folder)], 32, DEFAULT_MAX_BYTES, as_json=False)
    entity_id = most_mentioned(tg.engine)
    if entity_id:
        print_dossier(tg.engine, entity_id)
    else:
        _entity_summary(tg.engine)
    if report.failed:
        raise typer.Exit(1)
