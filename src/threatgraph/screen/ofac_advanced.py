"""OFAC's Advanced Sanctions List Standard XML (``SDN_ADVANCED.XML``, root ``Sanctions``).

A normalised format: reference value sets (alias types, party types, feature types, document types,
countries…) are looked up by numeric id; every party is a ``DistinctParty`` with a ``Profile`` whose
identities carry aliases made of name parts; facts are ``Feature`` elements (dates, locations, details);
documents, programs (``SanctionsEntries``) and relations (``ProfileRelationships``) point at profiles.
Ids are ``ofac-<FixedRef>``, the same numbers as ``ent_num`` in ``sdn.csv``, so all three OFAC formats diff
against each other. Feature and document types go through the ``remarks.yaml`` rules where they match.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any
from xml.etree.ElementTree import Element

from threatgraph.screen.entries import add, apply_remarks, finish, new_entry
from threatgraph.screen.ofac_xml import _child, _children, _local

ALIAS_PROPS = {"a.k.a.": "alias", "f.k.a.": "previousName", "n.k.a.": "alias", "name": "name"}
DATE_FEATURES = {"birthdate": "birthDate", "organization established date": "incorporationDate"}
LOCATION_FEATURES = {
    "nationality country": "nationality",
    "citizenship country": "citizenship",
    "place of birth": "birthPlace",
    "location": "address",
    "vessel flag": "flag",
    "nationality of registration": "country",
}


def _iter(el: Element, name: str):  # noqa: ANN202 - generator of elements
    return (e for e in el.iter() if _local(e.tag) == name)


def _values(root: Element, set_name: str) -> dict[str, Element]:
    """A reference value set (e.g. ``AliasTypeValues``) as id -> element."""
    found = _child(_child(root, "ReferenceValueSets"), set_name)
    return {v.get("ID", ""): v for v in (found if found is not None else [])}


def _date(el: Element | None) -> str | None:
    if el is None:
        return None
    parts = [(_child(el, k).text or "").strip() if _child(el, k) is not None else "" for k in ("Year", "Month", "Day")]
    year, month, day = parts
    if not year:
        return None
    if month and day:
        return f"{int(year):04d}-{int(month):02d}-{int(day):02d}"
    return f"{int(year):04d}-{int(month):02d}" if month else f"{int(year):04d}"


def published(root: Element) -> date | None:
    found = _date(_child(root, "DateOfIssue"))
    return date.fromisoformat(found) if found and len(found) == 10 else None


def _name(alias: Element) -> str:
    for documented in _iter(alias, "DocumentedName"):
        parts = [(v.text or "").strip() for v in _iter(documented, "NamePartValue")]
        return " ".join(p for p in parts if p)
    return ""


def parse(root: Element) -> list[dict[str, Any]]:
    text = {k: (v.text or "").strip() for k, v in _values(root, "AliasTypeValues").items()}
    party_sub = _values(root, "PartySubTypeValues")
    party_type = {k: (v.text or "").strip() for k, v in _values(root, "PartyTypeValues").items()}
    feature_type = {k: (v.text or "").strip() for k, v in _values(root, "FeatureTypeValues").items()}
    doc_type = {k: (v.text or "").strip() for k, v in _values(root, "IDRegDocTypeValues").items()}
    countries = {k: (v.text or "").strip() for k, v in _values(root, "CountryValues").items()}
    sanctions_type = {k: (v.text or "").strip() for k, v in _values(root, "SanctionsTypeValues").items()}
    locations: dict[str, tuple[str, str]] = {}
    for loc in _iter(root, "Location"):
        parts = [(v.text or "").strip() for v in _iter(loc, "Value")]
        country_el = _child(loc, "LocationCountry")
        country = countries.get(country_el.get("CountryID", ""), "") if country_el is not None else ""
        locations[loc.get("ID", "")] = (", ".join(p for p in [*parts, country] if p), country)
    docs: dict[str, list[str]] = defaultdict(list)
    for doc in _iter(root, "IDRegDocument"):
        number = _child(doc, "IDRegistrationNo")
        if number is not None and (number.text or "").strip():
            docs[doc.get("IdentityID", "")].append(
                f"{doc_type.get(doc.get('IDRegDocTypeID', ''), '')} {number.text.strip()}"
            )
    programs: dict[str, list[str]] = defaultdict(list)
    listed: dict[str, list[str]] = defaultdict(list)
    for entry in _iter(root, "SanctionsEntry"):
        profile = entry.get("ProfileID", "")
        for event in _children(entry, "EntryEvent"):
            if found := _date(_child(event, "Date")):
                listed[profile].append(found)
        for measure in _children(entry, "SanctionsMeasure"):
            comment = _child(measure, "Comment")
            if sanctions_type.get(measure.get("SanctionsTypeID", ""), "Program") == "Program" and comment is not None:
                programs[profile].append((comment.text or "").strip())
    profile_names: dict[str, str] = {}
    parties = list(_iter(root, "DistinctParty"))
    for party in parties:
        for profile in _children(party, "Profile"):
            for alias in _iter(profile, "Alias"):
                if alias.get("Primary") == "true":
                    profile_names[profile.get("ID", "")] = _name(alias)
    relations: dict[str, list[str]] = defaultdict(list)
    for rel in _iter(root, "ProfileRelationship"):
        target = profile_names.get(rel.get("To-ProfileID", ""))
        if target:
            relations[rel.get("From-ProfileID", "")].append(target)

    entries: list[dict[str, Any]] = []
    for party in parties:
        ref = party.get("FixedRef", "")
        profile = _child(party, "Profile")
        if profile is None or not ref:
            continue
        sub = party_sub.get(profile.get("PartySubTypeID", ""))
        sub_text = (sub.text or "").strip().lower() if sub is not None else ""
        kind = party_type.get(sub.get("PartyTypeID", "") if sub is not None else "", "").lower()
        schema = {"vessel": "Vessel", "aircraft": "Airplane"}.get(sub_text) or (
            "Person" if kind == "individual" else "Organization"
        )
        entity, sanction = new_entry("ofac", f"ofac-{ref}", schema)
        links: list[str] = list(relations.get(profile.get("ID", ""), []))
        for identity in _iter(profile, "Identity"):
            for alias in _children(identity, "Alias"):
                name = _name(alias)
                prop = (
                    "name"
                    if alias.get("Primary") == "true"
                    else ALIAS_PROPS.get(text.get(alias.get("AliasTypeID", ""), "").lower(), "alias")
                )
                if alias.get("LowQuality") == "true" and prop != "name":
                    prop = "weakAlias"
                add(entity, prop, name)
            for clause in docs.get(identity.get("ID", ""), []):
                apply_remarks(entity, sanction, clause.replace(";", ","), links)
        for feature in _children(profile, "Feature"):
            ftype = feature_type.get(feature.get("FeatureTypeID", ""), "")
            key = ftype.lower()
            for version in _children(feature, "FeatureVersion"):
                if key in DATE_FEATURES:
                    for period in _iter(version, "From"):
                        if found := _date(period):
                            add(entity, DATE_FEATURES[key], found)
                            break
                elif key in LOCATION_FEATURES:
                    for vloc in _children(version, "VersionLocation"):
                        full, country = locations.get(vloc.get("LocationID", ""), ("", ""))
                        prop = LOCATION_FEATURES[key]
                        add(
                            entity, prop, country if prop in ("nationality", "citizenship", "flag", "country") else full
                        )
                        if prop == "address":
                            add(entity, "country", country)
                else:
                    for detail in _children(version, "VersionDetail"):
                        if (detail.text or "").strip():
                            apply_remarks(entity, sanction, f"{ftype} {detail.text.strip()}".replace(";", ","), links)
        pid = profile.get("ID", "")
        for program in programs.get(pid, []):
            add(sanction, "program", program)
        for found in listed.get(pid, []):
            add(sanction, "listingDate", found)
        add(sanction, "authority", "Office of Foreign Assets Control")
        add(sanction, "country", "us")
        add(sanction, "authorityId", ref)
        entries.append(finish(entity, sanction, links))
    return entries
