"""Public names of one body (names/bodies.py): "ISIS", "Islamic State" and "Daesh" are one actor; a branch,
a unit named with a designator and another body's acronym stay apart."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from threatgraph import resolve
from threatgraph.datafiles import DataFileError, load_yaml
from threatgraph.names.bodies import BODIES_FILE, build, form_keys, public_names
from threatgraph.names.forms import name_form
from threatgraph.names.schemas import BodiesFile
from threatgraph.store.schema import mentions, sanction_links

from .conftest import build as article
from .test_cluster import entity_of


def _forms(*names: str) -> list:
    return [name_form(n, "ArmedGroup") for n in names]


def test_no_name_of_the_table_names_two_bodies() -> None:
    table = public_names()
    shared = {k: v for k, v in table.bodies_of.items() if len(v) > 1}
    assert not shared, f"names of two bodies in {BODIES_FILE.name}: {shared}"
    for body, names in load_yaml(BODIES_FILE, BodiesFile)["bodies"].items():
        assert table.bodies(_forms(*names)) == {body}


def test_names_of_one_body_and_of_different_bodies() -> None:
    table = public_names()
    assert table.same_body(_forms("Daesh"), _forms("Islamic State of Iraq and al-Sham"))
    assert table.same_body(_forms("Houthi"), _forms("Ansar Allah"))
    assert not table.same_body(_forms("ISIS"), _forms("ISIS-K"))  # a branch is another body
    assert not table.same_body(_forms("Hizballah"), _forms("Kata'ib Hizballah"))  # the designator is a name part
    assert not table.same_body(_forms("IRGC"), _forms("IRGC-QF"))
    # an entity already holding names of two bodies is evidence for neither
    assert not table.same_body(_forms("ISIS"), _forms("Islamic State", "Hamas"))


def test_a_key_two_bodies_share_names_neither() -> None:
    table = build({"one": ["Qandor Front", "QF Vellacott"], "two": ["Qandor Front", "Amsel Army"]})
    assert table.bodies(_forms("Qandor Front")) == set()
    assert table.bodies(_forms("Amsel Army")) == {"two"}
    assert form_keys(name_form("Liwa Qandor", "ArmedGroup")) != form_keys(name_form("Qandor", "ArmedGroup"))


def test_the_table_is_checked_on_load(tmp_path) -> None:
    bad = tmp_path / "bodies.yaml"
    bad.write_text("bodies:\n  one: [Only One Name]\n", encoding="utf-8")
    with pytest.raises(DataFileError):
        load_yaml(bad, BodiesFile)


def test_public_names_of_one_body_resolve_to_one_actor(store, add) -> None:
    ids = add(
        article("ISIS fighters attacked a checkpoint near Raqqa.", [("ArmedGroup", ["ISIS"]), ("Location", ["Raqqa"])]),
        article("The Islamic State claimed the attack.", [("ArmedGroup", ["Islamic State"])]),
        article("Daesh and ISIS-K were named in the report.", [("ArmedGroup", ["Daesh"]), ("ArmedGroup", ["ISIS-K"])]),
        # one article naming the body both ways, kept apart by the extractor: still one actor
        article(
            "The Islamic State lost ground; ISIS fighters fled.",
            [("ArmedGroup", ["Islamic State"]), ("ArmedGroup", ["ISIS"])],
        ),
    )
    resolve.update(store, ids)
    one = set().union(*(entity_of(store, t) for t in ("ISIS", "Islamic State", "Daesh")))
    assert len(one) == 1
    assert entity_of(store, "ISIS-K").isdisjoint(one)


def test_one_branch_under_two_names_of_its_body() -> None:
    """ "<Body> in <Region>" under two of the body's names is one branch; the initials of the region after
    the body's acronym too; another region, the parent alone, or a designator-led name are not it."""
    table = build({"qv": ["Qandor Vellacott", "QV", "Dawla Qandor"], "amsel": ["Amsel Army"]})
    assert table.same_branch(_forms("QV in the Ostrova Hills"), _forms("Dawla Qandor in the Ostrova Hills"))
    assert table.same_branch(_forms("QV-OH"), _forms("Qandor Vellacott in the Ostrova Hills"))
    assert table.same_branch(_forms("Qandor Vellacott's Dorland"), _forms("QV Dorland"))  # a possessive opening
    assert not table.same_branch(_forms("QV Dorland"), _forms("QV Ruritania"))
    assert not table.same_branch(_forms("QV"), _forms("Qandor Vellacott in the Ostrova Hills"))
    assert not table.same_branch(_forms("Amsel Army Dorland"), _forms("QV Dorland"))
    assert not table.same_branch(_forms("Liwa Qandor Vellacott Dorland"), _forms("QV Dorland"))
    keys = table.branch_keys(_forms("QV in the Ostrova Hills"))
    assert "Organization|n:dawla qandor ostrova hills" in keys


