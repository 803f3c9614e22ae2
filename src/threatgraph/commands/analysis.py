"""CLI commands ``quotes`` and ``events``: thin shells over :mod:`threatgraph.store.read.statements`."""

from __future__ import annotations

import json
from collections.abc import Sequence

import typer
from rich.table import Table

from threatgraph.commands import DbOption, JsonOption, app, console, err_console, open_store_or_exit
from threatgraph.store.records import Record


def _print_json(data: object) -> None:
    console.print_json(json.dumps(data, default=str, ensure_ascii=False))


def _rows_table(rows: Sequence[Record], as_json: bool, empty: str, columns: tuple[str, ...]) -> Table | None:
    """Both commands print rows the same way: JSON, a line saying there are none, or a table to fill.

    Returns the (empty) table only when the caller has rows to add to it.
    """
    if as_json:
        _print_json([r.to_json() for r in rows])
        return None
    if not rows:
        console.print(empty)
        return None
    table = Table(show_lines=True)
    for col in columns:
        table.add_column(col, overflow="fold")
    return table


def _short(text: str | None, width: int = 160) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= width else text[: width - 1] + "…"


@app.command("quotes")
def quotes_command(
    speaker: str | None = typer.Option(None, "--speaker", "-s", help="Only quotes by this speaker (any alias)"),
    about: str | None = typer.Option(None, "--about", "-a", help="Only quotes that mention this actor"),
    limit: int = typer.Option(50, "--limit", "-n", min=1, max=10_000, help="At most this many quotes"),
    as_json: bool = JsonOption,
    db: str | None = DbOption,
) -> None:
    """Quotes and reported statements with speaker, title, affiliation, cue verb and outlet."""
    from threatgraph.store.read.statements import find_quotes

    rows = find_quotes(open_store_or_exit(db), speaker=speaker, about=about, limit=limit)
    table = _rows_table(rows, as_json, "No quotes found.", ("Speaker", "Quote", "Cue / outlet", "Article"))
    if table is None:
        return
    for r in rows:
        who = r.speaker or "[dim]unattributed[/dim]"
        extra = ", ".join(x for x in (r.speaker_title, r.speaker_affiliation) if x)
        text = ("“" + _short(r.text) + "”") if r.direct else _short(r.text) + " [dim](reported)[/dim]"
        cue = " ".join(x for x in (r.cue, r.outlet) if x)
        article = " ".join(x for x in (r.published or "undated", _short(r.article_title, 50)) if x)
        table.add_row(f"{who}\n[dim]{extra}[/dim]" if extra else who, text, cue, article)
    console.print(table)


@app.command("events")
def events_command(
    entity: str | None = typer.Option(None, "--entity", "-e", help="Only events with this actor (any alias)"),
    type_: str | None = typer.Option(None, "--type", "-t", help="Only this event type (e.g. SANCTION, RECRUIT)"),
    limit: int = typer.Option(100, "--limit", "-n", min=1, max=10_000, help="At most this many events"),
    as_json: bool = JsonOption,
    db: str | None = DbOption,
) -> None:
    """A dated timeline of who did what to whom (PLOVER-typed events with their evidence)."""
    from threatgraph.extract.events_lexicon import event_types, lexicon
    from threatgraph.store.read.statements import find_events

    canonical = lexicon().canonical_type(type_) if type_ else None
    if type_ and canonical is None:
        err_console.print(f"[red]unknown event type {type_!r}[/red]; known: {', '.join(event_types())}")
        raise typer.Exit(2)
    rows = find_events(open_store_or_exit(db), entity=entity, type_=canonical, limit=limit)
    table = _rows_table(rows, as_json, "No events found.", ("When", "Event", "Source → target", "Where", "Evidence"))
    if table is None:
        return
    for r in rows:
        when = r.date_text or ""
        if r.date_start:
            span = r.date_start if r.date_start == r.date_end else f"{r.date_start}..{r.date_end or ''}"
            when = f"{span}\n[dim]{r.date_text}[/dim]"
        flags = [f for f, on in (("negated", r.negated), ("hedged", r.hedged)) if on]
        kind = (
            r.type
            + (f"/{r.subtype}" if r.subtype else "")
            + (f"\n[yellow]{', '.join(flags)}[/yellow]" if flags else "")
        )
        actors = f"{r.source or '?'} → {r.target or '?'}"
        table.add_row(when, kind, actors, r.place or "", _short(r.sentence))
    console.print(table)
