"""CLI commands: ``watch add/list/remove`` and ``alerts`` (thin shells over :mod:`threatgraph.watch`)."""

from __future__ import annotations

import json

import typer
from rich.table import Table

from threatgraph.commands import DbOption, app, console, err_console, open_store_or_exit

watch_app = typer.Typer(help="Watch entities or names; new mentions raise alerts.", no_args_is_help=True)
app.add_typer(watch_app, name="watch")


def _print_json(data: object) -> None:
    console.print_json(json.dumps(data, default=str, ensure_ascii=False))


@watch_app.command("add")
def watch_add(
    target: str = typer.Argument(..., help="A name to watch, or an entity id / known entity name with --entity"),
    entity: bool = typer.Option(False, "--entity", "-e", help="Watch the resolved entity TARGET (id or exact name)"),
    note: str | None = typer.Option(None, "--note", help="Why this is watched (kept with the watch)"),
    threshold: float | None = typer.Option(None, "--threshold", min=0.01, max=1.0, help="Fuzzy match threshold"),
    backfill: bool = typer.Option(False, "--backfill", help="Also check every article already stored"),
    as_json: bool = typer.Option(False, "--json", help="Print JSON"),
    db: str | None = DbOption,
) -> None:
    """Watch a name (fuzzy, any spelling close enough) or a resolved entity (all its aliases)."""
    from threatgraph.watch import WatchError, add_watch, lookup_entity
    from threatgraph.watch import backfill as run_backfill

    engine = open_store_or_exit(db)
    entity_id = None
    ent = lookup_entity(engine, target) if entity else None
    if entity and ent is None:
        err_console.print(f"[red]no entity {target!r}[/red] (give its id or an exact name or alias)")
        raise typer.Exit(1)
    if ent is not None:
        entity_id = ent["id"]
    try:
        name = ent["caption"] if ent else target
        watch = add_watch(engine, name, entity_id=entity_id, note=note, threshold=threshold)
    except WatchError as exc:
        err_console.print(f"[red]{exc}[/red]")
        raise typer.Exit(1) from None
    found = run_backfill(engine, watch["id"]) if backfill else []
    if as_json:
        _print_json({"watch": watch, "alerts": [a.to_json() for a in found]})
        return
    what = f"entity {entity_id}" if entity_id else "name"
    console.print(f"watch [bold]{watch['id']}[/bold]: {watch['name']!r} ({what}, threshold {watch['threshold']})")
    if backfill:
        console.print(f"backfill: {len(found)} alert(s) in the existing archive")


@watch_app.command("list")
def watch_list(as_json: bool = typer.Option(False, "--json", help="Print JSON"), db: str | None = DbOption) -> None:
    """List watches."""
    from threatgraph.watch import list_watches

    rows = list_watches(open_store_or_exit(db))
    if as_json:
        _print_json(rows)
        return
    table = Table("id", "name", "entity", "threshold", "note", "created")
    for w in rows:
        created = str(w["created_at"])[:19]
        table.add_row(str(w["id"]), w["name"], w["entity_id"] or "", f"{w['threshold']:.2f}", w["note"] or "", created)
    console.print(table)


@watch_app.command("remove")
def watch_remove(watch_id: int = typer.Argument(..., help="Watch id (see `watch list`)"), db: str | None = DbOption):
    """Remove a watch and its alerts."""
    from threatgraph.watch import remove_watch

    if not remove_watch(open_store_or_exit(db), watch_id):
        err_console.print(f"[red]no watch with id {watch_id}[/red]")
        raise typer.Exit(1)
    console.print(f"removed watch {watch_id}")


@app.command("alerts")
def alerts_cmd(
    since: str | None = typer.Option(None, "--since", help="ISO date/datetime or duration back from now (36h, 7d)"),
    limit: int = typer.Option(100, "--limit", min=1, help="At most this many alerts, newest first"),
    watch_id: int | None = typer.Option(None, "--watch", help="Only alerts of this watch"),
    check: bool = typer.Option(False, "--check", help="First check articles not yet seen by every watch"),
    deliver: bool = typer.Option(False, "--deliver", help="POST pending alerts to the webhook now (with retry state)"),
    webhook: str | None = typer.Option(None, "--webhook", help="Webhook URL (default: $THREATGRAPH_WEBHOOK)"),
    as_json: bool = typer.Option(False, "--json", help="Print JSON"),
    db: str | None = DbOption,
) -> None:
    """Show alerts; optionally catch up unchecked articles and deliver pending alerts to the webhook."""
    from threatgraph.watch import deliver_pending, list_alerts
    from threatgraph.watch.scan import run_check

    engine = open_store_or_exit(db)
    if check:
        run_check(engine, [])
    stats = None
    if deliver:
        stats = deliver_pending(engine, webhook)
        if not stats.url:
            err_console.print("[yellow]no webhook configured[/yellow] (set $THREATGRAPH_WEBHOOK or --webhook)")
    try:
        rows = list_alerts(engine, since=since, limit=limit, watch_id=watch_id)
    except ValueError as exc:
        err_console.print(f"[red]--since: {exc}[/red]")
        raise typer.Exit(2) from None
    if as_json:
        found = [a.to_json() for a in rows]
        _print_json({"alerts": found, "delivery": stats.to_dict() if stats else None} if deliver else found)
        return
    table = Table("id", "when", "watch", "matched", "score", "article", "delivered")
    for a in rows:
        state = a.delivered_at or (f"no ({a.attempts} tries: {a.last_error})" if a.attempts else "pending")
        table.add_row(
            str(a.id),
            a.created_at[:19],
            a.watch_name,
            a.matched,
            f"{a.score:.2f}",
            a.article_title or a.article_id[:12],
            state,
        )
    console.print(table)
    if stats:
        console.print(f"webhook: {stats.delivered} delivered, {stats.failed} failed, {stats.pending} pending")
