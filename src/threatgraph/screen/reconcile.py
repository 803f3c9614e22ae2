"""The Reconciliation Service API (W3C community spec 0.2, as yente serves it), so OpenRefine can match a
spreadsheet column against the lists.

A reconciliation query (``{"query": "name", "type": "Person", "limit": 5, "properties": [{"pid":
"Person:birthDate", "v": "1971"}]}``) becomes a yente example and goes through :func:`yente.match_request`, so
OpenRefine sees the same scores and match flags as ``/match`` (every scored candidate, as yente returns them
here, each with ``match`` set at the threshold). Suggest services let OpenRefine offer entities, types and
properties while the user types.
"""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Any

from followthemoney import model

from threatgraph.screen.index import ScreenIndex
from threatgraph.screen.yente import MatchOptions, MatchRequestError, match_request

VERSIONS = ["0.2"]
BASE_SCHEMA = "LegalEntity"
BATCH_SIZE = 10
SUGGEST_LIMIT = 20


def matchable_types() -> list[dict[str, Any]]:
    """The FtM schemata a query may ask for (OpenRefine's ``defaultTypes``)."""
    return [ftype(s) for s in sorted(model.schemata.values(), key=lambda s: s.name) if s.matchable]


def ftype(schema: Any) -> dict[str, Any]:
    return {"id": schema.name, "name": schema.plural, "description": schema.description or schema.label}


def manifest(base_url: str, title: str, service: str) -> dict[str, Any]:
    """The service manifest OpenRefine reads when the service is added (``GET /reconcile/{dataset}``)."""
    return {
        "versions": VERSIONS,
        "name": f"{title} ({service})",
        "identifierSpace": "https://followthemoney.tech/explorer/schemata/",
        "schemaSpace": "https://followthemoney.tech/explorer/schemata/",
        "documentation": f"{base_url.rstrip('/')}/api",
        "batchSize": BATCH_SIZE,
        "view": {"url": f"{_root(base_url)}/entities/{{{{id}}}}"},
        "preview": {"url": f"{_root(base_url)}/entities/{{{{id}}}}", "width": 430, "height": 600},
        "suggest": {
            kind: {"service_url": base_url, "service_path": f"/suggest/{kind}"}
            for kind in ("entity", "type", "property")
        },
        "defaultTypes": matchable_types(),
    }


def _root(base_url: str) -> str:
    return base_url.rstrip("/").rsplit("/reconcile/", 1)[0]


def parse_queries(raw: str) -> dict[str, dict[str, Any]]:
    """The ``queries`` form field: a JSON object of named reconciliation queries."""
    try:
        data = json.loads(raw)
    except ValueError as exc:
        raise MatchRequestError(f"queries: not JSON ({exc})") from exc
    if not isinstance(data, dict) or not all(isinstance(q, dict) for q in data.values()):
        raise MatchRequestError("queries: expected an object of named query objects")
    return data


def to_example(key: str, query: dict[str, Any]) -> tuple[dict[str, Any], int]:
    """A reconciliation query as a yente example, and its limit."""
    qtype = query.get("type") or BASE_SCHEMA
    if isinstance(qtype, list):
        qtype = qtype[0] if qtype else BASE_SCHEMA
    properties: dict[str, list[str]] = {}
    if query.get("query"):
        properties["name"] = [str(query["query"])]
    for item in query.get("properties") or []:
        if not isinstance(item, dict) or "pid" not in item:
            raise MatchRequestError(f"query {key!r}: each property needs 'pid' and 'v'")
        prop = model.get_qname(str(item["pid"])) or model.get_qname(f"{qtype}:{item['pid']}")
        if prop is None:
            raise MatchRequestError(f"query {key!r}: unknown property {item['pid']!r} (use e.g. 'Person:birthDate')")
        values = item.get("v")
        values = values if isinstance(values, list) else [values]
        properties.setdefault(prop.name, []).extend(str(v) for v in values if v is not None and str(v).strip())
    limit = query.get("limit", 5)
    if not isinstance(limit, int) or not 1 <= limit <= 100:
        raise MatchRequestError(f"query {key!r}: limit must be an integer from 1 to 100")
    return {"schema": qtype, "properties": properties}, limit


