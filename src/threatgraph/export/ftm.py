"""FollowTheMoney export: the archive as FtM entities, one JSON object per line.

Actors become Person / Organization / PublicBody / Company (armed groups are Organizations
with the ``mil`` topic), places become Address (a country named as an event's source or target,
or speaking, is its state acting: a PublicBody with the country's code organises the event or holds
the quote), each article an Article, each name found in an article a Mention, each extracted event
an Event with its evidence sentence and source document, each quote a Note on its speaker,
speaker affiliations a Membership, and every screening link a Sanction on our entity plus the
listed entity and a Similar saying how well they matched. Everything is built through
``followthemoney.model`` and checked again on read-back (:func:`validate_file`), so a file that
loads into Aleph or nomenklatura is what the tests assert, not what we hope.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from followthemoney import model
from followthemoney.exc import InvalidData
from followthemoney.proxy import EntityProxy
from followthemoney.schema import Schema
from followthemoney.types import registry

from threatgraph.export.mapping import acting_state, country_code, entity_map, ftm_id, state_map
from threatgraph.export.snapshot import ExportError
from threatgraph.export.source import ArticleGroup, ExportSource
from threatgraph.export.stats import ExportStats
from threatgraph.extract.events_lexicon import plover_of
from threatgraph.extract.events_modality import stated
from threatgraph.extract.quote_kinds import is_quote_kind
from threatgraph.store.parc import parc_view


def _iso(value: Any) -> str | None:
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value or None


def _make(schema: str, entity_id: str) -> EntityProxy:
    proxy = model.make_entity(schema)
    proxy.id = entity_id
    return proxy


@lru_cache(maxsize=64)
def _ftm_schema(schema: str | None) -> Schema | None:
    """The FtM schema one of our entity types exports as (None: not exported)."""
    name = entity_map(schema).get("ftm") if schema else None
    return model.get(name) if name else None


def exported_id(entity_id: str | None, schema: str | None) -> str | None:
    """The FtM id of one of our entities if it is part of the export (its schema maps to FtM)."""
    return ftm_id("entity", entity_id) if entity_id and _ftm_schema(schema) is not None else None


def legal_id(entity_id: str | None, schema: str | None) -> str | None:
    """The FtM id of one of our entities if it was exported as a LegalEntity (the range of
    Event.involved, Mention.resolved, Membership.member)."""
    ftm = _ftm_schema(schema)
    return ftm_id("entity", entity_id) if entity_id and ftm is not None and ftm.is_a("LegalEntity") else None


class _Builder:
    """Turns an export source into FtM proxies, one entity page or one article at a time.

    Whether a referenced entity is exported (and as what) follows from its schema, which the
    source joins onto every reference, so no whole-archive id table is needed.
    """

    def __init__(self, stats: ExportStats) -> None:
        self.stats = stats
        self.listed_seen: set[str] = set()  # listed entities already written (bounded by the lists)
        self.states_seen: set[str] = set()  # states already written (bounded by the country codes)

    def entity(self, ent: dict[str, Any]) -> EntityProxy | None:
        schema = _ftm_schema(ent["schema"])
        if schema is None:
            self.stats.skip(f"entity type {ent['schema']} has no FtM schema")
            return None
        how = entity_map(ent["schema"])
        proxy = _make(schema.name, ftm_id("entity", ent["id"]))
        names = [ent["caption"]] + [a["name"] for a in ent["aliases"] if a["name"] != ent["caption"]]
        if proxy.schema.is_a("Address"):
            proxy.add("full", ent["caption"])
            proxy.add("remarks", names[1:])
            proxy.add("country", country_code(ent["caption"]))
        else:
            proxy.add("name", ent["caption"])
            proxy.add("alias", names[1:])
            proxy.add("topics", how.get("topics") or [])
            proxy.add("notes", f"Seen in {ent['article_count']} article(s), {ent['mention_count']} mention(s).")
        for key, value in (ent.get("props") or {}).items():
            if key in proxy.schema.properties and not proxy.schema.properties[key].stub:
                proxy.add(key, value, quiet=True)
        proxy.add("createdAt", _iso(ent["first_seen"]), quiet=True)
        proxy.add("modifiedAt", _iso(ent["last_seen"]), quiet=True)
        return proxy

    def entities(self, ent: dict[str, Any]) -> Iterator[EntityProxy]:
        """One entity and its screening links (Sanction, listed entity, Similar)."""
        proxy = self.entity(ent)
        if proxy is None:
            return
        yield proxy
        yield from self.sanctions(proxy, ent.get("sanctions") or [])

    def article(self, group: ArticleGroup) -> Iterator[EntityProxy]:
        """The Article of one group, then its mentions, events and quotes."""
        art = group.article
        article_id = ftm_id("article", group.id)
        proxy = _make("Article", article_id)
        proxy.add("title", art["title"] or art["source"] or group.id)
        proxy.add("publishedAt", _iso(art["published"]))
        proxy.add("sourceUrl", art["url"])
        proxy.add("publisher", art["outlet"])
        proxy.add("language", registry.language.clean(art["lang"] or ""))
        proxy.add("contentHash", group.id)
        proxy.add("retrievedAt", _iso(art["ingested_at"]))
        yield proxy
        yield from self.mentions(group, article_id)
        yield from self.events(group, article_id)
        yield from self.quotes(group, article_id)

    def mentions(self, group: ArticleGroup, article_id: str) -> Iterator[EntityProxy]:
        seen: set[str] = set()
        for m in group.mentions:
            if m["label"] == "Date":
                continue
            key = ftm_id("mention", m["article_id"], m["text"], m["entity_id"] or "")
            if key in seen:
                continue
            seen.add(key)
            proxy = _make("Mention", key)
            proxy.add("document", article_id)
            proxy.add("name", m["text"])
            proxy.add("resolved", legal_id(m["entity_id"], m["entity_schema"]))
            proxy.add("detectedSchema", entity_map(m["label"]).get("ftm") or m["label"])
            yield proxy

    def events(self, group: ArticleGroup, article_id: str) -> Iterator[EntityProxy]:
        art = group.article
        for ev in group.events:
            proxy = _make("Event", ftm_id("event", ev["id"]))
            actors = " ".join(x for x in (ev["source_text"], ev["trigger"], ev["target_text"]) if x)
            modality = stated(ev)
            shown = "" if modality == "asserted" else f" ({modality})"
            proxy.add("name", f"{ev['type']}{shown}: {actors}")
            proxy.add("summary", ev["sentence"])
            flags = [modality] if modality != "asserted" else []
            flags += [f for f, on in (("hedged", ev["hedged"]),) if on]
            root, mode = plover_of(ev["type"], ev["subtype"])
            detail = f"PLOVER type {root}" + (f", mode {mode}" if mode else "") + f" ({ev['type']}"
            detail += f", {ev['subtype']})" if ev["subtype"] else ")"
            proxy.add("description", detail + (f"; {', '.join(flags)}" if flags else ""))
            if ev["date_start"] and ev["date_start"] == ev["date_end"]:
                proxy.add("date", _iso(ev["date_start"]))
            else:
                proxy.add("startDate", _iso(ev["date_start"]))
                proxy.add("endDate", _iso(ev["date_end"]))
            source, states = self.acting(ev, "source")
            target, more = self.acting(ev, "target")
            yield from states + more
            proxy.add("organizer", source)
            proxy.add("involved", [source, target])
            proxy.add("location", ev["place"])
            proxy.add("country", country_code(ev["place"]))
            proxy.add("proof", article_id)
            proxy.add("sourceUrl", art["url"])
            proxy.add("publisher", art["outlet"])
            proxy.add("recordId", str(ev["id"]))
            yield proxy

    def acting(self, row: dict[str, Any], role: str) -> tuple[str | None, list[EntityProxy]]:
        """The FtM id of an event's source or target (a quote's speaker), and the state to write before the
        event (quote) when the actor is a country seen acting for the first time in this export.

        A country in an event role, or speaking, is its state (:func:`threatgraph.export.mapping.acting_state`): a
        PublicBody named after the country with its ``country`` code, one per code, so "US" and "United
        States" organise the same events. Its Address is not a LegalEntity and could not be the organizer.
        """
        entity_id, schema, caption = row[f"{role}_entity_id"], row[f"{role}_schema"], row[f"{role}_caption"]
        code = acting_state(schema, caption) if entity_id else None
        if code is None:
            return (exported_id if role == "speaker" else legal_id)(entity_id, schema), []
        state_id = ftm_id("state", code)
        if state_id in self.states_seen:
            return state_id, []
        self.states_seen.add(state_id)
        how = state_map()
        proxy = _make(how["ftm"], state_id)
        proxy.add("name", caption)
        proxy.add("country", code)
        proxy.add("topics", how["topics"])
        proxy.add("summary", f"The state of {caption}: the country named as acting in events or statements.")
        return state_id, [proxy]

    def quotes(self, group: ArticleGroup, article_id: str) -> Iterator[EntityProxy]:
        art = group.article
        for q in group.quotes:
            speaker, states = self.acting(q, "speaker")
            yield from states
            proxy = _make("Note", ftm_id("quote", q["id"]))
            who = ", ".join(x for x in (q["speaker"], q["speaker_title"], q["speaker_affiliation"]) if x)
            proxy.add("description", q["text"])
            said = "Quote" if q["direct"] else "Reported statement"
            if not is_quote_kind(kind := q.get("kind") or "speech"):  # a stance or a question is no statement
                said = _KIND_SUMMARY.get(kind, "Attribution")
            proxy.add("summary", f"{said} by {who or 'unknown speaker'}")
            proxy.add("entity", speaker or article_id)
            proxy.add("sourceUrl", art["url"])
            proxy.add("publisher", q["outlet"] or art["outlet"])
            yield proxy

    def membership(self, mem: dict[str, Any]) -> EntityProxy | None:
        member = legal_id(mem["member"], mem["member_schema"])
        org_schema = _ftm_schema(mem["organization_schema"])
        if member is None or org_schema is None or not org_schema.is_a("Organization"):
            self.stats.skip("membership without exported member/organization")
            return None
        proxy = _make("Membership", ftm_id("membership", mem["member"], mem["organization"]))
        proxy.add("member", member)
        proxy.add("organization", ftm_id("entity", mem["organization"]))
        proxy.add("role", mem["role"])
        proxy.add("proof", [ftm_id("article", a) for a in dict.fromkeys(mem["article_ids"])])
        return proxy

    def sanctions(self, ours: EntityProxy, links: list[dict[str, Any]]) -> Iterator[EntityProxy]:
        for link in links:
            entry = link["entry"]
            sanction = _make("Sanction", ftm_id("sanction", link["entity_id"], link["dataset"], link["entry_id"]))
            sanction.add("entity", ours.id)
            sanction.add("authorityId", link["entry_id"])
            listed_caption = entry["caption"] if entry else link["entry_id"]
            sanction.add(
                "summary",
                f"Screening link to {link['dataset']} entry {link['entry_id']} ({listed_caption}), "
                f"score {link['score']:.2f}, status {link['status']}",
            )
            if entry:
                listed_sanction = (entry["data"] or {}).get("sanction") or {}
                for prop, values in (listed_sanction.get("properties") or {}).items():
                    target = sanction.schema.properties.get(prop)
                    if target is not None and target.type != registry.entity and not target.stub:
                        sanction.add(prop, values, quiet=True)
                listed = self._listed(entry["data"], link)
                if listed is not None:
                    if listed.id not in self.listed_seen:
                        self.listed_seen.add(listed.id)
                        yield listed
                    similar = _make("Similar", ftm_id("similar", link["entity_id"], listed.id))
                    similar.add("candidate", ours.id)
                    similar.add("match", listed.id)
                    similar.add("confidenceScore", str(round(float(link["score"]), 4)))
                    similar.add("criteria", json.dumps(link["explanation"], ensure_ascii=False, default=str)[:4000])
                    similar.add("matcher", "threatgraph.screen")
                    yield similar
            if not sanction.get("authority"):
                sanction.add("authority", link["dataset"])
            yield sanction

    def _listed(self, data: dict[str, Any], link: dict[str, Any]) -> EntityProxy | None:
        try:
            clean = {k: v for k, v in data.items() if k in ("id", "schema", "properties")}
            clean.setdefault("id", ftm_id("listed", link["dataset"], link["entry_id"]))
            proxy = model.get_proxy(clean, cleaned=False)
        except (InvalidData, TypeError, ValueError):
            self.stats.skip("listed entity data not FtM")
            return None
        # References to other listed entities (owners, addresses…) are not part of this export.
        for prop in list(proxy.iterprops()):
            if prop.type == registry.entity:
                proxy.pop(prop.name)
        return proxy


def proxies(
    source: ExportSource, stats: ExportStats, on_quotes: Callable[[list[dict[str, Any]]], None] | None = None
) -> Iterator[EntityProxy]:
    """Every FtM entity of an export, streamed: entities (with their screening links), then
    each article with its mentions, events and quotes, then memberships. ``on_quotes`` sees each
    article's quote rows as they stream by (the PARC sidecar is written from them)."""
    b = _Builder(stats)

    def parts() -> Iterator[EntityProxy]:
        for ent in source.entity_stream():
            yield from b.entities(ent)
        for group in source.article_stream():
            yield from b.article(group)
            if on_quotes is not None:
                on_quotes(group.quotes)
        for mem in source.memberships():
            proxy = b.membership(mem)
            if proxy is not None:
                yield proxy

    for proxy in parts():
        stats.count(proxy.schema.name)
        yield proxy


