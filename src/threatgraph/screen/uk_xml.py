"""The UK's two sanctions list XML formats, both from official UK government publications.

- **UK Sanctions List** (FCDO, root ``Designations``): one ``Designation`` per listed party with ``UniqueID``
  (the UK's stable key, e.g. ``RUS0001``), ``IndividualEntityShip``, ``Names/Name`` (``Name1``…``Name5``
  given names, ``Name6`` the surname or whole entity name, ``NameType`` "Primary Name", "Primary Name
  Variation" or "Alias", ``AliasStrength``), ``NonLatinNames``, ``RegimeName``, ``DateDesignated``,
  ``UKStatementofReasons``, ``Addresses``, ``IndividualDetails`` (DOBs, nationalities, positions, birth
  places) and ``ShipDetails`` (IMO numbers, flags). Ids are ``uk-<UniqueID>``.
- **OFSI Consolidated List of Financial Sanctions Targets** (root ``ArrayOfFinancialSanctionsTarget``): one
  flat ``FinancialSanctionsTarget`` row *per name*, grouped into a party by ``GroupID``; ``AliasType``
  ("Primary name", "Primary name variation", "AKA", "FKA") and ``AliasQuality`` say which kind of name.
  Ids are ``ofsi-<GroupID>``; the row's ``UKSanctionsListRef`` links it to the FCDO list's UniqueID.

Dates in both are ``dd/mm/yyyy`` (with ``00`` for an unknown day or month) or ISO timestamps.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from typing import Any
from xml.etree.ElementTree import Element

from threatgraph.screen.entries import ListError, add, finish, new_entry, parse_dates
from threatgraph.screen.ofac_xml import _child, _children, _local, _text

SCHEMAS = {"individual": "Person", "entity": "Organization", "ship": "Vessel"}
#: Name kinds of both formats -> FtM name property ("Primary name variation" is a spelling of the name).
NAME_PROPS = {
    "primary name": "name",
    "primary name variation": "alias",
    "alias": "alias",
    "aka": "alias",
    "fka": "previousName",
}
_UK_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_ISO_STAMP = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$")


def uk_date(text: str | None) -> str | None:
    """An ISO date prefix from the UK formats: "16/03/2021" -> 2021-03-16, "00/00/1961" -> 1961,
    "00/05/1961" -> 1961-05, "2021-03-16T00:00:00" -> 2021-03-16; None when there is no date."""
    text = (text or "").strip()
    if not text:
        return None
    stamp = _ISO_STAMP.match(text)
    if stamp:
        try:
            return date.fromisoformat(stamp.group(1)).isoformat()
        except ValueError:
            return stamp.group(1)[:7] if 1 <= int(stamp.group(1)[5:7]) <= 12 else stamp.group(1)[:4]
    m = _UK_DATE.match(text)
    if m:
        day, month, year = (int(p) for p in m.groups())
        if not 1 <= month <= 12:
            return str(year)
        if not 1 <= day <= 31:
            return f"{year}-{month:02d}"
        try:
            return date(year, month, day).isoformat()
        except ValueError:
            return f"{year}-{month:02d}"
    found = parse_dates(text)
    return found[0] if found else None


def published(root: Element) -> date | None:
    """The generation date, where the file states one (attribute or child ``DateGenerated``)."""
    for value in (root.get("DateGenerated"), root.get("dateGenerated"), _text(root, "DateGenerated")):
        iso = uk_date(value)
        if iso and len(iso) == 10:
            return date.fromisoformat(iso)
    return None


def _full_name(parts: Iterable[str]) -> str:
    return " ".join(p.strip() for p in parts if p and p.strip())


def _schema(kind: str, where: str) -> str:
    schema = SCHEMAS.get(kind.strip().lower())
    if schema is None:
        expected = ", ".join(k.title() for k in SCHEMAS)
        raise ListError(f"{where}: unknown party type {kind!r} (expected {expected})")
    return schema


def _all_text(el: Element | None, path: Iterable[str]) -> list[str]:
    """Texts of the elements reached by following ``path`` (local names) from ``el``, any count per step."""
    level = [el] if el is not None else []
    for name in path:
        level = [c for parent in level for c in _children(parent, name)]
    return [(e.text or "").strip() for e in level if (e.text or "").strip()]


# --- FCDO UK Sanctions List ---------------------------------------------------------------------------------------


def parse_designations(root: Element) -> list[dict[str, Any]]:
    entries: list[dict[str, Any]] = []
    for num, item in enumerate(_children(root, "Designation"), 1):
        uid = _text(item, "UniqueID")
        if not uid:
            raise ListError(f"UK Sanctions List: designation #{num} has no UniqueID")
        schema = _schema(_text(item, "IndividualEntityShip"), f"UK Sanctions List: {uid}")
        entity, sanction = new_entry("uk", f"uk-{uid}", schema)
        names = sorted(
            _children(_child(item, "Names"), "Name"),
            key=lambda n: NAME_PROPS.get(_text(n, "NameType").lower(), "alias") != "name",
        )
        for name in names:
            full = _full_name(_text(name, f"Name{i}") for i in range(1, 7))
            prop = NAME_PROPS.get(_text(name, "NameType").lower(), "alias")
            if prop == "alias" and _text(name, "AliasStrength").lower() == "weak":
                prop = "weakAlias"
            add(entity, prop, full)
        for script in _children(_child(item, "NonLatinNames"), "NonLatinName"):
            add(entity, "alias", _text(script, "NameNonLatinScript"))
        if not entity.get("name"):
            raise ListError(f"UK Sanctions List: {uid} has no name (Names/Name/Name6)")
        for address in _children(_child(item, "Addresses"), "Address"):
            lines = [_text(address, f"AddressLine{i}") for i in range(1, 7)]
            lines += [_text(address, "AddressPostalCode"), _text(address, "AddressCountry")]
            add(entity, "address", ", ".join(p for p in lines if p))
            add(entity, "country", _text(address, "AddressCountry"))
        if schema == "Person":
            for person in _children(_child(item, "IndividualDetails"), "Individual"):
                for dob in _all_text(person, ("DOBs", "DOB")):
                    add(entity, "birthDate", uk_date(dob))
                for nationality in _all_text(person, ("Nationalities", "Nationality")):
                    add(entity, "nationality", nationality)
                for position in _all_text(person, ("Positions", "Position")):
                    add(entity, "position", position)
                for place in _children(_child(person, "BirthDetails"), "Location"):
                    parts = (_text(place, "TownOfBirth"), _text(place, "CountryOfBirth"))
                    add(entity, "birthPlace", ", ".join(p for p in parts if p))
                for passport in _all_text(person, ("PassportDetails", "Passport", "PassportNumber")):
                    add(entity, "passportNumber", passport)
                ids = ("NationalIdentifierDetails", "NationalIdentifier", "NationalIdentifierNumber")
                for national_id in _all_text(person, ids):
                    add(entity, "idNumber", national_id)
        elif schema == "Vessel":
            for ship in _children(_child(item, "ShipDetails"), "Ship"):
                for imo in _all_text(ship, ("IMONumbers", "IMONumber")):
                    add(entity, "imoNumber", imo)
                for flag in _all_text(ship, ("CurrentBelievedFlagOfShips", "CurrentBelievedFlagOfShip")):
                    add(entity, "flag", flag)
        add(entity, "notes", _text(item, "OtherInformation"))
        add(sanction, "authority", "United Kingdom")
        add(sanction, "summary", f"Designation source: {_text(item, 'DesignationSource') or 'UK'}")
        add(sanction, "authorityId", uid)
        add(sanction, "unscId", _text(item, "UNReferenceNumber"))
        add(sanction, "program", _text(item, "RegimeName"))
        add(sanction, "listingDate", uk_date(_text(item, "DateDesignated")))
        add(sanction, "modifiedAt", uk_date(_text(item, "LastUpdated")))
        add(sanction, "reason", _text(item, "UKStatementofReasons"))
        for measure in _text(item, "SanctionsImposed").split("|"):
            add(sanction, "provisions", measure)
        entries.append(finish(entity, sanction, []))
    return entries


# --- OFSI consolidated list --------------------------------------------------------------------------------------


def _row(el: Element) -> dict[str, str]:
    return {_local(c.tag): (c.text or "").strip() for c in el if (c.text or "").strip()}


def parse_ofsi(root: Element) -> list[dict[str, Any]]:
    groups: dict[str, list[dict[str, str]]] = {}
    for num, el in enumerate(_children(root, "FinancialSanctionsTarget"), 1):
        row = _row(el)
        group = row.get("GroupID", "")
        if not group:
            raise ListError(f"OFSI consolidated list: row #{num} ({row.get('Name6', 'no name')!r}) has no GroupID")
        groups.setdefault(group, []).append(row)
    entries: list[dict[str, Any]] = []
    for group, rows in groups.items():
        kinds = {r.get("GroupTypeDescription", "") for r in rows} - {""}
        if len(kinds) != 1:
            found = ", ".join(sorted(kinds)) or "none"
            raise ListError(f"OFSI consolidated list: group {group}: expected one GroupTypeDescription, found {found}")
        schema = _schema(kinds.pop(), f"OFSI consolidated list: group {group}")
        entity, sanction = new_entry("ofsi", f"ofsi-{group}", schema)
        # Primary names first, so the entity's caption is the listed name.
        rows.sort(key=lambda r: NAME_PROPS.get(r.get("AliasType", "").lower(), "alias") != "name")
        for row in rows:
            full = _full_name(row.get(f"Name{i}", "") for i in range(1, 7))
            prop = NAME_PROPS.get(row.get("AliasType", "").lower(), "alias")
            if prop != "name" and row.get("AliasQuality", "").lower().startswith("low"):
                prop = "weakAlias"
            add(entity, prop, full)
            add(entity, "alias", row.get("NameNonLatinScript"))
            _ofsi_facts(entity, sanction, row, schema)
        if not entity.get("name"):
            names = entity.get("alias") + entity.get("previousName") + entity.get("weakAlias")
            if not names:
                raise ListError(f"OFSI consolidated list: group {group} has no name (Name6)")
            add(entity, "name", names[0])
        entries.append(finish(entity, sanction, []))
    return entries


def _ofsi_facts(entity: Any, sanction: Any, row: dict[str, str], schema: str) -> None:
    """The non-name columns of one row (every row of a group repeats them; FtM keeps each value once)."""
    address = [row.get(f"Address{i}", "") for i in range(1, 7)] + [row.get("PostCode", ""), row.get("Country", "")]
    add(entity, "address", ", ".join(p for p in address if p))
    add(entity, "country", row.get("Country"))
    if schema == "Person":
        add(entity, "title", row.get("Title"))
        add(entity, "birthDate", uk_date(row.get("Individual_DateOfBirth") or row.get("DOB")))
        add(entity, "nationality", row.get("Individual_Nationality") or row.get("Nationality"))
        add(entity, "position", row.get("Individual_Position") or row.get("Position"))
        add(entity, "passportNumber", row.get("Individual_PassportNumber") or row.get("PassportNumber"))
        add(entity, "idNumber", row.get("Individual_NINumber") or row.get("NationalIdentificationNumber"))
        town = row.get("Individual_TownOfBirth") or row.get("TownOfBirth")
        add(entity, "birthPlace", ", ".join(p for p in (town, row.get("Individual_CountryOfBirth")) if p))
    elif schema == "Vessel":
        add(entity, "imoNumber", row.get("Ship_IMONumber"))
        add(entity, "flag", row.get("Ship_Flag"))
    else:
        add(entity, "registrationNumber", row.get("Entity_BusinessRegNumber"))
    add(entity, "notes", row.get("OtherInformation"))
    add(sanction, "authority", "HM Treasury, Office of Financial Sanctions Implementation")
    add(sanction, "program", row.get("RegimeName"))
    add(sanction, "authorityId", row.get("UKSanctionsListRef"))
    add(sanction, "unscId", row.get("UNRef") or row.get("UNReference"))
    add(sanction, "listingDate", uk_date(row.get("DateListed") or row.get("DateDesignated")))
    add(sanction, "modifiedAt", uk_date(row.get("LastUpdated")))
    add(sanction, "reason", row.get("UKStatementOfReasons"))
