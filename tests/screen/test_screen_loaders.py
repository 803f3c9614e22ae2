"""List loaders: each official format becomes FtM entities with names, programs, dates, ids and a Sanction."""

from __future__ import annotations

from pathlib import Path

import pytest

from threatgraph.screen.entries import ListError, parse_dates
from threatgraph.screen.formats import parse_files
from threatgraph.screen.un_xml import alias_names


def by_id(entries: list[dict]) -> dict[str, dict]:
    return {e["id"]: e for e in entries}


def test_ofac_csv_remarks_only(fixtures: Path) -> None:
    (plist,) = parse_files([fixtures / "sdn.csv"])
    assert (plist.dataset, plist.format, len(plist.entries)) == ("us_ofac_sdn", "ofac-csv", 5)
    e = by_id(plist.entries)
    brigade = e["ofac-100"]
    assert brigade["schema"] == "Organization"
    assert brigade["sanction"]["properties"]["program"] == ["SDGT", "IRGC"]
    assert brigade["links"] == ["ISLAMIC REVOLUTIONARY GUARD CORPS (IRGC)-QODS FORCE"]
    person = e["ofac-102"]["properties"]
    assert e["ofac-102"]["schema"] == "Person"
    assert person["name"] == ["Karim Abd al-Salam QARADAGHI"]
    assert person["birthDate"] == ["1971-03-12", "1972"]
    assert person["nationality"] == ["iq"]
    assert person["passportNumber"] == ["A1234567"]
    assert set(person["alias"]) == {"ABU KARIM", "Kareem QARADAGHI"}
    vessel = e["ofac-103"]
    assert vessel["schema"] == "Vessel"
    assert vessel["properties"]["imoNumber"] == ["IMO9123453"]
    assert vessel["properties"]["previousName"] == ["SOUTHERN STAR"]
    assert vessel["properties"]["flag"] == ["mt"]
    org = e["ofac-104"]["properties"]
    assert org["registrationNumber"] == ["55-123"]
    assert "Unknown clause kept" in org["notes"]  # nothing the list says is lost


def test_ofac_csv_with_alt_and_add(fixtures: Path) -> None:
    (plist,) = parse_files([fixtures / "sdn.csv", fixtures / "alt.csv", fixtures / "add.csv"])
    e = by_id(plist.entries)
    assert "Karim AL-QARADAGHI" in e["ofac-102"]["properties"]["alias"]
    assert e["ofac-104"]["properties"]["previousName"] == ["CRESCENT GOLD GENERAL TRADING"]
    assert e["ofac-104"]["properties"]["country"] == ["ae"]
    assert "Office 12, Gold Souk Building, Dubai, United Arab Emirates" in e["ofac-104"]["properties"]["address"]


def test_ofac_xml_same_ids_as_csv(fixtures: Path) -> None:
    (plist,) = parse_files([fixtures / "sdn.xml"])
    assert plist.format == "ofac-xml"
    assert plist.published is not None and plist.published.isoformat() == "2024-05-03"
    e = by_id(plist.entries)
    assert set(e) == {"ofac-100", "ofac-102", "ofac-103"}
    assert e["ofac-100"]["properties"]["alias"] == ["LIWA ZAINABIYOUN"]
    assert e["ofac-102"]["properties"]["weakAlias"] == ["ABU KARIM"]
    assert e["ofac-102"]["properties"]["birthDate"] == ["1971-03-12"]
    assert e["ofac-103"]["properties"]["imoNumber"] == ["IMO9123453"]


def test_un_xml(fixtures: Path) -> None:
    (plist,) = parse_files([fixtures / "un.xml"])
    assert (plist.dataset, plist.format) == ("un_sc_sanctions", "un-xml")
    e = by_id(plist.entries)
    person = e["un-QDi.900"]["properties"]
    assert "حميد يوسف البدري" in person["name"]  # original script kept
    assert person["weakAlias"] == ["Abu Hamid"]
    assert person["alias"] == ["Abu Yusuf al-Iraqi", "Abu Yousef al-Iraqi"]  # one element, two spellings
    assert person["passportNumber"] == ["B7654321"]
    assert e["un-QDe.900"]["sanction"]["properties"]["listingDate"] == ["2015-01-10"]


def test_ftm_json(fixtures: Path) -> None:
    (plist,) = parse_files([fixtures / "entities.ftm.json"])
    assert plist.dataset == "testset"
    e = by_id(plist.entries)
    assert set(e) == {"os-kestrel", "os-ivanov"}  # the Address is not a listed party
    assert e["os-kestrel"]["sanction"]["properties"]["program"] == ["RUSSIA-EO14024"]


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty file"),
        (b"\x00\x01\x02binary", "binary"),
        (b'1,"A","B"\n', "3 columns"),
        (b'100,"X",-0- ,"SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \n101,"Y"\n', "line 2"),
        (b"<?xml version='1.0'?><html><body/></html>", "wrong XML root"),
        (b"<?xml version='1.0'?><sdnList><sdnEntry><uid>1</uid>", "malformed or truncated"),
        (b'{"id": "x", "schema": "NoSuchSchema"}\n', "not a FollowTheMoney entity"),
    ],
)
def test_bad_files_name_file_and_reason(tmp_path: Path, content: bytes, reason: str) -> None:
    path = tmp_path / "bad.dat"
    path.write_bytes(content)
    with pytest.raises(ListError) as err:
        parse_files([path])
    assert str(path) in str(err.value) and reason in str(err.value)


