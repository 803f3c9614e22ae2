"""The scoring algorithms ``/match`` answers to, by the names yente clients send.

``threatgraph`` is this project's matcher (:mod:`screen.compare` over the index) and what ``best`` means. The
algorithms yente offers (``logic-v2``, ``logic-v1``, ``name-based``, ``name-qualified``, ``ofac``,
``regression-v1``…) are nomenklatura's own implementations, run on the candidates the index finds: a client that
asks for ``logic-v2`` gets logic-v2's scores, not ours under another name. An unknown name is refused.

Body ``weights`` and ``config`` are checked against the chosen algorithm: an unknown key is a
:class:`AlgorithmError` (HTTP 400), never ignored. For ``threatgraph``, ``weights`` replace the contribution of
a fact feature (``country_match`` …, see :data:`compare.FEATURES`) and scale the name similarity
(``name_similarity``, 1.0 by default); it has no ``config`` variables.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from threatgraph.screen.compare import FEATURES
from threatgraph.screen.index import WEAK_NAME_CAP
from threatgraph.screen.query import MATCH_THRESHOLD

THREATGRAPH = "threatgraph"
BEST = THREATGRAPH
#: yente's default match threshold, for nomenklatura's algorithms (their scores are calibrated for it).
NOMENKLATURA_THRESHOLD = 0.7
DESCRIPTION = (
    "threatgraph's matcher: names aligned word by word (romanisation folds, sound-alike keys, words written "
    "together or apart, omitted middle names), weighted by how rare and how name-like each word is; type, "
    "country, birth date and identifiers add or subtract fixed amounts."
)
FEATURE_DOCS = {
    "name_similarity": "Weighted word-alignment similarity of the best query name and listed name (multiplier).",
    "schema_conflict": "The query's type cannot be the listed party's type (a person vs. a company or vessel): "
    "subtracted, and the score kept below the threshold whatever else agrees.",
    "country_match": "A country of the query is a country of the listed party.",
    "country_conflict": "Both have countries and none is shared.",
    "birth_date_match": "A birth date of the query agrees with a listed one (at the coarser precision).",
    "birth_date_conflict": "Both have birth dates and none agree.",
    "identifier_match": "An identifier (passport, IMO, registration number…) equals a listed one; for a vessel or "
    "aircraft, or with a like name, it lifts the score to 0.9.",
    "weak_name": "Only a weak alias or a person's single-word alias matched and nothing corroborates it: the score "
    "is held below the threshold (coefficient: where it stops).",
}


class AlgorithmError(ValueError):
    """An unknown algorithm, or a ``weights``/``config`` key the algorithm does not have."""


#: nomenklatura's algorithms that are not for screening (its entity-resolution matcher says so itself); yente
#: does not offer them either.
NOT_FOR_SCREENING = ("er-unstable",)
NOMENKLATURA_SOURCE = "https://github.com/opensanctions/nomenklatura/tree/main/nomenklatura/matching"


@lru_cache(maxsize=1)
def _nomenklatura() -> dict[str, Any]:
    """nomenklatura's algorithms by name (imported on first use: it is heavy and most requests never need it)."""
    from nomenklatura.matching import ALGORITHMS

    return {algo.NAME: algo for algo in ALGORITHMS if algo.NAME not in NOT_FOR_SCREENING}


def _feature_docs(algo: Any) -> dict[str, dict[str, Any]]:
    """Feature name -> description, coefficient, url of a nomenklatura algorithm. Built from its feature functions
    (rather than its ``get_feature_docs``, whose source links assume the package path is not a symlink)."""
    from nomenklatura.matching.types import HeuristicAlgorithm

    if issubclass(algo, HeuristicAlgorithm):
        funcs = [(f.func, float(f.weight)) for f in algo.features]
    else:  # regression-v1: the fitted model's coefficients
        coefficients = algo.load()[1]
        funcs = [(f, float(coefficients[f.__name__])) for f in algo.FEATURES]
    return {
        func.__name__: {"description": (func.__doc__ or "").strip(), "coefficient": weight, "url": NOMENKLATURA_SOURCE}
        for func, weight in funcs
    }


