"""Analyst review over HTTP: the review queue, link and merge decisions, list entries and every hit.

Reads are open like every page (HTML for browsers, JSON otherwise). Decisions are writes: API
clients send them as JSON with the bearer token; the pages post one HTML form per page to
``/review/form`` with the token in a password field (a browser form cannot send an Authorization
header, as on ``/sources``), so every decision works without JavaScript. Each submit button carries
its decision as a small query string (``op=confirm&entity=…&dataset=…&entry=…``), which lets one
token field serve every item on the page.

Every decision goes to the stage that owns it and is stored the way the CLI stores it: link states
through :func:`threatgraph.resolve.sanctions.set_status` (kept by every re-screen), merges and splits
through :mod:`threatgraph.resolve.manual` and "keep" through :mod:`threatgraph.resolve.review`, all
by name key, so ``resolve --rebuild`` reaches the same answer.
"""

from __future__ import annotations

import secrets
from typing import Annotated, Any, Literal
from urllib.parse import parse_qs, urlsplit

from fastapi import APIRouter, Depends, Form, HTTPException, Path, Query, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import BaseModel, ConfigDict, Field, StringConstraints
from sqlalchemy import Engine

from threatgraph.api import queries, services
from threatgraph.api.auth import configured_token, require_token
from threatgraph.api.models import Name as AliasName
from threatgraph.api.reading import HTML, NOT_FOUND, EntityId, Limit, Offset, clean_query, engine_of
from threatgraph.api.writing import AUTH
from threatgraph.resolve.manual import ResolveError, merge_entities, split_entity
from threatgraph.resolve.review import keep_names
from threatgraph.resolve.sanctions import set_status
from threatgraph.store import review
from threatgraph.store.states import STATES
from threatgraph.web.render import respond

router = APIRouter()

# Ids are taken exactly as stored (no stripping, so what the schema accepts is what is looked up).
Id = Annotated[str, StringConstraints(min_length=1, max_length=200)]
Dataset = Annotated[str, StringConstraints(min_length=1, max_length=64)]
EntryId = Annotated[str, StringConstraints(min_length=1, max_length=128)]
Note = Annotated[str, StringConstraints(strip_whitespace=True, max_length=2000)]
BAD = {400: {"description": "the decision cannot apply (detail says why); nothing changed"}}
#: Operations a form button may carry, and the decision each one is.
FORM_OPS = ("confirm", "reject", "auto", "split", "keep", "merge")


class LinkDecisionIn(BaseModel):
    """An analyst's answer on one link: the news actor is (confirmed) or is not (rejected) the list entry,
    or ``auto`` to hand the link back to the automatic judgement."""

    model_config = ConfigDict(extra="forbid")

    entity_id: Id
    dataset: Dataset
    entry_id: EntryId
    status: Literal["confirmed", "rejected", "auto"]


class MergeDecisionIn(BaseModel):
    """An analyst's answer on a doubtful merge: split these names off the entity, or keep them on it."""

    model_config = ConfigDict(extra="forbid")

    entity_id: Id
    names: list[AliasName] = Field(min_length=1, max_length=50)
    decision: Literal["split", "keep"]
    note: Note | None = None


class MergeIn(BaseModel):
    """Merge other entities into this one (the dossier's "merge with")."""

    model_config = ConfigDict(extra="forbid")

    other_ids: list[Id] = Field(min_length=1, max_length=20)
    note: Note | None = None


class SplitIn(BaseModel):
    """Split names (and the mention groups they name) off this entity."""

    model_config = ConfigDict(extra="forbid")

    names: list[AliasName] = Field(min_length=1, max_length=50)
    note: Note | None = None


def writable(request: Request) -> bool:
    """Whether the server accepts writes at all (the pages show their forms only then)."""
    return bool(configured_token(request))


# --- decisions: one function each, shared by the JSON routes and the form --------------------


def decide_link(engine: Engine, entity_id: str, dataset: str, entry_id: str, status: str) -> dict[str, Any]:
    """Set an analyst state on an existing link (404 when the actor has no link to that entry)."""
    if not review.link_exists(engine, entity_id, dataset, entry_id):
        raise HTTPException(404, f"no link from entity {entity_id!r} to {dataset}:{entry_id}")
    set_status(engine, entity_id, dataset, entry_id, status)
    return {"entity_id": entity_id, "dataset": dataset, "entry_id": entry_id, "status": status}


def _known(engine: Engine, *entity_ids: str) -> None:
    for eid in entity_ids:
        if not queries.entity_exists(engine, eid):
            raise HTTPException(404, f"no entity with id {eid!r}")


