"""The yente ``/match`` request and response shape over the screening index, so the HTTP endpoint
(``POST /match/{dataset}``) is a thin shell and existing yente clients work unchanged.

Request: ``{"queries": {"q1": {"schema": "Person", "properties": {"name": [...], "birthDate": [...],
"nationality": [...]}}}}``. Each query is answered independently: a bad one gets ``status: 400`` with an
error message while the others are answered.
"""

from __future__ import annotations

from typing import Any

from followthemoney import model

from threatgraph.screen.index import ScreenIndex
from threatgraph.screen.query import MATCH_THRESHOLD, Query

NAME_PROPS = ("name", "alias", "previousName", "weakAlias", "firstName", "lastName")
COUNTRY_PROPS = ("country", "nationality", "citizenship", "jurisdiction", "mainCountry", "flag", "birthCountry")
DATE_PROPS = ("birthDate", "incorporationDate")
#: The algorithms this endpoint answers to; all are served by the one threatgraph matcher.
ALGORITHMS = ("threatgraph", "best", "logic-v1", "name-based", "name-qualified")
MAX_QUERIES = 100


class MatchRequestError(ValueError):
    """The request body as a whole is unusable (not an object, no ``queries``, too many queries)."""


def query_from_yente(body: dict[str, Any]) -> Query:
    """One yente query object as a :class:`Query`; ``ValueError`` says what is wrong with it."""
    if not isinstance(body, dict):
        raise ValueError("query must be an object with 'schema' and 'properties'")
    schema = body.get("schema")
    if schema is not None and (not isinstance(schema, str) or model.get(schema) is None):
        raise ValueError(f"unknown schema: {schema!r}")
    props = body.get("properties") or {}
    if not isinstance(props, dict) or not all(isinstance(v, list | str) for v in props.values()):
        raise ValueError("'properties' must map property names to lists of strings")

    def values(names: tuple[str, ...]) -> list[str]:
        out: list[str] = []
        for prop in names:
            raw = props.get(prop) or []
            out.extend([raw] if isinstance(raw, str) else [str(v) for v in raw if v is not None])
        return out

    names = values(("name", "alias", "previousName", "weakAlias"))
    parts = " ".join(values(("firstName", "secondName", "middleName", "fatherName", "lastName")))
    if parts.strip():
        names.append(parts)
    if not any(n.strip() for n in names):
        raise ValueError("query has no name")
    schema_obj = model.get(schema or "LegalEntity")
    ident_props = tuple(
        p for p in props if (prop := schema_obj.properties.get(p)) is not None and prop.type.name == "identifier"
    )
    return Query(
        names=names,
        schema=schema,
        countries=values(COUNTRY_PROPS),
        birth_dates=values(DATE_PROPS),
        identifiers=values(ident_props),
    )


def match_request(
    index: ScreenIndex,
    body: dict[str, Any],
    limit: int = 5,
    threshold: float | None = None,
    algorithm: str = "threatgraph",
    dataset: str | None = None,
) -> dict[str, Any]:
    """Answer a yente ``/match`` body. ``dataset`` (other than "default"/"all") limits results to that list.

    Raises :class:`MatchRequestError` when the body itself is unusable (the API answers 400).
    """
    if algorithm not in ALGORITHMS:
        raise MatchRequestError(f"unknown algorithm {algorithm!r}; use one of {', '.join(ALGORITHMS)}")
    if not isinstance(body, dict) or not isinstance(body.get("queries"), dict):
        raise MatchRequestError("body must be an object with a 'queries' object")
    if len(body["queries"]) > MAX_QUERIES:
        raise MatchRequestError(f"too many queries ({len(body['queries'])} > {MAX_QUERIES})")
    limit = max(1, min(int(limit), 500))
    threshold = MATCH_THRESHOLD if threshold is None else float(threshold)
    only = None if dataset in (None, "", "default", "all") else dataset
    responses: dict[str, Any] = {}
    for key, qbody in body["queries"].items():
        try:
            query = query_from_yente(qbody)
        except ValueError as exc:
            responses[str(key)] = {"status": 400, "error": str(exc), "results": [], "query": qbody}
            continue
        found = index.match(query, limit=limit, threshold=threshold, datasets=None if only is None else [only])
        results = [
            {
                "id": c.entry_id,
                "caption": c.caption,
                "schema": c.schema,
                "properties": c.entity.get("properties", {}),
                "datasets": [c.dataset],
                "score": c.score,
                "match": c.match,
                "features": c.features,
                "explanation": c.explanation,
            }
            for c in found
        ]
        responses[str(key)] = {
            "status": 200,
            "results": results,
            "total": {"value": len(results), "relation": "eq"},
            "query": {"schema": query.schema or "LegalEntity", "properties": qbody.get("properties", {})},
        }
    return {"responses": responses, "limit": limit}