def test_a_branch_named_under_two_names_of_its_body_resolves_to_one_actor(store, add) -> None:
    ids = add(
        article("ISIS in the Vellacott Hills attacked a post.", [("ArmedGroup", ["ISIS in the Vellacott Hills"])]),
        article(
            "The Islamic State in the Vellacott Hills claimed it; ISIS denied.",
            [("ArmedGroup", ["Islamic State in the Vellacott Hills"]), ("ArmedGroup", ["ISIS"])],
        ),
        article("Daesh in Dorland was named.", [("ArmedGroup", ["Daesh in Dorland"])]),
    )
    resolve.update(store, ids)
    branch = entity_of(store, "ISIS in the Vellacott Hills")
    assert branch == entity_of(store, "Islamic State in the Vellacott Hills")
    assert branch.isdisjoint(entity_of(store, "ISIS")) and branch.isdisjoint(entity_of(store, "Daesh in Dorland"))


def test_a_name_is_screened_under_its_bodys_other_names() -> None:
    """A list snapshot may hold one of a body's names only ("QV-OSTROVA HILLS" with no a.k.a.) and the matcher
    compares words: a name of the body, or a branch named by one, is also screened under the body's other names
    (session 16: "Islamic State in <Region>" never found the listed "ISIS-<REGION>")."""
    table = build({"qv": ["Qandor Vellacott", "QV", "Dawla Qandor"], "amsel": ["Amsel Army"]})
    assert set(table.other_names(name_form("Qandor Vellacott", "ArmedGroup"))) == {"QV", "Dawla Qandor"}
    assert "QV ostrova hills" in table.other_names(name_form("Qandor Vellacott in the Ostrova Hills", "ArmedGroup"))
    assert table.other_names(name_form("Vellar Qandor Front", "ArmedGroup")) == []
    # a listed branch aligns with the news branch under another name of its body, not the parent or another region
    branch = _forms("Qandor Vellacott in the Ostrova Hills")
    assert table.one_body(branch, _forms("QV-OSTROVA HILLS"))
    assert not table.one_body(_forms("Qandor Vellacott"), _forms("QV-OSTROVA HILLS"))
    assert not table.one_body(branch, _forms("QV-DORLAND"))
    assert table.one_body(_forms("Dawla Qandor"), _forms("QV"))
    # "Province" after the region marks the branch and names nothing itself
    assert table.one_body(_forms("Qandor Vellacott Ostrova Province"), _forms("QV-OSTROVA"))
    assert not table.one_body(_forms("Qandor Vellacott Province"), _forms("QV"))


def test_a_branch_listed_under_the_bodys_acronym_is_linked(store, add, tmp_path, monkeypatch) -> None:
    """The article names the branch by the body's name, the list by its acronym: one listed body, linked as a
    list a.k.a. would link it; the parent and another region's branch are not linked to it."""
    from threatgraph.resolve import judge, sanctions
    from threatgraph.screen.lists import load_files

    table = build({"qv": ["Qandor Vellacott", "QV"]})
    for module in (sanctions, judge):  # the table as shipped names real bodies; this one is invented
        monkeypatch.setattr(module, "public_names", lambda: table)
    sdn = tmp_path / "sdn.csv"
    sdn.write_text('9301,"QV-OSTROVA HILLS",-0- ,"SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \n', encoding="utf-8")
    load_files(store, [sdn], dataset="ofac")
    ids = add(
        article(
            "The Qandor Vellacott in the Ostrova Hills claimed the raid on the depot.",
            [("ArmedGroup", ["Qandor Vellacott in the Ostrova Hills"])],
        ),
        article("The Qandor Vellacott in Dorland denied it.", [("ArmedGroup", ["Qandor Vellacott in Dorland"])]),
    )
    resolve.update(store, ids)
    with store.connect() as conn:
        rows = conn.execute(
            select(mentions.c.text, sanction_links.c.entry_id, sanction_links.c.status).join(
                sanction_links, sanction_links.c.entity_id == mentions.c.entity_id
            )
        ).all()
    assert {(r[0], r[1], r[2]) for r in rows} == {("Qandor Vellacott in the Ostrova Hills", "ofac-9301", "probable")}


def test_a_public_name_is_screened_under_its_regions_listed_name(monkeypatch) -> None:
    """The table writes a body's long name with one of the region's names ("... and Syria"), the list with another
    ("... AND THE LEVANT"): the body's other public names are screened under the region's own name too, so an
    article's acronym or short name reaches the listed long name at the matcher's bar (session 20: "ISIS" and
    "Islamic State" found the listed "... OF IRAQ AND THE LEVANT" under the bar and stayed for review)."""
    from threatgraph.resolve import sanctions

    table = build({"qv": ["Qandor Vellacott", "Qandor Vellacott of Dorland and Syria", "QVDS"]})
    monkeypatch.setattr(sanctions, "public_names", lambda: table)
    names = sanctions.query_names(["QVDS"], "ArmedGroup")
    assert "Qandor Vellacott of Dorland and levant" in names
    assert "Qandor Vellacott of Dorland and levant" in sanctions.query_names(["Qandor Vellacott"], "ArmedGroup")
    # a name of no body of the table gains only its own region variant
    assert sanctions.query_names(["Amsel Army"], "ArmedGroup") == ["Amsel Army"]


