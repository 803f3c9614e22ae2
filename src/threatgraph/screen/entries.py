"""Building list entries: one FollowTheMoney entity per listed party plus the Sanction that lists it.

Every loader (OFAC CSV/XML, UN XML, FtM JSON) produces :class:`ParsedList` holding entry dicts of one shape:
``entity.to_dict()`` plus ``"sanction"`` (the Sanction entity's dict) and ``"links"`` (names of related
listed parties, as OFAC's "Linked To:" gives them). Keeping that shape in one place is what lets the store
diff versions across formats and the index read any list the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from followthemoney import model
from followthemoney.proxy import EntityProxy
from followthemoney.types import registry

from threatgraph.datafiles import load_yaml
from threatgraph.screen.schemas import RemarksFile

REMARKS_FILE = Path(__file__).with_name("remarks.yaml")


class ListError(ValueError):
    """A list file cannot be read; the message names the file and the reason. Nothing was stored."""


@dataclass(slots=True)
class ParsedList:
    """One parsed list file (or OFAC CSV trio): what a single list version holds."""

    dataset: str
    format: str
    source: str
    digest: str
    published: date | None
    entries: list[dict[str, Any]] = field(default_factory=list)


@lru_cache(maxsize=1)
def remark_rules() -> dict[str, Any]:
    data = load_yaml(REMARKS_FILE, RemarksFile)
    rules = sorted(data["rules"], key=lambda r: -len(r["prefix"]))
    return {"aliases": data["aliases"], "rules": rules, "types": data["types"]}


def schema_for(list_type: str | None) -> str:
    """FtM schema name for an OFAC-style entry type ("individual", "vessel", "aircraft", "" for entities)."""
    key = (list_type or "").strip().lower()
    if key in ("-0-", "entity"):
        key = ""
    return remark_rules()["types"].get(key, "Organization")


def new_entry(dataset: str, entry_id: str, schema: str) -> tuple[EntityProxy, EntityProxy]:
    """An empty entity and its Sanction, with ids stable across list versions and formats."""
    entity = model.make_entity(schema)
    entity.id = entry_id
    entity.add("topics", "sanction")
    sanction = model.make_entity("Sanction")
    sanction.id = f"{entry_id}-sanction"
    sanction.add("entity", entry_id)
    return entity, sanction


def add(proxy: EntityProxy, prop: str, value: Any) -> None:
    """Add a value if the schema has the property; otherwise keep it in notes so nothing is lost."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return
    value = value.strip() if isinstance(value, str) else value
    if prop in proxy.schema.properties:
        before = len(proxy.get(prop))
        proxy.add(prop, value, quiet=True, fuzzy=True)
        if len(proxy.get(prop)) > before or str(value) in proxy.get(prop):
            return
        prop_type = proxy.schema.properties[prop].type
        cleaned = prop_type.clean(value, fuzzy=True, format=proxy.schema.properties[prop].format)
        if cleaned is not None and cleaned in proxy.get(prop):
            return  # a duplicate after cleaning
    proxy.add("notes", f"{prop}: {value}", quiet=True)


_MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
_MONTH = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_DAY_MONTH_YEAR = re.compile(r"(\d{1,2})\s+" + _MONTH + r"\s+(\d{4})", re.IGNORECASE)
_MONTH_YEAR = re.compile(r"\b" + _MONTH + r"\s+(\d{4})", re.IGNORECASE)
_ISO = re.compile(r"\b(\d{4})-(\d{2})(?:-(\d{2}))?\b")
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")


def parse_dates(text: str) -> list[str]:
    """ISO date prefixes in a list's date text: "12 Mar 1971" -> 1971-03-12, "circa 1971" -> 1971,
    "1968 to 1970" -> 1968 and 1970. Precision is kept by the prefix length (FtM's convention)."""
    out: list[str] = []
    rest = text
    for m in _ISO.finditer(rest):
        out.append("-".join(p for p in m.groups() if p))
    rest = _ISO.sub(" ", rest)
    for d, mon, y in _DAY_MONTH_YEAR.findall(rest):
        out.append(f"{y}-{_MONTHS.index(mon.lower()) + 1:02d}-{int(d):02d}")
    rest = _DAY_MONTH_YEAR.sub(" ", rest)
    for mon, y in _MONTH_YEAR.findall(rest):
        out.append(f"{y}-{_MONTHS.index(mon.lower()) + 1:02d}")
    rest = _MONTH_YEAR.sub(" ", rest)
    out.extend(_YEAR.findall(rest))
    return out


def parse_day(text: str | None) -> date | None:
    """A full date out of a list header ("05/03/2024", "2024-05-03", "03 May 2024"), or None."""
    if not text:
        return None
    text = text.strip()
    for fmt in ("%m/%d/%Y", "%Y-%m-%d", "%d %b %Y", "%d %B %Y", "%Y-%m-%dT%H:%M:%S"):
        try:
            return datetime.strptime(text[:19] if "T" in fmt else text, fmt).date()
        except ValueError:
            continue
    found = [d for d in parse_dates(text) if len(d) == 10]
    return date.fromisoformat(found[0]) if found else None


