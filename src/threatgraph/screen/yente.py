"""yente's request and response semantics over the screening index, so the HTTP layer is a thin shell and a
client written for yente (nomenklatura's ``YenteEnricher``, compliance scripts, OpenRefine) works unchanged.

Read against yente's own models (``yente/data/common.py``, ``routers/match.py``, ``scoring.py``):

- A request is answered whole or refused whole: an example that cannot be read (unknown schema or property,
  no name, an unreadable country or date) refuses the request (:class:`MatchRequestError`, HTTP 400) naming
  the query, rather than answering the others and leaving that one quietly empty (which reads as "no match").
- ``threshold`` decides ``match``; ``cutoff`` (deprecated in yente, defaulting to the threshold and never
  above it) decides what is returned at all; ``total`` counts the matches among everything scored, before
  ``limit`` cuts the page. A script that alerts on ``total > 0`` therefore alerts on matches only.
  One difference: yente drops a score exactly equal to the cutoff; here a score equal to the threshold is a
  match and is returned (a match that is neither returned nor counted would be a silent miss).
- Filters: the path's dataset or collection, ``include_dataset``, ``exclude_dataset``, ``topics``,
  ``exclude_schema``, ``exclude_entity_ids`` and ``changed_since`` (against an entry's ``last_change``) are
  applied before ranking, so a filtered-out entry never takes a place on the page.
- Each result is yente's ``ScoredEntityResponse``: ``id``, ``caption``, ``schema``, ``properties``,
  ``datasets``, ``referents``, ``target``, ``first_seen``, ``last_seen``, ``last_change``, ``score``, ``match``
  and ``explanations`` (per feature: score, detail, query and candidate value), plus threatgraph's own
  ``features`` and ``explanation`` (the word alignment), which yente clients ignore.
- The query comes back with its ``id``, its schema and its properties as FtM cleaned them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from followthemoney import model
from followthemoney.exc import InvalidData

from threatgraph.screen import algorithms
from threatgraph.screen.index import ScreenIndex
from threatgraph.screen.query import Candidate, Query

NAME_PROPS = ("name", "alias", "previousName", "weakAlias")
PART_PROPS = ("firstName", "secondName", "middleName", "fatherName", "lastName")
COUNTRY_PROPS = ("country", "nationality", "citizenship", "jurisdiction", "mainCountry", "flag", "birthCountry")
DATE_PROPS = ("birthDate", "incorporationDate")
MAX_QUERIES = 100  # yente's MAX_BATCH
MAX_LIMIT = 500  # yente's MAX_MATCHES
#: How many candidates a nomenklatura algorithm scores per query: yente's limit * MATCH_CANDIDATES, at least 20.
CANDIDATES_PER_RESULT = 10
MIN_CANDIDATES = 20
#: yente's ``changed_since`` format.
TS_PATTERN = r"^\d{4}-\d{2}-\d{2}(T\d{2}(:\d{2}(:\d{2})?)?)?$"


class MatchRequestError(ValueError):
    """The request cannot be answered as asked; the message says which part and why (HTTP 400)."""


@dataclass(slots=True)
class MatchOptions:
    """yente's ``/match`` query options. ``scope`` is what the path's dataset stands for (None: every list)."""

    limit: int = 5
    threshold: float | None = None
    cutoff: float | None = None
    algorithm: str = "best"
    scope: frozenset[str] | None = None
    include_dataset: tuple[str, ...] = ()
    exclude_dataset: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    exclude_schema: tuple[str, ...] = ()
    exclude_entity_ids: tuple[str, ...] = ()
    changed_since: str | None = None
    weights: dict[str, float] = field(default_factory=dict)
    config: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class Example:
    """One yente query example, read: the FtM proxy (for echoing and for nomenklatura's algorithms) and the
    :class:`Query` the index answers."""

    key: str
    id: str | None
    proxy: Any
    query: Query


def read_example(key: str, body: Any) -> Example:
    """A yente ``EntityExample`` (schema, properties as lists or plain strings) as an :class:`Example`."""
    if not isinstance(body, dict):
        raise MatchRequestError(f"query {key!r}: must be an object with 'schema' and 'properties'")
    schema_name = body.get("schema") or "LegalEntity"
    schema = model.get(schema_name) if isinstance(schema_name, str) else None
    if schema is None:
        raise MatchRequestError(f"query {key!r}: unknown schema {schema_name!r}")
    if not schema.matchable:
        raise MatchRequestError(f"query {key!r}: schema {schema.name} cannot be matched")
    props = body.get("properties") or {}
    if not isinstance(props, dict):
        raise MatchRequestError(f"query {key!r}: 'properties' must map property names to lists of strings")
    proxy = model.make_entity(schema)
    proxy.id = str(body.get("id") or f"query-{key}")
    values: dict[str, list[str]] = {}
    for prop, raw in props.items():
        if prop not in schema.properties:
            raise MatchRequestError(f"query {key!r}: schema {schema.name} has no property {prop!r}")
        items = [raw] if isinstance(raw, str) else raw
        if not isinstance(items, list) or not all(isinstance(v, str | int | float) for v in items):
            raise MatchRequestError(f"query {key!r}: property {prop!r} must be a string or a list of strings")
        values[prop] = [str(v) for v in items if str(v).strip()]
        try:
            proxy.add(prop, values[prop], fuzzy=True)
        except InvalidData as exc:
            raise MatchRequestError(f"query {key!r}: property {prop!r}: {exc}") from exc

    def get(names: Iterable[str]) -> list[str]:
        return [v for p in names for v in values.get(p, [])]

    names = get(NAME_PROPS)
    parts = " ".join(get(PART_PROPS))
    if parts.strip():
        names.append(parts)
    if not any(n.strip() for n in names):
        raise MatchRequestError(f"query {key!r}: no name (give name, alias or firstName/lastName)")
    ident_props = [p for p in values if schema.properties[p].type.name == "identifier"]
    try:
        query = Query(
            names=names,
            schema=schema.name,
            countries=get(COUNTRY_PROPS),
            birth_dates=get(DATE_PROPS),
            identifiers=get(ident_props),
        )
    except ValueError as exc:
        raise MatchRequestError(f"query {key!r}: {exc}") from exc
    return Example(key, body.get("id"), proxy, query)


def check_options(opts: MatchOptions) -> str:
    """Validate the options as a whole; returns the resolved algorithm name."""
    try:
        algorithm = algorithms.resolve(opts.algorithm)
        algorithms.check(algorithm, opts.weights, opts.config)
    except algorithms.AlgorithmError as exc:
        raise MatchRequestError(str(exc)) from exc
    if not 1 <= opts.limit <= MAX_LIMIT:
        raise MatchRequestError(f"limit must be between 1 and {MAX_LIMIT}, not {opts.limit}")
    for name in opts.exclude_schema:
        if model.get(name) is None:
            raise MatchRequestError(f"exclude_schema: unknown schema {name!r}")
    return algorithm


def entity_filter(index: ScreenIndex, opts: MatchOptions) -> tuple[list[str] | None, Callable[[int], bool] | None]:
    """The datasets to search and a per-entity filter for the remaining options (None when nothing filters)."""
    present = {e[1] for e in index.entities}
    datasets = set(present if opts.scope is None else opts.scope & present)
    if opts.include_dataset:
        datasets &= set(opts.include_dataset)
    datasets -= set(opts.exclude_dataset)
    only = None if datasets == present else sorted(datasets)
    schemata = set(opts.exclude_schema)
    ids = set(opts.exclude_entity_ids)
    topics = set(opts.topics)
    since = opts.changed_since
    if not (schemata or ids or topics or since):
        return only, None
    decoded: dict[int, dict[str, Any]] = {}

    def data(i: int) -> dict[str, Any]:
        if i not in decoded:
            decoded[i] = index.entity_data(i)
        return decoded[i]

    def keep(i: int) -> bool:
        entry_id, _ds, schema = index.entities[i][:3]
        if schema in schemata or entry_id in ids:
            return False
        if topics and not topics & set(data(i).get("properties", {}).get("topics", [])):
            return False
        return not (since and (data(i).get("last_change") or "") < since)

    return only, keep


def match_request(index: ScreenIndex, body: Any, opts: MatchOptions | None = None) -> dict[str, Any]:
    """Answer a yente ``/match`` body: ``{"responses": {key: EntityMatches}, "limit": n}``."""
    opts = opts or MatchOptions()
    algorithm = check_options(opts)
    if not isinstance(body, dict) or not isinstance(body.get("queries"), dict):
        raise MatchRequestError("body must be an object with a 'queries' object")
    if not body["queries"]:
        raise MatchRequestError("no queries provided")
    if len(body["queries"]) > MAX_QUERIES:
        raise MatchRequestError(f"too many queries in one batch ({len(body['queries'])} > {MAX_QUERIES})")
    examples = [read_example(str(k), q) for k, q in body["queries"].items()]
    threshold = algorithms.default_threshold(algorithm) if opts.threshold is None else float(opts.threshold)
    cutoff = threshold if opts.cutoff is None else min(float(opts.cutoff), threshold)
    datasets, keep = entity_filter(index, opts)
    responses: dict[str, Any] = {}
    for ex in examples:
        ranked = index.rank(ex.query, threshold, datasets=datasets, keep=keep)
        scored = _score(index, ex, ranked, algorithm, threshold, opts)
        shown = [r for r in scored if r["score"] >= cutoff]
        responses[ex.key] = {
            "status": 200,
            "results": _finish(index, shown[: opts.limit]),
            "total": {"value": sum(1 for r in shown if r["match"]), "relation": "eq"},
            "query": {"id": ex.id, "schema": ex.proxy.schema.name, "properties": ex.proxy.to_dict()["properties"]},
        }
    return {"responses": responses, "limit": opts.limit}


def _score(
    index: ScreenIndex, ex: Example, ranked: list[Candidate], algorithm: str, threshold: float, opts: MatchOptions
) -> list[dict[str, Any]]:
    """Scored results, best first: threatgraph's own scores, or a nomenklatura algorithm's on the best candidates."""
    if algorithm == algorithms.THREATGRAPH:
        out = []
        for cand in ranked:
            features = algorithms.reweigh(cand.features, opts.weights)
            score = round(min(1.0, max(0.0, sum(features.values()))), 4) if opts.weights else cand.score
            if score <= 0.0:
                continue
            out.append(_result(cand, score, score >= threshold, features, _explain(cand, features)))
        out.sort(key=lambda r: -r["score"])
        return out
    pool = ranked[: max(MIN_CANDIDATES, min(MAX_LIMIT, opts.limit * CANDIDATES_PER_RESULT))]
    query = ex.proxy
    if not query.get("name"):  # only name parts given: nomenklatura's name features read `name`
        query = query.clone()
        query.add("name", [n for n in ex.query.names if n], quiet=True)
    proxies = [model.get_proxy(_plain(index.entity_data(c.entity["_idx"]))) for c in pool]
    scores = algorithms.score_with(algorithm, query, proxies, opts.weights, opts.config)
    out = [
        _result(cand, round(score, 4), score >= threshold, cand.features, expl)
        for cand, (score, expl) in zip(pool, scores, strict=True)
        if score > 0.0
    ]
    out.sort(key=lambda r: -r["score"])
    return out


def _plain(data: dict[str, Any]) -> dict[str, Any]:
    return {k: data[k] for k in ("id", "schema", "properties")}


def _explain(cand: Candidate, features: Mapping[str, float]) -> dict[str, dict[str, Any]]:
    """threatgraph's features in the shape of nomenklatura's ``FeatureResult``."""
    out: dict[str, dict[str, Any]] = {}
    for key, value in features.items():
        if key == "name_similarity":
            pairs = ", ".join(f"{a}~{b} {s:.2f}" for a, b, s in cand.explanation.get("token_pairs", []))
            detail = f"words aligned: {pairs}" if pairs else "no words aligned"
            query, candidate = cand.explanation.get("query_name"), cand.explanation.get("matched_name")
        elif key == "identifier_match":
            detail = "an identifier equals a listed one"
            query = candidate = cand.explanation.get("matched_identifier")
        else:
            detail, query, candidate = algorithms.FEATURE_DOCS.get(key, key), None, None
        out[key] = {"detail": detail, "score": value, "query": query, "candidate": candidate}
    return out


def _result(
    cand: Candidate,
    score: float,
    match: bool,
    features: dict[str, float],
    explanations: dict[str, dict[str, Any]],
) -> dict[str, Any]:
    """A yente ``ScoredEntityResponse`` (entity data is decoded later, only for the page returned)."""
    return {
        "id": cand.entry_id,
        "caption": cand.caption,
        "schema": cand.schema,
        "_idx": cand.entity["_idx"],
        "properties": {},
        "datasets": [cand.dataset],
        "referents": [],
        "target": True,
        "first_seen": None,
        "last_seen": None,
        "last_change": None,
        "score": score,
        "match": match,
        "explanations": explanations,
        "features": features,
        "explanation": cand.explanation,
    }


def _finish(index: ScreenIndex, results: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Decode the entity data of the results actually returned: properties and yente's timestamps."""
    for res in results:
        data = index.entity_data(res.pop("_idx"))
        res["properties"] = data.get("properties", {})
        for stamp in ("first_seen", "last_seen", "last_change"):
            res[stamp] = data.get(stamp)
    return results


def entity_response(entries: list[dict[str, Any]], nested: bool = False) -> dict[str, Any]:
    """yente's ``EntityResponse`` for a list entry (``entries``: the same id in each dataset that lists it).

    With ``nested``, the entry's Sanction entities come inline under ``sanctions`` (FtM's reverse of
    ``Sanction:entity``), the way yente nests adjacent entities, so ``YenteEnricher.expand`` finds them."""
    first = entries[0]
    props = {k: list(v) for k, v in first.get("properties", {}).items()}
    for other in entries[1:]:
        for k, vals in other.get("properties", {}).items():
            props.setdefault(k, [])
            props[k].extend(v for v in vals if v not in props[k])
    out = _entity_base(first, props, sorted({e["dataset"] for e in entries}))
    out["first_seen"] = min((e["first_seen"] for e in entries if e.get("first_seen")), default=None)
    out["last_seen"] = max((e["last_seen"] for e in entries if e.get("last_seen")), default=None)
    out["last_change"] = max((e["last_change"] for e in entries if e.get("last_change")), default=None)
    if nested:
        sanctions = []
        for entry in entries:
            sanction = entry.get("sanction")
            if not sanction:
                continue
            sprops = {k: v for k, v in sanction.get("properties", {}).items() if k != "entity"}
            nested_sanction = _entity_base(sanction, sprops, [entry["dataset"]])
            nested_sanction["target"] = False
            sanctions.append(nested_sanction)
        if sanctions:
            out["properties"]["sanctions"] = sanctions
    return out


def _entity_base(data: dict[str, Any], props: dict[str, Any], datasets: list[str]) -> dict[str, Any]:
    proxy = model.get_proxy(
        {"id": data["id"], "schema": data["schema"], "properties": {k: v for k, v in props.items()}}, cleaned=True
    )
    return {
        "id": data["id"],
        "caption": proxy.caption,
        "schema": data["schema"],
        "properties": props,
        "datasets": datasets,
        "referents": [],
        "target": True,
        "first_seen": data.get("first_seen"),
        "last_seen": data.get("last_seen"),
        "last_change": data.get("last_change"),
    }


@dataclass(slots=True)
class SearchOptions:
    """yente's ``/search/{dataset}`` options that threatgraph honours."""

    q: str = ""
    schema: str = "Thing"
    countries: tuple[str, ...] = ()
    limit: int = 10
    offset: int = 0
    target: bool | None = None
    facets: tuple[str, ...] = ("countries", "topics", "datasets")
    match: MatchOptions = field(default_factory=MatchOptions)


#: A search hit needs at least this name similarity (the matcher's scale): text search, not screening.
SEARCH_FLOOR = 0.5
FACETS = ("countries", "topics", "datasets", "schema")


def search(index: ScreenIndex, opts: SearchOptions) -> dict[str, Any]:
    """yente's ``SearchResponse`` (limit, offset, total, results, facets) for a name search over the lists."""
    schema = model.get(opts.schema)
    if schema is None:
        raise MatchRequestError(f"unknown schema {opts.schema!r}")
    bad = sorted(set(opts.facets) - set(FACETS))
    if bad:
        raise MatchRequestError(f"unknown facets {bad}; use {', '.join(FACETS)}")
    check_options(opts.match)
    datasets, keep = entity_filter(index, opts.match)
    allowed = set(datasets) if datasets is not None else None
    countries = set(opts.countries)

    def wanted(i: int) -> bool:
        entry = index.entities[i]
        ent_schema = model.get(entry[2])
        if ent_schema is None or not ent_schema.is_a(schema):
            return False
        if allowed is not None and entry[1] not in allowed:
            return False
        if countries and not countries & set(entry[4]):
            return False
        if opts.target is False:  # every list entry is a sanctions target
            return False
        return keep is None or keep(i)

    if opts.q.strip():
        ranked = index.rank(Query([opts.q]), datasets=datasets, keep=wanted)
        hits = [c.entity["_idx"] for c in ranked if c.features["name_similarity"] >= SEARCH_FLOOR]
    else:
        hits = [i for i in range(len(index.entities)) if wanted(i)]
    page = hits[opts.offset : opts.offset + opts.limit]
    results = []
    for i in page:
        data = index.entity_data(i)
        data["dataset"] = index.entities[i][1]
        results.append(entity_response([data]))
    return {
        "limit": opts.limit,
        "offset": opts.offset,
        "total": {"value": len(hits), "relation": "eq"},
        "results": results,
        "facets": _facets(index, hits, opts.facets),
    }


def _facets(index: ScreenIndex, hits: list[int], names: Iterable[str]) -> dict[str, Any]:
    """yente's facets: per facet, the values over all hits with their counts, commonest first."""
    from followthemoney.types import registry

    labels = {"countries": "Countries", "topics": "Topics", "datasets": "Data sources", "schema": "Types"}
    out: dict[str, Any] = {}
    for name in names:
        counts: dict[str, int] = {}
        for i in hits:
            entry = index.entities[i]
            if name == "countries":
                values: Iterable[str] = entry[4]
            elif name == "datasets":
                values = [entry[1]]
            elif name == "schema":
                values = [entry[2]]
            else:
                values = index.entity_data(i).get("properties", {}).get("topics", [])
            for v in set(values):
                counts[v] = counts.get(v, 0) + 1
        if name == "countries":
            label: Callable[[str], str] = lambda v: registry.country.caption(v) or v  # noqa: E731
        elif name == "topics":
            label = lambda v: registry.topic.caption(v) or v  # noqa: E731
        else:
            label = lambda v: v  # noqa: E731
        items = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
        out[name] = {"label": labels[name], "values": [{"name": k, "label": label(k), "count": c} for k, c in items]}
    return out
