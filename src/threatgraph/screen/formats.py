"""Reading list files of any supported format: sniffing, decoding, safe XML parsing, dispatch to a loader.

Supported: OFAC legacy CSV (sdn.csv + optional alt.csv/add.csv), OFAC sdn.xml, OFAC SDN_ADVANCED.XML, the UN
consolidated list XML, the EU FSF XML, the UK Sanctions List XML (FCDO), the OFSI consolidated list XML and
FollowTheMoney JSON lines.

The format comes from the content (XML root element, JSON line, CSV column count), not the file name, so a
renamed file still loads and a wrong file is refused with a reason. XML goes through defusedxml: entity
expansion ("billion laughs"), external entities and DTD tricks are refused before anything is stored.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from threatgraph.screen import eu_xml, ftm_json, ofac_advanced, ofac_csv, ofac_xml, uk_xml, un_xml
from threatgraph.screen.datasets import dataset_for
from threatgraph.screen.entries import ListError, ParsedList

XML_ROOTS = {
    "sdnList": "ofac-xml",
    "Sanctions": "ofac-advanced-xml",
    "CONSOLIDATED_LIST": "un-xml",
    "export": "eu-xml",
    "Designations": "uk-xml",
    "ArrayOfFinancialSanctionsTarget": "ofsi-xml",
}
XML_PARSERS: dict[str, Callable[[Element], list[dict[str, Any]]]] = {
    "ofac-xml": ofac_xml.parse,
    "ofac-advanced-xml": ofac_advanced.parse,
    "un-xml": un_xml.parse,
    "eu-xml": eu_xml.parse,
    "uk-xml": uk_xml.parse_designations,
    "ofsi-xml": uk_xml.parse_ofsi,
}
XML_PUBLISHED: dict[str, Callable[[Element], date | None]] = {
    "ofac-xml": ofac_xml.published,
    "ofac-advanced-xml": ofac_advanced.published,
    "un-xml": un_xml.published,
    "eu-xml": eu_xml.published,
    "uk-xml": uk_xml.published,
    "ofsi-xml": uk_xml.published,
}
CSV_WIDTHS = {ofac_csv.SDN_COLUMNS: "sdn", ofac_csv.ALT_COLUMNS: "alt", ofac_csv.ADD_COLUMNS: "add"}
_DATE_IN_NAME = re.compile(r"(\d{4}-\d{2}-\d{2})")


def read_text(path: Path) -> tuple[bytes, str]:
    """The file's bytes and text (UTF-8, else Windows-1252 as OFAC used to publish); refuse empty/binary."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ListError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    if not raw.strip():
        raise ListError(f"{path}: empty file")
    if b"\x00" in raw[:8192]:
        raise ListError(f"{path}: binary file, not a sanctions list")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
    return raw, text


def parse_xml(path: Path, raw: bytes) -> Element:
    try:
        return fromstring(raw, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise ListError(f"{path}: refused hostile XML ({type(exc).__name__}): {exc}") from exc
    except ParseError as exc:
        raise ListError(f"{path}: malformed or truncated XML: {exc}") from exc


def sniff(path: Path, text: str) -> str:
    """``xml``, ``ftm-json`` or ``csv-sdn`` / ``csv-alt`` / ``csv-add``."""
    head = text.lstrip()[:1]
    if head == "<":
        return "xml"
    if head == "{":
        return "ftm-json"
    try:
        row = next(csv.reader(io.StringIO(text.lstrip("\ufeff").split("\n", 1)[0])), [])
    except csv.Error as exc:
        raise ListError(f"{path}: unknown list format (not XML, JSON lines or CSV: {exc})") from exc
    kind = CSV_WIDTHS.get(len(row))
    if kind is None:
        raise ListError(f"{path}: unknown list format (a CSV row of {len(row)} columns is none of OFAC's files)")
    return f"csv-{kind}"


def parse_files(paths: list[Path], dataset: str | None = None) -> list[ParsedList]:
    """Parse every file; OFAC's CSV trio (sdn + alt + add) given together makes one list version.

    Raises :class:`ListError` before returning anything if any file is unreadable, so a batch is all or nothing.
    """
    csv_parts: dict[str, tuple[Path, str, bytes]] = {}
    out: list[ParsedList] = []
    for path in paths:
        raw, text = read_text(path)
        kind = sniff(path, text)
        if kind.startswith("csv-"):
            part = kind[4:]
            if part in csv_parts:
                raise ListError(f"{path}: a second OFAC {part}.csv in one load ({csv_parts[part][0]})")
            csv_parts[part] = (path, text, raw)
            continue
        digest = hashlib.sha256(raw).hexdigest()
        if kind == "ftm-json":
            entries, named = ftm_json.parse(path, text)
            out.append(
                ParsedList(dataset or named or path.stem, "ftm-json", str(path), digest, _name_date(path), entries)
            )
            continue
        root = parse_xml(path, raw)
        fmt = XML_ROOTS.get(root.tag.rsplit("}", 1)[-1])
        if fmt is None:
            raise ListError(f"{path}: wrong XML root <{root.tag}>: expected one of {', '.join(XML_ROOTS)}")
        try:
            entries = XML_PARSERS[fmt](root)
        except ListError as exc:
            raise ListError(f"{path}: {exc}") from exc
        name = dataset or dataset_for(fmt, entries)
        out.append(ParsedList(name, fmt, str(path), digest, XML_PUBLISHED[fmt](root), entries))
    if csv_parts:
        if "sdn" not in csv_parts:
            raise ListError(f"{next(iter(csv_parts.values()))[0]}: alt.csv/add.csv need sdn.csv in the same load")
        sdn, alt, addr = csv_parts["sdn"], csv_parts.get("alt"), csv_parts.get("add")
        digest = hashlib.sha256(b"".join(p[2] for p in (sdn, alt, addr) if p)).hexdigest()
        entries = ofac_csv.parse(sdn[:2], alt[:2] if alt else None, addr[:2] if addr else None)
        source = " + ".join(str(p[0]) for p in (sdn, alt, addr) if p)
        name = dataset or dataset_for("ofac-csv", entries)
        out.append(ParsedList(name, "ofac-csv", source, digest, _name_date(sdn[0]), entries))
    for parsed in out:
        if not parsed.entries:
            raise ListError(f"{parsed.source}: no list entries found")
    return out


def _name_date(path: Path) -> date | None:
    """A publication date written in the file name (``sdn-2023-05-02.csv``), if any."""
    m = _DATE_IN_NAME.search(path.name)
    try:
        return date.fromisoformat(m.group(1)) if m else None
    except ValueError:
        return None