_ID_TAIL = re.compile(r"\s*(\(.*|expires.*|issued.*|alt\..*)$", re.IGNORECASE)


def clean_id(text: str) -> str:
    """The identifier in "A1234567 (Iran) expires 2020": the value before country and validity notes."""
    text = _ID_TAIL.sub("", text.strip()).strip().rstrip(".,;")
    return text


_ID_COUNTRY = re.compile(r"\(([^()]+)\)")


def id_country(text: str) -> str | None:
    """The country an identifier clause names in brackets ("9701012339 (Russia)"), as an ISO code, or None.

    Why: OFAC writes a listed body's country only there ("Tax ID No. ... (Russia); Registration Number ...
    (Russia)"), and without it a namesake body of another country (a firm of the same name elsewhere, decades
    earlier) contradicts nothing the entry says."""
    m = _ID_COUNTRY.search(text)
    return registry.country.clean(m.group(1).strip()) if m else None


_QUOTED = re.compile(r"^'(.*)'\.?$", re.DOTALL)


def apply_remarks(entity: EntityProxy, sanction: EntityProxy, remarks: str, links: list[str]) -> None:
    """Spread OFAC-style remarks over the entity and its Sanction (rules in ``remarks.yaml``)."""
    remarks = (remarks or "").strip()
    if not remarks or remarks == "-0-":
        return
    rules = remark_rules()
    for clause in _split_clauses(remarks):
        body = clause[5:].strip() if clause.startswith("alt. ") else clause
        alias_prop = next((p for k, p in rules["aliases"].items() if body.startswith(k)), None)
        if alias_prop:
            key = body.split(" ", 1)[0]
            value = body[len(key) :].strip()
            m = _QUOTED.match(value)
            alias = m.group(1) if m else value.strip("'")
            if entity.schema.is_a("Person") and alias.count(", ") == 1:
                last, first = alias.split(", ")
                alias = f"{first} {last}"  # OFAC's "LAST, First" order, as for the main name
            add(entity, alias_prop, alias)
            continue
        for rule in rules["rules"]:
            if body.startswith(rule["prefix"]):
                _apply_rule(entity, sanction, rule, body[len(rule["prefix"]) :].strip(" :-"), links)
                break
        else:
            add(entity, "notes", clause)


def _apply_rule(entity: EntityProxy, sanction: EntityProxy, rule: dict, value: str, links: list[str]) -> None:
    kind, prop = rule["kind"], rule["prop"]
    if not value:
        return
    if kind == "date":
        dates = parse_dates(value)
        for d in dates:
            add(entity, prop, d)
        if not dates:
            add(entity, "notes", f"{rule['prefix']} {value}")
    elif kind == "id":
        add(entity, prop, clean_id(value))
        issuer = id_country(value)
        if issuer and entity.schema.is_a("LegalEntity") and not entity.schema.is_a("Person"):
            # a body's registration or tax number is issued where it is registered: its jurisdiction. A person's
            # passport says less (a national of one country holds another's), and the list states nationality
            add(entity, "jurisdiction", issuer)
    elif kind == "link":
        links.append(value.rstrip("."))
    elif kind == "sanction":
        if prop.endswith("Date"):
            for d in parse_dates(value):
                add(sanction, prop, d)
        else:
            add(sanction, prop, f"{rule['prefix']} {value}".strip())
    else:
        add(entity, prop, value.rstrip("."))


def _split_clauses(remarks: str) -> list[str]:
    """Split remarks on "; " but not inside a quoted alias (aliases may contain semicolons)."""
    clauses: list[str] = []
    buf: list[str] = []
    for part in remarks.rstrip().removesuffix(".").split(";"):
        buf.append(part)
        joined = ";".join(buf).strip()
        if re.match(r"^(alt\. )?[afn]\.k\.a\. '", joined) and not re.search(r"'\s*$", joined):
            continue  # quote not closed yet
        clauses.append(joined)
        buf = []
    if buf:
        clauses.append(";".join(buf).strip())
    return [c for c in clauses if c]


def finish(entity: EntityProxy, sanction: EntityProxy, links: list[str], record: str | None = None) -> dict[str, Any]:
    """The stored entry dict: FtM entity dict plus its Sanction, related names and, for row-based formats, the
    source record as published (so a version diff sees every change, even in text the model does not keep)."""
    data = entity.to_dict()
    data.pop("referents", None)
    data["sanction"] = sanction.to_dict()
    data["sanction"].pop("referents", None)
    if links:
        data["links"] = sorted(set(links))
    if record:
        data["record"] = record
    return data


def caption(data: dict[str, Any]) -> str:
    """The display name of an entry dict."""
    if data.get("caption"):
        return str(data["caption"])
    proxy = model.get_proxy({k: v for k, v in data.items() if k in ("id", "schema", "properties")})
    return proxy.caption
