"""CLI commands: ``entity NAME`` (actor dossier) and :func:`print_dossier` (also used by ``demo``)."""

from __future__ import annotations

import json
from typing import Any

import typer
from rich.console import Group
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table
from rich.text import Text
from sqlalchemy import Engine

from threatgraph.commands import DbOption, app, console, err_console, open_store_or_exit
from threatgraph.store.records import SanctionLink, TimelineEvent

#: How each link state opens its line: only confirmed and probable links say SANCTIONED.
HEADS = {
    "confirmed": "SANCTIONED",
    "probable": "SANCTIONED",
    "possible": "POSSIBLE LIST MATCH (name only, needs review)",
    "rejected": "NOT THIS ENTRY",
}


def sanction_line(link: SanctionLink) -> str:
    """ "SANCTIONED: OFAC SDGT, IRGC since 2019-01-24 — ZAYNABIYOUN BRIGADE (ofac-26348, score 0.93) [probable]"."""
    programs = ", ".join(link.programs) or "listed"
    since = f" since {link.listed_since}" if link.listed_since else ""
    state = {"rejected": " [rejected by analyst]"}.get(link.status, f" [{link.status}]" if link.status else "")
    removed = " (removed from list)" if link.removed_from_list else ""
    return (
        f"{HEADS.get(link.status, 'POSSIBLE LIST MATCH')}: {link.dataset.upper()} {programs}{since}{removed}"
        f" — {link.caption or link.entry_id} ({link.entry_id}, score {link.score:.2f}){state}"
    )


def evidence_lines(link: SanctionLink) -> list[str]:
    """The judgement's evidence for and against, one line each ("+ ..." / "- ...")."""
    j = link.judgement or {}
    return [f"    + {e}" for e in j.get("for") or []] + [f"    - {e}" for e in j.get("against") or []]


def timeline_grid(events: list[TimelineEvent]) -> Table:
    """Events as a two-column grid: the date (never wrapped) and, beside it, what happened and its evidence.

    Type and actors come first on their own line and wrap if they must; the evidence follows, cut to one
    line. This reads the same at 80 columns as at 200, where a five-column table folded everything but
    the evidence into letter stacks.
    """
    from threatgraph.web.datelabel import label  # dateparser loads in ~0.6 s: only when a timeline prints

    grid = Table.grid(padding=(0, 2), expand=True)
    grid.add_column("date", no_wrap=True, style="bold")
    grid.add_column("event", ratio=1, overflow="fold")
    for ev in events:
        flags = (" (negated)" if ev.negated else "") + (" (hedged)" if ev.hedged else "")
        who = escape((ev.source.caption if ev.source else None) or "?")
        whom = escape((ev.target.caption if ev.target else None) or "")
        what = Text.from_markup(f"[bold]{escape(ev.type)}[/]{escape(flags)}  {who}" + (f" → {whom}" if whom else ""))
        evidence = Text(" ".join((ev.sentence or "").split()), style="dim", no_wrap=True, overflow="ellipsis")
        grid.add_row(label(ev), Group(what, evidence))
    return grid


def print_dossier(engine: Engine, entity_id: str) -> None:
    """Print an actor dossier with rich: profile, sanctions, aliases, timeline, quotes, sources."""
    from threatgraph.store.read import dossier

    d = dossier(engine, entity_id)
    if d is None:
        err_console.print(f"[red]error:[/] no entity {escape(entity_id)}")
        raise typer.Exit(1)
    head = (
        f"[bold]{escape(d.caption)}[/]  [dim]{d.schema} · {d.id}[/]\n"
        f"{d.mention_count} mentions in {d.article_count} articles"
        + (f" · seen {d.first_seen[:10]} → {d.last_seen[:10]}" if d.first_seen and d.last_seen else "")
    )
    console.print(Panel(head, expand=False))
    for link in d.sanctions:
        style = "bold red" if link.sanctioned else ("yellow" if link.status == "possible" else "dim")
        console.print(f"[{style}]{escape(sanction_line(link))}[/]")
        for line in evidence_lines(link):
            console.print(f"[dim]{escape(line)}[/]")
    if not d.sanctions:
        console.print("[green]No sanctions-list match.[/]")
    if d.aliases:
        console.print(
            "[bold]Aliases:[/] "
            + "; ".join(f"{escape(a.name)} [dim]({a.script}, {a.count})[/]" for a in d.aliases[:20])
        )
    if d.timeline:
        console.print(timeline_grid(d.timeline[:30]))
    for title, rows in (("Quotes by", d.quotes_by), ("Quotes about", d.quotes_about)):
        if rows:
            console.print(f"[bold]{title} {escape(d.caption)}:[/]")
            for q in rows[:5]:
                who = q.speaker or "unknown speaker"
                if q.speaker_title or q.speaker_affiliation:
                    who += f", {q.speaker_title or ''} {q.speaker_affiliation or ''}".rstrip()
                console.print(f"  “{escape(q.text[:240])}” — {escape(who)}")
    if d.related:
        console.print(
            "[bold]Related:[/] "
            + ", ".join(
                f"{escape(r.caption)} [dim]({r.schema}"
                + (", " + "/".join(e.type for e in r.events) if r.events else "")
                + ")[/]"
                for r in d.related[:15]
            )
        )
    if d.articles:
        console.print("[bold]Sources:[/]")
        for art in d.articles[:10]:
            meta = " · ".join(x for x in (art.published, art.outlet) if x)
            console.print(f"  [bold]{escape(art.title or art.id)}[/] [dim]{escape(meta)}[/]")
            for ev in art.evidence[:2]:
                console.print(f"    [dim]›[/] {escape(' '.join(ev.sentence.split())[:200])}")


@app.command()
def entity(
    name: str = typer.Argument(..., help="A name in any spelling or script, or an entity id (ent-…)."),
    as_json: bool = typer.Option(False, "--json", help="Print the dossier (or the candidate list) as JSON."),
    limit: int = typer.Option(10, "--limit", help="How many candidates to list when the name is ambiguous."),
    db: str | None = DbOption,
) -> None:
    """Show an actor: type, aliases, sanctions status, timeline, quotes, sources."""
    from threatgraph.store.read import dossier, find_entities

    engine = open_store_or_exit(db)
    found = find_entities(engine, name, limit=limit)
    if not found:
        if as_json:
            console.print_json(json.dumps({"query": name, "results": []}))
        else:
            err_console.print(f"no entity matches {escape(name)!r}")
        raise typer.Exit(1)
    best = found[0]
    ambiguous = len(found) > 1 and found[1].score >= best.score and best.id != name
    if as_json:
        payload: dict[str, Any] = {"query": name, "results": [h.to_json() for h in found]}
        if not ambiguous:
            record = dossier(engine, best.id)
            payload["dossier"] = record.to_json() if record else None
        typer.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    if ambiguous:
        console.print(f"[bold]Several entities match {escape(name)!r}[/]")
        table = Table.grid(padding=(0, 2), expand=True)
        table.add_column("id", no_wrap=True, style="dim")
        table.add_column("entity", ratio=1, overflow="fold")
        for h in found:
            flag = " · [bold red]sanctioned[/]" if h.sanctioned else ""
            table.add_row(
                h.id,
                f"[bold]{escape(h.caption)}[/] [dim]{h.schema} · {h.mention_count} mentions"
                f" · score {h.score:.2f}[/]{flag}",
            )
        console.print(table)
        console.print("[dim]Pass an id to see one dossier.[/]")
        return
    print_dossier(engine, best.id)
