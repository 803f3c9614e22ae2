"""ASGI middleware: trusted Host names, request body limits and datasette-style ``.json`` URLs.

All work on the raw ASGI scope so they apply before FastAPI parses anything: a request for a
host name this server is not (DNS rebinding: a page on ``attacker.example`` whose name now
resolves to 127.0.0.1) is refused, an oversized body is refused while it streams in (a missing
or lying Content-Length does not help), and ``/entities/x.json`` becomes ``/entities/x``
answered as JSON whatever the Accept header says.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

MiB = 1024 * 1024


class BodyTooLarge(HTTPException):
    """Raised while the body streams in; an HTTPException so FastAPI's body parsing re-raises it as is."""

    def __init__(self, message: str) -> None:
        super().__init__(status_code=413, detail=message)


async def _send_error(send: Send, status: int, message: str) -> None:
    body = json.dumps({"detail": message}).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())],
        }
    )
    await send({"type": "http.response.body", "body": body})


#: Names of the loopback interface: the hosts a server bound to 127.0.0.1 is reached by.
LOOPBACK_HOSTS = ("localhost", "127.0.0.1", "::1")


def host_name(header: str) -> str | None:
    """The host name of a Host header without its port (``[::1]:8000`` -> ``::1``); None if malformed."""
    try:
        name = urlsplit("//" + header.strip()).hostname
        urlsplit("//" + header.strip()).port  # noqa: B018 - raises ValueError on a bad port
    except ValueError:
        return None
    return name.rstrip(".").lower() if name else None


class TrustedHosts:
    """Answer only requests whose Host header names this server (``hosts``; ``"*"`` allows any).

    A browser tricked by DNS rebinding sends the attacker's host name, so reads that need no token
    (the whole archive) would otherwise leak to any web page the analyst opens. Refused with 400.
    """

    def __init__(self, app: ASGIApp, hosts: Iterable[str] = LOOPBACK_HOSTS) -> None:
        self.app = app
        self.hosts = {h.strip().strip("[]").rstrip(".").lower() for h in hosts if h.strip()}
        self.any = "*" in self.hosts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket") or self.any:
            await self.app(scope, receive, send)
            return
        raw = next((v for k, v in scope.get("headers", []) if k == b"host"), b"")
        name = host_name(raw.decode("latin-1"))
        if name not in self.hosts:
            shown = raw.decode("latin-1")[:100]
            await _send_error(
                send,
                400,
                f"host {shown!r} is not one this server answers to (THREATGRAPH_TRUSTED_HOSTS names them)",
            )
            return
        await self.app(scope, receive, send)


class BodyLimit:
    """Refuse request bodies over ``default`` bytes (``per_path`` overrides by path prefix) with 413."""

    def __init__(self, app: ASGIApp, default: int = 2 * MiB, per_path: dict[str, int] | None = None) -> None:
        self.app = app
        self.default = default
        self.per_path = per_path or {}

    def limit_for(self, path: str) -> int:
        for prefix, limit in self.per_path.items():
            if path.startswith(prefix):
                return limit
        return self.default

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.limit_for(scope["path"])
        message = f"request body too large: {scope['path']} accepts at most {limit} bytes"
        for key, value in scope.get("headers", []):
            if key == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    await _send_error(send, 400, "invalid Content-Length header")
                    return
                if declared > limit:
                    await _send_error(send, 413, message)
                    return
        received = 0
        started = False

        async def counting_receive() -> Message:
            nonlocal received
            msg = await receive()
            if msg["type"] == "http.request":
                received += len(msg.get("body", b""))
                if received > limit:
                    raise BodyTooLarge(message)
            return msg

        async def tracking_send(msg: Message) -> None:
            nonlocal started
            if msg["type"] == "http.response.start":
                started = True
            await send(msg)

        try:
            await self.app(scope, counting_receive, tracking_send)
        except BodyTooLarge:
            if not started:
                await _send_error(send, 413, message)


class JsonSuffix:
    """Serve ``<path>.json`` as ``<path>`` with ``Accept: application/json`` (every page is also JSON)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path: str = scope.get("path", "")
        if scope["type"] == "http" and path.endswith(".json") and path != "/openapi.json":
            scope = dict(scope)
            scope["path"] = path[: -len(".json")] or "/"
            if scope.get("raw_path"):
                scope["raw_path"] = scope["path"].encode()
            headers: list[Any] = [(k, v) for k, v in scope.get("headers", []) if k != b"accept"]
            headers.append((b"accept", b"application/json"))
            scope["headers"] = headers
        await self.app(scope, receive, send)


CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)


class SecurityHeaders:
    """Headers every response gets; HTML also gets a CSP that allows nothing but this server (no CDN, no inline JS).

    ``Vary: Accept`` because the same URL answers HTML or JSON.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def add_headers(msg: Message) -> None:
            if msg["type"] == "http.response.start":
                headers = list(msg.get("headers", []))
                names = {k.lower() for k, _ in headers}
                extra = [
                    (b"x-content-type-options", b"nosniff"),
                    (b"referrer-policy", b"no-referrer"),
                    (b"vary", b"Accept"),
                ]
                ctype = next((v for k, v in headers if k.lower() == b"content-type"), b"")
                if ctype.startswith(b"text/html"):
                    extra.append((b"content-security-policy", CSP.encode()))
                headers += [(k, v) for k, v in extra if k not in names]
                msg = {**msg, "headers": headers}
            await send(msg)

        await self.app(scope, receive, add_headers)