def check(data: dict[str, Any], where: str) -> EntityProxy:
    """One serialised entity read back through followthemoney: known schema, required properties
    present, and every value surviving FtM's own cleaning. Raises :class:`ExportError` naming ``where``."""
    try:
        proxy = model.get_proxy(data, cleaned=False)
        proxy.schema.validate(proxy.to_dict())
    except (ValueError, InvalidData, KeyError, TypeError) as exc:
        raise ExportError(f"{where}: not a valid FtM entity: {exc}") from exc
    for prop in proxy.schema.required:
        if not proxy.get(prop):
            raise ExportError(f"{where}: {proxy.schema.name} {proxy.id} lacks required property {prop!r}")
    cleaned = proxy.to_dict()["properties"]
    for prop, values in (data.get("properties") or {}).items():
        if sorted(cleaned.get(prop, [])) != sorted(values):
            raise ExportError(f"{where}: {proxy.id} property {prop!r} does not survive FtM cleaning")
    return proxy


def parc_path(out: Path) -> Path:
    """The sidecar beside an FtM file that carries each quote's PARC spans: ``x.json`` -> ``x.parc.jsonl``."""
    return out.with_name(f"{out.stem}.parc.jsonl")


def write(source: ExportSource, out: Path, stats: ExportStats) -> None:
    """Stream the export as FtM JSON lines to ``out``, checking each entity as it is written, and the
    quotes' PARC spans to :func:`parc_path` in the same pass.

    Entity references are right by construction (the referent's id follows from the schema the
    source joined on); :func:`validate_file` re-checks them over a whole file when it fits in memory.
    FtM's Note has no property for character offsets, so the source/cue/content spans go to a
    sidecar keyed by the Note id (one JSON object a line), which scorers read without the articles.
    """
    sidecar = parc_path(out)
    spans = 0

    def quote_spans(quotes: list[dict[str, Any]]) -> None:
        nonlocal spans
        for q in quotes:
            record = {"note": ftm_id("quote", q["id"]), "article_id": q["article_id"], **parc_view(q).to_json()}
            spans += 1
            _check_parc(record, f"{sidecar}:{spans}")
            side.write(json.dumps(record, ensure_ascii=False, sort_keys=True, default=str))
            side.write("\n")

    with out.open("w", encoding="utf-8") as fh, sidecar.open("w", encoding="utf-8") as side:
        for lineno, proxy in enumerate(proxies(source, stats, on_quotes=quote_spans), 1):
            line = json.dumps(proxy.to_dict(), ensure_ascii=False, sort_keys=True)
            check(json.loads(line), f"{out}:{lineno}")
            fh.write(line)
            fh.write("\n")
    stats.files.append(out)
    if spans:
        stats.files.append(sidecar)
    else:
        sidecar.unlink()


