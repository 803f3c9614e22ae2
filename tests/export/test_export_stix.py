"""STIX 2.1 export: the bundle parses with stix2 (no custom content) and says what the archive says."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import stix2
from exportdata import build

from threatgraph.export import ExportError, export
from threatgraph.export.stix import validate_file


@pytest.fixture
def bundle(store, tmp_path: Path):
    arch = build(store)
    out = tmp_path / "bundle.json"
    stats = export(store, "stix", out)
    parsed = stix2.parse(out.read_text(), allow_custom=False)
    return arch, stats, parsed, out


def _by_type(parsed, kind: str) -> list:
    return [o for o in parsed.objects if o.type == kind]


def test_actors_map_to_threat_actor_identity_location(bundle) -> None:
    _arch, stats, parsed, _out = bundle
    [actor] = _by_type(parsed, "threat-actor")
    assert actor.name == "Zainabiyoun Brigade" and "لواء زینبیون" in actor.aliases
    idents = {o.name: o for o in _by_type(parsed, "identity")}
    assert idents["Ali Reza"].identity_class == "individual"
    assert idents["US Treasury"].identity_class == "organization"
    places = {o.name: o for o in _by_type(parsed, "location")}
    assert places["Aleppo"].country == "SY" and places["Syria"].country == "SY"
    assert "Qasr al-Hayr Outpost" not in places  # STIX needs a country; we do not guess one
    assert stats.skipped["location without a known country"] == 1


def test_events_become_relationships_with_evidence(bundle) -> None:
    _arch, _stats, parsed, _out = bundle
    ids = {o.id: o for o in parsed.objects}
    rels = {o.relationship_type: o for o in _by_type(parsed, "relationship")}
    sanc = rels["sanctions"]
    assert ids[sanc.source_ref].name == "US Treasury" and ids[sanc.target_ref].name == "Zainabiyoun Brigade"
    assert "The US Treasury sanctioned the Zainabiyoun Brigade" in sanc.description
    assert "https://example.org/zb" in sanc.description
    assert sanc.start_time.date().isoformat() == "2024-04-30" and sanc.stop_time > sanc.start_time
    where = rels["located-at"]
    assert ids[where.target_ref].name == "Aleppo" and where.confidence == 50  # "hedged" evidence
    assert ids[rels["member-of"].target_ref].name == "Gulf Policy Institute"
    assert "recruits" not in rels  # the negated event is never asserted …
    negated = [n for n in _by_type(parsed, "note") if n.abstract.startswith("Negated MOBILIZE")]
    assert len(negated) == 1 and "did not recruit minors" in negated[0].content  # … only noted
    [single] = [n for n in _by_type(parsed, "note") if n.abstract == "DEPLOY event with one identified actor"]
    assert ids[single.object_refs[0]].name == "Zainabiyoun Brigade" and "redeployed" in single.content


def test_reports_notes_and_sanctions(bundle) -> None:
    arch, _stats, parsed, _out = bundle
    ids = {o.id: o for o in parsed.objects}
    reports = {r.external_references[0].external_id: r for r in _by_type(parsed, "report")}
    assert set(reports) == {arch.a1, arch.a2}
    r1 = reports[arch.a1]
    assert r1.name == "Brigade sanctioned" and r1.published.date().isoformat() == "2024-05-01"
    assert r1.external_references[0].url == "https://example.org/zb"
    names = {ids[ref].get("name") for ref in r1.object_refs if "name" in ids[ref]}
    assert {"Zainabiyoun Brigade", "US Treasury", "Ali Reza"} <= names
    quote = next(n for n in _by_type(parsed, "note") if n.abstract.startswith("Quote by Ali Reza"))
    assert quote.content == "The brigade is a recruitment pipeline,"
    assert r1.id in quote.object_refs and quote.id in r1.object_refs
    sanction = next(n for n in _by_type(parsed, "note") if n.abstract.startswith("Sanctions list match"))
    assert "ZAYNABIYOUN BRIGADE" in sanction.content and "SDGT" in sanction.content
    assert ids[sanction.object_refs[0]].name == "Zainabiyoun Brigade"
    assert not any("99999" in n.abstract for n in _by_type(parsed, "note"))  # rejected link


def test_bundle_is_deterministic(store, tmp_path: Path) -> None:
    build(store)
    export(store, "stix", tmp_path / "a.json")
    export(store, "stix", tmp_path / "b.json")
    assert (tmp_path / "a.json").read_text() == (tmp_path / "b.json").read_text()


def test_entity_bundle(store, tmp_path: Path) -> None:
    build(store)
    out = tmp_path / "zb.json"
    export(store, "stix", out, entity_id="ent-zb")
    parsed = stix2.parse(out.read_text(), allow_custom=False)
    names = {o.name for o in parsed.objects if o.type in ("identity", "threat-actor")}
    assert names == {"Zainabiyoun Brigade", "US Treasury"}


def test_validation_rejects_dangling_reference(bundle, tmp_path: Path) -> None:
    _arch, _stats, _parsed, out = bundle
    data = json.loads(out.read_text())
    data["objects"] = [o for o in data["objects"] if o["type"] != "threat-actor"]
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps(data))
    with pytest.raises(ExportError, match="not in the bundle"):
        validate_file(broken)
    broken.write_text('{"type": "bundle", "id": "bundle--1", "objects": [{"type": "threat-actor"}]}')
    with pytest.raises(ExportError, match="not a valid STIX"):
        validate_file(broken)


def _parts(outdir: Path) -> list[dict]:
    return [json.loads(p.read_text()) for p in sorted(outdir.glob("bundle-*.json"))]


@pytest.mark.parametrize("limit", [{"max_bundle_objects": 12}, {"max_bundle_bytes": 6000}])
def test_split_bundles_are_self_contained_and_cover_the_single_bundle(store, tmp_path: Path, limit) -> None:
    build(store)
    whole = tmp_path / "whole.json"
    export(store, "stix", whole)
    single = {o["id"]: o for o in json.loads(whole.read_text())["objects"]}
    outdir = tmp_path / "parts"
    stats = export(store, "stix", outdir, **limit)
    parts = _parts(outdir)
    assert len(parts) > 1 and stats.counts["bundle"] == len(parts) == len(stats.files)
    seen: dict[str, dict] = {}
    for path, part in zip(sorted(outdir.glob("bundle-*.json")), parts, strict=True):
        assert validate_file(path) == len(part["objects"])  # every reference resolves inside the part
        assert len(part["objects"]) <= limit.get("max_bundle_objects", 10**9)
        assert len(path.read_bytes()) <= limit.get("max_bundle_bytes", 10**9)
        for obj in part["objects"]:
            assert seen.setdefault(obj["id"], obj) == obj  # a repeated actor is the same object each time
    assert seen == single  # the parts say exactly what the one bundle says
    assert {k: v for k, v in stats.counts.items() if k != "bundle"} == export(store, "stix", whole).counts


def test_split_export_replaces_previous_parts(store, tmp_path: Path) -> None:
    build(store)
    outdir = tmp_path / "parts"
    export(store, "stix", outdir, max_bundle_objects=12)
    many = len(_parts(outdir))
    export(store, "stix", outdir, max_bundle_objects=40)
    assert len(_parts(outdir)) < many  # no stale part of the earlier export is left beside the new ones
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temporary or old copy left


def test_bundle_limit_too_small_for_one_article_is_an_error(store, tmp_path: Path) -> None:
    build(store)
    with pytest.raises(ExportError, match="exceed the bundle limit"):
        export(store, "stix", tmp_path / "parts", max_bundle_objects=2)
    assert not (tmp_path / "parts").exists()
    with pytest.raises(ExportError, match="STIX bundles only"):
        export(store, "ftm", tmp_path / "x", max_bundle_bytes=1000)


def test_split_part_refuses_a_reference_outside_it(tmp_path: Path) -> None:
    """Split parts are checked object by object as they are written (no whole-bundle parse in memory)."""
    from threatgraph.export.stats import ExportStats
    from threatgraph.export.stix import _Bundles

    stats = ExportStats(format="stix", out=tmp_path)
    parts = _Bundles(tmp_path, "all", stats, max_bytes=None, max_objects=10)
    actor = stix2.Identity(name="Someone", identity_class="individual")
    note = stix2.Note(content="said so", object_refs=[actor.id])
    parts.put([actor, note], [actor, note])  # the actor travels with the note: fine
    parts.flush()
    with pytest.raises(ExportError, match="not in the bundle"):
        parts.put([note], [note])  # a new part without the actor it points at
    parts.close()
    assert validate_file(tmp_path / "bundle-00001.json") == 2