def decide_merge(engine: Engine, entity_id: str, names: list[str], decision: str, note: str | None) -> dict[str, Any]:
    """Split names off an entity, or keep them on it; a request that cannot apply changes nothing (400)."""
    _known(engine, entity_id)
    try:
        if decision == "split":
            return {
                "entity_id": entity_id,
                "decision": "split",
                "names": names,
                "now_on": split_entity(engine, entity_id, names, note),
            }
        return {
            "entity_id": entity_id,
            "decision": "keep",
            "names": names,
            "recorded": keep_names(engine, entity_id, names, note),
        }
    except ResolveError as exc:
        raise HTTPException(400, f"cannot {decision} {names!r} on {entity_id}: {exc}") from None


def merge_into(engine: Engine, entity_id: str, other_ids: list[str], note: str | None) -> dict[str, Any]:
    """Merge other entities into this one (an analyst decision stored by name)."""
    _known(engine, entity_id, *other_ids)
    try:
        kept = merge_entities(engine, entity_id, other_ids, note)
    except ResolveError as exc:
        raise HTTPException(400, f"cannot merge {other_ids!r} into {entity_id}: {exc}") from None
    return {"entity_id": kept, "merged": [o for o in other_ids if o != kept]}


# --- JSON writes (bearer token) ---------------------------------------------------------------


@router.post(
    "/review/links",
    dependencies=[Depends(require_token)],
    responses=AUTH | NOT_FOUND,
    summary="Confirm or reject a link",
)
def review_link(body: LinkDecisionIn, engine: Engine = Depends(engine_of)) -> dict[str, Any]:
    """Set the analyst's state of one link; re-screening and ``resolve --rebuild`` keep it."""
    return decide_link(engine, body.entity_id, body.dataset, body.entry_id, body.status)


@router.post(
    "/review/merges",
    dependencies=[Depends(require_token)],
    responses=AUTH | NOT_FOUND | BAD,
    summary="Split names off an entity, or keep them on it",
)
def review_merge(body: MergeDecisionIn, engine: Engine = Depends(engine_of)) -> dict[str, Any]:
    """Answer a doubtful merge; stored by name, so later runs (and ``rebuild``) keep the answer."""
    return decide_merge(engine, body.entity_id, list(body.names), body.decision, body.note)


@router.post(
    "/entities/{entity_id}/merge",
    dependencies=[Depends(require_token)],
    responses=AUTH | NOT_FOUND | BAD,
    summary="Merge other entities into this one",
)
def entity_merge(body: MergeIn, entity_id: str = EntityId, engine: Engine = Depends(engine_of)) -> dict[str, Any]:
    return merge_into(engine, entity_id, list(body.other_ids), body.note)


@router.post(
    "/entities/{entity_id}/split",
    dependencies=[Depends(require_token)],
    responses=AUTH | NOT_FOUND | BAD,
    summary="Split names (and their mention groups) off this entity",
)
def entity_split(body: SplitIn, entity_id: str = EntityId, engine: Engine = Depends(engine_of)) -> dict[str, Any]:
    return decide_merge(engine, entity_id, list(body.names), "split", body.note)


# --- the pages' form ------------------------------------------------------------------------


def _one(params: dict[str, list[str]], key: str) -> str:
    values = [v.strip() for v in params.get(key, []) if v.strip()]
    if len(values) != 1:
        raise HTTPException(422, f"the decision needs exactly one {key!r} (got {len(values)})")
    if len(values[0]) > 200:
        raise HTTPException(422, f"{key!r} is longer than 200 characters")
    return values[0]


def local_path(target: str, fallback: str = "/review") -> str:
    """Where the form returns to: a path on this server only (never another host).

    Browsers read a backslash as a slash ("/\\evil.example" is "//evil.example") and drop tabs and
    newlines inside a URL, so a target with any of them is refused too."""
    if "\\" in target or any(ord(ch) < 0x20 or ord(ch) == 0x7F for ch in target):
        return fallback
    parts = urlsplit(target.strip())
    if parts.scheme or parts.netloc or not parts.path.startswith("/") or parts.path.startswith("//"):
        return fallback
    return parts.path + (f"?{parts.query}" if parts.query else "")


def apply_form(engine: Engine, do: str, note: str | None) -> dict[str, Any]:
    """Carry out the decision one button of a page encodes (see the module docstring)."""
    params = parse_qs(do, keep_blank_values=False, max_num_fields=60)
    op = _one(params, "op")
    if op not in FORM_OPS:
        raise HTTPException(422, f"unknown decision {op!r}; one of {', '.join(FORM_OPS)}")
    entity_id = _one(params, "entity")
    if op in ("confirm", "reject", "auto"):
        status = {"confirm": "confirmed", "reject": "rejected", "auto": "auto"}[op]
        return decide_link(engine, entity_id, _one(params, "dataset"), _one(params, "entry"), status)
    if op == "merge":
        return merge_into(engine, entity_id, [_one(params, "other")], note)
    names = [n.strip() for n in params.get("name", []) if n.strip()]
    if not names:
        raise HTTPException(422, f"{op} needs at least one 'name'")
    return decide_merge(engine, entity_id, names, op, note)