def reconcile(index: ScreenIndex, queries: dict[str, dict[str, Any]], opts: MatchOptions) -> dict[str, Any]:
    """``{key: {"result": [{id, name, description, type, score, match}]}}`` for a batch of queries."""
    if len(queries) > 100:
        raise MatchRequestError(f"too many queries in one batch ({len(queries)} > 100)")
    out: dict[str, Any] = {}
    for key, query in queries.items():
        example, limit = to_example(key, query)
        # yente returns every scored candidate here, flagged or not
        one = replace(opts, limit=limit, cutoff=0.0)
        answer = match_request(index, {"queries": {key: example}}, one)["responses"][key]
        out[key] = {"result": [_scored(r) for r in answer["results"]]}
    return out


def _scored(result: dict[str, Any]) -> dict[str, Any]:
    schema = model.get(result["schema"])
    return {
        "id": result["id"],
        "name": result["caption"],
        "description": schema.label if schema else result["schema"],
        "type": [ftype(schema)] if schema else [],
        "score": result["score"],
        "match": result["match"],
    }


def suggest_entity(index: ScreenIndex, prefix: str, datasets: list[str] | None, limit: int) -> dict[str, Any]:
    """Entities with a name whose words begin as ``prefix`` does (what the user has typed so far), then the
    matcher's best candidates for it (OpenRefine's entity suggest)."""
    from threatgraph.names.tokens import name_tokens
    from threatgraph.screen.query import Query

    typed = name_tokens(prefix)
    allowed = set(datasets) if datasets is not None else None
    found: list[int] = []
    if typed:
        head, last = set(typed[:-1]), typed[-1]
        for ent_idx, _name, tokens, _weights in index.names:
            if len(found) >= limit:
                break
            if ent_idx in found or (allowed is not None and index.entities[ent_idx][1] not in allowed):
                continue
            if head <= set(tokens) and any(t.startswith(last) for t in tokens):
                found.append(ent_idx)
        for cand in index.rank(Query([prefix]), datasets=datasets):
            if len(found) >= limit:
                break
            if cand.entity["_idx"] not in found and cand.features["name_similarity"] > 0:
                found.append(cand.entity["_idx"])
    results = []
    for ent_idx in found:
        entry_id, _ds, schema_name, caption = index.entities[ent_idx][:4]
        schema = model.get(schema_name)
        results.append(
            {
                "id": entry_id,
                "name": caption,
                "description": schema.label if schema else schema_name,
                "type": [ftype(schema)] if schema else [],
            }
        )
    return {"code": "/api/status/ok", "status": "200 OK", "prefix": prefix, "result": results}


def suggest_type(prefix: str) -> dict[str, Any]:
    p = prefix.casefold().strip()
    found = [t for t in matchable_types() if not p or p in t["id"].casefold() or p in t["name"].casefold()]
    return {"code": "/api/status/ok", "status": "200 OK", "prefix": prefix, "result": found[:SUGGEST_LIMIT]}


def suggest_property(prefix: str, schema_name: str = BASE_SCHEMA) -> dict[str, Any]:
    """Matchable properties of the schema (OpenRefine offers them as extra columns to send)."""
    schema = model.get(schema_name) or model.get(BASE_SCHEMA)
    p = prefix.casefold().strip()
    found = [
        {"id": prop.qname, "name": prop.label, "description": prop.description}
        for prop in sorted(schema.properties.values(), key=lambda pr: pr.name)
        if prop.matchable and not prop.hidden and (not p or p in prop.name.casefold() or p in prop.label.casefold())
    ]
    return {"code": "/api/status/ok", "status": "200 OK", "prefix": prefix, "result": found[:SUGGEST_LIMIT]}
