"""FollowTheMoney export: the archive as FtM entities, one JSON object per line.

Actors become Person / Organization / PublicBody / Company (armed groups are Organizations
with the ``mil`` topic), places become Address, each article an Article, each name found in
an article a Mention, each extracted event an Event with its evidence sentence and source
document, each quote a Note on its speaker, speaker affiliations a Membership, and every
screening link a Sanction on our entity plus the listed entity and a Similar saying how
well they matched. Everything is built through ``followthemoney.model`` and checked again on
read-back (:func:`validate_file`), so a file that loads into Aleph or nomenklatura is what
the tests assert, not what we hope.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

from followthemoney import model
from followthemoney.exc import InvalidData
from followthemoney.proxy import EntityProxy
from followthemoney.types import registry

from threatgraph.export.mapping import country_code, entity_map, ftm_id
from threatgraph.export.snapshot import ExportError, Snapshot
from threatgraph.export.stats import ExportStats
from threatgraph.extract.events_lexicon import plover_of
from threatgraph.extract.events_modality import stated
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


class _Builder:
    """Turns one snapshot into FtM proxies, remembering which ids exist for cross-references."""

    def __init__(self, snap: Snapshot, stats: ExportStats) -> None:
        self.snap = snap
        self.stats = stats
        self.entity_ids: dict[str, EntityProxy] = {}  # our entity id -> proxy
        self.article_ids: dict[str, str] = {aid: ftm_id("article", aid) for aid in snap.articles}

    def legal(self, entity_id: str | None) -> str | None:
        """The FtM id of one of our entities if it was exported as a LegalEntity (the range of
        Event.involved, Mention.resolved, Membership.member)."""
        proxy = self.entity_ids.get(entity_id or "")
        if proxy is not None and proxy.schema.is_a("LegalEntity"):
            return proxy.id
        return None

    def entities(self) -> Iterator[EntityProxy]:
        for ent in self.snap.entities.values():
            how = entity_map(ent["schema"])
            if not how.get("ftm"):
                self.stats.skip(f"entity type {ent['schema']} has no FtM schema")
                continue
            proxy = _make(how["ftm"], ftm_id("entity", ent["id"]))
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
            self.entity_ids[ent["id"]] = proxy
            yield proxy

    def articles(self) -> Iterator[EntityProxy]:
        for aid, art in self.snap.articles.items():
            proxy = _make("Article", self.article_ids[aid])
            proxy.add("title", art["title"] or art["source"] or aid)
            proxy.add("publishedAt", _iso(art["published"]))
            proxy.add("sourceUrl", art["url"])
            proxy.add("publisher", art["outlet"])
            proxy.add("language", registry.language.clean(art["lang"] or ""))
            proxy.add("contentHash", aid)
            proxy.add("retrievedAt", _iso(art["ingested_at"]))
            yield proxy

    def mentions(self) -> Iterator[EntityProxy]:
        seen: set[str] = set()
        current = None
        for m in self.snap.mentions:  # ordered by article: the dedupe set only spans one article
            if m["article_id"] != current:
                current = m["article_id"]
                seen.clear()
            if m["article_id"] not in self.article_ids or m["label"] == "Date":
                continue
            key = ftm_id("mention", m["article_id"], m["text"], m["entity_id"] or "")
            if key in seen:
                continue
            seen.add(key)
            proxy = _make("Mention", key)
            proxy.add("document", self.article_ids[m["article_id"]])
            proxy.add("name", m["text"])
            proxy.add("resolved", self.legal(m["entity_id"]))
            proxy.add("detectedSchema", entity_map(m["label"]).get("ftm") or m["label"])
            yield proxy

    def events(self) -> Iterator[EntityProxy]:
        for ev in self.snap.events:
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
            proxy.add("organizer", self.legal(ev["source_entity_id"]))
            proxy.add("involved", [self.legal(ev["source_entity_id"]), self.legal(ev["target_entity_id"])])
            proxy.add("location", ev["place"])
            proxy.add("country", country_code(ev["place"]))
            art = self.snap.articles.get(ev["article_id"])
            if art is not None:
                proxy.add("proof", self.article_ids[ev["article_id"]])
                proxy.add("sourceUrl", art["url"])
                proxy.add("publisher", art["outlet"])
            proxy.add("recordId", str(ev["id"]))
            yield proxy

    def quotes(self) -> Iterator[EntityProxy]:
        for q in self.snap.quotes:
            proxy = _make("Note", ftm_id("quote", q["id"]))
            who = ", ".join(x for x in (q["speaker"], q["speaker_title"], q["speaker_affiliation"]) if x)
            proxy.add("description", q["text"])
            proxy.add("summary", f"{'Quote' if q['direct'] else 'Reported statement'} by {who or 'unknown speaker'}")
            speaker = self.entity_ids.get(q["speaker_entity_id"] or "")
            target = speaker.id if speaker is not None else self.article_ids.get(q["article_id"])
            proxy.add("entity", target)
            art = self.snap.articles.get(q["article_id"])
            if art is not None:
                proxy.add("sourceUrl", art["url"])
                proxy.add("publisher", q["outlet"] or art["outlet"])
            yield proxy

    def memberships(self) -> Iterator[EntityProxy]:
        for mem in self.snap.memberships:
            member, org = self.legal(mem["member"]), self.entity_ids.get(mem["organization"])
            if member is None or org is None or not org.schema.is_a("Organization"):
                self.stats.skip("membership without exported member/organization")
                continue
            proxy = _make("Membership", ftm_id("membership", mem["member"], mem["organization"]))
            proxy.add("member", member)
            proxy.add("organization", org.id)
            proxy.add("role", mem["role"])
            proxy.add("proof", [self.article_ids[a] for a in mem["article_ids"] if a in self.article_ids])
            yield proxy

    def sanctions(self) -> Iterator[EntityProxy]:
        listed_seen: set[str] = set()
        for link in self.snap.sanctions:
            ours = self.entity_ids.get(link["entity_id"])
            if ours is None:
                continue
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
                    if listed.id not in listed_seen:
                        listed_seen.add(listed.id)
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


def proxies(snap: Snapshot, stats: ExportStats) -> Iterator[EntityProxy]:
    """Every FtM entity of a snapshot, referenced entities before the entities that point at them."""
    b = _Builder(snap, stats)
    for part in (b.entities, b.articles, b.mentions, b.events, b.quotes, b.memberships, b.sanctions):
        for proxy in part():
            stats.count(proxy.schema.name)
            yield proxy


def parc_path(out: Path) -> Path:
    """The sidecar beside an FtM file that carries each quote's PARC spans: ``x.json`` -> ``x.parc.jsonl``."""
    return out.with_name(f"{out.stem}.parc.jsonl")


