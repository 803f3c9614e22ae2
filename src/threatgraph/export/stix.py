"""STIX 2.1 export: one bundle of threat-actors, identities, locations, relationships, reports and notes.

Armed groups are threat-actors, people and other organisations identities, places locations
(STIX requires a country or coordinates, so a place we cannot locate is left out and counted).
Each event between two exported actors is a relationship whose description carries the
evidence sentence and source (an event with one identified actor is a note on it); an event the
text does not assert (negated "denied recruiting", hypothetical "plans to attack", demanded
"called for sanctions", claimed "claimed responsibility") is never a relationship but kept as a
note saying which it is. Each
article is a report referring to everything taken from it, each quote a note, each screening
link a note with the list reference. Objects are built
with the stix2 library (which validates on construction) and the bundle is parsed back with
``stix2.parse(..., allow_custom=False)``.
"""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import stix2

from threatgraph.export.mapping import entity_map, link_type, place, relationship_type, stix_id
from threatgraph.export.snapshot import ExportError, Snapshot
from threatgraph.export.stats import ExportStats
from threatgraph.extract.events_modality import stated

EPOCH = datetime(2000, 1, 1, tzinfo=UTC)


def _ts(value: Any) -> datetime:
    """A UTC timestamp from a stored value (SQLite hands back naive datetimes)."""
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    if isinstance(value, date):
        return datetime.combine(value, time(0), tzinfo=UTC)
    return EPOCH


def _stamp(*values: Any) -> dict[str, datetime]:
    """created/modified from data (never "now"), so re-exports are identical."""
    times = [_ts(v) for v in values if v is not None] or [EPOCH]
    return {"created": min(times), "modified": max(times)}


