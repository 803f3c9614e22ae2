"""CLI commands: ``resolve`` (re-run resolution / sanctions linking), ``merge``, ``split``, ``hits``."""

from __future__ import annotations

import json

import typer
from rich.console import Group
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text
from sqlalchemy import Engine

from threatgraph.commands import DbOption, app, console, err_console, exit_on, open_store_or_exit
from threatgraph.commands.read import sanction_line


def _entity_id(engine: Engine, ref: str) -> str:
    from threatgraph.store.read import find_entities
    from threatgraph.store.refs import entity_id_for

    eid = entity_id_for(engine, ref)
    if eid is None:
        found = find_entities(engine, ref, limit=5)
        hint = "; ".join(f"{h.id} {h.caption!r}" for h in found) or "no match"
        err_console.print(f"[red]error:[/] {escape(ref)!r} does not name one entity ({escape(hint)}); pass an id")
        raise typer.Exit(2)
    return eid


@app.command("resolve")
def resolve_cmd(
    rebuild: bool = typer.Option(False, "--rebuild", help="Re-resolve every article (honours merge/split decisions)."),
    relink: bool = typer.Option(False, "--relink", help="Only re-screen all entities against the loaded lists."),
    as_json: bool = typer.Option(False, "--json", help="Print the statistics as JSON."),
    db: str | None = DbOption,
) -> None:
    """Finish pending resolution, screening and watch checks (or re-resolve everything with --rebuild)."""
    from threatgraph import resolve

    engine = open_store_or_exit(db)
    if relink:
        stats = resolve.relink_sanctions(engine)
    elif rebuild:
        with Progress(
            TextColumn("[bold]resolving"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), console=err_console
        ) as progress:
            task = progress.add_task("resolve", total=None)
            stats = resolve.rebuild(
                engine, progress=lambda done, total: progress.update(task, completed=done, total=total)
            )
    else:  # only what is owed: articles not yet resolved, entities not yet screened, watch checks
        from threatgraph.app import Threatgraph

        done = Threatgraph(engine).resume()
        if as_json:
            typer.echo(json.dumps(done.as_dict(), indent=2))
            return
        console.print(
            f"{done.resolved_articles} articles resolved · {done.mentions} mentions · {done.created} new entities · "
            f"{done.merged} merged · {done.screened} screened · {done.sanction_links} sanctions links · "
            f"{done.watch_checked} watch-checked · {done.alerts} alerts · {done.seconds:.2f}s"
        )
        return
    if as_json:
        typer.echo(json.dumps(stats.as_dict(), indent=2))
        return
    s = stats.as_dict()
    console.print(
        f"{s['articles']} articles · {s['mentions']} mentions · {s['created']} new entities · {s['merged']} merged · "
        f"{s['screened']} screened · {s['sanction_links']} sanctions links · {s['seconds']:.2f}s"
    )


@app.command()
def merge(
    entities: list[str] = typer.Argument(..., help="Two or more entity ids or names; the first one is kept."),
    note: str | None = typer.Option(None, "--note", help="Why (stored with the decision)."),
    db: str | None = DbOption,
) -> None:
    """Merge entities the resolver kept apart; the decision survives re-resolution."""
    from threatgraph.resolve import ResolveError, merge_entities

    engine = open_store_or_exit(db)
    if len(entities) < 2:
        err_console.print("[red]error:[/] merge needs two or more entities")
        raise typer.Exit(2)
    ids = [_entity_id(engine, ref) for ref in entities]
    with exit_on(ResolveError):
        kept = merge_entities(engine, ids[0], ids[1:], note)
    console.print(f"merged {', '.join(ids[1:])} into {kept}")


@app.command()
def split(
    entity: str = typer.Argument(..., help="The entity id (or unambiguous name)."),
    names: list[str] = typer.Argument(..., help="Aliases to split off into another actor."),
    note: str | None = typer.Option(None, "--note", help="Why (stored with the decision)."),
    db: str | None = DbOption,
) -> None:
    """Split aliases (and their mentions) off an entity; the decision survives re-resolution."""
    from threatgraph.resolve import ResolveError, split_entity

    engine = open_store_or_exit(db)
    eid = _entity_id(engine, entity)
    with exit_on(ResolveError):
        landed = split_entity(engine, eid, names, note)
    console.print(f"split {', '.join(map(repr, names))} off {eid}; now on {', '.join(landed) or 'no entity'}")


@app.command()
def hits(
    as_json: bool = typer.Option(False, "--json", help="Print as JSON."),
    include_rejected: bool = typer.Option(False, "--all", help="Include links an analyst rejected."),
    db: str | None = DbOption,
) -> None:
    """List news actors linked to a sanctions-list entry: sanctioned ones (confirmed or probable
    links) first, then possible matches that need an analyst's review."""
    from threatgraph.store.read import hits as read_hits

    engine = open_store_or_exit(db)
    rows = read_hits(engine, include_rejected=include_rejected)
    if as_json:
        typer.echo(json.dumps([r.to_json() for r in rows], ensure_ascii=False, indent=2))
        return
    if not rows:
        from threatgraph.store.work import counts

        owed = counts(engine)
        if owed["screen"] or owed["resolve"]:  # a killed run left work: say so instead of "load lists"
            console.print(
                f"No news actor is linked to a sanctions list yet, but {owed['resolve']} articles await resolution "
                f"and {owed['screen']} screenings are pending: run `threatgraph resolve`."
            )
            return
        console.print("No news actor is linked to a sanctions list (load lists with `threatgraph lists load`).")
        return
    n_sanctioned = sum(1 for r in rows if r.sanctioned)
    console.print(
        f"[bold]{n_sanctioned} sanctioned actors in the news, {len(rows) - n_sanctioned} possible matches to review[/]"
    )
    # The id never wraps (it is what the next command takes); the actor and its list entries wrap beside it.
    table = Table.grid(padding=(0, 2), expand=True)
    table.add_column("id", no_wrap=True, style="dim")
    table.add_column("actor", ratio=1, overflow="fold")
    for r in rows:
        head = Text.from_markup(
            f"[bold]{escape(r.caption)}[/] [dim]{r.schema} · {r.mention_count} mentions"
            f" in {r.article_count} articles[/]"
        )
        links = [Text(sanction_line(link), style="red" if link.sanctioned else "yellow") for link in r.links]
        table.add_row(r.id, Group(head, *links))
    console.print(table)


@app.command("link")
def link_status(
    entity: str = typer.Argument(..., help="The entity id (or unambiguous name)."),
    entry: str = typer.Argument(..., help="The list entry as DATASET:ENTRY_ID, e.g. ofac:ofac-26348."),
    status: str = typer.Argument(..., help="confirmed, rejected or auto."),
    db: str | None = DbOption,
) -> None:
    """Confirm or reject a sanctions link; re-screening never overrides the analyst's status."""
    from threatgraph.resolve.sanctions import set_status

    engine = open_store_or_exit(db)
    eid = _entity_id(engine, entity)
    dataset, sep, entry_id = entry.partition(":")
    if not sep or not entry_id:
        err_console.print(f"[red]error:[/] {escape(entry)!r} is not DATASET:ENTRY_ID")
        raise typer.Exit(2)
    with exit_on(ValueError):
        found = set_status(engine, eid, dataset, entry_id, status)
    if not found:
        err_console.print(f"[red]error:[/] {eid} has no link to {escape(entry)}")
        raise typer.Exit(1)
    console.print(f"{eid} → {entry}: {status}")