@router.post("/review/form", include_in_schema=False)
def review_form(
    request: Request,
    token: str = Form(""),
    do: str = Form("", max_length=2000),
    note: str = Form("", max_length=2000),
    next: str = Form("/review", max_length=2000),  # noqa: A002 - the form field's name
    engine: Engine = Depends(engine_of),
) -> Response:
    """The review pages' one form: the token in a password field, the decision on the pressed button.

    The button next to the token field carries no decision: pressing Enter there only checks the token.
    """
    expected = configured_token(request)
    if not expected:
        raise HTTPException(403, "writes are disabled: set THREATGRAPH_TOKEN on the server to enable them")
    if not secrets.compare_digest(token.encode(), expected.encode()):
        raise HTTPException(401, "wrong or missing token: nothing was changed")
    back = local_path(next)
    if do.strip():
        apply_form(engine, do, note.strip() or None)
    return RedirectResponse(back, status_code=303)


# --- pages ------------------------------------------------------------------------------------


@router.get(
    "/review", responses=HTML, summary="Review queue: possible links and doubtful merges, most consequential first"
)
def review_page(
    request: Request,
    kind: Literal["link", "merge"] | None = Query(None, description="only links or only merges"),
    limit: int = Limit,
    offset: int = Offset,
    engine: Engine = Depends(engine_of),
) -> Response:
    """Possible links (a name match only) and names joined to an entity on weak evidence; sanctions-list
    items first, then the most mentioned actors. Each item carries both sides and the evidence for and against."""
    data = review.review_queue(engine, limit=limit, offset=offset, kind=kind)
    return respond(request, "review.html", data, page={"writable": writable(request)})


@router.get(
    "/entities/{entity_id}/merge",
    responses={**HTML, **NOT_FOUND},
    summary="Find another entity to merge into this one",
)
def merge_page(
    request: Request,
    entity_id: str = EntityId,
    q: str = Query("", max_length=500, description="the other entity's name"),
    engine: Engine = Depends(engine_of),
) -> Response:
    if not queries.entity_exists(engine, entity_id):
        raise HTTPException(404, f"no entity with id {entity_id!r}")
    text = clean_query(q)
    found = [h.to_json() for h in services.find_entities(engine, text, limit=20)] if text else []
    data = {
        "entity": review.entity_brief(engine, entity_id),
        "q": q,
        "candidates": review.merge_choices(engine, entity_id, found),
    }
    return respond(request, "review_merge.html", data, page={"writable": writable(request)})


@router.get(
    "/lists/{dataset}/{entry_id}",
    responses={**HTML, **NOT_FOUND},
    summary="One list entry: all its fields, list version, listing date, and the news actors tied to it",
)
def list_entry_page(
    request: Request,
    dataset: str = Path(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_.-]+$"),
    entry_id: str = Path(min_length=1, max_length=128),
    engine: Engine = Depends(engine_of),
) -> Response:
    data = review.list_entry(engine, dataset, entry_id)
    if data is None:
        raise HTTPException(404, f"no entry {entry_id!r} on list {dataset!r}")
    return respond(request, "listentry.html", data, page={"writable": writable(request)})


@router.get("/hits", responses=HTML, summary="Every link between a news actor and a list entry, by state")
def hits_page(
    request: Request,
    state: list[Literal["confirmed", "rejected", "probable", "possible"]] = Query(
        [], description="link states to show (default: all but rejected)"
    ),
    dataset: str | None = Query(None, max_length=64, pattern=r"^[A-Za-z0-9_.-]+$", description="one list"),
    schema: str | None = Query(None, max_length=32, pattern=r"^[A-Za-z]+$", description="actor type, e.g. Person"),
    sort: Literal["mentions", "score", "actor", "entry", "state", "dataset", "listed"] = Query("mentions"),
    order: Literal["asc", "desc"] = Query("desc"),
    limit: int = Limit,
    offset: int = Offset,
    engine: Engine = Depends(engine_of),
) -> Response:
    """Links filtered by state, list and actor type, sorted and paged (the CLI's ``hits`` as a table)."""
    states = list(state) or [s for s in STATES if s != "rejected"]
    data = review.hits_page(
        engine,
        states=states,
        dataset=dataset or None,
        schema=schema or None,
        sort=sort,
        descending=order == "desc",
        limit=limit,
        offset=offset,
    )
    return respond(request, "hits.html", data, page={"writable": writable(request)})
