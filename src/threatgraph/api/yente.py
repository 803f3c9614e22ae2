"""yente's HTTP API: ``/match/{dataset}``, ``/search/{dataset}``, ``/algorithms``, ``/catalog``, ``/healthz``,
``/readyz`` and the reconciliation API under ``/reconcile/{dataset}`` (``GET /entities/{id}`` for list entries
is served by the dossier route in :mod:`reading`, which falls back to list entries).

The paths, parameters and bodies are yente's, so a client written for yente works unchanged. Every parameter
is honoured or refused: an unknown query parameter, an unknown algorithm, weights/config key or facet is a 400
naming it, never a silent 200. Errors carry yente's ``{"detail": ...}``.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Form, HTTPException, Path, Query, Request, Response
from followthemoney import model
from sqlalchemy import Engine

from threatgraph.api import services
from threatgraph.api.models import MatchRequest
from threatgraph.api.reading import engine_of
from threatgraph.api.screening import lists_status_or_503

router = APIRouter(tags=["yente"])
NOT_FOUND = {404: {"description": "no such dataset"}}
REFUSED = {400: {"description": "an option or query that cannot be honoured; `detail` says which and why"}}
SCHEMATA = sorted(model.schemata)
Facet = Literal["countries", "topics", "datasets", "schema"]
TS_PATTERN = r"^\d{4}-\d{2}-\d{2}(T\d{2}(:\d{2}(:\d{2})?)?)?$"
DatasetPath = Annotated[
    str, Path(min_length=1, max_length=64, description="a dataset or collection: default, sanctions, us_ofac_sdn…")
]
Names = Annotated[tuple[str, ...], Query(max_length=50)]
Algorithm = Annotated[str, Query(max_length=64, description="best (threatgraph), threatgraph, logic-v2, logic-v1…")]
ChangedSince = Annotated[
    str | None, Query(pattern=TS_PATTERN, description="only entries added or changed since (ISO date/time)")
]
Fuzzy = Annotated[
    bool | None,
    Query(description="accepted from older yente clients: candidate search always tolerates spelling variants"),
]
MATCH_PARAMS = {
    "limit",
    "threshold",
    "cutoff",
    "algorithm",
    "include_dataset",
    "exclude_dataset",
    "topics",
    "exclude_schema",
    "exclude_entity_ids",
    "changed_since",
    "fuzzy",
}
SEARCH_PARAMS = {
    "q",
    "schema",
    "countries",
    "topics",
    "datasets",
    "include_dataset",
    "exclude_dataset",
    "exclude_schema",
    "exclude_entity_ids",
    "changed_since",
    "limit",
    "offset",
    "fuzzy",
    "simple",
    "facets",
    "target",
}


def known_params(allowed: set[str]):  # noqa: ANN201 - a FastAPI dependency
    """Refuse query parameters the endpoint does not have (yente would ignore a misspelt ``treshold``)."""

    def check(request: Request) -> None:
        unknown = sorted(set(request.query_params) - allowed)
        if unknown:
            raise HTTPException(400, f"unknown query parameters {unknown}; this endpoint takes {sorted(allowed)}")

    return check


def _bad(exc: Exception) -> HTTPException:
    if isinstance(exc, LookupError):
        return HTTPException(404, str(exc))
    return HTTPException(400, str(exc))


@router.post(
    "/match/{dataset}",
    summary="Query by example matcher (yente)",
    dependencies=[Depends(known_params(MATCH_PARAMS))],
    responses=REFUSED | NOT_FOUND,
)
def match(
    body: MatchRequest,
    response: Response,
    dataset: DatasetPath,
    limit: Annotated[int, Query(ge=1, le=500, description="results per query")] = 5,
    threshold: Annotated[
        float | None, Query(ge=0.0, le=1.0, description="score from which a result is a match")
    ] = None,
    cutoff: Annotated[
        float | None, Query(ge=0.0, le=1.0, description="lowest score returned (never above threshold)")
    ] = None,
    algorithm: Algorithm = "best",
    include_dataset: Names = (),
    exclude_dataset: Names = (),
    topics: Names = (),
    exclude_schema: Names = (),
    exclude_entity_ids: Names = (),
    changed_since: ChangedSince = None,
    fuzzy: Fuzzy = None,
    engine: Engine = Depends(engine_of),
) -> dict[str, Any]:
    """Match example entities against the lists, in yente's request and response shape: results at or above
    the cutoff, ``total`` counting the matches, the query echoed with its ``id``."""
    from threatgraph.screen.yente import MatchOptions

    opts = MatchOptions(
        limit=limit,
        threshold=threshold,
        cutoff=cutoff,
        algorithm=algorithm,
        include_dataset=include_dataset,
        exclude_dataset=exclude_dataset,
        topics=topics,
        exclude_schema=exclude_schema,
        exclude_entity_ids=exclude_entity_ids,
        changed_since=changed_since,
        weights=body.weights,
        config=body.config,
    )
    # No list loaded: nothing to match against, so 503, never an empty "no match"; a stale list is flagged.
    lists = services.current_lists(engine)  # one read per request, for the lists' ages and the index
    status = lists_status_or_503(engine, lists)
    try:
        answer = services.match(engine, body.as_body(), dataset, opts, lists)
    except (LookupError, ValueError) as exc:
        raise _bad(exc) from exc
    response.headers["x-batch-size"] = str(len(answer["responses"]))
    answer["warnings"] = status.warnings
    return answer


@router.get(
    "/search/{dataset}",
    summary="Search list entries by name (yente)",
    dependencies=[Depends(known_params(SEARCH_PARAMS))],
    responses=REFUSED | NOT_FOUND,
)
def search(
    dataset: DatasetPath,
    q: Annotated[str, Query(max_length=500)] = "",
    schema: Annotated[str, Query(json_schema_extra={"enum": SCHEMATA})] = "Thing",
    countries: Names = (),
    topics: Names = (),
    datasets: Names = (),
    include_dataset: Names = (),
    exclude_dataset: Names = (),
    exclude_schema: Names = (),
    exclude_entity_ids: Names = (),
    changed_since: ChangedSince = None,
    limit: Annotated[int, Query(ge=0, le=500)] = 10,
    offset: Annotated[int, Query(ge=0, le=9499)] = 0,
    fuzzy: Fuzzy = None,
    simple: Annotated[
        bool, Query(json_schema_extra={"enum": [False]}, description="query-string syntax: not supported")
    ] = False,
    facets: Annotated[tuple[Facet, ...], Query(max_length=4)] = ("countries", "topics", "datasets"),
    target: Annotated[bool | None, Query(description="only sanctions targets (every list entry is one)")] = None,
    engine: Engine = Depends(engine_of),
) -> dict[str, Any]:
    """Name search over the list entries, in yente's ``SearchResponse`` shape with facets."""
    from threatgraph.screen.yente import MatchOptions, SearchOptions

    if simple:
        raise HTTPException(400, "simple=true (search query syntax) is not supported; send the name as q")
    opts = SearchOptions(
        q=q,
        schema=schema,
        countries=countries,
        limit=limit,
        offset=offset,
        target=target,
        facets=facets,
        match=MatchOptions(
            include_dataset=tuple(datasets) + tuple(include_dataset),
            exclude_dataset=exclude_dataset,
            topics=topics,
            exclude_schema=exclude_schema,
            exclude_entity_ids=exclude_entity_ids,
            changed_since=changed_since,
        ),
    )
    try:
        return services.yente_search(engine, dataset, opts)
    except (LookupError, ValueError) as exc:
        raise _bad(exc) from exc