def write(snap: Snapshot, out: Path, stats: ExportStats) -> None:
    """Write the snapshot as FtM JSON lines to ``out``, and the quotes' PARC spans to :func:`parc_path`.

    FtM's Note has no property for character offsets, so the source/cue/content spans go to a
    sidecar keyed by the Note id (one JSON object a line), which scorers read without the articles.
    """
    with out.open("w", encoding="utf-8") as fh:
        for proxy in proxies(snap, stats):
            fh.write(json.dumps(proxy.to_dict(), ensure_ascii=False, sort_keys=True))
            fh.write("\n")
    stats.files.append(out)
    if snap.quotes:
        sidecar = parc_path(out)
        with sidecar.open("w", encoding="utf-8") as fh:
            for q in snap.quotes:
                record = {"note": ftm_id("quote", q["id"]), "article_id": q["article_id"], **parc_view(q).to_json()}
                fh.write(json.dumps(record, ensure_ascii=False, sort_keys=True, default=str))
                fh.write("\n")
        stats.files.append(sidecar)


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
                proxy = model.get_proxy(data, cleaned=False)
                proxy.schema.validate(proxy.to_dict())
            except (ValueError, InvalidData, KeyError, TypeError) as exc:
                raise ExportError(f"{where}: not a valid FtM entity: {exc}") from exc
            if proxy.id in ids:
                raise ExportError(f"{where}: duplicate entity id {proxy.id}")
            ids.add(proxy.id)
            for prop in proxy.schema.required:
                if not proxy.get(prop):
                    raise ExportError(f"{where}: {proxy.schema.name} {proxy.id} lacks required property {prop!r}")
            cleaned = proxy.to_dict()["properties"]
            for prop, values in (data.get("properties") or {}).items():
                if sorted(cleaned.get(prop, [])) != sorted(values):
                    raise ExportError(f"{where}: {proxy.id} property {prop!r} does not survive FtM cleaning")
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


def _validate_parc(path: Path, ids: set[str]) -> None:
    """Every sidecar line is a PARC record of a Note in the FtM file, its spans ordered offsets."""
    with path.open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            try:
                rec = json.loads(line)
                note, content = rec["note"], rec["content"]
                spans = [rec[k] for k in ("source", "cue", "content") if rec[k] is not None]
                ordered = all(0 <= s["start"] < s["end"] for s in spans)
            except (ValueError, KeyError, TypeError) as exc:
                raise ExportError(f"{path}:{lineno}: not a PARC record: {exc}") from exc
            if note not in ids or content is None or not ordered:
                raise ExportError(f"{path}:{lineno}: PARC record of unknown Note {note!r} or with a bad span")