def validate_file(path: Path) -> int:
    """Re-read an FtM JSON-lines file with followthemoney and check every entity.

    Each line must parse as an entity of a known schema whose values all survive FtM's own
    cleaning, with every required property present and every entity reference pointing at an
    entity in the same file. Returns the entity count; raises :class:`ExportError` naming the
    line and the reason otherwise.
    """
    ids: set[str] = set()
    refs: list[tuple[int, str, str]] = []
    count = 0
    with path.open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            where = f"{path}:{lineno}"
            try:
                data = json.loads(line)
            except ValueError as exc:
                raise ExportError(f"{where}: not a valid FtM entity: {exc}") from exc
            proxy = check(data, where)
            if proxy.id in ids:
                raise ExportError(f"{where}: duplicate entity id {proxy.id}")
            ids.add(proxy.id)
            for prop, value in proxy.itervalues():
                if prop.type == registry.entity:
                    refs.append((lineno, prop.name, value))
            count += 1
    for lineno, prop, value in refs:
        if value not in ids:
            raise ExportError(f"{path}:{lineno}: property {prop!r} refers to {value!r}, which is not in the file")
    if parc_path(path).is_file():
        _validate_parc(parc_path(path), ids)
    return count


#: How a Note summarises an attribution that is not someone's statement (extract/quote_kinds.py).
_KIND_SUMMARY = {"stance": "Stance attributed", "question": "Question asked", "hedge": "Hedged statement"}


def _check_parc(rec: dict[str, Any], where: str) -> str:
    """One sidecar record: a Note id with a content span and source/cue/content spans as ordered offsets."""
    try:
        note, content = rec["note"], rec["content"]
        spans = [rec[k] for k in ("source", "cue", "content") if rec[k] is not None]
        ordered = all(0 <= s["start"] < s["end"] for s in spans)
    except (KeyError, TypeError) as exc:
        raise ExportError(f"{where}: not a PARC record: {exc}") from exc
    if content is None or not ordered:
        raise ExportError(f"{where}: PARC record of Note {note!r} with a bad span")
    return str(note)


def _validate_parc(path: Path, ids: set[str]) -> None:
    """Every sidecar line is a PARC record of a Note in the FtM file, its spans ordered offsets."""
    with path.open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            where = f"{path}:{lineno}"
            try:
                rec = json.loads(line)
            except ValueError as exc:
                raise ExportError(f"{where}: not a PARC record: {exc}") from exc
            if _check_parc(rec, where) not in ids:
                raise ExportError(f"{where}: PARC record of unknown Note {rec['note']!r}")
