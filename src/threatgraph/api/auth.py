"""Bearer-token check for every write endpoint.

Reads stay open on the loopback interface; anything that changes the store needs the token
from ``config.api_token()`` ($THREATGRAPH_TOKEN). With no token configured the server is
read-only: writes are refused with 403 rather than silently allowed.
"""

from __future__ import annotations

import secrets

from fastapi import HTTPException, Request, Security
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from threatgraph.config import api_token

bearer = HTTPBearer(auto_error=False, description="THREATGRAPH_TOKEN, required for writes")


def configured_token(request: Request) -> str | None:
    """The app's explicit token (tests, embedding) or else the environment's."""
    explicit = getattr(request.app.state, "token", None)
    return explicit if explicit is not None else api_token()


def require_token(request: Request, creds: HTTPAuthorizationCredentials | None = Security(bearer)) -> None:
    """Dependency for write routes: 403 when writes are disabled, 401 on a missing or wrong token."""
    token = configured_token(request)
    if not token:
        raise HTTPException(403, "writes are disabled: set THREATGRAPH_TOKEN on the server to enable them")
    if creds is None or creds.scheme.lower() != "bearer":
        raise HTTPException(401, "this endpoint needs 'Authorization: Bearer <token>'", {"WWW-Authenticate": "Bearer"})
    if not secrets.compare_digest(creds.credentials.encode(), token.encode()):
        raise HTTPException(401, "invalid bearer token", {"WWW-Authenticate": "Bearer"})
