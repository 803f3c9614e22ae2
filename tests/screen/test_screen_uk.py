"""UK lists: the FCDO UK Sanctions List XML and OFSI's consolidated list XML (invented fixtures in the official
layouts), their dates, hostile and broken input, storing, and screening across scripts and spellings."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from threatgraph.screen.entries import ListError
from threatgraph.screen.formats import parse_files
from threatgraph.screen.uk_xml import uk_date


def by_id(entries: list[dict]) -> dict[str, dict]:
    return {e["id"]: e for e in entries}


def test_uk_sanctions_list(fixtures: Path) -> None:
    (plist,) = parse_files([fixtures / "uk.xml"])
    assert (plist.dataset, plist.format, str(plist.published)) == ("gb_fcdo_sanctions", "uk-xml", "2024-05-02")
    entries = by_id(plist.entries)
    assert set(entries) == {"uk-CTI9001", "uk-CTI9002", "uk-RUS9003"}
    group = entries["uk-CTI9001"]
    props = group["properties"]
    assert group["schema"] == "Organization"
    # The primary name is the name even though an alias comes first in the file.
    assert props["name"] == ["Liwa al-Anhar al-Shamaliya"]
    assert "Northern Rivers Battalion" in props["alias"] and "لواء الأنهار الشمالية" in props["alias"]
    assert "Liwa al Anhar al Shamaliyah" in props["alias"] and props["weakAlias"] == ["The River Men"]
    sanction = group["sanction"]["properties"]
    assert sanction["program"] == ["Counter-Terrorism (International)"] and sanction["listingDate"] == ["2021-03-16"]
    assert sanction["authorityId"] == ["CTI9001"] and "Asset freeze" in sanction["provisions"]
    person = entries["uk-CTI9002"]
    assert person["schema"] == "Person" and person["properties"]["name"] == ["Karim Abdul Rahman QASSEMI"]
    assert sorted(person["properties"]["birthDate"]) == ["1971", "1972-05-04"]
    assert person["properties"]["nationality"] == ["ir"] and person["properties"]["birthPlace"] == ["Mashhad, Iran"]
    ship = entries["uk-RUS9003"]
    assert ship["schema"] == "Vessel" and ship["properties"]["imoNumber"] == ["IMO9100009"]
    assert ship["properties"]["flag"] == ["ga"]


def test_ofsi_consolidated_list_groups_rows(fixtures: Path) -> None:
    (plist,) = parse_files([fixtures / "ofsi.xml"])
    assert (plist.dataset, plist.format) == ("gb_hmt_sanctions", "ofsi-xml")
    entries = by_id(plist.entries)
    assert set(entries) == {"ofsi-90002", "ofsi-90004"}
    person = entries["ofsi-90002"]["properties"]
    assert person["name"] == ["Karim Abdul Rahman QASSEMI"] and person["alias"] == ["Kareem KASEMI"]
    assert person["weakAlias"] == ["Abu Karim"] and person["passportNumber"] == ["X12345678"]
    assert person["birthDate"] == ["1971"] and person["title"] == ["Haji"]
    sanction = entries["ofsi-90002"]["sanction"]["properties"]
    assert sanction["listingDate"] == ["2021-10-19"] and sanction["authorityId"] == ["CTI9002"]
    company = entries["ofsi-90004"]["properties"]
    assert company["name"] == ["Crescent Moon Exchange LLC"] and company["previousName"] == [
        "Crescent Moon Money Exchange"
    ]
    assert company["alias"] == ["صرافة الهلال"] and company["country"] == ["ae"]


UK_HEAD = '<?xml version="1.0" encoding="utf-8"?><Designations>'
OFSI_HEAD = '<?xml version="1.0"?><ArrayOfFinancialSanctionsTarget xmlns="http://schemas.hmtreasury.gov.uk/ofsi/consolidatedlist">'


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (UK_HEAD + "<Designation><Names><Name><Name6>X</Name6></Name></Names></Designation></Designations>",
         "designation #1 has no UniqueID"),
        (UK_HEAD + "<Designation><UniqueID>A1</UniqueID><IndividualEntityShip>Aircraft</IndividualEntityShip>"
         "<Names><Name><Name6>X</Name6></Name></Names></Designation></Designations>",
         "A1: unknown party type 'Aircraft'"),
        (UK_HEAD + "<Designation><UniqueID>A2</UniqueID><IndividualEntityShip>Entity</IndividualEntityShip>"
         "<Names><Name><Name6>  </Name6></Name></Names></Designation></Designations>", "A2 has no name"),
        (UK_HEAD + "</Designations>", "no list entries found"),
        (UK_HEAD + "<Designation><UniqueID>A3</UniqueID>", "malformed or truncated"),
        (OFSI_HEAD + "<FinancialSanctionsTarget><Name6>Y</Name6></FinancialSanctionsTarget>"
         "</ArrayOfFinancialSanctionsTarget>", "row #1 ('Y') has no GroupID"),
        (OFSI_HEAD + "<FinancialSanctionsTarget><Name6>Y</Name6><GroupID>7</GroupID><GroupTypeDescription>Individual"
         "</GroupTypeDescription></FinancialSanctionsTarget><FinancialSanctionsTarget><Name6>Z</Name6><GroupID>7"
         "</GroupID><GroupTypeDescription>Entity</GroupTypeDescription></FinancialSanctionsTarget>"
         "</ArrayOfFinancialSanctionsTarget>", "group 7: expected one GroupTypeDescription, found Entity, Individual"),
        (OFSI_HEAD + "<FinancialSanctionsTarget><GroupID>8</GroupID><GroupTypeDescription>Entity"
         "</GroupTypeDescription></FinancialSanctionsTarget></ArrayOfFinancialSanctionsTarget>", "group 8 has no name"),
    ],
)  # fmt: skip
def test_broken_uk_files_name_file_and_reason(tmp_path: Path, content: str, reason: str) -> None:
    path = tmp_path / "uk-broken.xml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ListError) as err:
        parse_files([path])
    assert str(path) in str(err.value) and reason in str(err.value), str(err.value)


def test_hostile_uk_xml_refused(tmp_path: Path) -> None:
    path = tmp_path / "bomb.xml"
    lol = "".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10))
    path.write_text(
        f'<?xml version="1.0"?><!DOCTYPE Designations [<!ENTITY lol0 "lol">{lol}]>'
        "<Designations><Designation><UniqueID>&lol9;</UniqueID></Designation></Designations>"
    )
    with pytest.raises(ListError, match="hostile XML"):
        parse_files([path])


def test_bad_uk_file_stores_nothing(store, fixtures: Path, tmp_path: Path) -> None:
    from threatgraph.screen.index import get_index
    from threatgraph.screen.lists import list_summary, load_files
    from threatgraph.screen.query import Query

    load_files(store, [fixtures / "uk.xml"])
    broken = tmp_path / "uk-next.xml"
    broken.write_text(UK_HEAD + "<Designation><Names/></Designation></Designations>", encoding="utf-8")
    with pytest.raises(ListError):
        load_files(store, [broken])
    (summary,) = list_summary(store)
    assert summary["dataset"] == "gb_fcdo_sanctions" and summary["versions"] == 1 and summary["entries"] == 3
    index = get_index(store)
    top = index.match(Query(["Liwa al-Anhar al-Shamaliya"]))[0]
    assert top.entry_id == "uk-CTI9001" and top.match


def test_uk_entries_screen_across_scripts_and_spellings(store, fixtures: Path) -> None:
    from threatgraph.screen.index import get_index
    from threatgraph.screen.lists import load_files
    from threatgraph.screen.query import Query

    load_files(store, [fixtures / "uk.xml"])
    load_files(store, [fixtures / "ofsi.xml"])
    index = get_index(store)
    for query, expected in [
        ("لواء الأنهار الشمالية", {"uk-CTI9001"}),
        ("Northern Rivers Brigade", {"uk-CTI9001"}),
        ("QASSEMI, Karim Abdulrahman", {"uk-CTI9002", "ofsi-90002"}),
        ("Crescent Moon Exchange", {"ofsi-90004"}),
    ]:
        found = index.match(Query([query]), limit=3)
        assert found and found[0].entry_id in expected and found[0].match, (query, found[:1])
    # The two UK lists name the same person: both entries come back.
    ids = {c.entry_id for c in index.match(Query(["Karim Abdul Rahman Qassemi"], schema="Person")) if c.match}
    assert ids == {"uk-CTI9002", "ofsi-90002"}


@given(st.integers(min_value=0, max_value=31), st.integers(min_value=0, max_value=13), st.integers(1900, 2030))
def test_uk_date_is_a_valid_prefix(day: int, month: int, year: int) -> None:
    iso = uk_date(f"{day:02d}/{month:02d}/{year}")
    assert iso is not None and iso.startswith(str(year))
    assert re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", iso)
    if len(iso) == 10:
        from datetime import date

        assert date.fromisoformat(iso) == date(year, month, day)


@given(st.text(max_size=40))
def test_uk_date_never_raises(text: str) -> None:
    iso = uk_date(text)
    assert iso is None or re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", iso)