@router.get("/algorithms", summary="Scoring algorithms /match accepts (yente)")
def algorithms() -> dict[str, Any]:
    from threatgraph.screen import algorithms as algos

    return {"algorithms": algos.docs(), "default": "best", "best": algos.BEST}


@router.get("/catalog", summary="Loaded lists and collections (yente's data catalog)")
def catalog(engine: Engine = Depends(engine_of)) -> dict[str, Any]:
    return services.catalog(engine)


@router.get("/healthz", summary="Liveness: the service answers")
def healthz() -> dict[str, str]:
    return {"status": "ok"}


@router.get(
    "/readyz",
    summary="Readiness: lists are loaded and the screening index is built",
    responses={503: {"description": "no list loaded yet"}},
)
def readyz(engine: Engine = Depends(engine_of)) -> dict[str, str]:
    """503 until at least one list is loaded and its index is in memory: screening before that would answer
    "no match" for everyone."""
    from threatgraph.screen.index import get_index

    index = get_index(engine)
    if len(index) == 0:
        raise HTTPException(503, "no sanctions list loaded: load one with `threatgraph lists load FILE`")
    return {"status": "ok"}


# --- reconciliation (OpenRefine) --------------------------------------------------------


def _title(engine: Engine, dataset: str) -> str:
    from threatgraph.screen.datasets import describe

    try:
        services.scoped_index(engine, dataset, _options())
    except LookupError as exc:
        raise HTTPException(404, str(exc)) from exc
    return describe(dataset)["title"]