def test_a_body_listed_under_the_regions_other_name_is_linked(store, add, tmp_path, monkeypatch) -> None:
    """The article names the body by its acronym only, the list by its long name with the region's other name:
    one listed body, linked probable; a branch of another region listed beside it is not linked."""
    from threatgraph.resolve import judge, sanctions
    from threatgraph.screen.lists import load_files

    table = build({"qv": ["Qandor Vellacott", "Qandor Vellacott of Dorland and Syria", "QVDS"]})
    for module in (sanctions, judge):
        monkeypatch.setattr(module, "public_names", lambda: table)
    sdn = tmp_path / "sdn.csv"
    sdn.write_text(
        '9302,"QANDOR VELLACOTT OF DORLAND AND THE LEVANT",-0- ,"SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \n'
        '9303,"QANDOR VELLACOTT OF DORLAND AND SYRIA - OSTROVA",-0- ,"SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \n',
        encoding="utf-8",
    )
    load_files(store, [sdn], dataset="ofac")
    ids = add(article("QVDS fighters took the bridge at dawn.", [("ArmedGroup", ["QVDS"])]))
    resolve.update(store, ids)
    with store.connect() as conn:
        rows = conn.execute(
            select(mentions.c.text, sanction_links.c.entry_id, sanction_links.c.status).join(
                sanction_links, sanction_links.c.entity_id == mentions.c.entity_id
            )
        ).all()
    assert {(r[0], r[1], r[2]) for r in rows if r[2] == "probable"} == {("QVDS", "ofac-9302", "probable")}


def test_a_public_acronym_the_article_spells_out_otherwise_stays_for_review(monkeypatch) -> None:
    """The table's acronym reads as a name of the listed body, unless the article's own long name for the actor is
    another body (a think tank sharing the letters): then it needs the entry's affiliation like any acronym."""
    from threatgraph.resolve import judge as judge_module
    from threatgraph.resolve.judge import POSSIBLE, PROBABLE, ActorFacts, judge

    table = build({"qv": ["Qandor Vellacott", "Qandor Vellacott of Dorland and Syria", "QVDS"]})
    monkeypatch.setattr(judge_module, "public_names", lambda: table)
    listed = {"schema": "Organization", "properties": {"name": ["QANDOR VELLACOTT OF DORLAND AND THE LEVANT"]}}
    alone = ActorFacts("Organization", _forms("QVDS"), {})
    j = judge(alone, listed, "Organization")
    assert j.state == PROBABLE and j.name_kind == "full"
    both = ActorFacts("Organization", _forms("QVDS", "Qandor Vellacott"), {})
    assert judge(both, listed, "Organization").state == PROBABLE
    spelt = ActorFacts("Organization", _forms("QVDS", "Quorum for Vellar Defence Studies"), {})
    j = judge(spelt, listed, "Organization")
    assert j.state == POSSIBLE
    assert any("stands for another body" in x for x in j.evidence_against)


def test_a_public_name_of_common_words_is_the_listed_bodys_name(monkeypatch) -> None:
    """Every word of "Qandor Vellacott" is common on the list, which alone sends the link to review (a description
    many bodies carry); the table states it names the listed body in news use, as a second listed name would. A
    name of the same common words that the table does not give the body still needs corroboration."""
    from types import SimpleNamespace

    from threatgraph.resolve import judge as judge_module
    from threatgraph.resolve.judge import POSSIBLE, PROBABLE, PUBLIC_NAME, ActorFacts, judge
    from threatgraph.resolve.sanctions import common_word_group

    table = build({"qv": ["Qandor Vellacott", "Qandor Vellacott of Dorland and Syria"]})
    monkeypatch.setattr(judge_module, "public_names", lambda: table)
    index = SimpleNamespace(names=[()] * 1000, df={"qandor": 40, "vellacott": 40, "dorland": 40})
    listed = {"schema": "Organization", "properties": {"name": ["QANDOR VELLACOTT OF DORLAND AND THE LEVANT"]}}
    public = judge(ActorFacts("Organization", _forms("Qandor Vellacott"), {}), listed, "Organization")
    assert public.state == PROBABLE and any(x.startswith(PUBLIC_NAME) for x in public.evidence_for)
    common_word_group(public, index)
    assert public.state == PROBABLE
    other = {"schema": "Organization", "properties": {"name": ["QANDOR VELLACOTT OF DORLAND"]}}
    bare = judge(ActorFacts("Organization", _forms("Qandor Vellacott Dorland"), {}), other, "Organization")
    assert not any(x.startswith(PUBLIC_NAME) for x in bare.evidence_for)
    common_word_group(bare, index)
    assert bare.state == POSSIBLE
