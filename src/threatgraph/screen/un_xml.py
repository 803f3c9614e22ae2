"""The UN Security Council consolidated list XML (root ``CONSOLIDATED_LIST``): individuals and entities with
aliases (quality "Low" becomes a weak alias), documents, addresses, birth dates and places.

Ids are ``un-<REFERENCE_NUMBER>`` (e.g. ``un-QDe.004``): the reference number is the UN's stable key, while
DATAID changes with some re-publications.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any
from xml.etree.ElementTree import Element

from threatgraph.names.translit import is_latin_name
from threatgraph.screen.entries import ListError, add, finish, new_entry, parse_dates, parse_day
from threatgraph.screen.ofac_xml import _child, _children, _text

NAME_PARTS = ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")
ID_PROPS = {"passport": "passportNumber", "national identification number": "idNumber"}


def published(root: Element) -> date | None:
    return parse_day(root.get("dateGenerated"))


def _values(el: Element, name: str) -> list[str]:
    return [(v.text or "").strip() for v in _children(_child(el, name), "VALUE") if (v.text or "").strip()]


def alias_names(text: str) -> list[str]:
    """The names one ALIAS_NAME element holds. The list sometimes writes several spellings of one alias in one
    element, apart by semicolons ("Ali Rezai; Ali Rezaie"), and sometimes a name with its writing in another
    script in brackets ("Ali Rezai (علي رضائي)", or the other way round, the bracket holding spellings apart
    by semicolons): each is a name of its own, or none of them would match a query that writes only one. A
    bracket in the name's own script is part of the name and stays ("X (birth name)")."""
    written = _OTHER_WRITING.match(text)
    if written and is_latin_name(written["name"]) != is_latin_name(written["other"]):
        parts = [*_apart(written["name"]), *_apart(written["other"])]
    else:
        parts = _apart(text)
    return list(dict.fromkeys(p for p in parts if p))


#: A name followed by one bracket, which may hold the name written in another script.
_OTHER_WRITING = re.compile(r"^(?P<name>[^()]+?)\s*\((?P<other>[^()]+)\)\s*$")


def _apart(text: str) -> list[str]:
    """``text`` cut at the semicolons outside brackets, each part stripped."""
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        depth += (ch == "(") - (ch == ")")
        if ch == ";" and depth == 0:
            parts.append(text[start:i])
            start = i + 1
    parts.append(text[start:])
    return [p.strip() for p in parts if p.strip()]


def _entry(item: Element, schema: str, prefix: str) -> dict[str, Any]:
    ref = _text(item, "REFERENCE_NUMBER") or _text(item, "DATAID")
    if not ref:
        raise ListError(f"UN list entry without REFERENCE_NUMBER or DATAID: {_text(item, 'FIRST_NAME')!r}")
    entity, sanction = new_entry("un", f"un-{ref}", schema)
    name = " ".join(p for p in (_text(item, k) for k in NAME_PARTS) if p)
    add(entity, "name", name)
    add(entity, "name", _text(item, "NAME_ORIGINAL_SCRIPT"))
    if schema == "Person":
        add(entity, "firstName", _text(item, "FIRST_NAME"))
        for title in _values(item, "TITLE"):
            add(entity, "title", title)
        for position in _values(item, "DESIGNATION"):
            add(entity, "position", position)
        for nat in _values(item, "NATIONALITY"):
            add(entity, "nationality", nat)
    add(entity, "notes", _text(item, "COMMENTS1"))
    add(sanction, "authority", "United Nations Security Council")
    add(sanction, "program", _text(item, "UN_LIST_TYPE"))
    add(sanction, "unscId", ref)
    add(sanction, "authorityId", ref)
    for d in parse_dates(_text(item, "LISTED_ON")):
        add(sanction, "listingDate", d)
    for alias in _children(item, f"{prefix}_ALIAS"):
        quality = _text(alias, "QUALITY").lower()
        for written in alias_names(_text(alias, "ALIAS_NAME")):
            add(entity, "weakAlias" if quality == "low" else "alias", written)
    for addr in _children(item, f"{prefix}_ADDRESS"):
        parts = [_text(addr, k) for k in ("STREET", "CITY", "STATE_PROVINCE", "ZIP_CODE", "COUNTRY")]
        add(entity, "address", ", ".join(p for p in parts if p))
        add(entity, "country", _text(addr, "COUNTRY"))
    for dob in _children(item, f"{prefix}_DATE_OF_BIRTH"):
        for key in ("DATE", "YEAR", "FROM_YEAR", "TO_YEAR"):
            for d in parse_dates(_text(dob, key)):
                add(entity, "birthDate", d)
    for pob in _children(item, f"{prefix}_PLACE_OF_BIRTH"):
        parts = [_text(pob, k) for k in ("CITY", "STATE_PROVINCE", "COUNTRY")]
        add(entity, "birthPlace", ", ".join(p for p in parts if p))
    for doc in _children(item, f"{prefix}_DOCUMENT"):
        kind = _text(doc, "TYPE_OF_DOCUMENT").lower()
        add(entity, ID_PROPS.get(kind, "idNumber"), _text(doc, "NUMBER"))
    return finish(entity, sanction, [])


def parse(root: Element) -> list[dict[str, Any]]:
    entries = [_entry(i, "Person", "INDIVIDUAL") for i in _children(_child(root, "INDIVIDUALS"), "INDIVIDUAL")]
    entries += [_entry(e, "Organization", "ENTITY") for e in _children(_child(root, "ENTITIES"), "ENTITY")]
    return entries