def names() -> list[str]:
    return [THREATGRAPH, *_nomenklatura()]


def resolve(name: str | None) -> str:
    """The algorithm a request names (``best`` and no name are :data:`BEST`)."""
    clean = (name or "best").strip().lower()
    if clean == "best":
        return BEST
    if clean == THREATGRAPH or clean in _nomenklatura():
        return clean
    raise AlgorithmError(f"unknown algorithm {name!r}; use best or one of {', '.join(names())}")


def default_threshold(name: str) -> float:
    return MATCH_THRESHOLD if name == THREATGRAPH else NOMENKLATURA_THRESHOLD


def feature_names(name: str) -> list[str]:
    if name == THREATGRAPH:
        return list(FEATURE_DOCS)
    return list(_feature_docs(_nomenklatura()[name]))


def check(name: str, weights: Mapping[str, float], config: Mapping[str, Any]) -> None:
    """Refuse weights and config keys the algorithm does not know (yente answers 400 to unknown config keys)."""
    known = set(feature_names(name))
    unknown = sorted(set(weights) - known)
    if unknown:
        raise AlgorithmError(
            f"invalid weights {unknown} for algorithm {name}; its features are {', '.join(sorted(known))}"
        )
    variables = {} if name == THREATGRAPH else _nomenklatura()[name].CONFIG
    bad = sorted(set(config) - set(variables))
    if bad:
        have = ", ".join(sorted(variables)) or "none"
        raise AlgorithmError(f"invalid configuration parameters {bad} for algorithm {name} (it has: {have})")


def reweigh(features: dict[str, float], weights: Mapping[str, float]) -> dict[str, float]:
    """threatgraph feature contributions under client ``weights`` (a replaced contribution keeps its sign)."""
    if not weights:
        return features
    out = dict(features)
    for key, value in features.items():
        if key == "name_similarity":
            out[key] = round(value * float(weights.get(key, 1.0)), 4)
        elif key in weights:
            out[key] = float(weights[key])
    return out


def score_with(
    name: str, query: Any, candidates: list[Any], weights: Mapping[str, float], config: Mapping[str, Any]
) -> list[tuple[float, dict[str, dict[str, Any]]]]:
    """nomenklatura algorithm ``name``'s score and explanations of each candidate (FtM proxies) for ``query``."""
    from nomenklatura.matching.types import ScoringConfig

    algo = _nomenklatura()[name]
    scoring = ScoringConfig(weights=dict(weights), config=dict(config))
    out = []
    for cand in candidates:
        result = algo.compare(query=query, result=cand, config=scoring)
        out.append((float(result.score), {k: v.model_dump() for k, v in result.explanations.items()}))
    return out


def docs() -> list[dict[str, Any]]:
    """yente's ``/algorithms`` entries: name, description, features (deprecated there) and docs."""
    ours = {
        "name": THREATGRAPH,
        "description": DESCRIPTION,
        "config": {},
        "features": {
            key: {
                "description": text,
                "coefficient": {"name_similarity": 1.0, "weak_name": WEAK_NAME_CAP}.get(key, FEATURES.get(key, 0.0)),
                "url": f"/algorithms#{key}",
            }
            for key, text in FEATURE_DOCS.items()
        },
    }
    out = [{"name": THREATGRAPH, "description": DESCRIPTION, "features": ours["features"], "docs": ours}]
    for algo in _nomenklatura().values():
        features = _feature_docs(algo)
        config = {k: v.model_dump(mode="json") for k, v in algo.CONFIG.items()}
        description = " ".join((algo.__doc__ or "").split())
        doc = {"name": algo.NAME, "description": description, "config": config, "features": features}
        out.append({"name": algo.NAME, "description": description, "features": features, "docs": doc})
    return out
