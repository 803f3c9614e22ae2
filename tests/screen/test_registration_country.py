"""A listed body's country from its identifiers (issue 9, session 18).

OFAC writes a company's country only beside its registration or tax number ("Tax ID No. ... (<Country>)"); the
loader dropped it, so a namesake body of another country contradicted nothing the entry said. Rows are invented.
"""

from __future__ import annotations

from pathlib import Path

from threatgraph.screen.formats import parse_files

_BLANK = ",-0- " * 7
ROWS = [
    '9801,"LIMITED LIABILITY COMPANY HARBOURSTONE",-0- ,"RUSSIA-EO14024"'
    + _BLANK
    + ",\"Tax ID No. 7700000000 (Russia); Registration Number 1157700000000 (Russia); a.k.a. 'HARBOURSTONE HOLDING'.\"",
    '9802,"VELDRANE, Oskar","individual","RUSSIA-EO14024"'
    + _BLANK
    + ',"DOB 01 Jan 1970; nationality Russia; Passport 123456 (Sudan)."',
    '9803,"GREYWATER SHIPPING CO",-0- ,"SDGT"' + _BLANK + ',"Registration Number 55-123."',
]


def _entries(tmp_path: Path) -> dict[str, dict]:
    sdn = tmp_path / "sdn.csv"
    sdn.write_text("\n".join(ROWS) + "\n", encoding="utf-8")
    (plist,) = parse_files([sdn])
    return {e["id"]: e["properties"] for e in plist.entries}


def test_a_bodys_identifier_country_is_its_jurisdiction(tmp_path: Path) -> None:
    """Failed before session 18: the country in brackets was dropped with the identifier's tail."""
    e = _entries(tmp_path)
    assert e["ofac-9801"]["jurisdiction"] == ["ru"]
    assert e["ofac-9801"]["taxNumber"] == ["7700000000"]


def test_a_persons_passport_country_is_not_read_as_a_country_of_the_person(tmp_path: Path) -> None:
    """Control: a national of one country may hold another's passport; the list states the nationality."""
    e = _entries(tmp_path)
    assert "jurisdiction" not in e["ofac-9802"]
    assert e["ofac-9802"]["nationality"] == ["ru"]
    assert "sd" not in (e["ofac-9802"].get("country") or [])


def test_an_identifier_without_a_country_adds_none(tmp_path: Path) -> None:
    assert "jurisdiction" not in _entries(tmp_path)["ofac-9803"]
