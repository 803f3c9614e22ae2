"""CLI commands: ``lists load|show`` and ``screen`` — thin shells over :mod:`threatgraph.screen`."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from threatgraph.commands import DbOption, app, console, err_console, open_app_or_exit, open_store_or_exit

if TYPE_CHECKING:
    from threatgraph.app import Threatgraph

lists_app = typer.Typer(
    help="Load and inspect sanctions lists (OFAC CSV/XML/Advanced XML, UN XML, EU FSF XML, FtM JSON lines).",
    no_args_is_help=True,
)
app.add_typer(lists_app, name="lists")

OUT_COLUMNS = (
    "match",
    "score",
    "entry_id",
    "dataset",
    "caption",
    "schema_listed",
    "matched_name",
    "query_name",
    "error",
    "warning",
)


@lists_app.command("load")
def lists_load(
    files: list[Path] = typer.Argument(..., help="List files; OFAC's sdn.csv with alt.csv/add.csv load as one version"),
    dataset: str | None = typer.Option(
        None, "--dataset", help="Dataset name (default: from the format, e.g. ofac, un)"
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the result as JSON"),
    db: str | None = DbOption,
) -> None:
    """Load list files as new versions; prints what was added, removed and changed."""
    from threatgraph.screen.lists import ListError, load_files

    tg = open_app_or_exit(db)
    try:
        with console.status("Parsing and storing the lists…", spinner="dots"):
            result = load_files(tg.engine, files, dataset)
    except ListError as exc:
        err_console.print(f"[red]error:[/red] {exc}")
        err_console.print("Nothing was stored; the previously loaded version is unchanged.")
        raise typer.Exit(1) from exc
    from threatgraph.store.work import rescreen_owed

    # Also when every file is unchanged but a killed earlier load never finished re-screening.
    relinked = _after_load(tg) if result.version_id is not None or rescreen_owed(tg.engine) else None
    if as_json:
        data = result.to_dict()
        data["relinked"] = relinked
        console.print_json(json.dumps(data, default=str))
        return
    table = Table(title="Loaded lists")
    table.add_column("dataset", no_wrap=True)  # a dataset name is what a client types: never break it
    for col in ("format", "version", "entries", "added", "removed", "changed", "source"):
        table.add_column(col)
    for v in result.versions:
        version = "unchanged" if v.unchanged else str(v.version_id)
        table.add_row(
            v.dataset, v.format, version, str(v.entry_count), str(v.added), str(v.removed), str(v.changed), v.source
        )
    console.print(table)
    if relinked is not None:
        console.print(
            f"Re-screened {relinked['screened']} stored entities: {relinked['new_links']} new sanctions links "
            f"({relinked['sanction_links']} in all)."
        )


def _after_load(tg: Threatgraph) -> dict[str, int]:
    """Rebuild the index and re-screen what is already stored (see :meth:`Threatgraph.lists_loaded`)."""
    with console.status("Building the screening index, re-screening stored entities…", spinner="dots"):
        return tg.lists_loaded()


@lists_app.command("show")
def lists_show(
    changes: int | None = typer.Option(None, "--changes", help="Show the changes recorded by this version id"),
    limit: int = typer.Option(50, "--limit", help="At most this many changes"),
    as_json: bool = typer.Option(False, "--json", help="Print as JSON"),
    db: str | None = DbOption,
) -> None:
    """Show loaded lists (current version per dataset), or the changes of one version."""
    from threatgraph.screen.lists import list_summary, version_changes

    engine = open_store_or_exit(db)
    if changes is not None:
        rows = version_changes(engine, changes, limit)
        if as_json:
            console.print_json(json.dumps(rows, default=str))
            return
        table = Table(title=f"Changes in version {changes}")
        for col in ("change", "entry", "caption", "properties"):
            table.add_column(col)
        for r in rows:
            table.add_row(r["change"], r["entry_id"], r["caption"], ", ".join(sorted(r["detail"] or {})))
        console.print(table)
        return
    summary = list_summary(engine)
    if as_json:
        console.print_json(json.dumps(summary, default=str))
        return
    if not summary:
        console.print("No lists loaded. Load one with [bold]threatgraph lists load FILE…[/bold]")
        return
    console.print("[bold]Sanctions lists[/]")
    # One line per dataset: its name never cut, its figures wrapping beside it at any terminal width.
    table = Table.grid(padding=(0, 2), expand=True)
    table.add_column("dataset", no_wrap=True, style="bold")
    table.add_column("figures", ratio=1, overflow="fold")
    for s in summary:
        table.add_row(
            s["dataset"],
            f"{s['entries']} entries · version {s['version_id']} of {s['versions']} · {s['format']}"
            f" · published {s['published'] or '-'} · +{s['added']} −{s['removed']} ~{s['changed']}",
        )
    console.print(table)


@app.command()
def screen(
    name: str | None = typer.Argument(None, help="Name to screen (any script)"),
    schema: str | None = typer.Option(None, "--schema", help="Person, Organization, Vessel, Airplane, LegalEntity…"),
    country: list[str] = typer.Option([], "--country", help="Country code or name (repeatable)"),
    birth_date: list[str] = typer.Option([], "--birth-date", help="Birth date or year (repeatable)"),
    identifier: list[str] = typer.Option([], "--id", help="Identifier: passport, IMO, registration… (repeatable)"),
    limit: int = typer.Option(5, "--limit", help="Candidates per name"),
    threshold: float | None = typer.Option(None, "--threshold", help="Match threshold (default: the documented one)"),
    csv_in: Path | None = typer.Option(None, "--csv", help="Screen every row of this CSV (a 'name' column)"),
    csv_out: Path | None = typer.Option(None, "--out", help="Where to write the --csv results (default: stdout)"),
    as_json: bool = typer.Option(False, "--json", help="Print candidates as JSON"),
    db: str | None = DbOption,
) -> None:
    """Screen a name (or a CSV of names) against the loaded sanctions lists."""
    from threatgraph.screen.freshness import NoListsError, lists_status
    from threatgraph.screen.query import MATCH_THRESHOLD, Query

    if (name is None) == (csv_in is None):
        err_console.print("[red]error:[/red] give either a NAME or --csv FILE")
        raise typer.Exit(2)
    tg = open_app_or_exit(db)
    try:
        warnings = lists_status(tg.engine).warnings
    except (NoListsError, ValueError) as exc:
        err_console.print(f"[red]error:[/red] {escape(str(exc))}", soft_wrap=True, highlight=False)
        raise typer.Exit(1) from None
    for warning in warnings:  # on every answer, before it: a "no match" against a stale list may be wrong
        err_console.print(f"[yellow]warning:[/yellow] {escape(warning)}", soft_wrap=True, highlight=False)
    index = tg.index()
    threshold = MATCH_THRESHOLD if threshold is None else threshold
    if csv_in is not None:
        _screen_csv(index, csv_in, csv_out, threshold, warnings)
        return
    try:
        query = Query([name or ""], schema, country, birth_date, identifier)
    except ValueError as exc:
        err_console.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from exc
    if not query.names:
        err_console.print(f"[red]error:[/red] nothing to screen in {name!r}")
        raise typer.Exit(2)
    found = index.match(query, limit=limit, threshold=threshold)
    if as_json:
        data = {"query": name, "threshold": threshold, "results": [c.to_dict() for c in found], "warnings": warnings}
        console.print_json(json.dumps(data))
        return
    if not found:
        console.print(f"No candidates for {name!r}" + (" in a stale list (see the warning)." if warnings else "."))
        return
    stale = "; a list is stale, see the warning" if warnings else ""
    console.print(f"[bold]Screening {escape(name or '')!r}[/] (match at score ≥ {threshold}{stale})")
    # The list entry id never wraps (it is what an analyst looks up); the rest wraps beside it.
    table = Table.grid(padding=(0, 2), expand=True)
    table.add_column("score", no_wrap=True)
    table.add_column("id", no_wrap=True, style="dim")
    table.add_column("candidate", ratio=1, overflow="fold")
    for c in found:
        feats = ", ".join(f"{k} {v:+.2f}" if k != "name_similarity" else f"name {v:.2f}" for k, v in c.features.items())
        flag = "[bold red]MATCH[/bold red] " if c.match else ""
        table.add_row(
            f"{c.score:.3f}",
            c.entry_id,
            f"{flag}[bold]{escape(c.caption)}[/] [dim]{c.schema}[/] · matched “{escape(c.explanation['matched_name'])}”"
            f" · [dim]{feats}[/]",
        )
    console.print(table)


def _screen_csv(index, csv_in: Path, csv_out: Path | None, threshold: float, warnings: list[str]) -> None:  # noqa: ANN001
    from threatgraph.screen import names_csv
    from threatgraph.screen.query import Query

    try:
        table = names_csv.parse(names_csv.decode(csv_in.read_bytes(), str(csv_in)), str(csv_in), header=True)
    except OSError as exc:
        err_console.print(f"[red]error:[/red] {csv_in}: cannot read CSV: {exc}")
        raise typer.Exit(1) from exc
    except names_csv.NamesCsvError as exc:
        err_console.print(f"[red]error:[/red] {exc}", soft_wrap=True, highlight=False)
        raise typer.Exit(1) from exc
    fields, rows = table.fields, table.rows
    out_fh = csv_out.open("w", encoding="utf-8", newline="") if csv_out else None
    try:
        writer = csv.DictWriter(out_fh or _StdoutText(), fieldnames=[*fields, *OUT_COLUMNS], extrasaction="ignore")
        writer.writeheader()
        matches = 0
        with Progress(
            TextColumn("screening"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
            console=err_console, disable=out_fh is None,
        ) as progress:  # fmt: skip
            task = progress.add_task("screen", total=len(rows))
            for row in rows:
                get = row.get
                out = dict(zip(fields, row.record, strict=False))
                out["warning"] = " ".join(warnings)  # every answer says when a list was stale
                try:
                    query = Query(
                        [row.name], get("schema") or None,
                        [get("country")] if get("country") else [], [get("birth_date")] if get("birth_date") else [],
                        [get("id")] if get("id") else [],
                    )  # fmt: skip
                except ValueError as exc:  # one bad row is reported in its own line; the batch goes on
                    out.update(match="error", error=str(exc))
                    writer.writerow(out)
                    progress.advance(task)
                    continue
                if not query.names:  # never a "no match" for a name that could not be screened
                    out.update(match="error", error=f"line {row.line}: nothing to screen in {row.name!r}")
                    writer.writerow(out)
                    progress.advance(task)
                    continue
                found = index.match(query, limit=1, threshold=threshold)
                if found:
                    c = found[0]
                    matches += c.match
                    out.update(
                        match=str(c.match).lower(), score=f"{c.score:.4f}", entry_id=c.entry_id, dataset=c.dataset,
                        caption=c.caption, schema_listed=c.schema, matched_name=c.explanation["matched_name"],
                        query_name=c.explanation["query_name"],
                    )  # fmt: skip
                else:
                    out.update(match="false", score="0")
                writer.writerow(out)
                progress.advance(task)
    finally:
        if out_fh:
            out_fh.close()
    if csv_out:
        console.print(f"Screened {len(rows)} rows: {matches} matches → {csv_out}")


class _StdoutText:
    """A file-like object writing CSV to the rich console's stdout without markup."""

    def write(self, text: str) -> int:
        console.file.write(text)
        return len(text)
