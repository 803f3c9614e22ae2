"""OFAC's legacy CSV files: ``sdn.csv`` (one row per listed party), optionally ``alt.csv`` (aliases) and
``add.csv`` (addresses), all without headers, ``-0-`` meaning empty.

Without ``alt.csv``/``add.csv`` OFAC still puts aliases, birth dates, nationalities, identifiers and
"Linked To" in the Remarks column, so those are always read from there (``remarks.yaml``); the extra files
add what Remarks lacks. Entry ids are ``ofac-<ent_num>``, the same as the XML loader's, so versions diff
across formats.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from pathlib import Path

from threatgraph.screen.entries import (
    ListError,
    add,
    apply_remarks,
    finish,
    new_entry,
    schema_for,
)

SDN_COLUMNS = 12
ALT_COLUMNS = 5
ADD_COLUMNS = 6
ALIAS_PROPS = {"aka": "alias", "fka": "previousName", "nka": "alias"}
PROGRAM_SEP = "] ["


def _cell(value: str | None) -> str:
    value = (value or "").strip()
    return "" if value == "-0-" else value


def read_rows(path: Path, text: str, width: int) -> list[list[str]]:
    """CSV rows of ``width`` columns; the trailing EOF marker (0x1A) OFAC appends is ignored."""
    rows: list[list[str]] = []
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        for num, row in enumerate(reader, 1):
            if not row or (len(row) == 1 and row[0].strip() in ("", "\x1a")):
                continue
            if len(row) != width:
                raise ListError(f"{path}: line {num}: expected {width} columns, found {len(row)}")
            rows.append(row)
    except csv.Error as exc:
        raise ListError(f"{path}: broken CSV at line {reader.line_num}: {exc}") from exc
    return rows


def person_name(sdn_name: str) -> tuple[str, str, str]:
    """OFAC writes individuals as "LAST, First"; return (display name, first name, last name)."""
    if ", " in sdn_name:
        last, first = sdn_name.split(", ", 1)
        return f"{first} {last}", first, last
    return sdn_name, "", sdn_name


def parse(sdn: tuple[Path, str], alt: tuple[Path, str] | None, addr: tuple[Path, str] | None) -> list[dict]:
    """Entry dicts (see :mod:`entries`) for the rows of ``sdn.csv`` plus the optional alias/address files."""
    aliases: dict[str, list[tuple[str, str]]] = defaultdict(list)
    if alt:
        for row in read_rows(alt[0], alt[1], ALT_COLUMNS):
            aliases[row[0].strip()].append((_cell(row[2]).lower().replace(".", ""), _cell(row[3])))
    addresses: dict[str, list[list[str]]] = defaultdict(list)
    if addr:
        for row in read_rows(addr[0], addr[1], ADD_COLUMNS):
            addresses[row[0].strip()].append([_cell(c) for c in row])
    entries: list[dict] = []
    seen: set[str] = set()
    for row in read_rows(sdn[0], sdn[1], SDN_COLUMNS):
        ent_num, name, sdn_type, programs, title, call_sign, vess_type, tonnage, grt, flag, owner, remarks = (
            _cell(c) for c in row
        )
        if not ent_num.isdigit() or not name:
            raise ListError(f"{sdn[0]}: row with ent_num {ent_num!r} has no valid id or name")
        if ent_num in seen:
            raise ListError(f"{sdn[0]}: ent_num {ent_num} appears twice")
        seen.add(ent_num)
        schema = schema_for(sdn_type)
        entity, sanction = new_entry("ofac", f"ofac-{ent_num}", schema)
        links: list[str] = []
        if schema == "Person":
            display, first, last = person_name(name)
            add(entity, "name", display)
            add(entity, "firstName", first)
            add(entity, "lastName", last)
            add(entity, "position", title)
        else:
            add(entity, "name", name)
            add(entity, "notes", title and f"Title: {title}")
        for program in programs.split(PROGRAM_SEP):
            add(sanction, "program", program.strip("[] "))
        add(sanction, "authority", "Office of Foreign Assets Control")
        add(sanction, "country", "us")
        add(sanction, "authorityId", ent_num)
        if schema == "Vessel":
            add(entity, "callSign", call_sign)
            add(entity, "type", vess_type)
            add(entity, "tonnage", tonnage)
            add(entity, "grossRegisteredTonnage", grt)
            add(entity, "flag", flag)
            add(entity, "notes", owner and f"Owner: {owner}")
        apply_remarks(entity, sanction, remarks, links)
        for alt_type, alt_name in aliases.get(ent_num, ()):
            if schema == "Person":
                alt_name = person_name(alt_name)[0]
            add(entity, ALIAS_PROPS.get(alt_type, "alias"), alt_name)
        for _e, _n, street, city, country, add_remarks in addresses.get(ent_num, ()):
            add(entity, "address", ", ".join(p for p in (street, city, country) if p))
            add(entity, "country", country)
            add(entity, "notes", add_remarks and f"Address note: {add_remarks}")
        record = "|".join(_cell(c) for c in row)
        entries.append(finish(entity, sanction, links, record))
    return entries