class _Builder:
    def __init__(self, snap: Snapshot, stats: ExportStats) -> None:
        self.snap = snap
        self.stats = stats
        self.objects: dict[str, Any] = {}
        self.sdo: dict[str, str] = {}  # our entity id -> STIX id
        self.places: dict[str, str] = {}  # casefolded place name -> location STIX id
        self.by_article: dict[str, list[str]] = defaultdict(list)
        self.report_ids = {aid: stix_id("report", aid) for aid in snap.articles}

    def add(self, obj: Any, article_ids: list[str] = ()) -> None:
        self.objects[obj.id] = obj
        self.stats.count(obj.type)
        for aid in article_ids:
            if aid in self.report_ids:
                self.by_article[aid].append(obj.id)

    def location(self, key: str, name: str, stamp: dict[str, datetime]) -> str | None:
        low = name.strip().casefold()
        if low in self.places:
            return self.places[low]
        where = place(name)
        if where is None:
            return None
        country, lat, lon = where
        kwargs: dict[str, Any] = {"country": country.upper()[:2]}
        if lat is not None and lon is not None:
            kwargs |= {"latitude": lat, "longitude": lon}
        loc = stix2.Location(id=stix_id("location", key), name=name, allow_custom=False, **stamp, **kwargs)
        self.add(loc)
        self.places[low] = loc.id
        return loc.id

    def actors(self) -> None:
        for ent in self.snap.entities.values():
            how = entity_map(ent["schema"])
            kind = how.get("stix")
            if not kind:
                self.stats.skip(f"entity type {ent['schema']} has no STIX type")
                continue
            stamp = _stamp(ent["first_seen"], ent["last_seen"])
            others = [a["name"] for a in ent["aliases"] if a["name"] != ent["caption"]]
            seen = f"Seen in {ent['article_count']} article(s), {ent['mention_count']} mention(s)."
            if kind == "location":
                sid = self.location(ent["id"], ent["caption"], stamp)
                if sid is None:
                    self.stats.skip("location without a known country")
                    continue
            elif kind == "threat-actor":
                obj = stix2.ThreatActor(
                    id=stix_id("threat-actor", ent["id"]),
                    name=ent["caption"],
                    aliases=others or None,
                    threat_actor_types=how.get("threat_actor_types"),
                    description=seen,
                    first_seen=_ts(ent["first_seen"]) if ent["first_seen"] else None,
                    last_seen=_ts(ent["last_seen"]) if ent["last_seen"] else None,
                    **stamp,
                )
                self.add(obj)
                sid = obj.id
            else:
                aka = f" Also known as: {'; '.join(others)}." if others else ""
                obj = stix2.Identity(
                    id=stix_id("identity", ent["id"]),
                    name=ent["caption"],
                    identity_class=how.get("identity_class", "unknown"),
                    description=seen + aka,
                    **stamp,
                )
                self.add(obj)
                sid = obj.id
            self.sdo[ent["id"]] = sid

    def _cite(self, article_id: str) -> str:
        art = self.snap.articles.get(article_id)
        if art is None:
            return ""
        bits = [art["title"], art["outlet"], art["published"].isoformat() if art["published"] else None, art["url"]]
        return " Source: " + ", ".join(str(b) for b in bits if b) + "."

    def events(self) -> None:
        for ev in self.snap.events:
            src, dst = self.sdo.get(ev["source_entity_id"] or ""), self.sdo.get(ev["target_entity_id"] or "")
            art = self.snap.articles.get(ev["article_id"], {})
            stamp = _stamp(art.get("ingested_at"))
            hedge = " (hedged)" if ev["hedged"] else ""
            evidence = f"{ev['type']}{hedge}: “{ev['sentence']}”{self._cite(ev['article_id'])}"
            modality = stated(ev)
            if modality != "asserted":
                refs = [r for r in (src, dst) if r] or [self.report_ids.get(ev["article_id"])]
                if not all(refs):
                    self.stats.skip(f"{modality} event without actors or article")
                    continue
                note = stix2.Note(
                    id=stix_id("note", "event", ev["id"]),
                    abstract=f"{modality.capitalize()} {ev['type']} event (not asserted as a relationship)",
                    content=evidence,
                    object_refs=refs,
                    **stamp,
                )
                self.add(note, [ev["article_id"]])
                continue
            timing: dict[str, datetime] = {}
            if ev["date_start"]:
                timing["start_time"] = _ts(ev["date_start"])
                timing["stop_time"] = _ts(ev["date_end"] or ev["date_start"]) + timedelta(days=1)
            if src and dst and src != dst:
                rel = stix2.Relationship(
                    id=stix_id("relationship", "event", ev["id"]),
                    relationship_type=relationship_type(ev["type"]),
                    source_ref=src,
                    target_ref=dst,
                    description=evidence,
                    confidence=50 if ev["hedged"] else 85,
                    **timing,
                    **stamp,
                )
                self.add(rel, [ev["article_id"]])
            elif src or dst:
                # One resolved actor: the evidence is kept as a note on that actor, never dropped.
                note = stix2.Note(
                    id=stix_id("note", "event", ev["id"]),
                    abstract=f"{ev['type']} event with one identified actor",
                    content=evidence,
                    object_refs=[src or dst],
                    **stamp,
                )
                self.add(note, [ev["article_id"]])
            else:
                self.stats.skip("event without an exported actor")
            if ev["place"] and (src or dst):
                loc = self.location(f"place:{ev['place'].casefold()}", ev["place"], stamp)
                if loc is None:
                    self.stats.skip("event place without a known country")
                    continue
                where = stix2.Relationship(
                    id=stix_id("relationship", "place", ev["id"]),
                    relationship_type=link_type("place"),
                    source_ref=src or dst,
                    target_ref=loc,
                    description=evidence,
                    confidence=50 if ev["hedged"] else 85,
                    **timing,
                    **stamp,
                )
                self.add(where, [ev["article_id"]])

    def memberships(self) -> None:
        for mem in self.snap.memberships:
            member, org = self.sdo.get(mem["member"]), self.sdo.get(mem["organization"])
            if not member or not org or org.startswith("location--"):
                self.stats.skip("membership without exported member/organization")
                continue
            rel = stix2.Relationship(
                id=stix_id("relationship", "membership", mem["member"], mem["organization"]),
                relationship_type=link_type("membership"),
                source_ref=member,
                target_ref=org,
                description=(f"Role: {mem['role']}." if mem["role"] else "")
                + "".join(self._cite(a) for a in sorted(set(mem["article_ids"]))),
                **_stamp(*(self.snap.articles.get(a, {}).get("ingested_at") for a in mem["article_ids"])),
            )
            self.add(rel, mem["article_ids"])

    def quotes(self) -> None:
        for q in self.snap.quotes:
            who = ", ".join(x for x in (q["speaker"], q["speaker_title"], q["speaker_affiliation"]) if x)
            refs = [r for r in (self.sdo.get(q["speaker_entity_id"] or ""), self.report_ids.get(q["article_id"])) if r]
            if not refs:
                self.stats.skip("quote without speaker or article")
                continue
            told = f" (told {q['outlet']})" if q["outlet"] else ""
            note = stix2.Note(
                id=stix_id("note", "quote", q["id"]),
                abstract=f"{'Quote' if q['direct'] else 'Reported statement'} by {who or 'unknown speaker'}{told}",
                content=q["text"],
                object_refs=refs,
                **_stamp(self.snap.articles.get(q["article_id"], {}).get("ingested_at")),
            )
            self.add(note, [q["article_id"]])

    def sanctions(self) -> None:
        for link in self.snap.sanctions:
            sid = self.sdo.get(link["entity_id"])
            if sid is None:
                continue
            entry = link["entry"] or {}
            listed = entry.get("caption") or link["entry_id"]
            props = ((entry.get("data") or {}).get("sanction") or {}).get("properties") or {}
            programs = ", ".join(props.get("program", []))
            note = stix2.Note(
                id=stix_id("note", "sanction", link["entity_id"], link["dataset"], link["entry_id"]),
                abstract=f"Sanctions list match: {link['dataset']} {link['entry_id']}",
                content=f"Matched listed entry “{listed}”"
                + (f" (programs: {programs})" if programs else "")
                + f" with score {link['score']:.2f}; link status {link['status']}.",
                object_refs=[sid],
                external_references=[{"source_name": link["dataset"], "external_id": str(link["entry_id"])}],
                **_stamp(link["created_at"]),
            )
            self.add(note)

    def reports(self) -> None:
        mentioned: dict[str, dict[str, None]] = defaultdict(dict)  # article -> ordered set of SDO ids
        for m in self.snap.mentions:  # one pass (streamed for whole-archive exports)
            sdo = self.sdo.get(m["entity_id"] or "")
            if sdo is not None:
                mentioned[m["article_id"]][sdo] = None
        for aid, art in self.snap.articles.items():
            refs = list(dict.fromkeys([*self.by_article.get(aid, []), *mentioned.get(aid, {})]))
            if not refs:
                self.stats.skip("article with nothing exported from it")
                continue
            ext = {"source_name": art["outlet"] or "threatgraph", "external_id": aid}
            if art["url"]:
                ext["url"] = art["url"]
            report = stix2.Report(
                id=self.report_ids[aid],
                name=art["title"] or f"{art['outlet'] or 'Article'} {aid[:12]}",
                published=_ts(art["published"] or art["ingested_at"]),
                report_types=["threat-report"],
                object_refs=refs,
                external_references=[ext],
                **_stamp(art["ingested_at"]),
            )
            self.add(report)

    def drop_dangling(self) -> None:
        """Notes pointing at a report that had nothing else to refer to: point them at what remains."""
        for oid, obj in list(self.objects.items()):
            if obj.type == "note":
                refs = [r for r in obj.object_refs if r in self.objects]
                if not refs:
                    del self.objects[oid]
                    self.stats.counts["note"] -= 1
                    self.stats.skip("note without a remaining referent")
                elif len(refs) != len(obj.object_refs):
                    self.objects[oid] = obj.new_version(object_refs=refs, modified=obj.modified)


