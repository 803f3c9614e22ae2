"""CLI command ``serve``: the HTTP API and web UI over one store, on the loopback interface by default."""

from __future__ import annotations

import typer

from threatgraph.commands import DbOption, app, err_console


@app.command()
def serve(
    host: str = typer.Option("127.0.0.1", "--host", help="Interface to bind; anything but loopback exposes the store"),
    port: int = typer.Option(8000, "--port", min=1, max=65535, help="TCP port"),
    db: str | None = DbOption,
    workers: int = typer.Option(1, "--workers", min=1, max=32, help="uvicorn worker processes"),
) -> None:
    """Serve the API (/openapi.json, listed at /api; yente-compatible /match) and the web UI."""
    import uvicorn

    from threatgraph.api.app import create_app
    from threatgraph.api.middleware import LOOPBACK_HOSTS
    from threatgraph.config import api_token, trusted_hosts
    from threatgraph.store.db import StoreError

    if host not in ("127.0.0.1", "localhost", "::1"):
        err_console.print(f"[yellow]warning:[/] binding to {host}: the store is readable by anyone who can reach it")
    if not api_token():
        err_console.print("[dim]THREATGRAPH_TOKEN is not set: the API is read-only (writes answer 403)[/]")
    hosts = trusted_hosts() or [*LOOPBACK_HOSTS, *([host] if host not in ("0.0.0.0", "::") else [])]
    if host in ("0.0.0.0", "::") and not trusted_hosts():
        err_console.print(
            "[yellow]warning:[/] only requests for the loopback names are answered; set THREATGRAPH_TRUSTED_HOSTS "
            "to the names clients use"
        )
    try:
        web_app = create_app(db=db, hosts=hosts)
    except StoreError as exc:
        err_console.print(f"[red]error:[/] {exc}")
        raise typer.Exit(1) from exc
    if workers > 1:
        err_console.print("[yellow]note:[/] --workers > 1 needs an import string; serving with one worker")
    # The app's lifespan loads the index and rigour's name tables before the port answers (api.app.warm_first).
    uvicorn.run(web_app, host=host, port=port, log_level="info", proxy_headers=False)
