"""The EU Financial Sanctions Files consolidated list XML (root ``export``): one ``sanctionEntity`` per
listed party with ``nameAlias`` (names in their own script), ``citizenship``, ``birthdate``,
``identification``, ``address`` and ``regulation`` (programme, publication date) as attributes.

Ids are ``eu-<logicalId>``, the EU's stable entry key.
"""

from __future__ import annotations

from datetime import date
from typing import Any
from xml.etree.ElementTree import Element

from threatgraph.screen.entries import add, finish, new_entry, parse_day
from threatgraph.screen.ofac_xml import _children

SUBJECT_TYPES = {"person": "Person", "enterprise": "Organization", "vessel": "Vessel", "aircraft": "Airplane"}
ID_PROPS = {"passport": "passportNumber", "id": "idNumber", "tax": "taxNumber", "regnumber": "registrationNumber"}


def published(root: Element) -> date | None:
    return parse_day((root.get("generationDate") or "")[:10])


def parse(root: Element) -> list[dict[str, Any]]:
    entries: list[dict[str, Any]] = []
    for item in _children(root, "sanctionEntity"):
        subject = next(iter(_children(item, "subjectType")), None)
        code = subject.get("code", "") if subject is not None else ""
        schema = SUBJECT_TYPES.get(code, "Organization")
        entity, sanction = new_entry("eu", f"eu-{item.get('logicalId', '')}", schema)
        for i, alias in enumerate(_children(item, "nameAlias")):
            whole = alias.get("wholeName") or " ".join(
                p for p in (alias.get(k, "") for k in ("firstName", "middleName", "lastName")) if p
            )
            strong = alias.get("strong", "true") != "false"
            add(entity, "name" if i == 0 else ("alias" if strong else "weakAlias"), whole)
            if schema == "Person":
                add(entity, "title", alias.get("title"))
                add(entity, "position", alias.get("function"))
                add(entity, "gender", {"M": "male", "F": "female"}.get(alias.get("gender", ""), ""))
        for cit in _children(item, "citizenship"):
            add(entity, "nationality" if schema == "Person" else "country", cit.get("countryIso2Code"))
        for birth in _children(item, "birthdate"):
            add(entity, "birthDate", birth.get("birthdate") or birth.get("year"))
            place = ", ".join(p for p in (birth.get("city"), birth.get("place"), birth.get("countryDescription")) if p)
            add(entity, "birthPlace", place)
        for ident in _children(item, "identification"):
            kind = (ident.get("identificationTypeCode") or "").lower()
            add(entity, ID_PROPS.get(kind, "idNumber"), ident.get("number") or ident.get("documentNumber"))
        for addr in _children(item, "address"):
            parts = (
                addr.get(k) for k in ("street", "poBox", "zipCode", "city", "region", "place", "countryDescription")
            )
            add(entity, "address", ", ".join(p for p in parts if p))
            add(entity, "country", addr.get("countryIso2Code"))
        add(sanction, "authority", "European Union")
        add(sanction, "authorityId", item.get("euReferenceNumber"))
        add(sanction, "unscId", item.get("unitedNationId"))
        add(sanction, "reason", item.get("designationDetails"))
        for reg in _children(item, "regulation"):
            add(sanction, "program", reg.get("programme"))
            add(sanction, "listingDate", reg.get("publicationDate"))
        entries.append(finish(entity, sanction, []))
    return entries