def test_billion_laughs_refused(tmp_path: Path) -> None:
    path = tmp_path / "bomb.xml"
    lol = "".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10))
    path.write_text(f'<?xml version="1.0"?><!DOCTYPE sdnList [<!ENTITY lol0 "lol">{lol}]><sdnList>&lol9;</sdnList>')
    with pytest.raises(ListError, match="hostile XML"):
        parse_files([path])


def test_external_entity_refused(tmp_path: Path) -> None:
    path = tmp_path / "xxe.xml"
    path.write_text('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><sdnList>&e;</sdnList>')
    with pytest.raises(ListError, match="hostile XML"):
        parse_files([path])


def test_alt_without_sdn_refused(fixtures: Path) -> None:
    with pytest.raises(ListError, match="need sdn.csv"):
        parse_files([fixtures / "alt.csv"])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12 Mar 1971", ["1971-03-12"]),
        ("circa 1971", ["1971"]),
        ("1968 to 1970", ["1968", "1970"]),
        ("Mar 1971", ["1971-03"]),
        ("2015-01-10", ["2015-01-10"]),
        ("unknown", []),
    ],
)
def test_parse_dates(text: str, expected: list[str]) -> None:
    assert parse_dates(text) == expected


def test_ofac_advanced_xml(fixtures: Path) -> None:
    (plist,) = parse_files([fixtures / "sdn_advanced.xml"])
    assert plist.format == "ofac-advanced-xml" and plist.published.isoformat() == "2024-05-03"
    e = by_id(plist.entries)
    assert set(e) == {"ofac-100", "ofac-102", "ofac-103"}
    assert e["ofac-100"]["properties"]["alias"] == ["LIWA ZAINABIYOUN"]
    assert e["ofac-100"]["sanction"]["properties"]["program"] == ["SDGT", "IRGC"]  # the "Block" measure is no program
    assert e["ofac-100"]["sanction"]["properties"]["listingDate"] == ["2019-01-24"]
    person = e["ofac-102"]
    assert person["schema"] == "Person" and person["links"] == ["ZAYNABIYOUN BRIGADE"]
    assert person["properties"]["birthDate"] == ["1971-03-12"]
    assert person["properties"]["nationality"] == ["iq"]
    assert person["properties"]["birthPlace"] == ["Mosul, Iraq"]
    assert person["properties"]["passportNumber"] == ["A1234567"]
    assert person["properties"]["weakAlias"] == ["ABU KARIM"]
    vessel = e["ofac-103"]
    assert vessel["schema"] == "Vessel" and vessel["properties"]["imoNumber"] == ["IMO9123453"]
    assert vessel["properties"]["flag"] == ["mt"] and vessel["properties"]["previousName"] == ["SOUTHERN STAR"]


def test_eu_xml(fixtures: Path) -> None:
    (plist,) = parse_files([fixtures / "eu.xml"])
    assert (plist.dataset, plist.format, plist.published.isoformat()) == ("eu_fsf", "eu-xml", "2024-05-03")
    e = by_id(plist.entries)
    company, person = e["eu-990001"], e["eu-990002"]
    assert company["schema"] == "Organization"
    assert company["properties"]["alias"] == ["ООО Кестрел Логистикс"]  # script kept
    assert company["properties"]["registrationNumber"] == ["1027700000001"]
    assert company["sanction"]["properties"]["program"] == ["RUS"]
    assert person["schema"] == "Person" and person["properties"]["name"] == ["Pyotr Ivanovich Sorokin"]
    assert person["properties"]["weakAlias"] == ["Petya"]
    assert person["properties"]["birthDate"] == ["1966-04-02"] and person["properties"]["nationality"] == ["ru"]
    assert person["properties"]["passportNumber"] == ["4510 123456"]
    assert person["sanction"]["properties"]["listingDate"] == ["2014-03-17"]


def test_un_alias_elements_holding_several_writings_give_one_name_each() -> None:
    assert alias_names("Dorian Keth; Dorian Kethe") == ["Dorian Keth", "Dorian Kethe"]
    # a bracket with the name in another script is another writing of it, itself perhaps several spellings
    assert alias_names("دوريان كيث (Dorian Keth; Dorian Kethe)") == ["دوريان كيث", "Dorian Keth", "Dorian Kethe"]
    assert alias_names("Brenno Vell (布雷诺)") == ["Brenno Vell", "布雷诺"]
    # a bracket in the name's own script qualifies the name and stays, semicolons in it included
    assert alias_names("Brenno Vell (birth name)") == ["Brenno Vell (birth name)"]
    assert alias_names("Brenno Vell (a; b)") == ["Brenno Vell (a; b)"]