def bundle(snap: Snapshot, stats: ExportStats) -> stix2.Bundle:
    b = _Builder(snap, stats)
    b.actors()
    b.events()
    b.memberships()
    b.quotes()
    b.sanctions()
    b.reports()
    b.drop_dangling()
    return stix2.Bundle(objects=list(b.objects.values()), id=stix_id("bundle", snap.focus or "all"), allow_custom=False)


def write(snap: Snapshot, out: Path, stats: ExportStats) -> None:
    """Write the snapshot as one STIX 2.1 bundle (JSON) to ``out``."""
    # stix2's pretty=True re-sorts properties with a slow, quadratic search; indent the compact form instead.
    text = json.dumps(json.loads(bundle(snap, stats).serialize()), indent=2, ensure_ascii=False)
    out.write_text(text, encoding="utf-8")
    stats.files.append(out)


def validate_file(path: Path) -> int:
    """Parse a bundle back with stix2 (no custom content allowed) and check every reference resolves."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("type") != "bundle" or not str(data.get("id", "")).startswith("bundle--"):
            raise ValueError("not a bundle")
        if not data.get("objects"):
            return 0  # an empty archive is an empty (valid) bundle; stix2.parse cannot take one
        parsed = stix2.parse(data, allow_custom=False)
    except (stix2.exceptions.STIXError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise ExportError(f"{path}: not a valid STIX 2.1 bundle: {exc}") from exc
    objects = parsed.get("objects", [])
    ids = {o.id for o in objects}
    for o in objects:
        refs = list(o.get("object_refs", []))
        refs += [o[k] for k in ("source_ref", "target_ref") if k in o]
        for ref in refs:
            if ref not in ids:
                raise ExportError(f"{path}: {o.id} refers to {ref}, which is not in the bundle")
    return len(objects)
