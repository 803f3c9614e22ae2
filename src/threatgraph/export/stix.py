"""STIX 2.1 export: one bundle of threat-actors, identities, locations, relationships, reports and notes.

Armed groups are threat-actors, people and other organisations identities, places locations
(STIX requires a country or coordinates, so a place we cannot locate is left out and counted); a
country named as an event's source or target, or as a quote's speaker, is its state acting, an
identity of the national-government sector located at the country.
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
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import stix2

from threatgraph.export.mapping import (
    acting_state,
    entity_map,
    link_type,
    place,
    relationship_type,
    state_map,
    stix_id,
)
from threatgraph.export.snapshot import ExportError
from threatgraph.export.source import PAGE, ArticleGroup, ExportSource
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


def _location_id(name: str) -> str:
    return stix_id("location", "place:" + name.strip().casefold())


def sdo_id(entity_id: str | None, schema: str | None, caption: str | None) -> str | None:
    """The STIX id one of our entities exports as, from its schema and caption alone (None: not exported).

    Places share one location per name (casefolded); a place we cannot locate is not exported.
    """
    kind = entity_map(schema).get("stix") if entity_id and schema else None
    if not kind:
        return None
    if kind == "location":
        return _location_id(caption) if caption and place(caption) is not None else None
    return stix_id("threat-actor" if kind == "threat-actor" else "identity", entity_id)


def _location(name: str) -> stix2.Location | None:
    """A location for a place name; reference data, so stamped with the fixed epoch and identical in every part."""
    key = name.strip().casefold()
    if key not in _LOCATIONS:
        if len(_LOCATIONS) >= 8192:  # unknown place strings are unbounded; the cache is not
            _LOCATIONS.clear()
        _LOCATIONS[key] = _make_location(name.strip())
    return _LOCATIONS[key]


#: Locations built so far, by casefolded name (stix2 objects are immutable and costly to construct), so a
#: place keeps the spelling it was first seen with and is the identical object in every bundle part.
_LOCATIONS: dict[str, stix2.Location | None] = {}


def _make_location(name: str) -> stix2.Location | None:
    where = place(name)
    if where is None:
        return None
    country, lat, lon = where
    kwargs: dict[str, Any] = {"country": country.upper()[:2]}
    if lat is not None and lon is not None:
        kwargs |= {"latitude": lat, "longitude": lon}
    return stix2.Location(id=_location_id(name), name=name, created=EPOCH, modified=EPOCH, allow_custom=False, **kwargs)


def _state(code: str, name: str) -> list[Any]:
    """A country's state as an event actor: an identity (``state_actor`` in mapping.yaml: an organisation of
    the national-government sector, as STIX's industry-sector vocabulary names it) located at the country.
    Reference data like locations: one per country code, stamped with the fixed epoch, identical in every part."""
    if code not in _STATES:
        how = state_map()
        country = _location(name)
        state = stix2.Identity(
            id=stix_id("identity", "state:" + code),
            name=name,
            identity_class=how["identity_class"],
            sectors=how["sectors"],
            description=f"The state of {name}: the country named as acting in events or statements.",
            created=EPOCH,
            modified=EPOCH,
        )
        objects: list[Any] = [state]
        if country is not None:
            at = stix2.Relationship(
                id=stix_id("relationship", "state:" + code),
                relationship_type=link_type("place"),
                source_ref=state.id,
                target_ref=country.id,
                created=EPOCH,
                modified=EPOCH,
            )
            objects += [country, at]
        _STATES[code] = objects
        _REFERENCE.update(o.id for o in objects)
    return _STATES[code]


#: States built so far by country code (each its identity, country location and located-at relationship)
_STATES: dict[str, list[Any]] = {}
#: Ids of reference objects (locations, states): written once in a single bundle, counted once
_REFERENCE: set[str] = set()


def _reference(obj: Any) -> bool:
    return obj.type == "location" or obj.id in _REFERENCE


def _actor(ent: dict[str, Any], stats: ExportStats | None) -> Any | None:
    """The SDO of one of our entities (threat-actor, identity or location); ``stats`` None: a repeat, not counted."""
    how = entity_map(ent["schema"])
    kind = how.get("stix")
    if not kind:
        if stats is not None:
            stats.skip(f"entity type {ent['schema']} has no STIX type")
        return None
    stamp = _stamp(ent["first_seen"], ent["last_seen"])
    others = [a["name"] for a in ent["aliases"] if a["name"] != ent["caption"]]
    seen = f"Seen in {ent['article_count']} article(s), {ent['mention_count']} mention(s)."
    if kind == "location":
        loc = _location(ent["caption"])
        if loc is None and stats is not None:
            stats.skip("location without a known country")
        return loc
    if kind == "threat-actor":
        return stix2.ThreatActor(
            id=stix_id("threat-actor", ent["id"]),
            name=ent["caption"],
            aliases=others or None,
            threat_actor_types=how.get("threat_actor_types"),
            description=seen,
            first_seen=_ts(ent["first_seen"]) if ent["first_seen"] else None,
            last_seen=_ts(ent["last_seen"]) if ent["last_seen"] else None,
            **stamp,
        )
    aka = f" Also known as: {'; '.join(others)}." if others else ""
    return stix2.Identity(
        id=stix_id("identity", ent["id"]),
        name=ent["caption"],
        identity_class=how.get("identity_class", "unknown"),
        description=seen + aka,
        **stamp,
    )


def _sanction_notes(ent: dict[str, Any], sid: str) -> list[Any]:
    notes = []
    for link in ent.get("sanctions") or []:
        entry = link["entry"] or {}
        listed = entry.get("caption") or link["entry_id"]
        props = ((entry.get("data") or {}).get("sanction") or {}).get("properties") or {}
        programs = ", ".join(props.get("program", []))
        notes.append(
            stix2.Note(
                id=stix_id("note", "sanction", link["entity_id"], link["dataset"], link["entry_id"]),
                abstract=f"Sanctions list match: {link['dataset']} {link['entry_id']}",
                content=f"Matched listed entry “{listed}”"
                + (f" (programs: {programs})" if programs else "")
                + f" with score {link['score']:.2f}; link status {link['status']}.",
                object_refs=[sid],
                external_references=[{"source_name": link["dataset"], "external_id": str(link["entry_id"])}],
                **_stamp(link["created_at"]),
            )
        )
    return notes


def _cite(art: dict[str, Any]) -> str:
    bits = [art["title"], art["outlet"], art["published"].isoformat() if art["published"] else None, art["url"]]
    return " Source: " + ", ".join(str(b) for b in bits if b) + "."


class _Group:
    """The STIX objects taken from one article (or one membership), and which actors they point at."""

    def __init__(self, stats: ExportStats) -> None:
        self.stats = stats
        self.objects: dict[str, Any] = {}
        self.actors: set[str] = set()  # our entity ids whose SDO (threat-actor/identity) is referenced

    def add(self, obj: Any) -> None:
        self.objects[obj.id] = obj

    def ref(self, entity_id: str | None, schema: str | None, caption: str | None) -> str | None:
        """The SDO id for a referenced entity, adding a location object or noting an actor to include."""
        sid = sdo_id(entity_id, schema, caption)
        if sid is None:
            return None
        if sid.startswith("location--"):
            loc = _location(caption or "")
            if loc is not None:
                self.add(loc)
        else:
            self.actors.add(entity_id or "")
        return sid

    def actor(self, row: dict[str, Any], role: str) -> str | None:
        """The SDO id of an event's source or target (a quote's speaker): a country in that role is its state
        (:func:`threatgraph.export.mapping.acting_state`), added with its location; anything else as :meth:`ref`."""
        entity_id, schema, caption = row[f"{role}_entity_id"], row[f"{role}_schema"], row[f"{role}_caption"]
        code = acting_state(schema, caption) if entity_id else None
        if code is None:
            return self.ref(entity_id, schema, caption)
        objects = _state(code, caption)
        for obj in objects:
            self.add(obj)
        return objects[0].id


def _article_group(group: ArticleGroup, stats: ExportStats) -> _Group:
    g = _Group(stats)
    art = group.article
    aid = group.id
    report_id = stix_id("report", aid)
    own: list[str] = []  # objects taken from this article, for the report's object_refs
    stamp = _stamp(art["ingested_at"])
    for ev in group.events:
        src = g.actor(ev, "source")
        dst = g.actor(ev, "target")
        hedge = " (hedged)" if ev["hedged"] else ""
        evidence = f"{ev['type']}{hedge}: “{ev['sentence']}”{_cite(art)}"
        modality = stated(ev)
        if modality != "asserted":
            note = stix2.Note(
                id=stix_id("note", "event", ev["id"]),
                abstract=f"{modality.capitalize()} {ev['type']} event (not asserted as a relationship)",
                content=evidence,
                object_refs=[r for r in (src, dst) if r] or [report_id],
                **stamp,
            )
            g.add(note)
            own.append(note.id)
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
            g.add(rel)
            own.append(rel.id)
        elif src or dst:
            # One resolved actor: the evidence is kept as a note on that actor, never dropped.
            note = stix2.Note(
                id=stix_id("note", "event", ev["id"]),
                abstract=f"{ev['type']} event with one identified actor",
                content=evidence,
                object_refs=[src or dst],
                **stamp,
            )
            g.add(note)
            own.append(note.id)
        else:
            stats.skip("event without an exported actor")
        if ev["place"] and (src or dst):
            loc = _location(ev["place"])
            if loc is None:
                stats.skip("event place without a known country")
                continue
            g.add(loc)
            where = stix2.Relationship(
                id=stix_id("relationship", "place", ev["id"]),
                relationship_type=link_type("place"),
                source_ref=src or dst,
                target_ref=loc.id,
                description=evidence,
                confidence=50 if ev["hedged"] else 85,
                **timing,
                **stamp,
            )
            g.add(where)
            own.append(where.id)
    for q in group.quotes:
        who = ", ".join(x for x in (q["speaker"], q["speaker_title"], q["speaker_affiliation"]) if x)
        speaker = g.actor(q, "speaker")
        told = f" (told {q['outlet']})" if q["outlet"] else ""
        note = stix2.Note(
            id=stix_id("note", "quote", q["id"]),
            abstract=f"{'Quote' if q['direct'] else 'Reported statement'} by {who or 'unknown speaker'}{told}",
            content=q["text"],
            object_refs=[r for r in (speaker, report_id) if r],
            **stamp,
        )
        g.add(note)
        own.append(note.id)
    mentioned = [g.ref(m["entity_id"], m["entity_schema"], m["entity_caption"]) for m in group.mentions]
    refs = list(dict.fromkeys([*own, *(m for m in mentioned if m)]))
    if refs:
        ext = {"source_name": art["outlet"] or "threatgraph", "external_id": aid}
        if art["url"]:
            ext["url"] = art["url"]
        g.add(
            stix2.Report(
                id=report_id,
                name=art["title"] or f"{art['outlet'] or 'Article'} {aid[:12]}",
                published=_ts(art["published"] or art["ingested_at"]),
                report_types=["threat-report"],
                object_refs=refs,
                external_references=[ext],
                **stamp,
            )
        )
    else:
        stats.skip("article with nothing exported from it")
        # Notes that pointed only at the report that was not made: point them at what remains, or drop them.
        for oid, obj in list(g.objects.items()):
            if obj.type == "note" and report_id in obj.object_refs:
                left = [r for r in obj.object_refs if r != report_id]
                if left:
                    g.objects[oid] = obj.new_version(object_refs=left, modified=obj.modified)
                else:
                    del g.objects[oid]
                    stats.skip("note without a remaining referent")
    return g


def _membership_group(mem: dict[str, Any], stats: ExportStats) -> _Group | None:
    g = _Group(stats)
    member = g.ref(mem["member"], mem["member_schema"], mem["member_caption"])
    org = g.ref(mem["organization"], mem["organization_schema"], mem["organization_caption"])
    if not member or not org or org.startswith("location--"):
        stats.skip("membership without exported member/organization")
        return None
    g.add(
        stix2.Relationship(
            id=stix_id("relationship", "membership", mem["member"], mem["organization"]),
            relationship_type=link_type("membership"),
            source_ref=member,
            target_ref=org,
            description=(f"Role: {mem['role']}." if mem["role"] else "") + "".join(_cite(a) for a in mem["articles"]),
            **_stamp(*(a["ingested_at"] for a in mem["articles"])),
        )
    )
    return g


def _refs(obj: dict[str, Any]) -> list[str]:
    return list(obj.get("object_refs", [])) + [obj[k] for k in ("source_ref", "target_ref") if k in obj]


class _Bundles:
    """Writes STIX objects into one streamed bundle, or into bundles split by size or object count.

    Every object is written as soon as its group is placed, after being parsed back by stix2 on its
    own (no custom content), so memory holds one group of objects, never a bundle.

    One bundle (no limit): actors are written once, before anything that points at them.
    Split: every part is a self-contained bundle - the actors and places its objects point at are
    repeated in it - and every reference an object makes is checked, as it is written, against the
    ids already in its part or in its own group, so each file can be imported on its own. What a part
    keeps in memory is the ids it holds (at most ``max_objects``, or about ``max_bytes`` / 300 for
    the smallest objects): the memory of a split export does not depend on how large the parts are.
    """

    def __init__(self, out: Path, name: str, stats: ExportStats, max_bytes: int | None, max_objects: int | None):
        self.out = out
        self.name = name
        self.stats = stats
        self.max_bytes = max_bytes
        self.max_objects = max_objects
        self.split = bool(max_bytes or max_objects)
        self.counted: set[str] = set()  # location ids already counted (bounded by the gazetteer)
        self.written: set[str] = set()  # ids in the current part (split) or locations written (one bundle)
        self.part_bytes = 0
        self.parts = 0
        self.fh: Any = None
        self.path = out
        if not self.split:
            self._open(out, stix_id("bundle", name))

    def _open(self, path: Path, bundle_id: str) -> None:
        self.path = path
        self.fh = path.open("w", encoding="utf-8")
        head = json.dumps({"type": "bundle", "id": bundle_id})
        self.fh.write(head[:-1] + ', "objects": [')
        self.part_bytes = len(head) + 16
        self.first = True

    def _write(self, obj: Any, text: str) -> None:
        """Parse one object back with stix2 and append it to the open bundle."""
        try:
            stix2.parse(text, allow_custom=False)
        except (stix2.exceptions.STIXError, ValueError) as exc:
            raise ExportError(f"{self.path}: {obj.id} does not parse back as STIX 2.1: {exc}") from exc
        self.fh.write(("\n" if self.first else ",\n") + text)
        self.first = False

    # -- counting: each object once, however many parts repeat it
    def count(self, obj: Any) -> None:
        if _reference(obj):
            if obj.id in self.counted:
                return
            self.counted.add(obj.id)
        self.stats.count(obj.type)

    def put(self, objects: list[Any], counted: list[Any]) -> None:
        """Add one group atomically (``objects`` includes repeated actors; ``counted`` the group's own)."""
        for obj in counted:
            self.count(obj)
        if not self.split:
            for obj in objects:
                if _reference(obj):
                    if obj.id in self.written:
                        continue
                    self.written.add(obj.id)  # places and states written once (ids only; bounded by the gazetteer)
                self._write(obj, obj.serialize(ensure_ascii=False))
            return
        if not objects:
            return
        texts = {o.id: (o, o.serialize(ensure_ascii=False)) for o in objects}
        if self.fh is None or not self._fits(texts):
            self.flush()
            if not self._fits(texts):
                raise ExportError(
                    f"one article's objects with the actors they point at ({len(texts)} objects, "
                    f"{sum(len(t.encode()) + 2 for _o, t in texts.values())} bytes) exceed the bundle limit; raise it"
                )
            self.parts += 1
            name = f"bundle-{self.parts:05d}.json"
            self._open(self.out / name, stix_id("bundle", self.name, self.parts))
        for oid, (obj, text) in texts.items():
            for ref in _refs(obj):
                if ref not in self.written and ref not in texts:
                    raise ExportError(f"{self.path}: {oid} refers to {ref}, which is not in the bundle")
            if oid not in self.written:
                self._write(obj, text)
                self.written.add(oid)
                self.part_bytes += len(text.encode("utf-8")) + 2

    def _fits(self, texts: dict[str, tuple[Any, str]]) -> bool:
        new = {k: t for k, (_o, t) in texts.items() if k not in self.written}
        if self.max_objects and len(self.written) + len(new) > self.max_objects:
            return False
        size = self.part_bytes + sum(len(t.encode("utf-8")) + 2 for t in new.values()) + 8
        return not (self.max_bytes and size > self.max_bytes)

    def flush(self) -> None:
        """Close the current part (split): its bundle is complete and every reference in it resolves."""
        if self.fh is None:
            return
        self.fh.write("\n]}\n")
        self.fh.close()
        self.fh = None
        self.stats.files.append(self.path)
        self.stats.count("bundle")
        self.written, self.part_bytes = set(), 0

    def close(self) -> None:
        if self.split:
            self.flush()
        elif self.fh is not None:
            self.fh.write("\n]}\n")
            self.fh.close()
            self.fh = None
            self.stats.files.append(self.out)


def write(
    source: ExportSource,
    out: Path,
    stats: ExportStats,
    max_bytes: int | None = None,
    max_objects: int | None = None,
) -> None:
    """Stream the export as STIX 2.1: one bundle file at ``out``, or (with a limit) bundles
    ``bundle-00001.json``… in the directory ``out``, none larger than ``max_bytes`` bytes or
    ``max_objects`` objects. Memory is bounded by one page of the source plus one part."""
    bundles = _Bundles(out, source.focus or "all", stats, max_bytes, max_objects)
    try:
        for batch in source.entity_batches():
            for ent in batch:
                obj = _actor(ent, stats)
                if obj is None:
                    continue
                group = [obj, *_sanction_notes(ent, obj.id)]
                bundles.put(group, group)
        for batch in source.article_batches():
            groups = [_article_group(g, stats) for g in batch]
            _put_groups(bundles, source, groups)
        memberships: list[_Group] = []
        for mem in source.memberships():
            arts = source.article_rows(sorted(set(mem["article_ids"])))
            g = _membership_group(mem | {"articles": arts}, stats)
            if g is not None:
                memberships.append(g)
            if len(memberships) >= PAGE:  # a page of groups at a time, as for articles
                _put_groups(bundles, source, memberships)
                memberships = []
        _put_groups(bundles, source, memberships)
    finally:
        bundles.close()


def _put_groups(bundles: _Bundles, source: ExportSource, groups: list[_Group]) -> None:
    rows: dict[str, dict[str, Any]] = {}
    if bundles.split:
        rows = source.entity_rows({e for g in groups for e in g.actors})
    for g in groups:
        own = list(g.objects.values())
        repeated = [a for a in (_actor(rows[e], None) for e in sorted(g.actors) if e in rows) if a is not None]
        bundles.put(repeated + own, own)


def _check_bundle(text: str, path: Path) -> int:
    """Parse one bundle back with stix2 (no custom content allowed) and check every reference resolves."""
    try:
        data = json.loads(text)
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
        for ref in _refs(o):
            if ref not in ids:
                raise ExportError(f"{path}: {o.id} refers to {ref}, which is not in the bundle")
    return len(objects)


def validate_file(path: Path) -> int:
    """Parse a bundle file back with stix2 (no custom content allowed) and check every reference resolves."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ExportError(f"{path}: cannot read: {exc}") from exc
    return _check_bundle(text, path)
