"""CLI command: ``export`` (a thin shell over :func:`threatgraph.export.export`)."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.table import Table

from threatgraph.commands import DbOption, app, console, err_console, open_store_or_exit


@app.command("export")
def export_cmd(
    fmt: str = typer.Option(..., "--format", "-f", help="ftm | stix | graphml | csv"),
    out: Path = typer.Option(
        ..., "--out", "-o", help="Output file (csv, split stix: a directory of files, swapped in when complete)"
    ),
    entity: str | None = typer.Option(None, "--entity", "-e", help="Only this entity (id or name) and neighbours"),
    max_bundle_bytes: int | None = typer.Option(
        None, "--max-bundle-bytes", min=1, help="stix: split into self-contained bundles of at most this many bytes"
    ),
    max_bundle_objects: int | None = typer.Option(
        None, "--max-bundle-objects", min=1, help="stix: split into self-contained bundles of at most this many objects"
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the export summary as JSON"),
    db: str | None = DbOption,
) -> None:
    """Export the archive as FollowTheMoney JSON lines, a STIX 2.1 bundle, GraphML or CSV tables, validated."""
    from threatgraph.export import FORMATS, ExportError, export
    from threatgraph.watch import lookup_entity

    if fmt.lower() not in FORMATS:
        err_console.print(f"[red]--format {fmt!r}: choose one of {', '.join(FORMATS)}[/red]")
        raise typer.Exit(2)
    engine = open_store_or_exit(db)
    entity_id = None
    if entity:
        found = lookup_entity(engine, entity)
        if found is None:
            err_console.print(f"[red]--entity {entity!r}: no entity with that id, name or alias[/red]")
            raise typer.Exit(1)
        entity_id = found["id"]
    try:
        with console.status(f"exporting {fmt}…"):
            stats = export(
                engine,
                fmt,
                out,
                entity_id=entity_id,
                max_bundle_bytes=max_bundle_bytes,
                max_bundle_objects=max_bundle_objects,
            )
    except (ExportError, OSError) as exc:
        err_console.print(f"[red]export failed: {exc}[/red]")
        raise typer.Exit(1) from None
    if as_json:
        console.print_json(json.dumps(stats.to_dict(), ensure_ascii=False))
        return
    table = Table("kind", "count", title=f"{fmt} → {out} (validated)")
    for kind, n in sorted(stats.counts.items()):
        table.add_row(kind, str(n))
    for reason, n in sorted(stats.skipped.items()):
        table.add_row(f"[yellow]skipped: {reason}[/yellow]", str(n))
    console.print(table)
