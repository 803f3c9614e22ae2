"""FollowTheMoney export: every entity re-validated by followthemoney, with the links analysts need."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from exportdata import build
from followthemoney import model

from threatgraph.export import ExportError, export
from threatgraph.export.ftm import validate_file


def _load(path: Path) -> dict[str, object]:
    proxies = [model.get_proxy(json.loads(line), cleaned=False) for line in path.read_text().splitlines()]
    return {p.id: p for p in proxies}


def test_full_export_validates_and_carries_the_graph(store, tmp_path: Path) -> None:
    arch = build(store)
    out = tmp_path / "archive.ftm.json"
    stats = export(store, "ftm", out)
    parc = tmp_path / "archive.ftm.parc.jsonl"
    assert stats.validated and stats.files == [out, parc]
    ents = _load(out)
    assert validate_file(out) == len(ents) == sum(stats.counts.values())

    zb = ents["ent-zb"]
    assert zb.schema.name == "Organization" and "mil" in zb.get("topics")
    assert "لواء زینبیون" in zb.get("alias")
    assert ents["ent-treasury"].schema.name == "PublicBody"
    assert ents["ent-aleppo"].schema.name == "Address" and ents["ent-aleppo"].get("country") == ["sy"]

    sanctions = [p for p in ents.values() if p.schema.name == "Sanction"]
    assert len(sanctions) == 1  # the rejected link to ent-ali is not exported
    [sanction] = sanctions
    assert sanction.get("entity") == ["ent-zb"] and sanction.get("program") == ["SDGT"]
    assert sanction.get("authority") == ["OFAC"] and sanction.get("authorityId") == ["32179"]
    [similar] = [p for p in ents.values() if p.schema.name == "Similar"]
    assert similar.get("candidate") == ["ent-zb"] and similar.get("match") == ["ofac-32179"]
    assert similar.get("confidenceScore") == ["0.93"]
    assert ents["ofac-32179"].get("name") == ["ZAYNABIYOUN BRIGADE"]

    [membership] = [p for p in ents.values() if p.schema.name == "Membership"]
    assert membership.get("member") == ["ent-ali"] and membership.get("organization") == ["ent-gpi"]
    assert membership.get("role") == ["a research fellow"]

    events = {p.get("recordId")[0]: p for p in ents.values() if p.schema.name == "Event"}
    sanction_event = next(p for p in events.values() if p.get("name")[0].startswith("SANCTION"))
    assert sorted(sanction_event.get("involved")) == ["ent-treasury", "ent-zb"]
    assert sanction_event.get("date") == ["2024-04-30"]
    assert sanction_event.get("proof") == [f"tg-article-{arch.a1}"]
    assert any("(negated)" in p.get("name")[0] for p in events.values())

    [note] = [p for p in ents.values() if p.schema.name == "Note"]
    assert note.get("entity") == ["ent-ali"] and "recruitment pipeline" in note.get("description")[0]
    [record] = [json.loads(line) for line in parc.read_text(encoding="utf-8").splitlines()]
    assert record["note"] == note.id and record["type"] == "direct" and record["kind"] == "speech"
    assert note.get("summary")[0].startswith("Quote by")  # a claim; a stance would say "Stance attributed"
    assert record["source"]["text"] == "Ali Reza" and record["cue"]["text"] == "said"
    src, cue, content = record["source"], record["cue"], record["content"]
    assert content["start"] < content["end"] <= cue["start"] < cue["end"] < src["start"] < src["end"]
    articles = [p for p in ents.values() if p.schema.name == "Article"]
    assert {a.get("contentHash")[0] for a in articles} == {arch.a1, arch.a2}
    mentions = [p for p in ents.values() if p.schema.name == "Mention"]
    assert all(m.get("document")[0].startswith("tg-article-") for m in mentions)
    assert not any(m.get("name") == ["Tuesday"] for m in mentions)  # dates are not names


def test_export_is_deterministic(store, tmp_path: Path) -> None:
    build(store)
    export(store, "ftm", tmp_path / "a.json")
    export(store, "ftm", tmp_path / "b.json")
    assert (tmp_path / "a.json").read_text() == (tmp_path / "b.json").read_text()


def test_entity_export_keeps_neighbours_only(store, tmp_path: Path) -> None:
    build(store)
    out = tmp_path / "ali.json"
    export(store, "ftm", out, entity_id="ent-ali")
    ents = _load(out)
    legal = {p.id for p in ents.values() if p.schema.is_a("LegalEntity")}
    assert legal == {"ent-ali", "ent-gpi"}  # the speaker and the institute he speaks for


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ('{"id": "x1", "schema": "Person", "properties": {"name": ["B"], "nationality": ["xx-nope"]}}', "cleaning"),
        ('{"id": "m1", "schema": "Membership", "properties": {"role": ["boss"]}}', "required"),
        ('{"id": "n1", "schema": "Note", "properties": {"entity": ["ghost"]}}', "ghost"),
        ('{"id": "q1", "schema": "NoSuchSchema", "properties": {}}', "not a valid FtM entity"),
        ("{not json", "not a valid FtM entity"),
    ],
)
def test_validation_rejects_bad_files_naming_the_line(tmp_path: Path, line: str, reason: str) -> None:
    path = tmp_path / "bad.json"
    path.write_text('{"id": "ok1", "schema": "Person", "properties": {"name": ["A"]}}\n' + line + "\n")
    with pytest.raises(ExportError, match=reason) as err:
        validate_file(path)
    assert "bad.json" in str(err.value)


def test_a_parc_sidecar_naming_an_unknown_note_fails_validation(store, tmp_path: Path) -> None:
    build(store)
    out = tmp_path / "a.json"
    export(store, "ftm", out)
    sidecar = tmp_path / "a.parc.jsonl"
    rec = json.loads(sidecar.read_text(encoding="utf-8").splitlines()[0])
    sidecar.write_text(json.dumps({**rec, "note": "tg-quote-nope"}) + "\n", encoding="utf-8")
    with pytest.raises(ExportError, match="PARC record"):
        validate_file(out)
