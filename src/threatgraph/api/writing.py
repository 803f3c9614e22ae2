"""Write routes (token required): ingest uploads, add and remove watches; plus the alert and watch lists.

Uploads are written to a private temporary directory and handed to the ingest stage, so the
API accepts exactly the formats and applies exactly the bad-input rules of ``threatgraph
ingest``: a bad file is reported by name with its reason and the rest of the batch goes on.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import asdict, is_dataclass
from datetime import datetime
from pathlib import Path as FsPath
from typing import Any

from fastapi import APIRouter, Depends, File, Form, HTTPException, Path, Query, Request, UploadFile
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response
from sqlalchemy import Engine

from threatgraph.api import queries, services
from threatgraph.api.auth import require_token
from threatgraph.api.models import ArticlesIn, WatchIn
from threatgraph.api.reading import HTML, app_of, engine_of
from threatgraph.app import Threatgraph
from threatgraph.model import Article, IngestFailure
from threatgraph.web.render import respond

router = APIRouter()
AUTH = {
    401: {"description": "missing or wrong bearer token"},
    403: {"description": "writes are disabled (no THREATGRAPH_TOKEN configured)"},
}
MAX_FILES = 200
_SAFE = re.compile(r"[^A-Za-z0-9._-]+")


def safe_name(name: str, index: int) -> str:
    """A file name that cannot leave the upload directory but keeps the extension the reader sniffs."""
    base = _SAFE.sub("_", FsPath(name or "").name).strip("._") or "upload"
    return f"{index:04d}-{base[-120:]}"


def _as_uploaded(items: Iterable[Article | IngestFailure], names: dict[str, str]) -> Iterator[Article | IngestFailure]:
    """Articles and failures with their temporary path replaced by the name the client uploaded."""
    for item in items:
        src = str(item.source or "")
        for tmp_path, original in names.items():
            if src.startswith(tmp_path):
                item.source = f"upload:{original}{src[len(tmp_path) :]}"
                break
        yield item


@router.post("/ingest", dependencies=[Depends(require_token)], responses=AUTH)
async def ingest(
    files: list[UploadFile] = File(description="articles: .txt (front matter), .html, .jsonl, .xml feeds"),
    tg: Threatgraph = Depends(app_of),
) -> dict[str, Any]:
    """Ingest uploaded files through the full pipeline; returns the ingest report (sources as uploaded)."""
    if len(files) > MAX_FILES:
        raise HTTPException(413, f"{len(files)} files uploaded; at most {MAX_FILES} per request")
    from threatgraph.ingest import read_paths

    with tempfile.TemporaryDirectory(prefix="threatgraph-upload-") as tmp:
        names: dict[str, str] = {}
        for i, upload in enumerate(files):
            path = FsPath(tmp) / safe_name(upload.filename or "", i)
            path.write_bytes(await upload.read())
            names[str(path)] = upload.filename or path.name
        items = _as_uploaded(read_paths(list(names)), names)
        # spaCy work must not block the event loop: other requests keep being answered meanwhile
        report = await run_in_threadpool(services.ingest_articles, tg, items)
    return asdict(report) if is_dataclass(report) else dict(report)


@router.post(
    "/lists",
    dependencies=[Depends(require_token)],
    responses=AUTH | {400: {"description": "unreadable list file; nothing stored"}},
)
async def upload_lists(
    files: list[UploadFile] = File(description="one list: OFAC CSV (sdn/alt/add), OFAC/UN/EU/UK XML, FtM JSON lines"),
    dataset: str | None = Form(None, max_length=64, pattern=r"^[a-z0-9_.-]+$", description="dataset name"),
    tg: Threatgraph = Depends(app_of),
) -> dict[str, Any]:
    """Load a sanctions list as a new version and re-screen stored actors; returns what changed."""
    if len(files) > 3:
        raise HTTPException(413, f"{len(files)} files uploaded; one list per request (OFAC's CSV trio at most)")
    from threatgraph.screen.lists import ListError

    with tempfile.TemporaryDirectory(prefix="threatgraph-lists-") as tmp:
        paths = []
        for upload in files:
            # the original name matters: OFAC's sdn.csv, alt.csv and add.csv are told apart by it
            path = FsPath(tmp) / (_SAFE.sub("_", FsPath(upload.filename or "list").name).strip("._") or "list")
            path.write_bytes(await upload.read())
            paths.append(path)
        try:
            return await run_in_threadpool(services.load_lists, tg, paths, dataset)
        except ListError as exc:
            raise HTTPException(400, f"{exc}; nothing was stored") from exc


@router.get("/upload", responses=HTML, summary="Upload articles and sanctions lists (writes need the token)")
def upload_page(request: Request, engine: Engine = Depends(engine_of)) -> Response:
    data = {"articles": queries.article_count(engine), "datasets": queries.datasets(engine)}
    return respond(request, "upload.html", data)


@router.post("/ingest/articles", dependencies=[Depends(require_token)], responses=AUTH)
def ingest_articles(body: ArticlesIn, tg: Threatgraph = Depends(app_of)) -> dict[str, Any]:
    """Ingest articles posted as JSON through the full pipeline; returns the ingest report."""
    items = [
        Article(
            text=a.text,
            url=a.url,
            outlet=a.outlet,
            title=a.title,
            published=a.published,
            lang=a.lang,
            source=f"api:articles[{i}]",
        )
        for i, a in enumerate(body.articles)
    ]
    report = services.ingest_articles(tg, items)
    return asdict(report) if is_dataclass(report) else dict(report)


@router.get("/watches", responses=HTML, summary="Watched names and entities")
def watches(request: Request, engine: Engine = Depends(engine_of)) -> Response:
    return respond(request, "watches.html", {"watches": services.list_watches(engine)})


@router.post(
    "/watches",
    status_code=201,
    dependencies=[Depends(require_token)],
    responses=AUTH | {404: {"description": "entity_id names no entity"}},
)
def add_watch(
    body: WatchIn,
    backfill: bool = Query(False, description="also check the archive already stored (alerts are raised now)"),
    engine: Engine = Depends(engine_of),
) -> dict[str, Any]:
    """Watch a name (or an entity's every alias); new articles that mention it raise alerts."""
    if body.entity_id is not None and not queries.entity_exists(engine, body.entity_id):
        raise HTTPException(404, f"cannot add watch {body.name!r}: no entity with id {body.entity_id!r}")
    try:
        watch = services.add_watch(engine, body.name, body.entity_id, body.note, body.threshold)
    except (ValueError, LookupError) as exc:
        raise HTTPException(400, f"cannot add watch {body.name!r}: {exc}") from exc
    if backfill:
        watch["alerts"] = len(services.backfill(engine, watch["id"]))
    return watch


@router.delete(
    "/watches/{watch_id}",
    dependencies=[Depends(require_token)],
    responses=AUTH | {404: {"description": "no such watch"}},
)
def remove_watch(watch_id: int = Path(ge=1, le=2**62), engine: Engine = Depends(engine_of)) -> dict[str, Any]:
    removed = services.remove_watch(engine, watch_id)
    if not removed:
        raise HTTPException(404, f"no watch with id {watch_id}")
    return {"removed": watch_id}


@router.get("/alerts", responses=HTML, summary="Alerts raised by watches, newest first")
def alerts(
    request: Request,
    since: datetime | None = Query(None, description="only alerts created after this time (ISO 8601)"),
    limit: int = Query(50, ge=1, le=500),
    engine: Engine = Depends(engine_of),
) -> Response:
    found = services.list_alerts(engine, since=since, limit=limit)
    return respond(request, "alerts.html", {"alerts": [a.to_json() for a in found]})
