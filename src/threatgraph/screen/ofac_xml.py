"""OFAC's legacy XML (``sdn.xml``, root ``sdnList``): the same entries as ``sdn.csv`` with structured
aliases, identifiers, addresses, nationalities and dates. Ids (``ofac-<uid>``) match the CSV loader's.

Identifier types and remark clauses go through the same ``remarks.yaml`` rules as the CSV's Remarks column,
so "Passport", "Linked To:" or "Vessel Registration Identification" mean the same thing in both formats.
"""

from __future__ import annotations

from datetime import date
from typing import Any
from xml.etree.ElementTree import Element

from threatgraph.screen.entries import add, apply_remarks, finish, new_entry, parse_dates, parse_day, schema_for


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _children(el: Element | None, name: str) -> list[Element]:
    if el is None:
        return []
    return [c for c in el if _local(c.tag) == name]


def _child(el: Element | None, name: str) -> Element | None:
    found = _children(el, name)
    return found[0] if found else None


def _text(el: Element | None, name: str) -> str:
    child = _child(el, name)
    return (child.text or "").strip() if child is not None else ""


def published(root: Element) -> date | None:
    return parse_day(_text(_child(root, "publshInformation"), "Publish_Date"))


def _full_name(el: Element, schema: str) -> str:
    first, last = _text(el, "firstName"), _text(el, "lastName")
    return f"{first} {last}".strip() if schema == "Person" else (last or first)


def parse(root: Element) -> list[dict[str, Any]]:
    entries: list[dict[str, Any]] = []
    for item in _children(root, "sdnEntry"):
        uid = _text(item, "uid")
        schema = schema_for(_text(item, "sdnType").lower())
        entity, sanction = new_entry("ofac", f"ofac-{uid}", schema)
        links: list[str] = []
        add(entity, "name", _full_name(item, schema))
        if schema == "Person":
            add(entity, "firstName", _text(item, "firstName"))
            add(entity, "lastName", _text(item, "lastName"))
            add(entity, "position", _text(item, "title"))
        for program in _children(_child(item, "programList"), "program"):
            add(sanction, "program", program.text or "")
        add(sanction, "authority", "Office of Foreign Assets Control")
        add(sanction, "country", "us")
        add(sanction, "authorityId", uid)
        for aka in _children(_child(item, "akaList"), "aka"):
            prop = "previousName" if _text(aka, "type").lower() == "f.k.a." else "alias"
            if _text(aka, "category").lower() == "weak":
                prop = "weakAlias"
            add(entity, prop, _full_name(aka, schema))
        for ident in _children(_child(item, "idList"), "id"):
            clause = f"{_text(ident, 'idType')} {_text(ident, 'idNumber')}".strip()
            apply_remarks(entity, sanction, clause.replace(";", ","), links)
        for addr in _children(_child(item, "addressList"), "address"):
            parts = [_text(addr, k) for k in ("address1", "address2", "address3", "city", "stateOrProvince")]
            parts += [_text(addr, "postalCode"), _text(addr, "country")]
            add(entity, "address", ", ".join(p for p in parts if p))
            add(entity, "country", _text(addr, "country"))
        for nat in _children(_child(item, "nationalityList"), "nationality"):
            add(entity, "nationality", _text(nat, "country"))
        for cit in _children(_child(item, "citizenshipList"), "citizenship"):
            add(entity, "citizenship", _text(cit, "country"))
        for dob in _children(_child(item, "dateOfBirthList"), "dateOfBirthItem"):
            for d in parse_dates(_text(dob, "dateOfBirth")):
                add(entity, "birthDate", d)
        for pob in _children(_child(item, "placeOfBirthList"), "placeOfBirthItem"):
            add(entity, "birthPlace", _text(pob, "placeOfBirth"))
        vessel = _child(item, "vesselInfo")
        if vessel is not None and schema == "Vessel":
            add(entity, "callSign", _text(vessel, "callSign"))
            add(entity, "type", _text(vessel, "vesselType"))
            add(entity, "flag", _text(vessel, "vesselFlag"))
            add(entity, "tonnage", _text(vessel, "tonnage"))
            add(entity, "grossRegisteredTonnage", _text(vessel, "grossRegisteredTonnage"))
            owner = _text(vessel, "vesselOwner")
            add(entity, "notes", owner and f"Owner: {owner}")
        apply_remarks(entity, sanction, _text(item, "remarks"), links)
        entries.append(finish(entity, sanction, links))
    return entries