def _options(algorithm: str = "best", changed_since: str | None = None) -> Any:
    from threatgraph.screen.yente import MatchOptions

    return MatchOptions(algorithm=algorithm, changed_since=changed_since)


def _reconcile(engine: Engine, dataset: str, queries: str, algorithm: str, changed_since: str | None) -> Any:
    from threatgraph.screen.reconcile import parse_queries

    try:
        parsed = parse_queries(queries)
        return services.reconcile(engine, dataset, parsed, _options(algorithm, changed_since))
    except (LookupError, ValueError) as exc:
        raise _bad(exc) from exc


@router.get(
    "/reconcile/{dataset}",
    summary="Reconciliation service manifest (OpenRefine); with queries= it answers them",
    dependencies=[Depends(known_params({"queries", "algorithm", "changed_since"}))],
    responses=REFUSED | NOT_FOUND,
)
def reconcile_manifest(
    request: Request,
    dataset: DatasetPath,
    queries: Annotated[str | None, Query(max_length=200_000, description="JSON-encoded queries")] = None,
    algorithm: Algorithm = "best",
    changed_since: ChangedSince = None,
    engine: Engine = Depends(engine_of),
) -> Any:
    if queries is not None:
        return _reconcile(engine, dataset, queries, algorithm, changed_since)
    from threatgraph.screen.reconcile import manifest

    base = str(request.url_for("reconcile_manifest", dataset=dataset))
    return manifest(base, _title(engine, dataset), request.app.title)


@router.post(
    "/reconcile/{dataset}",
    summary="Reconciliation queries (OpenRefine)",
    dependencies=[Depends(known_params({"algorithm", "changed_since"}))],
    responses=REFUSED | NOT_FOUND,
)
def reconcile_post(
    dataset: DatasetPath,
    queries: Annotated[str | None, Form(max_length=200_000, description="JSON-encoded queries")] = None,
    extend: Annotated[str | None, Form(max_length=200_000)] = None,
    algorithm: Algorithm = "best",
    changed_since: ChangedSince = None,
    engine: Engine = Depends(engine_of),
) -> Any:
    if extend is not None and extend.strip():
        raise HTTPException(400, "data extension is not offered by this service (see the manifest)")
    if queries is None:
        raise HTTPException(400, "no queries given (form field 'queries', JSON)")
    return _reconcile(engine, dataset, queries, algorithm, changed_since)


@router.get("/reconcile/{dataset}/suggest/entity", summary="Entity suggestions for OpenRefine", responses=NOT_FOUND)
def suggest_entity(
    dataset: DatasetPath,
    prefix: Annotated[str, Query(max_length=200)] = "",
    limit: Annotated[int, Query(ge=1, le=100)] = 10,
    engine: Engine = Depends(engine_of),
) -> dict[str, Any]:
    try:
        return services.suggest_entity(engine, dataset, prefix, limit)
    except LookupError as exc:
        raise HTTPException(404, str(exc)) from exc


@router.get("/reconcile/{dataset}/suggest/type", summary="Type suggestions for OpenRefine", responses=NOT_FOUND)
def suggest_type(
    dataset: DatasetPath, prefix: Annotated[str, Query(max_length=200)] = "", engine: Engine = Depends(engine_of)
) -> dict[str, Any]:
    from threatgraph.screen.reconcile import suggest_type

    _title(engine, dataset)
    return suggest_type(prefix)


@router.get("/reconcile/{dataset}/suggest/property", summary="Property suggestions for OpenRefine", responses=NOT_FOUND)
def suggest_property(
    dataset: DatasetPath,
    prefix: Annotated[str, Query(max_length=200)] = "",
    schema: Annotated[str, Query(json_schema_extra={"enum": SCHEMATA})] = "LegalEntity",
    engine: Engine = Depends(engine_of),
) -> dict[str, Any]:
    from threatgraph.screen.reconcile import suggest_property

    _title(engine, dataset)
    return suggest_property(prefix, schema)
